// The Deployment controller on a Cluster with the ReplicaSet controller and the garbage
// collector; the FakeKubelet plays scheduler and kubelets. Scenarios: first rollout with every
// status step, rolling updates of 3, 4 and 10 replicas round by round, Recreate, rollback,
// proportional scaling, minReadySeconds, the progress deadline, revisionHistoryLimit, pause and
// resume, deletion through the garbage collector.
#include <catch2/catch.hpp>

#include "controller/deployment/deployment_util.h"
#include "engine/controller/replicaset/workload_fixture.h"

using namespace kp;
using namespace kp::test::workload;

namespace {

// What `kubectl create deployment <name> --image=<image> --replicas=<n>` sends.
Json deploymentManifest(const std::string& name, const std::string& image, int replicas) {
    std::string container = image.substr(image.rfind('/') == std::string::npos ? 0 : image.rfind('/') + 1);
    container = container.substr(0, container.find(':'));
    return Json{{"apiVersion", "apps/v1"},
                {"kind", "Deployment"},
                {"metadata", {{"name", name}, {"namespace", "default"}, {"labels", {{"app", name}}}}},
                {"spec",
                 {{"replicas", replicas},
                  {"selector", {{"matchLabels", {{"app", name}}}}},
                  {"template",
                   {{"metadata", {{"creationTimestamp", nullptr}, {"labels", {{"app", name}}}}},
                    {"spec",
                     {{"containers",
                       Json::array({{{"name", container}, {"image", image}, {"resources", Json::object()}}})}}}}}}}};
}

Json getDeploy(Cluster& c, const std::string& name) { return *c.store().get("deployments.apps", "default", name); }

// The Deployment's ReplicaSets, oldest first.
std::vector<Json> replicaSetsOf(Cluster& c, const std::string& name) {
    const std::string uid = stringAt(getDeploy(c, name), "metadata.uid");
    std::vector<Json> out;
    for (const ObjectPtr& rs : c.store().list("replicasets.apps", "default"))
        if (owner::isControlledBy(*rs, uid))
            out.push_back(*rs);
    deployment::sortByCreationTimestamp(out);
    return out;
}

Json rsNamed(Cluster& c, const std::string& name) { return *c.store().get("replicasets.apps", "default", name); }

// Active pods per ReplicaSet, oldest ReplicaSet first: {3, 1} = 3 old pods, 1 new.
std::vector<size_t> podCounts(Cluster& c, const std::string& name) {
    std::vector<size_t> out;
    for (const Json& rs : replicaSetsOf(c, name))
        out.push_back(podsOf(c, rs).size());
    return out;
}

void edit(Cluster& c, const std::string& name, const std::function<void(Json&)>& change) {
    Json d = getDeploy(c, name);
    change(d);
    ApiResponse r = c.client("kubectl").update(d);
    REQUIRE(r.ok());
}

void setImage(Cluster& c, const std::string& name, const std::string& image) {
    edit(c, name, [&](Json& d) { d["spec"]["template"]["spec"]["containers"][0]["image"] = image; });
}

Json condition(const Json& d, const std::string& type) {
    const Json* cond = conditionOf(d, type);
    return cond ? *cond : Json();
}

std::string annotation(const Json& obj, const std::string& key) {
    const Json* a = findPath(obj, "metadata.annotations");
    return a && a->contains(key) ? (*a)[key].get<std::string>() : "";
}

}  // namespace

