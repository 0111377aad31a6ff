// Go's view of JSON values, which strategic merge patch error texts and list sorting depend on.
#include <catch2/catch.hpp>

#include "apiserver/patch/go_value.h"
#include "engine/apiserver/patch/patch_test_support.h"

using kp::Json;
using kp::test::json;
using namespace kp::patch;

TEST_CASE("%v prints maps with sorted keys, lists with spaces and nil as <nil>", "[patch]") {
    CHECK(goSprint(json(R"({"name":"web","image":"x","ports":[80,443],"env":null})")) ==
          "map[env:<nil> image:x name:web ports:[80 443]]");
    CHECK(goSprint(json("[]")) == "[]");
    CHECK(goSprint(json("{}")) == "map[]");
    CHECK(goSprint(json("true")) == "true");
}

TEST_CASE("%v prints floats in Go's shortest form", "[patch]") {
    CHECK(goSprint(json("1.5")) == "1.5");
    CHECK(goSprint(json("3.0")) == "3");
    CHECK(goSprint(json("100000.0")) == "100000");
    CHECK(goSprint(json("1e6")) == "1e+06");
    CHECK(goSprint(json("2.5e10")) == "2.5e+10");
    CHECK(goSprint(json("0.0001")) == "0.0001");
    CHECK(goSprint(json("0.00001")) == "1e-05");
    CHECK(goSprint(json("-1234567.0")) == "-1.234567e+06");
}

TEST_CASE("%s marks non-strings as bad verbs", "[patch]") {
    CHECK(goSprintS(json(R"("merge")")) == "merge");
    CHECK(goSprintS(json("1")) == "%!s(int64=1)");
    CHECK(goSprintS(Json()) == "%!s(<nil>)");
    CHECK(goSprintS(json(R"(["a",1,null,{"a":[true,1.5]}])")) ==
          "[a %!s(int64=1) <nil> map[a:[%!s(bool=true) %!s(float64=1.5)]]]");
}

TEST_CASE("integers and floats are different Go types", "[patch]") {
    CHECK_FALSE(sameGoType(json("1"), json("1.0")));
    CHECK_FALSE(deepEqual(json("[1]"), json("[1.0]")));
    CHECK(deepEqual(json(R"({"a":[1,{"b":null}]})"), json(R"({"a":[1,{"b":null}]})")));
    CHECK(interfaceEqual(Json(), Json()));
    CHECK_FALSE(interfaceEqual(json("{}"), json("{}")));
    CHECK(goTypeName(json("{}")) == "map[string]interface {}");
    CHECK(goTypeName(json("[]")) == "[]interface {}");
    CHECK(goTypeName(json("7")) == "int64");
}
