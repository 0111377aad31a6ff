// NodeAffinity: spec.nodeSelector and required node affinity decide where a pod may go
// (Filter); preferred node affinity terms add their weights to matching nodes (Score,
// normalized so the best node gets 100). PreFilter narrows the node list when every required
// term pins metadata.name (DaemonSet pods do this).
// Upstream: framework/plugins/nodeaffinity/node_affinity.go.
#pragma once
#include "scheduler/framework/plugin.h"

namespace kp::scheduler::plugins {

class NodeAffinity final : public framework::Plugin {
public:
    static constexpr std::string_view kName = "NodeAffinity";
    static constexpr const char* kErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
    static constexpr const char* kErrReasonConflict = "pod affinity terms conflict";

    std::string_view name() const override { return kName; }
    unsigned points() const override {
        return framework::kPreFilter | framework::kFilter | framework::kPreScore | framework::kScore |
               framework::kNormalizeScore;
    }
    framework::Status preFilter(framework::CycleState& state, const framework::PodInfo& pod,
                                framework::PreFilterResult& result) override;
    framework::Status filter(const framework::CycleState&, const framework::PodInfo& pod,
                             const framework::NodeInfo& node) const override;
    framework::Status preScore(framework::CycleState&, const framework::PodInfo& pod,
                               const std::vector<framework::NodeInfo*>&) override;
    int64_t score(const framework::CycleState&, const framework::PodInfo& pod,
                  const framework::NodeInfo& node) const override;
    void normalizeScore(const framework::CycleState&, const framework::PodInfo&,
                        std::vector<framework::NodeScore>& scores) const override;
    std::vector<framework::ClusterEvent> eventsToRegister() const override;
    framework::QueueingHint queueingHint(const framework::ClusterEvent& event, const framework::PodInfo& pod,
                                         const framework::EventObjects& objs) const override;
};

}  // namespace kp::scheduler::plugins
