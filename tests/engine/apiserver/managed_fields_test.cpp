#include <catch2/catch.hpp>

#include <optional>

#include "base/json_text.h"
#include "cluster/cluster.h"
#include "apiserver/apply/field_manager.h"
#include "apiserver/managed_fields.h"

using namespace kp;

namespace {

// What `kubectl create deployment hello-world --image=gcr.io/google-samples/hello-app:1.0`
// sends (its --dry-run=client -o yaml output).
Json kubectlCreateDeployment() {
    return Json::parse(R"({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"creationTimestamp": null, "labels": {"app": "hello-world"}, "name": "hello-world"},
        "spec": {
            "replicas": 1,
            "selector": {"matchLabels": {"app": "hello-world"}},
            "strategy": {},
            "template": {
                "metadata": {"creationTimestamp": null, "labels": {"app": "hello-world"}},
                "spec": {"containers": [{"image": "gcr.io/google-samples/hello-app:1.0", "name": "hello-app", "resources": {}}]}
            }
        },
        "status": {}
    })");
}

// The manager's entry, its fieldsV1 expanded (the apiserver keeps it packed: base/json_text.h).
std::optional<Json> entryOf(const Json& obj, const std::string& manager, const std::string& subresource = "") {
    for (const Json& e : obj["metadata"]["managedFields"])
        if (e["manager"] == manager && e.value("subresource", "") == subresource) {
            Json entry = e;
            expandPackedJsonText(entry);
            return entry;
        }
    return std::nullopt;
}

std::vector<std::string> managersOf(const Json& obj) {
    std::vector<std::string> out;
    for (const Json& e : obj["metadata"]["managedFields"])
        out.push_back(e["manager"].get<std::string>() + (e.contains("subresource") ? "/" + e["subresource"].get<std::string>() : ""));
    return out;
}

Json configMap(const std::string& name, Json data) {
    return Json{{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", name}}}, {"data", std::move(data)}};
}

}  // namespace

TEST_CASE("kubectl create deployment and the controller's status update own fields as on a 1.32 cluster",
          "[managedfields]") {
    // Golden: `kubectl get deploy hello-world -o json --show-managed-fields` on a real cluster
    // (the controller's entry there also holds the revision annotation, which it writes through
    // /status; our /status endpoint writes status only).
    Cluster c;
    ApiResponse created = c.client("kubectl-create").create(kubectlCreateDeployment());
    REQUIRE(created.ok());
    const std::optional<Json> createEntry = entryOf(created.object, "kubectl-create");
    REQUIRE(createEntry);
    CHECK(*createEntry == Json::parse(R"({
        "apiVersion": "apps/v1",
        "fieldsType": "FieldsV1",
        "fieldsV1": {
            "f:metadata": {"f:labels": {".": {}, "f:app": {}}},
            "f:spec": {
                "f:progressDeadlineSeconds": {},
                "f:replicas": {},
                "f:revisionHistoryLimit": {},
                "f:selector": {},
                "f:strategy": {"f:rollingUpdate": {".": {}, "f:maxSurge": {}, "f:maxUnavailable": {}}, "f:type": {}},
                "f:template": {
                    "f:metadata": {"f:labels": {".": {}, "f:app": {}}},
                    "f:spec": {
                        "f:containers": {"k:{\"name\":\"hello-app\"}": {
                            ".": {}, "f:image": {}, "f:imagePullPolicy": {}, "f:name": {}, "f:resources": {},
                            "f:terminationMessagePath": {}, "f:terminationMessagePolicy": {}}},
                        "f:dnsPolicy": {}, "f:restartPolicy": {}, "f:schedulerName": {}, "f:securityContext": {},
                        "f:terminationGracePeriodSeconds": {}
                    }
                }
            }
        },
        "manager": "kubectl-create",
        "operation": "Update",
        "time": "2025-01-15T10:00:00Z"
    })"));

    c.advance(Duration::seconds(1));
    Json d = created.object;
    d["status"] = Json::parse(R"({
        "availableReplicas": 1,
        "conditions": [
            {"lastTransitionTime": "2025-01-15T10:00:01Z", "lastUpdateTime": "2025-01-15T10:00:01Z",
             "message": "Deployment has minimum availability.", "reason": "MinimumReplicasAvailable",
             "status": "True", "type": "Available"},
            {"lastTransitionTime": "2025-01-15T10:00:00Z", "lastUpdateTime": "2025-01-15T10:00:01Z",
             "message": "ReplicaSet \"hello-world-5457b44555\" has successfully progressed.",
             "reason": "NewReplicaSetAvailable", "status": "True", "type": "Progressing"}
        ],
        "observedGeneration": 1, "readyReplicas": 1, "replicas": 1, "updatedReplicas": 1
    })");
    ApiResponse updated = c.client("kube-controller-manager").updateStatus(d);
    REQUIRE(updated.ok());
    CHECK(managersOf(updated.object) == std::vector<std::string>{"kubectl-create", "kube-controller-manager/status"});
    CHECK(*entryOf(updated.object, "kubectl-create") == *createEntry);
    const std::optional<Json> statusEntry = entryOf(updated.object, "kube-controller-manager", "status");
    REQUIRE(statusEntry);
    const Json condition = Json::parse(R"({".": {}, "f:lastTransitionTime": {}, "f:lastUpdateTime": {}, "f:message": {},
                                           "f:reason": {}, "f:status": {}, "f:type": {}})");
    CHECK(*statusEntry == Json{{"apiVersion", "apps/v1"},
                               {"fieldsType", "FieldsV1"},
                               {"fieldsV1",
                                {{"f:status",
                                  {{"f:availableReplicas", Json::object()},
                                   {"f:conditions",
                                    {{".", Json::object()},
                                     {"k:{\"type\":\"Available\"}", condition},
                                     {"k:{\"type\":\"Progressing\"}", condition}}},
                                   {"f:observedGeneration", Json::object()},
                                   {"f:readyReplicas", Json::object()},
                                   {"f:replicas", Json::object()},
                                   {"f:updatedReplicas", Json::object()}}}}},
                               {"manager", "kube-controller-manager"},
                               {"operation", "Update"},
                               {"subresource", "status"},
                               {"time", "2025-01-15T10:00:01Z"}});
}

