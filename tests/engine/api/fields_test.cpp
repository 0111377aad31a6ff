// Field selectors: parsing/printing strings were checked against apimachinery v0.32
// fields.ParseSelector; the per-resource rules follow kubernetes v1.32's conversion functions
// and registry strategies.
#include <catch2/catch.hpp>

#include "api/fields.h"

using kp::Json;
using kp::fields::Selector;
using kp::fields::Set;

namespace {

std::string parsed(const std::string& text) {
    std::string error;
    auto s = Selector::parse(text, &error);
    return s ? s->toString() : "ERR " + error;
}

Selector parse(const std::string& text) {
    std::string error;
    auto s = Selector::parse(text, &error);
    REQUIRE(s);
    return *s;
}

std::string conversionError(const std::string& groupResource, const std::string& selector) {
    Selector s = parse(selector);
    kp::Status status = kp::fields::convertFieldSelector(groupResource, s);
    if (status.ok())
        return "ok: " + s.toString();
    return std::to_string(status.code()) + " " + status.reason() + ": " + status.message();
}

}  // namespace

TEST_CASE("field selectors parse =, == and != terms, sorted", "[fields]") {
    CHECK(parsed("metadata.name=web") == "metadata.name=web");
    CHECK(parsed("metadata.name==web") == "metadata.name=web");
    CHECK(parsed("status.phase!=Running,spec.nodeName=minikube") == "spec.nodeName=minikube,status.phase!=Running");
    CHECK(parsed("a=b\\,c,a!=x") == "a!=x,a=b\\,c");
    CHECK(parsed("") == "");
    // Empty terms and terms with neither field nor value disappear.
    CHECK(parsed(",=,a==b,") == "a=b");
    // Nothing is trimmed.
    Selector spaced = parse("a = b");
    REQUIRE(spaced.requirements().size() == 1);
    CHECK(spaced.requirements()[0].field == "a ");
    CHECK(spaced.requirements()[0].value == " b");
}

TEST_CASE("field selector values use backslash escapes", "[fields]") {
    Selector s = parse("a=b\\=c");
    CHECK(s.requirements()[0].value == "b=c");
    CHECK(s.toString() == "a=b\\=c");
    CHECK(parse("a=b\\,c").requirements()[0].value == "b,c");
    CHECK(parse("a=b\\\\c").requirements()[0].value == "b\\c");
    CHECK(kp::fields::escapeValue("a,b=c\\d") == "a\\,b\\=c\\\\d");
}

TEST_CASE("field selector syntax errors carry apimachinery's messages", "[fields]") {
    CHECK(parsed("foo") == "ERR invalid selector: 'foo'; can't understand 'foo'");
    CHECK(parsed("a=1,foo") == "ERR invalid selector: 'a=1,foo'; can't understand 'foo'");
    CHECK(parsed("a=b=c") == "ERR invalid field selector: unescaped character in value: 61");
    CHECK(parsed("a=b\\x") == "ERR invalid field selector: invalid escape sequence: \\x");
    CHECK(parsed("a=b\\") == "ERR invalid field selector: invalid escape sequence: \\");
}

TEST_CASE("field selectors match field sets; absent fields read as empty", "[fields]") {
    Set pod = {{"status.phase", "Pending"}, {"spec.nodeName", "minikube"}};
    CHECK(parse("status.phase!=Running,spec.nodeName=minikube").matches(pod));
    CHECK_FALSE(parse("status.phase=Running").matches(pod));
    CHECK(parse("spec.schedulerName=").matches(pod));
    CHECK(parse("spec.schedulerName!=x").matches(pod));
    CHECK(Selector::everything().matches(pod));
    CHECK_FALSE(Selector::nothing().matches(pod));
}

TEST_CASE("field selectors report a required exact name", "[fields]") {
    CHECK(parse("metadata.name=web").requiresExactMatch("metadata.name") == std::optional<std::string>("web"));
    CHECK_FALSE(parse("metadata.name!=web").requiresExactMatch("metadata.name").has_value());
    CHECK(Selector::oneTermEqual("metadata.name", "hello").toString() == "metadata.name=hello");
}

