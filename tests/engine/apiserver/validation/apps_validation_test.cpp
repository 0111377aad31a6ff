// Deployment, ReplicaSet, DaemonSet and StatefulSet validation messages.
#include <catch2/catch.hpp>

#include "apiserver/validation/kubectl_message.h"
#include "apiserver/validation/validate.h"

using namespace kp;
using namespace kp::validation;

namespace {

Json defaultedDeployment(const std::string& name = "web") {
    Json d = Json::parse(R"({
      "apiVersion": "apps/v1", "kind": "Deployment",
      "metadata": {"namespace": "default", "uid": "d1", "generation": 1},
      "spec": {
        "replicas": 1, "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600,
        "selector": {"matchLabels": {"app": "web"}},
        "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}},
        "template": {
          "metadata": {"labels": {"app": "web"}},
          "spec": {
            "containers": [{"name": "nginx", "image": "nginx", "imagePullPolicy": "Always",
                            "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
                            "resources": {}}],
            "restartPolicy": "Always", "dnsPolicy": "ClusterFirst", "terminationGracePeriodSeconds": 30,
            "schedulerName": "default-scheduler", "securityContext": {}
          }
        }
      }})");
    d["metadata"]["name"] = name;
    return d;
}

std::vector<std::string> messages(const FieldErrorList& errs) {
    std::vector<std::string> out;
    for (const auto& e : errs)
        out.push_back(e.toString());
    return out;
}

}  // namespace

TEST_CASE("a defaulted deployment is valid", "[validation]") {
    CHECK(validateCreate("Deployment", defaultedDeployment()).empty());
}

TEST_CASE("Hello_World is not a valid deployment name, as kubectl shows", "[validation]") {
    const Status status = checkCreate("Deployment", defaultedDeployment("Hello_World"));
    const std::string subdomainMsg =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
        "start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
        "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    CHECK(status.message() == "Deployment.apps \"Hello_World\" is invalid: metadata.name: Invalid value: \"Hello_World\": " + subdomainMsg);
    CHECK(kubectlErrorOutput(status) ==
          "The Deployment \"Hello_World\" is invalid: metadata.name: Invalid value: \"Hello_World\": " + subdomainMsg + "\n");
}

TEST_CASE("the selector must match the template labels", "[validation]") {
    Json d = defaultedDeployment();
    d["spec"]["template"]["metadata"]["labels"] = {{"app", "x"}};
    CHECK(messages(validateCreate("Deployment", d)) ==
          std::vector<std::string>{
              "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\"}: `selector` does not match template `labels`"});

    // Without a selector both problems are reported (a nil selector matches nothing).
    Json noSelector = defaultedDeployment();
    noSelector["spec"].erase("selector");
    CHECK(messages(validateCreate("Deployment", noSelector)) ==
          std::vector<std::string>{
              "spec.selector: Required value",
              "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`"});

    Json empty = defaultedDeployment();
    empty["spec"]["selector"] = Json::object();
    CHECK(messages(validateCreate("Deployment", empty)) ==
          std::vector<std::string>{
              "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), "
              "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"});
}

TEST_CASE("maxSurge and maxUnavailable may not both be zero", "[validation]") {
    Json d = defaultedDeployment();
    d["spec"]["strategy"]["rollingUpdate"] = {{"maxUnavailable", 0}, {"maxSurge", 0}};
    CHECK(messages(validateCreate("Deployment", d)) ==
          std::vector<std::string>{
              "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: "
              "may not be 0 when `maxSurge` is 0"});
    d["spec"]["strategy"]["rollingUpdate"] = {{"maxUnavailable", "150%"}, {"maxSurge", "x%"}};
    CHECK(messages(validateCreate("Deployment", d)) ==
          std::vector<std::string>{
              "spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"x%\"}: "
              "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex "
              "used for validation is '[0-9]+%')",
              "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"150%\"}: "
              "must not be greater than 100%"});
}

