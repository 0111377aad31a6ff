// Strategic merge patch, apply side: what the apiserver does with a PATCH of type
// application/strategic-merge-patch+json (`kubectl set image`, `kubectl rollout restart`,
// client-side `kubectl apply`, `kubectl patch` without --type).
//
// Like a JSON merge patch, but lists whose field has patchStrategy "merge" are merged by
// their merge key (containers by name, ports by containerPort) instead of replaced, and
// the patch may carry directives: `$patch: replace|delete`, `$setElementOrder/<list>`,
// `$retainKeys`, `$deleteFromPrimitiveList/<list>`. The rules are listed in merge_map.h.
//
// Upstream: apimachinery/pkg/util/strategicpatch/patch.go#StrategicMergeMapPatch.
#pragma once
#include "api/schema/schema.h"
#include "apiserver/patch/patch_error.h"
#include "base/json.h"

namespace kp::patch {

// Applies `patch` to `original`; both are JSON objects (null counts as {}). `def` is the
// object's schema (e.g. apps/v1.Deployment); nullptr means no schema: maps still merge,
// lists are replaced, directives still apply.
//
// The result may still hold nulls and directives inside values the original did not have
// (upstream leaves them for typed decoding to drop or reject): decode it with the schema.
// On failure, error.message is upstream's text; strategicMergePatchStatus(error) gives the
// Status the apiserver answers.
PatchResult strategicMergePatch(const Json& original, const Json& patch, const schema::StructDef* def);

}  // namespace kp::patch
