// The go-template engine against kubectl v1.32's own answers (go_template_cases.inc): output,
// parse errors and execution errors, letter for letter; plus Go's fmt of decoded values.
#include <catch2/catch.hpp>

#include "api/codec/go_format.h"
#include "api/go_template.h"

using namespace kp;

namespace {

// The object `kubectl create deployment x --image=nginx --dry-run=client` hands its printer.
const char* kDeployment = R"({"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"x","creationTimestamp":null,
"labels":{"app":"x"}},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":
{"creationTimestamp":null,"labels":{"app":"x"}},"spec":{"containers":[{"name":"nginx","image":"nginx","resources":{}}]}},
"strategy":{}},"status":{}})";

struct Case {
    const char* tmpl;
    const char* out;
    const char* error;
};

const Case kCases[] = {
#include "go_template_cases.inc"
};

}  // namespace

TEST_CASE("go-template output and errors match kubectl", "[api][go-template]") {
    const Json data = Json::parse(kDeployment);
    for (const Case& c : kCases) {
        INFO("template: " << c.tmpl);
        api::GoTemplate t;
        std::string err;
        if (!t.parse(c.tmpl, err)) {
            CHECK(err == c.error);
            continue;
        }
        std::string out;
        err = t.execute(data, out);
        CHECK(out == c.out);
        CHECK(err == c.error);
    }
}

TEST_CASE("go-template: the two forms the tutorials use", "[api][go-template]") {
    const Json list = Json::parse(R"({"apiVersion":"v1","kind":"List","items":[{"metadata":{"name":"a"}},
        {"metadata":{"name":"b"}}]})");
    api::GoTemplate names;
    std::string err;
    REQUIRE(names.parse(R"({{range .items}}{{.metadata.name}}{{"\n"}}{{end}})", err));
    std::string out;
    CHECK(names.execute(list, out).empty());
    CHECK(out == "a\nb\n");

    const Json svc = Json::parse(R"({"spec":{"ports":[{"port":8080,"nodePort":31234}]}})");
    api::GoTemplate port;
    REQUIRE(port.parse("{{(index .spec.ports 0).nodePort}}", err));
    out.clear();
    CHECK(port.execute(svc, out).empty());
    CHECK(out == "31234");
}

TEST_CASE("go-template: missingkey=error", "[api][go-template]") {
    api::GoTemplate t;
    std::string err;
    REQUIRE(t.parse("{{.a.b}}", err));  // a field chain's position is its second field's
    t.setMissingKeyError(true);
    std::string out;
    CHECK(t.execute(Json::parse(R"({"a":{}})"), out) ==
          R"(template: output:1:4: executing "output" at <.a.b>: map has no entry for key "b")");
}

TEST_CASE("goSprint prints decoded JSON as Go's fmt does", "[api][go-template]") {
    CHECK(api::goSprint(Json::parse(R"({"b":[1,"x",null,true],"a":{}})")) == "map[a:map[] b:[1 x <nil> true]]");
    CHECK(api::goSprint(Json(1000000.0)) == "1e+06");
    CHECK(api::goSprint(Json(123456.5)) == "123456.5");
    CHECK(api::goSprint(Json(0.00001)) == "1e-05");
    CHECK(api::goSprint(Json(0.5)) == "0.5");
    CHECK(codec::quoteGo("a\tb\"\n") == R"("a\tb\"\n")");
}

// docker's --format functions (docker/cli templates/templates.go), only in the docker set.
TEST_CASE("go-template has docker's functions when asked for them", "[api][go-template]") {
    const Json data = Json::parse(R"({"Name":"/k8s_web_x","Args":["-g","daemon off;"],"State":{"Status":"running"}})");
    auto run = [&](const char* text, api::TemplateFunctions set = api::TemplateFunctions::Docker) {
        api::GoTemplate t;
        t.setFunctions(set, [](const Json& j) { return "J" + j.dump(); });
        std::string error;
        if (!t.parse(text, error, ""))
            return error;
        std::string out;
        error = t.execute(data, out);
        return error.empty() ? out : error;
    };
    CHECK(run("{{json .State}}") == "J{\"Status\":\"running\"}");
    CHECK(run("{{split .Name \"_\"}}") == "[/k8s web x]");
    CHECK(run("{{join .Args \",\"}}") == "-g,daemon off;");
    CHECK(run("{{title \"daemon off\"}} {{upper .State.Status}} {{lower \"ABC\"}}") == "Daemon Off RUNNING abc");
    CHECK(run("[{{pad .State.Status 1 2}}][{{pad \"\" 1 1}}]") == "[ running  ][]");
    CHECK(run("{{truncate .State.Status 3}} {{truncate .State.Status 30}}") == "run running");
    CHECK(run("{{json .State}}", api::TemplateFunctions::Kubectl) == "template: :1: function \"json\" not defined");
    CHECK(run("{{exists . \"Name\"}}") == "template: :1: function \"exists\" not defined");
}
