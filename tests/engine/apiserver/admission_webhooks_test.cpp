// Admission webhooks (apiserver/admission/webhooks.h): which requests a webhook's rules and
// selectors match, and what the apiserver answers for each outcome of the call, with a
// scripted transport standing in for the network.
#include <catch2/catch.hpp>

#include <functional>

#include "apiserver/admission/webhooks.h"
#include "cluster/cluster.h"

using namespace kp;

namespace {

// Answers every call with `answer` and remembers the calls.
struct ScriptedTransport : admission::WebhookTransport {
    std::function<admission::WebhookReply(const admission::WebhookCall&)> answer = [](const admission::WebhookCall& call) {
        admission::WebhookReply r;
        r.response = {{"uid", call.review["request"]["uid"]}, {"allowed", true}};
        return r;
    };
    std::vector<admission::WebhookCall> calls;
    admission::WebhookReply callWebhook(const admission::WebhookCall& call, Time) override {
        calls.push_back(call);
        return answer(call);
    }
};

admission::WebhookReply refused(const admission::WebhookCall&) {
    admission::WebhookReply r;
    r.error = "dial tcp 10.96.100.1:443: connect: connection refused";
    return r;
}

admission::WebhookReply denied(const admission::WebhookCall&) {
    admission::WebhookReply r;
    r.response = {{"allowed", false},
                  {"status", {{"code", 400}, {"reason", "BadRequest"}, {"message", "no thanks"}}},
                  {"warnings", {"think twice"}}};
    return r;
}

Json webhook(const std::string& name, const Json& rules, const std::string& extra = "{}") {
    Json w = {{"name", name},
              {"admissionReviewVersions", {"v1"}},
              {"sideEffects", "None"},
              {"clientConfig", {{"service", {{"name", "hook"}, {"namespace", "default"}, {"path", "/check"}}}}},
              {"rules", rules}};
    w.update(Json::parse(extra));
    return w;
}

Json configuration(const std::string& kind, const std::string& name, const Json& hooks) {
    return {{"apiVersion", "admissionregistration.k8s.io/v1"}, {"kind", kind}, {"metadata", {{"name", name}}}, {"webhooks", hooks}};
}

Json configMap(const std::string& name, const std::string& labelsJson = "{}") {
    return {{"apiVersion", "v1"},
            {"kind", "ConfigMap"},
            {"metadata", {{"name", name}, {"labels", Json::parse(labelsJson)}}},
            {"data", {{"k", "v"}}}};
}

const Json kConfigMapRule = Json::parse(R"([{"operations":["CREATE","UPDATE"],"apiGroups":[""],"apiVersions":["v1"],"resources":["configmaps"]}])");

admission::AdmissionAttributes attributes(const ResourceInfo& r, const std::string& op, const std::string& ns,
                                          const std::string& subresource = "") {
    admission::AdmissionAttributes a;
    a.operation = op;
    a.resource = &r;
    a.namespace_ = ns;
    a.subresource = subresource;
    return a;
}

}  // namespace

