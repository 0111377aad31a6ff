// Score plugins' arithmetic on hand-made NodeInfos (the worked examples in their headers).
#include <catch2/catch.hpp>

#include "scheduler/plugins/helper/normalize_score.h"
#include "scheduler/plugins/node_resources/balanced_allocation.h"
#include "scheduler/plugins/node_resources/fit.h"
#include "scheduler/plugins/taint_toleration/taint_toleration.h"

using namespace kp;
using namespace kp::scheduler;
using namespace kp::scheduler::framework;
using namespace kp::scheduler::plugins;

namespace {

NodeInfo node(int64_t milliCPU, int64_t memoryGi) {
    NodeInfo n;
    n.name = "n";
    n.allocatable.milliCPU = milliCPU;
    n.allocatable.memory = memoryGi << 30;
    n.allocatable.allowedPodNumber = 110;
    return n;
}

}  // namespace

TEST_CASE("LeastAllocated scores the free share of cpu and memory after placing the pod", "[scheduler]") {
    NodeInfo n = node(2000, 4);
    n.nonZeroMilliCPU = 1000;
    n.nonZeroMemory = 1LL << 30;
    PodInfo pod;
    pod.nonZeroMilliCPU = 500;
    pod.nonZeroMemory = 1LL << 30;
    NodeResourcesFit fit;
    CHECK(fit.score(CycleState(), pod, n) == 37);  // (25 + 50) / 2
    CHECK(leastRequestedScore(3000, 2000) == 0);
}

TEST_CASE("BalancedAllocation prefers cpu and memory used in the same proportion", "[scheduler]") {
    NodeInfo n = node(4000, 8);
    n.requested.milliCPU = 1000;
    n.requested.memory = 1LL << 30;
    PodInfo pod;
    pod.requests.milliCPU = 1000;
    pod.requests.memory = 1LL << 30;
    NodeResourcesBalancedAllocation ba;
    CHECK(ba.score(CycleState(), pod, n) == 87);  // fractions 0.5 and 0.25
}

TEST_CASE("NodeResourcesFit names every missing resource", "[scheduler]") {
    NodeInfo n = node(1000, 1);
    n.allocatable.allowedPodNumber = 0;
    n.allocatable.scalar["nvidia.com/gpu"] = 1;
    Resource req;
    req.milliCPU = 2000;
    req.memory = 2LL << 30;
    req.scalar["nvidia.com/gpu"] = 2;
    std::vector<std::string> reasons;
    for (const auto& r : fitsRequest(req, n))
        reasons.push_back(r.reason);
    CHECK(reasons == std::vector<std::string>{"Too many pods", "Insufficient cpu", "Insufficient memory",
                                              "Insufficient nvidia.com/gpu"});
}

TEST_CASE("TaintToleration counts untolerated PreferNoSchedule taints and normalizes in reverse", "[scheduler]") {
    NodeInfo clean = node(1000, 1), soft = node(1000, 1), softer = node(1000, 1);
    soft.taints = {{"a", "", "PreferNoSchedule"}};
    softer.taints = {{"a", "", "PreferNoSchedule"}, {"b", "", "PreferNoSchedule"}};
    PodInfo pod;
    TaintToleration tt;
    std::vector<NodeScore> scores = {{&clean, tt.score(CycleState(), pod, clean)},
                                     {&soft, tt.score(CycleState(), pod, soft)},
                                     {&softer, tt.score(CycleState(), pod, softer)}};
    CHECK(scores[2].score == 2);
    tt.normalizeScore(CycleState(), pod, scores);
    CHECK(scores[0].score == 100);
    CHECK(scores[1].score == 50);
    CHECK(scores[2].score == 0);
}
