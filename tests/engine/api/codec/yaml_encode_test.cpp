// Expected texts in testdata/ were printed by the real kubectl v1.32 (`kubectl label --local -f
// odd_strings.json foo=bar -o yaml`, `kubectl create ... --dry-run=client -o yaml`).
#include <catch2/catch.hpp>

#include "api/codec/json_decode.h"
#include "api/codec/yaml_encode.h"
#include "test_support.h"

using kp::Json;
using kp::codec::toYaml;
using kp::codec::toYamlText;

namespace {
std::string testdata(const std::string& name) {
    return kp::test::readFile(kp::test::sourcePath("tests/engine/api/codec/testdata/" + name));
}
Json parsed(const std::string& text) {
    auto r = kp::codec::parseJson(text);
    REQUIRE(r.ok());
    return r.value;
}
}  // namespace

TEST_CASE("prints odd strings, keys and numbers exactly as kubectl -o yaml", "[codec]") {
    Json object = parsed(testdata("odd_strings.json"));
    CHECK(toYamlText(object) == testdata("odd_strings.kubectl.yaml"));
}

TEST_CASE("prints a deployment and a configmap as kubectl create --dry-run=client -o yaml", "[codec]") {
    CHECK(toYamlText(parsed(testdata("deployment.kubectl.json"))) == testdata("deployment.kubectl.yaml"));
    CHECK(toYamlText(parsed(testdata("configmap.kubectl.json"))) == testdata("configmap.kubectl.yaml"));
}

TEST_CASE("quotes strings that would read back as another type", "[codec]") {
    Json o = {{"a", "1"}, {"b", "yes"}, {"c", "on"}, {"d", "null"}, {"e", ""}, {"f", "2024-01-02T10:00:00Z"},
              {"g", "12:30"}, {"h", "plain text"}, {"i", "- item"}, {"j", "a: b"}, {"k", " lead"}};
    CHECK(toYamlText(o) ==
          "a: \"1\"\nb: \"yes\"\nc: \"on\"\nd: \"null\"\ne: \"\"\nf: \"2024-01-02T10:00:00Z\"\ng: \"12:30\"\n"
          "h: plain text\ni: '- item'\nj: 'a: b'\nk: ' lead'\n");
}

TEST_CASE("does not indent sequences under their key and prints empty collections inline", "[codec]") {
    Json o = {{"spec", {{"containers", {{{"image", "nginx"}, {"name", "web"}, {"ports", {{{"containerPort", 80}}}}}}},
                        {"volumes", Json::array()}, {"nodeSelector", Json::object()}, {"x", nullptr}}}};
    CHECK(toYamlText(o) ==
          "spec:\n  containers:\n  - image: nginx\n    name: web\n    ports:\n    - containerPort: 80\n"
          "  nodeSelector: {}\n  volumes: []\n  x: null\n");
}

TEST_CASE("chooses the literal block chomping indicator from the trailing newlines", "[codec]") {
    CHECK(toYamlText(Json{{"a", "x\ny"}}) == "a: |-\n  x\n  y\n");
    CHECK(toYamlText(Json{{"a", "x\ny\n"}}) == "a: |\n  x\n  y\n");
    CHECK(toYamlText(Json{{"a", "x\n\n"}}) == "a: |+\n  x\n\n");
    CHECK(toYamlText(Json{{"a", " x\ny"}}) == "a: |2-\n   x\n  y\n");
    CHECK(toYamlText(Json{{"a", "x \ny"}}) == "a: \"x \\ny\"\n");
}

TEST_CASE("prints floats as Go does after the JSON round trip", "[codec]") {
    Json o = {{"l", {1.0, 1e6, 1e21, 1e-7, 0.5, 123456789.125, -0.0, 18446744073709551615ull}}};
    CHECK(toYamlText(o) == "l:\n- 1\n- 1000000\n- 1e+21\n- 1e-07\n- 0.5\n- 1.23456789125e+08\n- 0\n- 1.8446744073709552e+19\n");
}

TEST_CASE("fails like kubectl on characters go-yaml cannot read back", "[codec]") {
    kp::codec::YamlOutput y = toYaml(Json{{"a", "del\x7f"}});
    CHECK_FALSE(y.ok());
    CHECK(y.error == "yaml: control characters are not allowed");
}

TEST_CASE("orders keys the way go-yaml sorts them", "[codec]") {
    CHECK(kp::codec::yamlKeyLess("a2", "a10"));
    CHECK(kp::codec::yamlKeyLess("a1b", "a01"));
    CHECK(kp::codec::yamlKeyLess("_x", "0"));
    CHECK_FALSE(kp::codec::yamlKeyLess("b", "B"));
}

TEST_CASE("prints several objects as the v1 List kubectl builds", "[codec]") {
    Json list = kp::codec::kubectlList({Json{{"kind", "Pod"}, {"apiVersion", "v1"}, {"metadata", {{"name", "a"}}}}});
    CHECK(toYamlText(list) ==
          "apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\nkind: List\n"
          "metadata:\n  resourceVersion: \"\"\n");
    CHECK(toYamlText(kp::codec::kubectlList({})) ==
          "apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n");
}
