// NodePorts: a container port with a hostPort occupies (hostIP, protocol, hostPort) on its
// node; another pod asking for the same triple (or 0.0.0.0 against any IP) does not fit there.
// Upstream: framework/plugins/nodeports/node_ports.go.
#pragma once
#include "scheduler/framework/plugin.h"

namespace kp::scheduler::plugins {

class NodePorts final : public framework::Plugin {
public:
    static constexpr std::string_view kName = "NodePorts";
    static constexpr const char* kErrReason = "node(s) didn't have free ports for the requested pod ports";

    std::string_view name() const override { return kName; }
    unsigned points() const override { return framework::kPreFilter | framework::kFilter; }
    // Skip for pods without host ports.
    framework::Status preFilter(framework::CycleState&, const framework::PodInfo& pod,
                                framework::PreFilterResult&) override {
        return pod.ports.empty() ? framework::Status::skip() : framework::Status();
    }
    framework::Status filter(const framework::CycleState&, const framework::PodInfo& pod,
                             const framework::NodeInfo& node) const override {
        if (fitsPorts(pod, node))
            return {};
        return framework::Status::unschedulable(kErrReason);
    }
    static bool fitsPorts(const framework::PodInfo& pod, const framework::NodeInfo& node) {
        for (const framework::ContainerPort& p : pod.ports)
            if (node.usedPorts.checkConflict(p))
                return false;
        return true;
    }
    std::vector<framework::ClusterEvent> eventsToRegister() const override {
        return {{framework::EventResource::AssignedPod, framework::kDelete},
                {framework::EventResource::Node, framework::kAdd}};
    }
    framework::QueueingHint queueingHint(const framework::ClusterEvent& event, const framework::PodInfo& pod,
                                         const framework::EventObjects& objs) const override;
};

}  // namespace kp::scheduler::plugins
