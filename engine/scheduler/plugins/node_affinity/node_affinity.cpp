#include "scheduler/plugins/node_affinity/node_affinity.h"

#include "scheduler/plugins/helper/normalize_score.h"

namespace kp::scheduler::plugins {

using namespace framework;

Status NodeAffinity::preFilter(CycleState&, const PodInfo& pod, PreFilterResult& result) {
    // Upstream: node_affinity.go#PreFilter.
    if (!pod.hasRequiredNodeAffinityTerms && !pod.requiredNodeAffinity.nodeSelector)
        return Status::skip();
    const auto& terms = pod.requiredNodeAffinity.terms;
    if (!terms || terms->empty())
        return {};
    // Terms are ORed: only when every term pins node names can the list be narrowed.
    std::optional<std::set<std::string>> names;
    for (const NodeSelectorTerm& t : *terms) {
        std::optional<std::set<std::string>> termNames;
        for (const auto& [value, in] : t.nameRequirements) {
            if (!in || !t.fieldsValid)
                continue;
            if (!termNames) {
                termNames = std::set<std::string>{value};
            } else if (termNames->count(value) == 0) {
                termNames->clear();  // intersection of different single names
            }
        }
        if (!termNames)
            return {};  // this term allows any node name
        if (!names)
            names = std::set<std::string>{};
        names->insert(termNames->begin(), termNames->end());
    }
    if (names && names->empty())
        return Status::unresolvable(kErrReasonConflict);
    result.nodeNames = std::move(names);
    return {};
}

Status NodeAffinity::filter(const CycleState&, const PodInfo& pod, const NodeInfo& node) const {
    if (pod.requiredNodeAffinity.matches(node.labels, node.name))
        return {};
    return Status::unresolvable(kErrReasonPod);
}

Status NodeAffinity::preScore(CycleState&, const PodInfo& pod, const std::vector<NodeInfo*>&) {
    if (pod.preferredNodeAffinity.empty())
        return Status::skip();
    return {};
}

int64_t NodeAffinity::score(const CycleState&, const PodInfo& pod, const NodeInfo& node) const {
    int64_t count = 0;
    for (const PreferredSchedulingTerm& t : pod.preferredNodeAffinity)
        if (t.term.matches(node.labels, node.name))
            count += t.weight;
    return count;
}

void NodeAffinity::normalizeScore(const CycleState&, const PodInfo&, std::vector<NodeScore>& scores) const {
    defaultNormalizeScore(kMaxNodeScore, false, scores);
}

std::vector<ClusterEvent> NodeAffinity::eventsToRegister() const {
    return {{EventResource::Node, kAdd | kUpdateNodeLabel}};
}

QueueingHint NodeAffinity::queueingHint(const ClusterEvent&, const PodInfo& pod, const EventObjects& objs) const {
    // Upstream: isSchedulableAfterNodeChange: matches now and did not match before.
    if (!objs.node || !pod.requiredNodeAffinity.matches(objs.node->labels, objs.node->name))
        return QueueingHint::Skip;
    if (objs.oldNode) {
        const Json* l = findPath(*objs.oldNode, "metadata.labels");
        if (pod.requiredNodeAffinity.matches(l ? labels::setFromJson(*l) : labels::Set{}, objs.node->name))
            return QueueingHint::Skip;
    }
    return QueueingHint::Queue;
}

}  // namespace kp::scheduler::plugins
