// The Deployment controller's arithmetic on its own.
#include <catch2/catch.hpp>

#include "controller/deployment/deployment_util.h"

using namespace kp;
using namespace kp::deployment;

namespace {

Json rollingDeployment(int replicas, Json maxSurge = "25%", Json maxUnavailable = "25%") {
    return Json{{"metadata", {{"name", "web"}, {"annotations", Json::object()}}},
                {"spec",
                 {{"replicas", replicas},
                  {"strategy",
                   {{"type", "RollingUpdate"},
                    {"rollingUpdate", {{"maxSurge", maxSurge}, {"maxUnavailable", maxUnavailable}}}}}}}};
}

Json rs(const std::string& name, int replicas, Json annotations = Json::object()) {
    return Json{{"metadata", {{"name", name}, {"annotations", annotations}, {"creationTimestamp", "2025-01-15T10:00:00Z"}}},
                {"spec", {{"replicas", replicas}}}};
}

}  // namespace

TEST_CASE("fenceposts: surge rounds up, unavailable rounds down, never both 0", "[deployment]") {
    CHECK(maxSurge(rollingDeployment(3)) == 1);
    CHECK(maxUnavailable(rollingDeployment(3)) == 0);
    CHECK(maxSurge(rollingDeployment(4)) == 1);
    CHECK(maxUnavailable(rollingDeployment(4)) == 1);
    CHECK(maxSurge(rollingDeployment(10)) == 3);
    CHECK(maxUnavailable(rollingDeployment(10)) == 2);
    CHECK(resolveFenceposts(nullptr, nullptr, 5) == std::pair<int32_t, int32_t>{0, 1});
    CHECK(maxUnavailable(rollingDeployment(1, 0, "10%")) == 1);  // both 0: unavailable becomes 1
    CHECK(maxUnavailable(rollingDeployment(2, 0, 5)) == 2);      // capped at replicas
    Json recreate = rollingDeployment(3);
    recreate["spec"]["strategy"] = {{"type", "Recreate"}};
    CHECK(maxSurge(recreate) == 0);
    CHECK(maxUnavailable(recreate) == 0);
    CHECK(scaledValueFromIntOrPercent("33%", 10, true) == 4);
    CHECK(scaledValueFromIntOrPercent("33%", 10, false) == 3);
    CHECK_FALSE(scaledValueFromIntOrPercent("33", 10, false));
}

TEST_CASE("the new ReplicaSet grows up to replicas + maxSurge pods in total", "[deployment]") {
    const Json d = rollingDeployment(10);  // surge 3
    CHECK(newRSNewReplicas(d, {rs("old", 10), rs("new", 0)}, rs("new", 0)) == 3);
    CHECK(newRSNewReplicas(d, {rs("old", 8), rs("new", 3)}, rs("new", 3)) == 5);
    CHECK(newRSNewReplicas(d, {rs("old", 10), rs("new", 3)}, rs("new", 3)) == 3);
    CHECK(newRSNewReplicas(d, {rs("old", 0), rs("new", 9)}, rs("new", 9)) == 10);
}

TEST_CASE("proportions for scaling mid-rollout use the max-replicas annotation", "[deployment]") {
    const Json d = rollingDeployment(20);  // allowed 25
    const Json old = rs("old", 8, {{kMaxReplicasAnnotation, "13"}});
    const Json fresh = rs("new", 5, {{kMaxReplicasAnnotation, "13"}});
    CHECK(getProportion(&old, d, 12, 0) == 7);
    CHECK(getProportion(&fresh, d, 12, 7) == 5);
    CHECK(getProportion(&fresh, d, 12, 12) == 0);
    Json down = rollingDeployment(5);  // allowed 7, from 13: -6
    CHECK(getProportion(&old, down, -6, 0) == -4);  // round(8*7/13)=4 -> -4
}

TEST_CASE("a ReplicaSet brought back records its old revisions", "[deployment]") {
    Json d = rollingDeployment(3);
    d["metadata"]["annotations"] = {{"kubernetes.io/change-cause", "kubectl set image"},
                                    {"kubectl.kubernetes.io/last-applied-configuration", "{}"},
                                    {kRevisionAnnotation, "4"}};
    Json r = rs("web-1", 0, {{kRevisionAnnotation, "1"}});
    CHECK(setNewReplicaSetAnnotations(d, r, "5", true));
    CHECK(r["metadata"]["annotations"] == Json({{"kubernetes.io/change-cause", "kubectl set image"},
                                                {kRevisionAnnotation, "5"},
                                                {kRevisionHistoryAnnotation, "1"}}));
    CHECK(setNewReplicaSetAnnotations(d, r, "9", true));
    CHECK(r["metadata"]["annotations"][kRevisionHistoryAnnotation] == "1,5");
    CHECK_FALSE(setNewReplicaSetAnnotations(d, r, "9", true));
    // A new ReplicaSet also gets the replica annotations: desired 3, max 3 + surge 1.
    Json fresh = rs("web-2", 0);
    setNewReplicaSetAnnotations(d, fresh, "6", false);
    CHECK(fresh["metadata"]["annotations"][kDesiredReplicasAnnotation] == "3");
    CHECK(fresh["metadata"]["annotations"][kMaxReplicasAnnotation] == "4");
}

TEST_CASE("conditions keep their transition time when only the reason changes", "[deployment]") {
    Json status = Json::object();
    setDeploymentCondition(status, newDeploymentCondition("Progressing", "True", kNewReplicaSetReason, "a", Time{1000}));
    setDeploymentCondition(status, newDeploymentCondition("Progressing", "True", kNewRSAvailableReason, "b", Time{60000}));
    const Json* c = getDeploymentCondition(status, "Progressing");
    REQUIRE(c);
    CHECK((*c)["lastTransitionTime"] == formatRFC3339(Time{1000}));
    CHECK((*c)["lastUpdateTime"] == formatRFC3339(Time{60000}));
    // Same status and reason: nothing moves.
    setDeploymentCondition(status, newDeploymentCondition("Progressing", "True", kNewRSAvailableReason, "b", Time{90000}));
    CHECK((*getDeploymentCondition(status, "Progressing"))["lastUpdateTime"] == formatRFC3339(Time{60000}));
}
