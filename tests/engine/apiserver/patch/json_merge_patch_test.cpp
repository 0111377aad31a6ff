// JSON merge patch (RFC 7386, evanphx/json-patch v4) and kubectl apply's three-way JSON merge
// patch for objects without a schema. Checked against kubectl v1.32 (`kubectl patch --local
// --type merge`, and `kubectl apply` of a custom resource to a fake server).
#include <catch2/catch.hpp>

#include "apiserver/patch/json_merge_patch.h"
#include "engine/apiserver/patch/patch_test_support.h"

using kp::Json;
using kp::test::json;

namespace {

Json merged(const Json& doc, const char* patch) {
    kp::patch::PatchResult r = kp::patch::mergePatch(doc, json(patch));
    INFO(r.error.message);
    REQUIRE(r.ok());
    return r.value;
}

const Json kDoc = json(R"({"data":{"k":"v","n":"1"},"list":[1,2,3],"obj":{"x":null,"y":{"z":1}}})");

}  // namespace

TEST_CASE("merge patch: keys replace, null deletes, objects merge, lists are replaced", "[patch]") {
    CHECK(merged(kDoc, R"({"data":{"k":null,"z":"1"}})")["data"] == json(R"({"n":"1","z":"1"})"));
    CHECK(merged(kDoc, R"({"list":[9]})")["list"] == json("[9]"));
    CHECK(merged(kDoc, R"({"obj":{"y":{"z":null,"w":2},"x":{"a":null,"b":1}}})")["obj"] ==
          json(R"({"x":{"b":1},"y":{"w":2}})"));
    CHECK(merged(json(R"({"metadata":{"labels":{"a":"1"},"name":"c"}})"), R"({"metadata":{"labels":null}})") ==
          json(R"({"metadata":{"name":"c"}})"));
}

TEST_CASE("merge patch drops nulls inside new objects but keeps nulls inside lists", "[patch]") {
    CHECK(merged(kDoc, R"({"data":{"k":{"a":null,"b":{"c":null}}}})")["data"]["k"] == json(R"({"b":{}})"));
    CHECK(merged(kDoc, R"({"list":[1,null,{"a":null,"b":1}]})")["list"] == json(R"([1,null,{"b":1}])"));
    // Replacing an object with a list keeps the list as sent (v4 prunes only when merging into a non-object).
    CHECK(merged(kDoc, R"({"obj":[{"a":null}]})")["obj"] == json(R"([{"a":null}])"));
}

TEST_CASE("kubectl scale and label send merge patches", "[patch]") {
    Json d = json(R"({"metadata":{"name":"hello","labels":{"app":"hello"}},"spec":{"replicas":1}})");
    CHECK(merged(d, R"({"spec":{"replicas":3}})")["spec"]["replicas"] == 3);
    CHECK(merged(d, R"({"metadata":{"labels":{"tier":"frontend"}}})")["metadata"]["labels"] ==
          json(R"({"app":"hello","tier":"frontend"})"));
}

TEST_CASE("a null merge patch is an invalid JSON patch", "[patch]") {
    kp::patch::PatchResult r = kp::patch::mergePatch(kDoc, Json());
    CHECK(r.error.message == "Invalid JSON Patch");
    CHECK(kp::patch::mergePatch(kDoc, json("5")).error.message == "Invalid JSON Patch");
    CHECK(kp::patch::mergePatch(Json(), json("{}")).error.message == "Invalid JSON Document");
}

TEST_CASE("createMergePatch lists changes, additions and nulls for removed keys", "[patch]") {
    Json original = json(R"({"a":1,"b":{"c":2,"d":3},"l":[1,2],"gone":true,"same":{"x":1}})");
    Json modified = json(R"({"a":1.0,"b":{"c":2},"l":[2,1],"new":{},"same":{"x":1}})");
    CHECK(kp::patch::createMergePatch(original, modified) ==
          json(R"({"b":{"d":null},"gone":null,"l":[2,1],"new":{}})"));
}

TEST_CASE("three-way JSON merge patch for a custom resource", "[patch]") {
    Json v1 = json(R"({"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},
        "spec":{"size":1,"items":[1,2],"nested":{"a":1,"b":{"c":2}},"gone":"x"}})");
    Json v2 = json(R"({"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},
        "spec":{"size":2,"items":[1,2],"nested":{"a":1,"b":{}},"new":{}}})");
    Json current = v1;
    current["spec"]["serverSet"] = "s";
    current["status"] = json(R"({"ok":true})");

    SECTION("changes, deletions and explicit empty objects; server fields kept") {
        kp::patch::PatchResult r = kp::patch::createThreeWayJSONMergePatch(v1, v2, current, true);
        REQUIRE(r.ok());
        CHECK(r.value == json(R"({"spec":{"gone":null,"nested":{"b":{"c":null}},"new":{},"size":2}})"));
    }
    SECTION("the same manifest gives an empty patch") {
        kp::patch::PatchResult r = kp::patch::createThreeWayJSONMergePatch(v1, v1, current, true);
        REQUIRE(r.ok());
        CHECK(r.value == Json::object());
    }
    SECTION("lists are sent whole and a null in the manifest deletes") {
        Json v3 = v1;
        v3["spec"]["items"] = json("[2,1]");
        v3["spec"]["nested"]["b"] = nullptr;
        kp::patch::PatchResult r = kp::patch::createThreeWayJSONMergePatch(v1, v3, current, true);
        REQUIRE(r.ok());
        CHECK(r.value == json(R"({"spec":{"items":[2,1],"nested":{"b":null}}})"));
    }
    SECTION("renaming the object fails kubectl's precondition") {
        Json renamed = v1;
        renamed["metadata"]["name"] = "w2";
        kp::patch::PatchResult r = kp::patch::createThreeWayJSONMergePatch(v1, renamed, current, true);
        CHECK(r.error.kind == kp::patch::PatchErrorKind::PreconditionFailed);
        CHECK(r.error.message == "precondition failed for: map[metadata:map[name:w2]]");
    }
}
