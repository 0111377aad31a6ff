// Label selectors: expected strings were checked against apimachinery v0.32 (labels.Parse,
// Selector.String, LabelSelectorAsSelector, FormatLabels) run on the same inputs.
#include <catch2/catch.hpp>

#include "api/labels.h"

using kp::Json;
using kp::labels::Selector;
using kp::labels::Set;

namespace {

// The parsed selector's String(), or "ERR <message>".
std::string parsed(const std::string& text) {
    std::string error;
    auto s = Selector::parse(text, &error);
    return s ? s->toString() : "ERR " + error;
}

bool matches(const std::string& text, const Set& labels) {
    std::string error;
    auto s = Selector::parse(text, &error);
    REQUIRE(s);
    return s->matches(labels);
}

std::string converted(const std::string& json) {
    std::string error;
    auto s = kp::labels::labelSelectorAsSelector(Json::parse(json), &error);
    return s ? s->toString() : "ERR " + error;
}

const std::string kValueRule =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
    "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used "
    "for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const std::string kNameRule =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
    "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
    "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

}  // namespace

TEST_CASE("label selectors print sorted by key with sorted, de-duplicated set values", "[labels]") {
    CHECK(parsed("app=web,tier in (frontend, backend)") == "app=web,tier in (backend,frontend)");
    CHECK(parsed("x in (b,a,a),!canary") == "!canary,x in (a,b)");
    CHECK(parsed("b==2,a=1,c!=3") == "a=1,b==2,c!=3");
    CHECK(parsed("  app  in  ( a , b ) ") == "app in (a,b)");
    CHECK(parsed("app\tin\n(a)") == "app in (a)");
    CHECK(parsed("x>1,x<5") == "x>1,x<5");
    CHECK(parsed("app") == "app");
    CHECK(parsed("") == "");
}

TEST_CASE("label selectors accept empty values and keywords as values", "[labels]") {
    CHECK(parsed("app in ()") == "app in ()");
    CHECK(parsed("app in (,a)") == "app in (,a)");
    CHECK(parsed("app in (a,,b)") == "app in (,a,b)");
    CHECK(parsed("app=") == "app=");
    CHECK(parsed("in in (in,notin)") == "in in (in,notin)");
}

TEST_CASE("label selector syntax errors carry apimachinery's messages", "[labels]") {
    CHECK(parsed("app=web x") == "ERR found 'x', expected: ',' or 'end of string'");
    CHECK(parsed("app=web,") == "ERR found '', expected: identifier after ','");
    CHECK(parsed("=a") == "ERR found '=', expected: !, identifier, or 'end of string'");
    CHECK(parsed("!!a") == "ERR unable to parse requirement: found '!', expected: identifier");
    CHECK(parsed("app in") == "ERR unable to parse requirement: found '' expected: '('");
    CHECK(parsed("app in a") == "ERR unable to parse requirement: found 'a' expected: '('");
    CHECK(parsed("app in (a b)") == "ERR unable to parse requirement: found 'b', expected: ',' or ')'");
    CHECK(parsed("app in (a") == "ERR unable to parse requirement: found '', expected: ',' or ')'");
    CHECK(parsed("a===b") == "ERR unable to parse requirement: found '=', expected: identifier");
    CHECK(parsed("Bad Key=1") ==
          "ERR unable to parse requirement: found 'Key', expected: in, notin, =, ==, !=, gt, lt");
}

