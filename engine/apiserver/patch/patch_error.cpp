#include "apiserver/patch/patch_error.h"

#include "apiserver/patch/go_value.h"

namespace kp::patch {

namespace {

const char* sentinelText(PatchErrorKind kind) {
    switch (kind) {
    case PatchErrorKind::BadJSONDoc:
        return "invalid JSON document";
    case PatchErrorKind::NoListOfLists:
        return "lists of lists are not supported";
    case PatchErrorKind::BadPatchFormatForPrimitiveList:
        return "invalid patch format of primitive list";
    case PatchErrorKind::BadPatchFormatForRetainKeys:
        return "invalid patch format of retainKeys";
    case PatchErrorKind::BadPatchFormatForSetElementOrderList:
        return "invalid patch format of setElementOrder list";
    case PatchErrorKind::UnsupportedStrategicMergePatchFormat:
        return "strategic merge patch format is not supported";
    default:
        return "";
    }
}

}  // namespace

void fail(PatchErrorKind kind) { throw PatchError{kind, sentinelText(kind)}; }

void fail(PatchErrorKind kind, std::string message) { throw PatchError{kind, std::move(message)}; }

void failNoMergeKey(const Json& map, const std::string& mergeKey) {
    fail(PatchErrorKind::Other, "map: " + goSprint(map) + " does not contain declared merge key: " + mergeKey);
}

void failBadArgType(const Json& expected, const Json& actual) {
    fail(PatchErrorKind::Other, "expected a " + goTypeName(expected) + ", but received a " + goTypeName(actual));
}

void failBadPatchType(const Json& directive, const Json& map) {
    fail(PatchErrorKind::Other, "unknown patch type: " + goSprintS(directive) + " in map: " + goSprint(map));
}

Status genericUnprocessableEntity() {
    Status s = Status::failure(422, "Invalid", "the server rejected our request due to an error in our request");
    s.withDetails(StatusDetails{});
    return s;
}

Status strategicMergePatchStatus(const PatchError& error) {
    switch (error.kind) {
    case PatchErrorKind::None:
        return Status::success();
    case PatchErrorKind::BadJSONDoc:
    case PatchErrorKind::BadPatchFormatForPrimitiveList:
    case PatchErrorKind::BadPatchFormatForRetainKeys:
    case PatchErrorKind::BadPatchFormatForSetElementOrderList:
    case PatchErrorKind::UnsupportedStrategicMergePatchFormat:
        return Status::failure(400, "BadRequest", error.message);
    case PatchErrorKind::NoListOfLists:
        return genericUnprocessableEntity();
    default:
        // Not an API status error: ErrorToAPIStatus answers 500 with an empty reason.
        return Status::failure(500, "", error.message);
    }
}

}  // namespace kp::patch
