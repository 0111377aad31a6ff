// kubectl apply --prune: what to delete after applying (apply_prune.cpp).
#pragma once
#include <set>
#include <string>

#include "cli/kubectl/kubectl.h"

namespace kp::cli {

struct PruneRequest {
    bool enabled = false;              // --prune
    std::string selector;              // -l
    bool all = false;                  // --all
    std::string dryRun = "none";       // none, client, server
    std::set<std::string> namespaces;  // of the objects applied (and -n when given)
    std::set<std::string> appliedUids; // the objects just applied, kept
};

// kubectl's Validate() texts for the prune flags (without "error: "), or "".
std::string pruneValidationError(const PruneRequest& p, bool force, bool serverSide);
// Deletes what an earlier apply made and this one did not, printing "configmap/b pruned".
CommandResult pruneApplied(KubectlContext& ctx, const PruneRequest& p);

}  // namespace kp::cli