TEST_CASE("label selector keys and values are validated like labels", "[labels]") {
    CHECK(parsed("-app=1") == "ERR unable to parse requirement: <nil>: Invalid value: \"-app\": name part " + kNameRule);
    CHECK(parsed("app=-web") ==
          "ERR unable to parse requirement: values[0][app]: Invalid value: \"-web\": " + kValueRule);
    // Set values are checked in sorted order, so "-y" is values[0].
    CHECK(parsed("app in (x,-y)") ==
          "ERR unable to parse requirement: values[0][app]: Invalid value: \"-y\": " + kValueRule);
    CHECK(parsed("/app=1") == "ERR unable to parse requirement: <nil>: Invalid value: \"/app\": prefix part must be non-empty");
    CHECK(parsed("EXAMPLE.com/app=1") ==
          "ERR unable to parse requirement: <nil>: Invalid value: \"EXAMPLE.com/app\": prefix part a lowercase RFC "
          "1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end "
          "with an alphanumeric character (e.g. 'example.com', regex used for validation is "
          "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    CHECK(parsed("a/b/c=1") == "ERR unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name " +
                                   kNameRule + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
    CHECK(parsed("x>a") ==
          "ERR unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer");
    CHECK(parsed("example.com/app=1") == "example.com/app=1");
}

TEST_CASE("label selectors match label sets", "[labels]") {
    SECTION("equality and sets") {
        CHECK(matches("app=web", {{"app", "web"}}));
        CHECK(matches("app==web", {{"app", "web"}}));
        CHECK_FALSE(matches("app=web", {{"app", "db"}}));
        CHECK_FALSE(matches("app=web", {}));
        CHECK(matches("tier in (a,b)", {{"tier", "b"}}));
        CHECK_FALSE(matches("tier in (a,b)", {}));
    }
    SECTION("!= and notin also match objects without the key") {
        CHECK(matches("app!=web", {}));
        CHECK(matches("app!=web", {{"tier", "x"}}));
        CHECK_FALSE(matches("app!=web", {{"app", "web"}}));
        CHECK(matches("tier notin (a,b)", {{"app", "web"}}));
        CHECK_FALSE(matches("tier notin (a,b)", {{"tier", "a"}}));
    }
    SECTION("existence") {
        CHECK(matches("app", {{"app", ""}}));
        CHECK_FALSE(matches("app", {}));
        CHECK(matches("!canary", {{"app", "web"}}));
        CHECK_FALSE(matches("!canary", {{"canary", "true"}}));
    }
    SECTION("numeric comparison; non-integer labels never match") {
        CHECK(matches("x>1", {{"x", "3"}}));
        CHECK_FALSE(matches("x>1", {{"x", "1"}}));
        CHECK(matches("x<1", {{"x", "0"}}));
        CHECK_FALSE(matches("x<1", {{"x", "abc"}}));
        CHECK_FALSE(matches("x>1", {}));
    }
    SECTION("comma is AND") {
        CHECK(matches("app=web,tier in (a,b)", {{"app", "web"}, {"tier", "a"}}));
        CHECK_FALSE(matches("app=web,tier in (a,b)", {{"app", "web"}}));
    }
    SECTION("the empty selector matches everything") {
        CHECK(matches("", {}));
        CHECK(Selector::everything().empty());
    }
}

TEST_CASE("label selectors read an object's metadata.labels", "[labels]") {
    std::string error;
    auto s = Selector::parse("app=web", &error);
    REQUIRE(s);
    CHECK(s->matchesLabelsOf(Json::parse(R"({"metadata":{"name":"p","labels":{"app":"web"}}})")));
    CHECK_FALSE(s->matchesLabelsOf(Json::parse(R"({"metadata":{"name":"p"}})")));
}

TEST_CASE("metav1 label selectors convert to selectors", "[labels]") {
    CHECK(converted(R"({"matchLabels":{"b":"2","a":"1"}})") == "a=1,b=2");
    CHECK(converted(R"({"matchLabels":{"app":"web"},"matchExpressions":[
              {"key":"tier","operator":"In","values":["b","a"]},
              {"key":"env","operator":"DoesNotExist"}]})") == "app=web,!env,tier in (a,b)");
    CHECK(converted(R"({"matchExpressions":[{"key":"tier","operator":"NotIn","values":["a"]},
                                          {"key":"gpu","operator":"Exists"}]})") == "gpu,tier notin (a)");

    SECTION("a nil selector matches nothing, an empty one everything") {
        std::string error;
        auto nothing = kp::labels::labelSelectorAsSelector(Json(nullptr), &error);
        REQUIRE(nothing);
        CHECK(nothing->isNothing());
        CHECK_FALSE(nothing->empty());
        CHECK_FALSE(nothing->matches({{"app", "web"}}));
        CHECK(nothing->toString() == "");

        auto everything = kp::labels::labelSelectorAsSelector(Json::parse("{}"), &error);
        REQUIRE(everything);
        CHECK(everything->empty());
        CHECK(everything->matches({{"app", "web"}}));
        CHECK(converted(R"({"matchLabels":{},"matchExpressions":[]})") == "");
    }
}

