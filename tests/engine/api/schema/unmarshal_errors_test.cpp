#include <catch2/catch.hpp>

#include "api/schema/unmarshal_errors.h"

using namespace kp::schema;

namespace {
const std::string kFormatWrong =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const std::string kSuffix = "unable to parse quantity's suffix";
}  // namespace

TEST_CASE("quantities parse like resource.ParseQuantity", "[schema]") {
    for (const char* ok : {"0", "1", "500m", "128Mi", "1.5Gi", "2k", "1e3", "1E-2", "-1", "+5", ".5", "1.", " 64Mi ",
                           "100n", "3u", "4Ei", "0000", "1e+21", "Mi" /* Go reads a bare suffix as 0 */}) {
        INFO(ok);
        CHECK(quantityError(ok).empty());
    }
    for (const char* bad : {"", "abc", "1Gb", "100MB", "1.5.5", "true", "{}", "1 Gi", "1KI"}) {
        INFO(bad);
        CHECK(quantityError(bad) == kFormatWrong);
    }
    for (const char* bad : {"5mi", "1iG", "1k2", "1e", "1mM", "--1"}) {
        INFO(bad);
        CHECK(quantityError(bad) == kSuffix);
    }
}

TEST_CASE("times parse like Go's time.Parse with RFC 3339", "[schema]") {
    CHECK(timeError("2024-02-29T23:59:59Z", false).empty());
    CHECK(timeError("2024-02-29T23:59:59.123Z", false).empty());  // a fraction is allowed after seconds
    CHECK(timeError("2024-02-29T23:59:59-07:00", false).empty());
    CHECK(timeError("2023-02-29T00:00:00Z", false) == "parsing time \"2023-02-29T00:00:00Z\": day out of range");
    CHECK(timeError("2024-01-01T24:00:00Z", false) == "parsing time \"2024-01-01T24:00:00Z\": hour out of range");
    CHECK(timeError("2024-01-01T10:60:00Z", false) == "parsing time \"2024-01-01T10:60:00Z\": minute out of range");
    CHECK(timeError("2024-1-01T00:00:00Z", false) ==
          "parsing time \"2024-1-01T00:00:00Z\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"1-01T00:00:00Z\" as "
          "\"01\"");
    CHECK(timeError("2024-01-01 00:00:00Z", false) ==
          "parsing time \"2024-01-01 00:00:00Z\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \" 00:00:00Z\" as "
          "\"T\"");
    CHECK(timeError("2024-01-01T00:00:00", false) ==
          "parsing time \"2024-01-01T00:00:00\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"Z07:00\"");
    CHECK(timeError("2024-01-01T00:00:00Zjunk", false) == "parsing time \"2024-01-01T00:00:00Zjunk\": extra text: \"junk\"");
    CHECK(timeError("2024-01-01T00:00:00.000000Z", true).empty());
    CHECK(timeError("2024-01-01T00:00:00.1Z", true) ==
          "parsing time \"2024-01-01T00:00:00.1Z\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot parse \".1Z\" as "
          "\".000000\"");
    CHECK(timeError("d\xc3\xa9j\xc3\xa0", false) ==
          "parsing time \"d\\xc3\\xa9j\\xc3\\xa0\" as \"2006-01-02T15:04:05Z07:00\": cannot parse "
          "\"d\\xc3\\xa9j\\xc3\\xa0\" as \"2006\"");
}

TEST_CASE("base64 errors give the offset Go reports", "[schema]") {
    CHECK(base64Error("aGVsbG8=").empty());
    CHECK(base64Error("aGVs\nbG8=").empty());  // newlines are skipped
    CHECK(base64Error("").empty());
    CHECK(base64Error("hello") == "illegal base64 data at input byte 4");
    CHECK(base64Error("abc") == "illegal base64 data at input byte 0");
    CHECK(base64Error("ab!d") == "illegal base64 data at input byte 2");
    CHECK(base64Error("ab=") == "illegal base64 data at input byte 3");
    CHECK(base64Error("a===") == "illegal base64 data at input byte 1");
    CHECK(base64Error("ab==cd") == "illegal base64 data at input byte 4");
}

TEST_CASE("floats are written as Go's encoding/json writes them", "[schema]") {
    CHECK(goFormatFloat(1.5) == "1.5");
    CHECK(goFormatFloat(3) == "3");
    CHECK(goFormatFloat(-0.25) == "-0.25");
    CHECK(goFormatFloat(0.1) == "0.1");
    CHECK(goFormatFloat(1e20) == "100000000000000000000");
    CHECK(goFormatFloat(1e21) == "1e+21");
    CHECK(goFormatFloat(1e-7) == "1e-7");
    CHECK(goFormatFloat(1.5e-10) == "1.5e-10");
    CHECK(goFormatFloat(0.000001) == "0.000001");
    CHECK(goFormatFloat(0) == "0");
}
