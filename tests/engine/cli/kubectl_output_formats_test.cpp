// kubectl get -o custom-columns / custom-columns-file / go-template / go-template-file /
// template, and the two go-template forms the kubernetes.io tutorials use. Golden, plus unit
// tests of the custom-columns spec parsing.
#include <catch2/catch.hpp>

#include "cli/kubectl/template_printer.h"
#include "laptop.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("custom-columns specs parse as kubectl parses them", "[kubectl][custom-columns]") {
    std::vector<cli::CustomColumn> cols;
    std::string err;
    REQUIRE(cli::parseCustomColumnsSpec("NAME:metadata.name,IMAGE:.spec.containers[*].image,X:{.a},Y:{b.c}", cols, err));
    REQUIRE(cols.size() == 4);
    CHECK(cols[0].header == "NAME");
    CHECK(cols[0].fieldSpec == "{.metadata.name}");
    CHECK(cols[1].fieldSpec == "{.spec.containers[*].image}");
    CHECK(cols[2].fieldSpec == "{.a}");
    CHECK(cols[3].fieldSpec == "{.b.c}");
    // The header is what comes before the first colon; the rest must look like a path.
    REQUIRE(cli::parseCustomColumnsSpec("A:B:.c", cols, err));
    CHECK(cols[0].fieldSpec == "{.B:.c}");
    REQUIRE_FALSE(cli::parseCustomColumnsSpec("A:{b", cols, err));
    CHECK(err ==
          "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
    CHECK_FALSE(cli::parseCustomColumnsSpec("", cols, err));
    CHECK(err == "custom-columns format specified but no custom columns given");
    CHECK_FALSE(cli::parseCustomColumnsSpec("NAME:.a,AGE", cols, err));
    CHECK(err == "unexpected custom-columns spec: AGE, expected <header>:<json-path-expr>");
    // An empty path is kept empty (kubectl prints <none> in that column).
    REQUIRE(cli::parseCustomColumnsSpec("EMPTY:", cols, err));
    CHECK(cols[0].fieldSpec.empty());

    REQUIRE(cli::parseCustomColumnsTemplate("NAME   IMAGE\n.metadata.name  {.spec.image}\n", cols, err));
    CHECK(cols.size() == 2);
    CHECK(cols[1].fieldSpec == "{.spec.image}");
    CHECK_FALSE(cli::parseCustomColumnsTemplate("NAME IMAGE\n.metadata.name\n", cols, err));
    CHECK(err == "number of headers (2) and field specifications (1) don't match");
    CHECK_FALSE(cli::parseCustomColumnsTemplate("NAME\n", cols, err));
    CHECK(err ==
          "invalid template, missing spec line. Expected format is one line of space separated headers, one line of "
          "space separated column specs.");
}

TEST_CASE("kubectl get -o custom-columns and go-template", "[kubectl][golden]") {
    test::Laptop laptop;
    laptop.files.write("cols.txt", "NAME          TYPE        PORT\nmetadata.name .spec.type  {.spec.ports[0].port}\n");
    laptop.files.write("names.tmpl", "{{range .items}}{{.metadata.name}} {{.status.phase}}\n{{end}}");
    const std::string out = laptop.transcript(R"X(minikube start
kubectl create deployment web --image=nginx --replicas=2
kubectl expose deployment web --port=80 --type=NodePort
sleep 20
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image,NODE:.spec.nodeName
kubectl get pods -o custom-columns=NAME:metadata.name,MISSING:.spec.nope --no-headers
kubectl get deploy web -o custom-columns='NAME:{.metadata.name},REPLICAS:{.spec.replicas},LABELS:.metadata.labels'
kubectl get pods -o custom-columns --template=NAME:.metadata.name
kubectl get svc -o custom-columns-file=cols.txt
kubectl get svc -o custom-columns-file=cols.txt --no-headers
kubectl get pods -n nope -o custom-columns=NAME:.metadata.name
kubectl get pods -o custom-columns=
kubectl get pods -o custom-columns=NAME
kubectl get pods -o custom-columns=NAME:.metadata.name[
kubectl get pods -o custom-columns=NAME:{{.x}}
kubectl get pods -o custom-columns-file=nope.txt
kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}'
kubectl get services/web -o go-template='{{(index .spec.ports 0).nodePort}}'
echo
export NODE_PORT="$(kubectl get services/web -o go-template='{{(index .spec.ports 0).nodePort}}')"
echo NODE_PORT=$NODE_PORT
kubectl get deploy web -o template='{{.metadata.name}} wants {{.spec.replicas}} and has {{.status.readyReplicas}} {{.nope}}{{"\n"}}'
kubectl get pods -o go-template-file=names.tmpl
kubectl get deploy web -o go-template='{{.spec.replicas.x}}'
kubectl get deploy web -o go-template='{{.nope}}' --allow-missing-template-keys=false
kubectl get deploy web -o go-template='{{.metadata.name'
kubectl get deploy web -o go-template
kubectl get deploy web -o go-template-file=nope.tmpl
kubectl get deploy web -o go-template='{{len .metadata.labels}}{{"\n"}}')X");
    CHECK(test::matchesGolden("kubectl_output_formats.txt", out));
}

TEST_CASE("go-template and jsonpath on the objects the create generators print", "[kubectl][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"X(minikube start
kubectl create deployment x --image=nginx --dry-run=client -o jsonpath='{.metadata.name} {.spec.nope}{"\n"}'
kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{.metadata.name}} {{.nope}}{{"\n"}}'
kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{.spec.replicas.x}}'
kubectl create deployment x --image=nginx --dry-run=client -o jsonpath
kubectl create deployment x --image=nginx --dry-run=client -o 'jsonpath={.a[}'
kubectl create deployment x --image=nginx --dry-run=client -o go-template='{{.a'
kubectl create namespace x --dry-run=client -o template --template='{{.kind}}/{{.metadata.name}}{{"\n"}}'
kubectl create namespace demo -o go-template='{{.status.phase}}{{"\n"}}'
kubectl create deployment x --image=nginx --dry-run=client -o custom-columns=NAME:.metadata.name)X");
    CHECK(test::matchesGolden("kubectl_output_formats_create.txt", out));
}
