// The StatefulSet controller, with the scheduler and kubelet played through the API. The cluster
// starts at 2025-01-15T10:00:00Z.
#include <catch2/catch.hpp>

#include "controller/statefulset/controller_history.h"
#include "controller/statefulset/stateful_set_utils.h"
#include "engine/controller/job/workload_fixture.h"

using namespace kp;
using namespace kp::test;

namespace {

Json webManifest(int replicas, Json extra = Json::object()) {
    Json spec = {{"replicas", replicas},
                 {"serviceName", "nginx"},
                 {"selector", {{"matchLabels", {{"app", "nginx"}}}}},
                 {"template",
                  {{"metadata", {{"labels", {{"app", "nginx"}}}}},
                   {"spec",
                    {{"containers", Json::array({{{"name", "nginx"},
                                                  {"image", "registry.k8s.io/nginx-slim:0.24"},
                                                  {"ports", Json::array({{{"containerPort", 80}, {"name", "web"}}})},
                                                  {"volumeMounts", Json::array({{{"name", "www"}, {"mountPath", "/usr/share/nginx/html"}}})}}})}}}}},
                 {"volumeClaimTemplates",
                  Json::array({{{"metadata", {{"name", "www"}}},
                                {"spec", {{"accessModes", Json::array({"ReadWriteOnce"})}, {"resources", {{"requests", {{"storage", "1Gi"}}}}}}}}})}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        spec[it.key()] = it.value();
    return {{"apiVersion", "apps/v1"}, {"kind", "StatefulSet"}, {"metadata", {{"name", "web"}, {"namespace", "default"}}}, {"spec", spec}};
}

std::vector<std::string> liveNames(Cluster& c, const std::string& prefix) {
    std::vector<std::string> out;
    for (const Json& p : podsNamed(c, prefix))
        if (!p["metadata"].contains("deletionTimestamp"))
            out.push_back(stringAt(p, "metadata.name"));
    return out;
}

std::vector<std::string> setEvents(Cluster& c) {
    std::vector<std::string> out;
    for (const std::string& e : eventLines(c))
        if (e.find("StatefulSet web") != std::string::npos)
            out.push_back(e);
    return out;
}

// Brings the set's pods up one by one as the controller creates them.
void runAllReady(Cluster& c, int replicas) {
    for (int i = 0; i < replicas; ++i) {
        const std::string name = "web-" + std::to_string(i);
        Json p = get(c, "pods", name);
        REQUIRE_FALSE(p.is_null());
        if (!statefulset::isRunningAndReady(p))
            runPod(c, name);
    }
}

}  // namespace

TEST_CASE("OrderedReady creates web-0, then web-1 only once web-0 is Running and Ready", "[statefulset]") {
    Cluster c;
    withWorkloadControllers(c);
    const Json set = create(c, webManifest(3));
    const std::string uid = stringAt(set, "metadata.uid");
    CHECK(liveNames(c, "web-") == std::vector<std::string>{"web-0"});

    const Json web0 = get(c, "pods", "web-0");
    const std::string revision = web0["metadata"]["labels"].value("controller-revision-hash", "");
    CHECK(revision.rfind("web-", 0) == 0);
    CHECK(web0["metadata"]["labels"] == Json{{"app", "nginx"},
                                             {"apps.kubernetes.io/pod-index", "0"},
                                             {"controller-revision-hash", revision},
                                             {"statefulset.kubernetes.io/pod-name", "web-0"}});
    CHECK(web0["metadata"]["generateName"] == "web-");
    CHECK(web0["metadata"]["ownerReferences"][0]["kind"] == "StatefulSet");
    CHECK(web0["metadata"]["ownerReferences"][0]["uid"] == uid);
    CHECK(web0["spec"]["hostname"] == "web-0");
    CHECK(web0["spec"]["subdomain"] == "nginx");
    CHECK(web0["spec"]["volumes"][0] == Json{{"name", "www"}, {"persistentVolumeClaim", {{"claimName", "www-web-0"}}}});

    // The claim comes first, with the selector's labels.
    const Json pvc = get(c, "persistentvolumeclaims", "www-web-0");
    REQUIRE_FALSE(pvc.is_null());
    CHECK(pvc["metadata"]["labels"] == Json{{"app", "nginx"}});
    CHECK(pvc["spec"]["resources"]["requests"]["storage"] == "1Gi");
    CHECK_FALSE(pvc["metadata"].contains("ownerReferences"));  // Retain: the claim outlives the set
    CHECK(setEvents(c) == std::vector<std::string>{
                              "10:00:00 SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success",
                              "10:00:00 SuccessfulCreate: create Pod web-0 in StatefulSet web successful"});

    // The ControllerRevision holds the template.
    const Json rev = get(c, "controllerrevisions.apps", revision);
    REQUIRE_FALSE(rev.is_null());
    CHECK(rev["revision"] == 1);
    CHECK(rev["data"]["spec"]["template"]["$patch"] == "replace");
    CHECK(rev["metadata"]["labels"]["controller.kubernetes.io/hash"] == revision.substr(4));

    c.advance(Duration::seconds(5));
    runPod(c, "web-0", false);  // running, not ready yet
    CHECK(liveNames(c, "web-") == std::vector<std::string>{"web-0"});
    c.advance(Duration::seconds(5));
    runPod(c, "web-0");  // Ready at 10:00:10
    CHECK(liveNames(c, "web-") == std::vector<std::string>{"web-0", "web-1"});
    CHECK(setEvents(c).back() == "10:00:10 SuccessfulCreate: create Pod web-1 in StatefulSet web successful");
    c.advance(Duration::seconds(5));
    runPod(c, "web-1");
    CHECK(liveNames(c, "web-") == std::vector<std::string>{"web-0", "web-1", "web-2"});
    runPod(c, "web-2");

    const Json status = get(c, "statefulsets.apps", "web")["status"];
    CHECK(status == Json{{"availableReplicas", 3},
                         {"collisionCount", 0},
                         {"currentReplicas", 3},
                         {"currentRevision", revision},
                         {"observedGeneration", 1},
                         {"readyReplicas", 3},
                         {"replicas", 3},
                         {"updateRevision", revision},
                         {"updatedReplicas", 3}});
    CHECK(eventLines(c, "SuccessfulUpdate").empty());  // the pods were right from the start
}

TEST_CASE("scaling down removes the highest ordinal first, one at a time; claims stay", "[statefulset]") {
    Cluster c;
    withWorkloadControllers(c);
    create(c, webManifest(3));
    runAllReady(c, 1);
    runAllReady(c, 2);
    runAllReady(c, 3);
    c.advance(Duration::seconds(10));

    Json set = get(c, "statefulsets.apps", "web");
    set["spec"]["replicas"] = 1;
    REQUIRE(c.client("kubectl").update(set).ok());
    c.runUntilIdle();
    CHECK(liveNames(c, "web-") == std::vector<std::string>{"web-0", "web-1"});  // web-2 terminating
    CHECK(setEvents(c).back() == "10:00:10 SuccessfulDelete: delete Pod web-2 in StatefulSet web successful");
    c.advance(Duration::seconds(3));
    CHECK(liveNames(c, "web-") == std::vector<std::string>{"web-0", "web-1"});  // waits for web-2 to go
    finishDeletion(c, "web-2");
    CHECK(liveNames(c, "web-") == std::vector<std::string>{"web-0"});
    CHECK(setEvents(c).back() == "10:00:13 SuccessfulDelete: delete Pod web-1 in StatefulSet web successful");
    finishDeletion(c, "web-1");
    CHECK(podsNamed(c, "web-").size() == 1);
    for (const char* claim : {"www-web-0", "www-web-1", "www-web-2"})
        CHECK_FALSE(get(c, "persistentvolumeclaims", claim).is_null());
    const Json status = get(c, "statefulsets.apps", "web")["status"];
    CHECK(status["replicas"] == 1);
    CHECK(status["readyReplicas"] == 1);
    CHECK(status["observedGeneration"] == 2);

    // Scaling up again reuses web-1's claim.
    set = get(c, "statefulsets.apps", "web");
    set["spec"]["replicas"] = 2;
    REQUIRE(c.client("kubectl").update(set).ok());
    c.runUntilIdle();
    CHECK(liveNames(c, "web-") == std::vector<std::string>{"web-0", "web-1"});
    // The same message again: the recorder counts it on the first Event.
    for (const ObjectPtr& e : c.store().list("events"))
        if (stringAt(*e, "message") == "create Pod web-1 in StatefulSet web successful") {
            CHECK((*e)["count"] == 2);
            CHECK((*e)["lastTimestamp"] == "2025-01-15T10:00:13Z");
        }
}

TEST_CASE("a rolling update replaces pods from the highest ordinal down to the partition", "[statefulset]") {
    Cluster c;
    withWorkloadControllers(c);
    create(c, webManifest(3));
    runAllReady(c, 1);
    runAllReady(c, 2);
    runAllReady(c, 3);
    const std::string oldRevision = get(c, "statefulsets.apps", "web")["status"].value("currentRevision", "");
    c.advance(Duration::seconds(10));

    Json set = get(c, "statefulsets.apps", "web");
    set["spec"]["template"]["spec"]["containers"][0]["image"] = "registry.k8s.io/nginx-slim:0.27";
    set["spec"]["updateStrategy"]["rollingUpdate"]["partition"] = 2;
    REQUIRE(c.client("kubectl").update(set).ok());
    c.runUntilIdle();
    Json status = get(c, "statefulsets.apps", "web")["status"];
    const std::string newRevision = status.value("updateRevision", "");
    CHECK(newRevision != oldRevision);
    CHECK(get(c, "controllerrevisions.apps", newRevision)["revision"] == 2);
    CHECK(setEvents(c).back() == "10:00:10 SuccessfulDelete: delete Pod web-2 in StatefulSet web successful");
    finishDeletion(c, "web-2");
    Json web2 = get(c, "pods", "web-2");
    CHECK(web2["metadata"]["labels"]["controller-revision-hash"] == newRevision);
    CHECK(web2["spec"]["containers"][0]["image"] == "registry.k8s.io/nginx-slim:0.27");
    runPod(c, "web-2");
    c.advance(Duration::seconds(30));
    // The partition keeps web-0 and web-1 at the old revision.
    CHECK(get(c, "pods", "web-1")["metadata"]["labels"]["controller-revision-hash"] == oldRevision);
    status = get(c, "statefulsets.apps", "web")["status"];
    CHECK(status["currentRevision"] == oldRevision);
    CHECK(status["currentReplicas"] == 2);
    CHECK(status["updatedReplicas"] == 1);

    // Partition 0: web-1, then web-0, each after the one above is Ready again.
    set = get(c, "statefulsets.apps", "web");
    set["spec"]["updateStrategy"]["rollingUpdate"]["partition"] = 0;
    REQUIRE(c.client("kubectl").update(set).ok());
    c.runUntilIdle();
    CHECK(setEvents(c).back() == "10:00:40 SuccessfulDelete: delete Pod web-1 in StatefulSet web successful");
    finishDeletion(c, "web-1");
    CHECK(get(c, "pods", "web-0")["metadata"]["labels"]["controller-revision-hash"] == oldRevision);
    c.advance(Duration::seconds(5));
    runPod(c, "web-1");
    CHECK(setEvents(c).back() == "10:00:45 SuccessfulDelete: delete Pod web-0 in StatefulSet web successful");
    finishDeletion(c, "web-0");
    runPod(c, "web-0");
    status = get(c, "statefulsets.apps", "web")["status"];
    CHECK(status["currentRevision"] == newRevision);
    CHECK(status["updateRevision"] == newRevision);
    CHECK(status["currentReplicas"] == 3);
    CHECK(status["updatedReplicas"] == 3);
}

TEST_CASE("Parallel pod management creates all pods at once", "[statefulset]") {
    Cluster c;
    withWorkloadControllers(c);
    create(c, webManifest(3, {{"podManagementPolicy", "Parallel"}}));
    CHECK(liveNames(c, "web-") == std::vector<std::string>{"web-0", "web-1", "web-2"});
    CHECK(setEvents(c).size() == 6);  // three claims, three pods
}

TEST_CASE("the OnDelete strategy waits for the user to delete pods", "[statefulset]") {
    Cluster c;
    withWorkloadControllers(c);
    create(c, webManifest(1, {{"updateStrategy", {{"type", "OnDelete"}}}}));
    runAllReady(c, 1);
    Json set = get(c, "statefulsets.apps", "web");
    set["spec"]["template"]["spec"]["containers"][0]["image"] = "registry.k8s.io/nginx-slim:0.27";
    REQUIRE(c.client("kubectl").update(set).ok());
    c.advance(Duration::minutes(1));
    CHECK_FALSE(get(c, "pods", "web-0")["metadata"].contains("deletionTimestamp"));
    c.client("kubectl").remove(c.client("kubectl").resource("pods"), "default", "web-0");
    c.runUntilIdle();
    finishDeletion(c, "web-0");
    CHECK(get(c, "pods", "web-0")["spec"]["containers"][0]["image"] == "registry.k8s.io/nginx-slim:0.27");
}

TEST_CASE("ControllerRevision names hash the template exactly as Kubernetes does", "[statefulset]") {
    // A revision recorded from a real 1.33 cluster (kubernetes testdata compatibility_revision_1.33.0.json).
    const Json data = Json::parse(
        R"({"spec":{"template":{"$patch":"replace","metadata":{"annotations":{"test":"value"},"creationTimestamp":null,"labels":{"app":"foo"}},"spec":{"containers":[{"image":"test","imagePullPolicy":"Always","name":"test","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],"dnsPolicy":"ClusterFirst","restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"terminationGracePeriodSeconds":30}}}})");
    CHECK(statefulset::hashControllerRevision(data, 0) == "c77f6d978");
    CHECK(statefulset::controllerRevisionName("test", "c77f6d978") == "test-c77f6d978");
    CHECK(statefulset::safeEncodeString("0123456789") == "456789bcdf");
    CHECK(statefulset::goJsonMarshal(Json{{"a", "<b>&"}}) == R"({"a":"\u003cb\u003e\u0026"})");
}

TEST_CASE("pod names give the parent and ordinal", "[statefulset]") {
    CHECK(statefulset::parentNameAndOrdinal("web-12") == std::pair<std::string, int>{"web", 12});
    CHECK(statefulset::parentNameAndOrdinal("my-web-0") == std::pair<std::string, int>{"my-web", 0});
    CHECK(statefulset::parentNameAndOrdinal("web").second == -1);
    CHECK(statefulset::parentNameAndOrdinal("web-x1").second == -1);
}
