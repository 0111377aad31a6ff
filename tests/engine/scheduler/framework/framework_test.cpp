// The scheduler framework's arithmetic: pod requests, node selector terms, taints, and the
// FailedScheduling message format.
#include <catch2/catch.hpp>

#include "scheduler/framework/diagnosis.h"
#include "scheduler/framework/node_selector.h"
#include "scheduler/framework/resource.h"
#include "scheduler/framework/taints.h"

using namespace kp;
using namespace kp::scheduler::framework;

TEST_CASE("pod requests add containers, take the largest init phase, and count sidecars", "[scheduler]") {
    Json spec = Json::parse(R"({
      "initContainers": [
        {"name": "sidecar", "restartPolicy": "Always", "resources": {"requests": {"cpu": "100m"}}},
        {"name": "migrate", "resources": {"requests": {"cpu": "1", "memory": "64Mi"}}}
      ],
      "containers": [
        {"name": "a", "resources": {"requests": {"cpu": "200m", "memory": "128Mi"}}},
        {"name": "b"}
      ]
    })");
    Resource r = podRequests(spec, false);
    // Regular: 200m + sidecar 100m = 300m; init phase "migrate": 1 + sidecar 100m = 1100m.
    CHECK(r.milliCPU == 1100);
    CHECK(r.memory == 128 * 1024 * 1024);
    Resource nonZero = podRequests(spec, true);
    // b gets the 100m / 200Mi defaults; the sidecar gets a 200Mi memory default.
    CHECK(nonZero.milliCPU == 1100);
    CHECK(nonZero.memory == (128 + 200 + 200) * 1024LL * 1024);
}

TEST_CASE("node selector terms: ORed terms, ANDed requirements, Gt/Lt and metadata.name", "[scheduler]") {
    labels::Set nodeLabels{{"disktype", "ssd"}, {"cores", "8"}};
    auto term = [](const char* json) { return parseNodeSelectorTerm(Json::parse(json)); };
    CHECK(term(R"({"matchExpressions":[{"key":"cores","operator":"Gt","values":["4"]}]})").matches(nodeLabels, "n1"));
    CHECK_FALSE(term(R"({"matchExpressions":[{"key":"cores","operator":"Lt","values":["4"]}]})").matches(nodeLabels, "n1"));
    CHECK(term(R"({"matchExpressions":[{"key":"gpu","operator":"DoesNotExist"}],
                   "matchFields":[{"key":"metadata.name","operator":"In","values":["n1"]}]})")
              .matches(nodeLabels, "n1"));
    CHECK_FALSE(term(R"({"matchFields":[{"key":"metadata.name","operator":"In","values":["n2"]}]})").matches(nodeLabels, "n1"));
    CHECK_FALSE(term(R"({})").matches(nodeLabels, "n1"));  // an empty term matches nothing

    RequiredNodeAffinity a = parseRequiredNodeAffinity(Json::parse(R"({
      "nodeSelector": {"disktype": "ssd"},
      "affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
        {"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a"]}]},
        {"matchExpressions": [{"key": "cores", "operator": "In", "values": ["8"]}]}
      ]}}}})"));
    CHECK(a.matches(nodeLabels, "n1"));
    CHECK_FALSE(a.matches({{"cores", "8"}}, "n1"));  // nodeSelector fails
}

TEST_CASE("the first untolerated NoSchedule/NoExecute taint is the one reported", "[scheduler]") {
    std::vector<Taint> taints = {{"soft", "", "PreferNoSchedule"}, {"a", "1", "NoSchedule"}, {"b", "", "NoExecute"}};
    CHECK(findUntoleratedDoNotScheduleTaint(taints, {})->key == "a");
    std::vector<Toleration> tol = {{"a", "Equal", "1", "NoSchedule"}};
    CHECK(findUntoleratedDoNotScheduleTaint(taints, tol)->key == "b");
    tol.push_back({"", "Exists", "", ""});  // tolerates everything
    CHECK_FALSE(findUntoleratedDoNotScheduleTaint(taints, tol));
    CHECK_FALSE(toleratesTaint({"a", "Equal", "2", ""}, taints[1]));
}

TEST_CASE("FitError messages sort '<count> <reason>' as strings and end every part with a period", "[scheduler]") {
    Diagnosis d;
    for (int i = 0; i < 10; ++i)
        d.nodeToStatus["big-" + std::to_string(i)] = Status::unschedulable("Insufficient memory");
    d.nodeToStatus["small-a"] = Status(Code::Unschedulable, {"Insufficient cpu", "Insufficient memory"});
    d.nodeToStatus["small-b"] = Status::unschedulable("Insufficient cpu");
    CHECK(fitErrorMessage(12, d) == "0/12 nodes are available: 11 Insufficient memory, 2 Insufficient cpu.");

    Diagnosis pre;
    pre.preFilterMsg = "pod affinity terms conflict";
    pre.postFilterMsg = "preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.";
    CHECK(fitErrorMessage(2, pre) ==
          "0/2 nodes are available: pod affinity terms conflict. preemption: 0/2 nodes are available: 2 Preemption is "
          "not helpful for scheduling..");

    Diagnosis absent;
    absent.nodeToStatus["a"] = Status::unschedulable("Too many pods");
    absent.absentNodesStatus = Status::unresolvable("Preemption is not helpful for scheduling");
    CHECK(fitErrorMessage(3, absent) ==
          "0/3 nodes are available: 1 Too many pods, 2 Preemption is not helpful for scheduling.");

    std::string longMsg(2000, 'x');
    std::string t = truncateMessage(longMsg);
    CHECK(t.size() == 1024);
    CHECK(t.substr(1020) == " ...");
}
