// kubectl apply --prune (the allowlist alpha, without --applyset): after applying, delete what an
// earlier apply made (it carries the last-applied-configuration annotation), matches -l (or
// --all), lives in a namespace just applied to, and is not one of the objects just applied.
// Upstream: kubectl pkg/cmd/apply/prune.go, pkg/util/prune/prune.go.
#include "cli/kubectl/apply_prune.h"

#include "cli/kubectl/cmd_util.h"
#include "cluster/cluster.h"

namespace kp::cli {
namespace {

// kubectl's default allowlist (prune.go), in its order: namespaced kinds, then cluster-wide.
const char* const kNamespacedKinds[][2] = {
    {"v1", "ConfigMap"},      {"v1", "Endpoints"},       {"v1", "PersistentVolumeClaim"},
    {"v1", "Pod"},            {"v1", "ReplicationController"}, {"v1", "Secret"},
    {"v1", "Service"},        {"batch/v1", "Job"},       {"batch/v1", "CronJob"},
    {"networking.k8s.io/v1", "Ingress"}, {"apps/v1", "DaemonSet"}, {"apps/v1", "Deployment"},
    {"apps/v1", "ReplicaSet"}, {"apps/v1", "StatefulSet"}};
const char* const kClusterKinds[][2] = {{"v1", "Namespace"}, {"v1", "PersistentVolume"}};

}  // namespace

std::string pruneValidationError(const PruneRequest& p, bool force, bool serverSide) {
    if (p.all && !p.selector.empty())
        return "cannot set --all and --selector at the same time";
    if (!p.enabled)
        return "";
    if (force)
        return "--force cannot be used with --prune";
    if (!p.all && p.selector.empty())
        return "all resources selected for prune without explicitly passing --all. To prune all resources, pass "
               "the --all flag. If you did not mean to prune all resources, specify a label selector";
    if (serverSide)
        return "--prune is in alpha and doesn't currently work on objects created by server-side apply";
    return "";
}

CommandResult pruneApplied(KubectlContext& ctx, const PruneRequest& p) {
    CommandResult res;
    // The namespace always comes from somewhere (the context's, or "default"), so kubectl warns
    // that it still prunes cluster-wide kinds too.
    // SIMPLIFICATION: kubectl logs this between the applied and the pruned lines; here standard
    // error follows all of standard output.
    res.err += klogLine('W', ctx.cluster.now(), "prune.go:71",
                        "Deprecated: kubectl apply will no longer prune non-namespaced resources by default when used "
                        "with the --namespace flag in a future release. To preserve the current behaviour, list the "
                        "resources you want to target explicitly in the --prune-allowlist flag.");
    const ResourceRegistry& registry = ctx.cluster.apiServer().resources();
    DeleteOptions del;
    del.actor = "kubectl";
    del.propagationPolicy = PropagationPolicy::Background;
    del.dryRun = p.dryRun == "server";
    const std::string suffix = p.dryRun == "client" ? " (dry run)" : p.dryRun == "server" ? " (server dry run)" : "";
    auto pruneIn = [&](const ResourceInfo& r, const std::string& ns) {
        ListOptions opts;
        opts.labelSelector = p.selector;
        ApiResponse list = ctx.cluster.apiServer().list(r, ns, opts);
        if (!list.ok())
            return;
        for (const Json& item : list.object.value("items", Json::array())) {
            const Json* annotations = findPath(item, "metadata.annotations");
            if (!annotations || !annotations->contains("kubectl.kubernetes.io/last-applied-configuration"))
                continue;  // not made by apply
            if (p.appliedUids.count(stringAt(item, "metadata.uid")))
                continue;
            const std::string name = stringAt(item, "metadata.name");
            if (p.dryRun != "client") {
                ApiResponse gone = ctx.cluster.apiServer().remove(r, ns, name, del);
                if (!gone.ok()) {
                    res.append(CommandResult::failure(serverErrorText(gone.status)));
                    continue;
                }
            }
            res.out += resourceName(r, name) + " pruned" + suffix + "\n";
        }
    };
    // SIMPLIFICATION: kubectl visits the namespaces in Go's set order (random); here sorted.
    for (const std::string& ns : p.namespaces)
        for (const auto& [apiVersion, kind] : kNamespacedKinds)
            if (const ResourceInfo* r = registry.byKind(apiVersion, kind))
                pruneIn(*r, ns);
    for (const auto& [apiVersion, kind] : kClusterKinds)
        if (const ResourceInfo* r = registry.byKind(apiVersion, kind))
            pruneIn(*r, "");
    ctx.cluster.runUntilIdle();
    return res;
}

}  // namespace kp::cli
