// Dynamic admission: the MutatingAdmissionWebhook and ValidatingAdmissionWebhook plugins.
// Every CREATE, UPDATE and DELETE (subresources included) is matched against the webhooks of
// the stored MutatingWebhookConfigurations and ValidatingWebhookConfigurations:
//
//  - a rule matches when its operations, apiGroups, apiVersions, resources ("pods",
//    "pods/status", "*/*", "*") and scope ("*", "Namespaced", "Cluster") all match; with
//    matchPolicy Equivalent a rule naming another served version of the same resource matches
//    too (autoscaling/v1 and v2 HorizontalPodAutoscalers);
//  - namespaceSelector tests the labels of the request's namespace (cluster-scoped objects other
//    than Namespaces always pass), objectSelector the labels of the new or the old object;
//  - the configurations themselves are never sent to webhooks.
//
// Order, as the apiserver's admission chain runs it: built-in mutating plugins, then mutating
// webhooks one after the other (configurations by name, webhooks in order; a JSON patch in the
// answer changes the object), then validation (422), then the validating webhooks (upstream
// calls them in parallel; the first failure in configuration order wins here).
//
// A webhook is reached through WebhookTransport (the cluster's network, network/traffic.h):
// a transport failure (Service missing, connection refused, timeout, TLS) fails the request
// with 500 `Internal error occurred: failed calling webhook "<name>": failed to call webhook:
// Post "https://<svc>.<ns>.svc:443<path>?timeout=10s": <Go's error>` under failurePolicy Fail and
// is ignored under Ignore; a denial is `admission webhook "<name>" denied the request: <message>`
// with the code and reason the webhook gave (400 when below 400). A dry-run request skips no
// webhook: those with sideEffects other than None/NoneOnDryRun fail it with 400 `admission
// webhook "<name>" does not support dry run`.
// Upstream: apiserver/pkg/admission/plugin/webhook (generic/webhook.go ShouldCallHook,
// predicates/rules, predicates/namespace, predicates/object, validating/dispatcher.go,
// mutating/dispatcher.go, errors/statuserror.go), apiserver/pkg/util/webhook (client.go, error.go).
#pragma once
#include <string>
#include <vector>

#include "api/resources.h"
#include "base/json.h"
#include "base/status.h"
#include "base/time.h"
#include "store/object_store.h"

namespace kp {
class ApiServer;
}

namespace kp::admission {

// admission.Attributes: what the request does.
struct AdmissionAttributes {
    std::string operation;        // "CREATE", "UPDATE", "DELETE"
    const ResourceInfo* resource = nullptr;
    std::string subresource;      // "" or "status", "scale", ...
    std::string namespace_;       // "" for cluster-scoped objects (a Namespace: its own name)
    std::string name;
    const Json* object = nullptr;     // the new object (nullptr for DELETE)
    const Json* oldObject = nullptr;  // UPDATE and DELETE
    bool dryRun = false;
    std::string username;         // who sends it (userInfo.username)
};

// One webhook call: the AdmissionReview the apiserver POSTs and where to.
struct WebhookCall {
    std::string configuration;  // the *WebhookConfiguration's name
    Json webhook;               // its webhooks[] entry (name, clientConfig, timeoutSeconds ...)
    bool mutating = false;
    Json review;                // AdmissionReview admission.k8s.io/v1 with .request
};

struct WebhookReply {
    // Why the call failed, as Go's HTTP client words it after `Post "<url>": ` ("dial tcp
    // 10.99.229.62:443: connect: connection refused", `service "x" not found`); "" when the
    // webhook answered.
    std::string error;
    // AdmissionReview.response: uid, allowed, status {code, reason, message}, warnings, and for
    // mutating webhooks patchType "JSONPatch" with the patch as a JSON array.
    // SIMPLIFICATION: the patch travels decoded instead of base64.
    Json response;
};

// The apiserver's way to the webhooks' servers.
class WebhookTransport {
public:
    virtual ~WebhookTransport() = default;
    virtual WebhookReply callWebhook(const WebhookCall& call, Time now) = 0;
};

// The URL the apiserver posts to: "https://<svc>.<ns>.svc:<port><path>?timeout=<N>s" for a
// service reference, the url field otherwise.
std::string webhookURL(const Json& webhook);

// Matching (exposed for tests).
bool ruleMatches(const Json& rule, const AdmissionAttributes& attrs);
// Whether the webhook applies: a rule (or, with matchPolicy Equivalent, an equivalent
// resource), the namespace and object selectors.
bool webhookApplies(const ObjectStore& store, const Json& webhook, const AdmissionAttributes& attrs);

// The mutating webhooks; `obj` is changed by their patches. Warnings they send are appended.
Status runMutatingWebhooks(ApiServer& server, const AdmissionAttributes& attrs, Json& obj, std::vector<std::string>& warnings);
// The validating webhooks.
Status runValidatingWebhooks(ApiServer& server, const AdmissionAttributes& attrs, std::vector<std::string>& warnings);

}  // namespace kp::admission
