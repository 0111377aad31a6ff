#include <catch2/catch.hpp>

#include <regex>

#include "cluster/cluster.h"

using namespace kp;

namespace {

Json deployment(const std::string& name, int replicas = 2) {
    return Json{{"apiVersion", "apps/v1"},
                {"kind", "Deployment"},
                {"metadata", {{"name", name}, {"labels", {{"app", name}}}}},
                {"spec",
                 {{"replicas", replicas},
                  {"selector", {{"matchLabels", {{"app", name}}}}},
                  {"template",
                   {{"metadata", {{"labels", {{"app", name}}}}},
                    {"spec", {{"containers", Json::array({{{"name", "web"}, {"image", "nginx:1.27"}}})}}}}}}}};
}

Json pod(const std::string& name, const std::string& image = "nginx") {
    return Json{{"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata", {{"name", name}, {"labels", {{"app", "web"}}}}},
                {"spec", {{"containers", Json::array({{{"name", "nginx"}, {"image", image}}})}}}};
}

const ResourceInfo& res(Cluster& c, const char* gr) { return *c.apiServer().resources().byGroupResourceName(gr); }

}  // namespace

TEST_CASE("create fills server-owned metadata and returns 201", "[apiserver]") {
    Cluster c;
    Client client = c.client("kubectl-create");
    Json d = deployment("hello");
    d["metadata"]["uid"] = "client-sent";
    d["metadata"]["creationTimestamp"] = nullptr;
    ApiResponse resp = client.create(d);
    REQUIRE(resp.ok());
    CHECK(resp.code == 201);
    const Json& m = resp.object["metadata"];
    CHECK(m["uid"] != "client-sent");
    CHECK(std::regex_match(m["uid"].get<std::string>(),
                           std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
    CHECK(m["creationTimestamp"] == "2025-01-15T10:00:00Z");
    CHECK(m["generation"] == 1);
    CHECK(m["namespace"] == "default");
    CHECK(std::stoll(m["resourceVersion"].get<std::string>()) == c.store().resourceVersion());
    // Deployment defaults (pkg/apis/apps/v1/defaults.go).
    const Json& spec = resp.object["spec"];
    CHECK(spec["strategy"] == Json{{"type", "RollingUpdate"}, {"rollingUpdate", {{"maxSurge", "25%"}, {"maxUnavailable", "25%"}}}});
    CHECK(spec["revisionHistoryLimit"] == 10);
    CHECK(spec["progressDeadlineSeconds"] == 600);
    CHECK(spec["template"]["metadata"]["creationTimestamp"].is_null());
    const Json& container = spec["template"]["spec"]["containers"][0];
    CHECK(container["imagePullPolicy"] == "IfNotPresent");
    CHECK(container["terminationMessagePath"] == "/dev/termination-log");
    CHECK(spec["template"]["spec"]["schedulerName"] == "default-scheduler");
    CHECK(resp.object["status"] == Json::object());
}

TEST_CASE("creating twice is 409 AlreadyExists with the real message", "[apiserver]") {
    Cluster c;
    Client client = c.client("kubectl-create");
    REQUIRE(client.create(deployment("hello")).ok());
    ApiResponse again = client.create(deployment("hello"));
    CHECK(again.code == 409);
    CHECK(again.status.reason() == "AlreadyExists");
    CHECK(again.status.message() == "deployments.apps \"hello\" already exists");
    CHECK(again.object["details"] == Json{{"name", "hello"}, {"group", "apps"}, {"kind", "deployments"}});
}

TEST_CASE("generateName appends five characters of the name alphabet", "[apiserver]") {
    Cluster c;
    Json p = pod("");
    p["metadata"].erase("name");
    p["metadata"]["generateName"] = "hello-7d4b9c8f6d-";
    ApiResponse resp = c.client("replicaset-controller").create(p);
    REQUIRE(resp.ok());
    CHECK(std::regex_match(resp.object["metadata"]["name"].get<std::string>(),
                           std::regex("hello-7d4b9c8f6d-[bcdfghjklmnpqrstvwxz2456789]{5}")));
}

TEST_CASE("a stale resourceVersion on update is a 409 Conflict", "[apiserver]") {
    Cluster c;
    Client client = c.client("test");
    Json created = client.create(deployment("hello")).object;
    Json first = created;
    first["spec"]["replicas"] = 3;
    REQUIRE(client.update(first).ok());
    Json stale = created;
    stale["spec"]["replicas"] = 5;
    ApiResponse resp = client.update(stale);
    CHECK(resp.code == 409);
    CHECK(resp.status.message() ==
          "Operation cannot be fulfilled on deployments.apps \"hello\": the object has been modified; please apply "
          "your changes to the latest version and try again");
}

TEST_CASE("generation moves on spec changes only; status goes through /status", "[apiserver]") {
    Cluster c;
    Client client = c.client("test");
    Json d = client.create(deployment("hello")).object;
    d["metadata"]["labels"]["tier"] = "web";
    d = client.update(d).object;
    CHECK(d["metadata"]["generation"] == 1);
    d["spec"]["replicas"] = 5;
    d["status"]["replicas"] = 99;  // ignored by the main endpoint
    d = client.update(d).object;
    CHECK(d["metadata"]["generation"] == 2);
    CHECK_FALSE(d["status"].contains("replicas"));
    d["status"] = Json{{"replicas", 5}, {"observedGeneration", 2}};
    d["spec"]["replicas"] = 1;  // ignored by /status
    Json s = client.updateStatus(d).object;
    CHECK(s["status"]["replicas"] == 5);
    CHECK(s["spec"]["replicas"] == 5);
    CHECK(s["metadata"]["generation"] == 2);
}

TEST_CASE("an update that changes nothing writes nothing", "[apiserver]") {
    Cluster c;
    Client client = c.client("test");
    Json d = client.create(deployment("hello")).object;
    int64_t rv = c.store().resourceVersion();
    size_t records = c.eventLog().records().size();
    ApiResponse resp = client.update(d);
    REQUIRE(resp.ok());
    CHECK(c.store().resourceVersion() == rv);
    CHECK(c.eventLog().records().size() == records);
}

TEST_CASE("pods get admission defaults: service account volume, tolerations, priority", "[apiserver][admission]") {
    Cluster c;
    ApiResponse resp = c.client("kubectl-run").create(pod("nginx"));
    REQUIRE(resp.ok());
    const Json& spec = resp.object["spec"];
    CHECK(spec["serviceAccountName"] == "default");
    CHECK(spec["serviceAccount"] == "default");
    CHECK(spec["priority"] == 0);
    CHECK(spec["preemptionPolicy"] == "PreemptLowerPriority");
    CHECK(spec["enableServiceLinks"] == true);
    CHECK(spec["containers"][0]["imagePullPolicy"] == "Always");  // no tag
    REQUIRE(spec["volumes"].size() == 1);
    std::string vol = spec["volumes"][0]["name"];
    CHECK(std::regex_match(vol, std::regex("kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}")));
    CHECK(spec["containers"][0]["volumeMounts"][0] ==
          Json{{"name", vol}, {"readOnly", true}, {"mountPath", "/var/run/secrets/kubernetes.io/serviceaccount"}});
    REQUIRE(spec["tolerations"].size() == 2);
    CHECK(spec["tolerations"][0] == Json{{"key", "node.kubernetes.io/not-ready"},
                                         {"operator", "Exists"},
                                         {"effect", "NoExecute"},
                                         {"tolerationSeconds", 300}});
    CHECK(resp.object["status"] == Json{{"phase", "Pending"}, {"qosClass", "BestEffort"}});
}

TEST_CASE("invalid names are 422 with Kubernetes' message", "[apiserver][validation]") {
    Cluster c;
    ApiResponse resp = c.client("test").create(deployment("Hello_World"));
    CHECK(resp.code == 422);
    CHECK(resp.status.reason() == "Invalid");
    CHECK(resp.status.message().rfind("Deployment.apps \"Hello_World\" is invalid: ", 0) == 0);
    CHECK(resp.status.message().find(
              "metadata.name: Invalid value: \"Hello_World\": a lowercase RFC 1123 subdomain must consist of lower "
              "case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character "
              "(e.g. 'example.com', regex used for validation is "
              "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')") != std::string::npos);
    CHECK(resp.object["details"]["kind"] == "Deployment");
}

TEST_CASE("unknown fields: Strict rejects, Warn warns, Ignore accepts", "[apiserver][decode]") {
    Cluster c;
    Client client = c.client("kubectl-create");
    Json d = deployment("strict");
    d["spec"]["foo"] = 1;
    WriteOptions strict;
    strict.fieldValidation = FieldValidation::Strict;
    ApiResponse resp = client.create(d, strict);
    CHECK(resp.code == 400);
    CHECK(resp.status.message() ==
          "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field "
          "\"spec.foo\"");
    WriteOptions warn;
    warn.fieldValidation = FieldValidation::Warn;
    resp = client.create(d, warn);
    REQUIRE(resp.ok());
    CHECK(resp.warnings == std::vector<std::string>{"unknown field \"spec.foo\""});
    CHECK_FALSE(resp.object["spec"].contains("foo"));
}

TEST_CASE("dry-run validates and defaults but stores nothing", "[apiserver]") {
    Cluster c;
    WriteOptions opts;
    opts.dryRun = true;
    int64_t rv = c.store().resourceVersion();
    ApiResponse resp = c.client("kubectl").create(deployment("dry"), opts);
    REQUIRE(resp.ok());
    CHECK(resp.object["metadata"].contains("uid"));
    CHECK(c.store().resourceVersion() == rv);
    CHECK(c.client("x").get(res(c, "deployments.apps"), "default", "dry").code == 404);
}

TEST_CASE("missing and terminating namespaces refuse new content", "[apiserver][namespace]") {
    Cluster c;
    Client client = c.client("test");
    Json d = deployment("x");
    d["metadata"]["namespace"] = "nope";
    ApiResponse resp = client.create(d);
    CHECK(resp.code == 404);
    CHECK(resp.status.message() == "namespaces \"nope\" not found");

    REQUIRE(client.create(Json{{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "demo"}}}}).ok());
    c.runUntilIdle();
    Json p = pod("blocker");
    p["metadata"]["namespace"] = "demo";
    p["metadata"]["finalizers"] = Json::array({"example.com/hold"});
    REQUIRE(client.create(p).ok());
    REQUIRE(client.remove(res(c, "namespaces"), "", "demo").ok());
    c.runUntilIdle();
    Json ns = *c.store().get("namespaces", "", "demo");
    CHECK(ns["status"]["phase"] == "Terminating");
    Json p2 = pod("late");
    p2["metadata"]["namespace"] = "demo";
    resp = client.create(p2);
    CHECK(resp.code == 403);
    CHECK(resp.status.message() ==
          "pods \"late\" is forbidden: unable to create new content in namespace demo because it is being terminated");
}

