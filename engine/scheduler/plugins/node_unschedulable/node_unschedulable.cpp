#include "scheduler/plugins/node_unschedulable/node_unschedulable.h"

namespace kp::scheduler::plugins {

using namespace framework;

namespace {

bool toleratesUnschedulable(const PodInfo& pod) {
    return tolerationsTolerateTaint(pod.tolerations, Taint{"node.kubernetes.io/unschedulable", "", "NoSchedule"});
}

}  // namespace

Status NodeUnschedulable::filter(const CycleState&, const PodInfo& pod, const NodeInfo& node) const {
    if (!node.unschedulable)
        return {};
    // A pod that tolerates the unschedulable taint also tolerates spec.unschedulable.
    if (toleratesUnschedulable(pod))
        return {};
    return Status::unresolvable(kErrReasonUnschedulable);
}

std::vector<ClusterEvent> NodeUnschedulable::eventsToRegister() const {
    return {{EventResource::Node, kAdd | kUpdateNodeTaint}, {EventResource::Pod, kUpdatePodToleration}};
}

QueueingHint NodeUnschedulable::queueingHint(const ClusterEvent& event, const PodInfo& pod,
                                             const EventObjects& objs) const {
    if (event.resource != EventResource::Node)
        return toleratesUnschedulable(pod) ? QueueingHint::Queue : QueueingHint::Skip;
    // Upstream: isSchedulableAfterNodeChange: the node is (now) schedulable.
    if (!objs.node || objs.node->unschedulable)
        return QueueingHint::Skip;
    if (objs.oldNode && !boolAt(*objs.oldNode, "spec.unschedulable"))
        return QueueingHint::Skip;  // it was schedulable already: nothing changed for this pod
    return QueueingHint::Queue;
}

}  // namespace kp::scheduler::plugins
