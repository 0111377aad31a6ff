#include <catch2/catch.hpp>

#include <optional>

#include "base/json_text.h"
#include "api/codec/json_encode.h"
#include "cluster/cluster.h"

using namespace kp;

namespace {

const char* kNginx = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
)";

std::string replaced(std::string s, const std::string& from, const std::string& to) {
    s.replace(s.find(from), from.size(), to);
    return s;
}

const ResourceInfo& deployments(Cluster& c) { return *c.apiServer().resources().byGroupResourceName("deployments.apps"); }

ApiResponse apply(Cluster& c, const std::string& manager, const std::string& body, bool force = false,
                  const std::string& subresource = "", const std::string& name = "nginx") {
    WriteOptions opts;
    opts.fieldManager = manager;
    opts.force = force;
    return c.client(manager).patch(deployments(c), "default", name, PatchType::ApplyPatch, body, opts, subresource);
}

Json expanded(Json managedFields) {
    expandPackedJsonText(managedFields);
    return managedFields;
}

// The manager's entry, its fieldsV1 expanded (the apiserver keeps it packed: base/json_text.h).
std::optional<Json> entryOf(const Json& obj, const std::string& manager) {
    for (const Json& e : obj["metadata"]["managedFields"])
        if (e["manager"] == manager) {
            Json entry = e;
            expandPackedJsonText(entry);
            return entry;
        }
    return std::nullopt;
}

std::vector<std::string> managersOf(const Json& obj) {
    std::vector<std::string> out;
    for (const Json& e : obj["metadata"]["managedFields"])
        out.push_back(e["manager"].get<std::string>() + ":" + e["operation"].get<std::string>());
    return out;
}

Json get(Cluster& c, const std::string& name = "nginx") {
    return c.client("test").get(deployments(c), "default", name).object;
}

}  // namespace

TEST_CASE("apply creates the object and its applier owns exactly the applied fields", "[apply]") {
    Cluster c;
    ApiResponse resp = apply(c, "kubectl", kNginx);
    REQUIRE(resp.ok());
    CHECK(resp.code == 201);
    // Defaults apply as on any create; ownership stays with what was sent.
    CHECK(resp.object["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"] == "IfNotPresent");
    CHECK(expanded(resp.object["metadata"]["managedFields"]) == Json::parse(R"([{
        "apiVersion": "apps/v1",
        "fieldsType": "FieldsV1",
        "fieldsV1": {
            "f:metadata": {"f:labels": {"f:app": {}}},
            "f:spec": {
                "f:replicas": {},
                "f:selector": {},
                "f:template": {
                    "f:metadata": {"f:labels": {"f:app": {}}},
                    "f:spec": {"f:containers": {"k:{\"name\":\"nginx\"}": {
                        ".": {}, "f:image": {}, "f:name": {},
                        "f:ports": {"k:{\"containerPort\":80,\"protocol\":\"TCP\"}": {".": {}, "f:containerPort": {}}}}}}
                }
            }
        },
        "manager": "kubectl",
        "operation": "Apply",
        "time": "2025-01-15T10:00:00Z"
    }])"));

    SECTION("applying the same configuration again writes nothing") {
        int64_t rv = c.store().resourceVersion();
        ApiResponse again = apply(c, "kubectl", kNginx);
        REQUIRE(again.ok());
        CHECK(again.code == 200);
        CHECK(c.store().resourceVersion() == rv);
    }
    SECTION("a JSON body is a YAML body too") {
        Json body = Json::parse(R"({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "nginx"},
                                    "spec": {"replicas": 4}})");
        ApiResponse j = apply(c, "autoscaler", codec::marshalJson(body), true);
        REQUIRE(j.ok());
        CHECK(j.object["spec"]["replicas"] == 4);
    }
}

