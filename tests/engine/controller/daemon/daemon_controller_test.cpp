// The DaemonSet controller: one pod per eligible node, placement by nodeSelector and taints,
// ControllerRevisions, rolling updates one node at a time, status counters. There is no
// scheduler or kubelet here: tests bind the pods and report them Running/Ready themselves.
#include <catch2/catch.hpp>

#include <map>

#include "api/pod_util.h"
#include "controller/daemon/daemonset_util.h"
#include "controller/daemon/node_affinity.h"
#include "engine/controller/nodelifecycle/node_fixture.h"

using namespace kp;
using namespace kp::test;
using namespace kp::test::nodes;

namespace {

Json daemonSet(const std::string& name, const std::string& image, Json extraSpec = Json::object()) {
    Json ds = {{"apiVersion", "apps/v1"},
               {"kind", "DaemonSet"},
               {"metadata", {{"name", name}, {"namespace", "default"}}},
               {"spec",
                {{"selector", {{"matchLabels", {{"app", name}}}}},
                 {"template",
                  {{"metadata", {{"labels", {{"app", name}}}}},
                   {"spec", {{"containers", Json::array({{{"name", name}, {"image", image}}})}}}}}}}};
    for (auto it = extraSpec.begin(); it != extraSpec.end(); ++it)
        ds["spec"][it.key()] = it.value();
    return ds;
}

// The pods of a DaemonSet by target node (bound or not), ignoring ones being deleted.
std::map<std::string, Json> podsByNode(Cluster& c, const std::string& app) {
    std::map<std::string, Json> out;
    for (const ObjectPtr& p : c.store().list("pods", "default")) {
        if (stringAt(*p, "metadata.labels.app") != app || pod::isTerminating(*p))
            continue;
        out[daemon::targetNodeName(*p).value_or("?")] = *p;
    }
    return out;
}

// The scheduler binds and the kubelet starts every pending pod of `app`.
void bindAndRunAll(Cluster& c, const std::string& app) {
    for (auto& [node, pod] : podsByNode(c, app)) {
        const std::string name = stringAt(pod, "metadata.name");
        if (stringAt(pod, "spec.nodeName").empty())
            bindPod(c, "default", name, node);
        if (!pod::isReady(*c.store().get("pods", "default", name)))
            markRunningReady(c, "default", name);
    }
    c.runUntilIdle();
}

Json dsStatus(Cluster& c, const std::string& name) {
    return (*c.store().get("daemonsets.apps", "default", name))["status"];
}

std::vector<std::string> messages(Cluster& c, const std::string& reason) {
    std::vector<std::string> out;
    for (const Json& e : eventsWithReason(c, reason))
        out.push_back(e["message"]);
    return out;
}

}  // namespace