TEST_CASE("a new Deployment gets <name>-<pod-template-hash> and reports every status step", "[deployment]") {
    Cluster c;
    withWorkloadControllers(c);
    FakeKubelet kubelet(c);
    REQUIRE(c.client("kubectl").create(deploymentManifest("hello-minikube", "kicbase/echo-server:1.0", 3)).ok());
    c.runUntilIdle();

    // The same name a real 1.32 cluster gives this template.
    std::vector<Json> rss = replicaSetsOf(c, "hello-minikube");
    REQUIRE(rss.size() == 1);
    const Json& rs = rss[0];
    CHECK(stringAt(rs, "metadata.name") == "hello-minikube-ffcbb5874");
    CHECK(rs["metadata"]["labels"] == Json({{"app", "hello-minikube"}, {"pod-template-hash", "ffcbb5874"}}));
    CHECK(rs["spec"]["selector"] ==
          Json({{"matchLabels", {{"app", "hello-minikube"}, {"pod-template-hash", "ffcbb5874"}}}}));
    CHECK(rs["spec"]["template"]["metadata"]["labels"]["pod-template-hash"] == "ffcbb5874");
    CHECK(rs["metadata"]["annotations"] == Json({{"deployment.kubernetes.io/desired-replicas", "3"},
                                                 {"deployment.kubernetes.io/max-replicas", "4"},
                                                 {"deployment.kubernetes.io/revision", "1"}}));
    CHECK(rs["metadata"]["ownerReferences"][0]["kind"] == "Deployment");
    CHECK(rs["metadata"]["ownerReferences"][0]["blockOwnerDeletion"] == true);
    CHECK(intAt(rs, "spec.replicas") == 3);

    // Step 1: pods created, none running.
    Json d = getDeploy(c, "hello-minikube");
    CHECK(annotation(d, "deployment.kubernetes.io/revision") == "1");
    CHECK(intAt(d, "status.observedGeneration") == 1);
    CHECK(intAt(d, "status.replicas") == 3);
    CHECK(intAt(d, "status.updatedReplicas") == 3);
    CHECK(intAt(d, "status.unavailableReplicas") == 3);
    CHECK_FALSE(findPath(d, "status.readyReplicas"));
    CHECK_FALSE(findPath(d, "status.availableReplicas"));
    CHECK(condition(d, "Available")["status"] == "False");
    CHECK(condition(d, "Available")["reason"] == "MinimumReplicasUnavailable");
    CHECK(condition(d, "Available")["message"] == "Deployment does not have minimum availability.");
    CHECK(condition(d, "Progressing")["status"] == "True");
    CHECK(condition(d, "Progressing")["reason"] == "ReplicaSetUpdated");
    CHECK(condition(d, "Progressing")["message"] == "ReplicaSet \"hello-minikube-ffcbb5874\" is progressing.");

    // Step 2: the kubelet starts them.
    kubelet.settle();
    d = getDeploy(c, "hello-minikube");
    CHECK(d["status"]["replicas"] == 3);
    CHECK(d["status"]["updatedReplicas"] == 3);
    CHECK(d["status"]["readyReplicas"] == 3);
    CHECK(d["status"]["availableReplicas"] == 3);
    CHECK_FALSE(d["status"].contains("unavailableReplicas"));
    CHECK(condition(d, "Available")["reason"] == "MinimumReplicasAvailable");
    CHECK(condition(d, "Available")["message"] == "Deployment has minimum availability.");
    CHECK(condition(d, "Progressing")["reason"] == "NewReplicaSetAvailable");
    CHECK(condition(d, "Progressing")["message"] == "ReplicaSet \"hello-minikube-ffcbb5874\" has successfully progressed.");
    // Conditions come in the order a real cluster lists them.
    CHECK(d["status"]["conditions"][0]["type"] == "Available");
    CHECK(d["status"]["conditions"][1]["type"] == "Progressing");

    CHECK(eventMessages(c, "ScalingReplicaSet") ==
          std::vector<std::string>{"Scaled up replica set hello-minikube-ffcbb5874 from 0 to 3"});
    CHECK(eventMessages(c, "SuccessfulCreate").size() == 3);
    for (const std::string& m : eventMessages(c, "SuccessfulCreate"))
        CHECK(m.rfind("Created pod: hello-minikube-ffcbb5874-", 0) == 0);
}

TEST_CASE("a rolling update respects maxSurge and maxUnavailable at every round", "[deployment]") {
    Cluster c;
    withWorkloadControllers(c);
    FakeKubelet kubelet(c);
    // Each round: the controllers do what they can, then the kubelet makes the new pods Ready
    // (and removes the deleted ones). podCounts = {old pods, new pods}.
    auto rollout = [&](int replicas) {
        REQUIRE(c.client("kubectl").create(deploymentManifest("web", "nginx:1.26", replicas)).ok());
        kubelet.settle();
        REQUIRE(podCounts(c, "web") == std::vector<size_t>{size_t(replicas)});
        setImage(c, "web", "nginx:1.27");
        c.runUntilIdle();
        std::vector<std::vector<size_t>> rounds = {podCounts(c, "web")};
        for (int i = 0; i < 10 && rounds.back()[0] > 0; ++i) {
            kubelet.step();
            c.runUntilIdle();
            rounds.push_back(podCounts(c, "web"));
        }
        return rounds;
    };
    using Rounds = std::vector<std::vector<size_t>>;

    SECTION("3 replicas: surge 1, unavailable 0") {
        CHECK(rollout(3) == Rounds{{3, 1}, {2, 2}, {1, 3}, {0, 3}});
        std::vector<Json> rss = replicaSetsOf(c, "web");
        const std::string oldRS = stringAt(rss[0], "metadata.name"), newRS = stringAt(rss[1], "metadata.name");
        CHECK(eventMessages(c, "ScalingReplicaSet") ==
              std::vector<std::string>{"Scaled up replica set " + oldRS + " from 0 to 3",
                                       "Scaled up replica set " + newRS + " from 0 to 1",
                                       "Scaled down replica set " + oldRS + " from 3 to 2",
                                       "Scaled up replica set " + newRS + " from 1 to 2",
                                       "Scaled down replica set " + oldRS + " from 2 to 1",
                                       "Scaled up replica set " + newRS + " from 2 to 3",
                                       "Scaled down replica set " + oldRS + " from 1 to 0"});
        kubelet.settle();
        const Json d = getDeploy(c, "web");
        CHECK(annotation(d, "deployment.kubernetes.io/revision") == "2");
        CHECK(annotation(rss[1], "deployment.kubernetes.io/revision") == "2");
        CHECK(condition(d, "Progressing")["reason"] == "NewReplicaSetAvailable");
        CHECK(d["status"]["updatedReplicas"] == 3);
        CHECK(d["status"]["replicas"] == 3);
    }
    SECTION("4 replicas: surge 1, unavailable 1") { CHECK(rollout(4) == Rounds{{3, 2}, {1, 4}, {0, 4}}); }
    SECTION("10 replicas: surge 3, unavailable 2") { CHECK(rollout(10) == Rounds{{8, 5}, {3, 10}, {0, 10}}); }
}

