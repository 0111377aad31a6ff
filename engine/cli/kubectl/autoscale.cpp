// kubectl autoscale (deployment|replicaset|statefulset|rc) NAME --max=N [--min=M]
// [--cpu-percent=P] [--name=N]: an autoscaling/v1 HorizontalPodAutoscaler (kubectl v1.32 still
// creates v1) targeting the object through its scale subresource. Prints
// `horizontalpodautoscaler.autoscaling/hello autoscaled` (`created (dry run)` for a client dry run).
// Upstream: kubectl pkg/cmd/autoscale/autoscale.go (Validate, Run, createHorizontalPodAutoscaler).
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/print_flags.h"
#include "cli/kubectl/resource_args.h"

namespace kp::cli {

CommandResult kubectlAutoscale(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl autoscale");
    addPrintFlags(flags);
    addDryRunFlag(flags);
    flags.integer("min", "", -1).integer("max", "", -1).required("max").integer("cpu-percent", "", -1);
    flags.string("name").stringSlice("filename", "f").boolean("recursive", "R").string("kustomize", "k");
    flags.boolean("save-config").boolean("record").string("field-manager", "", "kubectl-autoscale");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    DryRunStrategy dryRun;
    if (!getDryRunStrategy(ctx, flags, dryRun, res))
        return res;
    const int64_t min = flags.num("min"), max = flags.num("max"), cpu = flags.num("cpu-percent");
    if (max < 1)
        return res.append(errorResult("--max=MAXPODS is required and must be at least 1, max: " + std::to_string(max)));
    if (max < min)
        return res.append(errorResult("--max=MAXPODS must be larger or equal to --min=MINPODS, max: " +
                                      std::to_string(max) + ", min: " + std::to_string(min)));
    // SIMPLIFICATION: objects named by -f files are not supported by autoscale yet.
    if (!flags.list("filename").empty())
        return res.append(errorResult("kubectl autoscale -f is not available in kubeplay yet"));

    ResourceQuery q;
    q.args = flags.args();
    q.ns = commandNamespace(ctx, flags);
    ResourceResult found = resolveResources(ctx, q);
    if (!found.ok())
        return res.append(CommandResult::failure(found.error));
    const ResourceInfo& hpas = *ctx.cluster.apiServer().resources().byKind("autoscaling/v1", "HorizontalPodAutoscaler");
    int count = 0;
    for (const ResourceTarget& t : found.targets) {
        const ResourceInfo& r = *t.resource;
        if (!r.hasSubresource("scale"))
            return res.append(errorResult("cannot autoscale a " + r.kind + ": could not find scale subresource for " +
                                          r.group + "/" + r.version + ", Resource=" + r.resource +
                                          " in discovery information"));
        Json spec = {{"scaleTargetRef", {{"kind", r.kind}, {"name", t.name}, {"apiVersion", r.apiVersion()}}},
                     {"maxReplicas", max}};
        if (min > 0)
            spec["minReplicas"] = min;
        if (cpu >= 0)
            spec["targetCPUUtilizationPercentage"] = cpu;
        Json hpa = {{"apiVersion", "autoscaling/v1"},
                    {"kind", "HorizontalPodAutoscaler"},
                    {"metadata", {{"name", flags.str("name").empty() ? t.name : flags.str("name")},
                                  {"creationTimestamp", nullptr}}},
                    {"spec", spec},
                    {"status", {{"currentReplicas", 0}, {"desiredReplicas", 0}}}};
        Printer printer;
        std::string err;
        if (dryRun == DryRunStrategy::Client) {
            if (!Printer::make(flags, "created", dryRun, printer, err))
                return res.append(CommandResult::failure(err));
            res.out += printer.print(hpa);
            ++count;
            continue;
        }
        WriteOptions opts;
        opts.actor = "kubectl";
        opts.fieldManager = flags.str("field-manager");
        opts.dryRun = dryRun == DryRunStrategy::Server;
        ApiResponse resp = ctx.cluster.apiServer().create(hpas, q.ns, hpa, opts);
        if (!resp.ok())
            return res.append(CommandResult::failure(serverErrorText(resp.status)));
        if (!Printer::make(flags, "autoscaled", dryRun, printer, err))
            return res.append(CommandResult::failure(err));
        res.out += printer.print(resp.object);
        ++count;
    }
    ctx.cluster.runUntilIdle();
    for (const std::string& e : found.itemErrors)
        res.append(CommandResult::failure(e));
    if (count == 0 && found.itemErrors.empty())
        return res.append(errorResult("no objects passed to autoscale"));
    return res;
}

}  // namespace kp::cli