TEST_CASE("deployment counters must not be negative", "[validation]") {
    Json d = defaultedDeployment();
    d["spec"]["replicas"] = -1;
    d["spec"]["revisionHistoryLimit"] = -2;
    CHECK(messages(validateCreate("Deployment", d)) ==
          std::vector<std::string>{"spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                                   "spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0"});
    Json p = defaultedDeployment();
    p["spec"]["minReadySeconds"] = 600;
    CHECK(messages(validateCreate("Deployment", p)) ==
          std::vector<std::string>{"spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds"});
}

TEST_CASE("a deployment's selector is immutable", "[validation]") {
    Json old = defaultedDeployment();
    old["metadata"]["resourceVersion"] = "5";
    Json d = old;
    d["spec"]["selector"]["matchLabels"] = {{"app", "web2"}};
    d["spec"]["template"]["metadata"]["labels"] = {{"app", "web2"}};
    const Status status = checkUpdate("Deployment", d, old);
    CHECK(status.message() ==
          "Deployment.apps \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}, "
          "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
    // Scaling is fine.
    Json scaled = old;
    scaled["spec"]["replicas"] = 5;
    CHECK(validateUpdate("Deployment", scaled, old).empty());
}

TEST_CASE("controllers' pods must restart Always", "[validation]") {
    Json rs = defaultedDeployment();
    rs["kind"] = "ReplicaSet";
    rs["spec"].erase("strategy");
    rs["spec"].erase("revisionHistoryLimit");
    rs["spec"].erase("progressDeadlineSeconds");
    rs["spec"]["template"]["spec"]["restartPolicy"] = "OnFailure";
    CHECK(messages(validateCreate("ReplicaSet", rs)) ==
          std::vector<std::string>{"spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\""});
}

TEST_CASE("daemon sets need exactly one of maxSurge and maxUnavailable", "[validation]") {
    Json ds = defaultedDeployment();
    ds["kind"] = "DaemonSet";
    ds["spec"].erase("strategy");
    ds["spec"].erase("replicas");
    ds["spec"].erase("progressDeadlineSeconds");
    ds["spec"]["updateStrategy"] = {{"type", "RollingUpdate"}, {"rollingUpdate", {{"maxUnavailable", 0}, {"maxSurge", 0}}}};
    CHECK(messages(validateCreate("DaemonSet", ds)) ==
          std::vector<std::string>{"spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"});
    ds["spec"]["updateStrategy"]["rollingUpdate"] = {{"maxUnavailable", 1}, {"maxSurge", 1}};
    CHECK(messages(validateCreate("DaemonSet", ds)) ==
          std::vector<std::string>{
              "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:\"\"}: "
              "may not be set when maxUnavailable is non-zero"});
}

TEST_CASE("stateful set names are DNS labels and most of the spec is frozen", "[validation]") {
    Json sts = defaultedDeployment("db.1");
    sts["kind"] = "StatefulSet";
    sts["spec"].erase("strategy");
    sts["spec"].erase("progressDeadlineSeconds");
    sts["spec"]["podManagementPolicy"] = "OrderedReady";
    sts["spec"]["updateStrategy"] = {{"type", "RollingUpdate"}, {"rollingUpdate", {{"partition", 0}}}};
    sts["spec"]["serviceName"] = "db";
    CHECK(messages(validateCreate("StatefulSet", sts)) == std::vector<std::string>{"metadata.name: Invalid value: \"db.1\": must not contain dots"});

    sts["metadata"]["name"] = "db";
    CHECK(validateCreate("StatefulSet", sts).empty());
    Json old = sts;
    old["metadata"]["resourceVersion"] = "3";
    Json changed = old;
    changed["spec"]["serviceName"] = "other";
    CHECK(messages(validateUpdate("StatefulSet", changed, old)) ==
          std::vector<std::string>{"spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', "
                                   "'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"});
}
