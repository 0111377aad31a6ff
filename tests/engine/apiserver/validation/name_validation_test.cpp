// Name and value rules: the exact messages Kubernetes 1.32 prints for each rule.
#include <catch2/catch.hpp>

#include "apiserver/validation/name_validation.h"

using namespace kp::validation;

namespace {

const std::string kSubdomainMsg =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start "
    "and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const std::string kLabelMsg =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end "
    "with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const std::string k1035Msg =
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, "
    "and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
    "'[a-z]([-a-z0-9]*[a-z0-9])?')";

}  // namespace

TEST_CASE("DNS-1123 subdomains reject uppercase, underscores and names over 253 characters", "[validation]") {
    CHECK(isDNS1123Subdomain("my-app.example.com").empty());
    CHECK(isDNS1123Subdomain("Hello_World") == Messages{kSubdomainMsg});
    CHECK(isDNS1123Subdomain("web_1") == Messages{kSubdomainMsg});
    CHECK(isDNS1123Subdomain("-web") == Messages{kSubdomainMsg});
    CHECK(isDNS1123Subdomain(std::string(253, 'a')).empty());
    CHECK(isDNS1123Subdomain(std::string(254, 'a')) == Messages{"must be no more than 253 characters"});
    // Too long and badly formed: both problems, length first.
    CHECK(isDNS1123Subdomain(std::string(254, 'A')) == Messages{"must be no more than 253 characters", kSubdomainMsg});
}

TEST_CASE("DNS-1123 labels allow at most 63 characters and no dots", "[validation]") {
    CHECK(isDNS1123Label("nginx").empty());
    CHECK(isDNS1123Label("123-abc").empty());
    CHECK(isDNS1123Label(std::string(64, 'a')) == Messages{"must be no more than 63 characters"});
    CHECK(isDNS1123Label("my.namespace") == Messages{"must not contain dots"});
    CHECK(isDNS1123Label("My-Namespace") == Messages{kLabelMsg});
}

TEST_CASE("DNS-1035 labels must start with a letter", "[validation]") {
    CHECK(isDNS1035Label("web-svc").empty());
    CHECK(isDNS1035Label("1web") == Messages{k1035Msg});
    CHECK(isDNS1035Label("web.svc") == Messages{k1035Msg});
}

TEST_CASE("path segment names reject '.', '..', '/' and '%'", "[validation]") {
    CHECK(isValidPathSegmentName(".") == Messages{"may not be '.'"});
    CHECK(isValidPathSegmentName("..") == Messages{"may not be '..'"});
    CHECK(isValidPathSegmentName("a/b") == Messages{"may not contain '/'"});
    CHECK(isValidPathSegmentName("50%") == Messages{"may not contain '%'"});
    CHECK(isValidPathSegmentName("a/%b") == Messages{"may not contain '/'", "may not contain '%'"});
    CHECK(isValidPathSegmentName("system:controller:x").empty());
    // As a generateName prefix, "." is fine (a suffix follows).
    CHECK(validatePathSegmentName(".", true).empty());
}

TEST_CASE("qualified names check the prefix and the name part separately", "[validation]") {
    CHECK(isQualifiedName("app.kubernetes.io/name").empty());
    CHECK(isQualifiedName("/name") == Messages{"prefix part must be non-empty"});
    CHECK(isQualifiedName("example.com/") ==
          Messages{"name part must be non-empty",
                   "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                   "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                   "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"});
    CHECK(isQualifiedName("a/b/c") ==
          Messages{"a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
                   "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                   "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix "
                   "and '/' (e.g. 'example.com/MyName')"});
    CHECK(isQualifiedName(std::string(64, 'a')) == Messages{"name part must be no more than 63 characters"});
}

TEST_CASE("label values may be empty but not longer than 63 characters", "[validation]") {
    CHECK(isValidLabelValue("").empty());
    CHECK(isValidLabelValue("v1.2_beta").empty());
    CHECK(isValidLabelValue("-bad") ==
          Messages{"a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                   "and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
                   "'12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"});
    CHECK(isValidLabelValue(std::string(64, 'a')) == Messages{"must be no more than 63 characters"});
}

TEST_CASE("port numbers and port names", "[validation]") {
    CHECK(isValidPortNum(80).empty());
    CHECK(isValidPortNum(0) == Messages{"must be between 1 and 65535, inclusive"});
    CHECK(isValidPortNum(70000) == Messages{"must be between 1 and 65535, inclusive"});
    CHECK(isValidPortName("http").empty());
    CHECK(isValidPortName("8080") == Messages{"must contain at least one letter (a-z)"});
    CHECK(isValidPortName("HTTP") == Messages{"must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                                              "must contain at least one letter (a-z)"});
    CHECK(isValidPortName("a--b") == Messages{"must not contain consecutive hyphens"});
    CHECK(isValidPortName("-http") == Messages{"must not begin or end with a hyphen"});
    CHECK(isValidPortName("a-very-long-port-name") == Messages{"must be no more than 15 characters"});
}

TEST_CASE("environment variable names follow the relaxed 1.32 rule", "[validation]") {
    CHECK(isRelaxedEnvVarName("1_STARTS_WITH_DIGIT").empty());
    CHECK(isRelaxedEnvVarName("has space").empty());
    CHECK(isRelaxedEnvVarName("A=B") ==
          Messages{"a valid environment variable name must consist only of printable ASCII characters other than '='"});
    CHECK(isRelaxedEnvVarName("") == Messages{"environment variable name must be non-empty"});
    // The strict rule, still used when the gate is off, and the C identifier rule.
    CHECK(isEnvVarName("1ABC") ==
          Messages{"a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', "
                   "and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex "
                   "used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"});
    CHECK(isCIdentifier("my-name") ==
          Messages{"a valid C identifier must start with alphabetic character or '_', followed by a string of "
                   "alphanumeric characters or '_' (e.g. 'my_name',  or 'MY_NAME',  or 'MyName', regex used for "
                   "validation is '[A-Za-z_][A-Za-z0-9_]*')"});
}

TEST_CASE("ConfigMap keys", "[validation]") {
    CHECK(isConfigMapKey("game.properties").empty());
    CHECK(isConfigMapKey("..") == Messages{"must not be '..'"});
    CHECK(isConfigMapKey("a/b") ==
          Messages{"a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or "
                   "'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"});
}

TEST_CASE("IP addresses and CIDRs", "[validation]") {
    CHECK(isValidIP("f", "10.96.0.1").empty());
    CHECK(isValidIP("f", "2001:db8::ffff").empty());
    CHECK(isValidIP("f", "::ffff:10.0.0.1").empty());
    CHECK(isValidIP("f", "010.001.0.1").empty());  // sloppy parsing keeps leading zeros
    const auto bad = isValidIP("spec.clusterIP", "10.0.0.300");
    REQUIRE(bad.size() == 1);
    CHECK(bad[0].toString() ==
          "spec.clusterIP: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
    CHECK(isValidCIDR("f", "10.0.0.0/8").empty());
    CHECK(isValidCIDR("f", "10.0.0.0/33").size() == 1);
    CHECK(isValidIPv4Address("f", "::1").size() == 1);
}

TEST_CASE("generateName prefixes may end with a dash", "[validation]") {
    CHECK(nameIsDNSSubdomain("web-", true).empty());
    CHECK(nameIsDNSSubdomain("web-", false) == Messages{kSubdomainMsg});
    CHECK(nameIsDNSLabel("pod-", true).empty());
}
