// JSON patch (RFC 6902) with evanphx/json-patch v4 semantics. Results and error texts were
// checked against kubectl v1.32 (`kubectl patch --local --type json`, same library).
#include <catch2/catch.hpp>

#include "apiserver/patch/json_patch.h"
#include "engine/apiserver/patch/patch_test_support.h"

using kp::Json;
using kp::test::json;

namespace {

Json configMap() {
    return json(R"({"apiVersion":"v1","kind":"ConfigMap",
        "metadata":{"name":"c","labels":{"a/b":"1","t~x":"2"}},
        "data":{"k":"v","n":"1"},"list":[1,2,3],"obj":{"x":null,"y":{"z":1}}})");
}

Json patched(const char* ops) {
    kp::patch::PatchResult r = kp::patch::applyJSONPatch(configMap(), json(ops));
    INFO(r.error.message);
    REQUIRE(r.ok());
    return r.value;
}

std::string failure(const char* ops) {
    kp::patch::PatchResult r = kp::patch::applyJSONPatch(configMap(), json(ops));
    REQUIRE_FALSE(r.ok());
    return r.error.message;
}

}  // namespace

TEST_CASE("json patch add sets object members and inserts into arrays", "[patch]") {
    CHECK(patched(R"([{"op":"add","path":"/data/new","value":"x"}])")["data"] == json(R"({"k":"v","n":"1","new":"x"})"));
    CHECK(patched(R"([{"op":"add","path":"/list/-","value":4}])")["list"] == json("[1,2,3,4]"));
    CHECK(patched(R"([{"op":"add","path":"/list/1","value":9}])")["list"] == json("[1,9,2,3]"));
    CHECK(patched(R"([{"op":"add","path":"/list/3","value":9}])")["list"] == json("[1,2,3,9]"));
    CHECK(patched(R"([{"op":"add","path":"/data/x"}])")["data"]["x"].is_null());
}

TEST_CASE("json patch accepts negative array indexes, as v4 does", "[patch]") {
    CHECK(patched(R"([{"op":"add","path":"/list/-1","value":9}])")["list"] == json("[1,2,3,9]"));
    CHECK(patched(R"([{"op":"add","path":"/list/-4","value":9}])")["list"] == json("[9,1,2,3]"));
    CHECK(patched(R"([{"op":"remove","path":"/list/-1"}])")["list"] == json("[1,2]"));
    CHECK(patched(R"([{"op":"replace","path":"/list/-1","value":"w"}])")["list"] == json(R"([1,2,"w"])"));
}

TEST_CASE("json pointer escapes: ~1 is a slash, ~0 a tilde", "[patch]") {
    CHECK(patched(R"([{"op":"add","path":"/metadata/labels/a~1b","value":"z"}])")["metadata"]["labels"]["a/b"] == "z");
    CHECK(patched(R"([{"op":"add","path":"/metadata/labels/t~0x","value":"z"}])")["metadata"]["labels"]["t~x"] == "z");
}

TEST_CASE("json patch remove, replace, move and copy", "[patch]") {
    CHECK(patched(R"([{"op":"remove","path":"/data/k"}])")["data"] == json(R"({"n":"1"})"));
    CHECK(patched(R"([{"op":"replace","path":"/data/k","value":"w"}])")["data"]["k"] == "w");
    CHECK(patched(R"([{"op":"move","from":"/data/k","path":"/data/k2"}])")["data"] == json(R"({"k2":"v","n":"1"})"));
    CHECK(patched(R"([{"op":"move","from":"/list/0","path":"/list/-"}])")["list"] == json("[2,3,1]"));
    CHECK(patched(R"([{"op":"copy","from":"/data/k","path":"/data/k3"}])")["data"] == json(R"({"k":"v","k3":"v","n":"1"})"));
}

TEST_CASE("v4 leniencies: replace adds a missing key, copy from a missing key copies null", "[patch]") {
    CHECK(patched(R"([{"op":"replace","path":"/data/missing","value":"w"}])")["data"]["missing"] == "w");
    CHECK(patched(R"([{"op":"copy","from":"/data/missing","path":"/data/k3"}])")["data"]["k3"].is_null());
    CHECK(patched(R"([{"op":"add","path":"data/zz","value":"z"}])")["zz"] == "z");
    CHECK(patched(R"([{"op":"add","path":"/","value":"z"}])")[""] == "z");
    CHECK(patched(R"([{"op":"add","path":"/list/+1","value":7}])")["list"] == json("[1,7,2,3]"));
}

TEST_CASE("replace of the whole document needs an object or array value", "[patch]") {
    CHECK(patched(R"([{"op":"replace","path":"","value":{"kind":"ConfigMap"}}])") == json(R"({"kind":"ConfigMap"})"));
    CHECK(patched(R"([{"op":"replace","path":"","value":5}])") == configMap());
}

TEST_CASE("json patch test passes on equal values and fails otherwise", "[patch]") {
    CHECK(patched(R"([{"op":"test","path":"/data/k","value":"v"}])") == configMap());
    CHECK(patched(R"([{"op":"test","path":"/data/missing","value":null}])") == configMap());
    CHECK(patched(R"([{"op":"test","path":"/obj/x","value":null}])") == configMap());
    CHECK(patched(R"([{"op":"test","path":"/obj","value":{"y":{"z":1},"x":null}}])") == configMap());
    CHECK(failure(R"([{"op":"test","path":"/data/k","value":"w"}])") == "testing value /data/k failed: test failed");
    CHECK(failure(R"([{"op":"test","path":"/data/missing","value":"x"}])") == "testing value /data/missing failed: test failed");
    CHECK(failure(R"([{"op":"test","path":"/data/k"}])") == "testing value /data/k failed: test failed");
}

