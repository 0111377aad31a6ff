#include "apiserver/validate.h"

#include "api/schema/schema.h"
#include "api/schema/strict_decoder.h"
#include "apiserver/errors.h"
#include "apiserver/validation/validate.h"

namespace kp {
namespace {

void prune(const schema::Type* type, Json& value, int depth);

void pruneStruct(const schema::StructDef* def, Json& obj, int depth) {
    if (!def || !obj.is_object() || depth > 200)
        return;
    for (auto it = obj.begin(); it != obj.end();) {
        const schema::Field* f = def->field(it.key());
        if (!f) {
            it = obj.erase(it);
            continue;
        }
        prune(f->type, it.value(), depth + 1);
        ++it;
    }
}

void prune(const schema::Type* type, Json& value, int depth) {
    if (!type)
        return;
    switch (type->kind) {
    case schema::TypeKind::Struct:
        pruneStruct(type->def, value, depth);
        break;
    case schema::TypeKind::List:
        if (value.is_array())
            for (Json& v : value)
                prune(type->elem, v, depth + 1);
        break;
    case schema::TypeKind::Map:
        if (value.is_object())
            for (auto& [k, v] : value.items())
                prune(type->elem, v, depth + 1);
        break;
    default:
        break;
    }
}

}  // namespace

void pruneUnknownFields(const ResourceInfo& r, Json& obj) {
    pruneStruct(schema::Schema::builtin().kind(r.apiVersion(), r.kind), obj, 0);
}

Status checkFieldValidation(const ResourceInfo& r, const Json& obj, FieldValidation mode,
                            std::vector<std::string>& warnings) {
    const schema::StructDef* root = schema::Schema::builtin().kind(r.apiVersion(), r.kind);
    if (!root)
        return {};
    schema::DecodeIssues issues = schema::checkStrict(*root, obj);
    if (issues.ok())
        return {};
    // A value of the wrong type cannot be decoded at all, whatever the mode.
    if (!issues.typeError.empty()) {
        schema::DecodeIssues typeOnly;
        typeOnly.typeError = issues.typeError;
        return apierrors::badRequest(schema::decodeErrorMessage(typeOnly, r.kind, r.version));
    }
    if (mode == FieldValidation::Strict)
        return apierrors::badRequest(schema::decodeErrorMessage(issues, r.kind, r.version));
    if (mode == FieldValidation::Warn)
        for (std::string& w : schema::strictDecodingWarnings(issues))
            warnings.push_back(std::move(w));
    return {};
}

validation::FieldErrorList validateForCreate(const ResourceInfo& r, const Json& obj) {
    return validation::validateCreate(r.kind, obj);
}

validation::FieldErrorList validateForUpdate(const ResourceInfo& r, const Json& obj, const Json& old) {
    return validation::validateUpdate(r.kind, obj, old);
}

}  // namespace kp
