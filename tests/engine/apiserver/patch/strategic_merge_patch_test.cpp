// Strategic merge patch, apply side. Expected results were checked against kubectl v1.32
// (`kubectl patch --local --type strategic`, which runs the same apimachinery code as the
// apiserver).
#include <catch2/catch.hpp>

#include <algorithm>

#include "apiserver/patch/strategic_merge_patch.h"
#include "engine/apiserver/patch/patch_test_support.h"

using kp::Json;
using kp::test::json;
using kp::test::patchTestSchema;

namespace {

// A Deployment with three containers, env vars, ports, volumes, tolerations and finalizers.
Json deployment() {
    return json(R"({
      "apiVersion": "apps/v1", "kind": "Deployment",
      "metadata": {"name": "hello", "labels": {"app": "hello"}, "finalizers": ["a.io/x", "b.io/y"]},
      "spec": {
        "replicas": 2,
        "selector": {"matchLabels": {"app": "hello"}},
        "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}},
        "template": {
          "metadata": {"labels": {"app": "hello"}},
          "spec": {
            "containers": [
              {"name": "side", "image": "busybox", "args": ["sleep", "3600"]},
              {"name": "web", "image": "nginx:1.25",
               "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
               "ports": [{"containerPort": 80, "protocol": "TCP"}, {"containerPort": 443, "protocol": "TCP"}]},
              {"name": "log", "image": "fluentd"}
            ],
            "volumes": [{"name": "data", "emptyDir": {}}, {"name": "cfg", "configMap": {"name": "c1"}}],
            "tolerations": [{"key": "k1", "operator": "Exists"}],
            "nodeSelector": {"disk": "ssd"}
          }
        }
      }
    })");
}

Json patchDeployment(const Json& original, const char* patch) {
    kp::patch::PatchResult r = kp::patch::strategicMergePatch(original, json(patch), patchTestSchema().deployment());
    INFO(r.error.message);
    REQUIRE(r.ok());
    return r.value;
}

std::string applyError(const Json& original, const char* patch) {
    kp::patch::PatchResult r = kp::patch::strategicMergePatch(original, json(patch), patchTestSchema().deployment());
    REQUIRE_FALSE(r.ok());
    return r.error.message;
}

const Json& containers(const Json& d) { return d["spec"]["template"]["spec"]["containers"]; }

}  // namespace

TEST_CASE("kubectl set image changes one container and keeps the others in order", "[patch]") {
    Json out = patchDeployment(deployment(), R"({"spec":{"template":{"spec":{
        "$setElementOrder/containers":[{"name":"web"}],
        "containers":[{"image":"nginx:1.26","name":"web"}]}}}})");
    Json expected = deployment();
    expected["spec"]["template"]["spec"]["containers"][1]["image"] = "nginx:1.26";
    CHECK(out == expected);
}

TEST_CASE("kubectl rollout restart adds the restartedAt annotation to the pod template", "[patch]") {
    Json out = patchDeployment(deployment(), R"({"spec":{"template":{"metadata":{"annotations":{
        "kubectl.kubernetes.io/restartedAt":"2025-01-01T00:00:00Z"}}}}})");
    CHECK(out["spec"]["template"]["metadata"] ==
          json(R"({"annotations":{"kubectl.kubernetes.io/restartedAt":"2025-01-01T00:00:00Z"},"labels":{"app":"hello"}})"));
    CHECK(containers(out) == containers(deployment()));
}

TEST_CASE("a $patch: delete list element removes the container with that name", "[patch]") {
    Json out = patchDeployment(deployment(), R"({"spec":{"template":{"spec":{"containers":[{"name":"side","$patch":"delete"}]}}}})");
    REQUIRE(containers(out).size() == 2);
    CHECK(containers(out)[0]["name"] == "web");
    CHECK(containers(out)[1]["name"] == "log");
}

TEST_CASE("env vars merge by name: changed values replace, new names are appended", "[patch]") {
    Json out = patchDeployment(deployment(), R"({"spec":{"template":{"spec":{"containers":[
        {"name":"web","env":[{"name":"B","value":"20"},{"name":"C","value":"3"}]}]}}}})");
    CHECK(containers(out)[1]["env"] ==
          json(R"([{"name":"A","value":"1"},{"name":"B","value":"20"},{"name":"C","value":"3"}])"));
}

