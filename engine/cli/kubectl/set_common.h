// What the `kubectl set` subcommands share (kubectl pkg/cmd/set/helper.go,
// pkg/polymorphichelpers/updatepodspec.go): finding the pod spec of an object (a Pod's spec, a
// workload's template, a CronJob's job template), selecting containers with kubectl's '*'
// wildcard, and turning a local change into the strategic merge patch kubectl sends
// (CalculatePatch: two-way patch between the object before and after).
#pragma once
#include <string>
#include <vector>

#include "base/json.h"
#include "cli/kubectl/kubectl.h"
#include "cli/kubectl/print_flags.h"
#include "cli/kubectl/resource_args.h"

namespace kp::cli {

// The PodSpec inside an object, or nullptr with `error` set to kubectl's message
// ("the object is not a pod or does not have a pod template: *v1.Service").
Json* podSpecOf(Json& object, std::string& error);

// selectString: "*" matches all, "a*b" matches with wildcards, else equality.
bool selectContainer(const std::string& name, const std::string& spec);

// The two-way strategic merge patch from `before` to `after` ("{}" when nothing changed).
Json calculatePatch(const Json& before, const Json& after);

// Sends one `set` patch (fieldManager kubectl-set); "" or the error text.
std::string sendSetPatch(KubectlContext& ctx, const ResourceTarget& t, const Json& patch, DryRunStrategy dryRun,
                         const std::string& fieldManager, Json& result);

// "deployments/hello" (resource.Info ObjectName: the plural without its group) for error messages.
std::string infoObjectName(const ResourceTarget& t);

// The flags every set subcommand has (-o, --dry-run, --all, -l, --local, -f, --field-manager).
void addSetFlags(CommandFlags& flags);

CommandResult setImage(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult setEnv(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult setResources(KubectlContext& ctx, const std::vector<std::string>& args);

}  // namespace kp::cli
