// InterPodAffinity PreScore / Score / NormalizeScore.
#include <algorithm>
#include <climits>

#include "scheduler/plugins/inter_pod_affinity/inter_pod_affinity.h"

namespace kp::scheduler::plugins {

using namespace framework;

namespace {

struct PreScoreState final : StateData {
    // topology key -> value -> summed weight
    std::map<std::string, std::map<std::string, int64_t>> topologyScore;
    std::unique_ptr<StateData> clone() const override { return std::make_unique<PreScoreState>(*this); }

    void processTerm(const AffinityTerm& term, int32_t weight, const PodInfo& pod, const labels::Set& nsLabels,
                     const NodeInfo& node, int32_t multiplier) {
        if (!term.matches(pod.ns, pod.labels, nsLabels))
            return;
        if (const std::string* v = node.label(term.topologyKey))
            topologyScore[term.topologyKey][*v] += static_cast<int64_t>(weight) * multiplier;
    }
    void processTerms(const std::vector<WeightedAffinityTerm>& terms, const PodInfo& pod, const labels::Set& nsLabels,
                      const NodeInfo& node, int32_t multiplier) {
        for (const WeightedAffinityTerm& t : terms)
            processTerm(t.term, t.weight, pod, nsLabels, node, multiplier);
    }
};

}  // namespace

Status InterPodAffinity::preScore(CycleState& state, const PodInfo& pod, const std::vector<NodeInfo*>&) {
    // Upstream: scoring.go#PreScore and processExistingPod.
    bool hasConstraints = !pod.preferredAffinityTerms.empty() || !pod.preferredAntiAffinityTerms.empty();
    const Snapshot& snap = handle().snapshot();
    const std::vector<NodeInfo*>& nodes = hasConstraints ? snap.nodeInfoList() : snap.havePodsWithAffinityList();
    if (nodes.empty())
        return Status::skip();
    std::vector<WeightedAffinityTerm> preferred = pod.preferredAffinityTerms;
    std::vector<WeightedAffinityTerm> preferredAnti = pod.preferredAntiAffinityTerms;
    for (WeightedAffinityTerm& t : preferred)
        mergeNamespaces(t.term);
    for (WeightedAffinityTerm& t : preferredAnti)
        mergeNamespaces(t.term);
    labels::Set nsLabels = namespaceLabels(pod.ns);
    static const labels::Set kNone;
    auto s = std::make_unique<PreScoreState>();
    for (const NodeInfo* node : nodes) {
        if (node->labels.empty())
            continue;
        const auto& podsToProcess = hasConstraints ? node->pods : node->podsWithAffinity;
        for (const auto& existing : podsToProcess) {
            // The pod's preferences about existing pods (+ for affinity, - for anti-affinity).
            s->processTerms(preferred, *existing, kNone, *node, 1);
            s->processTerms(preferredAnti, *existing, kNone, *node, -1);
            // Existing pods' wishes about this pod.
            for (const AffinityTerm& t : existing->requiredAffinityTerms)
                s->processTerm(t, kHardPodAffinityWeight, pod, nsLabels, *node, 1);
            s->processTerms(existing->preferredAffinityTerms, pod, nsLabels, *node, 1);
            s->processTerms(existing->preferredAntiAffinityTerms, pod, nsLabels, *node, -1);
        }
    }
    if (s->topologyScore.empty())
        return Status::skip();
    state.write(preScoreSlot(), std::move(s));
    return {};
}

int64_t InterPodAffinity::score(const CycleState& state, const PodInfo&, const NodeInfo& node) const {
    const PreScoreState* s = state.read<PreScoreState>(preScoreSlot());
    if (!s)
        return 0;
    int64_t score = 0;
    for (const auto& [key, values] : s->topologyScore) {
        const std::string* v = node.label(key);
        if (!v)
            continue;
        if (auto it = values.find(*v); it != values.end())
            score += it->second;
    }
    return score;
}

void InterPodAffinity::normalizeScore(const CycleState& state, const PodInfo&, std::vector<NodeScore>& scores) const {
    // Min-max normalization: the lowest raw score (most anti-affinity) becomes 0, the highest 100.
    const PreScoreState* s = state.read<PreScoreState>(preScoreSlot());
    if (!s || s->topologyScore.empty())
        return;
    int64_t minCount = INT64_MAX, maxCount = INT64_MIN;
    for (const NodeScore& ns : scores) {
        maxCount = std::max(maxCount, ns.score);
        minCount = std::min(minCount, ns.score);
    }
    int64_t diff = maxCount - minCount;
    for (NodeScore& ns : scores) {
        double f = 0;
        if (diff > 0)
            f = static_cast<double>(kMaxNodeScore) * (static_cast<double>(ns.score - minCount) / static_cast<double>(diff));
        ns.score = static_cast<int64_t>(f);
    }
}

}  // namespace kp::scheduler::plugins
