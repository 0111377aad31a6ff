// The node lifecycle controller notices a node whose kubelet stopped renewing its Lease, marks it
// Unknown after node-monitor-grace-period (50 s in 1.32), taints it, and cleans up when it returns.
// The cluster starts at 2025-01-15T10:00:00Z (T); the monitor passes run at T, T+5s, T+10s, ...
#include <catch2/catch.hpp>

#include "api/pod_util.h"
#include "engine/controller/nodelifecycle/node_fixture.h"

using namespace kp;
using namespace kp::test;
using namespace kp::test::nodes;

namespace {

std::string readyStatus(Cluster& c, const std::string& node) {
    return stringAt(*nodeCondition(*c.store().get("nodes", "", node), "Ready"), "status");
}

}  // namespace

TEST_CASE("a node whose Lease stops being renewed turns Unknown exactly 50 s after its last renewal",
          "[nodelifecycle]") {
    Cluster c;
    addNode(c, "minikube", {{"node-role.kubernetes.io/control-plane", ""}});
    addRunningPod(c, "web", "minikube");
    withNodeControllers(c);
    LeaseHeartbeats kubelet(c, {"minikube"});

    // Registered on the first pass.
    auto registered = eventsWithReason(c, "RegisteredNode");
    REQUIRE(registered.size() == 1);
    CHECK(registered[0]["message"] == "Node minikube event: Registered Node minikube in Controller");
    CHECK(registered[0]["source"] == Json{{"component", "node-controller"}});
    CHECK(registered[0]["involvedObject"]["kind"] == "Node");
    CHECK(registered[0]["metadata"]["namespace"] == "default");

    // The last renewal happens at 10:00:30; the kubelet then stops.
    c.advance(Duration::seconds(30));
    kubelet.alive.clear();
    c.advance(Duration::seconds(49));
    CHECK(readyStatus(c, "minikube") == "True");
    CHECK(taintsOf(c, "minikube").empty());

    c.advance(Duration::seconds(1));  // 10:01:20 = last renewal + 50 s
    const Json node = *c.store().get("nodes", "", "minikube");
    for (const char* type : {"Ready", "MemoryPressure", "DiskPressure", "PIDPressure"}) {
        const Json& cond = *nodeCondition(node, type);
        INFO(type);
        CHECK(cond["status"] == "Unknown");
        CHECK(cond["reason"] == "NodeStatusUnknown");
        CHECK(cond["message"] == "Kubelet stopped posting node status.");
        CHECK(cond["lastTransitionTime"] == "2025-01-15T10:01:20Z");
        CHECK(cond["lastHeartbeatTime"] == "2025-01-15T10:00:00Z");
    }
    CHECK(taintsOf(c, "minikube") == std::vector<std::string>{"node.kubernetes.io/unreachable:NoSchedule"});
    CHECK(taintTimeAdded(c, "minikube", "node.kubernetes.io/unreachable", "NoSchedule") == "2025-01-15T10:01:20Z");

    auto notReady = eventsWithReason(c, "NodeNotReady");
    REQUIRE(notReady.size() == 2);
    CHECK(notReady[0]["involvedObject"]["kind"] == "Node");
    CHECK(notReady[0]["type"] == "Normal");
    CHECK(notReady[0]["message"] == "Node minikube status is now: NodeNotReady");
    CHECK(notReady[1]["involvedObject"]["kind"] == "Pod");
    CHECK(notReady[1]["involvedObject"]["name"] == "web");
    CHECK(notReady[1]["type"] == "Warning");
    CHECK(notReady[1]["message"] == "Node is not ready");
    CHECK(notReady[1]["source"] == Json{{"component", "node-controller"}});

    // MarkPodsNotReady: only the Ready condition flips; the containers still look ready.
    const Json pod = *c.store().get("pods", "default", "web");
    CHECK(pod::condition(pod, "Ready")->value("status", "") == "False");
    CHECK(pod::condition(pod, "Ready")->value("lastTransitionTime", "") == "2025-01-15T10:01:20Z");
    CHECK(pod::condition(pod, "ContainersReady")->value("status", "") == "True");

    // A single-node cluster is a fully disrupted zone: no NoExecute taint, so no eviction.
    c.advance(Duration::minutes(10));
    CHECK(taintsOf(c, "minikube") == std::vector<std::string>{"node.kubernetes.io/unreachable:NoSchedule"});
    CHECK_FALSE(pod::isTerminating(*c.store().get("pods", "default", "web")));
    CHECK(eventsWithReason(c, "NodeNotReady").size() == 2);  // reported once
}