TEST_CASE("system namespaces cannot be deleted", "[apiserver][namespace]") {
    Cluster c;
    for (const char* ns : {"default", "kube-system", "kube-public"}) {
        ApiResponse resp = c.client("kubectl").remove(res(c, "namespaces"), "", ns);
        CHECK(resp.code == 403);
        CHECK(resp.status.message() == "namespaces \"" + std::string(ns) + "\" is forbidden: this namespace may not be deleted");
    }
    Json ns = *c.store().get("namespaces", "", "kube-system");
    CHECK(ns["metadata"]["labels"]["kubernetes.io/metadata.name"] == "kube-system");
    CHECK(ns["spec"]["finalizers"] == Json::array({"kubernetes"}));
    CHECK(ns["status"]["phase"] == "Active");
}

TEST_CASE("a namespace deletion removes its content, then the namespace", "[apiserver][namespace]") {
    Cluster c;
    Client client = c.client("kubectl");
    REQUIRE(client.create(Json{{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "demo"}}}}).ok());
    c.runUntilIdle();
    // The namespace controllers gave it a default ServiceAccount and the CA ConfigMap.
    CHECK(c.store().get("serviceaccounts", "demo", "default"));
    CHECK(c.store().get("configmaps", "demo", "kube-root-ca.crt"));
    Json d = deployment("web");
    d["metadata"]["namespace"] = "demo";
    REQUIRE(client.create(d).ok());
    Json cm = {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", "held"}, {"namespace", "demo"},
              {"finalizers", Json::array({"example.com/hold"})}}}};
    REQUIRE(client.create(cm).ok());
    REQUIRE(client.remove(res(c, "namespaces"), "", "demo").ok());
    c.runUntilIdle();
    REQUIRE(c.store().get("namespaces", "", "demo"));
    CHECK_FALSE(c.store().get("deployments.apps", "demo", "web"));
    Json ns = *c.store().get("namespaces", "", "demo");
    bool sawRemaining = false;
    for (const Json& cond : ns["status"]["conditions"])
        if (cond["type"] == "NamespaceFinalizersRemaining")
            sawRemaining = cond["message"] == "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances";
    CHECK(sawRemaining);
    // Releasing the finalizer lets the namespace go.
    Json held = *c.store().get("configmaps", "demo", "held");
    held["metadata"].erase("finalizers");
    REQUIRE(client.update(held).ok());
    c.runUntilIdle();
    CHECK_FALSE(c.store().get("configmaps", "demo", "held"));
    CHECK_FALSE(c.store().get("namespaces", "", "demo"));
}

