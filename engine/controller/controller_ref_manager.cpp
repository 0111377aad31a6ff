#include "controller/controller_ref_manager.h"

#include "api/owner_refs.h"

namespace kp::controller {
namespace {

bool deleting(const Json& obj) {
    const Json* ts = findPath(obj, "metadata.deletionTimestamp");
    return ts && !ts->is_null();
}

std::string quoted(const std::string& s) { return Json(s).dump(); }

}  // namespace

std::string adoptPatch(const Json& controller, const std::string& dependentUid, const std::vector<std::string>& finalizers) {
    std::string patch = std::string(R"({"metadata":{"ownerReferences":[{"apiVersion":)") + quoted(stringAt(controller, "apiVersion")) +
                        R"(,"kind":)" + quoted(stringAt(controller, "kind")) + R"(,"name":)" +
                        quoted(stringAt(controller, "metadata.name")) + R"(,"uid":)" +
                        quoted(stringAt(controller, "metadata.uid")) +
                        R"(,"controller":true,"blockOwnerDeletion":true}],"uid":)" + quoted(dependentUid);
    if (!finalizers.empty())
        patch += R"(,"finalizers":)" + Json(finalizers).dump();
    return patch + "}}";
}

std::string releasePatch(const std::string& controllerUid, const std::string& dependentUid) {
    return R"({"metadata":{"ownerReferences":[{"$patch":"delete","uid":)" + quoted(controllerUid) + R"(}],"uid":)" +
           quoted(dependentUid) + "}}";
}

// Upstream: controller_ref_manager.go#claimObject (+ RecheckDeletionTimestamp: our store read of
// `controller` is already the latest version, so the recheck is the deletion check below).
ClaimResult claimObjects(Client& client, const Json& controller, const labels::Selector& selector,
                         const std::string& resource, const std::vector<ObjectPtr>& candidates,
                         const ClaimOptions& options) {
    ClaimResult result;
    const std::string uid = stringAt(controller, "metadata.uid");
    const bool controllerDeleting = deleting(controller);
    const ResourceInfo& r = client.resource(resource);
    auto fail = [&](const std::string& message) {
        if (result.error.empty())
            result.error = message;
    };
    auto uidIs = [](const Json& ref, const std::string& want) {
        const Json* u = findPath(ref, "uid");
        return u && u->is_string() ? u->get_ref<const std::string&>() == want : want.empty();
    };
    for (const ObjectPtr& obj : candidates) {
        const bool matches = selector.matchesLabelsOf(*obj) && (!options.filter || options.filter(*obj));
        const Json* ref = owner::controllerRef(*obj);
        if (ref && !uidIs(*ref, uid))
            continue;  // someone else's
        if (ref && matches) {
            result.claimed.push_back(obj);  // the common case: nothing to write, nothing to copy
            continue;
        }
        const std::string ns = stringAt(*obj, "metadata.namespace");
        const std::string name = stringAt(*obj, "metadata.name");
        const std::string objUid = stringAt(*obj, "metadata.uid");
        if (ref) {
            if (controllerDeleting)
                continue;
            ApiResponse resp = client.patch(r, ns, name, PatchType::StrategicMergePatch, releasePatch(uid, objUid));
            if (!resp.ok() && !resp.status.isNotFound() && !resp.status.isInvalid())
                fail(resp.status.message());
            continue;
        }
        // An orphan.
        if (controllerDeleting || !matches || deleting(*obj))
            continue;
        ApiResponse resp = client.patch(r, ns, name, PatchType::StrategicMergePatch, adoptPatch(controller, objUid, options.finalizers));
        if (resp.ok()) {
            result.claimed.push_back(std::make_shared<const Json>(std::move(resp.object)));
            continue;
        }
        if (!resp.status.isNotFound())
            fail(resp.status.message());
    }
    return result;
}

}  // namespace kp::controller