TEST_CASE("with a healthy second node, the dead node gets unreachable:NoExecute one pass later and loses both "
          "taints when it returns",
          "[nodelifecycle]") {
    Cluster c;
    addNode(c, "minikube");
    addNode(c, "minikube-m02");
    withNodeControllers(c);
    LeaseHeartbeats kubelet(c, {"minikube", "minikube-m02"});

    c.advance(Duration::seconds(30));
    kubelet.alive.erase("minikube-m02");
    c.advance(Duration::seconds(50));  // 10:01:20
    CHECK(readyStatus(c, "minikube-m02") == "Unknown");
    CHECK(readyStatus(c, "minikube") == "True");
    CHECK(taintsOf(c, "minikube-m02") == std::vector<std::string>{"node.kubernetes.io/unreachable:NoSchedule"});

    // The pass that saw the transition read Ready=True as "observed"; the next one queues the taint.
    c.advance(Duration::seconds(5));  // 10:01:25
    CHECK(taintsOf(c, "minikube-m02") == std::vector<std::string>{"node.kubernetes.io/unreachable:NoSchedule",
                                                                  "node.kubernetes.io/unreachable:NoExecute"});
    CHECK(taintTimeAdded(c, "minikube-m02", "node.kubernetes.io/unreachable", "NoExecute") == "2025-01-15T10:01:25Z");
    CHECK(taintsOf(c, "minikube").empty());

    // The kubelet comes back at 10:01:40: renews its Lease and posts Ready.
    c.advance(Duration::seconds(15));
    renewLease(c, "minikube-m02");
    postNodeStatus(c, "minikube-m02", "True");
    kubelet.alive.insert("minikube-m02");
    c.runUntilIdle();
    // NoSchedule follows the condition at once; NoExecute goes on the next monitor pass.
    CHECK(taintsOf(c, "minikube-m02") == std::vector<std::string>{"node.kubernetes.io/unreachable:NoExecute"});
    c.advance(Duration::seconds(5));
    CHECK(taintsOf(c, "minikube-m02").empty());
    CHECK(readyStatus(c, "minikube-m02") == "True");
}

TEST_CASE("a node reporting Ready=False gets not-ready taints; the NoExecute one on the next pass", "[nodelifecycle]") {
    Cluster c;
    addNode(c, "minikube");
    addNode(c, "minikube-m02");
    withNodeControllers(c);
    LeaseHeartbeats kubelet(c, {"minikube", "minikube-m02"});

    c.advance(Duration::seconds(30));
    postNodeStatus(c, "minikube-m02", "False");
    c.runUntilIdle();
    CHECK(taintsOf(c, "minikube-m02") == std::vector<std::string>{"node.kubernetes.io/not-ready:NoSchedule"});
    c.advance(Duration::seconds(5));
    CHECK(taintsOf(c, "minikube-m02") == std::vector<std::string>{"node.kubernetes.io/not-ready:NoSchedule",
                                                                  "node.kubernetes.io/not-ready:NoExecute"});
    // The kubelet reported it: no NodeNotReady event from the controller.
    CHECK(eventsWithReason(c, "NodeNotReady").empty());
}

TEST_CASE("cordoning a node adds node.kubernetes.io/unschedulable:NoSchedule, uncordoning removes it",
          "[nodelifecycle]") {
    Cluster c;
    addNode(c, "minikube");
    withNodeControllers(c);
    Client kubectl = c.client("kubectl");
    c.advance(Duration::seconds(3));

    ApiResponse r = kubectl.patch(kubectl.resource("nodes"), "", "minikube", PatchType::StrategicMergePatch,
                                  R"({"spec":{"unschedulable":true}})");
    REQUIRE(r.ok());
    c.runUntilIdle();
    CHECK(taintsOf(c, "minikube") == std::vector<std::string>{"node.kubernetes.io/unschedulable:NoSchedule"});
    CHECK(taintTimeAdded(c, "minikube", "node.kubernetes.io/unschedulable", "NoSchedule") == "2025-01-15T10:00:03Z");

    r = kubectl.patch(kubectl.resource("nodes"), "", "minikube", PatchType::StrategicMergePatch,
                      R"({"spec":{"unschedulable":null}})");
    REQUIRE(r.ok());
    c.runUntilIdle();
    CHECK(taintsOf(c, "minikube").empty());
}

TEST_CASE("a node that never posts status becomes Unknown after the 60 s startup grace period", "[nodelifecycle]") {
    Cluster c;
    withNodeControllers(c);
    addNode(c, "minikube", Json::object(), /*ready=*/false);
    c.advance(Duration::seconds(59));
    CHECK(nodeCondition(*c.store().get("nodes", "", "minikube"), "Ready") == nullptr);

    c.advance(Duration::seconds(1));  // 10:01:00
    const Json node = *c.store().get("nodes", "", "minikube");
    const Json& ready = *nodeCondition(node, "Ready");
    CHECK(ready["status"] == "Unknown");
    CHECK(ready["reason"] == "NodeStatusNeverUpdated");
    CHECK(ready["message"] == "Kubelet never posted node status.");
    CHECK(ready["lastHeartbeatTime"] == "2025-01-15T10:00:00Z");
    CHECK(ready["lastTransitionTime"] == "2025-01-15T10:01:00Z");
    REQUIRE(node["status"]["conditions"].size() == 4);
    CHECK(taintsOf(c, "minikube") == std::vector<std::string>{"node.kubernetes.io/unreachable:NoSchedule"});
    // It never was Ready: no transition to report.
    CHECK(eventsWithReason(c, "NodeNotReady").empty());
}