TEST_CASE("pods that run on a node are deleted gracefully", "[apiserver][delete]") {
    Cluster c;
    Client client = c.client("kubectl");
    Json p = pod("web");
    p["spec"]["nodeName"] = "minikube";
    REQUIRE(client.create(p).ok());
    ApiResponse resp = client.remove(res(c, "pods"), "default", "web");
    REQUIRE(resp.ok());
    CHECK(resp.object["metadata"]["deletionTimestamp"] == "2025-01-15T10:00:30Z");
    CHECK(resp.object["metadata"]["deletionGracePeriodSeconds"] == 30);
    CHECK(c.store().get("pods", "default", "web"));
    // --grace-period=0 --force removes it at once and answers with the object.
    DeleteOptions force;
    force.gracePeriodSeconds = 0;
    resp = client.remove(res(c, "pods"), "default", "web", force);
    REQUIRE(resp.ok());
    CHECK(resp.object["kind"] == "Pod");
    CHECK_FALSE(c.store().get("pods", "default", "web"));
    // An unscheduled pod goes at once.
    REQUIRE(client.create(pod("pending")).ok());
    REQUIRE(client.remove(res(c, "pods"), "default", "pending").ok());
    CHECK_FALSE(c.store().get("pods", "default", "pending"));
}

TEST_CASE("deleting a non-pod answers with a Success Status", "[apiserver][delete]") {
    Cluster c;
    Client client = c.client("kubectl");
    Json d = client.create(deployment("hello")).object;
    ApiResponse resp = client.remove(res(c, "deployments.apps"), "default", "hello");
    REQUIRE(resp.ok());
    CHECK(resp.object["kind"] == "Status");
    CHECK(resp.object["status"] == "Success");
    CHECK(resp.object["details"] == Json{{"name", "hello"}, {"group", "apps"}, {"kind", "deployments"},
                                          {"uid", d["metadata"]["uid"]}});
    resp = client.remove(res(c, "deployments.apps"), "default", "hello");
    CHECK(resp.code == 404);
    CHECK(resp.status.message() == "deployments.apps \"hello\" not found");
}