TEST_CASE("a second applier changing another applier's field conflicts; force takes it over", "[apply]") {
    Cluster c;
    REQUIRE(apply(c, "kubectl", kNginx).ok());
    c.advance(Duration::seconds(10));
    const std::string scale = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nginx\nspec:\n  replicas: 3\n";

    ApiResponse refused = apply(c, "ci", scale);
    CHECK(refused.code == 409);
    CHECK(refused.status.reason() == "Conflict");
    CHECK(refused.status.message() == "Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas");
    CHECK(refused.object["details"] ==
          Json::parse(R"({"causes": [{"reason": "FieldManagerConflict", "message": "conflict with \"kubectl\"",
                                      "field": ".spec.replicas"}]})"));
    CHECK(get(c)["spec"]["replicas"] == 2);

    ApiResponse forced = apply(c, "ci", scale, /*force=*/true);
    REQUIRE(forced.ok());
    CHECK(forced.object["spec"]["replicas"] == 3);
    CHECK(managersOf(forced.object) == std::vector<std::string>{"kubectl:Apply", "ci:Apply"});
    CHECK(entryOf(forced.object, "ci")->at("fieldsV1") == Json::parse(R"({"f:spec": {"f:replicas": {}}})"));
    CHECK(entryOf(forced.object, "ci")->at("time") == "2025-01-15T10:00:10Z");
    CHECK_FALSE(entryOf(forced.object, "kubectl")->at("fieldsV1")["f:spec"].contains("f:replicas"));

    SECTION("the previous owner now conflicts in turn") {
        ApiResponse back = apply(c, "kubectl", kNginx);
        CHECK(back.code == 409);
        CHECK(back.status.message() == "Apply failed with 1 conflict: conflict with \"ci\": .spec.replicas");
    }
}

TEST_CASE("an applier setting the value already there shares the field", "[apply]") {
    Cluster c;
    REQUIRE(apply(c, "kubectl", kNginx).ok());
    c.advance(Duration::seconds(10));
    ApiResponse shared =
        apply(c, "ci", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nginx\nspec:\n  replicas: 2\n");
    REQUIRE(shared.ok());
    CHECK(entryOf(shared.object, "ci")->at("fieldsV1") == Json::parse(R"({"f:spec": {"f:replicas": {}}})"));
    CHECK(entryOf(shared.object, "kubectl")->at("fieldsV1")["f:spec"].contains("f:replicas"));
    // The apply changed no field, so upstream's field manager gives the new entry no time.
    CHECK_FALSE(entryOf(shared.object, "ci")->contains("time"));
}

TEST_CASE("fields dropped from the applied configuration are removed unless someone else owns them", "[apply]") {
    Cluster c;
    std::string v1 = replaced(kNginx, "    app: nginx\nspec:", "    app: nginx\n    tier: web\nspec:");
    v1 += "  minReadySeconds: 5\n";
    REQUIRE(apply(c, "kubectl", v1).ok());
    REQUIRE(get(c)["metadata"]["labels"] == Json{{"app", "nginx"}, {"tier", "web"}});
    // Another applier sets minReadySeconds to the same value: now both own it.
    REQUIRE(apply(c, "ci", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nginx\nspec:\n  minReadySeconds: 5\n")
                .ok());

    ApiResponse resp = apply(c, "kubectl", kNginx);
    REQUIRE(resp.ok());
    CHECK(resp.object["metadata"]["labels"] == Json{{"app", "nginx"}});  // kubectl's alone: pruned
    CHECK(resp.object["spec"]["minReadySeconds"] == 5);                 // ci still owns it
    const Json kubectl = entryOf(resp.object, "kubectl")->at("fieldsV1");
    CHECK(kubectl["f:metadata"]["f:labels"] == Json::parse(R"({"f:app": {}})"));
    CHECK_FALSE(kubectl["f:spec"].contains("f:minReadySeconds"));
}

TEST_CASE("containers merge by name: other managers' containers stay, the configuration orders its own", "[apply]") {
    Cluster c;
    REQUIRE(apply(c, "kubectl", kNginx).ok());
    const std::string sidecar = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
spec:
  template:
    spec:
      containers:
      - name: proxy
        image: envoy:1.30
)";
    ApiResponse withSidecar = apply(c, "injector", sidecar);
    REQUIRE(withSidecar.ok());
    const Json& containers = withSidecar.object["spec"]["template"]["spec"]["containers"];
    REQUIRE(containers.size() == 2);
    CHECK(containers[0]["name"] == "nginx");
    CHECK(containers[1]["name"] == "proxy");
    CHECK(containers[1]["imagePullPolicy"] == "IfNotPresent");
    CHECK(entryOf(withSidecar.object, "injector")->at("fieldsV1") == Json::parse(R"({"f:spec": {"f:template": {"f:spec":
        {"f:containers": {"k:{\"name\":\"proxy\"}": {".": {}, "f:image": {}, "f:name": {}}}}}}})"));

    // An applier naming both puts them in its order.
    const std::string both = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
