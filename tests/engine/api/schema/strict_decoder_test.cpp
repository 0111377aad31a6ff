#include <catch2/catch.hpp>

#include "api/schema/schema.h"
#include "api/schema/strict_decoder.h"

using kp::Json;
using namespace kp::schema;

namespace {

Json deployment() {
    return Json::parse(R"({
      "apiVersion": "apps/v1", "kind": "Deployment",
      "metadata": {"name": "web", "labels": {"app": "web"}},
      "spec": {
        "replicas": 2,
        "selector": {"matchLabels": {"app": "web"}},
        "template": {
          "metadata": {"labels": {"app": "web"}},
          "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27",
                                   "ports": [{"containerPort": 80}],
                                   "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}}}]}
        }
      }
    })");
}

// The 400 message for `obj` decoded as its own kind.
std::string decode(const Json& obj) {
    std::string apiVersion = obj.value("apiVersion", "");
    std::string kind = obj.value("kind", "");
    const StructDef* root = Schema::builtin().kind(apiVersion, kind);
    REQUIRE(root != nullptr);
    return decodeErrorMessage(checkStrict(*root, obj), kind, apiVersion);
}

}  // namespace

TEST_CASE("a valid object decodes without issues", "[schema]") {
    const StructDef* root = Schema::builtin().kind("apps/v1", "Deployment");
    REQUIRE(root);
    DecodeIssues issues = checkStrict(*root, deployment());
    CHECK(issues.ok());
    CHECK(decode(deployment()).empty());
}

TEST_CASE("unknown fields are reported with the apiserver's path and message", "[schema]") {
    Json d = deployment();
    d["spec"]["foo"] = 1;
    CHECK(decode(d) ==
          "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.foo\"");

    // Several are joined with ", " in document order (keys are sorted, as kubectl sends them);
    // list indexes appear in brackets.
    d["spec"]["template"]["spec"]["containers"][0]["imagePullPolicyy"] = "Always";
    d["metadata"]["labelz"] = Json::object();
    CHECK(decode(d) == "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: "
                       "unknown field \"metadata.labelz\", unknown field \"spec.foo\", "
                       "unknown field \"spec.template.spec.containers[0].imagePullPolicyy\"");

    const StructDef* root = Schema::builtin().kind("apps/v1", "Deployment");
    DecodeIssues issues = checkStrict(*root, d);
    CHECK(issues.typeError.empty());
    CHECK(issues.unknownFields == std::vector<std::string>{
                                      "unknown field \"metadata.labelz\"", "unknown field \"spec.foo\"",
                                      "unknown field \"spec.template.spec.containers[0].imagePullPolicyy\""});
}

TEST_CASE("field names match case-sensitively, as with fieldValidation=Strict", "[schema]") {
    Json d = deployment();
    d["spec"]["Replicas"] = 3;
    CHECK(decode(d) == "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: "
                       "unknown field \"spec.Replicas\"");
}

TEST_CASE("unknown fields deep in lists and maps carry every index", "[schema]") {
    Json pod = Json::parse(R"({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
      "spec": {"containers": [{"name": "a", "image": "x"}, {"name": "b", "image": "y", "env": [{"name": "A", "valu": "1"}]}],
               "volumes": [{"name": "v", "configMap": {"name": "c", "items": [{"key": "k", "path": "p", "mod": 1}]}}]}})");
    CHECK(decode(pod) == "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: "
                         "unknown field \"spec.containers[1].env[0].valu\", "
                         "unknown field \"spec.volumes[0].configMap.items[0].mod\"");
}

TEST_CASE("fieldValidation=Warn turns unknown fields into warnings", "[schema]") {
    Json d = deployment();
    d["spec"]["foo"] = 1;
    const StructDef* root = Schema::builtin().kind("apps/v1", "Deployment");
    DecodeIssues issues = checkStrict(*root, d);
    CHECK(decodeErrorMessage(issues, "Deployment", "apps/v1", /*warnOnly=*/true).empty());
    CHECK(strictDecodingWarnings(issues) == std::vector<std::string>{"unknown field \"spec.foo\""});
}

