// Subresources: pods/binding (the scheduler's bind) and */scale (kubectl scale, HPA).
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
    Status ok;
    resp.object = ok.toJson();
    resp.object["code"] = 201;
    if (opts.dryRun)
        return resp;
    int64_t rv = store_.update(r.groupResource(), pod);
    logWrite(opts.actor, "create", r, pod, rv, "binding to " + node);
    return resp;
}

}  // namespace kp
