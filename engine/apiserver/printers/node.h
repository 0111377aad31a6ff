// The node columns of `kubectl get nodes` (STATUS, ROLES), computed as the apiserver's printer
// does, for the terminal and the visualizer alike.
// Upstream: pkg/printers/internalversion/printers.go#printNode, #findNodeRoles.
#pragma once
#include <string>
#include <vector>

#include "base/json.h"

namespace kp::printers {

// "Ready", "NotReady" (Ready condition False or Unknown), "Unknown" (no Ready condition), each
// followed by ",SchedulingDisabled" when spec.unschedulable is true.
std::string nodeStatus(const Json& node);
// Sorted role names from `node-role.kubernetes.io/<role>` label keys and the value of a
// `kubernetes.io/role` label, e.g. {"control-plane"}; empty when none.
std::vector<std::string> nodeRoles(const Json& node);

}  // namespace kp::printers
