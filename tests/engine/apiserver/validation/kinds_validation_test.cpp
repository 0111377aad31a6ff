// Name rules per kind and the main rules of the other kinds (ConfigMap, Secret, Namespace,
// Job, CronJob, Ingress, RBAC, PDB, HPA, ...).
#include <catch2/catch.hpp>

#include "apiserver/validation/batch_validation.h"
#include "apiserver/validation/cron_schedule.h"
#include "apiserver/validation/validate.h"

using namespace kp;
using namespace kp::validation;

namespace {

std::vector<std::string> messages(const FieldErrorList& errs) {
    std::vector<std::string> out;
    for (const auto& e : errs)
        out.push_back(e.toString());
    return out;
}

Json object(const std::string& kind, const std::string& name, bool namespaced = true) {
    Json o = {{"kind", kind}, {"metadata", {{"name", name}, {"uid", "u-1"}}}};
    if (namespaced)
        o["metadata"]["namespace"] = "default";
    return o;
}

Json podTemplate(const std::string& restartPolicy) {
    Json t = Json::parse(R"({"metadata":{"labels":{"app":"x"}},"spec":{
        "containers":[{"name":"c","image":"busybox","imagePullPolicy":"Always","terminationMessagePath":"/dev/termination-log",
                       "terminationMessagePolicy":"File","resources":{}}],
        "dnsPolicy":"ClusterFirst","terminationGracePeriodSeconds":30,"schedulerName":"default-scheduler","securityContext":{}}})");
    t["spec"]["restartPolicy"] = restartPolicy;
    return t;
}

}  // namespace

TEST_CASE("each kind has its name rule", "[validation]") {
    CHECK(nameValidatorFor("Namespace")("my.ns", false) == Messages{"must not contain dots"});
    CHECK(nameValidatorFor("ConfigMap")("my.config", false).empty());
    CHECK(nameValidatorFor("Node")("worker-1.example.com", false).empty());
    CHECK(nameValidatorFor("Role")("system:leader-locking", false).empty());
    CHECK(nameValidatorFor("Role")("a/b", false) == Messages{"may not contain '/'"});

    CHECK(messages(validateCreate("Namespace", object("Namespace", "Team_A", false))) ==
          std::vector<std::string>{
              "metadata.name: Invalid value: \"Team_A\": a lowercase RFC 1123 label must consist of lower case "
              "alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  "
              "or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"});
    CHECK(messages(validateCreate("ClusterRole", object("ClusterRole", "..", false))) ==
          std::vector<std::string>{"metadata.name: Invalid value: \"..\": may not be '..'"});
    // PodDisruptionBudget only gets the generic path-segment rule.
    Json pdb = object("PodDisruptionBudget", "50%");
    pdb["spec"] = {{"minAvailable", 1}, {"selector", {{"matchLabels", {{"app", "x"}}}}}};
    CHECK(messages(validateCreate("PodDisruptionBudget", pdb)) ==
          std::vector<std::string>{"metadata.name: Invalid value: \"50%\": may not contain '%'"});
}

TEST_CASE("namespaced and cluster-scoped metadata", "[validation]") {
    Json cm = object("ConfigMap", "cfg");
    cm["metadata"].erase("namespace");
    CHECK(messages(validateCreate("ConfigMap", cm)) == std::vector<std::string>{"metadata.namespace: Required value"});
    Json node = object("Node", "n1", false);
    node["metadata"]["namespace"] = "default";
    CHECK(messages(validateCreate("Node", node)) ==
          std::vector<std::string>{"metadata.namespace: Forbidden: not allowed on this type"});
}

TEST_CASE("ConfigMaps check keys and their 1 MiB limit", "[validation]") {
    Json cm = object("ConfigMap", "cfg");
    cm["data"] = {{"ok.key", "v"}, {"bad/key", "v"}};
    CHECK(messages(validateCreate("ConfigMap", cm)) ==
          std::vector<std::string>{
              "data[bad/key]: Invalid value: \"bad/key\": a valid config key must consist of alphanumeric characters, "
              "'-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"});
    Json big = object("ConfigMap", "big");
    big["data"] = {{"a", std::string(1024 * 1024 + 1, 'x')}};
    CHECK(messages(validateCreate("ConfigMap", big)) == std::vector<std::string>{"[]: Too long: may not be more than 1048576 bytes"});

    Json old = object("ConfigMap", "cfg");
    old["metadata"]["resourceVersion"] = "1";
    old["immutable"] = true;
    old["data"] = {{"a", "1"}};
    Json changed = old;
    changed["data"]["a"] = "2";
    CHECK(messages(validateUpdate("ConfigMap", changed, old)) ==
          std::vector<std::string>{"data: Forbidden: field is immutable when `immutable` is set"});
}

