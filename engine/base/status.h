// kp::Status mirrors metav1.Status, the body of every Kubernetes API error
// (apimachinery/pkg/api/errors). kubectl prints it as
//   Error from server (<reason>): <message>
// so reason, message and details must be exactly what a real apiserver returns.
#pragma once
#include <string>
#include <vector>

#include "base/json.h"

namespace kp {

struct StatusCause {
    std::string reason;   // "FieldValueInvalid", "FieldValueRequired", "FieldValueDuplicate", ...
    std::string message;  // "Invalid value: \"Hello\": a lowercase RFC 1123 ..."
    std::string field;    // "metadata.name"
};

struct StatusDetails {
    std::string name;
    std::string group;
    std::string kind;  // the resource ("deployments") for most errors, the Kind for Invalid
    std::string uid;
    std::vector<StatusCause> causes;
    int retryAfterSeconds = 0;
};

class Status {
public:
    Status() = default;  // success
    static Status success() { return {}; }
    static Status failure(int code, std::string reason, std::string message);

    bool ok() const { return code_ == 0; }
    int code() const { return code_; }  // HTTP code: 404, 409, 422 ...; 0 when ok
    const std::string& reason() const { return reason_; }
    const std::string& message() const { return message_; }
    const StatusDetails& details() const { return details_; }
    bool hasDetails() const { return hasDetails_; }

    Status& withDetails(StatusDetails d) {
        details_ = std::move(d);
        hasDetails_ = true;
        return *this;
    }

    bool isNotFound() const { return reason_ == "NotFound"; }
    bool isAlreadyExists() const { return reason_ == "AlreadyExists"; }
    bool isConflict() const { return reason_ == "Conflict"; }
    bool isInvalid() const { return reason_ == "Invalid"; }

    // {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",...}
    Json toJson() const;
    static Status fromJson(const Json& j);

private:
    int code_ = 0;
    std::string reason_;
    std::string message_;
    StatusDetails details_;
    bool hasDetails_ = false;
};

}  // namespace kp
