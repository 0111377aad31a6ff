// ownerReferences: how controllers mark what they own (apimachinery metav1.GetControllerOf,
// NewControllerRef). The garbage collector and `Controlled By:` in describe read them.
#pragma once
#include "base/json.h"

namespace kp::owner {

// The ownerReference with controller: true, or nullptr.
const Json* controllerRef(const Json& obj);
// {apiVersion, kind, name, uid, controller: true, blockOwnerDeletion: true} pointing at `owner`.
Json newControllerRef(const Json& owner);
// Whether obj's controller is the object with this uid.
bool isControlledBy(const Json& obj, const std::string& ownerUid);

}  // namespace kp::owner
