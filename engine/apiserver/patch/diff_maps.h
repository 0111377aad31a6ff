// The diff step of strategic merge patch (upstream strategicpatch/patch.go#diffMaps and the
// functions it calls): the patch that turns `original` into `modified`.
//
//   - a key only in modified, or whose JSON type changed, is copied into the patch;
//   - a key only in original becomes null (unless deletions are ignored);
//   - maps are diffed recursively, or copied whole when the field's strategy is "replace";
//   - lists with strategy "merge": maps are diffed item by item (matched by merge key), new
//     items are copied, removed items become {<key>: <value>, "$patch": "delete"}; scalars
//     that were added are listed, removed ones go to `$deleteFromPrimitiveList/<list>`; with
//     setElementOrder, `$setElementOrder/<list>` records the order of modified's items;
//   - other lists are copied whole when they differ;
//   - maps with the retainKeys strategy get `$retainKeys`: the sorted keys of modified.
#pragma once
#include "apiserver/patch/patch_meta.h"
#include "base/json.h"

namespace kp::patch {

struct DiffOptions {
    bool setElementOrder = false;            // emit $setElementOrder lists
    bool ignoreChangesAndAdditions = false;  // keep only deletions
    bool ignoreDeletions = false;            // keep only changes and additions
    bool buildRetainKeysDirective = false;   // set from the schema while walking down
};

// Both arguments are JSON objects. Throws PatchError.
Json diffMaps(const Json& original, const Json& modified, const SchemaNode& schema, DiffOptions options);

}  // namespace kp::patch
