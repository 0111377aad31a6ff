#include "apiserver/patch_dispatch.h"

#include "api/codec/yaml_decode.h"
#include "api/schema/schema.h"
#include "apiserver/errors.h"
#include "apiserver/patch/patch_handler.h"

namespace kp {
namespace {

const schema::StructDef* schemaOf(const ResourceInfo& r, const Json& obj) {
    if (stringAt(obj, "kind") == "Scale")
        return schema::Schema::builtin().kind("autoscaling/v1", "Scale");
    return schema::Schema::builtin().kind(r.apiVersion(), r.kind);
}

}  // namespace

const char* patchContentType(PatchType type) {
    switch (type) {
    case PatchType::JsonPatch: return "application/json-patch+json";
    case PatchType::MergePatch: return "application/merge-patch+json";
    case PatchType::StrategicMergePatch: return "application/strategic-merge-patch+json";
    case PatchType::ApplyPatch: return "application/apply-patch+yaml";
    }
    return "";
}

PatchOutcome applyPatchDocument(const ResourceInfo& r, const Json& current, PatchType type, std::string_view body,
                                const WriteOptions& opts, Time now) {
    Json patch;
    if (type == PatchType::ApplyPatch) {
        // Apply bodies are YAML (JSON is YAML too).
        codec::DecodeResult decoded = codec::decodeYamlDocument(body);
        if (!decoded.ok() || decoded.documents.empty())
            return {apierrors::badRequest("error decoding YAML: " + decoded.error), {}};
        patch = decoded.documents.front().value;
    } else {
        patch = Json::parse(body, nullptr, false);
        if (patch.is_discarded())
            return {apierrors::badRequest("error decoding patch: invalid JSON"), {}};
    }

    patch::PatchResponse resp;
    switch (type) {
    case PatchType::JsonPatch:
        resp = patch::applyJSONPatchRequest(current, patch);
        break;
    case PatchType::MergePatch:
        resp = patch::applyMergePatchRequest(current, patch);
        break;
    case PatchType::StrategicMergePatch:
        resp = patch::applyStrategicMergePatchRequest(current, patch, schemaOf(r, current));
        break;
    case PatchType::ApplyPatch:
        if (opts.fieldManager.empty())
            return {apierrors::badRequest("PATCH /apply requires a fieldManager (query parameter \"fieldManager\")"), {}};
        // SIMPLIFICATION: server-side apply merges the applied configuration like a strategic
        // merge patch; per-manager field ownership and apply conflicts are not computed yet.
        resp = patch::applyStrategicMergePatchRequest(current, patch, schemaOf(r, current));
        break;
    }
    (void)now;
    if (!resp.ok())
        return {resp.status, {}};
    return {{}, std::move(resp.object)};
}

ApiResponse ApiServer::applyCreate(const ResourceInfo& r, std::string_view ns, std::string_view name,
                                   std::string_view body, const WriteOptions& opts) {
    if (opts.fieldManager.empty())
        return ApiResponse::failure(
            apierrors::badRequest("PATCH /apply requires a fieldManager (query parameter \"fieldManager\")"));
    codec::DecodeResult decoded = codec::decodeYamlDocument(body);
    if (!decoded.ok() || decoded.documents.empty())
        return ApiResponse::failure(apierrors::badRequest("error decoding YAML: " + decoded.error));
    Json obj = decoded.documents.front().value;
    if (!obj.is_object())
        return ApiResponse::failure(apierrors::badRequest("error decoding YAML: not an object"));
    obj["metadata"]["name"] = std::string(name);
    WriteOptions createOpts = opts;
    createOpts.managedFieldsOperation = "Apply";
    ApiResponse resp = create(r, ns, std::move(obj), createOpts);
    return resp;
}

}  // namespace kp