TEST_CASE("NoExecute taints are rate limited per zone: the second dead node is tainted 10 s after the first",
          "[nodelifecycle]") {
    Cluster c;
    for (const char* n : {"a", "b", "c", "d"})
        addNode(c, n);
    withNodeControllers(c);
    LeaseHeartbeats kubelet(c, {"a", "b", "c", "d"});
    c.advance(Duration::seconds(30));
    kubelet.alive = {"a", "b"};
    c.advance(Duration::seconds(50));  // 10:01:20: c and d Unknown; 2 of 4 is not a partial disruption
    CHECK(readyStatus(c, "c") == "Unknown");
    CHECK(readyStatus(c, "d") == "Unknown");
    c.advance(Duration::seconds(5));
    CHECK(taintTimeAdded(c, "c", "node.kubernetes.io/unreachable", "NoExecute") == "2025-01-15T10:01:25Z");
    CHECK(taintTimeAdded(c, "d", "node.kubernetes.io/unreachable", "NoExecute").empty());
    c.advance(Duration::seconds(10));
    CHECK(taintTimeAdded(c, "d", "node.kubernetes.io/unreachable", "NoExecute") == "2025-01-15T10:01:35Z");
}

TEST_CASE("zone states follow the share of not-ready nodes", "[nodelifecycle]") {
    using nodelifecycle::computeZoneState;
    using nodelifecycle::ZoneState;
    CHECK(computeZoneState({"True", "Unknown"}, 0.55).second == ZoneState::Normal);
    CHECK(computeZoneState({"Unknown"}, 0.55).second == ZoneState::FullDisruption);
    CHECK(computeZoneState({"", "False"}, 0.55).second == ZoneState::FullDisruption);
    // More than 2 not ready and at least 55 %.
    CHECK(computeZoneState({"True", "True", "Unknown", "Unknown", "Unknown"}, 0.55) ==
          std::pair{3, ZoneState::PartialDisruption});
    CHECK(computeZoneState({"True", "True", "True", "Unknown", "Unknown", "Unknown"}, 0.55).second == ZoneState::Normal);

    CHECK(nodelifecycle::zoneKey(Json{{"metadata", {{"labels", Json::object()}}}}).empty());
    CHECK(nodelifecycle::zoneKey(Json{{"metadata",
                                       {{"labels",
                                         {{"topology.kubernetes.io/region", "eu"},
                                          {"topology.kubernetes.io/zone", "eu-1a"}}}}}}) == std::string("eu:\0:eu-1a", 10));
}

TEST_CASE("the tainting queue spends one token per attempt: 0.1 qps gives a node every 10 s", "[nodelifecycle]") {
    using namespace kp::nodelifecycle;
    const Time t0{1736935200000};
    RateLimitedTimedQueue q(0.1, t0);
    CHECK(q.add("a", "uid-a", t0));
    CHECK(q.add("b", "uid-b", t0));
    CHECK_FALSE(q.add("a", "uid-a", t0));
    std::vector<std::string> done;
    auto fn = [&](const TimedValue& v) {
        done.push_back(v.value);
        return std::pair{true, Duration{}};
    };
    q.tryProcess(t0, fn);
    CHECK(done == std::vector<std::string>{"a"});
    CHECK(q.nextAttemptAt(t0) == t0 + Duration::seconds(10));
    q.tryProcess(t0 + Duration::seconds(9), fn);
    CHECK(done.size() == 1);
    // The failed attempt at +9 s spent nothing (no token); the next token is due at +10 s.
    q.tryProcess(t0 + Duration::seconds(10), fn);
    CHECK(done == std::vector<std::string>{"a", "b"});
    // Processed values are not queued again until removed.
    CHECK_FALSE(q.add("a", "uid-a", t0 + Duration::seconds(10)));
    CHECK(q.remove("a"));
    CHECK(q.add("a", "uid-a", t0 + Duration::seconds(10)));
    // Rate 0 stops everything.
    q.swapLimiter(0, t0 + Duration::seconds(100));
    q.tryProcess(t0 + Duration::seconds(100), fn);
    CHECK(done.size() == 2);
    CHECK_FALSE(q.nextAttemptAt(t0 + Duration::seconds(100)).has_value());
}
