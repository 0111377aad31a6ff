// kubectl cordon|uncordon NODE: marks a node (un)schedulable. The node lifecycle controller then
// adds or removes the node.kubernetes.io/unschedulable taint, and `get nodes` shows
// Ready,SchedulingDisabled. Upstream: kubectl pkg/cmd/drain/drain.go (RunCordonOrUncordon),
// pkg/drain/cordon.go (a two-way strategic merge patch of spec.unschedulable).
#include "cli/kubectl/cordon.h"

#include "cli/kubectl/cmd_util.h"

namespace kp::cli {

bool findNodes(KubectlContext& ctx, const CommandFlags& flags, std::vector<ResourceTarget>& nodes, CommandResult& res) {
    ResourceQuery q;
    q.args = {"nodes"};
    q.args.insert(q.args.end(), flags.args().begin(), flags.args().end());
    q.labelSelector = flags.str("selector");
    ResourceResult found = resolveResources(ctx, q);
    if (!found.ok()) {
        res.append(CommandResult::failure(found.error));
        return false;
    }
    for (const std::string& e : found.itemErrors)
        res.err += e;
    if (!found.itemErrors.empty())
        res.exitCode = 1;
    nodes = std::move(found.targets);
    return true;
}

bool cordonOrUncordonNodes(KubectlContext& ctx, const CommandFlags& flags, const std::vector<ResourceTarget>& nodes,
                           bool desired, DryRunStrategy dryRun, CommandResult& res) {
    const std::string verb = desired ? "cordon" : "uncordon";
    bool ok = true;
    for (const ResourceTarget& t : nodes) {
        Printer printer;
        std::string err;
        const bool current = t.object.value("spec", Json::object()).value("unschedulable", false);
        if (current == desired) {
            if (!Printer::make(flags, desired ? "already cordoned" : "already uncordoned", DryRunStrategy::None, printer, err)) {
                res.append(CommandResult::failure(err));
                return false;
            }
            res.out += printer.print(t.object);
            continue;
        }
        if (dryRun != DryRunStrategy::Client) {
            WriteOptions opts;
            opts.actor = "kubectl";
            opts.dryRun = dryRun == DryRunStrategy::Server;
            // The two-way merge patch of the node with spec.unschedulable flipped (false is omitted).
            const Json patch = {{"spec", {{"unschedulable", desired ? Json(true) : Json(nullptr)}}}};
            ApiResponse resp = ctx.cluster.apiServer().patch(*t.resource, "", t.name, PatchType::StrategicMergePatch,
                                                             patch.dump(), opts);
            if (!resp.ok()) {
                res.err += "error: unable to " + verb + " node \"" + t.name + "\": " + resp.status.message() + "\n";
                res.exitCode = 1;
                ok = false;
                continue;
            }
        }
        if (!Printer::make(flags, desired ? "cordoned" : "uncordoned", dryRun, printer, err)) {
            res.append(CommandResult::failure(err));
            return false;
        }
        res.out += printer.print(t.object);
    }
    ctx.cluster.runUntilIdle();
    return ok;
}

namespace {

CommandResult cordonOrUncordon(KubectlContext& ctx, const std::vector<std::string>& args, bool desired) {
    const std::string verb = desired ? "cordon" : "uncordon";
    CommandFlags flags("kubectl " + verb);
    addDryRunFlag(flags);
    flags.string("selector", "l");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    DryRunStrategy dryRun;
    if (!getDryRunStrategy(ctx, flags, dryRun, res))
        return res;
    if (flags.args().empty() && flags.str("selector").empty())
        return res.append(CommandResult::failure("error: USAGE: " + verb + " NODE [flags]\nSee 'kubectl " + verb +
                                                 " -h' for help and examples\n"));
    std::vector<ResourceTarget> nodes;
    if (!findNodes(ctx, flags, nodes, res))
        return res;
    cordonOrUncordonNodes(ctx, flags, nodes, desired, dryRun, res);
    return res;
}

}  // namespace

CommandResult kubectlCordon(KubectlContext& ctx, const std::vector<std::string>& args) {
    return cordonOrUncordon(ctx, args, true);
}

CommandResult kubectlUncordon(KubectlContext& ctx, const std::vector<std::string>& args) {
    return cordonOrUncordon(ctx, args, false);
}

}  // namespace kp::cli
