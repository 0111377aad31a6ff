// kubectl's rendering of API errors.
// Upstream: kubectl pkg/cmd/util/helpers.go (checkErr, StandardErrorMessage, MultilineError,
//           MultipleErrors, statusCausesToAggrError, AddSourceToErr).
#include "apiserver/validation/kubectl_message.h"

#include <set>

#include "apiserver/validation/go_value.h"

namespace kp::validation {

namespace {

// checkErr's branch for 422 Invalid StatusErrors.
std::string invalidOutput(const Status& status) {
    std::string s = "The request is invalid";
    if (!status.hasDetails()) {
        if (!status.message().empty())
            s += ": " + status.message();
        return s + "\n";
    }
    const StatusDetails& details = status.details();
    if (!details.kind.empty() || !details.name.empty())
        s = "The " + details.kind + " " + goQuote(details.name) + " is invalid";
    else if (!status.message().empty() && details.causes.empty())
        s += ": " + status.message();
    if (details.causes.empty())
        return s + "\n";
    // statusCausesToAggrError: "<field>: <message>" per cause, duplicates dropped.
    std::vector<std::string> messages;
    std::set<std::string> seen;
    for (const StatusCause& cause : details.causes) {
        std::string msg = cause.field + ": " + cause.message;
        if (seen.insert(msg).second)
            messages.push_back(std::move(msg));
    }
    // MultilineError: one error inline, several as a bullet list after "<prefix>\n".
    const std::string prefix = s + ": ";
    if (messages.size() == 1)
        return prefix + messages[0] + "\n";
    std::string out = prefix + "\n";
    for (const auto& m : messages)
        out += "* " + m + "\n";
    return out;
}

}  // namespace

std::string kubectlStandardErrorMessage(const Status& status) {
    if (status.reason() == "Unauthorized")
        return "error: You must be logged in to the server (" + status.message() + ")";
    if (!status.reason().empty())
        return "Error from server (" + status.reason() + "): " + status.message();
    return "Error from server: " + status.message();
}

std::string kubectlErrorOutput(const Status& status) {
    if (status.code() == 422 && status.reason() == "Invalid")
        return invalidOutput(status);
    return kubectlStandardErrorMessage(status) + "\n";
}

std::string kubectlErrorsOutput(const std::vector<Status>& statuses) {
    if (statuses.size() == 1)
        return kubectlErrorOutput(statuses[0]);
    std::string out;
    for (const Status& s : statuses)
        out += kubectlStandardErrorMessage(s) + "\n";
    return out;
}

Status addSourceToStatus(const Status& status, const std::string& verb, const std::string& source) {
    if (source.empty())
        return status;
    Status out = Status::failure(status.code(), status.reason(),
                                 "error when " + verb + " " + goQuote(source) + ": " + status.message());
    if (status.hasDetails())
        out.withDetails(status.details());
    return out;
}

}  // namespace kp::validation
