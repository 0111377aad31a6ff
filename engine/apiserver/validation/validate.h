// Entry points of API validation: what kube-apiserver checks on create and update before it
// stores an object, with Kubernetes 1.32's paths and messages.
//
// Contract (what the caller, the apiserver, must have done first, as Kubernetes does):
//  - the object is in its versioned JSON form with defaults applied (Pod restartPolicy,
//    container imagePullPolicy, Service protocol/targetPort/internalTrafficPolicy, ...);
//  - metadata.name has been generated from generateName, metadata.namespace is the request's
//    namespace (and empty for cluster-scoped kinds), metadata.uid is set on create;
//  - for Jobs, the selector and labels are generated (generateJobSelector in batch_validation.h)
//    unless spec.manualSelector is true;
//  - on update, metadata.resourceVersion is set (for unconditional updates, copy the stored one).
// validateUpdate repeats the fix-ups BeforeUpdate makes (keep uid, creationTimestamp,
// deletionTimestamp, deletionGracePeriodSeconds, generation of the old object) on the copy it
// validates; the apiserver must apply them to what it stores too.
//
// Order of checks, as upstream:
//  - create: the kind's own rules (strategy Validate); only when they pass, the generic
//    metadata rules with the path-segment name rule (which is what PodDisruptionBudget and
//    unknown kinds get). For Services the NodePort range is checked first, as the allocator
//    runs before validation.
//  - update: generic metadata rules + metadata update rules, then the kind's update rules
//    (which repeat the metadata update rules: causes may hold duplicates, the message not).
#pragma once
#include <string>
#include <string_view>

#include "apiserver/validation/field_error.h"
#include "apiserver/validation/name_validation.h"
#include "base/json.h"
#include "base/status.h"

namespace kp::validation {

FieldErrorList validateCreate(std::string_view kind, const Json& obj);
FieldErrorList validateUpdate(std::string_view kind, const Json& obj, const Json& old);

// The rule metadata.name follows for a kind (DNS-1123 subdomain for most; DNS-1123 label for
// Namespace and StatefulSet; DNS-1035 label for Service; path segment for RBAC kinds,
// PodDisruptionBudget and kinds kubeplay does not know).
NameValidator nameValidatorFor(std::string_view kind);

// The API group of a validated kind ("" for core, "apps", ...), as the 422 message needs.
std::string groupOf(std::string_view kind);

// Convenience: Status::success() or the 422 Invalid Status for the object.
Status checkCreate(std::string_view kind, const Json& obj);
Status checkUpdate(std::string_view kind, const Json& obj, const Json& old);

}  // namespace kp::validation
