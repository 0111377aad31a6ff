#include "scheduler/plugins/node_resources/balanced_allocation.h"

#include <cmath>

namespace kp::scheduler::plugins {

using namespace framework;

int64_t NodeResourcesBalancedAllocation::score(const CycleState&, const PodInfo& pod, const NodeInfo& node) const {
    // Upstream: balanced_allocation.go#balancedResourceScorer over cpu and memory.
    double fractions[2];
    int n = 0;
    auto add = [&](int64_t alloc, int64_t requested) {
        if (alloc == 0)
            return;
        double f = static_cast<double>(requested) / static_cast<double>(alloc);
        fractions[n++] = f > 1 ? 1 : f;
    };
    add(node.allocatable.milliCPU, node.requested.milliCPU + pod.requests.milliCPU);
    add(node.allocatable.memory, node.requested.memory + pod.requests.memory);
    double stddev = n == 2 ? std::fabs((fractions[0] - fractions[1]) / 2) : 0.0;
    return static_cast<int64_t>((1 - stddev) * static_cast<double>(kMaxNodeScore));
}

}  // namespace kp::scheduler::plugins