TEST_CASE("type errors read like Go's encoding/json errors", "[schema]") {
    auto withReplicas = [](Json value) {
        Json d = deployment();
        d["spec"]["replicas"] = value;
        return decode(d);
    };
    const std::string prefix = "Deployment in version \"v1\" cannot be handled as a Deployment: ";
    CHECK(withReplicas("3") ==
          prefix + "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32");
    CHECK(withReplicas(1.5) ==
          prefix + "json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32");
    CHECK(withReplicas(3000000000LL) == prefix +
                                            "json: cannot unmarshal number 3000000000 into Go struct field "
                                            "DeploymentSpec.spec.replicas of type int32");
    CHECK(withReplicas(true) ==
          prefix + "json: cannot unmarshal bool into Go struct field DeploymentSpec.spec.replicas of type int32");
    CHECK(withReplicas(3.0).empty());   // YAML 3.0 reaches the apiserver as 3
    CHECK(withReplicas(nullptr).empty());  // null leaves the zero value

    Json d = deployment();
    d["spec"]["template"]["spec"]["containers"][0]["image"] = 5;
    CHECK(decode(d) == prefix +
                           "json: cannot unmarshal number into Go struct field "
                           "Container.spec.template.spec.containers.image of type string");

    d = deployment();
    d["spec"]["template"]["metadata"]["labels"]["tier"] = 1;
    CHECK(decode(d) == prefix +
                           "json: cannot unmarshal number into Go struct field "
                           "ObjectMeta.spec.template.metadata.labels of type string");

    d = deployment();
    d["spec"]["template"]["spec"]["restartPolicy"] = 1;
    CHECK(decode(d) == prefix +
                           "json: cannot unmarshal number into Go struct field "
                           "PodSpec.spec.template.spec.restartPolicy of type v1.RestartPolicy");

    d = deployment();
    d["spec"]["template"]["spec"]["containers"] = Json::object();
    CHECK(decode(d) == prefix +
                           "json: cannot unmarshal object into Go struct field "
                           "PodSpec.spec.template.spec.containers of type []v1.Container");

    d = deployment();
    d["spec"]["template"]["spec"]["containers"] = Json::array({"nginx"});
    CHECK(decode(d) == prefix +
                           "json: cannot unmarshal string into Go struct field "
                           "PodSpec.spec.template.spec.containers of type v1.Container");

    d = deployment();
    d["spec"]["template"]["spec"]["containers"][0]["args"] = Json::array({"a", 1});
    CHECK(decode(d) == prefix +
                           "json: cannot unmarshal number into Go struct field "
                           "Container.spec.template.spec.containers.args of type string");

    d = deployment();
    d["spec"]["template"] = "web";
    CHECK(decode(d) == prefix +
                           "json: cannot unmarshal string into Go struct field "
                           "DeploymentSpec.spec.template of type v1.PodTemplateSpec");
}

TEST_CASE("a type error hides unknown fields and the first one wins", "[schema]") {
    Json d = deployment();
    d["spec"]["foo"] = 1;
    d["spec"]["replicas"] = "x";
    d["spec"]["paused"] = "yes";
    CHECK(decode(d) == "Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal "
                       "string into Go struct field DeploymentSpec.spec.paused of type bool");
}

TEST_CASE("Quantity accepts strings and numbers and rejects the rest with its own message", "[schema]") {
    auto withCpu = [](Json value) {
        Json d = deployment();
        d["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]["cpu"] = value;
        return decode(d);
    };
    const std::string prefix = "Deployment in version \"v1\" cannot be handled as a Deployment: ";
    const std::string formatWrong =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    CHECK(withCpu("1").empty());
    CHECK(withCpu(1).empty());
    CHECK(withCpu(0.5).empty());
    CHECK(withCpu("250m").empty());
    CHECK(withCpu("abc") == prefix + formatWrong);
    CHECK(withCpu("1Gb") == prefix + formatWrong);
    CHECK(withCpu(true) == prefix + formatWrong);
    CHECK(withCpu(Json::object()) == prefix + formatWrong);
    CHECK(withCpu("5mi") == prefix + "unable to parse quantity's suffix");
}

TEST_CASE("a value decoder's error wins over a type mismatch found earlier", "[schema]") {
    // metadata comes before spec: the label mismatch is seen first, but the Quantity decoder
    // stops decoding with its own error, which is what the apiserver returns.
    Json d = deployment();
    d["metadata"]["labels"]["n"] = 1;
    d["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]["cpu"] = "lots";
    CHECK(decode(d) == "Deployment in version \"v1\" cannot be handled as a Deployment: quantities must match the "
                       "regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
}

TEST_CASE("IntOrString accepts 8080 and \"http\" and rejects fractions without a field path", "[schema]") {
    auto withTargetPort = [](Json value) {
        Json svc = Json::parse(R"({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"},
          "spec": {"selector": {"app": "web"}, "ports": [{"port": 80}]}})");
        svc["spec"]["ports"][0]["targetPort"] = value;
        return decode(svc);
    };
    CHECK(withTargetPort(8080).empty());
    CHECK(withTargetPort("http").empty());
    CHECK(withTargetPort(nullptr).empty());
    CHECK(withTargetPort(1.5) == "Service in version \"v1\" cannot be handled as a Service: json: cannot unmarshal "
                                 "number 1.5 into Go value of type int32");
    CHECK(withTargetPort(true) == "Service in version \"v1\" cannot be handled as a Service: json: cannot unmarshal "
                                  "bool into Go value of type int32");
}

TEST_CASE("Time and MicroTime must be RFC 3339 strings", "[schema]") {
    auto withCreated = [](Json value) {
        Json d = deployment();
        d["metadata"]["creationTimestamp"] = value;
        return decode(d);
    };
    const std::string prefix = "Deployment in version \"v1\" cannot be handled as a Deployment: ";
    CHECK(withCreated("2024-05-01T10:00:00Z").empty());
    CHECK(withCreated("2024-05-01T10:00:00+02:00").empty());
    CHECK(withCreated(nullptr).empty());
    CHECK(withCreated("yesterday") ==
          prefix + "parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\"");
    CHECK(withCreated("2024-05-01") ==
          prefix + "parsing time \"2024-05-01\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"T\"");
    CHECK(withCreated("2024-13-01T00:00:00Z") == prefix + "parsing time \"2024-13-01T00:00:00Z\": month out of range");
    CHECK(withCreated(5) == prefix + "json: cannot unmarshal number into Go value of type string");

    Json event = Json::parse(R"({"apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": {"name": "e"},
                                 "eventTime": "2024-05-01T10:00:00Z"})");
    CHECK(decode(event) == "Event in version \"v1\" cannot be handled as a Event: parsing time "
                           "\"2024-05-01T10:00:00Z\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot parse \"Z\" as "
                           "\".000000\"");
    event["eventTime"] = "2024-05-01T10:00:00.123456Z";
    CHECK(decode(event).empty());
}