TEST_CASE("kubectl create of a configmap and a secret owns their keys with '.' on the new map", "[managedfields]") {
    // Golden: kubectl create configmap/secret outputs from real clusters.
    Cluster c;
    ApiResponse cm = c.client("kubectl-create").create(configMap("redis-conf", {{"redis.conf", "bind 0.0.0.0\n"}}));
    REQUIRE(cm.ok());
    CHECK(entryOf(cm.object, "kubectl-create")->at("fieldsV1") ==
          Json::parse(R"({"f:data": {".": {}, "f:redis.conf": {}}})"));

    Json secret = {{"apiVersion", "v1"},
                   {"kind", "Secret"},
                   {"metadata", {{"name", "basic-auth"}}},
                   {"type", "Opaque"},
                   {"data", {{"auth", "Z2RoYQ=="}}}};
    ApiResponse s = c.client("kubectl-create").create(secret);
    REQUIRE(s.ok());
    CHECK(entryOf(s.object, "kubectl-create")->at("fieldsV1") ==
          Json::parse(R"({"f:data": {".": {}, "f:auth": {}}, "f:type": {}})"));
}

TEST_CASE("list-map items are keyed by all their keys, defaulted protocol included", "[managedfields]") {
    Cluster c;
    Json pod = Json::parse(R"({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
        "spec": {"containers": [{"name": "nginx", "image": "nginx", "ports": [{"containerPort": 80}]}]}})");
    ApiResponse resp = c.client("kubectl-run").create(pod);
    REQUIRE(resp.ok());
    const Json container = entryOf(resp.object, "kubectl-run")->at("fieldsV1")["f:spec"]["f:containers"]["k:{\"name\":\"nginx\"}"];
    CHECK(container["f:ports"] == Json::parse(R"({".": {},
        "k:{\"containerPort\":80,\"protocol\":\"TCP\"}": {".": {}, "f:containerPort": {}, "f:protocol": {}}})"));
    // Fields that admission adds after the field manager ran (the service account token volume)
    // belong to nobody.
    CHECK_FALSE(entryOf(resp.object, "kubectl-run")->at("fieldsV1")["f:spec"].contains("f:volumes"));
}