namespace {
// Creates a ReplicaSet owned by a Deployment and a Pod owned by the ReplicaSet, like the
// deployment and replicaset controllers would.
struct Chain {
    Json deploy, rs, pod;
};
Chain makeChain(Cluster& c) {
    Client client = c.client("test");
    Chain ch;
    ch.deploy = client.create(deployment("hello")).object;
    Json rs = {{"apiVersion", "apps/v1"},
               {"kind", "ReplicaSet"},
               {"metadata",
                {{"name", "hello-7d4b9c8f6d"},
                 {"ownerReferences", Json::array({{{"apiVersion", "apps/v1"},
                                                   {"kind", "Deployment"},
                                                   {"name", "hello"},
                                                   {"uid", ch.deploy["metadata"]["uid"]},
                                                   {"controller", true},
                                                   {"blockOwnerDeletion", true}}})}}},
               {"spec", ch.deploy["spec"]}};
    rs["spec"].erase("strategy");
    rs["spec"].erase("progressDeadlineSeconds");
    ch.rs = client.create(rs).object;
    REQUIRE(ch.rs.contains("metadata"));
    Json p = pod("hello-7d4b9c8f6d-abcde");
    p["metadata"]["ownerReferences"] = Json::array({{{"apiVersion", "apps/v1"},
                                                     {"kind", "ReplicaSet"},
                                                     {"name", "hello-7d4b9c8f6d"},
                                                     {"uid", ch.rs["metadata"]["uid"]},
                                                     {"controller", true},
                                                     {"blockOwnerDeletion", true}}});
    ch.pod = client.create(p).object;
    c.runUntilIdle();
    return ch;
}
}  // namespace