TEST_CASE("Recreate scales the old ReplicaSet to 0 and waits for its pods to be gone", "[deployment]") {
    Cluster c;
    withWorkloadControllers(c);
    FakeKubelet kubelet(c);
    Json manifest = deploymentManifest("db", "postgres:16", 3);
    manifest["spec"]["strategy"] = {{"type", "Recreate"}};
    REQUIRE(c.client("kubectl").create(manifest).ok());
    kubelet.settle();
    const std::string oldRS = stringAt(replicaSetsOf(c, "db")[0], "metadata.name");

    setImage(c, "db", "postgres:17");
    c.runUntilIdle();
    // Old pods are terminating: no new ReplicaSet yet.
    CHECK(replicaSetsOf(c, "db").size() == 1);
    CHECK(intAt(rsNamed(c, oldRS), "spec.replicas") == 0);
    CHECK(eventMessages(c, "ScalingReplicaSet").back() == "Scaled down replica set " + oldRS + " from 3 to 0");

    kubelet.settle();  // the kubelet finishes the deletions, then the new pods start
    std::vector<Json> rss = replicaSetsOf(c, "db");
    REQUIRE(rss.size() == 2);
    const std::string newRS = stringAt(rss[1], "metadata.name");
    CHECK(podCounts(c, "db") == std::vector<size_t>{0, 3});
    CHECK(eventMessages(c, "ScalingReplicaSet").back() == "Scaled up replica set " + newRS + " from 0 to 3");
    CHECK(annotation(rss[1], "deployment.kubernetes.io/max-replicas") == "3");  // no surge with Recreate
    CHECK(condition(getDeploy(c, "db"), "Progressing")["reason"] == "NewReplicaSetAvailable");
}

TEST_CASE("a rollback brings the old ReplicaSet back and moves its revision forward", "[deployment]") {
    Cluster c;
    withWorkloadControllers(c);
    FakeKubelet kubelet(c);
    REQUIRE(c.client("kubectl").create(deploymentManifest("web", "nginx:1.26", 2)).ok());
    kubelet.settle();
    setImage(c, "web", "nginx:1.27");
    kubelet.settle();
    std::vector<Json> rss = replicaSetsOf(c, "web");
    REQUIRE(rss.size() == 2);
    const std::string first = stringAt(rss[0], "metadata.name"), second = stringAt(rss[1], "metadata.name");
    CHECK(annotation(getDeploy(c, "web"), "deployment.kubernetes.io/revision") == "2");

    // kubectl rollout undo (client-side): the template of revision 1, without its hash label.
    Json tmpl = rss[0]["spec"]["template"];
    tmpl["metadata"]["labels"].erase("pod-template-hash");
    edit(c, "web", [&](Json& d) { d["spec"]["template"] = tmpl; });
    kubelet.settle();

    rss = replicaSetsOf(c, "web");
    REQUIRE(rss.size() == 2);  // no third ReplicaSet: the first one is reused
    CHECK(stringAt(rss[0], "metadata.name") == first);
    CHECK(annotation(rss[0], "deployment.kubernetes.io/revision") == "3");
    CHECK(annotation(rss[0], "deployment.kubernetes.io/revision-history") == "1");
    CHECK(annotation(rss[1], "deployment.kubernetes.io/revision") == "2");
    CHECK(annotation(getDeploy(c, "web"), "deployment.kubernetes.io/revision") == "3");
    CHECK(podCounts(c, "web") == std::vector<size_t>{2, 0});
    CHECK(eventMessages(c, "ScalingReplicaSet").back() == "Scaled down replica set " + second + " from 1 to 0");

    SECTION("and forward again: revision-history grows") {
        setImage(c, "web", "nginx:1.27");
        kubelet.settle();
        edit(c, "web", [&](Json& d) { d["spec"]["template"] = tmpl; });
        kubelet.settle();
        CHECK(annotation(rsNamed(c, first), "deployment.kubernetes.io/revision") == "5");
        CHECK(annotation(rsNamed(c, first), "deployment.kubernetes.io/revision-history") == "1,3");
        CHECK(annotation(rsNamed(c, second), "deployment.kubernetes.io/revision-history") == "2");
    }
}

