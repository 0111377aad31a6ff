// Strategic merge patch, create side, as client-side `kubectl apply` computes it. Expected
// patches were checked against kubectl v1.32 applying the same manifests to a fake server.
#include <catch2/catch.hpp>

#include "apiserver/patch/strategic_merge_patch.h"
#include "apiserver/patch/three_way_merge.h"
#include "engine/apiserver/patch/patch_test_support.h"

using kp::Json;
using kp::test::json;
using kp::test::patchTestSchema;

namespace {

// A manifest as kubectl apply reads it.
Json manifest(const char* containers, const char* extraSpec = "") {
    std::string text = std::string(R"({"apiVersion":"apps/v1","kind":"Deployment",
        "metadata":{"name":"hello","namespace":"default"},
        "spec":{)") + extraSpec + R"("replicas":2,"selector":{"matchLabels":{"app":"hello"}},
        "template":{"metadata":{"labels":{"app":"hello"}},"spec":{"containers":)" + containers + "}}}}";
    return Json::parse(text);
}

// The live object: the manifest plus what the server and controllers added.
Json live(Json m) {
    m["metadata"]["uid"] = "0b5c";
    m["metadata"]["resourceVersion"] = "7";
    m["status"] = json(R"({"replicas":2})");
    for (Json& c : m["spec"]["template"]["spec"]["containers"])
        c["imagePullPolicy"] = "IfNotPresent";
    return m;
}

Json threeWay(const Json& original, const Json& modified, const Json& current,
              const kp::schema::StructDef* def = patchTestSchema().deployment()) {
    kp::patch::PatchResult r = kp::patch::createThreeWayMergePatch(original, modified, current, def);
    INFO(r.error.message);
    REQUIRE(r.ok());
    return r.value;
}

const char* kWebAndSide = R"([
    {"name":"web","image":"nginx:1.25","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
     "ports":[{"containerPort":80}]},
    {"name":"side","image":"busybox"}])";

}  // namespace

TEST_CASE("applying the same manifest again gives an empty patch (kubectl prints unchanged)", "[patch]") {
    Json m = manifest(kWebAndSide);
    CHECK(threeWay(m, m, live(m)) == Json::object());
}

TEST_CASE("fields added by the server or controllers are kept", "[patch]") {
    Json v1 = manifest(kWebAndSide);
    Json v2 = manifest(R"([{"name":"web","image":"nginx:1.26","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
        "ports":[{"containerPort":80}]},{"name":"side","image":"busybox"}])");
    Json patch = threeWay(v1, v2, live(v1));
    CHECK(patch == json(R"({"spec":{"template":{"spec":{
        "$setElementOrder/containers":[{"name":"web"},{"name":"side"}],
        "containers":[{"image":"nginx:1.26","name":"web"}]}}}})"));
    // Applying it keeps imagePullPolicy, uid and status.
    kp::patch::PatchResult applied = kp::patch::strategicMergePatch(live(v1), patch, patchTestSchema().deployment());
    REQUIRE(applied.ok());
    CHECK(applied.value == live(v2));
}

TEST_CASE("a manifest change removing a container, an env var and adding a port", "[patch]") {
    Json v1 = manifest(kWebAndSide);
    Json v2 = manifest(R"([{"name":"web","image":"nginx:1.26","env":[{"name":"A","value":"1"}],
        "ports":[{"containerPort":80},{"containerPort":443}]}])");
    CHECK(threeWay(v1, v2, live(v1)) == json(R"({"spec":{"template":{"spec":{
        "$setElementOrder/containers":[{"name":"web"}],
        "containers":[
          {"$setElementOrder/env":[{"name":"A"}],
           "$setElementOrder/ports":[{"containerPort":80},{"containerPort":443}],
           "env":[{"$patch":"delete","name":"B"}],
           "image":"nginx:1.26","name":"web",
           "ports":[{"containerPort":443}]},
          {"$patch":"delete","name":"side"}]}}}})"));
}

TEST_CASE("a field removed from the manifest is deleted even if a controller changed it", "[patch]") {
    Json v1 = manifest(kWebAndSide);
    Json v2 = v1;
    v2["spec"].erase("replicas");
    Json current = live(v1);
    current["spec"]["replicas"] = 5;
    CHECK(threeWay(v1, v2, current) == json(R"({"spec":{"replicas":null}})"));
}

