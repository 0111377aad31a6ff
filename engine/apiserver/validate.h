// The apiserver's validation steps: strict field decoding (fieldValidation) and the per-kind
// validation rules of apiserver/validation, with the namespace-scope rules of the registry.
#pragma once
#include <string>
#include <vector>

#include "api/resources.h"
#include "apiserver/api_server.h"
#include "apiserver/validation/field_error.h"
#include "base/json.h"
#include "base/status.h"

namespace kp {

// Unknown fields and wrong types: Strict -> 400 BadRequest, Warn -> warnings, Ignore -> nothing.
// Wrong types are always an error (the typed decoder cannot hold them).
Status checkFieldValidation(const ResourceInfo& r, const Json& obj, FieldValidation mode,
                            std::vector<std::string>& warnings);

// Drops fields the schema does not know, as decoding into the typed object does.
void pruneUnknownFields(const ResourceInfo& r, Json& obj);

validation::FieldErrorList validateForCreate(const ResourceInfo& r, const Json& obj);
validation::FieldErrorList validateForUpdate(const ResourceInfo& r, const Json& obj, const Json& old);

}  // namespace kp
