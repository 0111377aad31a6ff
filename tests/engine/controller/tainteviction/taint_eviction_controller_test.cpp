// The taint eviction controller deletes pods from NoExecute-tainted nodes: at once when a taint is
// not tolerated, after tolerationSeconds when it is, never without tolerationSeconds; and cancels
// when the taint goes. The cluster starts at 2025-01-15T10:00:00Z (T).
#include <catch2/catch.hpp>

#include "api/pod_util.h"
#include "engine/controller/nodelifecycle/node_fixture.h"

using namespace kp;
using namespace kp::test;
using namespace kp::test::nodes;

namespace {

Json maintenanceToleration(std::optional<int> seconds) {
    Json t = {{"key", "example.com/maintenance"}, {"operator", "Exists"}, {"effect", "NoExecute"}};
    if (seconds)
        t["tolerationSeconds"] = *seconds;
    return t;
}

void setNodeTaints(Cluster& c, const std::string& node, Json taints) {
    Client kubectl = c.client("kubectl");
    Json n = *c.store().get("nodes", "", node);
    if (taints.empty())
        n["spec"].erase("taints");
    else
        n["spec"]["taints"] = taints;
    REQUIRE(kubectl.update(n).ok());
    c.runUntilIdle();
}

bool terminating(Cluster& c, const std::string& pod) {
    ObjectPtr p = c.store().get("pods", "default", pod);
    return p && pod::isTerminating(*p);
}

}  // namespace

TEST_CASE("pods that do not tolerate a NoExecute taint go at once, tolerating ones after tolerationSeconds",
          "[tainteviction]") {
    Cluster c;
    addNode(c, "minikube");
    addNode(c, "minikube-m02");
    addRunningPod(c, "intolerant", "minikube-m02");
    addRunningPod(c, "tolerates-60", "minikube-m02", Json::array({maintenanceToleration(60)}));
    addRunningPod(c, "forever", "minikube-m02", Json::array({maintenanceToleration(std::nullopt)}));
    addRunningPod(c, "elsewhere", "minikube");
    withNodeControllers(c);
    LeaseHeartbeats kubelet(c, {"minikube", "minikube-m02"});

    c.advance(Duration::seconds(10));
    setNodeTaints(c, "minikube-m02",
                  Json::array({{{"key", "example.com/maintenance"}, {"value", "true"}, {"effect", "NoExecute"}}}));

    // Not tolerated: marked and deleted in the same instant (graceful: the kubelet finishes it).
    CHECK(terminating(c, "intolerant"));
    const Json gone = *c.store().get("pods", "default", "intolerant");
    CHECK(gone["metadata"]["deletionTimestamp"] == "2025-01-15T10:00:40Z");
    const Json* target = pod::condition(gone, "DisruptionTarget");
    REQUIRE(target);
    CHECK((*target)["status"] == "True");
    CHECK((*target)["reason"] == "DeletionByTaintManager");
    CHECK((*target)["message"] == "Taint manager: deleting due to NoExecute taint");
    auto events = eventsWithReason(c, "TaintManagerEviction");
    REQUIRE(events.size() == 1);
    CHECK(events[0]["message"] == "Marking for deletion Pod default/intolerant");
    CHECK(events[0]["type"] == "Normal");
    CHECK(events[0]["source"] == Json{{"component", "taint-eviction-controller"}});
    CHECK(events[0]["involvedObject"]["kind"] == "Pod");
    CHECK(events[0]["involvedObject"]["name"] == "intolerant");
    CHECK(events[0]["involvedObject"].value("uid", "") == "");  // upstream's reference carries no uid

    c.advance(Duration::seconds(59));
    CHECK_FALSE(terminating(c, "tolerates-60"));
    c.advance(Duration::seconds(1));  // 10:01:10 = taint + 60 s
    CHECK(terminating(c, "tolerates-60"));
    events = eventsWithReason(c, "TaintManagerEviction");
    REQUIRE(events.size() == 2);
    CHECK(events[1]["message"] == "Marking for deletion Pod default/tolerates-60");

    c.advance(Duration::minutes(10));
    CHECK_FALSE(terminating(c, "forever"));
    CHECK_FALSE(terminating(c, "elsewhere"));
}

