// Pod validation on create and update: the messages a learner gets from `kubectl apply`.
#include <catch2/catch.hpp>

#include "apiserver/validation/kubectl_message.h"
#include "apiserver/validation/validate.h"

using namespace kp;
using namespace kp::validation;

namespace {

// A Pod as the apiserver holds it after defaulting.
Json defaultedPod() {
    return Json::parse(R"({
      "apiVersion": "v1", "kind": "Pod",
      "metadata": {"name": "web", "namespace": "default", "uid": "7b1c", "labels": {"app": "web"}},
      "spec": {
        "containers": [{"name": "web", "image": "nginx", "imagePullPolicy": "Always",
                        "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
                        "resources": {}, "ports": [{"containerPort": 80, "protocol": "TCP"}]}],
        "restartPolicy": "Always", "dnsPolicy": "ClusterFirst", "terminationGracePeriodSeconds": 30,
        "schedulerName": "default-scheduler", "securityContext": {}, "enableServiceLinks": true
      }})");
}

std::vector<std::string> messages(const FieldErrorList& errs) {
    std::vector<std::string> out;
    for (const auto& e : errs)
        out.push_back(e.toString());
    return out;
}

}  // namespace

TEST_CASE("a defaulted pod is valid", "[validation]") { CHECK(validateCreate("Pod", defaultedPod()).empty()); }

TEST_CASE("a pod as admission completes it (token volume, tolerations) is valid", "[validation]") {
    Json pod = defaultedPod();
    pod["spec"]["serviceAccountName"] = "default";
    pod["spec"]["serviceAccount"] = "default";
    pod["spec"]["volumes"] = Json::parse(R"([{"name": "kube-api-access-x7k2p", "projected": {"defaultMode": 420, "sources": [
        {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
        {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
        {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}}]}}])");
    pod["spec"]["containers"][0]["volumeMounts"] = Json::parse(
        R"([{"name": "kube-api-access-x7k2p", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": true}])");
    pod["spec"]["tolerations"] = Json::parse(R"([
        {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
        {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}])");
    pod["spec"]["priority"] = 0;
    pod["spec"]["preemptionPolicy"] = "PreemptLowerPriority";
    CHECK(validateCreate("Pod", pod).empty());
    // Without a service account the token projection is forbidden.
    pod["spec"].erase("serviceAccountName");
    pod["spec"].erase("serviceAccount");
    CHECK(messages(validateCreate("Pod", pod)) ==
          std::vector<std::string>{"spec.volumes[0].projected.sources[0].serviceAccountToken: Forbidden: must not be specified when serviceAccountName is not set"});
}

TEST_CASE("tolerations need Exists for an empty key and NoExecute for tolerationSeconds", "[validation]") {
    Json pod = defaultedPod();
    pod["spec"]["tolerations"] = Json::parse(R"([{"operator": "Equal", "value": "x", "tolerationSeconds": 5}])");
    CHECK(messages(validateCreate("Pod", pod)) ==
          std::vector<std::string>{
              "spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
              "spec.tolerations[0].effect: Invalid value: \"\": effect must be 'NoExecute' when `tolerationSeconds` is set"});
}

TEST_CASE("a pod without a name needs name or generateName", "[validation]") {
    Json pod = defaultedPod();
    pod["metadata"].erase("name");
    CHECK(messages(validateCreate("Pod", pod)) ==
          std::vector<std::string>{"metadata.name: Required value: name or generateName is required"});
}

TEST_CASE("a container without an image is rejected", "[validation]") {
    Json pod = defaultedPod();
    pod["spec"]["containers"][0].erase("image");
    const Status status = checkCreate("Pod", pod);
    CHECK(status.message() == "Pod \"web\" is invalid: spec.containers[0].image: Required value");
    CHECK(kubectlErrorOutput(status) == "The Pod \"web\" is invalid: spec.containers[0].image: Required value\n");
}

TEST_CASE("container ports must be in range", "[validation]") {
    Json pod = defaultedPod();
    pod["spec"]["containers"][0]["ports"][0]["containerPort"] = 70000;
    CHECK(messages(validateCreate("Pod", pod)) ==
          std::vector<std::string>{"spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"});
    pod["spec"]["containers"][0]["ports"][0]["containerPort"] = 0;
    CHECK(messages(validateCreate("Pod", pod)) ==
          std::vector<std::string>{"spec.containers[0].ports[0].containerPort: Required value"});
}

TEST_CASE("container names must be unique DNS labels", "[validation]") {
    Json pod = defaultedPod();
    pod["spec"]["containers"].push_back(pod["spec"]["containers"][0]);
    pod["spec"]["containers"][1]["ports"] = Json::array();
    CHECK(messages(validateCreate("Pod", pod)) ==
          std::vector<std::string>{"spec.containers[1].name: Duplicate value: \"web\""});
    pod["spec"]["containers"][1]["name"] = "Web_2";
    CHECK(messages(validateCreate("Pod", pod)) ==
          std::vector<std::string>{
              "spec.containers[1].name: Invalid value: \"Web_2\": a lowercase RFC 1123 label must consist of lower case "
              "alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  "
              "or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"});
}