spec:
  template:
    spec:
      containers:
      - name: proxy
        image: envoy:1.30
      - name: nginx
        image: nginx:1.27
)";
    ApiResponse reordered = apply(c, "mesh", both);
    REQUIRE(reordered.ok());
    CHECK(reordered.object["spec"]["template"]["spec"]["containers"][0]["name"] == "proxy");
    CHECK(reordered.object["spec"]["template"]["spec"]["containers"][1]["name"] == "nginx");

    SECTION("dropping its container removes only that container") {
        const std::string none = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nginx\n";
        REQUIRE(apply(c, "mesh", none).ok());
        ApiResponse gone = apply(c, "injector", none);
        REQUIRE(gone.ok());
        REQUIRE(gone.object["spec"]["template"]["spec"]["containers"].size() == 1);
        CHECK(gone.object["spec"]["template"]["spec"]["containers"][0]["name"] == "nginx");
    }
}

TEST_CASE("conflicts with updaters name their apiVersion and are grouped by manager", "[apply]") {
    Cluster c;
    Json d = Json::parse(R"({"apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "nginx", "labels": {"app": "nginx"}},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "nginx"}},
                 "template": {"metadata": {"labels": {"app": "nginx"}},
                              "spec": {"containers": [{"name": "nginx", "image": "nginx:1.26"}]}}}})");
    REQUIRE(c.client("kubectl-client-side-apply").create(d).ok());

    const std::string v = replaced(kNginx, "replicas: 2", "replicas: 5");
    ApiResponse refused = apply(c, "kubectl", v);
    CHECK(refused.code == 409);
    CHECK(refused.status.message() ==
          "Apply failed with 2 conflicts: conflicts with \"kubectl-client-side-apply\" using apps/v1:\n"
          "- .spec.replicas\n"
          "- .spec.template.spec.containers[name=\"nginx\"].image");

    SECTION("one conflict per manager, managers sorted") {
        c.advance(Duration::seconds(1));
        Json cur = get(c);
        cur["spec"]["replicas"] = 3;
        REQUIRE(c.client("kubectl-scale").update(cur).ok());
        ApiResponse two = apply(c, "kubectl", v);
        CHECK(two.status.message() ==
              "Apply failed with 2 conflicts: conflicts with \"kubectl-client-side-apply\" using apps/v1:\n"
              "- .spec.template.spec.containers[name=\"nginx\"].image\n"
              "conflicts with \"kubectl-scale\" using apps/v1:\n"
              "- .spec.replicas");
    }
}

TEST_CASE("kubectl's first server-side apply takes over what its client-side apply set", "[apply]") {
    Cluster c;
    Json last = Json::parse(R"({"apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"annotations": {}, "labels": {"app": "nginx"}, "name": "nginx", "namespace": "default"},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "nginx"}},
                 "template": {"metadata": {"labels": {"app": "nginx"}},
                              "spec": {"containers": [{"image": "nginx:1.26", "name": "nginx"}]}}}})");
    Json d = last;
    d["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"] = codec::marshalJson(last) + "\n";
    REQUIRE(c.client("kubectl-client-side-apply").create(d).ok());

    ApiResponse resp = apply(c, "kubectl", kNginx);  // changes the image
    INFO(resp.status.message());
    REQUIRE(resp.ok());
    CHECK(resp.object["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.27");
    const Json csa = entryOf(resp.object, "kubectl-client-side-apply")->at("fieldsV1");
    CHECK_FALSE(csa["f:spec"]["f:template"]["f:spec"]["f:containers"]["k:{\"name\":\"nginx\"}"].contains("f:image"));
    // The annotation now holds what was applied.
    Json applied = Json::parse(R"({"apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"labels": {"app": "nginx"}, "name": "nginx"},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "nginx"}},
                 "template": {"metadata": {"labels": {"app": "nginx"}},
                              "spec": {"containers": [{"image": "nginx:1.27", "name": "nginx",
                                                        "ports": [{"containerPort": 80}]}]}}}})");
    CHECK(resp.object["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"] ==
          codec::marshalJson(applied) + "\n");
}