TEST_CASE("fields and list items that were never in the manifest are not deleted", "[patch]") {
    Json v1 = manifest(kWebAndSide);
    Json current = live(v1);
    current["spec"]["template"]["metadata"]["annotations"] = json(R"({"sidecar":"yes"})");
    CHECK(threeWay(v1, v1, current) == Json::object());

    // An injected container is kept, but the live list no longer has the manifest's order, so
    // kubectl sends $setElementOrder (and prints "configured") on every apply.
    current["spec"]["template"]["spec"]["containers"].push_back(json(R"({"name":"injected","image":"envoy"})"));
    Json patch = threeWay(v1, v1, current);
    CHECK(patch == json(R"({"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"side"}]}}}})"));
    kp::patch::PatchResult applied = kp::patch::strategicMergePatch(current, patch, patchTestSchema().deployment());
    REQUIRE(applied.ok());
    CHECK(applied.value["spec"]["template"]["spec"]["containers"][2]["name"] == "injected");
}

TEST_CASE("a label removed from the manifest becomes null", "[patch]") {
    Json v1 = manifest(kWebAndSide);
    v1["spec"]["template"]["metadata"]["labels"]["tier"] = "fe";
    Json v2 = manifest(kWebAndSide);
    CHECK(threeWay(v1, v2, live(v1)) == json(R"({"spec":{"template":{"metadata":{"labels":{"tier":null}}}}})"));
}

TEST_CASE("reordering containers sends only $setElementOrder", "[patch]") {
    Json v1 = manifest(kWebAndSide);
    Json v2 = manifest(R"([{"name":"side","image":"busybox"},
        {"name":"web","image":"nginx:1.25","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80}]}])");
    CHECK(threeWay(v1, v2, live(v1)) ==
          json(R"({"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"side"},{"name":"web"}]}}}})"));
}

TEST_CASE("changing the deployment strategy sends $retainKeys", "[patch]") {
    Json v1 = manifest(kWebAndSide, R"("strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}},)");
    Json v2 = manifest(kWebAndSide, R"("strategy":{"type":"Recreate"},)");
    Json current = live(v1);
    current["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] = "25%";
    CHECK(threeWay(v1, v2, current) ==
          json(R"({"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"}}})"));

    SECTION("also when the strategy was only defaulted by the server") {
        Json plain = manifest(kWebAndSide);
        Json defaulted = live(plain);
        defaulted["spec"]["strategy"] = json(R"({"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}})");
        CHECK(threeWay(plain, v2, defaulted) == json(R"({"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}})"));
    }
}

TEST_CASE("changing a volume's source sends $retainKeys in the list item", "[patch]") {
    Json v1 = manifest(kWebAndSide);
    v1["spec"]["template"]["spec"]["volumes"] = json(R"([{"name":"data","emptyDir":{}},{"name":"cfg","configMap":{"name":"c1"}}])");
    Json v2 = v1;
    v2["spec"]["template"]["spec"]["volumes"][0] = json(R"({"name":"data","configMap":{"name":"c2"}})");
    CHECK(threeWay(v1, v2, live(v1)) == json(R"({"spec":{"template":{"spec":{
        "$setElementOrder/volumes":[{"name":"data"},{"name":"cfg"}],
        "volumes":[{"$retainKeys":["configMap","name"],"configMap":{"name":"c2"},"emptyDir":null,"name":"data"}]}}}})"));
}

TEST_CASE("finalizers: added and removed scalars use $deleteFromPrimitiveList", "[patch]") {
    Json v1 = manifest(kWebAndSide);
    v1["metadata"]["finalizers"] = json(R"(["a.io/x","b.io/y"])");
    Json v2 = manifest(kWebAndSide);
    v2["metadata"]["finalizers"] = json(R"(["b.io/y","c.io/z"])");
    CHECK(threeWay(v1, v2, live(v1)) == json(R"({"metadata":{
        "$deleteFromPrimitiveList/finalizers":["a.io/x"],
        "$setElementOrder/finalizers":["b.io/y","c.io/z"],
        "finalizers":["c.io/z"]}})"));
}

TEST_CASE("an unchanged but unsorted scalar merge list still sends $setElementOrder, as upstream does", "[patch]") {
    // Upstream sorts the original list in place before comparing it with the manifest's, so
    // finalizers not in sorted order never compare equal: kubectl says "configured" every time.
    Json v1 = manifest(kWebAndSide);
    v1["metadata"]["finalizers"] = json(R"(["z.io/x","a.io/y"])");
    CHECK(threeWay(v1, v1, live(v1)) == json(R"({"metadata":{"$setElementOrder/finalizers":["z.io/x","a.io/y"]}})"));
}

TEST_CASE("tolerations are replaced whole", "[patch]") {
    Json v1 = manifest(kWebAndSide);
    v1["spec"]["template"]["spec"]["tolerations"] = json(R"([{"key":"k1","operator":"Exists","effect":"NoSchedule"}])");
    Json v2 = v1;
    v2["spec"]["template"]["spec"]["tolerations"].push_back(json(R"({"key":"k2","operator":"Equal","value":"v","effect":"NoExecute"})"));
    CHECK(threeWay(v1, v2, live(v1)) ==
          json(R"({"spec":{"template":{"spec":{"tolerations":[
              {"effect":"NoSchedule","key":"k1","operator":"Exists"},
              {"effect":"NoExecute","key":"k2","operator":"Equal","value":"v"}]}}}})"));
}

