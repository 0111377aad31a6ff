// kubectl delete TYPE NAME... | TYPE/NAME | -f FILE: DELETE with kubectl's DeleteOptions
// (propagationPolicy from --cascade, gracePeriodSeconds from --grace-period / --now / --force).
// SIMPLIFICATION: kubectl waits until the object is gone (--wait=true); with no kubelet yet,
// a pod on a node would stay Terminating, so this returns after the DELETE.
#include "cli/args.h"
#include "cli/kubectl/kubectl.h"

namespace kp::cli {

CommandResult kubectlDelete(KubectlContext& ctx, const std::vector<std::string>& args) {
    std::string err;
    ParsedArgs a = parseArgs(args, {"force", "now", "all", "A", "all-namespaces", "wait"}, err);
    if (!err.empty())
        return CommandResult::failure("error: " + err + "\n");
    DeleteOptions opts;
    opts.actor = "kubectl";
    std::string cascade = a.get("cascade", "background");
    if (cascade == "background" || cascade == "true")
        opts.propagationPolicy = PropagationPolicy::Background;
    else if (cascade == "foreground")
        opts.propagationPolicy = PropagationPolicy::Foreground;
    else if (cascade == "orphan" || cascade == "false")
        opts.propagationPolicy = PropagationPolicy::Orphan;
    else
        return CommandResult::failure("error: invalid cascade value (" + cascade +
                                      "). Must be \"background\", \"foreground\", or \"orphan\"\n");
    CommandResult res;
    if (a.has("grace-period"))
        opts.gracePeriodSeconds = std::stoll(a.get("grace-period"));
    if (a.has("now"))
        opts.gracePeriodSeconds = 1;
    bool force = a.on("force");
    if (force) {
        if (!opts.gracePeriodSeconds || *opts.gracePeriodSeconds == 0)
            opts.gracePeriodSeconds = 0;
        res.err += "Warning: Immediate deletion does not wait for confirmation that the running resource has been "
                   "terminated. The resource may continue to run on the cluster indefinitely.\n";
    } else if (opts.gracePeriodSeconds && *opts.gracePeriodSeconds == 0) {
        opts.gracePeriodSeconds = 1;  // kubectl: --grace-period=0 without --force means 1 second
    }
    a.has("dry-run") ? void(opts.dryRun = a.get("dry-run") == "server") : void();

    const std::string ns = a.get("n", a.get("namespace", ctx.defaultNamespace));
    std::vector<std::pair<const ResourceInfo*, std::string>> targets;  // resource, name
    std::vector<std::string> nsOf;
    std::vector<std::string> files = a.getAll("f");
    if (!files.empty()) {
        std::vector<Manifest> manifests;
        if (!readManifests(ctx, files, manifests, err))
            return CommandResult::failure(err);
        for (const Manifest& m : manifests) {
            const ResourceInfo* r =
                ctx.cluster.apiServer().resources().byKind(stringAt(m.object, "apiVersion"), stringAt(m.object, "kind"));
            if (!r)
                continue;
            targets.emplace_back(r, stringAt(m.object, "metadata.name"));
            nsOf.push_back(stringAt(m.object, "metadata.namespace", ns));
        }
    } else {
        if (a.positional.empty())
            return CommandResult::failure("error: You must provide one or more resources by argument or filename.\n"
                                          "Example resource specifications include:\n   '-f rsrc.yaml'\n   "
                                          "'--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n");
        const ResourceRegistry& reg = ctx.cluster.apiServer().resources();
        if (a.positional[0].find('/') != std::string::npos) {
            for (const std::string& p : a.positional) {
                size_t slash = p.find('/');
                const ResourceInfo* r = slash == std::string::npos ? nullptr : reg.lookup(p.substr(0, slash));
                if (!r)
                    return CommandResult::failure("error: the server doesn't have a resource type \"" +
                                                  p.substr(0, slash) + "\"\n");
                targets.emplace_back(r, p.substr(slash + 1));
                nsOf.push_back(ns);
            }
        } else {
            const ResourceInfo* r = reg.lookup(a.positional[0]);
            if (!r)
                return CommandResult::failure("error: the server doesn't have a resource type \"" + a.positional[0] + "\"\n");
            std::vector<std::string> names(a.positional.begin() + 1, a.positional.end());
            std::string selector = a.get("l", a.get("selector", ""));
            if (a.has("all") || !selector.empty()) {
                ListOptions lo;
                lo.labelSelector = selector;
                ApiResponse list = ctx.cluster.apiServer().list(*r, r->namespaced ? ns : "", lo);
                if (!list.ok())
                    return CommandResult::failure(serverErrorText(list.status));
                for (const Json& item : list.object["items"])
                    names.push_back(stringAt(item, "metadata.name"));
                if (names.empty()) {
                    res.err += r->namespaced ? "No resources found\n" : "No resources found\n";
                    return res;
                }
            } else if (names.empty()) {
                return CommandResult::failure("error: resource(s) were provided, but no name was specified\n");
            }
            for (const std::string& n : names) {
                targets.emplace_back(r, n);
                nsOf.push_back(ns);
            }
        }
    }
    for (size_t i = 0; i < targets.size(); ++i) {
        const ResourceInfo& r = *targets[i].first;
        const std::string& name = targets[i].second;
        ApiResponse resp = ctx.cluster.apiServer().remove(r, r.namespaced ? nsOf[i] : "", name, opts);
        if (!resp.ok()) {
            res.append(CommandResult::failure(serverErrorText(resp.status)));
            continue;
        }
        std::string printed = resourceName(r, name);
        printed = printed.substr(0, printed.find('/')) + " \"" + name + "\"";
        res.out += printed + (force ? " force deleted" : " deleted") + (opts.dryRun ? " (server dry run)" : "") + "\n";
    }
    ctx.cluster.runUntilIdle();
    return res;
}

}  // namespace kp::cli