TEST_CASE("Secrets check their type's required keys and keep their type", "[validation]") {
    Json tls = object("Secret", "cert");
    tls["type"] = "kubernetes.io/tls";
    tls["data"] = {{"tls.crt", "Y2VydA=="}};
    CHECK(messages(validateCreate("Secret", tls)) == std::vector<std::string>{"data[tls.key]: Required value"});
    Json old = object("Secret", "s");
    old["metadata"]["resourceVersion"] = "1";
    old["type"] = "Opaque";
    Json changed = old;
    changed["type"] = "kubernetes.io/basic-auth";
    changed["stringData"] = {{"username", "u"}};
    CHECK(messages(validateUpdate("Secret", changed, old)) ==
          std::vector<std::string>{"type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable"});
}

TEST_CASE("Jobs need OnFailure or Never and the generated selector", "[validation]") {
    Json job = object("Job", "pi");
    job["spec"] = {{"template", podTemplate("Always")}, {"backoffLimit", 6}, {"completions", 1}, {"parallelism", 1},
                   {"completionMode", "NonIndexed"}};
    generateJobSelector(job);
    CHECK(job["spec"]["selector"]["matchLabels"]["batch.kubernetes.io/controller-uid"] == "u-1");
    CHECK(job["spec"]["template"]["metadata"]["labels"]["job-name"] == "pi");
    CHECK(messages(validateCreate("Job", job)) ==
          std::vector<std::string>{"spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""});
    job["spec"]["template"]["spec"]["restartPolicy"] = "Never";
    CHECK(validateCreate("Job", job).empty());

    Json old = job;
    old["metadata"]["resourceVersion"] = "4";
    Json changed = old;
    changed["spec"]["template"]["spec"]["containers"][0]["image"] = "perl";
    CHECK(messages(validateUpdate("Job", changed, old)) ==
          std::vector<std::string>{"spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable"});

    Json noSelector = object("Job", "pi");
    noSelector["spec"] = {{"template", podTemplate("Never")}};
    CHECK(messages(validateCreate("Job", noSelector)) ==
          std::vector<std::string>{"spec.selector: Required value",
                                   "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\"}: `selector` does not match template `labels`"});
}

TEST_CASE("CronJob schedules are parsed like robfig/cron", "[validation]") {
    CHECK(cronScheduleError("*/5 * * * *").empty());
    CHECK(cronScheduleError("@hourly").empty());
    CHECK(cronScheduleError("@every 1h30m").empty());
    CHECK(cronScheduleError("* * *") == "expected exactly 5 fields, found 3: [* * *]");
    CHECK(cronScheduleError("61 * * * *") == "end of range (61) above maximum (59): 61");
    CHECK(cronScheduleError("x * * * *") == "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax");
    CHECK(cronScheduleError("0 0 0 * *") == "beginning of range (0) below minimum (1): 0");
    CHECK(cronScheduleError("@sometimes") == "unrecognized descriptor: @sometimes");
    CHECK(cronScheduleError("@every 5") == "failed to parse duration @every 5: time: missing unit in duration \"5\"");
    CHECK(cronScheduleError("0 9 * * mon-fri").empty());

    Json cj = object("CronJob", std::string(53, 'c'));
    cj["spec"] = {{"schedule", "* * *"}, {"concurrencyPolicy", "Allow"},
                  {"jobTemplate", {{"spec", {{"template", podTemplate("OnFailure")}}}}}};
    CHECK(messages(validateCreate("CronJob", cj)) ==
          std::vector<std::string>{"spec.schedule: Invalid value: \"* * *\": expected exactly 5 fields, found 3: [* * *]",
                                   "metadata.name: Invalid value: \"" + std::string(53, 'c') + "\": must be no more than 52 characters"});
}

TEST_CASE("Ingress paths need a pathType and an absolute path", "[validation]") {
    Json ing = object("Ingress", "web");
    ing["spec"] = Json::parse(R"({"rules":[{"host":"example.com","http":{"paths":[
        {"path":"api","pathType":"Prefix","backend":{"service":{"name":"api","port":{"number":80}}}},
        {"path":"/","backend":{"service":{"name":"web","port":{"number":80}}}},
        {"path":"/x","pathType":"Regex","backend":{"service":{"name":"Web","port":{"number":80}}}}]}}]})");
    CHECK(messages(validateCreate("Ingress", ing)) ==
          std::vector<std::string>{
              "spec.rules[0].http.paths[0].path: Invalid value: \"api\": must be an absolute path",
              "spec.rules[0].http.paths[1].pathType: Required value: pathType must be specified",
              "spec.rules[0].http.paths[2].pathType: Unsupported value: \"Regex\": supported values: \"Exact\", \"ImplementationSpecific\", \"Prefix\"",
              "spec.rules[0].http.paths[2].backend.service.name: Invalid value: \"Web\": a DNS-1035 label must consist "
              "of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an "
              "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"});
    Json empty = object("Ingress", "none");
    empty["spec"] = Json::object();
    CHECK(messages(validateCreate("Ingress", empty)) ==
          std::vector<std::string>{"spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified"});
}