TEST_CASE("unsupported field labels are 400 BadRequest with the scheme's message", "[fields]") {
    CHECK(conversionError("pods", "spec.foo=x") == "400 BadRequest: field label not supported: spec.foo");
    CHECK(conversionError("events", "involvedObject.foo=x") ==
          "400 BadRequest: field label not supported: involvedObject.foo");
    CHECK(conversionError("nodes", "metadata.namespace=x") ==
          "400 BadRequest: field label not supported: metadata.namespace");
    CHECK(conversionError("jobs.batch", "status.active=1") ==
          "400 BadRequest: field label \"status.active\" not supported for Job");
    CHECK(conversionError("deployments.apps", "spec.replicas=1") ==
          "400 BadRequest: \"spec.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
    // apps/v1 registers no conversion for ReplicaSet, so status.replicas is refused (kubernetes#135136).
    CHECK(conversionError("replicasets.apps", "status.replicas=0") ==
          "400 BadRequest: \"status.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
    // Untrimmed labels stay in the message.
    CHECK(conversionError("pods", "status.phase =Running") == "400 BadRequest: field label not supported: status.phase ");
    // Terms are checked in sorted order: "a..." before "z...".
    CHECK(conversionError("pods", "z.bad=1,a.bad=1") == "400 BadRequest: field label not supported: a.bad");
}

TEST_CASE("supported field labels convert to the names the registry exposes", "[fields]") {
    CHECK(conversionError("pods", "spec.host=minikube,status.phase=Running") ==
          "ok: spec.nodeName=minikube,status.phase=Running");
    CHECK(conversionError("events", "involvedObject.name=web,involvedObject.namespace=default,involvedObject.uid=u1") ==
          "ok: involvedObject.name=web,involvedObject.namespace=default,involvedObject.uid=u1");
    CHECK(conversionError("events.events.k8s.io", "regarding.name=web,reportingController=kubelet") ==
          "ok: involvedObject.name=web,reportingComponent=kubelet");
    CHECK(conversionError("nodes", "spec.unschedulable=true") == "ok: spec.unschedulable=true");
    CHECK(conversionError("namespaces", "status.phase=Active") == "ok: status.phase=Active");
    CHECK(conversionError("secrets", "type=kubernetes.io/tls") == "ok: type=kubernetes.io/tls");
    CHECK(conversionError("services", "spec.type=NodePort,spec.clusterIP=None") == "ok: spec.clusterIP=None,spec.type=NodePort");
    CHECK(conversionError("replicationcontrollers", "status.replicas=2") == "ok: status.replicas=2");
    CHECK(conversionError("jobs.batch", "status.successful=1") == "ok: status.successful=1");
    CHECK(conversionError("configmaps", "metadata.namespace=default,metadata.name=x") ==
          "ok: metadata.name=x,metadata.namespace=default");
    CHECK(kp::fields::validateFieldSelector("pods", parse("spec.nodeName=a")).ok());
}

TEST_CASE("pods expose their selectable fields", "[fields]") {
    Json pod = Json::parse(R"({
        "metadata": {"name": "web-1", "namespace": "default"},
        "spec": {"nodeName": "minikube", "restartPolicy": "Always", "schedulerName": "default-scheduler",
                 "serviceAccount": "builder"},
        "status": {"phase": "Running", "podIPs": [{"ip": "10.244.0.5"}], "nominatedNodeName": ""}
    })");
    Set f = kp::fields::selectableFields("pods", pod);
    CHECK(f == Set{{"metadata.name", "web-1"},
                   {"metadata.namespace", "default"},
                   {"spec.hostNetwork", "false"},
                   {"spec.nodeName", "minikube"},
                   {"spec.restartPolicy", "Always"},
                   {"spec.schedulerName", "default-scheduler"},
                   {"spec.serviceAccountName", "builder"},
                   {"status.nominatedNodeName", ""},
                   {"status.phase", "Running"},
                   {"status.podIP", "10.244.0.5"}});

    pod["spec"]["hostNetwork"] = true;
    CHECK(kp::fields::selectableFields("pods", pod).at("spec.hostNetwork") == "true");
    // status.podIPs is accepted but never exposed: it only equals "".
    CHECK_FALSE(parse("status.podIPs=10.244.0.5").matches(f));
}

TEST_CASE("events expose involvedObject, source and reportingComponent", "[fields]") {
    Json core = Json::parse(R"({
        "metadata": {"name": "web.17b2c4f9a8e3d1c2", "namespace": "default"},
        "involvedObject": {"kind": "Pod", "namespace": "default", "name": "web", "uid": "u1",
                           "apiVersion": "v1", "resourceVersion": "42", "fieldPath": "spec.containers{nginx}"},
        "reason": "Pulled", "type": "Normal", "source": {"component": "kubelet", "host": "minikube"},
        "reportingComponent": ""
    })");
    Set f = kp::fields::selectableFields("events", core);
    CHECK(f.at("involvedObject.kind") == "Pod");
    CHECK(f.at("involvedObject.uid") == "u1");
    CHECK(f.at("involvedObject.fieldPath") == "spec.containers{nginx}");
    CHECK(f.at("source") == "kubelet");
    CHECK(f.at("reportingComponent") == "");
    CHECK(f.at("metadata.namespace") == "default");
    CHECK(parse("involvedObject.name=web,involvedObject.namespace=default,involvedObject.uid=u1").matches(f));

    Json v1 = Json::parse(R"({
        "metadata": {"name": "e", "namespace": "default"},
        "regarding": {"kind": "Deployment", "name": "hello"},
        "reason": "ScalingReplicaSet", "type": "Normal", "reportingController": "deployment-controller"
    })");
    Set g = kp::fields::selectableFields("events.events.k8s.io", v1);
    CHECK(g.at("involvedObject.kind") == "Deployment");
    CHECK(g.at("reportingComponent") == "deployment-controller");
    CHECK(g.at("source") == "deployment-controller");  // no deprecatedSource: falls back
}

