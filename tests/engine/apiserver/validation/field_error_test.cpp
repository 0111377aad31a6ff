// Field error text, Status causes, the 422 Status and kubectl's rendering of it.
#include <catch2/catch.hpp>

#include "apiserver/validation/field_error.h"
#include "apiserver/validation/go_value.h"
#include "apiserver/validation/kubectl_message.h"

using namespace kp;
using namespace kp::validation;

TEST_CASE("field errors print like field.Error.Error()", "[validation]") {
    CHECK(invalid("metadata.name", "Hello", "bad").toString() == "metadata.name: Invalid value: \"Hello\": bad");
    CHECK(invalid("spec.replicas", -1, "must be greater than or equal to 0").toString() ==
          "spec.replicas: Invalid value: -1: must be greater than or equal to 0");
    CHECK(invalid("spec.paused", true, "x").toString() == "spec.paused: Invalid value: true: x");
    CHECK(invalid("spec.x", Json(), "x").toString() == "spec.x: Invalid value: null: x");
    // Required, Forbidden and TooLong never print the value.
    CHECK(required("spec.containers[0].image").toString() == "spec.containers[0].image: Required value");
    CHECK(required("metadata.name", "name or generateName is required").toString() ==
          "metadata.name: Required value: name or generateName is required");
    CHECK(forbidden("spec", "nope").toString() == "spec: Forbidden: nope");
    CHECK(tooLong("metadata.annotations", "ignored", 262144).toString() ==
          "metadata.annotations: Too long: may not be more than 262144 bytes");
    CHECK(tooMany("endpoints", 1001, 1000).toString() == "endpoints: Too many: 1001: must have at most 1000 items");
    CHECK(tooMany("endpoints", -1, 1000).toString() == "endpoints: Too many: must have at most 1000 items");
    CHECK(duplicate("spec.containers[1].name", "web").toString() == "spec.containers[1].name: Duplicate value: \"web\"");
    CHECK(notFound("spec.containers[0].volumeMounts[0].name", "data").toString() ==
          "spec.containers[0].volumeMounts[0].name: Not found: \"data\"");
    CHECK(notSupported("spec.restartPolicy", "Sometimes", {"Always", "OnFailure", "Never"}).toString() ==
          "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");
    CHECK(internalError("spec", "boom").toString() == "spec: Internal error: boom");
}

TEST_CASE("Go values print with %#v rules", "[validation]") {
    CHECK(goQuote("a\"b\\c\n\t\x01") == "\"a\\\"b\\\\c\\n\\t\\x01\"");
    CHECK(goQuote("héllo") == "\"héllo\"");
    CHECK(goStringMap(Json{{"b", "2"}, {"a", "1"}}) == "map[string]string{\"a\":\"1\", \"b\":\"2\"}");
    CHECK(goStringMap(Json::object()) == "map[string]string{}");
    CHECK(goStringMap(Json()) == "map[string]string(nil)");
    CHECK(goStringSlice(Json::array({"x", "y"})) == "[]string{\"x\", \"y\"}");
    CHECK(goStringSlice(Json()) == "[]string(nil)");
    CHECK(goIntOrString(0) == "intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}");
    CHECK(goIntOrString("25%") == "intstr.IntOrString{Type:1, IntVal:0, StrVal:\"25%\"}");
    CHECK(goLabelSelector(Json{{"matchLabels", {{"app", "x"}}}}) ==
          "v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"x\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}");
    CHECK(goLabelSelector(Json{{"matchExpressions", Json::array({{{"key", "tier"}, {"operator", "In"}, {"values", {"a"}}}})}}) ==
          "v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{"
          "v1.LabelSelectorRequirement{Key:\"tier\", Operator:\"In\", Values:[]string{\"a\"}}}}");
    CHECK(goTime("2024-05-01T10:00:00Z") == "2024-05-01 10:00:00 +0000 UTC");
}

TEST_CASE("causes carry the reason, the error body and the field", "[validation]") {
    const StatusCause cause = invalid("metadata.name", "Hello_World", "bad name").toCause();
    CHECK(cause.reason == "FieldValueInvalid");
    CHECK(cause.message == "Invalid value: \"Hello_World\": bad name");
    CHECK(cause.field == "metadata.name");
    CHECK(required("spec.selector").toCause().reason == "FieldValueRequired");
    CHECK(required("spec.selector").toCause().message == "Required value");
    CHECK(tooLong("data", "", 5).toCause().reason == "FieldValueTooLong");
    CHECK(notSupported("f", "x", {}).toCause().reason == "FieldValueNotSupported");
}

