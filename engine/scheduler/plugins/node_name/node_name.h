// NodeName: a pod that names its node (spec.nodeName) fits only there.
// Upstream: framework/plugins/nodename/node_name.go.
#pragma once
#include "scheduler/framework/plugin.h"

namespace kp::scheduler::plugins {

class NodeName final : public framework::Plugin {
public:
    static constexpr std::string_view kName = "NodeName";
    static constexpr const char* kErrReason = "node(s) didn't match the requested node name";

    std::string_view name() const override { return kName; }
    unsigned points() const override { return framework::kFilter; }
    framework::Status filter(const framework::CycleState&, const framework::PodInfo& pod,
                             const framework::NodeInfo& node) const override {
        if (pod.nodeName.empty() || pod.nodeName == node.name)
            return {};
        return framework::Status::unresolvable(kErrReason);
    }
    std::vector<framework::ClusterEvent> eventsToRegister() const override {
        return {{framework::EventResource::Node, framework::kAdd}};
    }
    framework::QueueingHint queueingHint(const framework::ClusterEvent&, const framework::PodInfo& pod,
                                         const framework::EventObjects& objs) const override {
        return objs.node && objs.node->name == pod.nodeName ? framework::QueueingHint::Queue
                                                            : framework::QueueingHint::Skip;
    }
};

}  // namespace kp::scheduler::plugins