TEST_CASE("without a last-applied configuration nothing is deleted", "[patch]") {
    Json current = live(manifest(kWebAndSide));
    Json v2 = manifest(R"([{"name":"web","image":"nginx:1.26","env":[{"name":"A","value":"1"}],
        "ports":[{"containerPort":80},{"containerPort":443}]}])");
    CHECK(threeWay(Json(), v2, current) == json(R"({"spec":{"template":{"spec":{
        "$setElementOrder/containers":[{"name":"web"}],
        "containers":[{"$setElementOrder/env":[{"name":"A"}],
                       "$setElementOrder/ports":[{"containerPort":80},{"containerPort":443}],
                       "image":"nginx:1.26","name":"web","ports":[{"containerPort":443}]}]}}}})"));
}

TEST_CASE("env vars reordered and added in a container", "[patch]") {
    Json v1 = manifest(kWebAndSide);
    Json v2 = v1;
    v2["spec"]["template"]["spec"]["containers"][0]["env"] =
        json(R"([{"name":"C","value":"3"},{"name":"B","value":"2"},{"name":"A","value":"1"}])");
    CHECK(threeWay(v1, v2, live(v1)) == json(R"({"spec":{"template":{"spec":{
        "$setElementOrder/containers":[{"name":"web"},{"name":"side"}],
        "containers":[{"$setElementOrder/env":[{"name":"C"},{"name":"B"},{"name":"A"}],
                       "env":[{"name":"C","value":"3"}],"name":"web"}]}}}})"));
}

TEST_CASE("service ports merge by port", "[patch]") {
    Json v1 = json(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},
        "spec":{"type":"NodePort","selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":8080,"protocol":"TCP"}]}})");
    Json current = v1;
    current["spec"]["clusterIP"] = "10.96.0.10";
    current["spec"]["ports"][0]["nodePort"] = 30080;
    Json v2 = v1;
    v2["spec"]["ports"].push_back(json(R"({"name":"https","port":443,"targetPort":8443,"protocol":"TCP"})"));
    CHECK(threeWay(v1, v2, current, patchTestSchema().service()) == json(R"({"spec":{
        "$setElementOrder/ports":[{"port":80},{"port":443}],
        "ports":[{"name":"https","port":443,"protocol":"TCP","targetPort":8443}]}})"));

    Json v3 = v1;
    v3["spec"].erase("type");
    CHECK(threeWay(v1, v3, current, patchTestSchema().service()) == json(R"({"spec":{"type":null}})"));
}

TEST_CASE("a two-way patch includes deletions and $setElementOrder", "[patch]") {
    Json v1 = manifest(kWebAndSide);
    Json v2 = manifest(R"([{"name":"side","image":"busybox:1.36"}])");
    v2["spec"].erase("replicas");
    kp::patch::PatchResult r = kp::patch::createTwoWayMergePatch(v1, v2, patchTestSchema().deployment());
    REQUIRE(r.ok());
    CHECK(r.value == json(R"({"spec":{"replicas":null,"template":{"spec":{
        "$setElementOrder/containers":[{"name":"side"}],
        "containers":[{"image":"busybox:1.36","name":"side"},{"$patch":"delete","name":"web"}]}}}})"));
}

TEST_CASE("with overwrite off, a change that conflicts with the live object is refused", "[patch]") {
    Json v1 = manifest(kWebAndSide);
    Json v2 = v1;
    v2["spec"]["replicas"] = 3;
    Json current = live(v1);
    current["spec"]["replicas"] = 5;
    kp::patch::PatchResult r =
        kp::patch::createThreeWayMergePatch(v1, v2, current, patchTestSchema().deployment(), false);
    CHECK(r.error.kind == kp::patch::PatchErrorKind::Conflict);
    CHECK(r.error.message.rfind("patch:\n", 0) == 0);

    current["spec"]["replicas"] = 2;
    CHECK(kp::patch::createThreeWayMergePatch(v1, v2, current, patchTestSchema().deployment(), false).ok());
}

TEST_CASE("documents that are not objects are invalid JSON documents", "[patch]") {
    kp::patch::PatchResult r = kp::patch::createThreeWayMergePatch(json("[]"), Json::object(), Json::object(), nullptr);
    CHECK(r.error.kind == kp::patch::PatchErrorKind::BadJSONDoc);
    CHECK(r.error.message == "invalid JSON document");
}
