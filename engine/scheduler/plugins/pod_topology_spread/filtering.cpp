// PodTopologySpread Filter: the DoNotSchedule constraints.
#include <climits>

#include "scheduler/plugins/pod_topology_spread/pod_topology_spread.h"

namespace kp::scheduler::plugins {

using namespace framework;

namespace {

using TopologyPair = std::pair<std::string, std::string>;

// The two smallest match counts per topology key (criticalPaths): [0] always holds the global
// minimum; [1] is only a second candidate, enough because preemption edits one node at a time.
struct CriticalPaths {
    struct Path {
        std::string value;
        int matchNum = INT_MAX;
    };
    Path p[2];

    void update(const std::string& value, int num) {
        int i = value == p[0].value ? 0 : value == p[1].value ? 1 : -1;
        if (i >= 0) {
            p[i].matchNum = num;
            if (p[0].matchNum > p[1].matchNum)
                std::swap(p[0], p[1]);
            return;
        }
        if (num < p[0].matchNum) {
            p[1] = p[0];
            p[0] = {value, num};
        } else if (num < p[1].matchNum) {
            p[1] = {value, num};
        }
    }
};

struct PreFilterState final : StateData {
    std::vector<TopologySpreadConstraint> constraints;
    std::map<std::string, CriticalPaths> criticalPaths;  // by topology key
    std::map<std::string, int> domainsNum;              // by topology key
    std::map<TopologyPair, int> pairToMatchNum;

    std::unique_ptr<StateData> clone() const override { return std::make_unique<PreFilterState>(*this); }

    int minMatchNum(const std::string& key, int32_t minDomains) const {
        auto it = criticalPaths.find(key);
        int min = it == criticalPaths.end() ? 0 : it->second.p[0].matchNum;
        auto d = domainsNum.find(key);
        // Fewer eligible domains than minDomains: the global minimum counts as 0.
        if (d == domainsNum.end() || d->second < minDomains)
            min = 0;
        return min;
    }
};

}  // namespace

Status PodTopologySpread::preFilter(CycleState& state, const PodInfo& pod, PreFilterResult&) {
    // Upstream: filtering.go#calPreFilterState.
    std::vector<TopologySpreadConstraint> constraints = constraintsFor(pod, "DoNotSchedule");
    if (constraints.empty())
        return Status::skip();
    auto s = std::make_unique<PreFilterState>();
    std::vector<uint64_t> ids;
    for (const TopologySpreadConstraint& c : constraints)
        ids.push_back(selectorId(pod.ns, c.selector));
    for (const NodeInfo* node : handle().snapshot().nodeInfoList()) {
        if (!nodeLabelsMatchSpreadConstraints(node->labels, constraints))
            continue;
        std::map<TopologyPair, int> nodeCounts;
        for (size_t i = 0; i < constraints.size(); ++i) {
            const TopologySpreadConstraint& c = constraints[i];
            if (!c.matchNodeInclusionPolicies(pod, *node))
                continue;
            nodeCounts[{c.topologyKey, node->labels.at(c.topologyKey)}] =
                countPodsMatchSelectorOnNode(*node, c.selector, pod.ns, ids[i]);
        }
        for (const auto& [pair, n] : nodeCounts)
            s->pairToMatchNum[pair] += n;
    }
    for (const auto& [pair, n] : s->pairToMatchNum)
        ++s->domainsNum[pair.first];
    for (const TopologySpreadConstraint& c : constraints)
        s->criticalPaths[c.topologyKey];
    for (const auto& [pair, n] : s->pairToMatchNum)
        s->criticalPaths[pair.first].update(pair.second, n);
    s->constraints = std::move(constraints);
    state.write(preFilterSlot(), std::move(s));
    return {};
}

Status PodTopologySpread::filter(const CycleState& state, const PodInfo& pod, const NodeInfo& node) const {
    const PreFilterState* s = state.read<PreFilterState>(preFilterSlot());
    if (!s)
        return Status::error("reading \"PreFilterPodTopologySpread\" from cycleState: not found");
    for (const TopologySpreadConstraint& c : s->constraints) {
        const std::string* value = c.nodeValue(node);
        if (!value)
            return Status::unresolvable(kErrReasonNodeLabelNotMatch);
        int minMatch = s->minMatchNum(c.topologyKey, c.minDomains);
        int self = c.selector.matches(pod.labels) ? 1 : 0;
        auto it = s->pairToMatchNum.find({c.topologyKey, *value});
        int matchNum = it == s->pairToMatchNum.end() ? 0 : it->second;
        // Example: maxSkew 1, domains a:2 b:1 (minimum 1), pod matches itself: a -> 2+1-1 = 2 > 1
        // rejected, b -> 1+1-1 = 1 accepted.
        if (static_cast<int64_t>(matchNum) + self - minMatch > c.maxSkew)
            return Status::unschedulable(kErrReasonConstraintsNotMatch);
    }
    return {};
}

void PodTopologySpread::updateWithPod(CycleState& state, const PodInfo& updated, const PodInfo& preemptor,
                                      const NodeInfo& node, int delta) const {
    PreFilterState* s = state.read<PreFilterState>(preFilterSlot());
    if (!s || updated.ns != preemptor.ns)
        return;
    if (!nodeLabelsMatchSpreadConstraints(node.labels, s->constraints))
        return;
    for (const TopologySpreadConstraint& c : s->constraints) {
        if (!c.selector.matches(updated.labels) || !c.matchNodeInclusionPolicies(preemptor, node))
            continue;
        TopologyPair pair{c.topologyKey, node.labels.at(c.topologyKey)};
        int& n = s->pairToMatchNum[pair];
        n += delta;
        s->criticalPaths[c.topologyKey].update(pair.second, n);
    }
}

void PodTopologySpread::addPod(CycleState& state, const PodInfo& toSchedule, const PodInfo& added,
                               const NodeInfo& node) const {
    updateWithPod(state, added, toSchedule, node, 1);
}

void PodTopologySpread::removePod(CycleState& state, const PodInfo& toSchedule, const PodInfo& removed,
                                  const NodeInfo& node) const {
    updateWithPod(state, removed, toSchedule, node, -1);
}

}  // namespace kp::scheduler::plugins
