// The one-line descriptions of minikube's flags for the "Options:" block of `minikube VERB --help`
// (our own words for what each flag of cmd/minikube/cmd does).
#pragma once
#include <string>
#include <vector>

#include "cli/minikube/flags.h"

namespace kp::cli::minikube {

// The description of `flag` in `commandPath` ("minikube start"), or "" when none is known.
std::string flagUsage(const std::string& commandPath, const std::string& flag);

// kubectl's layout, which minikube's help template shares: each flag sorted by name as
// "    -s, --name=DEFAULT:\n\tusage\n\n".
std::string optionsBlock(const std::string& commandPath, const std::vector<FlagSpec>& specs);

}  // namespace kp::cli::minikube