TEST_CASE("metav1 label selector conversion errors carry apimachinery's messages", "[labels]") {
    CHECK(converted(R"({"matchExpressions":[{"key":"tier","operator":"In","values":[]}]})") ==
          "ERR values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty");
    CHECK(converted(R"({"matchExpressions":[{"key":"tier","operator":"Exists","values":["a"]}]})") ==
          "ERR values: Invalid value: []string{\"a\"}: values set must be empty for exists and does not exist");
    CHECK(converted(R"({"matchExpressions":[{"key":"tier","operator":"Foo"}]})") ==
          "ERR \"Foo\" is not a valid label selector operator");
    CHECK(converted(R"({"matchExpressions":[{"key":"tier","operator":"Gt","values":["1"]}]})") ==
          "ERR \"Gt\" is not a valid label selector operator");
    CHECK(converted(R"({"matchLabels":{"bad key":"x"}})") == "ERR key: Invalid value: \"bad key\": name part " + kNameRule);
    CHECK(converted(R"({"matchExpressions":[{"key":"","operator":"Exists"}]})") ==
          "ERR key: Invalid value: \"\": name part must be non-empty; name part " + kNameRule);
    CHECK(converted(R"({"matchLabels":{"app":"-x"}})") == "ERR values[0][app]: Invalid value: \"-x\": " + kValueRule);
    CHECK(converted(R"({"matchExpressions":[{"key":"a","operator":"In","values":["x","-y","z$"]}]})") ==
          "ERR [values[1][a]: Invalid value: \"-y\": " + kValueRule + ", values[2][a]: Invalid value: \"z$\": " +
              kValueRule + "]");
}

TEST_CASE("formatLabelSelector prints <none> and <error> like kubectl describe", "[labels]") {
    CHECK(kp::labels::formatLabelSelector(Json::parse(R"({"matchLabels":{"app":"web"}})")) == "app=web");
    CHECK(kp::labels::formatLabelSelector(Json::parse("{}")) == "<none>");
    CHECK(kp::labels::formatLabelSelector(Json(nullptr)) == "<none>");
    CHECK(kp::labels::formatLabelSelector(Json::parse(R"({"matchExpressions":[{"key":"a","operator":"Nope"}]})")) ==
          "<error>");
}

TEST_CASE("formatLabels sorts whole key=value items and prints <none> when empty", "[labels]") {
    CHECK(kp::labels::formatLabels({}) == "<none>");
    CHECK(kp::labels::formatLabels({{"b", "1"}, {"a.b", "2"}, {"a", "3"}}) == "a.b=2,a=3,b=1");
    CHECK(kp::labels::toString({}) == "");
}

TEST_CASE("selectors built from label sets", "[labels]") {
    Selector s = Selector::fromSet({{"tier", "web"}, {"app", "shop"}});
    CHECK(s.toString() == "app=shop,tier=web");
    CHECK(s.requiresExactMatch("app") == std::optional<std::string>("shop"));
    CHECK_FALSE(s.requiresExactMatch("env").has_value());
    CHECK(Selector::fromSet({}).empty());

    std::string error;
    CHECK_FALSE(Selector::validatedFromSet({{"app", "-x"}}, &error));
    CHECK(error == "values[0][app]: Invalid value: \"-x\": " + kValueRule);
}