TEST_CASE("a failing operation aborts the whole patch", "[patch]") {
    CHECK(failure(R"([{"op":"add","path":"/data/k","value":"1"},{"op":"remove","path":"/data/nope"}])") ==
          "error in remove for path: '/data/nope': Unable to remove nonexistent key: nope: missing value");
}

TEST_CASE("json patch reports the library's error texts", "[patch]") {
    CHECK(failure(R"([{"op":"add","path":"/list/4","value":9}])") ==
          "error in add for path: '/list/4': Unable to access invalid index: 4: invalid index referenced");
    CHECK(failure(R"([{"op":"add","path":"/list/-5","value":9}])") ==
          "error in add for path: '/list/-5': Unable to access invalid index: -5: invalid index referenced");
    CHECK(failure(R"([{"op":"add","path":"/list/x","value":9}])") ==
          "error in add for path: '/list/x': value was not a proper array index: 'x': strconv.Atoi: parsing \"x\": invalid syntax");
    CHECK(failure(R"([{"op":"add","path":"/list/99999999999999999999","value":7}])") ==
          "error in add for path: '/list/99999999999999999999': value was not a proper array index: "
          "'99999999999999999999': strconv.Atoi: parsing \"99999999999999999999\": value out of range");
    CHECK(failure(R"([{"op":"add","path":"/nope/x","value":9}])") ==
          "add operation does not apply: doc is missing path: \"/nope/x\": missing value");
    CHECK(failure(R"([{"op":"add","path":"/data/k/x","value":7}])") ==
          "add operation does not apply: doc is missing path: \"/data/k/x\": missing value");
    CHECK(failure(R"([{"op":"add","path":"","value":"z"}])") ==
          "add operation does not apply: doc is missing path: \"\": missing value");
    CHECK(failure(R"([{"op":"add","value":"z"}])") == "add operation failed to decode path: missing value");
    CHECK(failure(R"([{"op":"remove","path":"/list/5"}])") ==
          "error in remove for path: '/list/5': Unable to access invalid index: 5: invalid index referenced");
    CHECK(failure(R"([{"op":"remove","path":"/nope/x"}])") ==
          "remove operation does not apply: doc is missing path: \"/nope/x\": missing value");
    CHECK(failure(R"([{"op":"remove"}])") == "remove operation failed to decode path: missing value");
    CHECK(failure(R"([{"op":"replace","path":"/list/7","value":"w"}])") ==
          "replace operation does not apply: doc is missing key: /list/7: missing value");
    CHECK(failure(R"([{"op":"replace","path":"/nope/x","value":"w"}])") ==
          "replace operation does not apply: doc is missing path: /nope/x: missing value");
    CHECK(failure(R"([{"op":"replace","value":"w"}])") ==
          "replace operation failed to decode path: operation missing path field: missing value");
    CHECK(failure(R"([{"op":"move","from":"/data/missing","path":"/data/k2"}])") ==
          "error in move for path: 'missing': Unable to remove nonexistent key: missing: missing value");
    CHECK(failure(R"([{"op":"move","from":"/nope/x","path":"/data/k2"}])") ==
          "move operation does not apply: doc is missing from path: /nope/x: missing value");
    CHECK(failure(R"([{"op":"move","from":"/data/k","path":"/nope/k2"}])") ==
          "move operation does not apply: doc is missing destination path: /nope/k2: missing value");
    CHECK(failure(R"([{"op":"move","path":"/data/k2"}])") ==
          "move operation failed to decode from: operation, missing from field: missing value");
    CHECK(failure(R"([{"op":"move","from":"/data/k"}])") ==
          "move operation failed to decode path: operation missing path field: missing value");
    CHECK(failure(R"([{"op":"move","from":"/list/9","path":"/list/-"}])") ==
          "error in move for path: '9': Unable to access invalid index: 9: invalid index referenced");
    CHECK(failure(R"([{"op":"copy","from":"/list/9","path":"/data/k3"}])") ==
          "error in copy for from: '/list/9': Unable to access invalid index: 9: invalid index referenced");
    CHECK(failure(R"([{"op":"copy","from":"/data/k"}])") == "copy operation failed to decode path: missing value");
    CHECK(failure(R"([{"op":"copy","path":"/data/k"}])") ==
          "copy operation failed to decode from: operation, missing from field: missing value");
    CHECK(failure(R"([{"op":"copy","from":"/data","path":"/list/7"}])") ==
          "error while adding value during copy: Unable to access invalid index: 7: invalid index referenced");
    CHECK(failure(R"([{"op":"test","path":"/list/9","value":2}])") ==
          "error in test for path: '/list/9': Unable to access invalid index: 9: invalid index referenced");
    CHECK(failure(R"([{"op":"test","path":"/nope/x","value":2}])") ==
          "test operation does not apply: is missing path: /nope/x: missing value");
    CHECK(failure(R"([{"op":"bogus","path":"/data/k"}])") == "Unexpected kind: bogus");
    CHECK(failure(R"([{"path":"/data/k"}])") == "Unexpected kind: unknown");
}

TEST_CASE("copies are limited to 3 MiB per patch, like the apiserver's", "[patch]") {
    Json doc = json(R"({"big":""})");
    doc["big"] = std::string(2 * 1024 * 1024, 'x');
    Json ops = json(R"([{"op":"copy","from":"/big","path":"/a"},{"op":"copy","from":"/big","path":"/b"}])");
    kp::patch::PatchResult r = kp::patch::applyJSONPatch(doc, ops);
    CHECK(r.error.message == "Unable to complete the copy, the accumulated size increase of copy is 4194308, "
                             "exceeding the limit 3145728");
}
