// watch [-n SECS] [-t] COMMAND...: runs a command line again every SECS (2 by default) of virtual
// time on a cleared screen under procps-ng's header, until Ctrl+C. The learner's classic way to
// see pods come and go without kubectl get -w.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "base/time.h"
#include "cli/command_result.h"

namespace kp::cli {

// `runLine` runs a command line in the learner's shell (watch hands it to sh -c). The result's
// foreground keeps the terminal; a bad command line gets procps-ng 4.0's usage or error text.
CommandResult runWatch(const std::vector<std::string>& args, std::function<Time()> now,
                       std::function<CommandResult(const std::string& line)> runLine);

}  // namespace kp::cli
