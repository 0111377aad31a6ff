#include "apiserver/admission/webhooks.h"

#include <cstdio>

#include "apiserver/api_server.h"
#include "apiserver/errors.h"
#include "apiserver/patch/json_patch.h"
#include "apiserver/validation/objectmeta.h"

namespace kp::admission {
namespace {

constexpr const char* kMutatingConfigurations = "mutatingwebhookconfigurations.admissionregistration.k8s.io";
constexpr const char* kValidatingConfigurations = "validatingwebhookconfigurations.admissionregistration.k8s.io";

bool exactOrWildcard(const Json* items, const std::string& requested) {
    if (!items || !items->is_array())
        return false;
    for (const Json& item : *items)
        if (item.is_string() && (item.get<std::string>() == "*" || item.get<std::string>() == requested))
            return true;
    return false;
}

bool scopeMatches(const Json& rule, const AdmissionAttributes& attrs) {
    const std::string scope = stringAt(rule, "scope", "*");
    const bool isNamespace = attrs.resource->group.empty() && attrs.resource->resource == "namespaces";
    if (scope == "*")
        return true;
    if (scope == "Namespaced")
        return !isNamespace && !attrs.namespace_.empty();
    if (scope == "Cluster")
        return isNamespace || attrs.namespace_.empty();
    return false;
}

bool operationMatches(const Json& rule, const std::string& operation) {
    const Json* ops = findPath(rule, "operations");
    if (!ops || !ops->is_array())
        return false;
    for (const Json& op : *ops)
        if (op.is_string() && (op.get<std::string>() == "*" || op.get<std::string>() == operation))
            return true;
    return false;
}

// "pods" matches the pods themselves, "pods/status" that subresource, "*/*" everything,
// "*" every resource but no subresource, "pods/*" pods and all their subresources.
bool resourceMatches(const Json& rule, const std::string& resource, const std::string& subresource) {
    const Json* resources = findPath(rule, "resources");
    if (!resources || !resources->is_array())
        return false;
    for (const Json& item : *resources) {
        if (!item.is_string())
            continue;
        const std::string entry = item.get<std::string>();
        const size_t slash = entry.find('/');
        const std::string res = entry.substr(0, slash);
        const std::string sub = slash == std::string::npos ? "" : entry.substr(slash + 1);
        if ((res == "*" || res == resource) && (sub == "*" || sub == subresource))
            return true;
    }
    return false;
}

bool ruleMatchesResource(const Json& rule, const AdmissionAttributes& attrs, const ResourceInfo& resource) {
    return scopeMatches(rule, attrs) && operationMatches(rule, attrs.operation) &&
           exactOrWildcard(findPath(rule, "apiGroups"), resource.group) &&
           exactOrWildcard(findPath(rule, "apiVersions"), resource.version) &&
           resourceMatches(rule, resource.resource, attrs.subresource);
}

// The labels a namespaceSelector is tested against: the Namespace being written itself, else
// the request's namespace as stored.
Json namespaceLabels(const ObjectStore& store, const AdmissionAttributes& attrs) {
    const bool namespaceWrite = attrs.resource->group.empty() && attrs.resource->resource == "namespaces" &&
                                attrs.subresource.empty() && (attrs.operation == "CREATE" || attrs.operation == "UPDATE");
    if (namespaceWrite && attrs.object)
        return attrs.object->value("metadata", Json::object()).value("labels", Json::object());
    ObjectPtr ns = store.get("namespaces", "", attrs.namespace_);
    return ns ? ns->value("metadata", Json::object()).value("labels", Json::object()) : Json::object();
}

bool selectsEverything(const Json* selector) {
    return !selector || selector->is_null() || validation::labelSelectorEmpty(*selector);
}

bool namespaceSelectorMatches(const ObjectStore& store, const Json& webhook, const AdmissionAttributes& attrs) {
    const bool isNamespace = attrs.resource->group.empty() && attrs.resource->resource == "namespaces";
    if (attrs.namespace_.empty() && !isNamespace)
        return true;  // cluster-scoped objects are never exempted
    const Json* selector = findPath(webhook, "namespaceSelector");
    if (selectsEverything(selector))
        return true;
    return validation::labelSelectorMatches(*selector, namespaceLabels(store, attrs));
}

bool objectSelectorMatches(const Json& webhook, const AdmissionAttributes& attrs) {
    const Json* selector = findPath(webhook, "objectSelector");
    if (selectsEverything(selector))
        return true;
    auto matches = [&](const Json* obj) {
        return obj && obj->is_object() &&
               validation::labelSelectorMatches(*selector, obj->value("metadata", Json::object()).value("labels", Json::object()));
    };
    return matches(attrs.object) || matches(attrs.oldObject);
}

// The webhook configurations themselves never go to webhooks (a broken webhook could not be
// removed otherwise). Upstream: predicates/rules IsExemptAdmissionConfigurationResource.
bool isExemptConfigurationResource(const AdmissionAttributes& attrs) {
    if (attrs.resource->group != "admissionregistration.k8s.io")
        return false;
    const std::string& kind = attrs.resource->kind;
    return kind == "ValidatingWebhookConfiguration" || kind == "MutatingWebhookConfiguration" ||
           kind == "ValidatingAdmissionPolicy" || kind == "ValidatingAdmissionPolicyBinding" ||
           kind == "MutatingAdmissionPolicy" || kind == "MutatingAdmissionPolicyBinding";
}

// A request uid: stable for the same request (no draw from the cluster's Rng, so calling a
// webhook does not change the names generated after it).
std::string requestUid(const AdmissionAttributes& attrs, const std::string& webhook, Time now) {
    uint64_t h = 1469598103934665603ULL;
    auto mix = [&](const std::string& s) {
        for (unsigned char c : s)
            h = (h ^ c) * 1099511628211ULL;
        h = (h ^ 0xff) * 1099511628211ULL;
    };
    mix(attrs.operation);
    mix(attrs.resource->groupResource());
    mix(attrs.namespace_);
    mix(attrs.name);
    mix(webhook);
    mix(std::to_string(now.ms));
    uint64_t h2 = h * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(h >> 32),
                  static_cast<unsigned>((h >> 16) & 0xffff), static_cast<unsigned>(h & 0xfff),
                  static_cast<unsigned>(0x8000 | ((h2 >> 48) & 0x3fff)), static_cast<unsigned long long>(h2 & 0xffffffffffffULL));
    return buf;
}

Json groupVersionResource(const ResourceInfo& r) {
    return {{"group", r.group}, {"version", r.version}, {"resource", r.resource}};
}

Json groupVersionKind(const ResourceInfo& r, const std::string& subresource) {
    for (const SubresourceInfo& s : r.subresources)
        if (s.name == subresource && !s.kind.empty())
            return {{"group", s.group}, {"version", s.version}, {"kind", s.kind}};
    return {{"group", r.group}, {"version", r.version}, {"kind", r.kind}};
}

std::string optionsKind(const std::string& operation) {
    if (operation == "CREATE")
        return "CreateOptions";
    if (operation == "DELETE")
        return "DeleteOptions";
    return "UpdateOptions";
}

// The AdmissionReview admission.k8s.io/v1 sent to one webhook.
Json admissionReview(const AdmissionAttributes& attrs, const std::string& webhook, Time now) {
    Json request = {{"uid", requestUid(attrs, webhook, now)},
                    {"kind", groupVersionKind(*attrs.resource, attrs.subresource)},
                    {"resource", groupVersionResource(*attrs.resource)},
                    {"requestKind", groupVersionKind(*attrs.resource, attrs.subresource)},
                    {"requestResource", groupVersionResource(*attrs.resource)},
                    {"name", attrs.name},
                    {"namespace", attrs.namespace_},
                    {"operation", attrs.operation},
                    {"userInfo", {{"username", attrs.username}}},
                    {"object", attrs.object ? *attrs.object : Json()},
                    {"oldObject", attrs.oldObject ? *attrs.oldObject : Json()},
                    {"dryRun", attrs.dryRun},
                    {"options", {{"apiVersion", "meta.k8s.io/v1"}, {"kind", optionsKind(attrs.operation)}}}};
    if (!attrs.subresource.empty()) {
        request["subResource"] = attrs.subresource;
        request["requestSubResource"] = attrs.subresource;
    }
    return {{"apiVersion", "admission.k8s.io/v1"}, {"kind", "AdmissionReview"}, {"request", std::move(request)}};
}

// webhookerrors.ToStatusErr: the webhook's own status, at least 400, its message prefixed.
Status denial(const std::string& webhook, const Json& response) {
    const Json result = response.value("status", Json::object());
    int code = static_cast<int>(result.value("code", int64_t{0}));
    if (code < 400)
        code = 400;
    const std::string deniedBy = "admission webhook \"" + webhook + "\" denied the request";
    const std::string message = result.value("message", std::string(""));
    const std::string reason = result.value("reason", std::string(""));
    std::string text;
    if (!message.empty())
        text = deniedBy + ": " + message;
    else if (!reason.empty())
        text = deniedBy + ": " + reason;
    else
        text = deniedBy + " without explanation";
    return Status::failure(code, reason, text);
}

void collectWarnings(const Json& response, std::vector<std::string>& warnings) {
    if (const Json* w = findPath(response, "warnings"); w && w->is_array())
        for (const Json& text : *w)
            if (text.is_string())
                warnings.push_back(text.get<std::string>());
}

enum class CallResult { Allowed, Ignored, Failed };

// One webhook call and its outcome by failurePolicy. `patch` gets a mutating webhook's JSON
// patch (null when none).
CallResult callHook(ApiServer& server, const std::string& configuration, const Json& webhook, bool mutating,
                    const AdmissionAttributes& attrs, std::vector<std::string>& warnings, Status& failure, Json& patch) {
    const std::string name = webhook.value("name", std::string(""));
    if (attrs.dryRun) {
        const std::string sideEffects = webhook.value("sideEffects", std::string(""));
        if (sideEffects != "None" && sideEffects != "NoneOnDryRun") {
            failure = apierrors::badRequest("admission webhook \"" + name + "\" does not support dry run");
            return CallResult::Failed;
        }
    }
    const Time now = server.clock().now();
    WebhookCall call{configuration, webhook, mutating, admissionReview(attrs, name, now)};
    WebhookReply reply = server.webhookTransport()->callWebhook(call, now);
    if (!reply.error.empty()) {
        if (webhook.value("failurePolicy", std::string("Fail")) == "Ignore")
            return CallResult::Ignored;  // failing open
        failure = apierrors::internal("failed calling webhook \"" + name + "\": failed to call webhook: Post \"" +
                                      webhookURL(webhook) + "\": " + reply.error);
        return CallResult::Failed;
    }
    collectWarnings(reply.response, warnings);
    if (!reply.response.value("allowed", false)) {
        failure = denial(name, reply.response);
        return CallResult::Failed;
    }
    if (mutating)
        if (const Json* p = findPath(reply.response, "patch"); p && p->is_array())
            patch = *p;
    return CallResult::Allowed;
}

// The webhooks of every configuration of one kind that apply to the request, in order.
std::vector<std::pair<std::string, Json>> applicableHooks(const ObjectStore& store, const char* resource,
                                                          const AdmissionAttributes& attrs) {
    std::vector<std::pair<std::string, Json>> hooks;
    for (const ObjectPtr& config : store.list(resource)) {  // by name
        const Json* webhooks = findPath(*config, "webhooks");
        if (!webhooks || !webhooks->is_array())
            continue;
        for (const Json& w : *webhooks)
            if (w.is_object() && webhookApplies(store, w, attrs))
                hooks.emplace_back(stringAt(*config, "metadata.name"), w);
    }
    return hooks;
}

}  // namespace

