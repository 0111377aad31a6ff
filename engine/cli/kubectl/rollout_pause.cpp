// kubectl rollout pause|resume|restart TYPE/NAME...
//   pause:   spec.paused=true (Deployments only)     -> deployment.apps/hello paused
//   resume:  spec.paused=false                        -> deployment.apps/hello resumed
//   restart: template annotation kubectl.kubernetes.io/restartedAt=<now, RFC 3339>
//            (Deployments, DaemonSets, StatefulSets)  -> deployment.apps/hello restarted
// Each change is made locally and sent as the strategic merge patch between before and after;
// refusals read `error: deployments.apps "hello" is already paused`.
// Upstream: kubectl pkg/cmd/rollout/rollout_pause.go, rollout_resume.go, rollout_restart.go,
// pkg/polymorphichelpers (objectpauser.go, objectresumer.go, objectrestarter.go).
#include <functional>

#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/print_flags.h"
#include "cli/kubectl/resource_args.h"
#include "cli/kubectl/rollout.h"
#include "cli/kubectl/set_common.h"

namespace kp::cli {
namespace {

// Changes an object in place; "" or the reason it cannot ("is already paused").
using Mutation = std::function<std::string(Json& object)>;

struct PatchCommand {
    std::string path;          // "kubectl rollout pause"
    std::string operation;     // "paused"
    std::string unchangedOp;   // printed when nothing changed ("already paused"); "" = error instead
    Mutation mutate;
};

CommandResult runPatchCommand(KubectlContext& ctx, const PatchCommand& c, const std::vector<std::string>& args) {
    CommandFlags flags(c.path);
    addPrintFlags(flags);
    flags.string("selector", "l").stringSlice("filename", "f").boolean("recursive", "R").string("kustomize", "k");
    flags.string("field-manager", "", "kubectl-rollout");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    ResourceQuery q;
    q.args = flags.args();
    q.ns = commandNamespace(ctx, flags);
    q.labelSelector = flags.str("selector");
    q.allowEmptySelector = true;
    ResourceResult found = resolveResources(ctx, q);
    if (!found.ok())
        return CommandResult::failure(found.error);
    ErrorList errors;
    for (const std::string& e : found.itemErrors)
        errors.api(e);
    if (found.targets.empty() && found.itemErrors.empty()) {
        res.err += "No resources found in " + q.ns + " namespace.\n";
        return res;
    }
    for (const ResourceTarget& t : found.targets) {
        Json after = t.object;
        if (std::string e = c.mutate(after); !e.empty()) {
            errors.plain("error: " + t.resource->groupResource() + " \"" + t.name + "\" " + e);
            continue;
        }
        Json patch = calculatePatch(t.object, after);
        Printer printer;
        std::string err;
        if (patch.empty()) {
            if (c.unchangedOp.empty()) {
                errors.plain("failed to create patch for " + t.name +
                             ": if restart has already been triggered within the past second, please wait before "
                             "attempting to trigger another");
                continue;
            }
            if (!Printer::make(flags, c.unchangedOp, DryRunStrategy::None, printer, err))
                return res.append(CommandResult::failure(err));
            res.out += printer.print(t.object);
            continue;
        }
        WriteOptions opts;
        opts.actor = "kubectl";
        opts.fieldManager = flags.str("field-manager");
        ApiResponse resp = ctx.cluster.apiServer().patch(*t.resource, t.ns, t.name, PatchType::StrategicMergePatch,
                                                         patch.dump(), opts);
        if (!resp.ok()) {
            errors.plain("failed to patch: " + resp.status.message());
            continue;
        }
        if (!Printer::make(flags, c.operation, DryRunStrategy::None, printer, err))
            return res.append(CommandResult::failure(err));
        res.out += printer.print(resp.object);
    }
    ctx.cluster.runUntilIdle();
    return res.append(errors.result());
}

}  // namespace

CommandResult rolloutPause(KubectlContext& ctx, const std::vector<std::string>& args) {
    PatchCommand c{"kubectl rollout pause", "paused", "already paused", [](Json& obj) -> std::string {
                       if (stringAt(obj, "kind") != "Deployment")
                           return "pausing is not supported";
                       if (boolAt(obj, "spec.paused"))
                           return "is already paused";
                       obj["spec"]["paused"] = true;
                       return "";
                   }};
    return runPatchCommand(ctx, c, args);
}

CommandResult rolloutResume(KubectlContext& ctx, const std::vector<std::string>& args) {
    PatchCommand c{"kubectl rollout resume", "resumed", "already resumed", [](Json& obj) -> std::string {
                       if (stringAt(obj, "kind") != "Deployment")
                           return "resuming is not supported";
                       if (!boolAt(obj, "spec.paused"))
                           return "is not paused";
                       // The typed Deployment omits paused=false.
                       obj["spec"].erase("paused");
                       return "";
                   }};
    return runPatchCommand(ctx, c, args);
}

CommandResult rolloutRestart(KubectlContext& ctx, const std::vector<std::string>& args) {
    const std::string now = formatRFC3339(ctx.cluster.now());
    PatchCommand c{"kubectl rollout restart", "restarted", "", [now](Json& obj) -> std::string {
                       const std::string kind = stringAt(obj, "kind");
                       if (kind != "Deployment" && kind != "DaemonSet" && kind != "StatefulSet")
                           return "restarting is not supported";
                       if (kind == "Deployment" && boolAt(obj, "spec.paused"))
                           return "can't restart paused deployment (run rollout resume first)";
                       ensureObject(obj, "spec.template.metadata.annotations")["kubectl.kubernetes.io/restartedAt"] = now;
                       return "";
                   }};
    return runPatchCommand(ctx, c, args);
}

}  // namespace kp::cli