TEST_CASE("a DaemonSet gets one pod per node, aimed at its node by affinity, with the daemon tolerations",
          "[daemonset]") {
    Cluster c;
    for (const char* n : {"minikube", "minikube-m02", "minikube-m03"})
        addNode(c, n);
    withNodeControllers(c);
    Client kubectl = c.client("kubectl");
    REQUIRE(kubectl.create(daemonSet("fluentd", "fluentd:v1")).ok());
    c.runUntilIdle();

    // One ControllerRevision, revision 1, "<ds>-<hash>".
    auto revisions = c.store().list("controllerrevisions.apps", "default");
    REQUIRE(revisions.size() == 1);
    const Json& rev = *revisions[0];
    const std::string hash = rev["metadata"]["labels"]["controller-revision-hash"];
    CHECK(rev["metadata"]["name"] == "fluentd-" + hash);
    CHECK(hash.find_first_not_of("bcdfghjklmnpqrstvwxz2456789") == std::string::npos);
    CHECK(rev["metadata"]["labels"]["app"] == "fluentd");
    CHECK(rev["revision"] == 1);
    CHECK(rev["metadata"]["ownerReferences"][0]["kind"] == "DaemonSet");
    CHECK(rev["metadata"]["ownerReferences"][0]["controller"] == true);
    CHECK(rev["data"]["spec"]["template"]["$patch"] == "replace");
    CHECK(rev["data"]["spec"]["template"]["spec"]["containers"][0]["image"] == "fluentd:v1");

    auto pods = podsByNode(c, "fluentd");
    REQUIRE(pods.size() == 3);
    std::vector<std::string> created;
    for (const auto& [node, pod] : pods) {
        INFO(node);
        const std::string name = pod["metadata"]["name"];
        created.push_back("Created pod: " + name);
        CHECK(name.rfind("fluentd-", 0) == 0);
        CHECK(name.size() == std::string("fluentd-").size() + 5);
        CHECK(stringAt(pod, "spec.nodeName").empty());
        CHECK(pod["spec"]["affinity"]["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"] ==
              Json{{"nodeSelectorTerms",
                    Json::array({{{"matchFields", Json::array({{{"key", "metadata.name"},
                                                                {"operator", "In"},
                                                                {"values", Json::array({node})}}})}}})}});
        CHECK(pod["metadata"]["labels"]["controller-revision-hash"] == hash);
        CHECK(pod["metadata"]["ownerReferences"][0]["name"] == "fluentd");
        CHECK(pod["spec"]["tolerations"] ==
              Json::parse(R"([{"effect":"NoExecute","key":"node.kubernetes.io/not-ready","operator":"Exists"},
                  {"effect":"NoExecute","key":"node.kubernetes.io/unreachable","operator":"Exists"},
                  {"effect":"NoSchedule","key":"node.kubernetes.io/disk-pressure","operator":"Exists"},
                  {"effect":"NoSchedule","key":"node.kubernetes.io/memory-pressure","operator":"Exists"},
                  {"effect":"NoSchedule","key":"node.kubernetes.io/pid-pressure","operator":"Exists"},
                  {"effect":"NoSchedule","key":"node.kubernetes.io/unschedulable","operator":"Exists"}])"));
    }
    std::vector<std::string> createdEvents = messages(c, "SuccessfulCreate");
    std::sort(createdEvents.begin(), createdEvents.end());
    std::sort(created.begin(), created.end());
    CHECK(createdEvents == created);
    CHECK(eventsWithReason(c, "SuccessfulCreate")[0]["source"] == Json{{"component", "daemonset-controller"}});

    // Created, not yet scheduled or running.
    CHECK(dsStatus(c, "fluentd") == Json{{"currentNumberScheduled", 3},
                                          {"desiredNumberScheduled", 3},
                                          {"numberMisscheduled", 0},
                                          {"numberReady", 0},
                                          {"numberUnavailable", 3},
                                          {"observedGeneration", 1},
                                          {"updatedNumberScheduled", 3}});
    bindAndRunAll(c, "fluentd");
    CHECK(dsStatus(c, "fluentd") == Json{{"currentNumberScheduled", 3},
                                          {"desiredNumberScheduled", 3},
                                          {"numberAvailable", 3},
                                          {"numberMisscheduled", 0},
                                          {"numberReady", 3},
                                          {"observedGeneration", 1},
                                          {"updatedNumberScheduled", 3}});
    CHECK(c.store().list("pods", "default").size() == 3);
}

TEST_CASE("a DaemonSet follows nodes: a new node gets a pod, a deleted node's pod goes with the pod GC",
          "[daemonset]") {
    Cluster c;
    addNode(c, "minikube");
    addNode(c, "minikube-m02");
    withNodeControllers(c);
    LeaseHeartbeats kubelet(c, {"minikube", "minikube-m02"});
    Client kubectl = c.client("kubectl");
    REQUIRE(kubectl.create(daemonSet("proxy", "kube-proxy:v1.32.0")).ok());
    c.runUntilIdle();
    bindAndRunAll(c, "proxy");

    addNode(c, "minikube-m03");
    kubelet.alive.insert("minikube-m03");
    c.runUntilIdle();
    auto pods = podsByNode(c, "proxy");
    REQUIRE(pods.size() == 3);
    CHECK(pods.count("minikube-m03"));
    CHECK(dsStatus(c, "proxy")["desiredNumberScheduled"] == 3);
    bindAndRunAll(c, "proxy");

    REQUIRE(kubectl.remove(kubectl.resource("nodes"), "", "minikube-m02").ok());
    kubelet.alive.erase("minikube-m02");
    c.runUntilIdle();
    // Upstream does not watch node deletions: the orphaned pod is removed by the pod GC (after
    // its 40 s quarantine), and that deletion brings the DaemonSet's status up to date.
    CHECK(podsByNode(c, "proxy").count("minikube-m02"));
    c.advance(Duration::seconds(60));
    pods = podsByNode(c, "proxy");
    CHECK(pods.size() == 2);
    CHECK_FALSE(pods.count("minikube-m02"));
    CHECK(dsStatus(c, "proxy")["desiredNumberScheduled"] == 2);
    CHECK(dsStatus(c, "proxy")["numberReady"] == 2);
}