TEST_CASE("Background propagation: the owner goes at once, the GC removes dependents", "[apiserver][gc]") {
    Cluster c;
    makeChain(c);
    DeleteOptions opts;
    opts.propagationPolicy = PropagationPolicy::Background;
    REQUIRE(c.client("kubectl").remove(res(c, "deployments.apps"), "default", "hello", opts).ok());
    CHECK_FALSE(c.store().get("deployments.apps", "default", "hello"));
    CHECK(c.store().get("replicasets.apps", "default", "hello-7d4b9c8f6d"));
    c.runUntilIdle();
    CHECK_FALSE(c.store().get("replicasets.apps", "default", "hello-7d4b9c8f6d"));
    CHECK_FALSE(c.store().get("pods", "default", "hello-7d4b9c8f6d-abcde"));
}

TEST_CASE("Foreground propagation keeps the owner until its dependents are gone", "[apiserver][gc]") {
    Cluster c;
    makeChain(c);
    DeleteOptions opts;
    opts.propagationPolicy = PropagationPolicy::Foreground;
    ApiResponse resp = c.client("kubectl").remove(res(c, "deployments.apps"), "default", "hello", opts);
    REQUIRE(resp.ok());
    CHECK(resp.object["metadata"]["finalizers"] == Json::array({"foregroundDeletion"}));
    CHECK(resp.object["metadata"].contains("deletionTimestamp"));
    CHECK(c.store().get("deployments.apps", "default", "hello"));
    c.runUntilIdle();
    CHECK_FALSE(c.store().get("pods", "default", "hello-7d4b9c8f6d-abcde"));
    CHECK_FALSE(c.store().get("replicasets.apps", "default", "hello-7d4b9c8f6d"));
    CHECK_FALSE(c.store().get("deployments.apps", "default", "hello"));
}

TEST_CASE("Orphan propagation strips owner references and keeps dependents", "[apiserver][gc]") {
    Cluster c;
    makeChain(c);
    DeleteOptions opts;
    opts.propagationPolicy = PropagationPolicy::Orphan;
    REQUIRE(c.client("kubectl").remove(res(c, "deployments.apps"), "default", "hello", opts).ok());
    c.runUntilIdle();
    CHECK_FALSE(c.store().get("deployments.apps", "default", "hello"));
    ObjectPtr rs = c.store().get("replicasets.apps", "default", "hello-7d4b9c8f6d");
    REQUIRE(rs);
    CHECK_FALSE((*rs)["metadata"].contains("ownerReferences"));
    CHECK(c.store().get("pods", "default", "hello-7d4b9c8f6d-abcde"));
}

