// The merge step of strategic merge patch (upstream strategicpatch/patch.go#mergeMap and the
// functions it calls). The apiserver runs it to apply a patch to the live object; kubectl
// runs it, with other options, to combine the two halves of a three-way patch.
//
// Rules, in the order they apply to one map:
//   1. `$patch: replace` in the patch map -> the patch map (minus the directive) replaces the
//      original; `$patch: delete` -> an empty map; any other value is an error.
//   2. `$retainKeys: [k...]` -> original keys not listed are cleared; every non-null patch key
//      must be listed ("invalid patch format of retainKeys").
//   3. `$setElementOrder/<list>: [...]` -> the list is merged, then ordered: listed items in the
//      listed order, server-only items where the live order puts them.
//   4. For every other key: null deletes; a value the original lacks (or of another JSON type)
//      replaces, minus nulls and directives; maps merge recursively unless the field's strategy
//      is "replace"; lists merge when the field's strategy is "merge" (maps by merge key, with
//      `$patch: delete|replace` elements; scalars as a set union, or removed when listed in
//      `$deleteFromPrimitiveList/<list>`), and are replaced otherwise.
#pragma once
#include "apiserver/patch/patch_meta.h"
#include "base/json.h"

namespace kp::patch {

struct MergeOptions {
    // true on the apiserver: consume $setElementOrder, $retainKeys and
    // $deleteFromPrimitiveList. false when merging two patches (kubectl's three-way patch):
    // the directives are carried into the result.
    bool mergeParallelList = false;
    // true on the apiserver: a null for a key the original lacks is dropped, and nulls inside
    // new values are discarded. false keeps them (a merged patch must still delete).
    bool ignoreUnmatchedNulls = false;
};

// Merges `patch` into `original` (both JSON objects; a null original counts as {}).
// Throws PatchError.
Json mergeMap(Json original, Json patch, const SchemaNode& schema, const MergeOptions& options);

}  // namespace kp::patch
