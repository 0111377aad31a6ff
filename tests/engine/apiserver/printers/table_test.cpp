// The Table document itself: shape, includeObject, resourceVersion, the default table.
#include <catch2/catch.hpp>

#include "engine/apiserver/printers/printers_test_util.h"

using namespace kp;
using Cells = std::vector<std::string>;

namespace {

const char* kConfigMap = R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg","namespace":"default",
    "labels":{"app":"web"},"resourceVersion":"7","creationTimestamp":"2025-01-15T10:09:30Z"},"data":{"a":"1","b":"2"}})";

}  // namespace

TEST_CASE("a Table carries kind, apiVersion, column definitions and one row per object", "[printers]") {
    printers::TableOptions opts;
    opts.resourceVersion = "42";
    Json table = printers::toTable(test::resourceNamed("configmaps"), std::vector<Json>{Json::parse(kConfigMap)},
                                   test::printNow(), opts);
    CHECK(table["kind"] == "Table");
    CHECK(table["apiVersion"] == "meta.k8s.io/v1");
    CHECK(table["metadata"] == Json{{"resourceVersion", "42"}});
    REQUIRE(table["columnDefinitions"].size() == 3);
    const Json& name = table["columnDefinitions"][0];
    CHECK(name["name"] == "Name");
    CHECK(name["type"] == "string");
    CHECK(name["format"] == "name");
    CHECK(name["priority"] == 0);
    CHECK_FALSE(name["description"].get<std::string>().empty());
    CHECK(table["columnDefinitions"][1]["name"] == "Data");
    CHECK(table["rows"][0]["cells"] == Json::array({"cfg", 2, "30s"}));
}

TEST_CASE("rows carry PartialObjectMetadata by default, the object or nothing on request", "[printers]") {
    const auto& cm = test::resourceNamed("configmaps");
    std::vector<Json> objs{Json::parse(kConfigMap)};
    Json meta = printers::toTable(cm, objs, test::printNow());
    CHECK(meta["rows"][0]["object"]["kind"] == "PartialObjectMetadata");
    CHECK(meta["rows"][0]["object"]["apiVersion"] == "meta.k8s.io/v1");
    CHECK(meta["rows"][0]["object"]["metadata"]["labels"] == Json{{"app", "web"}});
    CHECK_FALSE(meta["rows"][0]["object"].contains("data"));

    printers::TableOptions whole;
    whole.includeObject = printers::IncludeObject::Object;
    CHECK(printers::toTable(cm, objs, test::printNow(), whole)["rows"][0]["object"] == objs[0]);

    printers::TableOptions none;
    none.includeObject = printers::IncludeObject::None;
    CHECK_FALSE(printers::toTable(cm, objs, test::printNow(), none)["rows"][0].contains("object"));
}

TEST_CASE("noHeaders leaves the column definitions out", "[printers]") {
    printers::TableOptions opts;
    opts.noHeaders = true;
    Json table = printers::toTable(test::resourceNamed("configmaps"), std::vector<Json>{Json::parse(kConfigMap)},
                                   test::printNow(), opts);
    CHECK(table["columnDefinitions"].empty());
    CHECK(table["rows"].size() == 1);
}

TEST_CASE("a list response becomes a Table with the list's resourceVersion", "[printers]") {
    Json list = {{"apiVersion", "v1"},
                 {"kind", "ConfigMapList"},
                 {"metadata", {{"resourceVersion", "99"}}},
                 {"items", Json::array({Json::parse(kConfigMap), Json::parse(kConfigMap)})}};
    Json table = printers::responseToTable(test::resourceNamed("configmaps"), list, test::printNow());
    CHECK(table["metadata"]["resourceVersion"] == "99");
    CHECK(table["rows"].size() == 2);
    Json single =
        printers::responseToTable(test::resourceNamed("configmaps"), Json::parse(kConfigMap), test::printNow());
    CHECK(single["metadata"]["resourceVersion"] == "7");
    CHECK(single["rows"].size() == 1);
}

TEST_CASE("kinds without a printer get the apiserver's Name / Created At table", "[printers]") {
    const auto& roles = test::resourceNamed("roles.rbac.authorization.k8s.io");
    CHECK_FALSE(printers::hasPrinter(roles));
    CHECK(printers::hasPrinter(test::resourceNamed("pods")));
    CHECK(test::columnNames("roles.rbac.authorization.k8s.io") == Cells{"Name", "Created At"});
    CHECK(printers::columnsFor(roles)[1].type == "date");
    CHECK(test::rowCells("roles.rbac.authorization.k8s.io",
                         R"({"metadata":{"name":"reader","creationTimestamp":"2025-01-15T10:00:00Z"}})") ==
          Cells{"reader", "2025-01-15T10:00:00Z"});
    CHECK(test::rowCells("limitranges", R"({"metadata":{"name":"lr"}})") == Cells{"lr", "0001-01-01T00:00:00Z"});
}

TEST_CASE("every served resource has a printer or the default table", "[printers]") {
    for (const ResourceInfo& r : ResourceRegistry::builtin().all()) {
        INFO(r.groupResource());
        auto cols = printers::columnsFor(r);
        REQUIRE_FALSE(cols.empty());
        bool hasName = false;
        for (const auto& c : cols)
            hasName = hasName || (c.format == "name" && c.type == "string");
        CHECK(hasName);
    }
}
