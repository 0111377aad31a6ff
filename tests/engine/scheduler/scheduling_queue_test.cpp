// When pending pods are tried again: back-off in virtual time, cluster events that may help
// (QueueingHints), the 5-minute flush, and scheduling gates.
#include <catch2/catch.hpp>

#include "engine/scheduler/scheduler_fixture.h"

using namespace kp;
using namespace kp::test;

namespace {

// Seconds after `start` at which each FailedScheduling event of `pod` was recorded.
std::vector<double> attemptOffsets(Cluster& c, const std::string& pod, Time start) {
    std::vector<double> out;
    for (const Json& e : podEvents(c, pod, "FailedScheduling"))
        out.push_back(static_cast<double>(parseRFC3339(stringAt(e, "eventTime"))->ms - start.ms) / 1000.0);
    return out;
}

}  // namespace

TEST_CASE("without nodes a pod is retried after 1, 2, 4, 8 and then every 10 seconds", "[scheduler]") {
    Cluster c;
    withScheduler(c);
    Time start = c.now();
    createPod(c, podObject("lonely"));
    c.runUntilIdle();
    c.advance(Duration::seconds(40));
    CHECK(attemptOffsets(c, "lonely", start) == std::vector<double>{0, 1, 3, 7, 15, 25, 35});
    auto events = podEvents(c, "lonely", "FailedScheduling");
    CHECK(events[0]["message"] == "no nodes available to schedule pods");
    Json cond = podScheduledCondition(c, "lonely");
    CHECK(cond["reason"] == "Unschedulable");
    CHECK(cond["message"] == "no nodes available to schedule pods");
}

TEST_CASE("an unschedulable pod is tried again when a node that fits is added", "[scheduler]") {
    Cluster c;
    NodeSpec small;
    small.cpu = "1";
    addNode(c, "minikube", small);
    scheduler::Scheduler& s = withScheduler(c);
    createPod(c, podObject("big", {{"cpu", "2"}}));
    c.runUntilIdle();
    REQUIRE(podEvents(c, "big", "FailedScheduling").size() == 1);
    CHECK(s.schedulingQueue().unschedulableCount() == 1);

    SECTION("waiting is free: no retries without a relevant event") {
        c.advance(Duration::seconds(60));
        CHECK(podEvents(c, "big", "FailedScheduling").size() == 1);
    }
    SECTION("a node status update that changes nothing schedulable does not wake it") {
        c.advance(Duration::seconds(5));
        Client kubelet = c.client("kubelet");
        kubelet.patch(kubelet.resource("nodes"), "", "minikube", PatchType::MergePatch,
                      R"({"metadata":{"labels":{"unrelated":"x"}}})", {}, "");
        c.runUntilIdle();
        CHECK(podEvents(c, "big", "FailedScheduling").size() == 1);
        CHECK(s.schedulingQueue().unschedulableCount() == 1);
    }
    SECTION("a new node with room schedules it at once") {
        c.advance(Duration::seconds(5));
        NodeSpec big;
        big.cpu = "4";
        addNode(c, "minikube-m02", big);
        c.runUntilIdle();
        CHECK(nodeOf(c, "big") == "minikube-m02");
    }
    SECTION("an event during the back-off waits for the back-off to end") {
        // First attempt at t=0 failed: back-off until t=1s.
        c.advance(Duration::millis(300));
        NodeSpec big;
        big.cpu = "4";
        addNode(c, "minikube-m02", big);
        c.runUntilIdle();
        CHECK(nodeOf(c, "big") == "");
        CHECK(s.schedulingQueue().backoffCount() == 1);
        c.advance(Duration::millis(699));
        CHECK(nodeOf(c, "big") == "");
        c.advance(Duration::millis(1));
        CHECK(nodeOf(c, "big") == "minikube-m02");
    }
    SECTION("the allocatable growing on the node wakes it") {
        c.advance(Duration::seconds(5));
        Client kubelet = c.client("kubelet");
        kubelet.patch(kubelet.resource("nodes"), "", "minikube", PatchType::MergePatch,
                      R"({"status":{"allocatable":{"cpu":"4"},"capacity":{"cpu":"4"}}})", {}, "status");
        c.runUntilIdle();
        CHECK(nodeOf(c, "big") == "minikube");
    }
    SECTION("after 5 minutes in the unschedulable pool it is tried again anyway") {
        // Flushes run every 30 s from the scheduler's start and move pods waiting more than 5 min.
        c.advance(Duration::seconds(300));
        CHECK(podEvents(c, "big", "FailedScheduling").size() == 1);
        c.advance(Duration::seconds(30));
        CHECK(podEvents(c, "big", "FailedScheduling").size() == 2);
    }
}

TEST_CASE("a stopped kube-scheduler leaves pods Pending and catches up when started", "[scheduler]") {
    Cluster c;
    addNode(c, "minikube");
    withScheduler(c);
    Component* comp = c.component("kube-scheduler");
    REQUIRE(comp);
    comp->setEnabled(false);
    createPod(c, podObject("nginx"));
    c.advance(Duration::seconds(30));
    CHECK(nodeOf(c, "nginx") == "");
    comp->setEnabled(true);
    c.runUntilIdle();
    CHECK(nodeOf(c, "nginx") == "minikube");
}

TEST_CASE("a gated pod is not tried until its scheduling gates are removed", "[scheduler]") {
    Cluster c;
    addNode(c, "minikube");
    withScheduler(c);
    createPod(c, podObject("gated", Json::object(), {{"schedulingGates", Json::array({{{"name", "example.com/wait"}}})}}));
    c.runUntilIdle();
    CHECK(nodeOf(c, "gated") == "");
    CHECK(podEvents(c, "gated", "FailedScheduling").empty());
    Client kubectl = c.client("kubectl");
    REQUIRE(kubectl.patch(kubectl.resource("pods"), "default", "gated", PatchType::JsonPatch,
                          R"([{"op":"remove","path":"/spec/schedulingGates"}])")
                .ok());
    c.runUntilIdle();
    CHECK(nodeOf(c, "gated") == "minikube");
}

TEST_CASE("higher-priority pods are tried first", "[scheduler]") {
    Cluster c;
    addNode(c, "minikube");
    scheduler::Scheduler& s = withScheduler(c);
    Component* comp = c.component("kube-scheduler");
    comp->setEnabled(false);
    createPod(c, podObject("low"));
    createPod(c, podObject("high", Json::object(), {{"priorityClassName", "system-cluster-critical"}}));
    c.runUntilIdle();
    comp->setEnabled(true);
    c.runUntilIdle();
    auto traces = s.traces();
    REQUIRE(traces.size() == 2);
    CHECK(traces[0]->name == "high");
    CHECK(traces[1]->name == "low");
}
