#include "scheduler/plugins/image_locality/image_locality.h"

namespace kp::scheduler::plugins {

using namespace framework;

namespace {

constexpr int64_t kMB = 1024 * 1024;
constexpr int64_t kMinThreshold = 23 * kMB;
constexpr int64_t kMaxContainerThreshold = 1000 * kMB;

int64_t calculatePriority(int64_t sumScores, size_t numContainers) {
    int64_t maxThreshold = kMaxContainerThreshold * static_cast<int64_t>(numContainers);
    if (sumScores < kMinThreshold)
        sumScores = kMinThreshold;
    else if (sumScores > maxThreshold)
        sumScores = maxThreshold;
    return kMaxNodeScore * (sumScores - kMinThreshold) / (maxThreshold - kMinThreshold);
}

}  // namespace

int64_t ImageLocality::score(const CycleState&, const PodInfo& pod, const NodeInfo& node) const {
    if (pod.containerCount == 0)
        return 0;
    if (node.imageSizes.empty())
        return calculatePriority(0, pod.containerCount);  // no image present: the sum is 0
    const Snapshot& snap = handle().snapshot();
    double total = static_cast<double>(snap.numNodes());
    int64_t sum = 0;
    for (const std::string& image : pod.images) {
        auto it = node.imageSizes.find(image);
        if (it == node.imageSizes.end() || total == 0)
            continue;
        double spread = snap.imageNumNodes(image) / total;
        sum += static_cast<int64_t>(static_cast<double>(it->second) * spread);
    }
    return calculatePriority(sum, pod.containerCount);
}

}  // namespace kp::scheduler::plugins