TEST_CASE("an update gives the writer what it changed and takes it from the others", "[managedfields]") {
    Cluster c;
    Json d = c.client("kubectl-create").create(kubectlCreateDeployment()).object;
    c.advance(Duration::seconds(5));
    d["spec"]["replicas"] = 3;
    d["metadata"]["labels"]["tier"] = "web";
    ApiResponse resp = c.client("kubectl-edit").update(d);
    REQUIRE(resp.ok());
    CHECK(managersOf(resp.object) == std::vector<std::string>{"kubectl-create", "kubectl-edit"});
    const std::optional<Json> edit = entryOf(resp.object, "kubectl-edit");
    CHECK(edit->at("fieldsV1") == Json::parse(R"({"f:metadata": {"f:labels": {"f:tier": {}}}, "f:spec": {"f:replicas": {}}})"));
    CHECK(edit->at("time") == "2025-01-15T10:00:05Z");
    const Json create = entryOf(resp.object, "kubectl-create")->at("fieldsV1");
    CHECK_FALSE(create["f:spec"].contains("f:replicas"));
    CHECK(create["f:metadata"]["f:labels"] == Json::parse(R"({".": {}, "f:app": {}})"));
    CHECK(entryOf(resp.object, "kubectl-create")->at("time") == "2025-01-15T10:00:00Z");

    SECTION("a write that changes nothing moves no time") {
        c.advance(Duration::seconds(5));
        Json again = resp.object;
        again["metadata"]["labels"]["tier"] = "web";
        ApiResponse same = c.client("kubectl-edit").update(again);
        REQUIRE(same.ok());
        CHECK(entryOf(same.object, "kubectl-edit")->at("time") == "2025-01-15T10:00:05Z");
    }
    SECTION("entries sort by time, so the latest writer moves last") {
        c.advance(Duration::seconds(5));
        Json again = resp.object;
        again["spec"]["revisionHistoryLimit"] = 5;
        ApiResponse later = c.client("kubectl-create").update(again);
        REQUIRE(later.ok());
        CHECK(managersOf(later.object) == std::vector<std::string>{"kubectl-edit", "kubectl-create"});
    }
    SECTION("a manager whose fields are all taken disappears") {
        Json again = resp.object;
        again["spec"]["replicas"] = 4;
        again["metadata"]["labels"]["tier"] = "db";
        ApiResponse taken = c.client("kubectl-scale").update(again);
        REQUIRE(taken.ok());
        CHECK(managersOf(taken.object) == std::vector<std::string>{"kubectl-create", "kubectl-scale"});
    }
    SECTION("a removed field leaves every manager") {
        Json again = resp.object;
        again["metadata"]["labels"].erase("tier");
        again["spec"].erase("replicas");  // defaulted back to 1
        ApiResponse removed = c.client("kubectl-edit").update(again);
        REQUIRE(removed.ok());
        CHECK(managersOf(removed.object) == std::vector<std::string>{"kubectl-create", "kubectl-edit"});
        CHECK(entryOf(removed.object, "kubectl-edit")->at("fieldsV1") == Json::parse(R"({"f:spec": {"f:replicas": {}}})"));
    }
}

TEST_CASE("the main endpoint never owns status and /status never owns spec", "[managedfields]") {
    Cluster c;
    Json d = c.client("kubectl-create").create(kubectlCreateDeployment()).object;
    d["status"] = {{"replicas", 1}};
    d["spec"]["replicas"] = 2;
    ApiResponse viaStatus = c.client("kube-controller-manager").updateStatus(d);
    REQUIRE(viaStatus.ok());
    CHECK(entryOf(viaStatus.object, "kube-controller-manager", "status")->at("fieldsV1") ==
          Json::parse(R"({"f:status": {"f:replicas": {}}})"));
    Json d2 = viaStatus.object;
    d2["status"]["replicas"] = 7;
    d2["metadata"]["labels"]["x"] = "y";
    ApiResponse viaMain = c.client("kubectl-edit").update(d2);
    REQUIRE(viaMain.ok());
    CHECK(entryOf(viaMain.object, "kubectl-edit")->at("fieldsV1") == Json::parse(R"({"f:metadata": {"f:labels": {"f:x": {}}}})"));
}

TEST_CASE("an object created with managedFields keeps them as the starting point", "[managedfields]") {
    Cluster c;
    Json cm = configMap("imported", {{"a", "1"}, {"b", "2"}});
    cm["metadata"]["managedFields"] = Json::parse(R"([{"manager": "helm", "operation": "Update", "apiVersion": "v1",
        "time": "2024-01-01T00:00:00Z", "fieldsType": "FieldsV1", "fieldsV1": {"f:data": {"f:a": {}, "f:c": {}}}}])");
    ApiResponse resp = c.client("kubectl-create").create(cm);
    REQUIRE(resp.ok());
    // The creator wrote data.a, so it takes it; helm keeps data.c, which nobody touched.
    CHECK(managersOf(resp.object) == std::vector<std::string>{"helm", "kubectl-create"});
    CHECK(entryOf(resp.object, "helm")->at("fieldsV1") == Json::parse(R"({"f:data": {"f:c": {}}})"));
    CHECK(entryOf(resp.object, "helm")->at("time") == "2024-01-01T00:00:00Z");
    CHECK(entryOf(resp.object, "kubectl-create")->at("fieldsV1") ==
          Json::parse(R"({"f:data": {".": {}, "f:a": {}, "f:b": {}}})"));
}