TEST_CASE("other resources expose their registered fields", "[fields]") {
    using kp::fields::selectableFields;
    CHECK(selectableFields("nodes", Json::parse(R"({"metadata":{"name":"m"},"spec":{"unschedulable":true}})")) ==
          Set{{"metadata.name", "m"}, {"spec.unschedulable", "true"}});
    CHECK(selectableFields("nodes", Json::parse(R"({"metadata":{"name":"m"}})")).at("spec.unschedulable") == "false");
    CHECK(selectableFields("namespaces", Json::parse(R"({"metadata":{"name":"demo"},"status":{"phase":"Terminating"}})")) ==
          Set{{"metadata.name", "demo"}, {"name", "demo"}, {"status.phase", "Terminating"}});
    CHECK(selectableFields("secrets", Json::parse(R"({"metadata":{"name":"s","namespace":"d"},"type":"Opaque"})")) ==
          Set{{"metadata.name", "s"}, {"metadata.namespace", "d"}, {"type", "Opaque"}});
    CHECK(selectableFields("services", Json::parse(R"({"metadata":{"name":"s","namespace":"d"},"spec":{"type":"ClusterIP","clusterIP":"10.96.0.10"}})")) ==
          Set{{"metadata.name", "s"}, {"metadata.namespace", "d"}, {"spec.clusterIP", "10.96.0.10"}, {"spec.type", "ClusterIP"}});
    CHECK(selectableFields("jobs.batch", Json::parse(R"({"metadata":{"name":"j","namespace":"d"},"status":{"succeeded":1}})"))
              .at("status.successful") == "1");
    CHECK(selectableFields("replicationcontrollers", Json::parse(R"({"metadata":{"name":"r","namespace":"d"}})"))
              .at("status.replicas") == "0");
    CHECK(selectableFields("deployments.apps", Json::parse(R"({"metadata":{"name":"hello","namespace":"d"}})")) ==
          Set{{"metadata.name", "hello"}, {"metadata.namespace", "d"}});
    CHECK(selectableFields("clusterroles.rbac.authorization.k8s.io", Json::parse(R"({"metadata":{"name":"admin"}})")) ==
          Set{{"metadata.name", "admin"}});
}