std::string webhookURL(const Json& webhook) {
    const std::string timeout = "?timeout=" + std::to_string(intAt(webhook, "timeoutSeconds", 10)) + "s";
    if (const Json* service = findPath(webhook, "clientConfig.service"); service && service->is_object()) {
        std::string path = stringAt(*service, "path");
        if (path.empty())
            path = "/";
        return "https://" + stringAt(*service, "name") + "." + stringAt(*service, "namespace") +
               ".svc:" + std::to_string(intAt(*service, "port", 443)) + path + timeout;
    }
    return stringAt(webhook, "clientConfig.url") + timeout;
}

bool ruleMatches(const Json& rule, const AdmissionAttributes& attrs) {
    return ruleMatchesResource(rule, attrs, *attrs.resource);
}

bool webhookApplies(const ObjectStore& store, const Json& webhook, const AdmissionAttributes& attrs) {
    if (!namespaceSelectorMatches(store, webhook, attrs) || !objectSelectorMatches(webhook, attrs))
        return false;
    const Json* rules = findPath(webhook, "rules");
    if (!rules || !rules->is_array())
        return false;
    for (const Json& rule : *rules)
        if (ruleMatches(rule, attrs))
            return true;
    if (stringAt(webhook, "matchPolicy", "Equivalent") != "Equivalent")
        return false;
    // The same resource served in another version of its group (HorizontalPodAutoscalers in
    // autoscaling/v1 and v2): the apiserver converts the object for the webhook.
    // SIMPLIFICATION: the object is sent as the request's version.
    for (const Json& rule : *rules)
        for (const ResourceInfo& other : ResourceRegistry::builtin().all())
            if (other.group == attrs.resource->group && other.resource == attrs.resource->resource &&
                other.version != attrs.resource->version && ruleMatchesResource(rule, attrs, other))
                return true;
    return false;
}