TEST_CASE("removing the taint cancels a scheduled eviction", "[tainteviction]") {
    Cluster c;
    addNode(c, "minikube");
    addRunningPod(c, "tolerates-60", "minikube", Json::array({maintenanceToleration(60)}));
    withNodeControllers(c);
    LeaseHeartbeats kubelet(c, {"minikube"});

    c.advance(Duration::seconds(10));
    setNodeTaints(c, "minikube",
                  Json::array({{{"key", "example.com/maintenance"}, {"value", "true"}, {"effect", "NoExecute"}}}));
    auto* controller =
        dynamic_cast<tainteviction::TaintEvictionController*>(c.component("kube-controller-manager-nodes")->find("taint-eviction-controller"));
    REQUIRE(controller);
    REQUIRE(controller->scheduledEvictions().count("default/tolerates-60"));
    CHECK(controller->scheduledEvictions().at("default/tolerates-60").fireAt == Time{1736935200000 + 70'000});

    c.advance(Duration::seconds(30));
    setNodeTaints(c, "minikube", Json::array());
    auto events = eventsWithReason(c, "TaintManagerEviction");
    REQUIRE(events.size() == 1);
    CHECK(events[0]["message"] == "Cancelling deletion of Pod default/tolerates-60");
    CHECK(controller->scheduledEvictions().empty());
    c.advance(Duration::minutes(2));
    CHECK_FALSE(terminating(c, "tolerates-60"));
}

TEST_CASE("pods on a dead node are evicted 300 s after the unreachable:NoExecute taint", "[tainteviction]") {
    Cluster c;
    addNode(c, "minikube");
    addNode(c, "minikube-m02");
    addRunningPod(c, "web", "minikube-m02");  // admission adds not-ready/unreachable for 300 s
    withNodeControllers(c);
    LeaseHeartbeats kubelet(c, {"minikube", "minikube-m02"});
    const Json tolerations = (*c.store().get("pods", "default", "web"))["spec"]["tolerations"];
    CHECK(tolerations[1] == Json{{"key", "node.kubernetes.io/unreachable"},
                                 {"operator", "Exists"},
                                 {"effect", "NoExecute"},
                                 {"tolerationSeconds", 300}});

    c.advance(Duration::seconds(30));
    kubelet.alive.erase("minikube-m02");  // last renewal 10:00:30
    c.advance(Duration::seconds(55));     // 10:01:25: Unknown at 10:01:20, NoExecute now
    CHECK(taintTimeAdded(c, "minikube-m02", "node.kubernetes.io/unreachable", "NoExecute") == "2025-01-15T10:01:25Z");
    c.advance(Duration::seconds(299));
    CHECK_FALSE(terminating(c, "web"));
    c.advance(Duration::seconds(1));  // 10:06:25
    REQUIRE(terminating(c, "web"));
    const Json web = *c.store().get("pods", "default", "web");
    CHECK(web["metadata"]["deletionTimestamp"] == "2025-01-15T10:06:55Z");
    CHECK(pod::condition(web, "Ready")->value("status", "") == "False");
    CHECK(pod::condition(web, "DisruptionTarget")->value("reason", "") == "DeletionByTaintManager");
    auto events = eventsWithReason(c, "TaintManagerEviction");
    REQUIRE(events.size() == 1);
    CHECK(events[0]["message"] == "Marking for deletion Pod default/web");
    CHECK(events[0]["firstTimestamp"] == "2025-01-15T10:06:25Z");
}

TEST_CASE("the shortest tolerationSeconds of the tolerations used decides", "[tainteviction]") {
    bool forever = false;
    CHECK(tainteviction::minTolerationTime({}, forever) == Duration{});
    CHECK_FALSE(forever);
    CHECK(tainteviction::minTolerationTime({Json{{"tolerationSeconds", 300}}, Json{{"tolerationSeconds", 60}}}, forever) ==
          Duration::seconds(60));
    CHECK(tainteviction::minTolerationTime({Json{{"tolerationSeconds", -5}}}, forever) == Duration{});
    CHECK_FALSE(forever);
    tainteviction::minTolerationTime({Json{{"key", "x"}}}, forever);
    CHECK(forever);
}
