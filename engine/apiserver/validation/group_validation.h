// Validation of the kinds outside the core group: apps, batch, networking, discovery,
// coordination, storage, autoscaling, policy, rbac. Each takes the versioned JSON object (after
// defaulting) and reports internal-type paths and messages.
// Upstream: kubernetes pkg/apis/<group>/validation/validation.go.
#pragma once
#include <string>

#include "apiserver/validation/field_error.h"
#include "base/json.h"

namespace kp::validation {

// [SECTION] apps (apps_validation.cpp)
FieldErrorList validateDeployment(const Json& d);
FieldErrorList validateDeploymentUpdate(const Json& d, const Json& old);
FieldErrorList validateReplicaSet(const Json& rs);
FieldErrorList validateReplicaSetUpdate(const Json& rs, const Json& old);
FieldErrorList validateDaemonSet(const Json& ds);
FieldErrorList validateDaemonSetUpdate(const Json& ds, const Json& old);
FieldErrorList validateStatefulSet(const Json& sts);
FieldErrorList validateStatefulSetUpdate(const Json& sts, const Json& old);
FieldErrorList validateControllerRevision(const Json& cr);
FieldErrorList validateControllerRevisionUpdate(const Json& cr, const Json& old);
// Int-or-percent rules shared with PodDisruptionBudget.
FieldErrorList validatePositiveIntOrPercent(const Json& value, const std::string& fldPath);
FieldErrorList isNotMoreThan100Percent(const Json& value, const std::string& fldPath);

// [SECTION] batch (batch_validation.cpp)
FieldErrorList validateJob(const Json& job);
FieldErrorList validateJobUpdate(const Json& job, const Json& old);
FieldErrorList validateCronJob(const Json& cronJob);
FieldErrorList validateCronJobUpdate(const Json& cronJob, const Json& old);

// [SECTION] networking (networking_validation.cpp)
FieldErrorList validateIngress(const Json& ingress);
FieldErrorList validateIngressUpdate(const Json& ingress, const Json& old);
FieldErrorList validateIngressClass(const Json& ic);
FieldErrorList validateIngressClassUpdate(const Json& ic, const Json& old);
FieldErrorList validateNetworkPolicy(const Json& np);
FieldErrorList validateNetworkPolicyUpdate(const Json& np, const Json& old);

// [SECTION] discovery, coordination, storage, autoscaling, policy, rbac (other_groups_validation.cpp)
FieldErrorList validateEndpointSlice(const Json& slice);
FieldErrorList validateEndpointSliceUpdate(const Json& slice, const Json& old);
FieldErrorList validateLease(const Json& lease);
FieldErrorList validateLeaseUpdate(const Json& lease, const Json& old);
FieldErrorList validateStorageClass(const Json& sc);
FieldErrorList validateStorageClassUpdate(const Json& sc, const Json& old);
FieldErrorList validateHorizontalPodAutoscaler(const Json& hpa);
FieldErrorList validateHorizontalPodAutoscalerUpdate(const Json& hpa, const Json& old);
FieldErrorList validatePodDisruptionBudget(const Json& pdb);
FieldErrorList validatePodDisruptionBudgetUpdate(const Json& pdb, const Json& old);
FieldErrorList validateRBACObject(const Json& obj, bool namespaced);
FieldErrorList validateRBACObjectUpdate(const Json& obj, const Json& old, bool namespaced);

}  // namespace kp::validation