TEST_CASE("container ports merge by containerPort; new ports come first in patch order", "[patch]") {
    Json out = patchDeployment(deployment(), R"({"spec":{"template":{"spec":{"containers":[
        {"name":"web","ports":[{"containerPort":8080,"name":"alt"},{"containerPort":80,"name":"http"}]}]}}}})");
    CHECK(containers(out)[1]["ports"] == json(R"([
        {"containerPort":8080,"name":"alt"},
        {"containerPort":80,"name":"http","protocol":"TCP"},
        {"containerPort":443,"protocol":"TCP"}])"));
}

TEST_CASE("new list items without $setElementOrder go before the server's items", "[patch]") {
    Json out = patchDeployment(deployment(), R"({"spec":{"template":{"spec":{"containers":[
        {"name":"z","image":"z"},{"name":"a","image":"a"}]}}}})");
    std::vector<std::string> names;
    for (const Json& c : containers(out))
        names.push_back(c["name"]);
    CHECK(names == std::vector<std::string>{"z", "a", "side", "web", "log"});
}

TEST_CASE("$setElementOrder reorders a merge list", "[patch]") {
    SECTION("alone") {
        Json out = patchDeployment(deployment(), R"({"spec":{"template":{"spec":{
            "$setElementOrder/containers":[{"name":"log"},{"name":"web"},{"name":"side"}]}}}})");
        CHECK(containers(out)[0]["name"] == "log");
        CHECK(containers(out)[1]["name"] == "web");
        CHECK(containers(out)[2]["name"] == "side");
    }
    SECTION("with a change and a deletion, as kubectl apply sends them") {
        Json out = patchDeployment(deployment(), R"({"spec":{"template":{"spec":{
            "$setElementOrder/containers":[{"name":"log"},{"name":"web"}],
            "containers":[{"name":"web","image":"n2"},{"name":"side","$patch":"delete"}]}}}})");
        REQUIRE(containers(out).size() == 2);
        CHECK(containers(out)[0] == json(R"({"name":"log","image":"fluentd"})"));
        CHECK(containers(out)[1]["image"] == "n2");
    }
    SECTION("on a list of scalars") {
        Json out = patchDeployment(deployment(), R"({"metadata":{"$setElementOrder/finalizers":["b.io/y","a.io/x"]}})");
        CHECK(out["metadata"]["finalizers"] == json(R"(["b.io/y","a.io/x"])"));
    }
}

TEST_CASE("volumes merge by name and $retainKeys clears the old volume source", "[patch]") {
    Json out = patchDeployment(deployment(), R"({"spec":{"template":{"spec":{"volumes":[
        {"name":"data","$retainKeys":["name","configMap"],"configMap":{"name":"c9"}}]}}}})");
    CHECK(out["spec"]["template"]["spec"]["volumes"] ==
          json(R"([{"name":"data","configMap":{"name":"c9"}},{"name":"cfg","configMap":{"name":"c1"}}])"));
}

TEST_CASE("the deployment strategy with $retainKeys drops rollingUpdate", "[patch]") {
    Json out = patchDeployment(deployment(), R"({"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}})");
    CHECK(out["spec"]["strategy"] == json(R"({"type":"Recreate"})"));
}

TEST_CASE("without $retainKeys the deployment strategy merges like a map", "[patch]") {
    Json out = patchDeployment(deployment(), R"({"spec":{"strategy":{"type":"Recreate"}}})");
    CHECK(out["spec"]["strategy"] == json(R"({"type":"Recreate","rollingUpdate":{"maxSurge":1,"maxUnavailable":0}})"));
}

TEST_CASE("tolerations have no merge strategy: the patch list replaces the whole list", "[patch]") {
    Json out = patchDeployment(deployment(), R"({"spec":{"template":{"spec":{"tolerations":[
        {"key":"k2","operator":"Equal","value":"v"}]}}}})");
    CHECK(out["spec"]["template"]["spec"]["tolerations"] == json(R"([{"key":"k2","operator":"Equal","value":"v"}])"));
}

TEST_CASE("container args are replaced, not merged", "[patch]") {
    Json out = patchDeployment(deployment(), R"({"spec":{"template":{"spec":{"containers":[{"name":"side","args":["a"]}]}}}})");
    CHECK(containers(out)[0]["args"] == json(R"(["a"])"));
}

