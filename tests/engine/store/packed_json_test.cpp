#include <catch2/catch.hpp>

#include <cstring>
#include <limits>

#include "base/json_text.h"
#include "store/object_store.h"
#include "store/packed_json.h"

using kp::Json;
using kp::KeyTable;
using kp::ObjectPtr;
using kp::ObjectStore;

namespace {

// Equal and of the same types all the way down (Json's == calls 1 and 1u equal).
bool identical(const Json& a, const Json& b) {
    if (a.type() != b.type())
        return false;
    if (a.is_object()) {
        if (a.size() != b.size())
            return false;
        for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib)
            if (ia.key() != ib.key() || !identical(ia.value(), ib.value()))
                return false;
        return true;
    }
    if (a.is_array()) {
        if (a.size() != b.size())
            return false;
        for (size_t i = 0; i < a.size(); ++i)
            if (!identical(a[i], b[i]))
                return false;
        return true;
    }
    if (a.is_number_float())
        return std::memcmp(&a.get_ref<const double&>(), &b.get_ref<const double&>(), sizeof(double)) == 0;
    return a == b;
}

Json roundTrip(const Json& j, KeyTable& keys) {
    std::string packed;
    REQUIRE(kp::packJson(j, keys, packed));
    return kp::unpackJson(packed, keys);
}

Json event(int i) {
    return Json{{"apiVersion", "v1"},
                {"kind", "Event"},
                {"metadata", {{"name", "web-" + std::to_string(i) + ".17f3a"}, {"namespace", "default"}}},
                {"involvedObject", {{"kind", "Pod"}, {"name", "web-" + std::to_string(i)}}},
                {"reason", "Pulled"},
                {"message", "Successfully pulled image \"nginx:1.27\" in 1.2s (1.2s including waiting)"},
                {"count", 1},
                {"eventTime", nullptr},
                {"source", Json::object()}};
}

}  // namespace

TEST_CASE("packed documents decode to the same values of the same types", "[store]") {
    KeyTable keys;
    Json j = {{"int", int64_t{-42}},
              {"zero", int64_t{0}},
              {"unsigned", uint64_t{7}},
              {"big", std::numeric_limits<uint64_t>::max()},
              {"min", std::numeric_limits<int64_t>::min()},
              {"max", std::numeric_limits<int64_t>::max()},
              {"float", 0.1},
              {"negzero", -0.0},
              {"whole", 2.0},
              {"text", "h\xC3\xA9llo \"quoted\"\n"},
              {"empty", ""},
              {"nul", std::string("a\0b", 3)},
              {"t", true},
              {"f", false},
              {"null", nullptr},
              {"obj", Json::object()},
              {"arr", Json::array({1, "two", Json::array(), Json::object(), nullptr, 3.5})},
              {"packedText", kp::packAsJsonText(Json::parse(R"({"f:spec": {"f:replicas": {}}})"))},
              {"bytes", Json::binary({1, 2, 0, 255})}};
    Json parsed = Json::parse(R"({"fromText": 5, "neg": -5, "e": 1e300})");  // parsed positives are unsigned
    CHECK(identical(roundTrip(j, keys), j));
    CHECK(identical(roundTrip(parsed, keys), parsed));
    CHECK(roundTrip(parsed, keys).at("fromText").is_number_unsigned());
    CHECK(roundTrip(j, keys).at("int").is_number_integer());
    CHECK(roundTrip(j, keys).at("whole").is_number_float());
    CHECK(roundTrip(j, keys).dump() == j.dump());
    CHECK(identical(roundTrip(Json(3), keys), Json(3)));
    CHECK(kp::isPackedJsonText(roundTrip(j, keys).at("packedText")));
    CHECK(kp::unpackJsonText(roundTrip(j, keys).at("packedText")) == Json::parse(R"({"f:spec": {"f:replicas": {}}})"));
    CHECK_FALSE(roundTrip(j, keys).at("bytes").get_binary().has_subtype());
}

TEST_CASE("packed documents share one copy of an equal binary value", "[store]") {
    // managedFields' packed field sets: every Event from one component carries the same one.
    KeyTable keys;
    const Json fields = kp::packAsJsonText(Json::parse(
        R"({"f:count": {}, "f:firstTimestamp": {}, "f:involvedObject": {}, "f:lastTimestamp": {}, "f:message": {}})"));
    std::string first, second;
    REQUIRE(kp::packJson(Json{{"name", "a"}, {"fieldsV1", fields}}, keys, first));
    REQUIRE(kp::packJson(Json{{"name", "b"}, {"fieldsV1", fields}}, keys, second));
    CHECK(first.size() < 16);  // the field set's ~100 bytes live in the table, not in each document
    CHECK(second.size() == first.size());
    CHECK(identical(kp::unpackJson(second, keys), Json{{"name", "b"}, {"fieldsV1", fields}}));
}

TEST_CASE("a store keeps many Events packed and reads them back unchanged", "[store]") {
    ObjectStore store;
    const size_t n = 10000 + 50;  // ObjectStore packs Events from the 10,000th on
    for (size_t i = 0; i < n; ++i)
        store.create("events", event(int(i)));
    CHECK(store.packedStats().objects == 51);
    CHECK(store.count("events") == n);
    Json expected = event(int(n - 1));
    expected["metadata"]["resourceVersion"] = std::to_string(n);
    ObjectPtr last = store.get("events", "default", "web-" + std::to_string(n - 1) + ".17f3a");
    REQUIRE(last);
    CHECK(identical(*last, expected));

    SECTION("updates, lists and deletes see the packed object") {
        Json updated = *last;
        updated["count"] = 2;
        store.update("events", updated);
        CHECK(store.get("events", "default", "web-" + std::to_string(n - 1) + ".17f3a")->at("count") == 2);
        CHECK(store.list("events", "default").size() == n);
        store.remove("events", "default", "web-" + std::to_string(n - 1) + ".17f3a");
        CHECK(store.count("events") == n - 1);
    }
    SECTION("a snapshot holds the decoded objects") {
        Json snap = store.snapshot();
        const Json* found = nullptr;
        for (const Json& e : snap["objects"]["events"])
            if (e["metadata"]["name"] == expected["metadata"]["name"])
                found = &e;
        REQUIRE(found);
        CHECK(identical(*found, expected));
    }
}
