// NodeResourcesFit: a pod fits a node when its requests fit in allocatable minus what the pods
// already there (including assumed ones) request, and the node has a free pod slot (Filter,
// reasons "Insufficient cpu", "Insufficient memory", "Too many pods", "Insufficient <name>").
// Score (LeastAllocated, the default strategy, cpu and memory weight 1): the share of each
// resource left free after placing the pod, 0-100, averaged by weight. Requests here include
// the scoring defaults (100m cpu / 200Mi memory for containers that name none).
// Example: node 2 cpu / 4Gi with 1 cpu, 1Gi requested, pod 500m / 1Gi:
//   cpu (2000-1500)*100/2000 = 25, memory (4-2)*100/4 = 50, score (25+50)/2 = 37.
// Upstream: framework/plugins/noderesources/fit.go, least_allocated.go, resource_allocation.go.
#pragma once
#include "scheduler/framework/plugin.h"

namespace kp::scheduler::plugins {

struct InsufficientResource {
    std::string resourceName;
    std::string reason;
    int64_t requested = 0, used = 0, capacity = 0;
};

// fitsRequest: what does not fit, in upstream's order (pods, cpu, memory, ephemeral-storage,
// scalars by name).
std::vector<InsufficientResource> fitsRequest(const framework::Resource& podRequest, const framework::NodeInfo& node);

class NodeResourcesFit final : public framework::Plugin {
public:
    static constexpr std::string_view kName = "NodeResourcesFit";

    std::string_view name() const override { return kName; }
    unsigned points() const override {
        return framework::kFilter | framework::kScore;
    }
    framework::Status filter(const framework::CycleState&, const framework::PodInfo& pod,
                             const framework::NodeInfo& node) const override;
    int64_t score(const framework::CycleState&, const framework::PodInfo& pod,
                  const framework::NodeInfo& node) const override;
    std::vector<framework::ClusterEvent> eventsToRegister() const override;
    framework::QueueingHint queueingHint(const framework::ClusterEvent& event, const framework::PodInfo& pod,
                                         const framework::EventObjects& objs) const override;
};

// leastRequestedScore: (capacity - requested) * 100 / capacity, 0 when over capacity.
int64_t leastRequestedScore(int64_t requested, int64_t capacity);

}  // namespace kp::scheduler::plugins
