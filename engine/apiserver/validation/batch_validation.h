// Job helpers the apiserver needs around validation.
#pragma once
#include "base/json.h"

namespace kp::validation {

// Upstream: pkg/registry/batch/job/strategy.go#generateSelector, run by PrepareForCreate before
// validation unless spec.manualSelector is true. Adds the pod template labels
// `batch.kubernetes.io/controller-uid`, `controller-uid`, `batch.kubernetes.io/job-name`,
// `job-name` (keeping any the user set) and selects `batch.kubernetes.io/controller-uid=<uid>`.
// metadata.uid and metadata.name must already be set.
void generateJobSelector(Json& job);

}  // namespace kp::validation