TEST_CASE("the 422 Invalid Status names Kind.group and lists the errors", "[validation]") {
    const FieldErrorList one = {invalid("metadata.name", "Hello_World", "bad name")};
    const Status deploy = invalidStatus("Deployment", "apps", "Hello_World", one);
    CHECK(deploy.code() == 422);
    CHECK(deploy.reason() == "Invalid");
    CHECK(deploy.message() == "Deployment.apps \"Hello_World\" is invalid: metadata.name: Invalid value: \"Hello_World\": bad name");

    const FieldErrorList two = {required("spec.containers[0].image"), required("spec.containers[0].name"),
                                required("spec.containers[0].image")};
    const Status pod = invalidStatus("Pod", "", "web", two);
    // The core group has no suffix; repeated messages appear once in the message...
    CHECK(pod.message() ==
          "Pod \"web\" is invalid: [spec.containers[0].image: Required value, spec.containers[0].name: Required value]");
    // ...but every error stays a cause.
    REQUIRE(pod.details().causes.size() == 3);

    const Json j = pod.toJson();
    CHECK(j == Json::parse(R"({
        "kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
        "message":"Pod \"web\" is invalid: [spec.containers[0].image: Required value, spec.containers[0].name: Required value]",
        "reason":"Invalid","code":422,
        "details":{"name":"web","kind":"Pod","causes":[
            {"reason":"FieldValueRequired","message":"Required value","field":"spec.containers[0].image"},
            {"reason":"FieldValueRequired","message":"Required value","field":"spec.containers[0].name"},
            {"reason":"FieldValueRequired","message":"Required value","field":"spec.containers[0].image"}]}})"));
    CHECK(deploy.toJson()["details"]["group"] == "apps");
}

TEST_CASE("kubectl rebuilds Invalid errors from the causes", "[validation]") {
    const Status one = invalidStatus("Deployment", "apps", "Hello_World", {invalid("metadata.name", "Hello_World", "bad name")});
    CHECK(kubectlErrorOutput(one) == "The Deployment \"Hello_World\" is invalid: metadata.name: Invalid value: \"Hello_World\": bad name\n");

    const Status two = invalidStatus("Pod", "", "web", {required("spec.containers[0].image"), required("spec.containers[0].name"),
                                                        required("spec.containers[0].image")});
    CHECK(kubectlErrorOutput(two) ==
          "The Pod \"web\" is invalid: \n"
          "* spec.containers[0].image: Required value\n"
          "* spec.containers[0].name: Required value\n");

    // The "error when creating" prefix kubectl adds for files does not show: details win.
    const Status fromFile = addSourceToStatus(one, "creating", "deploy.yaml");
    CHECK(fromFile.message().rfind("error when creating \"deploy.yaml\": Deployment.apps", 0) == 0);
    CHECK(kubectlErrorOutput(fromFile) == kubectlErrorOutput(one));
    // With several objects failing, each is printed as a standard message.
    CHECK(kubectlErrorsOutput({fromFile, fromFile}) ==
          "Error from server (Invalid): " + fromFile.message() + "\nError from server (Invalid): " + fromFile.message() + "\n");

    // Without details kubectl falls back to the server's message.
    CHECK(kubectlErrorOutput(Status::failure(422, "Invalid", "bad thing")) == "The request is invalid: bad thing\n");
}

TEST_CASE("kubectl prints other errors with their reason", "[validation]") {
    CHECK(kubectlErrorOutput(Status::failure(404, "NotFound", "deployments.apps \"hello\" not found")) ==
          "Error from server (NotFound): deployments.apps \"hello\" not found\n");
    CHECK(kubectlErrorOutput(Status::failure(500, "", "boom")) == "Error from server: boom\n");
    CHECK(kubectlErrorOutput(Status::failure(401, "Unauthorized", "Unauthorized")) ==
          "error: You must be logged in to the server (Unauthorized)\n");
}