TEST_CASE("taints, cordons and nodeSelector decide which nodes run a daemon pod", "[daemonset]") {
    Cluster c;
    addNode(c, "plain");
    addNode(c, "gpu");
    addNode(c, "cordoned");
    addNode(c, "ssd", {{"disk", "ssd"}});
    withNodeControllers(c);
    Client kubectl = c.client("kubectl");
    Json gpu = *c.store().get("nodes", "", "gpu");
    gpu["spec"]["taints"] = Json::array({{{"key", "dedicated"}, {"value", "gpu"}, {"effect", "NoSchedule"}}});
    REQUIRE(kubectl.update(gpu).ok());
    Json cordoned = *c.store().get("nodes", "", "cordoned");
    cordoned["spec"]["unschedulable"] = true;
    REQUIRE(kubectl.update(cordoned).ok());
    c.runUntilIdle();
    REQUIRE(taintsOf(c, "cordoned") == std::vector<std::string>{"node.kubernetes.io/unschedulable:NoSchedule"});

    REQUIRE(kubectl.create(daemonSet("agent", "agent:1")).ok());
    REQUIRE(kubectl.create(daemonSet("ssd-cache", "cache:1", {{"template",
                                                               {{"metadata", {{"labels", {{"app", "ssd-cache"}}}}},
                                                                {"spec",
                                                                 {{"nodeSelector", {{"disk", "ssd"}}},
                                                                  {"containers", Json::array({{{"name", "c"}, {"image", "cache:1"}}})}}}}}}))
                .ok());
    c.runUntilIdle();
    auto agents = podsByNode(c, "agent");
    CHECK(agents.size() == 3);
    CHECK(agents.count("plain"));
    CHECK(agents.count("cordoned"));  // the unschedulable taint is tolerated
    CHECK(agents.count("ssd"));
    CHECK_FALSE(agents.count("gpu"));
    CHECK(dsStatus(c, "agent")["desiredNumberScheduled"] == 3);
    auto caches = podsByNode(c, "ssd-cache");
    REQUIRE(caches.size() == 1);
    CHECK(caches.count("ssd"));

    // Labels move: the new ssd node gets a pod, the old one loses it.
    Json plain = *c.store().get("nodes", "", "plain");
    plain["metadata"]["labels"]["disk"] = "ssd";
    REQUIRE(kubectl.update(plain).ok());
    Json ssd = *c.store().get("nodes", "", "ssd");
    ssd["metadata"]["labels"].erase("disk");
    REQUIRE(kubectl.update(ssd).ok());
    const std::string oldCache = caches["ssd"]["metadata"]["name"];
    c.runUntilIdle();
    caches = podsByNode(c, "ssd-cache");
    REQUIRE(caches.size() == 1);
    CHECK(caches.count("plain"));
    CHECK(messages(c, "SuccessfulDelete") == std::vector<std::string>{"Deleted pod: " + oldCache});
    CHECK(dsStatus(c, "ssd-cache")["desiredNumberScheduled"] == 1);
    CHECK(dsStatus(c, "ssd-cache")["numberMisscheduled"] == 0);
}