TEST_CASE("Secret data must be base64", "[schema]") {
    Json secret = Json::parse(R"({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
                                  "data": {"password": "aGVsbG8="}})");
    CHECK(decode(secret).empty());
    secret["data"]["password"] = "hello";
    CHECK(decode(secret) ==
          "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 4");
    secret["data"]["password"] = 12;
    CHECK(decode(secret) == "Secret in version \"v1\" cannot be handled as a Secret: json: cannot unmarshal number "
                            "into Go struct field Secret.data of type []uint8");
    // Go also reads []byte from an array of byte values.
    secret["data"]["password"] = Json::array({104, 105});
    CHECK(decode(secret).empty());
    secret["data"]["password"] = Json::array({104, 300});
    CHECK(decode(secret) == "Secret in version \"v1\" cannot be handled as a Secret: json: cannot unmarshal number "
                            "300 into Go struct field Secret.data of type uint8");
}

TEST_CASE("elements of named Go collections are named by their own type", "[schema]") {
    // APIResource.verbs is metav1.Verbs ([]string): the element is a plain string.
    Json list = Json::parse(R"({"apiVersion": "v1", "kind": "APIResourceList", "groupVersion": "v1",
      "resources": [{"name": "pods", "singularName": "pod", "namespaced": true, "kind": "Pod", "verbs": ["get", 1]}]})");
    CHECK(decode(list) == "APIResourceList in version \"v1\" cannot be handled as a APIResourceList: json: cannot "
                          "unmarshal number into Go struct field APIResource.resources.verbs of type string");
    list["resources"][0]["verbs"] = "get";
    CHECK(decode(list) == "APIResourceList in version \"v1\" cannot be handled as a APIResourceList: json: cannot "
                          "unmarshal string into Go struct field APIResource.resources.verbs of type v1.Verbs");
}

TEST_CASE("free-form fields accept anything and a non-object body is a type error", "[schema]") {
    Json revision = Json::parse(R"({"apiVersion": "apps/v1", "kind": "ControllerRevision", "metadata": {"name": "r"},
                                    "revision": 1, "data": {"anything": [1, {"goes": true}]}})");
    CHECK(decode(revision).empty());

    const StructDef* root = Schema::builtin().kind("apps/v1", "Deployment");
    DecodeIssues issues = checkStrict(*root, Json::array());
    CHECK(issues.typeError == "json: cannot unmarshal array into Go value of type v1.Deployment");
}

TEST_CASE("unknown fields are deduplicated and capped at 100", "[schema]") {
    Json pod = Json::parse(R"({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {}})");
    for (int i = 0; i < 150; ++i)
        pod["spec"]["x" + std::to_string(1000 + i)] = i;
    const StructDef* root = Schema::builtin().kind("v1", "Pod");
    DecodeIssues issues = checkStrict(*root, pod);
    CHECK(issues.unknownFields.size() == 100);
    CHECK(issues.unknownFields.front() == "unknown field \"spec.x1000\"");
    CHECK(issues.unknownFields.back() == "unknown field \"spec.x1099\"");
}
