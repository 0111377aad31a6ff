// The kubectl commands that reach into containers through the kubelet: logs and exec.
#pragma once
#include <string>
#include <vector>

#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/kubectl.h"
#include "runtime/shell_interpreter.h"

namespace kp::cli {

CommandResult kubectlLogs(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult kubectlExec(KubectlContext& ctx, const std::vector<std::string>& args);
// kubectl port-forward and kubectl proxy (port_forward.cpp): listen on the laptop's loopback.
CommandResult kubectlPortForward(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult kubectlProxy(KubectlContext& ctx, const std::vector<std::string>& args);

// The flags of logs and exec, for their parsing and their --help page.
void declareLogsFlags(CommandFlags& flags);
void declareExecFlags(CommandFlags& flags);

// The container `kubectl exec` would reach for `target` (a pod name or TYPE/NAME); errors are
// appended to `res` as kubectl prints them. `quiet` (-q) drops the "Defaulted container" notice.
AttachRequest resolveExecTarget(KubectlContext& ctx, const std::string& target, std::string container, bool quiet,
                                CommandResult& res);
// Runs argv in the container; prints "command terminated with exit code N" like kubectl.
// `io`: the standard input (`-i`) and whether the output is a terminal (`-t`).
CommandResult execInContainer(KubectlContext& ctx, const AttachRequest& target, const std::vector<std::string>& argv,
                              const runtime::sh::CommandIO& io = {});

}  // namespace kp::cli
