#include <catch2/catch.hpp>

#include "apiserver/apply/field_set.h"
#include "apiserver/apply/typed.h"
#include "base/json_text.h"

using namespace kp;
using namespace kp::apply;

namespace {

FieldSet parse(const char* fieldsV1) {
    FieldSet s;
    REQUIRE(FieldSet::fromFieldsV1(Json::parse(fieldsV1), s));
    return s;
}

Path path(std::initializer_list<PathElement> pes) { return Path(pes); }

}  // namespace

TEST_CASE("FieldsV1 marks a node that is both a member and a parent with '.'", "[apply]") {
    FieldSet s = parse(R"({"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{}}})");
    auto f = PathElement::field;
    CHECK(s.has(path({f("metadata"), f("labels")})));
    CHECK(s.has(path({f("metadata"), f("labels"), f("app")})));
    CHECK_FALSE(s.has(path({f("metadata")})));  // a parent only
    CHECK(s.has(path({f("spec"), f("replicas")})));
    CHECK(s.toFieldsV1() == Json::parse(R"({"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{}}})"));
}

TEST_CASE("paths print as conflict messages print them", "[apply]") {
    FieldSet s = parse(R"({"f:spec":{"f:template":{"f:spec":{"f:containers":{
        "k:{\"name\":\"nginx\"}":{"f:image":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{}}}}}},
        "f:replicas":{}},"f:metadata":{"f:finalizers":{"v:\"a/b\"":{}}}})");
    // Members of a node come before its children: .spec.replicas before .spec.template...
    CHECK(s.toString() ==
          ".metadata.finalizers[=\"a/b\"]\n"
          ".spec.replicas\n"
          ".spec.template.spec.containers[name=\"nginx\"].image\n"
          ".spec.template.spec.containers[name=\"nginx\"].ports[containerPort=80,protocol=\"TCP\"]");
}

TEST_CASE("difference keeps the children of a removed member; recursiveDifference does not", "[apply]") {
    FieldSet s = parse(R"({"f:status":{".":{},"f:replicas":{}},"f:spec":{"f:replicas":{}}})");
    FieldSet status;
    status.insert({PathElement::field("status")});
    CHECK(s.difference(status).toFieldsV1() == Json::parse(R"({"f:status":{"f:replicas":{}},"f:spec":{"f:replicas":{}}})"));
    CHECK(s.recursiveDifference(status).toFieldsV1() == Json::parse(R"({"f:spec":{"f:replicas":{}}})"));
}

TEST_CASE("unknown element kinds in FieldsV1 are skipped, broken ones refused", "[apply]") {
    FieldSet s = parse(R"({"f:a":{},"z:future":{}})");
    CHECK(s.toFieldsV1() == Json::parse(R"({"f:a":{}})"));
    FieldSet broken;
    CHECK_FALSE(FieldSet::fromFieldsV1(Json::parse(R"({"k:not json":{}})"), broken));
}

TEST_CASE("list-map keys sort by value, not by their text", "[apply]") {
    PathElement p9 = PathElement::keyed({{"port", 9}});
    PathElement p10 = PathElement::keyed({{"port", 10}});
    CHECK(p9 < p10);
    CHECK(p10.serialize() == "k:{\"port\":10}");
    CHECK(PathElement::keyed({{"protocol", "TCP"}, {"containerPort", 80}}).serialize() ==
          "k:{\"containerPort\":80,\"protocol\":\"TCP\"}");
    CHECK(PathElement::setValue("<x>").serialize() == "v:\"\\u003cx\\u003e\"");
}

namespace {

// A packed fieldsV1 holding exactly `text` (packAsJsonText would print it compactly).
Json packedText(const std::string& text) {
    return Json::binary(Json::binary_t::container_type(text.begin(), text.end()), kJsonTextSubtype);
}

}  // namespace

TEST_CASE("packed FieldsV1 text reads as the same set as its tree", "[apply]") {
    for (const char* doc : {
             R"({"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{}}})",
             R"({"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},
                 "f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{}}}}},
                 "f:metadata":{"f:finalizers":{"v:\"a/b\"":{}},"f:annotations":{"f:caf\u00e9\u00a0\ud83d\ude00":{}}}})",
             R"({"f:a":{},"z:future":{"x":[1,{"y":"}"}],"z":null},"f:b":{"z:later":"text, with \" quote"}})",
             R"({})",
             R"({"i:3":{},"v:7":{},"f:x":{".":{"ignored":true},"f:y":{}}})",
         }) {
        INFO(doc);
        const Json tree = Json::parse(doc);
        FieldSet fromTree, fromCompact, fromSpaced;
        REQUIRE(FieldSet::fromFieldsV1(tree, fromTree));
        REQUIRE(FieldSet::fromFieldsV1(packAsJsonText(tree), fromCompact));
        REQUIRE(FieldSet::fromFieldsV1(packedText(std::string(" ") + doc + "\n"), fromSpaced));
        CHECK(fromCompact == fromTree);
        CHECK(fromSpaced == fromTree);
        CHECK(fromCompact.toFieldsV1() == fromTree.toFieldsV1());
    }
    CHECK(parse(R"({"f:a":{"f:b":{}},"f:c":{}})").toString() == ".c\n.a.b");  // members before children
}

TEST_CASE("broken packed FieldsV1 text is refused and leaves the set empty", "[apply]") {
    for (const char* text : {
             R"({"k:not json":{}})", R"({"f:a":{})", R"({"f:a":{}}x)", R"({"f:a":1})", R"(["f:a"])",
             R"({"f:a":{},})", R"({"f:a" {}})", R"({"z:future":{"x":}})", R"({"f:\q":{}})", R"({"f:\ud800":{}})",
             R"({".":[}})", "", "   ",
         }) {
        INFO(text);
        FieldSet s = parse(R"({"f:old":{}})");
        CHECK_FALSE(FieldSet::fromFieldsV1(packedText(text), s));
        CHECK(s.empty());
        CHECK_FALSE(FieldSet::fromFieldsV1(Json::parse(text, nullptr, false), s));
    }
}
