#include "apiserver/admission/admission.h"

#include "apiserver/admission/service_allocation.h"

namespace kp::admission {

Status checkNamespaceLifecycle(ApiServer& server, const ResourceInfo& r, const Json& obj);
Status checkImmortalNamespace(const ResourceInfo& r, const Json& obj);
Status admitPod(ApiServer& server, const ResourceInfo& r, Json& pod, Rng& rng);

Status admitCreate(ApiServer& server, const ResourceInfo& r, Json& obj, Rng& rng) {
    if (Status s = checkNamespaceLifecycle(server, r, obj); !s.ok())
        return s;
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
