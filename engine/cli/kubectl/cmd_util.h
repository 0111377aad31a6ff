// How kubectl's commands report failures, shared by the imperative commands:
//   - cmdutil.CheckErr: "error: <message>" for plain errors, "Error from server (<Reason>): ..."
//     for API errors (serverErrorText in kubectl.h);
//   - cmdutil.UsageErrorf: "error: <message>\nSee '<command path> -h' for help and examples";
//   - cobra errors that kubectl v1.32 routes through klog (component-base/cli/run.go), such as
//     a missing required flag:
//       E0115 10:00:00.000000    4242 run.go:72] "command failed" err="required flag(s) \"image\" not set"
// Upstream: kubectl pkg/cmd/util/helpers.go (CheckErr, UsageErrorf), component-base cli/run.go.
#pragma once
#include <string>
#include <vector>

#include "base/time.h"
#include "cli/command_result.h"
#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/kubectl.h"

namespace kp::cli {

// One klog line: severity 'E', 'W' or 'I', the time as MMDD HH:MM:SS.micros (virtual, UTC),
// the process id, "file:line] " and the message.
// SIMPLIFICATION: the process id is a fixed number (the simulated laptop has no process table).
std::string klogLine(char severity, Time now, const std::string& fileLine, const std::string& message);

// `error: <message>` (a trailing newline added), exit code 1.
CommandResult errorResult(const std::string& message);
// cmdutil.UsageErrorf for a command path ("kubectl create deployment").
CommandResult usageErrorResult(const std::string& commandPath, const std::string& message);
// Parses `args` into `flags` and checks cobra's required flags. Returns false with the
// failure to print (flag errors, missing required flags) in `failure`.
bool parseCommandFlags(KubectlContext& ctx, CommandFlags& flags, const std::vector<std::string>& args,
                       CommandResult& failure);

// The namespace a command works in (-n, else the context's) and whether it was given on the
// command line (kubectl's EnforceNamespace: generated objects then carry it).
std::string commandNamespace(const KubectlContext& ctx, const CommandFlags& flags);
bool namespaceEnforced(const CommandFlags& flags);

// Errors gathered over several objects (a ContinueOnError visit, a command's allErrs),
// printed as cmdutil.CheckErr prints an aggregate: a lone plain error gets "error: ", several
// are listed one per line as they are; API errors always read "Error from server (...)".
struct ErrorList {
    std::vector<std::pair<bool, std::string>> items;  // (is an API error text, message)

    void plain(const std::string& message) { items.emplace_back(false, message); }
    void api(const std::string& text) { items.emplace_back(true, text); }
    bool empty() const { return items.empty(); }
    CommandResult result() const;
};

// Label specs as kubectl's generators parse them ("a=b,c=d"); "" on success, else the error.
std::string parseLabelSpec(const std::string& spec, Json& out);

}  // namespace kp::cli
