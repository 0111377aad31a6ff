// The pod garbage collector: orphans of deleted nodes after a 40 s quarantine, terminated pods
// beyond the threshold, and terminating pods on out-of-service nodes. Passes run every 20 s from
// the controller's start at 2025-01-15T10:00:00Z (T).
#include <catch2/catch.hpp>

#include "api/pod_util.h"
#include "engine/controller/nodelifecycle/node_fixture.h"

using namespace kp;
using namespace kp::test;
using namespace kp::test::nodes;

namespace {

// The pod's states as a watcher sees them, MODIFIED and DELETED events of `name`.
std::vector<WatchEvent> podEvents(Cluster& c, ObjectStore::WatcherId id, const std::string& name) {
    std::vector<WatchEvent> out;
    for (WatchEvent& e : c.store().drain(id))
        if (stringAt(*e.object, "metadata.name") == name)
            out.push_back(std::move(e));
    return out;
}

ObjectStore::WatcherId watchPods(Cluster& c) {
    WatchRequest req;
    req.resource = "pods";
    req.sendInitialState = false;
    req.sinceResourceVersion = c.store().resourceVersion();
    Status err;
    return c.store().watch(req, err);
}

}  // namespace

TEST_CASE("pods bound to a deleted node are failed and force-deleted after the 40 s quarantine", "[podgc]") {
    Cluster c;
    addNode(c, "minikube");
    addNode(c, "minikube-m02");
    addRunningPod(c, "web", "minikube-m02");
    withNodeControllers(c);
    LeaseHeartbeats kubelet(c, {"minikube"});

    c.advance(Duration::seconds(7));
    Client kubectl = c.client("kubectl");
    REQUIRE(kubectl.remove(kubectl.resource("nodes"), "", "minikube-m02").ok());
    const auto watcher = watchPods(c);
    c.runUntilIdle();

    // Seen missing by the pass at 10:00:20, quarantined until 10:01:00.
    c.advance(Duration::seconds(52));  // 10:00:59
    REQUIRE(c.store().get("pods", "default", "web"));
    c.advance(Duration::seconds(1));
    CHECK_FALSE(c.store().get("pods", "default", "web"));

    std::vector<WatchEvent> seen = podEvents(c, watcher, "web");
    REQUIRE(seen.size() == 2);
    const Json& failed = *seen[0].object;
    CHECK(failed["status"]["phase"] == "Failed");
    const Json* target = pod::condition(failed, "DisruptionTarget");
    REQUIRE(target);
    CHECK((*target)["reason"] == "DeletionByPodGC");
    CHECK((*target)["message"] == "PodGC: node no longer exists");
    CHECK(seen[1].type == WatchEventType::Deleted);

    auto removing = eventsWithReason(c, "RemovingNode");
    REQUIRE(removing.size() == 1);
    CHECK(removing[0]["message"] == "Node minikube-m02 event: Removing Node minikube-m02 from Controller");
}

TEST_CASE("terminated pods beyond the threshold go, evicted ones first, then the oldest", "[podgc]") {
    Cluster c;
    Client kubelet = c.client("kubelet");
    auto addTerminated = [&](const std::string& name, const std::string& phase, const std::string& reason) {
        Json pod = {{"apiVersion", "v1"},
                    {"kind", "Pod"},
                    {"metadata", {{"name", name}}},
                    {"spec", {{"containers", Json::array({{{"name", "app"}, {"image", "busybox"}}})}}}};
        ApiResponse r = kubelet.create(pod);
        REQUIRE(r.ok());
        Json done = r.object;
        done["status"]["phase"] = phase;
        if (!reason.empty())
            done["status"]["reason"] = reason;
        REQUIRE(kubelet.updateStatus(done).ok());
        c.advance(Duration::seconds(1));
    };
    addTerminated("job-1", "Succeeded", "");
    addTerminated("job-2", "Succeeded", "");
    addTerminated("job-3", "Failed", "");
    addTerminated("job-4", "Succeeded", "");
    addTerminated("evicted", "Failed", "Evicted");

    podgc::Config config;
    config.terminatedPodThreshold = 2;
    auto kcm = std::make_unique<Component>("kcm-podgc", c.store(), c.clock());
    kcm->add(std::make_unique<podgc::PodGCController>(c.apiServer(), config));
    c.addComponent(std::move(kcm));
    c.runUntilIdle();

    std::vector<std::string> left;
    for (const ObjectPtr& p : c.store().list("pods", "default"))
        left.push_back(stringAt(*p, "metadata.name"));
    CHECK(left == std::vector<std::string>{"job-3", "job-4"});
}

TEST_CASE("terminating pods on a not-ready node tainted out-of-service are force-deleted", "[podgc]") {
    Cluster c;
    addNode(c, "minikube");
    addNode(c, "minikube-m02");
    addRunningPod(c, "web", "minikube-m02");
    withNodeControllers(c);
    LeaseHeartbeats kubelet(c, {"minikube", "minikube-m02"});

    c.advance(Duration::seconds(30));
    kubelet.alive.erase("minikube-m02");
    c.advance(Duration::seconds(60));  // 10:01:30: Unknown since 10:01:20

    // The admin confirms the node is down (non-graceful node shutdown).
    Client kubectl = c.client("kubectl");
    Json node = *c.store().get("nodes", "", "minikube-m02");
    node["spec"]["taints"].push_back(
        {{"key", "node.kubernetes.io/out-of-service"}, {"value", "nodeshutdown"}, {"effect", "NoExecute"}});
    REQUIRE(kubectl.update(node).ok());
    c.runUntilIdle();
    // The taint eviction controller deletes it (it does not tolerate out-of-service); with no
    // kubelet it would stay Terminating...
    REQUIRE(c.store().get("pods", "default", "web"));
    CHECK(pod::isTerminating(*c.store().get("pods", "default", "web")));
    // ... until the next pod GC pass (10:01:40) force-deletes it.
    c.advance(Duration::millis(9999));
    CHECK(c.store().get("pods", "default", "web"));
    c.advance(Duration::millis(1));
    CHECK_FALSE(c.store().get("pods", "default", "web"));
}