TEST_CASE("scaling in the middle of a rollout spreads the new replicas in proportion", "[deployment]") {
    Cluster c;
    withWorkloadControllers(c);
    FakeKubelet kubelet(c);
    REQUIRE(c.client("kubectl").create(deploymentManifest("web", "nginx:1.26", 10)).ok());
    kubelet.settle();
    kubelet.neverReady.insert("web-");  // the new pods never become Ready: the rollout stalls
    setImage(c, "web", "nginx:1.27");
    kubelet.settle();
    std::vector<Json> rss = replicaSetsOf(c, "web");
    REQUIRE(rss.size() == 2);
    CHECK(intAt(rss[0], "spec.replicas") == 8);
    CHECK(intAt(rss[1], "spec.replicas") == 5);

    // 20 replicas: 25 allowed (20 + 5 surge), 13 running: +7 old (8*25/13 = 15.4), +5 new.
    edit(c, "web", [](Json& d) { d["spec"]["replicas"] = 20; });
    c.runUntilIdle();
    CHECK(intAt(rsNamed(c, stringAt(rss[0], "metadata.name")), "spec.replicas") == 15);
    CHECK(intAt(rsNamed(c, stringAt(rss[1], "metadata.name")), "spec.replicas") == 10);
    std::vector<std::string> events = eventMessages(c, "ScalingReplicaSet");
    CHECK(std::find(events.begin(), events.end(),
                    "Scaled up replica set " + stringAt(rss[0], "metadata.name") + " from 8 to 15") != events.end());
    CHECK(std::find(events.begin(), events.end(),
                    "Scaled up replica set " + stringAt(rss[1], "metadata.name") + " from 5 to 10") != events.end());
    CHECK(annotation(rsNamed(c, stringAt(rss[1], "metadata.name")), "deployment.kubernetes.io/desired-replicas") == "20");
}

TEST_CASE("with minReadySeconds a Deployment becomes available only after that time", "[deployment]") {
    Cluster c;
    withWorkloadControllers(c);
    FakeKubelet kubelet(c);
    Json manifest = deploymentManifest("web", "nginx:1.27", 2);
    manifest["spec"]["minReadySeconds"] = 30;
    REQUIRE(c.client("kubectl").create(manifest).ok());
    kubelet.settle();
    Json d = getDeploy(c, "web");
    CHECK(intAt(d, "status.readyReplicas") == 2);
    CHECK(intAt(d, "status.availableReplicas") == 0);
    CHECK(condition(d, "Available")["status"] == "False");
    CHECK(intAt(replicaSetsOf(c, "web")[0], "spec.minReadySeconds") == 30);

    c.advance(Duration::seconds(30));
    CHECK(intAt(getDeploy(c, "web"), "status.availableReplicas") == 0);
    c.advance(Duration::seconds(1));
    d = getDeploy(c, "web");
    CHECK(intAt(d, "status.availableReplicas") == 2);
    CHECK(condition(d, "Available")["status"] == "True");
    CHECK(condition(d, "Progressing")["reason"] == "NewReplicaSetAvailable");
}