TEST_CASE("a rolling update replaces one node's pod at a time: delete the old pod, then create the new one",
          "[daemonset]") {
    Cluster c;
    for (const char* n : {"a", "b", "c"})
        addNode(c, n);
    withNodeControllers(c);
    Client kubectl = c.client("kubectl");
    REQUIRE(kubectl.create(daemonSet("web", "nginx:1.25")).ok());
    c.runUntilIdle();
    bindAndRunAll(c, "web");
    const std::string oldHash = (*c.store().list("controllerrevisions.apps", "default")[0])["metadata"]["labels"]
                                                                                               ["controller-revision-hash"];

    Json ds = *c.store().get("daemonsets.apps", "default", "web");
    ds["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.27";
    REQUIRE(kubectl.update(ds).ok());
    c.runUntilIdle();

    auto revisions = c.store().list("controllerrevisions.apps", "default");
    REQUIRE(revisions.size() == 2);
    std::string newHash;
    for (const ObjectPtr& r : revisions)
        if ((*r)["revision"] == 2)
            newHash = (*r)["metadata"]["labels"]["controller-revision-hash"];
    REQUIRE(!newHash.empty());
    CHECK(newHash != oldHash);

    std::vector<std::string> expected;
    for (const char* node : {"a", "b", "c"}) {
        INFO(node);
        // The old pod of `node` (first by node name among those still old) is being deleted...
        std::string victim;
        for (const ObjectPtr& p : c.store().list("pods", "default"))
            if (pod::isTerminating(*p))
                victim = stringAt(*p, "metadata.name");
        REQUIRE(!victim.empty());
        CHECK(stringAt(*c.store().get("pods", "default", victim), "spec.nodeName") == node);
        expected.push_back("Deleted pod: " + victim);
        // ... and nothing else happens while it terminates.
        c.advance(Duration::seconds(5));
        CHECK(podsByNode(c, "web").count(node) == 0);
        CHECK(dsStatus(c, "web")["observedGeneration"] == 2);

        finishDeletion(c, "default", victim);
        c.runUntilIdle();
        auto pods = podsByNode(c, "web");
        REQUIRE(pods.count(node));
        const Json fresh = pods[node];
        CHECK(fresh["metadata"]["labels"]["controller-revision-hash"] == newHash);
        CHECK(fresh["spec"]["containers"][0]["image"] == "nginx:1.27");
        expected.push_back("Created pod: " + stringAt(fresh, "metadata.name"));
        // The next node waits until the new pod is available.
        bindAndRunAll(c, "web");
    }
    // The whole rollout in event order (after the three creations of the first version).
    std::vector<Json> ordered;
    for (const char* reason : {"SuccessfulDelete", "SuccessfulCreate"})
        for (const Json& e : eventsWithReason(c, reason))
            ordered.push_back(e);
    std::sort(ordered.begin(), ordered.end(), [](const Json& x, const Json& y) {
        return std::stoll(stringAt(x, "metadata.resourceVersion")) < std::stoll(stringAt(y, "metadata.resourceVersion"));
    });
    std::vector<std::string> actual;
    for (size_t i = 3; i < ordered.size(); ++i)
        actual.push_back(ordered[i]["message"]);
    CHECK(actual == expected);
    CHECK(dsStatus(c, "web") == Json{{"currentNumberScheduled", 3},
                                      {"desiredNumberScheduled", 3},
                                      {"numberAvailable", 3},
                                      {"numberMisscheduled", 0},
                                      {"numberReady", 3},
                                      {"observedGeneration", 2},
                                      {"updatedNumberScheduled", 3}});
}

TEST_CASE("OnDelete waits for the user to delete a pod before it runs the new template", "[daemonset]") {
    Cluster c;
    addNode(c, "a");
    addNode(c, "b");
    withNodeControllers(c);
    Client kubectl = c.client("kubectl");
    REQUIRE(kubectl.create(daemonSet("web", "nginx:1.25", {{"updateStrategy", {{"type", "OnDelete"}}}})).ok());
    c.runUntilIdle();
    bindAndRunAll(c, "web");

    Json ds = *c.store().get("daemonsets.apps", "default", "web");
    ds["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.27";
    REQUIRE(kubectl.update(ds).ok());
    c.advance(Duration::seconds(30));
    CHECK(messages(c, "SuccessfulDelete").empty());
    CHECK_FALSE(dsStatus(c, "web").contains("updatedNumberScheduled"));

    const std::string onA = podsByNode(c, "web")["a"]["metadata"]["name"];
    REQUIRE(kubectl.remove(kubectl.resource("pods"), "default", onA).ok());
    finishDeletion(c, "default", onA);
    c.runUntilIdle();
    auto pods = podsByNode(c, "web");
    CHECK(pods["a"]["spec"]["containers"][0]["image"] == "nginx:1.27");
    CHECK(pods["b"]["spec"]["containers"][0]["image"] == "nginx:1.25");
    CHECK(dsStatus(c, "web")["updatedNumberScheduled"] == 1);
}

TEST_CASE("a node runs a daemon pod only where its taints are tolerated; NoExecute ones also evict",
          "[daemonset]") {
    Json ds = daemonSet("agent", "agent:1");
    ds["spec"]["template"]["spec"]["nodeSelector"] = {{"zone", "a"}};
    const daemon::DaemonPodPlacement placement = daemon::placementOf(ds);
    Json node = {{"metadata", {{"name", "n1"}, {"labels", {{"zone", "a"}}}}}, {"spec", Json::object()}};
    CHECK(daemon::nodeShouldRunDaemonPod(node, placement) == std::pair{true, true});
    node["spec"]["taints"] = Json::array({{{"key", "dedicated"}, {"effect", "NoSchedule"}}});
    CHECK(daemon::nodeShouldRunDaemonPod(node, placement) == std::pair{false, true});
    node["spec"]["taints"] = Json::array({{{"key", "dedicated"}, {"effect", "NoExecute"}}});
    CHECK(daemon::nodeShouldRunDaemonPod(node, placement) == std::pair{false, false});
    node["spec"]["taints"] = Json::array({{{"key", "node.kubernetes.io/unreachable"}, {"effect", "NoExecute"}},
                                          {{"key", "node.kubernetes.io/unschedulable"}, {"effect", "NoSchedule"}}});
    CHECK(daemon::nodeShouldRunDaemonPod(node, placement) == std::pair{true, true});
    node["metadata"]["labels"]["zone"] = "b";
    CHECK(daemon::nodeShouldRunDaemonPod(node, placement) == std::pair{false, false});

    // network-unavailable is tolerated only by hostNetwork pods.
    Json spec = {{"hostNetwork", true}};
    daemon::addOrUpdateDaemonPodTolerations(spec);
    CHECK(spec["tolerations"].size() == 7);
    CHECK(spec["tolerations"][6]["key"] == "node.kubernetes.io/network-unavailable");
    // A user toleration for the same taint loses its tolerationSeconds.
    Json withSeconds = {{"tolerations", Json::array({{{"key", "node.kubernetes.io/unreachable"},
                                                       {"operator", "Exists"},
                                                       {"effect", "NoExecute"},
                                                       {"tolerationSeconds", 60}}})}};
    daemon::addOrUpdateDaemonPodTolerations(withSeconds);
    CHECK_FALSE(withSeconds["tolerations"][0].contains("tolerationSeconds"));
}

TEST_CASE("node affinity terms: any term, every requirement, metadata.name fields", "[daemonset]") {
    const Json node = {{"metadata", {{"name", "n1"}, {"labels", {{"cpu", "8"}, {"disk", "ssd"}}}}}};
    auto req = [](const char* key, const char* op, Json values) {
        return Json{{"key", key}, {"operator", op}, {"values", values}};
    };
    const Json labels = node["metadata"]["labels"];
    CHECK(daemon::matchesLabelRequirement(req("cpu", "Gt", {"4"}), labels));
    CHECK_FALSE(daemon::matchesLabelRequirement(req("cpu", "Lt", {"4"}), labels));
    CHECK(daemon::matchesLabelRequirement(req("gpu", "NotIn", {"a"}), labels));
    CHECK(daemon::matchesLabelRequirement(Json{{"key", "gpu"}, {"operator", "DoesNotExist"}}, labels));
    CHECK(daemon::matchesFieldRequirement(req("metadata.name", "In", {"n1"}), node));
    const Json selector = {{"nodeSelectorTerms",
                            Json::array({Json::object(),  // an empty term matches nothing
                                         {{"matchExpressions", Json::array({req("disk", "In", {"hdd"})})}},
                                         {{"matchExpressions", Json::array({req("disk", "In", {"ssd"})})},
                                          {"matchFields", Json::array({req("metadata.name", "In", {"n1"})})}}})}};
    CHECK(daemon::matchesNodeSelector(selector, node));
    CHECK_FALSE(daemon::matchesNodeSelector(Json{{"nodeSelectorTerms", Json::array()}}, node));
}

TEST_CASE("revision hashes use the name alphabet like pod-template-hash", "[daemonset]") {
    CHECK(daemon::safeEncodeString("0123456789") == "456789bcdf");
    const std::string h = daemon::computeHash(Json{{"spec", {{"containers", Json::array()}}}}, std::nullopt);
    CHECK(h.find_first_not_of("456789bcdf") == std::string::npos);
    CHECK(daemon::computeHash(Json::object(), 1) != daemon::computeHash(Json::object(), std::nullopt));
}