TEST_CASE("apply through /status owns status fields, recorded with the subresource", "[apply]") {
    Cluster c;
    REQUIRE(apply(c, "kubectl", kNginx).ok());
    ApiResponse resp = apply(c, "status-writer",
                             "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nginx\n"
                             "spec:\n  replicas: 9\nstatus:\n  replicas: 2\n",
                             false, "status");
    REQUIRE(resp.ok());
    CHECK(resp.object["status"]["replicas"] == 2);
    CHECK(resp.object["spec"]["replicas"] == 2);  // /status writes no spec
    const std::optional<Json> e = entryOf(resp.object, "status-writer");
    REQUIRE(e);
    CHECK(e->at("subresource") == "status");
    CHECK(e->at("operation") == "Apply");
    CHECK(e->at("fieldsV1") == Json::parse(R"({"f:status": {"f:replicas": {}}})"));
}

TEST_CASE("apply refuses malformed requests with upstream's errors", "[apply]") {
    Cluster c;
    SECTION("no field manager") {
        WriteOptions opts;
        opts.actor = "curl";
        ApiResponse resp = c.apiServer().patch(deployments(c), "default", "nginx", PatchType::ApplyPatch, kNginx, opts);
        CHECK(resp.code == 422);
        CHECK(resp.status.message() ==
              "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
    }
    SECTION("another kind than the endpoint's") {
        ApiResponse resp = apply(c, "kubectl", replaced(kNginx, "Deployment", "ReplicaSet"));
        CHECK(resp.code == 400);
        CHECK(resp.status.message() == "invalid object type: apps/v1, Kind=ReplicaSet");
    }
    SECTION("managedFields in the configuration") {
        ApiResponse refused = apply(c, "kubectl", replaced(kNginx, "  labels:", "  managedFields: []\n  labels:"));
        CHECK(refused.code == 400);
        CHECK(refused.status.message() == "metadata.managedFields must be nil");
    }
    SECTION("a field the schema does not declare") {
        ApiResponse resp = apply(c, "kubectl", replaced(kNginx, "replicas: 2", "replica: 2"));
        CHECK(resp.code == 500);
        CHECK(resp.status.message() ==
              "failed to create typed patch object (/nginx; apps/v1, Kind=Deployment): .spec.replica: field not "
              "declared in schema");
    }
    SECTION("two containers with one name") {
        std::string dup = std::string(kNginx) + "      - name: nginx\n        image: nginx:1.28\n";
        ApiResponse resp = apply(c, "kubectl", dup);
        CHECK(resp.code == 500);
        CHECK(resp.status.message() ==
              "failed to create typed patch object (/nginx; apps/v1, Kind=Deployment): "
              ".spec.template.spec.containers: duplicate entries for key [name=\"nginx\"]");
    }
    SECTION("a name other than the URL's") {
        ApiResponse resp = apply(c, "kubectl", kNginx, false, "", "web");
        CHECK(resp.code == 400);
        CHECK(resp.status.message() == "the name of the object (nginx) does not match the name on the URL (web)");
    }
    SECTION("a body that is not YAML") {
        ApiResponse resp = apply(c, "kubectl", "metadata: [\n");
        CHECK(resp.code == 400);
        CHECK(resp.status.message().rfind("error decoding YAML: ", 0) == 0);
    }
}

TEST_CASE("the server-side apply walk-through of a namespace's labels, as a real cluster answers it", "[apply]") {
    // Golden: a published walk-through on a real cluster (kubectl apply --server-side with and
    // without --field-manager/--force-conflicts on a namespace's labels).
    Cluster c;
    const ResourceInfo& namespaces = *c.apiServer().resources().byGroupResourceName("namespaces");
    auto applyNs = [&](const std::string& manager, const std::string& labels, bool force = false) {
        WriteOptions opts;
        opts.fieldManager = manager;
        opts.force = force;
        std::string body = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ssa-blog-demo\n  labels:\n" + labels;
        return c.client(manager).patch(namespaces, "", "ssa-blog-demo", PatchType::ApplyPatch, body, opts);
    };
    ApiResponse created = c.client("kubectl-create").create(
        Json{{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "ssa-blog-demo"}}}});
    REQUIRE(created.ok());
    CHECK(unpackJsonText(created.object["metadata"]["managedFields"][0]["fieldsV1"]) ==
          Json::parse(R"({"f:metadata": {"f:labels": {".": {}, "f:kubernetes.io/metadata.name": {}}}})"));

    c.advance(Duration::seconds(60));
    REQUIRE(applyNs("kubectl", "    label1: a_new_value\n").ok());
    // Not sending label1 any more gives it up; nobody else owns it, so it goes.
    ApiResponse dropped = applyNs("kubectl", "    newlabel: value\n");
    REQUIRE(dropped.ok());
    CHECK(dropped.object["metadata"]["labels"] ==
          Json{{"kubernetes.io/metadata.name", "ssa-blog-demo"}, {"newlabel", "value"}});
    REQUIRE(applyNs("kubectl", "    label1: value1\n    newlabel: value\n").ok());

    c.advance(Duration::seconds(60));
    ApiResponse refused = applyNs("new-field-manager", "    label1: a_new_value\n");
    CHECK(refused.code == 409);
    CHECK(refused.status.message() == "Apply failed with 1 conflict: conflict with \"kubectl\": .metadata.labels.label1");

    ApiResponse forced = applyNs("new-field-manager", "    label1: a_new_value\n", true);
    REQUIRE(forced.ok());
    CHECK(forced.object["metadata"]["labels"] == Json{{"kubernetes.io/metadata.name", "ssa-blog-demo"},
                                                      {"label1", "a_new_value"},
                                                      {"newlabel", "value"}});
    CHECK(expanded(forced.object["metadata"]["managedFields"]) == Json::parse(R"([
        {"apiVersion": "v1", "fieldsType": "FieldsV1",
         "fieldsV1": {"f:metadata": {"f:labels": {"f:newlabel": {}}}},
         "manager": "kubectl", "operation": "Apply", "time": "2025-01-15T10:01:00Z"},
        {"apiVersion": "v1", "fieldsType": "FieldsV1",
         "fieldsV1": {"f:metadata": {"f:labels": {"f:label1": {}}}},
         "manager": "new-field-manager", "operation": "Apply", "time": "2025-01-15T10:02:00Z"},
        {"apiVersion": "v1", "fieldsType": "FieldsV1",
         "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:kubernetes.io/metadata.name": {}}}},
         "manager": "kubectl-create", "operation": "Update", "time": "2025-01-15T10:00:00Z"}
    ])"));
}

TEST_CASE("with fieldValidation=Strict an apply body may not repeat a key", "[apply]") {
    Cluster c;
    WriteOptions opts;
    opts.fieldManager = "kubectl";
    opts.fieldValidation = FieldValidation::Strict;
    std::string body = std::string(kNginx) + "  replicas: 3\n";
    ApiResponse resp = c.client("kubectl").patch(deployments(c), "default", "nginx", PatchType::ApplyPatch, body, opts);
    CHECK(resp.code == 400);
    CHECK(resp.status.message() ==
          "error strict decoding YAML: error converting YAML to JSON: yaml: unmarshal errors:\n"
          "  line 22: key \"replicas\" already set in map");
    CHECK_FALSE(c.client("test").get(deployments(c), "default", "nginx").ok());
}
