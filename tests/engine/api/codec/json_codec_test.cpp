#include <catch2/catch.hpp>

#include "api/codec/go_format.h"
#include "api/codec/json_decode.h"
#include "api/codec/json_encode.h"
#include "api/codec/limits.h"
#include "api/codec/request_body.h"
#include "test_support.h"

using kp::Json;
using namespace kp::codec;

namespace {
std::string testdata(const std::string& name) {
    return kp::test::readFile(kp::test::sourcePath("tests/engine/api/codec/testdata/" + name));
}
}  // namespace

TEST_CASE("prints -o json exactly as kubectl: 4 spaces, sorted keys, Go escaping", "[codec]") {
    auto in = parseJson(testdata("odd_strings.json"));
    REQUIRE(in.ok());
    CHECK(printJson(in.value) == testdata("odd_strings.kubectl.json"));
}

TEST_CASE("writes compact JSON like json.Marshal with HTML escaping", "[codec]") {
    Json o = {{"b", "<a>&\"\\\n\t\x01\b\f\x7f"}, {"a", {1, 1.5, nullptr, true}}, {"e", Json::object()}};
    CHECK(marshalJson(o) == R"({"a":[1,1.5,null,true],"b":"\u003ca\u003e\u0026\"\\\n\t\u0001\b\f)" "\x7f" R"(","e":{}})");
    CHECK(marshalJson(Json("a\xff" "b\xE2\x80\xA8")) == R"("a\ufffdb\u2028")");
}

TEST_CASE("formats floats like Go's strconv and encoding/json", "[codec]") {
    CHECK(formatFloat(1e6, 'g') == "1e+06");
    CHECK(formatFloat(123456, 'g') == "123456");
    CHECK(formatFloat(0.0001, 'g') == "0.0001");
    CHECK(formatFloat(0.00001, 'g') == "1e-05");
    CHECK(formatFloat(0.1, 'g', 32) == "0.1");
    CHECK(formatJsonFloat(1e21) == "1e+21");
    CHECK(formatJsonFloat(1e20) == "100000000000000000000");
    CHECK(formatJsonFloat(1e-7) == "1e-7");
    CHECK(formatJsonFloat(0.000001) == "0.000001");
    CHECK(formatJsonFloat(-0.0) == "-0");
    CHECK(formatJsonFloat(5e-324) == "5e-324");
}

TEST_CASE("reports malformed JSON bodies with Go's messages", "[codec]") {
    CHECK(parseJson(R"({"a": x})").error == "invalid character 'x' looking for beginning of value");
    CHECK(parseJson(R"({"a": 1,})").error == "invalid character '}' looking for beginning of object key string");
    CHECK(parseJson(R"({"a" 1})").error == "invalid character '1' after object key");
    CHECK(parseJson(R"({"a": 1 "b": 2})").error == "invalid character '\"' after object key:value pair");
    CHECK(parseJson("[1 2]").error == "invalid character '2' after array element");
    CHECK(parseJson("{} x").error == "invalid character 'x' after top-level value");
    CHECK(parseJson(R"({"a": tru})").error == "invalid character '}' in literal true (expecting 'e')");
    CHECK(parseJson(R"({"a": -})").error == "invalid character '}' in numeric literal");
    CHECK(parseJson(R"({"a": "\q"})").error == "invalid character 'q' in string escape code");
    CHECK(parseJson("{\"a\": \"\n\"}").error == "invalid character '\\n' in string literal");
    CHECK(parseJson(R"({"a": )").error == "unexpected end of JSON input");
    CHECK(parseJson("").error == "unexpected end of JSON input");
}

TEST_CASE("wraps body decode errors as the apiserver does", "[codec]") {
    std::string body = R"({"apiVersion": "apps/v1", "kind": x})";
    std::string err = "couldn't get version/kind; json parse error: " + parseJson(body).error;
    CHECK(decodeErrorMessage("Deployment", "", "", err, body) ==
          "the object provided is unrecognized (must be of type Deployment): couldn't get version/kind; json parse "
          "error: invalid character 'x' looking for beginning of value ({\"apiVersion\": \"apps/v1\", \"kin ...)");
    CHECK(summarizeData("") == "<empty>");
    CHECK(summarizeData("abc") == "616263");
}

TEST_CASE("decodes JSON values as Kubernetes' unstructured decoding types them", "[codec]") {
    auto r = parseJson(R"({"i": 9223372036854775807, "big": 18446744073709551616, "f": 1.0, "s": "\ud83d\ude00\ud800x"})");
    REQUIRE(r.ok());
    CHECK(r.value["i"].is_number_integer());
    CHECK(r.value["big"].is_number_float());
    CHECK(r.value["f"].is_number_float());
    CHECK(r.value["s"] == "\xF0\x9F\x98\x80\xEF\xBF\xBDx");
    CHECK(printJson(r.value["big"]) == "18446744073709552000\n");
}

TEST_CASE("reads a stream of JSON manifests with kubectl's offsets", "[codec]") {
    std::string a = R"({"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"name": "a"}})";
    std::string b = R"({"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"name": "b",}})";
    DecodeResult r = decodeJsonStream(a + "\n" + b);
    CHECK(r.documents.size() == 1);
    CHECK(r.error == "json: offset 137: invalid character '}' looking for beginning of object key string");
    CHECK(decodeJsonStream(a + "\n{").error == "unexpected EOF");
    DecodeResult two = decodeJsonStream(a + a + "\n\n" + a);
    REQUIRE(two.ok());
    CHECK(two.documents.size() == 3);
    CHECK(two.documents[2].line == 3);
}

TEST_CASE("rejects JSON nested deeper than the limit without recursing", "[codec]") {
    std::string deep = std::string(10000, '[') + std::string(10000, ']');
    JsonParseResult r = parseJson(deep);
    CHECK(r.error == "invalid character '[' exceeded max depth");
    std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
    CHECK(parseJson(ok).ok());
}

TEST_CASE("limits request bodies to 3 MiB like kube-apiserver", "[codec]") {
    CHECK(checkRequestBodySize(3 * 1024 * 1024).ok());
    kp::Status s = checkRequestBodySize(3 * 1024 * 1024 + 1);
    CHECK(s.code() == 413);
    CHECK(s.reason() == "RequestEntityTooLarge");
    CHECK(s.message() == "Request entity too large: limit is 3145728");
}
