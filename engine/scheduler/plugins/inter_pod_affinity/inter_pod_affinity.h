// InterPodAffinity: places pods relative to other pods, by topology domain (node, zone ...).
//  Filter, in this order:
//   1. required podAffinity: some domain pod must match all terms ("node(s) didn't match pod
//      affinity rules", unresolvable); the first pod of a group matching its own terms may go
//      anywhere that has the topology labels;
//   2. required podAntiAffinity of the pod: no matching pod in the node's domain ("node(s) didn't
//      match pod anti-affinity rules");
//   3. required anti-affinity of existing pods against this pod ("node(s) didn't satisfy
//      existing pods anti-affinity rules").
//  Score: preferred terms of the pod and of existing pods (and existing pods' required affinity
//  with weight 1) add or subtract their weights per domain; min-max normalized to 0-100.
// Upstream: framework/plugins/interpodaffinity/{filtering,scoring,plugin}.go.
#pragma once
#include "scheduler/framework/plugin.h"

namespace kp::scheduler::plugins {

class InterPodAffinity final : public framework::Plugin {
public:
    static constexpr std::string_view kName = "InterPodAffinity";
    static constexpr const char* kErrReasonExistingAntiAffinityRulesNotMatch =
        "node(s) didn't satisfy existing pods anti-affinity rules";
    static constexpr const char* kErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
    static constexpr const char* kErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";
    // Weight of an existing pod's required affinity term in scoring (hardPodAffinityWeight).
    static constexpr int32_t kHardPodAffinityWeight = 1;

    std::string_view name() const override { return kName; }
    unsigned points() const override {
        return framework::kPreFilter | framework::kFilter | framework::kPreScore | framework::kScore |
               framework::kNormalizeScore;
    }
    framework::Status preFilter(framework::CycleState& state, const framework::PodInfo& pod,
                                framework::PreFilterResult&) override;
    framework::Status filter(const framework::CycleState& state, const framework::PodInfo& pod,
                             const framework::NodeInfo& node) const override;
    void addPod(framework::CycleState& state, const framework::PodInfo&, const framework::PodInfo& added,
                const framework::NodeInfo& node) const override;
    void removePod(framework::CycleState& state, const framework::PodInfo&, const framework::PodInfo& removed,
                   const framework::NodeInfo& node) const override;
    framework::Status preScore(framework::CycleState& state, const framework::PodInfo& pod,
                               const std::vector<framework::NodeInfo*>& feasible) override;
    int64_t score(const framework::CycleState& state, const framework::PodInfo& pod,
                  const framework::NodeInfo& node) const override;
    void normalizeScore(const framework::CycleState& state, const framework::PodInfo&,
                        std::vector<framework::NodeScore>& scores) const override;
    std::vector<framework::ClusterEvent> eventsToRegister() const override;
    framework::QueueingHint queueingHint(const framework::ClusterEvent& event, const framework::PodInfo& pod,
                                         const framework::EventObjects& objs) const override;

private:
    // mergeAffinityTermNamespacesIfNotEmpty: a namespaceSelector that is not "everything" is
    // resolved into namespace names now.
    void mergeNamespaces(framework::AffinityTerm& term) const;
    labels::Set namespaceLabels(const std::string& ns) const;
};

}  // namespace kp::scheduler::plugins
