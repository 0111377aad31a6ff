// `ps` and `ip` in a node's shell (`minikube ssh`): the node's real processes and interfaces.
#pragma once
#include <string>
#include <vector>

#include "cli/minikube/commands.h"

namespace kp::cli::minikube {

// procps-ng 3.3.17 (Ubuntu 22.04): `ps`, `ps aux`, `ps -ef`, `ps -e` / `ps -A`. `alongside`: the
// other commands of ps's pipeline (`ps aux | grep kubelet`), which run at the same time.
int nodePs(Invocation& inv, const MachineNode& node, const std::vector<std::string>& argv,
           const std::vector<std::string>& alongside = {});
// iproute2 5.15: `ip addr [show [dev] NAME]`, `ip link`, `ip route`.
int nodeIp(Invocation& inv, const MachineNode& node, const std::vector<std::string>& argv);

}  // namespace kp::cli::minikube
