// `minikube start`'s flags and the checks it runs on them before touching the machine
// (cmd/minikube/cmd/start_flags.go, start.go#validateKubernetesVersion).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "cli/minikube/commands.h"

namespace kp::cli::minikube {

const std::vector<FlagSpec>& startFlags();

// --memory / --disk-size values: "2200", "4g", "4096mb" (binary units) to MiB
// (pkg/util#CalculateSizeInMB). nullopt with go-units' error text when unparsable.
std::optional<int> calculateSizeInMB(const std::string& text, std::string& error);

// The Kubernetes version to run ("v1.32.0"): --kubernetes-version ("stable", "latest",
// "v1.28", "1.31.4"), else the existing profile's, else the default. Prints minikube's warnings
// and returns a non-zero exit code when minikube refuses the version.
int resolveKubernetesVersion(Invocation& inv, const std::string& requested, const std::string& existingVersion,
                             std::string& version);

// --image-repository as minikube normalises it (scheme and trailing "/" removed, with a notice).
std::string validateImageRepository(Invocation& inv, const std::string& repository);

}  // namespace kp::cli::minikube
