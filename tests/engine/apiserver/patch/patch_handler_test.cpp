// The Status the apiserver answers for each kind of PATCH failure (handlers/patch.go).
#include <catch2/catch.hpp>

#include "apiserver/patch/patch_handler.h"
#include "engine/apiserver/patch/patch_test_support.h"

using kp::Json;
using kp::test::json;
using kp::test::patchTestSchema;

namespace {

const Json kPod = json(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","labels":{"app":"web"}},
    "spec":{"containers":[{"name":"web","image":"nginx"}]}})");

}  // namespace

TEST_CASE("a failing JSON patch operation is a generic 422 that hides the library's text", "[patch]") {
    kp::patch::PatchResponse r =
        kp::patch::applyJSONPatchRequest(kPod, json(R"([{"op":"remove","path":"/metadata/labels/x"}])"));
    CHECK(r.status.code() == 422);
    CHECK(r.status.reason() == "Invalid");
    CHECK(r.status.message() == "the server rejected our request due to an error in our request");
    CHECK(r.status.toJson()["details"] == Json::object());
    CHECK(r.detail == "error in remove for path: '/metadata/labels/x': Unable to remove nonexistent key: x: missing value");
}

TEST_CASE("a JSON patch body that is not a list of operations is a 400", "[patch]") {
    kp::patch::PatchResponse r = kp::patch::applyJSONPatchRequest(kPod, json(R"({"op":"add"})"));
    CHECK(r.status.code() == 400);
    CHECK(r.status.reason() == "BadRequest");
    CHECK(r.status.message() ==
          "error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp");
    CHECK(kp::patch::applyJSONPatchRequest(kPod, json(R"([{"op":"add","path":5}])")).status.message() ==
          "error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.path of type string");
    CHECK(kp::patch::applyJSONPatchRequest(kPod, json(R"(["add"])")).status.message() ==
          "error decoding patch: json: cannot unmarshal string into Go value of type handlers.jsonPatchOp");
}

TEST_CASE("more than 10000 JSON patch operations is a 413", "[patch]") {
    Json ops = Json::array();
    for (int i = 0; i < 10001; ++i)
        ops.push_back(json(R"({"op":"test","path":"/kind","value":"Pod"})"));
    kp::patch::PatchResponse r = kp::patch::applyJSONPatchRequest(kPod, ops);
    CHECK(r.status.code() == 413);
    CHECK(r.status.reason() == "RequestEntityTooLarge");
    CHECK(r.status.message() ==
          "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001");
}

TEST_CASE("kubectl rollout undo's JSON patch replaces the template", "[patch]") {
    kp::patch::PatchResponse r = kp::patch::applyJSONPatchRequest(kPod, json(R"([
        {"op":"replace","path":"/spec","value":{"containers":[{"name":"web","image":"nginx:1.25"}]}},
        {"op":"replace","path":"/metadata/labels","value":{"app":"web","rev":"1"}}])"));
    REQUIRE(r.ok());
    CHECK(r.object["spec"]["containers"][0]["image"] == "nginx:1.25");
    CHECK(r.object["metadata"]["labels"] == json(R"({"app":"web","rev":"1"})"));
}

TEST_CASE("merge patch bodies must be objects", "[patch]") {
    kp::patch::PatchResponse r = kp::patch::applyMergePatchRequest(kPod, json("[1]"));
    CHECK(r.status.code() == 400);
    CHECK(r.status.message() ==
          "error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}");
    kp::patch::PatchResponse null = kp::patch::applyMergePatchRequest(kPod, Json());
    CHECK(null.status.code() == 400);
    CHECK(null.status.message() == "Invalid JSON Patch");
    kp::patch::PatchResponse ok = kp::patch::applyMergePatchRequest(kPod, json(R"({"metadata":{"labels":{"tier":"fe"}}})"));
    REQUIRE(ok.ok());
    CHECK(ok.object["metadata"]["labels"] == json(R"({"app":"web","tier":"fe"})"));
}

TEST_CASE("strategic merge patch failures map to 400 or 500", "[patch]") {
    const kp::schema::StructDef* pod = patchTestSchema().pod();

    kp::patch::PatchResponse notObject = kp::patch::applyStrategicMergePatchRequest(kPod, json(R"("x")"), pod);
    CHECK(notObject.status.code() == 400);
    CHECK(notObject.status.message() == "json: cannot unmarshal string into Go value of type map[string]interface {}");

    kp::patch::PatchResponse badRetain =
        kp::patch::applyStrategicMergePatchRequest(kPod, json(R"({"spec":{"$retainKeys":"containers"}})"), pod);
    CHECK(badRetain.status.code() == 400);
    CHECK(badRetain.status.reason() == "BadRequest");
    CHECK(badRetain.status.message() == "invalid patch format of retainKeys");

    kp::patch::PatchResponse noKey =
        kp::patch::applyStrategicMergePatchRequest(kPod, json(R"({"spec":{"containers":[{"image":"x"}]}})"), pod);
    CHECK(noKey.status.code() == 500);
    CHECK(noKey.status.reason().empty());
    CHECK(noKey.status.message() == "map: map[image:x] does not contain declared merge key: name");

    Json withFinalizers = kPod;
    withFinalizers["metadata"]["finalizers"] = Json::array();
    kp::patch::PatchResponse lists =
        kp::patch::applyStrategicMergePatchRequest(withFinalizers, json(R"({"metadata":{"finalizers":[["x"]]}})"), pod);
    CHECK(lists.status.code() == 422);
    CHECK(lists.status.message() == "the server rejected our request due to an error in our request");
    CHECK(lists.detail == "lists of lists are not supported");
}

TEST_CASE("a strategic merge patch request applies the patch", "[patch]") {
    kp::patch::PatchResponse r = kp::patch::applyStrategicMergePatchRequest(
        kPod, json(R"({"spec":{"containers":[{"name":"side","image":"busybox"}]}})"), patchTestSchema().pod());
    REQUIRE(r.ok());
    CHECK(r.object["spec"]["containers"] == json(R"([{"name":"side","image":"busybox"},{"name":"web","image":"nginx"}])"));
}
