// Strategic merge patch, create side: the patch kubectl computes and sends.
//
// `kubectl apply` (client-side) calls createThreeWayMergePatch with
//   original = the object's last-applied-configuration annotation ({} when absent),
//   modified = the manifest being applied, with its own JSON stored in the
//              kubectl.kubernetes.io/last-applied-configuration annotation,
//   current  = the live object,
// and overwrite = true (the --overwrite default). An empty patch ({}) means nothing to do:
// kubectl sends no PATCH and prints `deployment.apps/hello unchanged`; otherwise it PATCHes
// with application/strategic-merge-patch+json and prints `configured`.
//
// The patch holds: fields changed or added from current to modified (fields the manifest
// does not mention, e.g. set by controllers, are left alone); nulls for fields that were in
// original but are gone from modified; `{"name": x, "$patch": "delete"}` for merge-list items
// removed from the manifest; `$setElementOrder/<list>` when a merge list changed or was
// reordered; `$deleteFromPrimitiveList/<list>`; `$retainKeys` for retainKeys fields.
//
// Upstream: apimachinery/pkg/util/strategicpatch/patch.go#CreateThreeWayMergePatch,
// #CreateTwoWayMergePatch, #MergingMapsHaveConflicts.
#pragma once
#include "api/schema/schema.h"
#include "apiserver/patch/patch_error.h"
#include "base/json.h"

namespace kp::patch {

// The patch that turns `original` into `modified` (all JSON objects; null counts as {}).
PatchResult createTwoWayMergePatch(const Json& original, const Json& modified, const schema::StructDef* def);

// The three-way patch described above. With overwrite = false, a patch that changes a field
// differently from how it changed between original and current fails with kind Conflict.
// SIMPLIFICATION: the Conflict message prints both sides as JSON; upstream prints YAML.
PatchResult createThreeWayMergePatch(const Json& original, const Json& modified, const Json& current,
                                     const schema::StructDef* def, bool overwrite = true);

}  // namespace kp::patch