TEST_CASE("scale subresource reads and writes spec.replicas as an autoscaling/v1 Scale", "[apiserver][scale]") {
    Cluster c;
    Client client = c.client("kubectl-scale");
    client.create(deployment("hello", 2));
    ApiResponse scale = c.apiServer().get(res(c, "deployments.apps"), "default", "hello", "scale");
    REQUIRE(scale.ok());
    CHECK(scale.object["kind"] == "Scale");
    CHECK(scale.object["apiVersion"] == "autoscaling/v1");
    CHECK(scale.object["spec"]["replicas"] == 2);
    CHECK(scale.object["status"]["selector"] == "app=hello");
    ApiResponse patched = client.patch(res(c, "deployments.apps"), "default", "hello", PatchType::MergePatch,
                                       R"({"spec":{"replicas":3}})", {}, "scale");
    REQUIRE(patched.ok());
    CHECK(patched.object["spec"]["replicas"] == 3);
    CHECK((*c.store().get("deployments.apps", "default", "hello"))["spec"]["replicas"] == 3);
}

TEST_CASE("field and label selectors filter lists; unsupported fields are 400", "[apiserver][selectors]") {
    Cluster c;
    Client client = c.client("test");
    client.create(pod("a"));
    Json b = pod("b");
    b["metadata"]["labels"]["app"] = "db";
    client.create(b);
    ListOptions byLabel;
    byLabel.labelSelector = "app=db";
    ApiResponse list = client.list(res(c, "pods"), "default", byLabel);
    REQUIRE(list.ok());
    REQUIRE(list.object["items"].size() == 1);
    CHECK(list.object["items"][0]["metadata"]["name"] == "b");
    CHECK(list.object["kind"] == "PodList");
    CHECK(list.object["metadata"]["resourceVersion"] == std::to_string(c.store().resourceVersion()));
    ListOptions byField;
    byField.fieldSelector = "status.phase=Pending,metadata.name!=a";
    list = client.list(res(c, "pods"), "default", byField);
    REQUIRE(list.object["items"].size() == 1);
    ListOptions bad;
    bad.fieldSelector = "spec.foo=bar";
    list = client.list(res(c, "pods"), "default", bad);
    CHECK(list.code == 400);
    CHECK(list.status.message() == "field label not supported: spec.foo");
}

TEST_CASE("watch through the apiserver honours selectors and resume points", "[apiserver][watch]") {
    Cluster c;
    Client client = c.client("test");
    client.create(pod("a"));
    WatchOptions opts;
    opts.fieldSelector = "metadata.name=b";
    WatchStream w = c.apiServer().watch(res(c, "pods"), "default", opts);
    client.create(pod("b"));
    client.create(pod("c"));
    auto events = w.next();
    REQUIRE(events.size() == 1);
    CHECK(events[0]["type"] == "ADDED");
    CHECK(events[0]["object"]["metadata"]["name"] == "b");
    w.stop();
}