TEST_CASE("null deletes a field, and nulls inside new values are dropped", "[patch]") {
    Json out = patchDeployment(deployment(), R"({"spec":{"replicas":null,"paused":true,
        "template":{"spec":{"nodeSelector":{"disk":null,"zone":"a"},
                            "initContainers":[{"name":"init","image":"i","env":[{"name":"X","value":null}]}]}}}})");
    CHECK_FALSE(out["spec"].contains("replicas"));
    CHECK(out["spec"]["paused"] == true);
    CHECK(out["spec"]["template"]["spec"]["nodeSelector"] == json(R"({"zone":"a"})"));
    CHECK(out["spec"]["template"]["spec"]["initContainers"] == json(R"([{"name":"init","image":"i","env":[{"name":"X"}]}])"));
}

TEST_CASE("a list of scalars with the merge strategy is a set union", "[patch]") {
    Json out = patchDeployment(deployment(), R"({"metadata":{"finalizers":["b.io/y","d.io/w","a.io/x"]}})");
    CHECK(out["metadata"]["finalizers"] == json(R"(["b.io/y","d.io/w","a.io/x"])"));
}

TEST_CASE("$deleteFromPrimitiveList removes scalars from a merge list", "[patch]") {
    // Without $setElementOrder the resulting order depends on Go's map iteration order upstream;
    // only the members are certain.
    Json out = patchDeployment(deployment(), R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["a.io/x"],"finalizers":["c.io/z"]}})");
    CHECK(out["metadata"]["finalizers"].size() == 2);
    CHECK(std::count(out["metadata"]["finalizers"].begin(), out["metadata"]["finalizers"].end(), Json("a.io/x")) == 0);
    Json ordered = patchDeployment(deployment(), R"({"metadata":{"$setElementOrder/finalizers":["c.io/z","b.io/y"],
        "$deleteFromPrimitiveList/finalizers":["a.io/x"],"finalizers":["c.io/z"]}})");
    CHECK(ordered["metadata"]["finalizers"] == json(R"(["c.io/z","b.io/y"])"));
}

TEST_CASE("$patch: replace in a map replaces the map; in a list, the list", "[patch]") {
    SECTION("map") {
        Json out = patchDeployment(deployment(), R"({"spec":{"template":{"metadata":{"labels":{"$patch":"replace","new":"1"}}}}})");
        CHECK(out["spec"]["template"]["metadata"]["labels"] == json(R"({"new":"1"})"));
    }
    SECTION("pod spec") {
        Json out = patchDeployment(deployment(), R"({"spec":{"template":{"spec":{"$patch":"replace","containers":[{"name":"only","image":"x"}]}}}})");
        CHECK(out["spec"]["template"]["spec"] == json(R"({"containers":[{"name":"only","image":"x"}]})"));
    }
    SECTION("list") {
        Json out = patchDeployment(deployment(), R"({"spec":{"template":{"spec":{"containers":[{"name":"new","image":"x"},{"$patch":"replace"}]}}}})");
        CHECK(containers(out) == json(R"([{"name":"new","image":"x"}])"));
    }
    SECTION("whole object") {
        Json out = patchDeployment(deployment(), R"({"$patch":"replace","kind":"Deployment"})");
        CHECK(out == json(R"({"kind":"Deployment"})"));
    }
}

TEST_CASE("$patch: delete on a map leaves an empty map", "[patch]") {
    Json out = patchDeployment(deployment(), R"({"spec":{"strategy":{"$patch":"delete"}}})");
    CHECK(out["spec"]["strategy"] == Json::object());
}

TEST_CASE("a deleted list item can be added back in the same patch", "[patch]") {
    Json out = patchDeployment(deployment(), R"({"spec":{"template":{"spec":{"containers":[
        {"name":"web","$patch":"delete"},{"name":"web","image":"re-added"}]}}}})");
    CHECK(containers(out)[0] == json(R"({"name":"web","image":"re-added"})"));
    CHECK(containers(out).size() == 3);
}

TEST_CASE("without a schema, maps merge and lists are replaced", "[patch]") {
    Json original = json(R"({"spec":{"items":[{"name":"a","v":1},{"name":"b"}],"m":{"x":1,"y":2}}})");
    kp::patch::PatchResult r = kp::patch::strategicMergePatch(
        original, json(R"({"spec":{"items":[{"name":"a","v":2}],"m":{"y":null,"z":3}}})"), nullptr);
    REQUIRE(r.ok());
    CHECK(r.value == json(R"({"spec":{"items":[{"name":"a","v":2}],"m":{"x":1,"z":3}}})"));
}

