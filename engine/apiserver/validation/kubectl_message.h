// What kubectl prints on stderr for an API error, as kubectl's cmdutil.CheckErr does.
// For 422 Invalid it ignores the server's message and rebuilds the text from details:
//   The Deployment "Hello_World" is invalid: metadata.name: Invalid value: "Hello_World": ...
// and with several causes a bullet list (note the space after the first colon):
//   The Deployment "web" is invalid: \n* spec.replicas: ...\n* spec.template...: ...\n
// Other errors print as `Error from server (NotFound): deployments.apps "x" not found`.
#pragma once
#include <string>
#include <vector>

#include "base/status.h"

namespace kp::validation {

// The full stderr text for one failed request (ends with "\n"); exit code 1.
std::string kubectlErrorOutput(const Status& status);

// cmdutil.StandardErrorMessage: "Error from server (<Reason>): <message>", or
// "Error from server: <message>" without a reason, or the Unauthorized wording.
std::string kubectlStandardErrorMessage(const Status& status);

// Several failed objects of one command (apply -f dir/): each as a standard message on its
// own line (an aggregate of one prints like kubectlErrorOutput).
std::string kubectlErrorsOutput(const std::vector<Status>& statuses);

// cmdutil.AddSourceToErr: prefixes the message with `error when <verb> "<source>": ` (verb like
// "creating", "replacing", "applying patch:\n..."). The details are kept, so an Invalid error
// still prints from its causes.
Status addSourceToStatus(const Status& status, const std::string& verb, const std::string& source);

}  // namespace kp::validation
