// NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory would be used in similar
// proportions after placing the pod. Score = (1 - std) * 100 where std is the standard
// deviation of the requested/allocatable fractions (each capped at 1); with two resources
// std = |cpuFraction - memoryFraction| / 2.
// Unlike LeastAllocated it counts the real requests (no 100m/200Mi defaults), so in 1.32 a
// best-effort pod on empty nodes scores 100 everywhere.
// Example: node 4 cpu / 8Gi, requested after placing 2 cpu / 2Gi: fractions 0.5 and 0.25,
//   std 0.125, score int((1 - 0.125) * 100) = 87.
// Upstream: framework/plugins/noderesources/balanced_allocation.go.
#pragma once
#include "scheduler/framework/plugin.h"

namespace kp::scheduler::plugins {

class NodeResourcesBalancedAllocation final : public framework::Plugin {
public:
    static constexpr std::string_view kName = "NodeResourcesBalancedAllocation";

    std::string_view name() const override { return kName; }
    unsigned points() const override { return framework::kScore; }
    int64_t score(const framework::CycleState&, const framework::PodInfo& pod,
                  const framework::NodeInfo& node) const override;
};

}  // namespace kp::scheduler::plugins
