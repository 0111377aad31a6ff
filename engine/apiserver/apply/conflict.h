// The 409 a refused apply answers with. One conflict:
//   Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas
// Several, grouped by manager (managers sorted by identity, paths in field-set order):
//   Apply failed with 2 conflicts: conflicts with "x" using apps/v1:
//   - .spec.replicas
//   - .spec.template.spec.containers[name="nginx"].image
// Each conflict is also a cause {reason: FieldManagerConflict, message: "conflict with ...",
// field: ".spec.replicas"}.
// Upstream: apimachinery pkg/util/managedfields/internal/conflict.go (NewConflictError,
// getConflictMessage, printManager); pkg/api/errors/errors.go (NewApplyConflict).
#pragma once
#include <vector>

#include "apiserver/apply/updater.h"
#include "base/status.h"

namespace kp::apply {

Status conflictError(const std::vector<Conflict>& conflicts);

}  // namespace kp::apply