TEST_CASE("a rollout without progress for progressDeadlineSeconds is reported as failed", "[deployment]") {
    Cluster c;
    withWorkloadControllers(c);
    FakeKubelet kubelet(c);
    REQUIRE(c.client("kubectl").create(deploymentManifest("web", "nginx:1.26", 3)).ok());
    kubelet.settle();
    kubelet.neverReady.insert("web-");
    setImage(c, "web", "nginx:does-not-exist");
    kubelet.settle();
    const std::string newRS = stringAt(replicaSetsOf(c, "web")[1], "metadata.name");
    CHECK(condition(getDeploy(c, "web"), "Progressing")["reason"] == "ReplicaSetUpdated");

    c.advance(Duration::seconds(600));
    CHECK(condition(getDeploy(c, "web"), "Progressing")["status"] == "True");
    c.advance(Duration::seconds(1));
    const Json d = getDeploy(c, "web");
    CHECK(condition(d, "Progressing")["status"] == "False");
    CHECK(condition(d, "Progressing")["reason"] == "ProgressDeadlineExceeded");
    CHECK(condition(d, "Progressing")["message"] == "ReplicaSet \"" + newRS + "\" has timed out progressing.");
    // The old pods keep serving.
    CHECK(podCounts(c, "web") == std::vector<size_t>{3, 1});
    CHECK(condition(d, "Available")["status"] == "True");
}

TEST_CASE("old ReplicaSets beyond revisionHistoryLimit are deleted", "[deployment]") {
    Cluster c;
    withWorkloadControllers(c);
    FakeKubelet kubelet(c);
    Json manifest = deploymentManifest("web", "nginx:1.20", 1);
    manifest["spec"]["revisionHistoryLimit"] = 2;
    REQUIRE(c.client("kubectl").create(manifest).ok());
    kubelet.settle();
    const std::string first = stringAt(replicaSetsOf(c, "web")[0], "metadata.name");
    for (const char* image : {"nginx:1.21", "nginx:1.22", "nginx:1.23"}) {
        c.advance(Duration::seconds(10));
        setImage(c, "web", image);
        kubelet.settle();
    }
    std::vector<Json> rss = replicaSetsOf(c, "web");
    REQUIRE(rss.size() == 3);  // the current one and two old ones
    CHECK(annotation(rss[0], "deployment.kubernetes.io/revision") == "2");
    CHECK(annotation(rss[1], "deployment.kubernetes.io/revision") == "3");
    CHECK(annotation(rss[2], "deployment.kubernetes.io/revision") == "4");
    CHECK_FALSE(c.store().get("replicasets.apps", "default", first));
}

TEST_CASE("a paused Deployment scales but does not roll out until resumed", "[deployment]") {
    Cluster c;
    withWorkloadControllers(c);
    FakeKubelet kubelet(c);
    REQUIRE(c.client("kubectl").create(deploymentManifest("web", "nginx:1.26", 2)).ok());
    kubelet.settle();
    edit(c, "web", [](Json& d) { d["spec"]["paused"] = true; });
    c.runUntilIdle();
    Json d = getDeploy(c, "web");
    CHECK(condition(d, "Progressing")["status"] == "Unknown");
    CHECK(condition(d, "Progressing")["reason"] == "DeploymentPaused");
    CHECK(condition(d, "Progressing")["message"] == "Deployment is paused");

    setImage(c, "web", "nginx:1.27");
    edit(c, "web", [](Json& d) { d["spec"]["replicas"] = 4; });
    kubelet.settle();
    CHECK(replicaSetsOf(c, "web").size() == 1);
    CHECK(podCounts(c, "web") == std::vector<size_t>{4});
    CHECK(intAt(getDeploy(c, "web"), "status.updatedReplicas") == 0);  // the template changed
    CHECK(intAt(getDeploy(c, "web"), "status.observedGeneration") == intAt(getDeploy(c, "web"), "metadata.generation"));

    edit(c, "web", [](Json& d) { d["spec"]["paused"] = false; });
    c.runUntilIdle();
    CHECK(condition(getDeploy(c, "web"), "Progressing")["reason"] == "ReplicaSetUpdated");
    CHECK(replicaSetsOf(c, "web").size() == 2);
    kubelet.settle();
    CHECK(podCounts(c, "web") == std::vector<size_t>{0, 4});
    CHECK(condition(getDeploy(c, "web"), "Progressing")["reason"] == "NewReplicaSetAvailable");
}

TEST_CASE("deleting a Deployment lets the garbage collector remove its ReplicaSets and pods", "[deployment]") {
    Cluster c;
    withWorkloadControllers(c);
    FakeKubelet kubelet(c);
    REQUIRE(c.client("kubectl").create(deploymentManifest("web", "nginx:1.27", 3)).ok());
    kubelet.settle();
    REQUIRE(c.store().list("pods", "default").size() == 3);
    Client kubectl = c.client("kubectl");
    REQUIRE(kubectl.remove(kubectl.resource("deployments.apps"), "default", "web").ok());
    kubelet.settle();
    CHECK(c.store().list("replicasets.apps", "default").empty());
    CHECK(c.store().list("pods", "default").empty());
}
