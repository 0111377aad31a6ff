#include "apiserver/patch_dispatch.h"

#include "api/codec/yaml_decode.h"
#include "api/schema/schema.h"
#include "apiserver/errors.h"
#include "apiserver/managed_fields.h"
#include "apiserver/patch/patch_handler.h"
#include "apiserver/validation/field_error.h"

namespace kp {
namespace {

const schema::StructDef* schemaOf(const ResourceInfo& r, const Json& obj) {
    if (stringAt(obj, "kind") == "Scale")
        return schema::Schema::builtin().kind("autoscaling/v1", "Scale");
    return schema::Schema::builtin().kind(r.apiVersion(), r.kind);
}

// PatchOptions checks of an apply (apimachinery pkg/apis/meta/v1/validation#ValidatePatchOptions).
Status validateApplyOptions(const WriteOptions& opts) {
    validation::FieldErrorList errs;
    if (opts.fieldManager.empty())
        errs.push_back(validation::required("fieldManager", "is required for apply patch"));
    constexpr int kFieldManagerMaxLength = 128;
    if (opts.fieldManager.size() > static_cast<size_t>(kFieldManagerMaxLength))
        errs.push_back(validation::tooLong("fieldManager", opts.fieldManager, kFieldManagerMaxLength));
    if (errs.empty())
        return {};
    return validation::invalidStatus("PatchOptions", "meta.k8s.io", "", errs);
}

// An apply body: YAML (JSON is YAML too) holding one object.
Status decodeApplyBody(std::string_view body, Json& out) {
    codec::DecodeResult decoded = codec::decodeYamlDocument(body);
    if (!decoded.ok())
        return apierrors::badRequest("error decoding YAML: " + decoded.error);
    out = decoded.documents.empty() ? Json::object() : decoded.documents.front().value;
    if (out.is_null())
        out = Json::object();
    if (!out.is_object())
        return apierrors::badRequest("error decoding YAML: json: cannot unmarshal " + std::string(out.type_name()) +
                                     " into Go value of type map[string]interface {}");
    return {};
}

// After a successful apply, fieldValidation=Strict also refuses duplicate keys in the body
// (handlers/patch.go#applyPatchToCurrentObject, yaml.UnmarshalStrict).
// SIMPLIFICATION: with fieldValidation=Warn upstream returns the same text as a warning; patch
// outcomes carry no warnings here, so Warn ignores duplicates.
Status checkStrictApplyBody(std::string_view body, const WriteOptions& opts) {
    if (opts.fieldValidation != FieldValidation::Strict)
        return {};
    codec::YamlDecodeOptions strict;
    strict.strict = true;
    codec::DecodeResult decoded = codec::decodeYamlDocument(body, strict);
    if (decoded.ok())
        return {};
    return apierrors::badRequest("error strict decoding YAML: " + decoded.error);
}

// The name and namespace an applied object ends up with must be the request's
// (handlers/patch.go#applyPatch: EnsureObjectNamespaceMatchesRequestNamespace, checkName).
Status checkAppliedIdentity(const ResourceInfo& r, Json& obj, const std::string& name, const std::string& ns) {
    std::string objNs = stringAt(obj, "metadata.namespace");
    if (!r.namespaced) {
        if (!objNs.empty())
            obj["metadata"].erase("namespace");
    } else if (objNs.empty()) {
        obj["metadata"]["namespace"] = ns;
    } else if (objNs != ns) {
        return apierrors::badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    std::string objName = stringAt(obj, "metadata.name");
    if (objName != name)
        return apierrors::badRequest("the name of the object (" + objName + ") does not match the name on the URL (" +
                                     name + ")");
    return {};
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
                                const WriteOptions& opts, Time now, std::string_view subresource) {
    if (type == PatchType::ApplyPatch) {
        if (Status s = validateApplyOptions(opts); !s.ok())
            return {s, {}};
        Json config;
        if (Status s = decodeApplyBody(body, config); !s.ok())
            return {s, {}};
        if (stringAt(current, "kind") == "Scale") {
            // SIMPLIFICATION: upstream's scale handler maps the Scale's managed fields onto the
            // parent's spec.replicas; we merge the Scale and record an Update of spec.replicas.
            patch::PatchResponse resp = patch::applyStrategicMergePatchRequest(current, config, schemaOf(r, current));
            if (!resp.ok())
                return {resp.status, {}};
            return {{}, std::move(resp.object)};
        }
        ServerSideApplyResult applied =
            serverSideApply(r, current, config, opts.fieldManager, opts.force, std::string(subresource), now);
        if (!applied.status.ok())
            return {applied.status, {}};
        if (Status s = checkAppliedIdentity(r, applied.object, stringAt(current, "metadata.name"),
                                            stringAt(current, "metadata.namespace"));
            !s.ok())
            return {s, {}};
        if (Status s = checkStrictApplyBody(body, opts); !s.ok())
            return {s, {}};
        return {{}, std::move(applied.object)};
    }

    Json patch = Json::parse(body, nullptr, false);
    if (patch.is_discarded())
        return {apierrors::badRequest("error decoding patch: invalid JSON"), {}};
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
        break;
    }
    if (!resp.ok())
        return {resp.status, {}};
    return {{}, std::move(resp.object)};
}

ApiResponse ApiServer::applyCreate(const ResourceInfo& r, std::string_view ns, std::string_view name,
                                   std::string_view body, const WriteOptions& opts) {
    // Upstream: handlers/patch.go#applyPatcher.createNewObject: the configuration is applied to
    // an empty object, which is then created.
    if (Status s = validateApplyOptions(opts); !s.ok())
        return ApiResponse::failure(s);
    Json config;
    if (Status s = decodeApplyBody(body, config); !s.ok())
        return ApiResponse::failure(s);
    ServerSideApplyResult applied =
        serverSideApply(r, Json::object(), config, opts.fieldManager, opts.force, "", clock_.now());
    if (!applied.status.ok())
        return ApiResponse::failure(applied.status);
    Json obj = std::move(applied.object);
    if (std::string uid = stringAt(obj, "metadata.uid"); !uid.empty())
        return ApiResponse::failure(apierrors::conflict(
            r, std::string(name),
            "uid mismatch: the provided object specified uid " + uid + ", and no existing object was found"));
    if (Status s = checkAppliedIdentity(r, obj, std::string(name), r.namespaced ? std::string(ns) : ""); !s.ok())
        return ApiResponse::failure(s);
    if (Status s = checkStrictApplyBody(body, opts); !s.ok())
        return ApiResponse::failure(s);
    WriteOptions createOpts = opts;
    createOpts.managedFieldsOperation = "Apply";
    return create(r, ns, std::move(obj), createOpts);
}

}  // namespace kp
