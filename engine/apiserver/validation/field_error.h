// Field errors, as apimachinery/pkg/util/validation/field reports them. Validation returns a
// FieldErrorList; the apiserver turns it into a 422 Invalid Status whose causes are these
// errors, and kubectl rebuilds its message from the causes:
//   The Deployment "Hello_World" is invalid: metadata.name: Invalid value: "Hello_World": a lowercase ...
//
// Kubernetes validates its *internal* Go structs, and prints a bad value with Go's fmt rules
// (strings quoted, numbers bare, structs and maps as %#v). A FieldError keeps the value as JSON
// and prints the simple cases itself; for structs and maps the validator supplies the Go text
// (badValueGo, built with go_value.h).
#pragma once
#include <string>
#include <vector>

#include "base/json.h"
#include "base/status.h"

namespace kp::validation {

enum class ErrorType {
    NotFound,      // "Not found"            FieldValueNotFound
    Required,      // "Required value"       FieldValueRequired
    Duplicate,     // "Duplicate value"      FieldValueDuplicate
    Invalid,       // "Invalid value"        FieldValueInvalid
    NotSupported,  // "Unsupported value"    FieldValueNotSupported
    Forbidden,     // "Forbidden"            FieldValueForbidden
    TooLong,       // "Too long"             FieldValueTooLong
    TooMany,       // "Too many"             FieldValueTooMany
    Internal,      // "Internal error"       InternalError
    TypeInvalid,   // "Invalid value"        FieldValueTypeInvalid
};

struct FieldError {
    ErrorType type = ErrorType::Invalid;
    std::string field;   // "spec.template.spec.containers[0].image"
    Json badValue;       // printed Go-style: strings quoted, numbers bare; null prints "null"
    bool hasBadValue = false;  // false = the value is omitted from the message
    std::string detail;
    // When non-empty, printed verbatim instead of badValue: the Go %#v text of a struct, map or
    // named type (`map[string]string{"app":"x"}`, `intstr.IntOrString{Type:0, IntVal:0, StrVal:""}`).
    std::string badValueGo;

    // "<field>: <Type>: <value>: <detail>" exactly as field.Error.Error() prints it.
    std::string toString() const;
    // Everything after "<field>: " (field.Error.ErrorBody()); the Status cause message.
    std::string errorBody() const;
    // The Status cause: {reason: "FieldValueInvalid", message: "<Type>: <value>: <detail>", field}.
    StatusCause toCause() const;
};

using FieldErrorList = std::vector<FieldError>;

// Upstream cause reason of an error type ("FieldValueInvalid", ...).
const char* causeReason(ErrorType type);
// Upstream human name of an error type ("Invalid value", ...).
const char* typeString(ErrorType type);

// Constructors mirroring field.Invalid / field.Required / ...
FieldError invalid(std::string field, Json value, std::string detail);
// field.Invalid with a value whose Go text the caller built (struct, map, named type).
FieldError invalidGo(std::string field, std::string goValue, std::string detail);
FieldError required(std::string field, std::string detail = "");
FieldError duplicate(std::string field, Json value);
FieldError duplicateGo(std::string field, std::string goValue);
FieldError forbidden(std::string field, std::string detail);
// Detail: `supported values: "a", "b"` in the order given (upstream passes either a literal
// list or a sorted set, so callers choose the order).
FieldError notSupported(std::string field, Json value, const std::vector<std::string>& validValues);
FieldError notSupportedGo(std::string field, std::string goValue, const std::vector<std::string>& validValues);
// Detail `may not be more than N bytes` (N >= 0) or `value is too long`; the value is never printed.
FieldError tooLong(std::string field, Json value, int maxLength);
// Value `actual` (omitted when negative), detail `must have at most N items`.
FieldError tooMany(std::string field, int actual, int max);
FieldError notFound(std::string field, Json value);
FieldError internalError(std::string field, std::string detail);

// Appends `more` to `list`.
inline void append(FieldErrorList& list, FieldErrorList more) {
    for (auto& e : more)
        list.push_back(std::move(e));
}

// The aggregate text Kubernetes puts after "is invalid: ": one error plain, several as
// `[e1, e2]`, identical messages printed once (utilerrors.NewAggregate over ToAggregate).
std::string aggregateMessage(const FieldErrorList& errors);

// The 422 Status for `kind` (e.g. "Deployment"), group (e.g. "apps") and object name:
// message `Deployment.apps "x" is invalid: [err1, err2]` (single error without brackets,
// core group without suffix: `Pod "x" is invalid: ...`), details.kind = Kind, details.group,
// details.name, details.causes (one per error, duplicates kept as upstream does).
Status invalidStatus(const std::string& kind, const std::string& group, const std::string& name,
                     const FieldErrorList& errors);

}  // namespace kp::validation
