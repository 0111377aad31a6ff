// Field errors and the 422 Invalid Status.
// Upstream: apimachinery pkg/util/validation/field/errors.go (Error, ErrorBody, constructors),
//           pkg/util/errors/errors.go (aggregate.Error), pkg/api/errors/errors.go#NewInvalid.
#include "apiserver/validation/field_error.h"

#include <set>

#include "apiserver/validation/go_value.h"

namespace kp::validation {

const char* causeReason(ErrorType type) {
    switch (type) {
    case ErrorType::NotFound: return "FieldValueNotFound";
    case ErrorType::Required: return "FieldValueRequired";
    case ErrorType::Duplicate: return "FieldValueDuplicate";
    case ErrorType::Invalid: return "FieldValueInvalid";
    case ErrorType::NotSupported: return "FieldValueNotSupported";
    case ErrorType::Forbidden: return "FieldValueForbidden";
    case ErrorType::TooLong: return "FieldValueTooLong";
    case ErrorType::TooMany: return "FieldValueTooMany";
    case ErrorType::Internal: return "InternalError";
    case ErrorType::TypeInvalid: return "FieldValueTypeInvalid";
    }
    return "FieldValueInvalid";
}

const char* typeString(ErrorType type) {
    switch (type) {
    case ErrorType::NotFound: return "Not found";
    case ErrorType::Required: return "Required value";
    case ErrorType::Duplicate: return "Duplicate value";
    case ErrorType::Invalid: return "Invalid value";
    case ErrorType::NotSupported: return "Unsupported value";
    case ErrorType::Forbidden: return "Forbidden";
    case ErrorType::TooLong: return "Too long";
    case ErrorType::TooMany: return "Too many";
    case ErrorType::Internal: return "Internal error";
    case ErrorType::TypeInvalid: return "Invalid value";
    }
    return "Invalid value";
}

// Upstream: field.Error.ErrorBody. Required, Forbidden, TooLong and Internal never print the
// value; neither does an omitted one.
std::string FieldError::errorBody() const {
    std::string s = typeString(type);
    const bool valueless = type == ErrorType::Required || type == ErrorType::Forbidden ||
                           type == ErrorType::TooLong || type == ErrorType::Internal || !hasBadValue;
    if (!valueless)
        s += ": " + (badValueGo.empty() ? goDefault(badValue) : badValueGo);
    if (!detail.empty())
        s += ": " + detail;
    return s;
}

std::string FieldError::toString() const { return field + ": " + errorBody(); }

StatusCause FieldError::toCause() const { return {causeReason(type), errorBody(), field}; }

namespace {

FieldError make(ErrorType type, std::string field, Json value, bool hasValue, std::string detail) {
    FieldError e;
    e.type = type;
    e.field = std::move(field);
    e.badValue = std::move(value);
    e.hasBadValue = hasValue;
    e.detail = std::move(detail);
    return e;
}

std::string supportedValuesDetail(const std::vector<std::string>& validValues) {
    if (validValues.empty())
        return "";
    std::string detail = "supported values: ";
    for (size_t i = 0; i < validValues.size(); ++i) {
        if (i > 0)
            detail += ", ";
        detail += goQuote(validValues[i]);
    }
    return detail;
}

}  // namespace

FieldError invalid(std::string field, Json value, std::string detail) {
    return make(ErrorType::Invalid, std::move(field), std::move(value), true, std::move(detail));
}

FieldError invalidGo(std::string field, std::string goValue, std::string detail) {
    FieldError e = make(ErrorType::Invalid, std::move(field), Json(), true, std::move(detail));
    e.badValueGo = std::move(goValue);
    return e;
}

FieldError required(std::string field, std::string detail) {
    return make(ErrorType::Required, std::move(field), "", true, std::move(detail));
}

FieldError duplicate(std::string field, Json value) {
    return make(ErrorType::Duplicate, std::move(field), std::move(value), true, "");
}

FieldError duplicateGo(std::string field, std::string goValue) {
    FieldError e = make(ErrorType::Duplicate, std::move(field), Json(), true, "");
    e.badValueGo = std::move(goValue);
    return e;
}

FieldError forbidden(std::string field, std::string detail) {
    return make(ErrorType::Forbidden, std::move(field), "", true, std::move(detail));
}

FieldError notSupported(std::string field, Json value, const std::vector<std::string>& validValues) {
    return make(ErrorType::NotSupported, std::move(field), std::move(value), true,
                supportedValuesDetail(validValues));
}

FieldError notSupportedGo(std::string field, std::string goValue, const std::vector<std::string>& validValues) {
    FieldError e = make(ErrorType::NotSupported, std::move(field), Json(), true, supportedValuesDetail(validValues));
    e.badValueGo = std::move(goValue);
    return e;
}

FieldError tooLong(std::string field, Json /*value*/, int maxLength) {
    std::string detail = maxLength >= 0 ? "may not be more than " + std::to_string(maxLength) + " bytes"
                                        : "value is too long";
    return make(ErrorType::TooLong, std::move(field), "<value omitted>", true, std::move(detail));
}

FieldError tooMany(std::string field, int actual, int max) {
    std::string detail = max >= 0 ? "must have at most " + std::to_string(max) + " items" : "has too many items";
    if (actual >= 0)
        return make(ErrorType::TooMany, std::move(field), actual, true, std::move(detail));
    return make(ErrorType::TooMany, std::move(field), Json(), false, std::move(detail));
}

FieldError notFound(std::string field, Json value) {
    return make(ErrorType::NotFound, std::move(field), std::move(value), true, "");
}

FieldError internalError(std::string field, std::string detail) {
    return make(ErrorType::Internal, std::move(field), Json(), true, std::move(detail));
}

// Upstream: field.ErrorList.ToAggregate drops repeated messages, then aggregate.Error prints
// one error bare and several inside brackets.
std::string aggregateMessage(const FieldErrorList& errors) {
    std::vector<std::string> unique;
    std::set<std::string> seen;
    for (const FieldError& e : errors) {
        std::string msg = e.toString();
        if (seen.insert(msg).second)
            unique.push_back(std::move(msg));
    }
    if (unique.size() == 1)
        return unique[0];
    std::string out = "[";
    for (size_t i = 0; i < unique.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += unique[i];
    }
    return out + "]";
}

// Upstream: apimachinery pkg/api/errors/errors.go#NewInvalid. The qualified kind prints as
// `Kind.group`, or just `Kind` for the core group.
Status invalidStatus(const std::string& kind, const std::string& group, const std::string& name,
                     const FieldErrorList& errors) {
    const std::string qualifiedKind = group.empty() ? kind : kind + "." + group;
    std::string message = qualifiedKind + " " + goQuote(name) + " is invalid";
    if (!errors.empty())
        message += ": " + aggregateMessage(errors);
    StatusDetails details;
    details.name = name;
    details.group = group;
    details.kind = kind;
    for (const FieldError& e : errors)
        details.causes.push_back(e.toCause());
    Status status = Status::failure(422, "Invalid", std::move(message));
    status.withDetails(std::move(details));
    return status;
}

}  // namespace kp::validation
