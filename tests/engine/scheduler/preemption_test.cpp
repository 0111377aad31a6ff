// Preemption (DefaultPreemption): a higher-priority pod that fits nowhere evicts lower-priority
// pods on the best node, is nominated to it, and lands there once they are gone.
#include <catch2/catch.hpp>

#include "api/pod_util.h"
#include "engine/scheduler/scheduler_fixture.h"

using namespace kp;
using namespace kp::test;

TEST_CASE("a critical pod preempts a lower-priority pod and is nominated to its node", "[scheduler]") {
    Cluster c;
    addNode(c, "minikube");
    withScheduler(c);
    createPod(c, podObject("batch", {{"cpu", "1500m"}}));
    c.runUntilIdle();
    REQUIRE(nodeOf(c, "batch") == "minikube");

    createPod(c, podObject("critical", {{"cpu", "1"}}, {{"priorityClassName", "system-cluster-critical"}}));
    c.runUntilIdle();
    // Preemption succeeded: the message has no preemption part.
    auto failed = podEvents(c, "critical", "FailedScheduling");
    REQUIRE(failed.size() == 1);
    CHECK(failed[0]["message"] == "0/1 nodes are available: 1 Insufficient cpu.");
    ObjectPtr critical = c.store().get("pods", "default", "critical");
    CHECK(stringAt(*critical, "status.nominatedNodeName") == "minikube");

    ObjectPtr victim = c.store().get("pods", "default", "batch");
    REQUIRE(victim);
    CHECK(pod::isTerminating(*victim));
    const Json* cond = pod::condition(*victim, "DisruptionTarget");
    REQUIRE(cond);
    CHECK((*cond)["reason"] == "PreemptionByScheduler");
    CHECK((*cond)["message"] == "default-scheduler: preempting to accommodate a higher priority pod");
    auto preempted = podEvents(c, "batch", "Preempted");
    REQUIRE(preempted.size() == 1);
    CHECK(preempted[0]["message"] == "Preempted by pod " + stringAt(*critical, "metadata.uid") + " on node minikube");

    SECTION("while the victim terminates, another attempt is not eligible to preempt again") {
        c.advance(Duration::seconds(400));  // the 5-minute flush retries it
        auto again = podEvents(c, "critical", "FailedScheduling");
        REQUIRE(again.size() == 2);
        CHECK(again[1]["message"] ==
              "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to a terminating pod on "
              "the nominated node..");
    }
    SECTION("once the victim is gone the critical pod is bound to the nominated node") {
        c.advance(Duration::seconds(2));
        DeleteOptions force;
        force.gracePeriodSeconds = 0;
        REQUIRE(c.client("kubelet").remove(c.client("kubelet").resource("pods"), "default", "batch", force).ok());
        c.runUntilIdle();
        CHECK(nodeOf(c, "critical") == "minikube");
    }
}

TEST_CASE("a pod with preemptionPolicy Never does not preempt", "[scheduler]") {
    Cluster c;
    addNode(c, "minikube");
    withScheduler(c);
    createPod(c, podObject("batch", {{"cpu", "1500m"}}));
    c.runUntilIdle();
    createPod(c, podObject("polite", {{"cpu", "1"}},
                           {{"priorityClassName", "system-cluster-critical"}, {"preemptionPolicy", "Never"}}));
    c.runUntilIdle();
    auto failed = podEvents(c, "polite", "FailedScheduling");
    REQUIRE(failed.size() == 1);
    CHECK(failed[0]["message"] ==
          "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..");
    CHECK_FALSE(pod::isTerminating(*c.store().get("pods", "default", "batch")));
}

TEST_CASE("evicting every lower-priority pod must be enough, or the node's filter reason is reported", "[scheduler]") {
    Cluster c;
    addNode(c, "minikube");
    withScheduler(c);
    createPod(c, podObject("small", {{"cpu", "500m"}}));
    c.runUntilIdle();
    createPod(c, podObject("huge", {{"cpu", "3"}}, {{"priorityClassName", "system-cluster-critical"}}));
    c.runUntilIdle();
    auto failed = podEvents(c, "huge", "FailedScheduling");
    REQUIRE(failed.size() == 1);
    CHECK(failed[0]["message"] ==
          "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu..");
    CHECK_FALSE(pod::isTerminating(*c.store().get("pods", "default", "small")));
}