TEST_CASE("services get a ClusterIP from 10.96.0.0/12 and NodePorts from the upper band", "[apiserver][service]") {
    Cluster c;
    Client client = c.client("kubectl-expose");
    Json svc = {{"apiVersion", "v1"},
                {"kind", "Service"},
                {"metadata", {{"name", "hello"}}},
                {"spec", {{"type", "NodePort"}, {"selector", {{"app", "hello"}}}, {"ports", Json::array({{{"port", 8080}}})}}}};
    ApiResponse resp = client.create(svc);
    REQUIRE(resp.ok());
    const Json& spec = resp.object["spec"];
    std::string ip = spec["clusterIP"];
    CHECK(std::regex_match(ip, std::regex(R"(10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+)")));
    CHECK(spec["clusterIPs"] == Json::array({ip}));
    CHECK(spec["ipFamilies"] == Json::array({"IPv4"}));
    CHECK(spec["ipFamilyPolicy"] == "SingleStack");
    CHECK(spec["ports"][0]["protocol"] == "TCP");
    CHECK(spec["ports"][0]["targetPort"] == 8080);
    int64_t np = spec["ports"][0]["nodePort"];
    CHECK(np >= 30086);
    CHECK(np <= 32767);
    CHECK(spec["externalTrafficPolicy"] == "Cluster");
    CHECK(spec["internalTrafficPolicy"] == "Cluster");
    CHECK(spec["sessionAffinity"] == "None");
    // The kubernetes Service holds 10.96.0.1; asking for it again is a 422.
    Json clash = svc;
    clash["metadata"]["name"] = "clash";
    clash["spec"]["clusterIP"] = "10.96.0.1";
    clash["spec"]["ports"][0]["nodePort"] = np;
    resp = client.create(clash);
    CHECK(resp.code == 422);
    CHECK(resp.status.message().find("spec.clusterIPs: Invalid value: []string{\"10.96.0.1\"}: failed to allocate IP "
                                     "10.96.0.1: provided IP is already allocated") != std::string::npos);
    CHECK(resp.status.message().find("spec.ports[0].nodePort: Invalid value: " + std::to_string(np) +
                                     ": provided port is already allocated") != std::string::npos);
}

TEST_CASE("finalizers keep an object until they are removed; none can be added while deleting", "[apiserver][delete]") {
    Cluster c;
    Client client = c.client("test");
    Json cm = {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", "held"}, {"finalizers", Json::array({"a/b"})}}}};
    REQUIRE(client.create(cm).ok());
    ApiResponse resp = client.remove(res(c, "configmaps"), "default", "held");
    REQUIRE(resp.ok());
    CHECK(resp.object["metadata"].contains("deletionTimestamp"));
    Json current = *c.store().get("configmaps", "default", "held");
    Json more = current;
    more["metadata"]["finalizers"].push_back("c/d");
    resp = client.update(more);
    CHECK(resp.code == 422);
    current["metadata"].erase("finalizers");
    REQUIRE(client.update(current).ok());
    CHECK_FALSE(c.store().get("configmaps", "default", "held"));
}

TEST_CASE("watch bookmarks name the kind; a too-old resume point is an ERROR event with 410", "[apiserver][watch]") {
    ClusterConfig cfg;
    cfg.watchHistory = 5;
    Cluster c(cfg);
    Client client = c.client("test");
    WatchOptions opts;
    opts.allowBookmarks = true;
    opts.resourceVersion = std::to_string(c.store().resourceVersion());
    WatchStream w = c.apiServer().watch(res(c, "pods"), "default", opts);
    c.store().emitBookmarks();
    auto events = w.next();
    REQUIRE(events.size() == 1);
    CHECK(events[0] == Json{{"type", "BOOKMARK"},
                            {"object",
                             {{"kind", "Pod"},
                              {"apiVersion", "v1"},
                              {"metadata", {{"resourceVersion", std::to_string(c.store().resourceVersion())},
                                            {"creationTimestamp", nullptr}}}}}});
    w.stop();
    for (int i = 0; i < 10; ++i)
        client.create(pod("p" + std::to_string(i)));
    opts.resourceVersion = "3";
    WatchStream old = c.apiServer().watch(res(c, "pods"), "default", opts);
    events = old.next();
    REQUIRE(events.size() == 1);
    CHECK(events[0]["type"] == "ERROR");
    CHECK(events[0]["object"]["code"] == 410);
    CHECK(events[0]["object"]["reason"] == "Expired");
    CHECK(events[0]["object"]["message"].get<std::string>().rfind("too old resource version: 3 (", 0) == 0);
}
