#include "scheduler/plugins/node_resources/fit.h"

namespace kp::scheduler::plugins {

using namespace framework;

std::vector<InsufficientResource> fitsRequest(const Resource& req, const NodeInfo& node) {
    // Upstream: fit.go#fitsRequest.
    std::vector<InsufficientResource> out;
    int64_t allowedPods = node.allocatable.allowedPodNumber;
    if (static_cast<int64_t>(node.pods.size()) + 1 > allowedPods)
        out.push_back({"pods", "Too many pods", 1, static_cast<int64_t>(node.pods.size()), allowedPods});
    if (req.milliCPU == 0 && req.memory == 0 && req.ephemeralStorage == 0 && req.scalar.empty())
        return out;
    const Resource& alloc = node.allocatable;
    const Resource& used = node.requested;
    if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU)
        out.push_back({"cpu", "Insufficient cpu", req.milliCPU, used.milliCPU, alloc.milliCPU});
    if (req.memory > 0 && req.memory > alloc.memory - used.memory)
        out.push_back({"memory", "Insufficient memory", req.memory, used.memory, alloc.memory});
    if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage)
        out.push_back({"ephemeral-storage", "Insufficient ephemeral-storage", req.ephemeralStorage,
                       used.ephemeralStorage, alloc.ephemeralStorage});
    for (const auto& [name, q] : req.scalar) {
        if (q == 0)
            continue;
        int64_t a = alloc.scalarValue(name), u = used.scalarValue(name);
        if (q > a - u)
            out.push_back({name, "Insufficient " + name, q, u, a});
    }
    return out;
}

Status NodeResourcesFit::filter(const CycleState&, const PodInfo& pod, const NodeInfo& node) const {
    std::vector<InsufficientResource> missing = fitsRequest(pod.requests, node);
    if (missing.empty())
        return {};
    // 1.32 always answers Unschedulable here (preemption may help), even for a request larger
    // than the whole node: that case only became UnschedulableAndUnresolvable in 1.34.
    std::vector<std::string> reasons;
    for (auto& m : missing)
        reasons.push_back(std::move(m.reason));
    return Status(Code::Unschedulable, std::move(reasons));
}

int64_t leastRequestedScore(int64_t requested, int64_t capacity) {
    if (capacity == 0 || requested > capacity)
        return 0;
    return (capacity - requested) * kMaxNodeScore / capacity;
}

int64_t NodeResourcesFit::score(const CycleState&, const PodInfo& pod, const NodeInfo& node) const {
    // Upstream: least_allocated.go#leastResourceScorer with cpu and memory, weight 1 each.
    int64_t nodeScore = 0, weightSum = 0;
    auto add = [&](int64_t alloc, int64_t requested) {
        if (alloc == 0)
            return;
        nodeScore += leastRequestedScore(requested, alloc);
        weightSum += 1;
    };
    add(node.allocatable.milliCPU, node.nonZeroMilliCPU + pod.nonZeroMilliCPU);
    add(node.allocatable.memory, node.nonZeroMemory + pod.nonZeroMemory);
    return weightSum == 0 ? 0 : nodeScore / weightSum;
}

std::vector<ClusterEvent> NodeResourcesFit::eventsToRegister() const {
    return {{EventResource::AssignedPod, kDelete | kUpdatePodScaleDown},
            {EventResource::UnscheduledPod, kUpdatePodScaleDown},
            {EventResource::Node, kAdd | kUpdateNodeAllocatable}};
}

namespace {

bool fitsEmptyNode(const PodInfo& pod, const Resource& allocatable) {
    NodeInfo empty;
    empty.allocatable = allocatable;
    return fitsRequest(pod.requests, empty).empty();
}

}  // namespace

QueueingHint NodeResourcesFit::queueingHint(const ClusterEvent& event, const PodInfo& pod,
                                            const EventObjects& objs) const {
    if (event.resource != EventResource::Node)
        return QueueingHint::Queue;  // an assigned pod went away or shrank, or this pod shrank
    // Upstream: fit.go#isSchedulableAfterNodeChange: fits the (empty) node now, and it is new or
    // one of the requested resources grew.
    if (!objs.node || !fitsEmptyNode(pod, objs.node->allocatable))
        return QueueingHint::Skip;
    if (!objs.oldNode)
        return QueueingHint::Queue;
    const Json* a = findPath(*objs.oldNode, "status.allocatable");
    Resource before = a ? resourceFromList(*a) : Resource{};
    const Resource& now = objs.node->allocatable;
    const Resource& req = pod.requests;
    bool grew = (req.milliCPU > 0 && now.milliCPU > before.milliCPU) ||
                (req.memory > 0 && now.memory > before.memory) ||
                (req.ephemeralStorage > 0 && now.ephemeralStorage > before.ephemeralStorage) ||
                now.allowedPodNumber > before.allowedPodNumber;
    for (const auto& [name, q] : req.scalar)
        if (q > 0 && now.scalarValue(name) > before.scalarValue(name))
            grew = true;
    return grew ? QueueingHint::Queue : QueueingHint::Skip;
}

}  // namespace kp::scheduler::plugins
