// Errors of the patch algorithms, with apimachinery's texts (pkg/util/mergepatch/errors.go,
// pkg/util/strategicpatch), and how the apiserver turns them into a Status
// (pkg/endpoints/handlers/patch.go#interpretStrategicMergePatchError, then
// responsewriters.ErrorToAPIStatus for plain errors).
//
// Inside this folder the recursive algorithms throw PatchError; every public entry point
// catches it and returns it as a value, so callers never see an exception. (Upstream returns
// errors through ~40 nested calls; throwing keeps each step readable.)
#pragma once
#include <string>

#include "base/json.h"
#include "base/status.h"

namespace kp::patch {

enum class PatchErrorKind {
    None,
    BadJSONDoc,                            // "invalid JSON document"                    -> 400
    NoListOfLists,                         // "lists of lists are not supported"         -> 422
    BadPatchFormatForPrimitiveList,        // "invalid patch format of primitive list"   -> 400
    BadPatchFormatForRetainKeys,           // "invalid patch format of retainKeys"       -> 400
    BadPatchFormatForSetElementOrderList,  // "invalid patch format of setElementOrder list" -> 400
    UnsupportedStrategicMergePatchFormat,  // "strategic merge patch format is not supported" -> 400
    PreconditionFailed,                    // "precondition failed for: map[...]" (create side)
    Conflict,                              // three-way patch conflicts with live changes (create side)
    Other,                                 // any other Go error: the apiserver answers 500
};

struct PatchError {
    PatchErrorKind kind = PatchErrorKind::None;
    std::string message;

    bool ok() const { return kind == PatchErrorKind::None; }
};

// What the patch functions of this folder return: the patched object (apply side) or the
// patch (create side), or the error.
struct PatchResult {
    Json value;
    PatchError error;

    bool ok() const { return error.ok(); }
};

// Throws PatchError{kind, <the sentinel's text>} for the mergepatch sentinel errors.
[[noreturn]] void fail(PatchErrorKind kind);
// Throws PatchError{kind, message}.
[[noreturn]] void fail(PatchErrorKind kind, std::string message);

// mergepatch.ErrNoMergeKey: "map: map[image:x] does not contain declared merge key: name".
[[noreturn]] void failNoMergeKey(const Json& map, const std::string& mergeKey);
// mergepatch.ErrBadArgType: "expected a map[string]interface {}, but received a string".
// `expected` is a value of the wanted type (an empty object or array).
[[noreturn]] void failBadArgType(const Json& expected, const Json& actual);
// mergepatch.ErrBadPatchType: "unknown patch type: merge in map: map[$patch:merge]".
[[noreturn]] void failBadPatchType(const Json& directive, const Json& map);

// The Status the apiserver answers when applying a strategic merge patch fails:
// 400 BadRequest with the text for malformed directives, 422 with the generic text
// "the server rejected our request due to an error in our request" for lists of lists, and
// 500 (reason empty, kubectl prints "Error from server: <message>") for everything else.
Status strategicMergePatchStatus(const PatchError& error);

// The generic 422 of errors.NewGenericServerResponse(422, ...): reason Invalid, message
// "the server rejected our request due to an error in our request", empty details. The
// underlying error text does not reach the client.
Status genericUnprocessableEntity();

}  // namespace kp::patch
