#include "api/owner_refs.h"

namespace kp::owner {

const Json* controllerRef(const Json& obj) {
    const Json* refs = findPath(obj, "metadata.ownerReferences");
    if (!refs || !refs->is_array())
        return nullptr;
    for (const Json& r : *refs)
        if (r.is_object() && r.value("controller", false))
            return &r;
    return nullptr;
}

Json newControllerRef(const Json& owner) {
    return Json{{"apiVersion", stringAt(owner, "apiVersion")},
                {"kind", stringAt(owner, "kind")},
                {"name", stringAt(owner, "metadata.name")},
                {"uid", stringAt(owner, "metadata.uid")},
                {"controller", true},
                {"blockOwnerDeletion", true}};
}

bool isControlledBy(const Json& obj, const std::string& ownerUid) {
    const Json* ref = controllerRef(obj);
    return ref && ref->value("uid", "") == ownerUid;
}

}  // namespace kp::owner
