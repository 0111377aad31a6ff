// Cordoning nodes, shared by kubectl cordon, uncordon and drain (drain cordons first).
// Upstream: kubectl pkg/cmd/drain/drain.go#RunCordonOrUncordon.
#pragma once
#include <vector>

#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/kubectl.h"
#include "cli/kubectl/print_flags.h"
#include "cli/kubectl/resource_args.h"

namespace kp::cli {

// Reads the nodes the positional arguments (or -l/--selector) name. Not-found nodes are
// reported in `res` (exit code 1); returns false on a whole-command error (also in `res`).
bool findNodes(KubectlContext& ctx, const CommandFlags& flags, std::vector<ResourceTarget>& nodes, CommandResult& res);

// Marks `nodes` (un)schedulable with a merge patch of spec.unschedulable, printing
// "node/x cordoned", "node/x already cordoned" (" (dry run)" ...). Returns false when a node
// could not be patched (the error is in `res`).
bool cordonOrUncordonNodes(KubectlContext& ctx, const CommandFlags& flags, const std::vector<ResourceTarget>& nodes,
                           bool desired, DryRunStrategy dryRun, CommandResult& res);

}  // namespace kp::cli
