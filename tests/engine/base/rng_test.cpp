#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "base/rng.h"

TEST_CASE("the same seed gives the same sequence; name suffixes use Kubernetes' alphabet", "[base][rng]") {
    kp::Rng a(42), b(42), c(43);
    CHECK(a.next() == b.next());
    CHECK(a.nameSuffix() == b.nameSuffix());
    CHECK(a.next() != c.next());
    std::regex alphabet("^[bcdfghjklmnpqrstvwxz2456789]{5}$");
    for (int i = 0; i < 200; ++i)
        CHECK(std::regex_match(a.nameSuffix(), alphabet));
}

TEST_CASE("uuids are version 4 and state round-trips", "[base][rng]") {
    kp::Rng r(7);
    std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        std::string u = r.uuid();
        CHECK(std::regex_match(u, uuid));
        seen.insert(u);
    }
    CHECK(seen.size() == 100);
    std::string state = r.state();
    uint64_t expected = r.next();
    kp::Rng restored;
    REQUIRE(restored.restore(state));
    CHECK(restored.next() == expected);
}

TEST_CASE("uniform stays in range", "[base][rng]") {
    kp::Rng r(1);
    for (int i = 0; i < 1000; ++i)
        CHECK(r.uniform(27) < 27);
}
