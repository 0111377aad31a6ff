#include "apiserver/patch/strategic_merge_patch.h"

#include "apiserver/patch/merge_map.h"

namespace kp::patch {

PatchResult strategicMergePatch(const Json& original, const Json& patch, const schema::StructDef* def) {
    PatchResult result;
    if ((!original.is_null() && !original.is_object()) || (!patch.is_null() && !patch.is_object())) {
        result.error = {PatchErrorKind::BadJSONDoc, "invalid JSON document"};
        return result;
    }
    // The apiserver's options: consume the directives, drop nulls the original cannot use.
    MergeOptions options;
    options.mergeParallelList = true;
    options.ignoreUnmatchedNulls = true;
    try {
        result.value = mergeMap(original, patch.is_null() ? Json::object() : patch, SchemaNode::of(def), options);
    } catch (const PatchError& e) {
        result.error = e;
    }
    return result;
}

}  // namespace kp::patch