TEST_CASE("more than ten update managers fold the oldest into ancient-changes", "[managedfields]") {
    Cluster c;
    Json cm = c.client("m00").create(configMap("busy", {{"k00", "v"}})).object;
    for (int i = 1; i <= 10; ++i) {
        c.advance(Duration::seconds(1));
        std::string n = (i < 10 ? "0" : "") + std::to_string(i);
        cm["data"]["k" + n] = "v";
        cm = c.client("m" + n).update(cm).object;
    }
    std::vector<std::string> managers = managersOf(cm);
    REQUIRE(managers.size() == 10);
    CHECK(managers.front() == "ancient-changes");
    CHECK(entryOf(cm, "ancient-changes")->at("fieldsV1") == Json::parse(R"({"f:data": {".": {}, "f:k00": {}, "f:k01": {}}})"));
    CHECK(entryOf(cm, "ancient-changes")->at("time") == "2025-01-15T10:00:01Z");
}

TEST_CASE("changing one field of a list item owns that field only; set items are owned by value",
          "[managedfields]") {
    Cluster c;
    Json d = c.client("kubectl-create").create(kubectlCreateDeployment()).object;
    d["spec"]["template"]["spec"]["containers"][0]["image"] = "gcr.io/google-samples/hello-app:2.0";
    ApiResponse setImage = c.client("kubectl-set").update(d);
    REQUIRE(setImage.ok());
    CHECK(entryOf(setImage.object, "kubectl-set")->at("fieldsV1") == Json::parse(R"({"f:spec": {"f:template": {"f:spec":
        {"f:containers": {"k:{\"name\":\"hello-app\"}": {"f:image": {}}}}}}})"));

    Json withFinalizer = setImage.object;
    withFinalizer["metadata"]["finalizers"] = Json::array({"example.com/cleanup"});
    ApiResponse fin = c.client("cleanup-controller").update(withFinalizer);
    REQUIRE(fin.ok());
    CHECK(entryOf(fin.object, "cleanup-controller")->at("fieldsV1") ==
          Json::parse(R"({"f:metadata": {"f:finalizers": {".": {}, "v:\"example.com/cleanup\"": {}}}})"));
}

TEST_CASE("creates of one shape record the fields each object sets, at each create's time", "[managedfields]") {
    // The create path reuses the field set of an earlier create of the same shape; it must give
    // what the field manager computes for each object on its own.
    auto event = [](const std::string& name, const std::string& instance, const Json& count) {
        return Json{{"apiVersion", "v1"},
                    {"kind", "Event"},
                    {"metadata", {{"name", name}, {"namespace", "default"}}},
                    {"involvedObject", {{"kind", "Pod"}, {"name", "web"}, {"namespace", "default"}}},
                    {"reason", "Pulled"},
                    {"message", "Container image \"nginx\" already present on machine"},
                    {"count", count},
                    {"eventTime", nullptr},
                    {"reportingComponent", "kubelet"},
                    {"reportingInstance", instance}};
    };
    const std::vector<Json> creates = {event("web.1", "minikube", 1),      event("web.2", "minikube-m02", 7),
                                       event("web.3", "", 1),              event("web.4", "minikube", 0),
                                       event("web.5", "minikube", nullptr), event("web.6", "", 1)};
    int64_t ms = 1'700'000'000'000;
    for (const Json& obj : creates) {
        ms += 1500;
        Json got = obj;
        updateManagedFields(got, nullptr, "kubelet", "Update", Time{ms});
        apply::FieldManager fm(apply::FieldManagerScope{"v1", "Event", "", {}}, Time{ms});
        CHECK(got == fm.update(nullptr, obj, "kubelet"));
    }
    Json withInstance = creates[0], withoutInstance = creates[2];
    updateManagedFields(withInstance, nullptr, "kubelet", "Update", Time{ms});
    updateManagedFields(withoutInstance, nullptr, "kubelet", "Update", Time{ms});
    CHECK(unpackJsonText(withInstance["metadata"]["managedFields"][0]["fieldsV1"]).contains("f:reportingInstance"));
    CHECK_FALSE(unpackJsonText(withoutInstance["metadata"]["managedFields"][0]["fieldsV1"]).contains("f:reportingInstance"));
}
