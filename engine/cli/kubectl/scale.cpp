// kubectl scale TYPE NAME | TYPE/NAME ... --replicas=N [--current-replicas=M]
// [--resource-version=V] [--all | -l selector] [--timeout=D] [--dry-run] [-o]
// Through the scale subresource: a merge patch {"spec":{"replicas":N}} to <resource>/scale, or,
// with a precondition (--current-replicas, --resource-version), GET the Scale, check it
// ("Expected replicas to be 2, was 4") and PUT it back. Prints `deployment.apps/hello scaled`
// for each object (the object as it was read).
// Upstream: kubectl pkg/cmd/scale/scale.go (Validate, RunScale), pkg/scale/scale.go
// (ScaleSimple, PreconditionError, scaleHasDesiredReplicas).
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/print_flags.h"
#include "cli/kubectl/resource_args.h"

namespace kp::cli {
namespace {

// One scale request; "" or the error as kubectl prints it.
std::string scaleOne(KubectlContext& ctx, const ResourceTarget& t, int64_t replicas, int64_t currentReplicas,
                     const std::string& resourceVersion, bool serverDryRun) {
    ApiServer& api = ctx.cluster.apiServer();
    // The apiserver has no route for <resource>/scale when the resource has no such subresource.
    if (!t.resource->hasSubresource("scale"))
        return "Error from server (NotFound): the server could not find the requested resource\n";
    WriteOptions opts;
    opts.actor = "kubectl";
    opts.fieldManager = "kubectl-scale";
    opts.dryRun = serverDryRun;
    if (currentReplicas == -1 && resourceVersion.empty()) {
        Json body = {{"spec", {{"replicas", replicas}}}};
        ApiResponse resp = api.patch(*t.resource, t.ns, t.name, PatchType::MergePatch, body.dump(), opts, "scale");
        return resp.ok() ? "" : serverErrorText(resp.status);
    }
    ApiResponse got = api.get(*t.resource, t.ns, t.name, "scale");
    if (!got.ok())
        return serverErrorText(got.status);
    Json scale = got.object;
    const int64_t actual = intAt(scale, "spec.replicas");
    if (currentReplicas != -1 && actual != currentReplicas)
        return "error: Expected replicas to be " + std::to_string(currentReplicas) + ", was " + std::to_string(actual) + "\n";
    const std::string rv = stringAt(scale, "metadata.resourceVersion");
    if (!resourceVersion.empty() && rv != resourceVersion)
        return "error: Expected resource version to be " + resourceVersion + ", was " + rv + "\n";
    scale["spec"]["replicas"] = replicas;
    ApiResponse put = api.update(*t.resource, t.ns, t.name, scale, opts, "scale");
    return put.ok() ? "" : serverErrorText(put.status);
}

// --timeout: wait until the Scale reports the desired replicas (or someone changed the spec).
bool waitForReplicas(KubectlContext& ctx, const ResourceTarget& t, int64_t replicas, Duration timeout) {
    const Time deadline = ctx.cluster.now() + timeout;
    while (true) {
        ctx.cluster.runUntilIdle();
        ApiResponse got = ctx.cluster.apiServer().get(*t.resource, t.ns, t.name, "scale");
        if (got.ok()) {
            const int64_t spec = intAt(got.object, "spec.replicas");
            if (spec != replicas || (spec == intAt(got.object, "status.replicas")))
                return true;
        }
        if (ctx.cluster.now() >= deadline)
            return false;
        ctx.cluster.advance(Duration::seconds(1));
    }
}

}  // namespace

CommandResult kubectlScale(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl scale");
    addPrintFlags(flags);
    addDryRunFlag(flags);
    flags.integer("replicas", "", -1).required("replicas").integer("current-replicas", "", -1);
    flags.string("resource-version").boolean("all").string("selector", "l").duration("timeout", "", "0s");
    flags.stringSlice("filename", "f").boolean("recursive", "R").string("kustomize", "k").boolean("record");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    DryRunStrategy dryRun;
    if (!getDryRunStrategy(ctx, flags, dryRun, res))
        return res;
    Printer printer;
    std::string err;
    if (!Printer::make(flags, "scaled", dryRun, printer, err))
        return res.append(CommandResult::failure(err));
    const int64_t replicas = flags.num("replicas");
    const int64_t current = flags.num("current-replicas");
    if (replicas < 0)
        return res.append(
            errorResult("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0"));
    if (current < -1)
        return res.append(errorResult("The --current-replicas must specify an integer of -1 or greater"));
    // SIMPLIFICATION: objects named by -f files are not supported by scale yet.
    if (!flags.list("filename").empty())
        return res.append(errorResult("kubectl scale -f is not available in kubeplay yet"));

    ResourceQuery q;
    q.args = flags.args();
    q.ns = commandNamespace(ctx, flags);
    q.all = flags.on("all");
    q.labelSelector = flags.str("selector");
    ResourceResult found = resolveResources(ctx, q);
    if (!found.ok())
        return res.append(CommandResult::failure(found.error));
    const std::string rv = flags.str("resource-version");
    if (!rv.empty() && found.targets.size() > 1)
        return res.append(errorResult("cannot use --resource-version with multiple resources"));
    if (found.targets.empty()) {
        if (!found.itemErrors.empty()) {
            // "no objects passed to scale" wraps the first error's text.
            std::string first = found.itemErrors.front();
            const std::string prefix = "Error from server (NotFound): ";
            if (first.rfind(prefix, 0) == 0)
                first = first.substr(prefix.size());
            return res.append(errorResult("no objects passed to scale " + first));
        }
        return res.append(errorResult("no objects passed to scale"));
    }
    for (const ResourceTarget& t : found.targets) {
        if (dryRun == DryRunStrategy::Client) {
            res.out += printer.print(t.object, false);
            continue;
        }
        if (std::string e = scaleOne(ctx, t, replicas, current, rv, dryRun == DryRunStrategy::Server); !e.empty())
            return res.append(CommandResult::failure(e));
        const Duration timeout = flags.dur("timeout");
        if (timeout.ms > 0 && dryRun == DryRunStrategy::None && !waitForReplicas(ctx, t, replicas, timeout))
            return res.append(errorResult("timed out waiting for the condition"));
        res.out += printer.print(t.object, false);
    }
    ctx.cluster.runUntilIdle();
    for (const std::string& e : found.itemErrors)
        res.append(CommandResult::failure(e));
    return res;
}

}  // namespace kp::cli
