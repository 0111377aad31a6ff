// The ReplicaSet controller: pods from the template, adoption and release, slow-start creation
// that stops at the first failure, the deletion ranking, status counters and minReadySeconds.
// There is no scheduler or kubelet: the FakeKubelet binds pods and reports them Running/Ready.
#include <catch2/catch.hpp>

#include <regex>

#include "engine/controller/replicaset/workload_fixture.h"

using namespace kp;
using namespace kp::test::workload;

namespace {

Json replicaSet(const std::string& name, int replicas, Json extraSpec = Json::object()) {
    Json rs = {{"apiVersion", "apps/v1"},
               {"kind", "ReplicaSet"},
               {"metadata", {{"name", name}, {"namespace", "default"}, {"labels", {{"app", name}}}}},
               {"spec",
                {{"replicas", replicas},
                 {"selector", {{"matchLabels", {{"app", name}}}}},
                 {"template",
                  {{"metadata", {{"labels", {{"app", name}, {"tier", "web"}}}}},
                   {"spec", {{"containers", Json::array({{{"name", "nginx"}, {"image", "nginx:1.27"}}})}}}}}}}};
    for (auto it = extraSpec.begin(); it != extraSpec.end(); ++it)
        rs["spec"][it.key()] = it.value();
    return rs;
}

Json getRS(Cluster& c, const std::string& name) { return *c.store().get("replicasets.apps", "default", name); }

void scaleRS(Cluster& c, const std::string& name, int replicas) {
    Json rs = getRS(c, name);
    rs["spec"]["replicas"] = replicas;
    REQUIRE(c.client("kubectl").update(rs).ok());
}

std::vector<std::string> names(const std::vector<Json>& pods) {
    std::vector<std::string> out;
    for (const Json& p : pods)
        out.push_back(stringAt(p, "metadata.name"));
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("a ReplicaSet creates its pods from the template, named <rs>-<5 chars> and controlled by it",
          "[replicaset]") {
    Cluster c;
    withWorkloadControllers(c);
    FakeKubelet kubelet(c);
    REQUIRE(c.client("kubectl").create(replicaSet("web", 3)).ok());
    c.runUntilIdle();

    const Json rs = getRS(c, "web");
    std::vector<Json> pods = podsOf(c, rs);
    REQUIRE(pods.size() == 3);
    for (const Json& p : pods) {
        CHECK(std::regex_match(stringAt(p, "metadata.name"), std::regex("web-[bcdfghjklmnpqrstvwxz2456789]{5}")));
        CHECK(stringAt(p, "metadata.generateName") == "web-");
        CHECK(p["metadata"]["labels"] == Json({{"app", "web"}, {"tier", "web"}}));
        CHECK(p["metadata"]["ownerReferences"] == Json::array({{{"apiVersion", "apps/v1"},
                                                                 {"kind", "ReplicaSet"},
                                                                 {"name", "web"},
                                                                 {"uid", rs["metadata"]["uid"]},
                                                                 {"controller", true},
                                                                 {"blockOwnerDeletion", true}}}));
    }
    std::vector<std::string> created = eventMessages(c, "SuccessfulCreate");
    std::vector<std::string> expected;
    for (const std::string& n : names(pods))
        expected.push_back("Created pod: " + n);
    std::sort(created.begin(), created.end());
    CHECK(created == expected);

    // Pending pods: replicas and fullyLabeledReplicas only; readiness once the kubelet reports.
    CHECK(rs["status"] == Json({{"replicas", 3}, {"fullyLabeledReplicas", 3}, {"observedGeneration", 1}}));
    kubelet.settle();
    CHECK(getRS(c, "web")["status"] == Json({{"replicas", 3},
                                             {"fullyLabeledReplicas", 3},
                                             {"readyReplicas", 3},
                                             {"availableReplicas", 3},
                                             {"observedGeneration", 1}}));

    SECTION("a deleted pod is replaced at once, while it is still terminating") {
        Client kubectl = c.client("kubectl");
        REQUIRE(kubectl.remove(kubectl.resource("pods"), "default", names(pods)[0]).ok());
        c.runUntilIdle();
        CHECK(podsOf(c, getRS(c, "web")).size() == 3);
        CHECK(eventMessages(c, "SuccessfulCreate").size() == 4);
    }
}

TEST_CASE("pod creation stops at the first failure and the ReplicaSet reports ReplicaFailure", "[replicaset]") {
    Cluster c;
    withWorkloadControllers(c);
    Json rs = replicaSet("web", 10);
    rs["spec"]["template"]["spec"]["serviceAccountName"] = "builder";
    REQUIRE(c.client("kubectl").create(rs).ok());
    c.runUntilIdle();

    // Slow start: the first batch has one pod; it fails, so no more are tried in this sync.
    CHECK(podsOf(c, getRS(c, "web")).empty());
    std::vector<std::string> failed = eventMessages(c, "FailedCreate");
    REQUIRE(failed.size() == 1);
    const std::string apiError =
        R"(pods "web-" is forbidden: error looking up service account default/builder: serviceaccount "builder" not found)";
    CHECK(failed[0] == "Error creating: " + apiError);
    const Json failing = getRS(c, "web");
    const Json* cond = conditionOf(failing, "ReplicaFailure");
    REQUIRE(cond);
    CHECK((*cond)["status"] == "True");
    CHECK((*cond)["reason"] == "FailedCreate");
    CHECK((*cond)["message"] == apiError);

    // Once the service account exists the retries (rate-limited) create all ten, 1+2+4+3.
    REQUIRE(c.client("kubectl")
                .create(Json{{"apiVersion", "v1"},
                             {"kind", "ServiceAccount"},
                             {"metadata", {{"name", "builder"}, {"namespace", "default"}}}})
                .ok());
    c.advance(Duration::seconds(2));
    CHECK(podsOf(c, getRS(c, "web")).size() == 10);
    CHECK(eventMessages(c, "SuccessfulCreate").size() == 10);
    CHECK(conditionOf(getRS(c, "web"), "ReplicaFailure") == nullptr);
}

TEST_CASE("a ReplicaSet adopts matching orphans and releases pods whose labels stop matching", "[replicaset]") {
    Cluster c;
    withWorkloadControllers(c);
    Client kubectl = c.client("kubectl");
    Json orphan = {{"apiVersion", "v1"},
                   {"kind", "Pod"},
                   {"metadata", {{"name", "stray"}, {"namespace", "default"}, {"labels", {{"app", "web"}}}}},
                   {"spec", {{"containers", Json::array({{{"name", "nginx"}, {"image", "nginx:1.27"}}})}}}};
    REQUIRE(kubectl.create(orphan).ok());
    REQUIRE(kubectl.create(replicaSet("web", 2)).ok());
    c.runUntilIdle();

    const Json rs = getRS(c, "web");
    std::vector<Json> pods = podsOf(c, rs);
    REQUIRE(pods.size() == 2);
    CHECK((names(pods)[0] == "stray" || names(pods)[1] == "stray"));
    CHECK(eventMessages(c, "SuccessfulCreate").size() == 1);
    // Only the template's labels count as "fully labeled": the orphan lacks tier=web.
    CHECK(intAt(getRS(c, "web"), "status.fullyLabeledReplicas") == 1);

    // Relabel the adopted pod: it is released and replaced.
    Json stray = *c.store().get("pods", "default", "stray");
    stray["metadata"]["labels"]["app"] = "debug";
    REQUIRE(kubectl.update(stray).ok());
    c.runUntilIdle();
    CHECK_FALSE(c.store().get("pods", "default", "stray")->contains("ownerReferences"));
    CHECK(findPath(*c.store().get("pods", "default", "stray"), "metadata.ownerReferences") == nullptr);
    CHECK(podsOf(c, getRS(c, "web")).size() == 2);
    CHECK(eventMessages(c, "SuccessfulCreate").size() == 2);
}

TEST_CASE("scaling down deletes unscheduled, then pending, then not-ready pods, then the most recently ready",
          "[replicaset]") {
    Cluster c;
    withWorkloadControllers(c);
    FakeKubelet kubelet(c, {"minikube", "minikube-m02", "minikube-m03", "minikube-m04", "minikube-m05"});
    REQUIRE(c.client("kubectl").create(replicaSet("web", 5)).ok());
    c.runUntilIdle();
    std::vector<std::string> pods = names(podsOf(c, getRS(c, "web")));
    REQUIRE(pods.size() == 5);

    // pods[0] stays unscheduled; pods[1] is bound but Pending; pods[2] runs but is not Ready;
    // pods[3] is Ready now, pods[4] 100 s later. One pod per node, so the node rank ties.
    kubelet.bind("default", pods[1], "minikube-m02");
    kubelet.bind("default", pods[2], "minikube-m03");
    kubelet.bind("default", pods[3], "minikube-m04");
    kubelet.bind("default", pods[4], "minikube-m05");
    kubelet.run(*c.store().get("pods", "default", pods[2]), false);
    kubelet.run(*c.store().get("pods", "default", pods[3]), true);
    c.advance(Duration::seconds(100));
    kubelet.run(*c.store().get("pods", "default", pods[4]), true);
    c.runUntilIdle();

    scaleRS(c, "web", 2);
    c.runUntilIdle();
    CHECK(eventMessages(c, "SuccessfulDelete") ==
          std::vector<std::string>{"Deleted pod: " + pods[0], "Deleted pod: " + pods[1], "Deleted pod: " + pods[2]});
    CHECK(names(podsOf(c, getRS(c, "web"))) == std::vector<std::string>{pods[3], pods[4]});

    SECTION("of two Ready pods the one Ready for less time goes first") {
        scaleRS(c, "web", 1);
        c.runUntilIdle();
        CHECK(names(podsOf(c, getRS(c, "web"))) == std::vector<std::string>{pods[3]});
    }
    SECTION("a lower controller.kubernetes.io/pod-deletion-cost goes first") {
        Json keep = *c.store().get("pods", "default", pods[4]);
        keep["metadata"]["annotations"]["controller.kubernetes.io/pod-deletion-cost"] = "100";
        REQUIRE(c.client("kubectl").update(keep).ok());
        scaleRS(c, "web", 1);
        c.runUntilIdle();
        CHECK(names(podsOf(c, getRS(c, "web"))) == std::vector<std::string>{pods[4]});
    }
}

TEST_CASE("availableReplicas waits minReadySeconds after Ready", "[replicaset]") {
    Cluster c;
    withWorkloadControllers(c);
    FakeKubelet kubelet(c);
    REQUIRE(c.client("kubectl").create(replicaSet("web", 2, {{"minReadySeconds", 10}})).ok());
    kubelet.settle();
    CHECK(intAt(getRS(c, "web"), "status.readyReplicas") == 2);
    CHECK(intAt(getRS(c, "web"), "status.availableReplicas") == 0);
    c.advance(Duration::seconds(10));
    CHECK(intAt(getRS(c, "web"), "status.availableReplicas") == 0);
    // Ready for more than 10 s: upstream looks again one second later.
    c.advance(Duration::seconds(1));
    CHECK(intAt(getRS(c, "web"), "status.availableReplicas") == 2);
}