TEST_CASE("RBAC bindings refer to roles in the RBAC group", "[validation]") {
    Json rb = object("RoleBinding", "read");
    rb["roleRef"] = {{"apiGroup", "rbac.authorization.k8s.io"}, {"kind", "Deployment"}, {"name", "reader"}};
    rb["subjects"] = Json::array({{{"kind", "ServiceAccount"}, {"name", "default"}, {"namespace", "default"}}});
    CHECK(messages(validateCreate("RoleBinding", rb)) ==
          std::vector<std::string>{"roleRef.kind: Unsupported value: \"Deployment\": supported values: \"Role\", \"ClusterRole\""});
    rb["roleRef"]["kind"] = "Role";
    CHECK(validateCreate("RoleBinding", rb).empty());
    Json old = rb;
    old["metadata"]["resourceVersion"] = "2";
    Json changed = old;
    changed["roleRef"]["name"] = "admin";
    CHECK(messages(validateUpdate("RoleBinding", changed, old)) ==
          std::vector<std::string>{"roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"Role\", Name:\"admin\"}: cannot change roleRef"});
    Json role = object("Role", "reader");
    role["rules"] = Json::array({{{"apiGroups", {""}}, {"resources", {"pods"}}}});
    CHECK(messages(validateCreate("Role", role)) ==
          std::vector<std::string>{"rules[0].verbs: Required value: verbs must contain at least one value"});
}

TEST_CASE("HorizontalPodAutoscalers bound their replicas", "[validation]") {
    Json hpa = object("HorizontalPodAutoscaler", "web");
    hpa["apiVersion"] = "autoscaling/v2";
    hpa["spec"] = {{"scaleTargetRef", {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"name", "web"}}},
                   {"minReplicas", 3}, {"maxReplicas", 2}};
    CHECK(messages(validateCreate("HorizontalPodAutoscaler", hpa)) ==
          std::vector<std::string>{"spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`"});
}

TEST_CASE("PodDisruptionBudgets take one of minAvailable and maxUnavailable", "[validation]") {
    Json pdb = object("PodDisruptionBudget", "web");
    pdb["spec"] = {{"minAvailable", "120%"}, {"selector", {{"matchLabels", {{"app", "web"}}}}}};
    CHECK(messages(validateCreate("PodDisruptionBudget", pdb)) ==
          std::vector<std::string>{"spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"120%\"}: must not be greater than 100%"});
}

TEST_CASE("Endpoints and EndpointSlices reject special addresses", "[validation]") {
    Json ep = object("Endpoints", "web");
    ep["subsets"] = Json::array({{{"addresses", Json::array({{{"ip", "127.0.0.1"}}})}, {"ports", Json::array({{{"port", 80}, {"protocol", "TCP"}}})}}});
    CHECK(messages(validateCreate("Endpoints", ep)) ==
          std::vector<std::string>{"subsets[0].addresses[0].ip: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)"});
    Json slice = object("EndpointSlice", "web-abc");
    slice["addressType"] = "IPv4";
    slice["endpoints"] = Json::array({{{"addresses", Json::array()}}});
    CHECK(messages(validateCreate("EndpointSlice", slice)) ==
          std::vector<std::string>{"endpoints[0].addresses: Required value: must contain at least 1 address"});
}

TEST_CASE("Lease durations must be positive", "[validation]") {
    Json lease = object("Lease", "minikube");
    lease["spec"] = {{"holderIdentity", "minikube"}, {"leaseDurationSeconds", 0}};
    CHECK(messages(validateCreate("Lease", lease)) ==
          std::vector<std::string>{"spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0"});
}

TEST_CASE("PersistentVolumeClaims need an access mode and a storage request", "[validation]") {
    Json pvc = object("PersistentVolumeClaim", "data");
    pvc["spec"] = {{"resources", Json::object()}, {"volumeMode", "Filesystem"}};
    CHECK(messages(validateCreate("PersistentVolumeClaim", pvc)) ==
          std::vector<std::string>{"spec.accessModes: Required value: at least 1 access mode is required",
                                   "spec.resources[storage]: Required value"});
}

TEST_CASE("unknown kinds get the generic metadata rules", "[validation]") {
    Json widget = {{"kind", "Widget"}, {"metadata", {{"name", "a/b"}, {"namespace", "default"}}}};
    CHECK(messages(validateCreate("Widget", widget)) == std::vector<std::string>{"metadata.name: Invalid value: \"a/b\": may not contain '/'"});
}
