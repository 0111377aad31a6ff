// Subresources: pods/binding (the scheduler's bind), pods/eviction (kubectl drain) and */scale
// (kubectl scale, HPA).
#include "apiserver/subresources.h"

#include "api/labels.h"
#include "apiserver/api_server.h"
#include "apiserver/errors.h"
#include "apiserver/validation/field_error.h"

namespace kp {

Json scaleOf(const ResourceInfo& r, const Json& obj) {
    Json meta = {{"name", stringAt(obj, "metadata.name")},
                 {"uid", stringAt(obj, "metadata.uid")},
                 {"resourceVersion", stringAt(obj, "metadata.resourceVersion")},
                 {"creationTimestamp", stringAt(obj, "metadata.creationTimestamp")}};
    if (r.namespaced)
        meta["namespace"] = stringAt(obj, "metadata.namespace");
    Json status = {{"replicas", intAt(obj, "status.replicas", 0)}};
    if (const Json* sel = findPath(obj, "spec.selector"); sel && sel->is_object()) {
        std::string error;
        if (auto parsed = labels::labelSelectorAsSelector(*sel, &error); parsed && !parsed->empty())
            status["selector"] = parsed->toString();
    }
    return Json{{"kind", "Scale"},
                {"apiVersion", "autoscaling/v1"},
                {"metadata", std::move(meta)},
                {"spec", {{"replicas", intAt(obj, "spec.replicas", 0)}}},
                {"status", std::move(status)}};
}

ApiResponse ApiServer::updateScale(const ResourceInfo& r, const Json& current, const Json& scale,
                                   const WriteOptions& opts) {
    std::string name = stringAt(current, "metadata.name");
    const Json* replicas = findPath(scale, "spec.replicas");
    if (replicas && !replicas->is_number_integer())
        return ApiResponse::failure(apierrors::badRequest(
            "Scale in version \"v1\" cannot be handled as a Scale: json: cannot unmarshal " +
            std::string(replicas->type_name()) + " into Go struct field ScaleSpec.spec.replicas of type int32"));
    int64_t n = replicas ? replicas->get<int64_t>() : 0;
    if (n < 0) {
        validation::FieldErrorList errs{
            validation::invalid("spec.replicas", n, "must be greater than or equal to 0")};
        return ApiResponse::failure(validation::invalidStatus("Scale", "autoscaling", name, errs));
    }
    std::string wantRv = stringAt(scale, "metadata.resourceVersion");
    if (!wantRv.empty() && wantRv != stringAt(current, "metadata.resourceVersion"))
        return ApiResponse::failure(apierrors::conflictModified(r, name));
    Json updated = current;
    updated["spec"]["replicas"] = n;
    ApiResponse resp = commitUpdate(r, current, std::move(updated), opts, "", true);
    if (!resp.ok())
        return resp;
    resp.object = scaleOf(r, resp.object);
    return resp;
}

ApiResponse ApiServer::bindPod(const ResourceInfo& r, std::string_view ns, const Json& binding,
                               const WriteOptions& opts) {
    // Upstream: pkg/registry/core/pod/storage/storage.go#BindingREST.Create / assignPod.
    std::string podName = stringAt(binding, "metadata.name");
    std::string node = stringAt(binding, "target.name");
    ObjectPtr current = store_.get(r.groupResource(), std::string(ns), podName);
    if (!current)
        return ApiResponse::failure(apierrors::notFound(r, podName));
    if (findPath(*current, "metadata.deletionTimestamp"))
        return ApiResponse::failure(apierrors::conflict(
            r, podName, "pod " + podName + " is being deleted, cannot be assigned to a host"));
    std::string existing = stringAt(*current, "spec.nodeName");
    if (!existing.empty())
        return ApiResponse::failure(apierrors::conflict(
            r, podName, "pod " + podName + " is already assigned to node \"" + existing + "\""));
    Json pod = *current;
    pod["spec"]["nodeName"] = node;
    Json& conditions = pod["status"]["conditions"];
    if (!conditions.is_array())
        conditions = Json::array();
    bool found = false;
    for (Json& c : conditions) {
        if (stringAt(c, "type") == "PodScheduled") {
            c["status"] = "True";
            c.erase("reason");
            c.erase("message");
            c["lastTransitionTime"] = formatRFC3339(clock_.now());
            found = true;
        }
    }
    if (!found)
        conditions.push_back({{"type", "PodScheduled"},
                              {"status", "True"},
                              {"lastProbeTime", nullptr},
                              {"lastTransitionTime", formatRFC3339(clock_.now())}});
    ApiResponse resp;
    resp.code = 201;
    // The Success Status with code 201, the same for every binding: built once (one per pod).
    static const Json kBound = [] {
        Json j = Status().toJson();
        j["code"] = 201;
        return j;
    }();
    resp.object = kBound;
    if (opts.dryRun)
        return resp;
    int64_t rv = store_.update(r.groupResource(), std::move(pod));
    logWrite(opts.actor, "create", r, *current, rv, "binding to " + node);  // same namespace and name
    return resp;
}

// [pods/eviction]

namespace {

// An IntOrString of a PodDisruptionBudget as a pod count: an int, or "N%" of `expected`
// rounded up (intstr.GetScaledValueFromIntOrPercent with roundUp=true).
int64_t scaledValue(const Json& v, int64_t expected) {
    if (v.is_number_integer())
        return v.get<int64_t>();
    if (v.is_string()) {
        std::string s = v.get<std::string>();
        if (!s.empty() && s.back() == '%') {
            const int64_t pct = std::atoll(s.c_str());
            return (pct * expected + 99) / 100;
        }
        return std::atoll(s.c_str());
    }
    return 0;
}

bool isPodReadyJson(const Json& pod) {
    const Json* conditions = findPath(pod, "status.conditions");
    if (!conditions || !conditions->is_array())
        return false;
    for (const Json& c : *conditions)
        if (stringAt(c, "type") == "Ready")
            return stringAt(c, "status") == "True";
    return false;
}

}  // namespace

ApiResponse ApiServer::evictPod(const ResourceInfo& r, std::string_view ns, std::string_view name,
                                const Json& eviction, const WriteOptions& opts) {
    // Upstream: pkg/registry/core/pod/storage/eviction.go#EvictionREST.Create.
    ObjectPtr pod = store_.get(r.groupResource(), std::string(ns), std::string(name));
    if (!pod)
        return ApiResponse::failure(apierrors::notFound(r, std::string(name)));
    DeleteOptions del;
    del.actor = opts.actor;
    del.dryRun = opts.dryRun;
    if (const Json* grace = findPath(eviction, "deleteOptions.gracePeriodSeconds"); grace && grace->is_number_integer())
        del.gracePeriodSeconds = grace->get<int64_t>();
    auto evicted = [&]() {
        ApiResponse resp = remove(r, ns, name, del);
        if (!resp.ok())
            return resp;
        ApiResponse ok;
        ok.code = 201;
        ok.object = {{"kind", "Status"}, {"apiVersion", "v1"}, {"metadata", Json::object()}, {"status", "Success"},
                     {"code", 201}};
        return ok;
    };
    // Pods that are not running, or already going away, ignore budgets (canIgnorePDB).
    const std::string phase = stringAt(*pod, "status.phase");
    if (phase == "Succeeded" || phase == "Failed" || phase == "Pending" || findPath(*pod, "metadata.deletionTimestamp"))
        return evicted();

    const ResourceInfo* pdbs = resources().byGroupResource("policy", "poddisruptionbudgets");
    const ResourceInfo* pods = resources().byGroupResource("", "pods");
    std::vector<ObjectPtr> budgets;
    if (pdbs) {
        for (const ObjectPtr& pdb : store_.list(pdbs->groupResource(), std::string(ns))) {
            const Json* sel = findPath(*pdb, "spec.selector");
            std::optional<labels::Selector> selector = sel ? labels::labelSelectorAsSelector(*sel, nullptr) : std::nullopt;
            if (selector && !selector->empty() && selector->matchesLabelsOf(*pod))
                budgets.push_back(pdb);
        }
    }
    if (budgets.empty())
        return evicted();
    if (budgets.size() > 1)
        return ApiResponse::failure(Status::failure(
            500, "InternalError", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."));

    // SIMPLIFICATION: there is no disruption controller keeping the budget's status; the
    // eviction counts the budget's pods itself (expected = pods the selector matches, healthy =
    // the Ready ones not being deleted), as that controller would.
    const Json& pdb = *budgets[0];
    const Json* sel = findPath(pdb, "spec.selector");
    std::optional<labels::Selector> selector = labels::labelSelectorAsSelector(*sel, nullptr);
    int64_t expected = 0, healthy = 0;
    for (const ObjectPtr& p : store_.list(pods->groupResource(), std::string(ns))) {
        if (!selector->matchesLabelsOf(*p))
            continue;
        ++expected;
        if (isPodReadyJson(*p) && !findPath(*p, "metadata.deletionTimestamp"))
            ++healthy;
    }
    int64_t desired = 0;
    if (const Json* minAvailable = findPath(pdb, "spec.minAvailable"))
        desired = scaledValue(*minAvailable, expected);
    else if (const Json* maxUnavailable = findPath(pdb, "spec.maxUnavailable"))
        desired = std::max<int64_t>(0, expected - scaledValue(*maxUnavailable, expected));
    if (healthy - desired > 0 || !isPodReadyJson(*pod))
        return evicted();
    Status s = Status::failure(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.");
    StatusDetails details;
    details.causes.push_back({"DisruptionBudget",
                              "The disruption budget " + stringAt(pdb, "metadata.name") + " needs " +
                                  std::to_string(desired) + " healthy pods and has " + std::to_string(healthy) +
                                  " currently",
                              ""});
    s.withDetails(details);
    return ApiResponse::failure(s);
}

}  // namespace kp
