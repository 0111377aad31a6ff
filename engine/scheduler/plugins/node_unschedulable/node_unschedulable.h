// NodeUnschedulable: cordoned nodes (spec.unschedulable) take no new pods, unless the pod
// tolerates the node.kubernetes.io/unschedulable:NoSchedule taint (DaemonSet pods do).
// Upstream: framework/plugins/nodeunschedulable/node_unschedulable.go.
#pragma once
#include "scheduler/framework/plugin.h"

namespace kp::scheduler::plugins {

class NodeUnschedulable final : public framework::Plugin {
public:
    static constexpr std::string_view kName = "NodeUnschedulable";
    static constexpr const char* kErrReasonUnschedulable = "node(s) were unschedulable";

    std::string_view name() const override { return kName; }
    unsigned points() const override { return framework::kFilter; }
    framework::Status filter(const framework::CycleState&, const framework::PodInfo& pod,
                             const framework::NodeInfo& node) const override;
    std::vector<framework::ClusterEvent> eventsToRegister() const override;
    framework::QueueingHint queueingHint(const framework::ClusterEvent& event, const framework::PodInfo& pod,
                                         const framework::EventObjects& objs) const override;
};

}  // namespace kp::scheduler::plugins
