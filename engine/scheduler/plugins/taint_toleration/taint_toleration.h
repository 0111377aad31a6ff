// TaintToleration: a node's NoSchedule/NoExecute taints keep out pods that do not tolerate them
// (Filter); PreferNoSchedule taints only make a node less attractive (Score: the fewer untolerated
// PreferNoSchedule taints, the better, normalized in reverse).
// Upstream: framework/plugins/tainttoleration/taint_toleration.go.
#pragma once
#include "scheduler/framework/plugin.h"

namespace kp::scheduler::plugins {

class TaintToleration final : public framework::Plugin {
public:
    static constexpr std::string_view kName = "TaintToleration";

    std::string_view name() const override { return kName; }
    unsigned points() const override {
        return framework::kFilter | framework::kPreScore | framework::kScore | framework::kNormalizeScore;
    }
    // Rejection reason: "node(s) had untolerated taint {key: value}" for the first such taint.
    framework::Status filter(const framework::CycleState&, const framework::PodInfo& pod,
                             const framework::NodeInfo& node) const override;
    // Raw score: number of PreferNoSchedule taints the pod does not tolerate.
    int64_t score(const framework::CycleState&, const framework::PodInfo& pod,
                  const framework::NodeInfo& node) const override;
    void normalizeScore(const framework::CycleState&, const framework::PodInfo&,
                        std::vector<framework::NodeScore>& scores) const override;
    std::vector<framework::ClusterEvent> eventsToRegister() const override;
    framework::QueueingHint queueingHint(const framework::ClusterEvent& event, const framework::PodInfo& pod,
                                         const framework::EventObjects& objs) const override;
};

}  // namespace kp::scheduler::plugins