Status runMutatingWebhooks(ApiServer& server, const AdmissionAttributes& attrs, Json& obj, std::vector<std::string>& warnings) {
    if (!server.webhookTransport() || isExemptConfigurationResource(attrs) || attrs.operation == "DELETE")
        return {};
    for (const auto& [configuration, webhook] : applicableHooks(server.store(), kMutatingConfigurations, attrs)) {
        AdmissionAttributes current = attrs;
        current.object = &obj;  // each webhook sees the previous ones' changes
        Status failure;
        Json patch;
        if (callHook(server, configuration, webhook, true, current, warnings, failure, patch) == CallResult::Failed)
            return failure;
        if (patch.is_null())
            continue;
        patch::PatchResult patched = patch::applyJSONPatch(obj, patch);
        if (!patched.ok())
            return apierrors::internal(patched.error.message);
        obj = std::move(patched.value);
    }
    return {};
}

Status runValidatingWebhooks(ApiServer& server, const AdmissionAttributes& attrs, std::vector<std::string>& warnings) {
    if (!server.webhookTransport() || isExemptConfigurationResource(attrs))
        return {};
    // Upstream calls them all at once and answers with one failure: every one is called here
    // too, and the first failure in configuration order is the answer.
    Status first;
    for (const auto& [configuration, webhook] : applicableHooks(server.store(), kValidatingConfigurations, attrs)) {
        Status failure;
        Json patch;
        if (callHook(server, configuration, webhook, false, attrs, warnings, failure, patch) == CallResult::Failed &&
            first.ok())
            first = failure;
    }
    return first;
}

}  // namespace kp::admission
