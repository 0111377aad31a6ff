// What `kubectl label` and `kubectl annotate` share: splitting "TYPE NAME key=value key-" into
// resources and pairs, and the per-object loop that changes metadata locally, sends the JSON
// merge patch between the object before and after (fieldManager kubectl-label|kubectl-annotate),
// and prints one line per object. Per-object failures (an existing value without --overwrite,
// a missing object) are printed after the objects that worked, as ContinueOnError does.
// Upstream: kubectl pkg/cmd/util/helpers.go (GetResourcesAndPairs, ParsePairs),
// pkg/cmd/label/label.go (RunLabel), pkg/cmd/annotate/annotate.go (RunAnnotate).
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/print_flags.h"
#include "cli/kubectl/resource_args.h"

namespace kp::cli {

// GetResourcesAndPairs: "" or "all resources must be specified before <type> changes: X".
std::string splitResourcesAndPairs(const std::vector<std::string>& args, const std::string& pairType,
                                   std::vector<std::string>& resources, std::vector<std::string>& pairs);

// The objects named by the positional resources, --all and -l (--resource-version only with a
// single one). On error returns false with the message appended to `res`.
bool findMetadataTargets(KubectlContext& ctx, const CommandFlags& flags, const std::vector<std::string>& resources,
                         ResourceResult& found, CommandResult& res);

struct MetadataUpdate {
    std::string field;          // "labels" or "annotations"
    std::string fieldManager;   // "kubectl-label"
    std::string listHeader;     // "Listing labels for"
    std::vector<std::string> remove;
    bool list = false;
    bool reportMissing = false;       // label: `label "x" not found.` for a key that is not there
    bool printServerObject = false;   // annotate prints the patched object, label the local one
    std::string resourceVersion;
    // Changes the object's metadata in place; "" or the errors for this object (one per line).
    std::function<std::string(Json& object)> mutate;
    // The one-liner's verb for an object, from its JSON before and after.
    std::function<std::string(const std::string& before, const std::string& after)> operation;
};

CommandResult runMetadataUpdate(KubectlContext& ctx, const MetadataUpdate& update, const ResourceResult& targets,
                                const Printer& printer, DryRunStrategy dryRun);

}  // namespace kp::cli