TEST_CASE("webhook rules match operations groups versions resources subresources and scope", "[apiserver][admission][webhook]") {
    const ResourceRegistry& reg = ResourceRegistry::builtin();
    const ResourceInfo& pods = *reg.byGroupResourceName("pods");
    const ResourceInfo& deployments = *reg.byGroupResourceName("deployments.apps");
    const ResourceInfo& namespaces = *reg.byGroupResourceName("namespaces");
    const ResourceInfo& nodes = *reg.byGroupResourceName("nodes");
    auto rule = [](const char* json) { return Json::parse(json); };

    const Json podsCreate = rule(R"({"operations":["CREATE"],"apiGroups":[""],"apiVersions":["v1"],"resources":["pods"],"scope":"*"})");
    CHECK(admission::ruleMatches(podsCreate, attributes(pods, "CREATE", "default")));
    CHECK_FALSE(admission::ruleMatches(podsCreate, attributes(pods, "UPDATE", "default")));
    CHECK_FALSE(admission::ruleMatches(podsCreate, attributes(pods, "CREATE", "default", "status")));
    CHECK_FALSE(admission::ruleMatches(podsCreate, attributes(deployments, "CREATE", "default")));

    const Json everything = rule(R"({"operations":["*"],"apiGroups":["*"],"apiVersions":["*"],"resources":["*/*"]})");
    CHECK(admission::ruleMatches(everything, attributes(pods, "DELETE", "default", "status")));
    CHECK(admission::ruleMatches(everything, attributes(deployments, "UPDATE", "default", "scale")));
    // "*" is every resource but none of their subresources; "pods/*" pods' subresources only.
    CHECK_FALSE(admission::ruleMatches(rule(R"({"operations":["*"],"apiGroups":["*"],"apiVersions":["*"],"resources":["*"]})"),
                                       attributes(pods, "UPDATE", "default", "status")));
    CHECK(admission::ruleMatches(rule(R"({"operations":["*"],"apiGroups":[""],"apiVersions":["v1"],"resources":["pods/*"]})"),
                                 attributes(pods, "UPDATE", "default", "status")));

    const Json namespacedOnly = rule(R"({"operations":["*"],"apiGroups":["*"],"apiVersions":["*"],"resources":["*"],"scope":"Namespaced"})");
    const Json clusterOnly = rule(R"({"operations":["*"],"apiGroups":["*"],"apiVersions":["*"],"resources":["*"],"scope":"Cluster"})");
    CHECK(admission::ruleMatches(namespacedOnly, attributes(pods, "CREATE", "default")));
    CHECK_FALSE(admission::ruleMatches(namespacedOnly, attributes(nodes, "CREATE", "")));
    // A Namespace is cluster-scoped even though its request names itself as the namespace.
    CHECK_FALSE(admission::ruleMatches(namespacedOnly, attributes(namespaces, "CREATE", "team-a")));
    CHECK(admission::ruleMatches(clusterOnly, attributes(namespaces, "CREATE", "team-a")));
    CHECK(admission::ruleMatches(clusterOnly, attributes(nodes, "CREATE", "")));
}

TEST_CASE("namespaceSelector objectSelector and matchPolicy decide whether a webhook applies", "[apiserver][admission][webhook]") {
    Cluster cluster;
    Client c = cluster.client("test");
    REQUIRE(c.create({{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "prod"}, {"labels", {{"env", "prod"}}}}}}).ok());
    const ResourceInfo& cms = *cluster.apiServer().resources().byGroupResourceName("configmaps");
    const Json labelled = configMap("x", R"({"checked":"yes"})");
    const Json plain = configMap("y");

    SECTION("namespaceSelector reads the labels of the request's namespace") {
        const Json w = webhook("ns.example.com", kConfigMapRule, R"({"namespaceSelector":{"matchLabels":{"env":"prod"}}})");
        CHECK(admission::webhookApplies(cluster.store(), w, attributes(cms, "CREATE", "prod")));
        CHECK_FALSE(admission::webhookApplies(cluster.store(), w, attributes(cms, "CREATE", "default")));
        const Json notIn = webhook("ns.example.com", kConfigMapRule,
                                   R"({"namespaceSelector":{"matchExpressions":[{"key":"env","operator":"NotIn","values":["prod"]}]}})");
        CHECK(admission::webhookApplies(cluster.store(), notIn, attributes(cms, "CREATE", "default")));
    }

    SECTION("objectSelector reads the new or the old object's labels") {
        const Json w = webhook("obj.example.com", kConfigMapRule, R"({"objectSelector":{"matchLabels":{"checked":"yes"}}})");
        admission::AdmissionAttributes a = attributes(cms, "UPDATE", "default");
        a.object = &plain;
        CHECK_FALSE(admission::webhookApplies(cluster.store(), w, a));
        a.oldObject = &labelled;
        CHECK(admission::webhookApplies(cluster.store(), w, a));
    }

    SECTION("matchPolicy Equivalent matches another served version of the resource") {
        const ResourceInfo* hpaV2 = nullptr;
        for (const ResourceInfo& r : cluster.apiServer().resources().all())
            if (r.group == "autoscaling" && r.resource == "horizontalpodautoscalers" && r.version == "v2")
                hpaV2 = &r;
        REQUIRE(hpaV2);
        const Json v1Rule = Json::parse(
            R"([{"operations":["CREATE"],"apiGroups":["autoscaling"],"apiVersions":["v1"],"resources":["horizontalpodautoscalers"]}])");
        CHECK(admission::webhookApplies(cluster.store(), webhook("hpa.example.com", v1Rule), attributes(*hpaV2, "CREATE", "default")));
        CHECK_FALSE(admission::webhookApplies(cluster.store(), webhook("hpa.example.com", v1Rule, R"({"matchPolicy":"Exact"})"),
                                              attributes(*hpaV2, "CREATE", "default")));
    }
}

TEST_CASE("the apiserver answers a webhook's failure by its failurePolicy and a denial with the webhook's status", "[apiserver][admission][webhook]") {
    Cluster cluster;
    ScriptedTransport transport;
    cluster.apiServer().setWebhookTransport(&transport);
    Client c = cluster.client("kubectl");

    SECTION("a validating webhook that cannot be reached fails the request under Fail") {
        REQUIRE(c.create(configuration("ValidatingWebhookConfiguration", "guard", Json::array({webhook("guard.example.com", kConfigMapRule)}))).ok());
        transport.answer = refused;
        ApiResponse r = c.create(configMap("settings"));
        REQUIRE_FALSE(r.ok());
        CHECK(r.code == 500);
        CHECK(r.status.reason() == "InternalError");
        CHECK(r.status.message() ==
              "Internal error occurred: failed calling webhook \"guard.example.com\": failed to call webhook: Post "
              "\"https://hook.default.svc:443/check?timeout=10s\": dial tcp 10.96.100.1:443: connect: connection refused");
        CHECK_FALSE(cluster.store().get("configmaps", "default", "settings"));
        // The review the apiserver sent.
        REQUIRE(transport.calls.size() == 1);
        const Json& req = transport.calls[0].review["request"];
        CHECK(transport.calls[0].review["kind"] == "AdmissionReview");
        CHECK(req["operation"] == "CREATE");
        CHECK(req["resource"] == Json{{"group", ""}, {"version", "v1"}, {"resource", "configmaps"}});
        CHECK(req["namespace"] == "default");
        CHECK(req["name"] == "settings");
        CHECK(req["userInfo"]["username"] == "minikube-user");
        CHECK(req["object"]["data"]["k"] == "v");
    }

    SECTION("under Ignore the request goes through") {
        REQUIRE(c.create(configuration("ValidatingWebhookConfiguration", "guard",
                                       Json::array({webhook("guard.example.com", kConfigMapRule, R"({"failurePolicy":"Ignore"})")})))
                    .ok());
        transport.answer = refused;
        CHECK(c.create(configMap("settings")).ok());
        CHECK(transport.calls.size() == 1);
    }

    SECTION("a denial carries the webhook's code reason message and warnings") {
        REQUIRE(c.create(configuration("ValidatingWebhookConfiguration", "guard", Json::array({webhook("guard.example.com", kConfigMapRule)}))).ok());
        transport.answer = denied;
        ApiResponse r = c.create(configMap("settings"));
        REQUIRE_FALSE(r.ok());
        CHECK(r.code == 400);
        CHECK(r.status.reason() == "BadRequest");
        CHECK(r.status.message() == "admission webhook \"guard.example.com\" denied the request: no thanks");
        CHECK(r.warnings == std::vector<std::string>{"think twice"});
        // Without a message or a code: "without explanation", 400.
        transport.answer = [](const admission::WebhookCall&) {
            admission::WebhookReply reply;
            reply.response = {{"allowed", false}};
            return reply;
        };
        r = c.create(configMap("other"));
        CHECK(r.code == 400);
        CHECK(r.status.message() == "admission webhook \"guard.example.com\" denied the request without explanation");
    }

    SECTION("validating webhooks see updates and deletes; the configurations themselves are exempt") {
        Json rule = kConfigMapRule;
        rule[0]["operations"] = {"*"};
        REQUIRE(c.create(configuration("ValidatingWebhookConfiguration", "guard", Json::array({webhook("guard.example.com", rule)}))).ok());
        REQUIRE(c.create(configMap("settings")).ok());
        Json cm = *cluster.store().get("configmaps", "default", "settings");
        cm["data"]["k"] = "w";
        REQUIRE(c.update(cm).ok());
        const ResourceInfo& cms = *cluster.apiServer().resources().byGroupResourceName("configmaps");
        REQUIRE(c.remove(cms, "default", "settings").ok());
        REQUIRE(transport.calls.size() == 3);
        CHECK(transport.calls[1].review["request"]["operation"] == "UPDATE");
        CHECK(transport.calls[1].review["request"]["oldObject"]["data"]["k"] == "v");
        CHECK(transport.calls[2].review["request"]["operation"] == "DELETE");
        CHECK(transport.calls[2].review["request"]["object"].is_null());
        // A webhook for everything never sees webhook configurations.
        REQUIRE(c.create(configuration("ValidatingWebhookConfiguration", "all",
                                       Json::array({webhook("all.example.com", Json::parse(R"([{"operations":["*"],"apiGroups":["*"],"apiVersions":["*"],"resources":["*"]}])"))})))
                    .ok());
        transport.answer = denied;
        CHECK(c.create(configuration("MutatingWebhookConfiguration", "more", Json::array())).ok());
        CHECK_FALSE(c.create(configMap("blocked")).ok());
    }

    SECTION("dry run: sideEffects None is called, Unknown makes the request fail") {
        REQUIRE(c.create(configuration("ValidatingWebhookConfiguration", "guard",
                                       Json::array({webhook("guard.example.com", kConfigMapRule),
                                                    webhook("effects.example.com", kConfigMapRule, R"({"sideEffects":"Unknown"})")})))
                    .ok());
        WriteOptions opts;
        opts.dryRun = true;
        ApiResponse r = c.create(configMap("settings"), opts);
        REQUIRE_FALSE(r.ok());
        CHECK(r.code == 400);
        CHECK(r.status.message() == "admission webhook \"effects.example.com\" does not support dry run");
        REQUIRE(transport.calls.size() == 1);
        CHECK(transport.calls[0].review["request"]["dryRun"] == true);
        CHECK(c.create(configMap("settings")).ok());  // a real request calls both
        CHECK(transport.calls.size() == 3);
    }

    SECTION("a mutating webhook's JSON patch changes the object before validation") {
        REQUIRE(c.create(configuration("MutatingWebhookConfiguration", "labeller", Json::array({webhook("labeller.example.com", kConfigMapRule)}))).ok());
        transport.answer = [](const admission::WebhookCall& call) {
            admission::WebhookReply r;
            r.response = {{"uid", call.review["request"]["uid"]},
                          {"allowed", true},
                          {"patchType", "JSONPatch"},
                          {"patch", Json::parse(R"([{"op":"add","path":"/metadata/labels/injected","value":"yes"}])")}};
            return r;
        };
        ApiResponse made = c.create(configMap("settings", R"({"app":"x"})"));
        INFO(made.status.message());
        REQUIRE(made.ok());
        CHECK(stringAt(*cluster.store().get("configmaps", "default", "settings"), "metadata.labels.injected") == "yes");
        CHECK(transport.calls[0].mutating);
    }
}
