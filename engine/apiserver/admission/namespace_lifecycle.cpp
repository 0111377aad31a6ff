// NamespaceLifecycle admission. Upstream: apiserver/pkg/admission/plugin/namespace/lifecycle/admission.go
#include "apiserver/admission/admission.h"
#include "apiserver/errors.h"

namespace kp::admission {

Status checkNamespaceLifecycle(ApiServer& server, const ResourceInfo& r, const Json& obj) {
    if (!r.namespaced)
        return {};
    std::string ns = stringAt(obj, "metadata.namespace");
    ObjectPtr nsObj = server.store().get("namespaces", "", ns);
    if (!nsObj)
        return apierrors::namespaceNotFound(ns);
    if (stringAt(*nsObj, "status.phase") == "Terminating" || findPath(*nsObj, "metadata.deletionTimestamp")) {
        std::string name = stringAt(obj, "metadata.name");
        return apierrors::forbidden(r, name,
                                    "unable to create new content in namespace " + ns +
                                        " because it is being terminated");
    }
    return {};
}

Status checkImmortalNamespace(const ResourceInfo& r, const Json& obj) {
    if (r.resource != "namespaces")
        return {};
    std::string name = stringAt(obj, "metadata.name");
    if (name == "default" || name == "kube-system" || name == "kube-public")
        return apierrors::forbidden(r, name, "this namespace may not be deleted");
    return {};
}

}  // namespace kp::admission
