#include "scheduler/plugins/taint_toleration/taint_toleration.h"

#include "scheduler/plugins/helper/normalize_score.h"

namespace kp::scheduler::plugins {

using namespace framework;

Status TaintToleration::filter(const CycleState&, const PodInfo& pod, const NodeInfo& node) const {
    auto taint = findUntoleratedDoNotScheduleTaint(node.taints, pod.tolerations);
    if (!taint)
        return {};
    return Status::unresolvable("node(s) had untolerated taint {" + taint->key + ": " + taint->value + "}");
}

int64_t TaintToleration::score(const CycleState&, const PodInfo& pod, const NodeInfo& node) const {
    // Upstream: countIntolerableTaintsPreferNoSchedule. Only tolerations with an empty or a
    // PreferNoSchedule effect can tolerate a PreferNoSchedule taint, so the pod's whole list works.
    int64_t n = 0;
    for (const Taint& t : node.taints)
        if (t.effect == "PreferNoSchedule" && !tolerationsTolerateTaint(pod.tolerations, t))
            ++n;
    return n;
}

void TaintToleration::normalizeScore(const CycleState&, const PodInfo&, std::vector<NodeScore>& scores) const {
    defaultNormalizeScore(kMaxNodeScore, true, scores);
}

std::vector<ClusterEvent> TaintToleration::eventsToRegister() const {
    return {{EventResource::Node, kAdd | kUpdateNodeTaint}, {EventResource::Pod, kUpdatePodToleration}};
}

QueueingHint TaintToleration::queueingHint(const ClusterEvent& event, const PodInfo& pod,
                                           const EventObjects& objs) const {
    if (event.resource != EventResource::Node)
        return QueueingHint::Queue;  // the pod's own tolerations changed
    // Upstream: isSchedulableAfterNodeChange: untolerated before (or new), tolerated now.
    if (!objs.node || findUntoleratedDoNotScheduleTaint(objs.node->taints, pod.tolerations))
        return QueueingHint::Skip;
    if (objs.oldNode) {
        const Json* t = findPath(*objs.oldNode, "spec.taints");
        if (!findUntoleratedDoNotScheduleTaint(t ? parseTaints(*t) : std::vector<Taint>{}, pod.tolerations))
            return QueueingHint::Skip;
    }
    return QueueingHint::Queue;
}

}  // namespace kp::scheduler::plugins
