#include <catch2/catch.hpp>

#include "api/resources.h"
#include "apiserver/registry/strategy.h"

using namespace kp;

// The apiserver skips its copy of a created object for the resources prepareForCreate leaves
// alone; a resource wrongly listed so would be stored without its initial status.
TEST_CASE("prepareForCreate leaves every resource it is said to keep unchanged", "[apiserver][registry]") {
    size_t kept = 0;
    for (const ResourceInfo& r : ResourceRegistry::builtin().all()) {
        if (!registry::prepareForCreateKeepsObject(r))
            continue;
        ++kept;
        Json obj = {{"apiVersion", r.apiVersion()},
                    {"kind", r.kind},
                    {"metadata", {{"name", "x"}, {"namespace", "default"}}},
                    {"spec", {{"selector", {{"matchLabels", {{"app", "x"}}}}}}},
                    {"status", {{"phase", "Whatever"}}}};
        Json before = obj;
        registry::prepareForCreate(r, obj);
        INFO(r.groupResource());
        CHECK(obj == before);
    }
    CHECK(kept > 10);
    CHECK(registry::prepareForCreateKeepsObject(*ResourceRegistry::builtin().byGroupResourceName("events")));
    CHECK_FALSE(registry::prepareForCreateKeepsObject(*ResourceRegistry::builtin().byGroupResourceName("pods")));
    CHECK_FALSE(
        registry::prepareForCreateKeepsObject(*ResourceRegistry::builtin().byGroupResourceName("deployments.apps")));
}
