#include "apiserver/admission/admission.h"

#include "apiserver/admission/service_allocation.h"

namespace kp::admission {

Status checkNamespaceLifecycle(ApiServer& server, const ResourceInfo& r, const Json& obj);
Status checkImmortalNamespace(const ResourceInfo& r, const Json& obj);
Status admitPod(ApiServer& server, const ResourceInfo& r, Json& pod, Rng& rng);

namespace {

// DefaultIngressClass: an Ingress created without a class (neither spec.ingressClassName nor
// the legacy kubernetes.io/ingress.class annotation) gets the default IngressClass, the newest
// when several carry ingressclass.kubernetes.io/is-default-class: "true".
// Upstream: plugin/pkg/admission/network/defaultingressclass/admission.go.
void defaultIngressClass(const ObjectStore& store, Json& ingress) {
    if (!stringAt(ingress, "spec.ingressClassName").empty())
        return;
    if (const Json* a = findPath(ingress, "metadata.annotations"); a && a->is_object() && a->contains("kubernetes.io/ingress.class"))
        return;
    std::string chosen, chosenCreated;
    for (const ObjectPtr& ic : store.list("ingressclasses.networking.k8s.io")) {
        const Json* a = findPath(*ic, "metadata.annotations");
        if (!a || !a->is_object() || a->value("ingressclass.kubernetes.io/is-default-class", std::string("")) != "true")
            continue;
        const std::string created = stringAt(*ic, "metadata.creationTimestamp");
        if (chosen.empty() || created > chosenCreated) {
            chosen = stringAt(*ic, "metadata.name");
            chosenCreated = created;
        }
    }
    if (!chosen.empty())
        ensureObject(ingress, "spec")["ingressClassName"] = chosen;
}

}  // namespace

Status admitCreate(ApiServer& server, const ResourceInfo& r, Json& obj, Rng& rng) {
    if (Status s = checkNamespaceLifecycle(server, r, obj); !s.ok())
        return s;
    if (r.group == "networking.k8s.io" && r.resource == "ingresses")
        defaultIngressClass(server.store(), obj);
    if (r.group.empty() && r.resource == "pods")
        return admitPod(server, r, obj, rng);
    return {};
}

Status admitUpdate(ApiServer& server, const ResourceInfo& r, Json& obj, const Json& old, Rng& rng) {
    if (!(r.group.empty() && r.resource == "services"))
        return {};
    keepAllocatedServiceValues(obj, old);
    // A type change may need new addresses (ExternalName -> ClusterIP, ClusterIP -> NodePort).
    return allocateServiceAddresses(server.store(), obj, &old, rng);
}

Status admitDelete(ApiServer& server, const ResourceInfo& r, const Json& obj) {
    return checkImmortalNamespace(r, obj);
}

Status allocateOnCreate(ApiServer& server, const ResourceInfo& r, Json& obj, bool dryRun, Rng& rng) {
    if (r.group.empty() && r.resource == "services")
        return allocateServiceAddresses(server.store(), obj, nullptr, rng);
    return {};
}

}  // namespace kp::admission
