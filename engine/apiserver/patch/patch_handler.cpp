#include "apiserver/patch/patch_handler.h"

#include "apiserver/patch/go_value.h"
#include "apiserver/patch/json_merge_patch.h"
#include "apiserver/patch/json_patch.h"
#include "apiserver/patch/patch_error.h"
#include "apiserver/patch/strategic_merge_patch.h"

namespace kp::patch {

namespace {

PatchResponse badRequest(std::string message) {
    PatchResponse r;
    r.status = Status::failure(400, "BadRequest", message);
    r.detail = std::move(message);
    return r;
}

// What kjson.UnmarshalStrict into []jsonPatchOp rejects, as "json: cannot unmarshal ...".
std::string jsonPatchDecodeError(const Json& patch) {
    if (!patch.is_null() && !patch.is_array())
        return "json: cannot unmarshal " + jsonTypeWord(patch) + " into Go value of type []handlers.jsonPatchOp";
    if (patch.is_null())
        return "";
    for (const Json& op : patch) {
        if (op.is_null())
            continue;
        if (!op.is_object())
            return "json: cannot unmarshal " + jsonTypeWord(op) + " into Go value of type handlers.jsonPatchOp";
        for (const char* field : {"op", "path", "from"}) {
            auto it = op.find(field);
            if (it != op.end() && !it->is_null() && !it->is_string())
                return "json: cannot unmarshal " + jsonTypeWord(*it) + " into Go struct field jsonPatchOp." + field +
                       " of type string";
        }
    }
    return "";
}

}  // namespace

// Upstream: handlers/patch.go#jsonPatcher.applyJSPatch (JSONPatchType)
PatchResponse applyJSONPatchRequest(const Json& current, const Json& patch) {
    if (std::string error = jsonPatchDecodeError(patch); !error.empty())
        return badRequest("error decoding patch: " + error);
    if (patch.is_array() && patch.size() > kMaxJSONPatchOperations) {
        PatchResponse r;
        r.status = Status::failure(413, "RequestEntityTooLarge",
                                   "Request entity too large: The allowed maximum operations in a JSON patch is " +
                                       std::to_string(kMaxJSONPatchOperations) + ", got " +
                                       std::to_string(patch.size()));
        return r;
    }
    PatchResult applied = applyJSONPatch(current, patch);
    PatchResponse r;
    if (!applied.ok()) {
        r.status = genericUnprocessableEntity();
        r.detail = applied.error.message;
        return r;
    }
    r.object = std::move(applied.value);
    return r;
}

// Upstream: handlers/patch.go#jsonPatcher.applyJSPatch (MergePatchType)
PatchResponse applyMergePatchRequest(const Json& current, const Json& patch) {
    if (!patch.is_null() && !patch.is_object())
        return badRequest("error decoding patch: json: cannot unmarshal " + jsonTypeWord(patch) +
                          " into Go value of type map[string]interface {}");
    PatchResult applied = mergePatch(current, patch);
    PatchResponse r;
    if (!applied.ok()) {
        if (applied.error.message == "Invalid JSON Patch")
            return badRequest(applied.error.message);
        r.status = Status::failure(500, "", applied.error.message);
        r.detail = applied.error.message;
        return r;
    }
    r.object = std::move(applied.value);
    return r;
}

// Upstream: handlers/patch.go#strategicPatchObject + applyPatchToObject
PatchResponse applyStrategicMergePatchRequest(const Json& current, const Json& patch, const schema::StructDef* def) {
    if (!patch.is_null() && !patch.is_object())
        return badRequest("json: cannot unmarshal " + jsonTypeWord(patch) +
                          " into Go value of type map[string]interface {}");
    PatchResult applied = strategicMergePatch(current, patch, def);
    PatchResponse r;
    if (!applied.ok()) {
        r.status = strategicMergePatchStatus(applied.error);
        r.detail = applied.error.message;
        return r;
    }
    r.object = std::move(applied.value);
    return r;
}

}  // namespace kp::patch
