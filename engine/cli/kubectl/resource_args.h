// The part of kubectl's resource builder the imperative commands share: turning "TYPE NAME...",
// "TYPE/NAME..." or "TYPE" with --all / -l into objects read from the apiserver, with the
// builder's error texts:
//   You must provide one or more resources by argument or filename. (+ examples)
//   resource(s) were provided, but no name was specified
//   there is no need to specify a resource type as a separate argument when passing ...
//   the server doesn't have a resource type "foo"
// Objects that cannot be read (NotFound) become per-object errors, kept in argument order, as
// ContinueOnError does; the command prints them after the objects it handled.
// Upstream: cli-runtime pkg/resource/builder.go (ResourceTypeOrNameArgs, resourceTuples,
// hasCombinedTypeArgs, Do), pkg/resource/visitor.go (ContinueOnErrorVisitor).
#pragma once
#include <string>
#include <vector>

#include "base/json.h"
#include "cli/kubectl/kubectl.h"

namespace kp::cli {

struct ResourceTarget {
    const ResourceInfo* resource = nullptr;
    std::string ns;    // "" for cluster-scoped resources
    std::string name;
    Json object;       // as read from the apiserver
};

struct ResourceQuery {
    std::vector<std::string> args;   // positional arguments naming resources
    std::string ns;                  // namespace for namespaced resources
    std::string labelSelector;       // -l
    bool all = false;                // --all
    // A bare TYPE selects every object of it (rollout status/history/undo, set image ...).
    bool allowEmptySelector = false;
    bool fetch = true;               // read each named object (false: names only, no GET)
};

struct ResourceResult {
    std::string error;                  // a whole-command error ("error: ...\n"), nothing else set
    std::vector<ResourceTarget> targets;
    std::vector<std::string> itemErrors;  // "Error from server (NotFound): ...\n" per failed object
    bool singleItemImplied = false;       // one TYPE/NAME or TYPE NAME (cli-runtime IntoSingleItemImplied)

    bool ok() const { return error.empty(); }
};

ResourceResult resolveResources(KubectlContext& ctx, const ResourceQuery& query);

// The builder's message when no resource was given, with its examples.
std::string noResourcesError();

}  // namespace kp::cli