TEST_CASE("strategic merge patch reports upstream's error texts", "[patch]") {
    Json d = deployment();
    CHECK(applyError(d, R"({"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}})") ==
          "map: map[image:x] does not contain declared merge key: name");
    CHECK(applyError(d, R"({"spec":{"template":{"spec":{"containers":[{"$patch":"merge","name":"web"}]}}}})") ==
          "merging lists cannot yet be specified in the patch");
    CHECK(applyError(d, R"({"spec":{"template":{"$patch":"merge"}}})") ==
          "unknown patch type: merge in map: map[$patch:merge]");
    CHECK(applyError(d, R"({"spec":{"template":{"spec":{"$patch":1}}}})") ==
          "unknown patch type: %!s(int64=1) in map: map[$patch:1]");
    CHECK(applyError(d, R"({"spec":{"template":{"spec":{"containers":[{"name":"web","$patch":2.5e10}]}}}})") ==
          "unknown patch type: %!s(float64=2.5e+10) in map: map[$patch:2.5e+10 name:web]");
    CHECK(applyError(d, R"({"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],
        "containers":[{"name":"side","image":"y"}]}}}})") ==
          "The order in patch list:\n[map[image:y name:side]]\n doesn't match $setElementOrder list:\n[map[name:web]]\n");
    CHECK(applyError(d, R"({"spec":{"template":{"spec":{"$setElementOrder/containers":{"name":"web"}}}}})") ==
          "expected a []interface {}, but received a map[string]interface {}");
    CHECK(applyError(d, R"({"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],"containers":null}}}})") ==
          "expected a []interface {}, but received a %!s(<nil>)");
    CHECK(applyError(d, R"({"spec":{"template":{"spec":{"$setElementOrder/containerz":[{"name":"web"}]}}}})") ==
          "unable to find api field in struct PodSpec for the json field \"containerz\"");
    CHECK(applyError(d, R"({"metadata":{"finalizers":[1,"a"]}})") ==
          "list element types are not identical: [[a.io/x b.io/y] [1 a]]");
    CHECK(applyError(d, R"({"spec":{"template":{"spec":{"containers":[["x"]]}}}})") ==
          "list element types are not identical: [[map[args:[sleep 3600] image:busybox name:side] "
          "map[env:[map[name:A value:1] map[name:B value:2]] image:nginx:1.25 name:web "
          "ports:[map[containerPort:80 protocol:TCP] map[containerPort:443 protocol:TCP]]] "
          "map[image:fluentd name:log]] [[x]]]");
    Json noFinalizers = d;
    noFinalizers["metadata"]["finalizers"] = Json::array();
    CHECK(applyError(noFinalizers, R"({"metadata":{"finalizers":[["x"]]}})") == "lists of lists are not supported");
}

TEST_CASE("malformed directives are the 400 sentinel errors", "[patch]") {
    using kp::patch::PatchErrorKind;
    struct Case {
        const char* patch;
        PatchErrorKind kind;
        const char* message;
    };
    const Case cases[] = {
        {R"({"metadata":{"$deleteFromPrimitiveList":["a"]}})", PatchErrorKind::BadPatchFormatForPrimitiveList,
         "invalid patch format of primitive list"},
        {R"({"metadata":{"$setElementOrderfinalizers":["x"]}})", PatchErrorKind::BadPatchFormatForSetElementOrderList,
         "invalid patch format of setElementOrder list"},
        {R"({"spec":{"template":{"spec":{"$retainKeys":"containers"}}}})", PatchErrorKind::BadPatchFormatForRetainKeys,
         "invalid patch format of retainKeys"},
        {R"({"spec":{"template":{"spec":{"$retainKeys":["containers"],"nodeSelector":{"a":"b"}}}}})",
         PatchErrorKind::BadPatchFormatForRetainKeys, "invalid patch format of retainKeys"},
    };
    for (const Case& c : cases) {
        kp::patch::PatchResult r = kp::patch::strategicMergePatch(deployment(), json(c.patch), patchTestSchema().deployment());
        INFO(c.patch);
        CHECK(r.error.kind == c.kind);
        CHECK(r.error.message == c.message);
    }
}

TEST_CASE("a null patch changes nothing", "[patch]") {
    kp::patch::PatchResult r = kp::patch::strategicMergePatch(deployment(), Json(), patchTestSchema().deployment());
    REQUIRE(r.ok());
    CHECK(r.value == deployment());
}
