// The patch step of the apiserver's PATCH handler (apiserver/pkg/endpoints/handlers/patch.go:
// jsonPatcher.applyJSPatch, strategicPatchObject, interpretStrategicMergePatchError): check the
// patch body, apply it to the current object, and answer each failure with the Status a real
// apiserver sends. The caller then decodes the result against the schema (strict fields,
// nulls dropped), defaults, validates and stores it like an update.
//
//   content type                          function                          failures
//   application/json-patch+json           applyJSONPatchRequest             400 body not a list of operations;
//                                                                           413 more than 10000 operations;
//                                                                           422 "the server rejected our request due
//                                                                               to an error in our request" for any
//                                                                               failing operation
//   application/merge-patch+json          applyMergePatchRequest            400 body not an object, or null
//   application/strategic-merge-patch+json applyStrategicMergePatchRequest  400 body not an object, bad directive
//                                                                           formats; 500 other errors, e.g.
//                                                                           "map: map[image:x] does not contain
//                                                                           declared merge key: name"
//
// kubectl prints the 422 as `The request is invalid: the server rejected our request due to
// an error in our request`, and a 500 without reason as `Error from server: <message>`.
//
// SIMPLIFICATION: the body checks are those of fieldValidation=Strict/Warn (Warn is the
// server default). With Ignore, upstream skips them and lets the libraries fail instead; and
// unknown fields in JSON patch operations, which Strict reports, are ignored here.
#pragma once
#include <string>

#include "api/schema/schema.h"
#include "base/json.h"
#include "base/status.h"

namespace kp::patch {

struct PatchResponse {
    Json object;         // the patched object, when status is ok
    Status status;       // the failure as the apiserver answers it
    std::string detail;  // the library's own error text, also when the Status hides it (422)

    bool ok() const { return status.ok(); }
};

// The apiserver's limit on operations in one JSON patch (handlers/patch.go).
constexpr size_t kMaxJSONPatchOperations = 10000;

PatchResponse applyJSONPatchRequest(const Json& current, const Json& patch);
PatchResponse applyMergePatchRequest(const Json& current, const Json& patch);
// `def` is the object's schema; nullptr: lists are replaced (see strategic_merge_patch.h).
PatchResponse applyStrategicMergePatchRequest(const Json& current, const Json& patch, const schema::StructDef* def);

}  // namespace kp::patch
