#include <catch2/catch.hpp>

#include "base/time.h"

using kp::Duration;
using kp::Time;

TEST_CASE("timestamps format as RFC 3339 seconds, micro and RFC 1123Z", "[base][time]") {
    Time t{1736935200000 + 123};  // 2025-01-15T10:00:00.123Z, a Wednesday
    CHECK(kp::formatRFC3339(t) == "2025-01-15T10:00:00Z");
    CHECK(kp::formatRFC3339Micro(t) == "2025-01-15T10:00:00.123000Z");
    CHECK(kp::formatRFC1123Z(t) == "Wed, 15 Jan 2025 10:00:00 +0000");
}

TEST_CASE("RFC 3339 parsing accepts fractions and offsets and rejects junk", "[base][time]") {
    CHECK(kp::parseRFC3339("2025-01-15T10:00:00Z")->ms == 1736935200000);
    CHECK(kp::parseRFC3339("2025-01-15T10:00:00.5Z")->ms == 1736935200500);
    CHECK(kp::parseRFC3339("2025-01-15T12:00:00+02:00")->ms == 1736935200000);
    CHECK_FALSE(kp::parseRFC3339("2025-01-15 10:00"));
    CHECK_FALSE(kp::parseRFC3339("yesterday"));
    CHECK_FALSE(kp::parseRFC3339("2025-13-15T10:00:00Z"));
}

TEST_CASE("AGE uses kubectl's HumanDuration buckets", "[base][time]") {
    auto s = [](int64_t secs) { return kp::humanDuration(Duration::seconds(secs)); };
    CHECK(kp::humanDuration(Duration::millis(-2000)) == "<invalid>");
    CHECK(kp::humanDuration(Duration::millis(-500)) == "0s");
    CHECK(s(0) == "0s");
    CHECK(s(119) == "119s");
    CHECK(s(120) == "2m");
    CHECK(s(125) == "2m5s");
    CHECK(s(599) == "9m59s");
    CHECK(s(600) == "10m");
    CHECK(s(3 * 3600 - 1) == "179m");
    CHECK(s(3 * 3600) == "3h");
    CHECK(s(3 * 3600 + 60 * 5) == "3h5m");
    CHECK(s(8 * 3600) == "8h");
    CHECK(s(47 * 3600) == "47h");
    CHECK(s(48 * 3600) == "2d");
    CHECK(s(50 * 3600) == "2d2h");
    CHECK(s(8 * 86400) == "8d");
    CHECK(s(800 * 86400) == "2y70d");
    CHECK(s(9 * 365 * 86400) == "9y");
    CHECK(kp::translateTimestampSince(Time{}, Time{5000}) == "<unknown>");
}
