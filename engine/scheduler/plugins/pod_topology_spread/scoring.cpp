// PodTopologySpread Score: the ScheduleAnyway constraints (and the system defaults).
#include <algorithm>
#include <climits>
#include <cmath>
#include <set>

#include "scheduler/plugins/pod_topology_spread/pod_topology_spread.h"

namespace kp::scheduler::plugins {

using namespace framework;

namespace {

constexpr int64_t kInvalidScore = -1;

struct PreScoreState final : StateData {
    std::vector<TopologySpreadConstraint> constraints;
    std::set<std::string> ignoredNodes;  // nodes missing a topology key
    // Per constraint: topology value -> matching pods (non-hostname keys only; hostname counts
    // are taken per node in Score).
    std::vector<std::map<std::string, int64_t>> valueToPodCounts;
    std::vector<double> normalizingWeight;
    std::vector<uint64_t> selectorIds;  // per constraint, for the nodes' match-count memo

    std::unique_ptr<StateData> clone() const override { return std::make_unique<PreScoreState>(*this); }
    // Asked for every scored node; usually nothing is ignored.
    bool ignored(const std::string& node) const { return !ignoredNodes.empty() && ignoredNodes.count(node) > 0; }
};

// log(size + 2): the counts of small topologies are not watered down by big ones.
double topologyNormalizingWeight(size_t size) { return std::log(static_cast<double>(size + 2)); }

double scoreForCount(int64_t cnt, int32_t maxSkew, double weight) {
    return static_cast<double>(cnt) * weight + static_cast<double>(maxSkew - 1);
}

const std::string kNoValue;  // the domain of nodes without the topology label

}  // namespace

Status PodTopologySpread::preScore(CycleState& state, const PodInfo& pod, const std::vector<NodeInfo*>& feasible) {
    // Upstream: scoring.go#PreScore and initPreScoreState.
    const std::vector<NodeInfo*>& allNodes = handle().snapshot().nodeInfoList();
    if (allNodes.empty())
        return Status::skip();
    auto s = std::make_unique<PreScoreState>();
    s->constraints = constraintsFor(pod, "ScheduleAnyway");
    if (s->constraints.empty())
        return Status::skip();
    // Only pods with constraints of their own need every key on a node: nodes without a zone
    // label still get hostname spreading from the defaults.
    bool requireAllTopologies = !pod.topologySpreadConstraints.empty();
    size_t n = s->constraints.size();
    s->valueToPodCounts.resize(n);
    std::vector<size_t> topoSize(n, 0);
    // Values that some feasible node really carries; a value only produced by nodes missing the
    // label is never read by Score, so its (costly) count is skipped.
    std::vector<std::set<std::string>> labelledValues(n);
    // The previous node's value per constraint: both inserts below are no-ops for a value already
    // seen, and neighbouring nodes often share it (every node without the label does).
    std::vector<const std::string*> lastValue(n, nullptr);
    for (const NodeInfo* node : feasible) {
        if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(node->labels, s->constraints)) {
            s->ignoredNodes.insert(node->name);
            continue;
        }
        for (size_t i = 0; i < n; ++i) {
            const TopologySpreadConstraint& c = s->constraints[i];
            if (c.hostnameKey)
                continue;
            const std::string* v = c.nodeValue(*node);
            const std::string& value = v ? *v : kNoValue;
            if (lastValue[i] && (lastValue[i] == &value || *lastValue[i] == value) &&
                (lastValue[i] == &kNoValue) == (v == nullptr))
                continue;
            lastValue[i] = v ? v : &kNoValue;
            if (v)
                labelledValues[i].insert(value);
            if (s->valueToPodCounts[i].try_emplace(value, 0).second)
                ++topoSize[i];
        }
    }
    for (const TopologySpreadConstraint& c : s->constraints)
        s->selectorIds.push_back(selectorId(pod.ns, c.selector));
    s->normalizingWeight.resize(n);
    for (size_t i = 0; i < n; ++i) {
        size_t sz = topoSize[i];
        if (s->constraints[i].hostnameKey)
            sz = feasible.size() - s->ignoredNodes.size();
        s->normalizingWeight[i] = topologyNormalizingWeight(sz);
    }
    bool anyCounted = false;
    for (size_t i = 0; i < n; ++i)
        anyCounted = anyCounted || !labelledValues[i].empty();
    if (anyCounted) {
        for (const NodeInfo* node : allNodes) {
            if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(node->labels, s->constraints))
                continue;
            for (size_t i = 0; i < n; ++i) {
                const TopologySpreadConstraint& c = s->constraints[i];
                if (!c.matchNodeInclusionPolicies(pod, *node))
                    continue;
                const std::string* v = c.nodeValue(*node);
                const std::string& value = v ? *v : kNoValue;
                if (labelledValues[i].count(value) == 0)
                    continue;
                auto it = s->valueToPodCounts[i].find(value);
                if (it != s->valueToPodCounts[i].end())
                    it->second += countPodsMatchSelectorOnNode(*node, c.selector, pod.ns, s->selectorIds[i]);
            }
        }
    }
    state.write(preScoreSlot(), std::move(s));
    return {};
}

int64_t PodTopologySpread::score(const CycleState& state, const PodInfo& pod, const NodeInfo& node) const {
    const PreScoreState* s = state.read<PreScoreState>(preScoreSlot());
    if (!s || s->ignored(node.name))
        return 0;
    double score = 0;
    for (size_t i = 0; i < s->constraints.size(); ++i) {
        const TopologySpreadConstraint& c = s->constraints[i];
        int64_t cnt = 0;
        if (c.hostnameKey) {
            if (!node.hasHostnameLabel)
                continue;
            cnt = countPodsMatchSelectorOnNode(node, c.selector, pod.ns, s->selectorIds[i]);
        } else {
            const std::string* value = c.nodeValue(node);
            if (!value)
                continue;
            auto it = s->valueToPodCounts[i].find(*value);
            cnt = it == s->valueToPodCounts[i].end() ? 0 : it->second;
        }
        score += scoreForCount(cnt, c.maxSkew, s->normalizingWeight[i]);
    }
    return static_cast<int64_t>(std::round(score));
}

void PodTopologySpread::normalizeScore(const CycleState& state, const PodInfo&, std::vector<NodeScore>& scores) const {
    // Upstream: scoring.go#NormalizeScore: the node with the fewest matching pods gets 100.
    // Example: raw [3, 5, 3] -> max 5, min 3 -> [100*(8-3)/5, 100*(8-5)/5, ...] = [100, 60, 100].
    const PreScoreState* s = state.read<PreScoreState>(preScoreSlot());
    if (!s)
        return;
    int64_t minScore = INT64_MAX, maxScore = 0;
    for (NodeScore& ns : scores) {
        if (s->ignored(ns.node->name)) {
            ns.score = kInvalidScore;
            continue;
        }
        minScore = std::min(minScore, ns.score);
        maxScore = std::max(maxScore, ns.score);
    }
    for (NodeScore& ns : scores) {
        if (ns.score == kInvalidScore) {
            ns.score = 0;
            continue;
        }
        if (maxScore == 0) {
            ns.score = kMaxNodeScore;
            continue;
        }
        ns.score = kMaxNodeScore * (maxScore + minScore - ns.score) / maxScore;
    }
}

}  // namespace kp::scheduler::plugins
