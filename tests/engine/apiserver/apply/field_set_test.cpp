#include <catch2/catch.hpp>

#include "apiserver/apply/field_set.h"
#include "apiserver/apply/typed.h"

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