TEST_CASE("an unknown restartPolicy lists the supported values", "[validation]") {
    Json pod = defaultedPod();
    pod["spec"]["restartPolicy"] = "Sometimes";
    CHECK(messages(validateCreate("Pod", pod)) ==
          std::vector<std::string>{"spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""});
    pod["spec"]["restartPolicy"] = "Always";
    pod["spec"]["dnsPolicy"] = "Cluster";
    CHECK(messages(validateCreate("Pod", pod)) ==
          std::vector<std::string>{"spec.dnsPolicy: Unsupported value: \"Cluster\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\""});
}

TEST_CASE("resource requests may not exceed limits", "[validation]") {
    Json pod = defaultedPod();
    pod["spec"]["containers"][0]["resources"] = {{"limits", {{"cpu", "500m"}, {"memory", "128Mi"}}},
                                                 {"requests", {{"cpu", "1"}, {"memory", "0.25Gi"}}}};
    CHECK(messages(validateCreate("Pod", pod)) ==
          std::vector<std::string>{
              "spec.containers[0].resources.requests: Invalid value: \"1\": must be less than or equal to cpu limit of 500m",
              "spec.containers[0].resources.requests: Invalid value: \"256Mi\": must be less than or equal to memory limit of 128Mi"});
    pod["spec"]["containers"][0]["resources"] = {{"limits", {{"gpu", "1"}}}};
    CHECK(messages(validateCreate("Pod", pod)) ==
          std::vector<std::string>{
              "spec.containers[0].resources.limits[gpu]: Invalid value: gpu: must be a standard resource type or fully qualified",
              "spec.containers[0].resources.limits[gpu]: Invalid value: gpu: must be a standard resource for containers"});
}

TEST_CASE("env vars, mounts and probes report their paths", "[validation]") {
    Json pod = defaultedPod();
    Json& c = pod["spec"]["containers"][0];
    c["env"] = Json::array({{{"name", "A=B"}, {"value", "x"}}, {{"name", "REF"}, {"valueFrom", Json::object()}}});
    c["volumeMounts"] = Json::array({{{"name", "data"}, {"mountPath", "/data"}}});
    c["livenessProbe"] = {{"httpGet", {{"path", "/"}, {"port", 80}, {"scheme", "HTTP"}}}, {"timeoutSeconds", 1},
                          {"periodSeconds", 10}, {"successThreshold", 2}, {"failureThreshold", 3}};
    CHECK(messages(validateCreate("Pod", pod)) ==
          std::vector<std::string>{
              "spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
              "spec.containers[0].env[1].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
              "spec.containers[0].volumeMounts[0].name: Not found: \"data\"",
              "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"});
}

TEST_CASE("volumes need exactly one source", "[validation]") {
    Json pod = defaultedPod();
    pod["spec"]["volumes"] = Json::array({{{"name", "cache"}},
                                          {{"name", "both"}, {"emptyDir", Json::object()}, {"configMap", {{"name", "cfg"}}}}});
    CHECK(messages(validateCreate("Pod", pod)) ==
          std::vector<std::string>{"spec.volumes[0]: Required value: must specify a volume type",
                                   "spec.volumes[1].configMap: Forbidden: may not specify more than 1 volume type"});
}

TEST_CASE("pod updates may only change images and a few fields", "[validation]") {
    Json old = defaultedPod();
    old["metadata"]["resourceVersion"] = "10";
    Json pod = old;
    pod["spec"]["containers"][0]["image"] = "nginx:1.27";
    CHECK(validateUpdate("Pod", pod, old).empty());

    pod["spec"]["restartPolicy"] = "Never";
    const FieldErrorList errs = validateUpdate("Pod", pod, old);
    REQUIRE(errs.size() == 1);
    CHECK(errs[0].field == "spec");
    const std::string firstLine = errs[0].toString().substr(0, errs[0].toString().find('\n'));
    CHECK(firstLine ==
          "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"
          "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing "
          "tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)");
    CHECK(errs[0].detail.find("- \tRestartPolicy: \"Always\",\n+ \tRestartPolicy: \"Never\",") != std::string::npos);

    Json removed = old;
    removed["spec"]["containers"] = Json::array();
    CHECK(messages(validateUpdate("Pod", removed, old)) ==
          std::vector<std::string>{"spec.containers: Required value",
                                   "spec.containers: Forbidden: pod updates may not add or remove containers"});
}

TEST_CASE("metadata is immutable where Kubernetes says so", "[validation]") {
    Json old = defaultedPod();
    old["metadata"]["resourceVersion"] = "10";
    Json pod = old;
    pod["metadata"]["namespace"] = "other";
    CHECK(messages(validateUpdate("Pod", pod, old)) ==
          std::vector<std::string>{"metadata.namespace: Invalid value: \"other\": field is immutable",
                                   "metadata.namespace: Invalid value: \"other\": field is immutable"});
    // The 422 message shows the repeated error once, the causes keep both.
    const Status status = checkUpdate("Pod", pod, old);
    CHECK(status.message() == "Pod \"web\" is invalid: metadata.namespace: Invalid value: \"other\": field is immutable");
    CHECK(status.details().causes.size() == 2);

    Json noVersion = old;
    noVersion["metadata"].erase("resourceVersion");
    CHECK(validateUpdate("Pod", noVersion, old)[0].toString() ==
          "metadata.resourceVersion: Invalid value: \"\": must be specified for an update");
}

TEST_CASE("labels and annotations are checked on every object", "[validation]") {
    Json pod = defaultedPod();
    pod["metadata"]["labels"] = {{"app", "-bad-"}, {"bad key!", "x"}};
    const auto errs = messages(validateCreate("Pod", pod));
    REQUIRE(errs.size() == 2);
    CHECK(errs[0].rfind("metadata.labels: Invalid value: \"-bad-\": a valid label must be an empty string", 0) == 0);
    CHECK(errs[1].rfind("metadata.labels: Invalid value: \"bad key!\": name part must consist of alphanumeric", 0) == 0);

    Json big = defaultedPod();
    big["metadata"]["annotations"] = {{"note", std::string(256 * 1024, 'x')}};
    CHECK(messages(validateCreate("Pod", big)) ==
          std::vector<std::string>{"metadata.annotations: Too long: may not be more than 262144 bytes"});
}
