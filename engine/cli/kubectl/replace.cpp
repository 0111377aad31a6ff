// kubectl replace -f FILE: PUTs each manifest over the live object (the whole object is
// replaced; fields the file leaves out are gone). Without a resourceVersion in the file, kubectl
// reads the live one first, so the replace is unconditional ("deployment.apps/web replaced").
// --force deletes the objects, waits until they are gone, and creates them again.
// Upstream: kubectl pkg/cmd/replace/replace.go (Run, forceReplace), cli-runtime
// pkg/resource/helper.go#Replace (overwrite: copy the live resourceVersion).
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/kubectl.h"
#include "cli/kubectl/print_flags.h"

namespace kp::cli {


CommandResult kubectlReplace(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl replace");
    addDryRunFlag(flags);
    addPrintFlags(flags);
    flags.stringSlice("filename", "f")
        .boolean("force")
        .integer("grace-period", "", -1)
        .string("cascade", "", "background")
        .noOptDefault("cascade", "background")
        .duration("timeout", "", "0s")
        .boolean("wait")
        .boolean("save-config")
        .string("validate", "", "strict")
        .noOptDefault("validate", "strict")
        .string("field-manager", "", "kubectl-replace")
        .string("subresource")
        .string("raw")
        .boolean("recursive", "R")
        .string("kustomize", "k");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    DryRunStrategy dryRun;
    if (!getDryRunStrategy(ctx, flags, dryRun, res))
        return res;
    const std::vector<std::string> files = flags.list("filename");
    if (files.empty())
        return res.append(CommandResult::failure("error: must specify one of -f and -k\n"));
    if (!flags.args().empty()) {
        std::string list;
        for (const std::string& p : flags.args())
            list += (list.empty() ? "" : " ") + p;
        return res.append(
            CommandResult::failure("error: Unexpected args: [" + list + "]\nSee 'kubectl replace -h' for help and examples\n"));
    }
    const bool force = flags.on("force");
    if (flags.num("grace-period") >= 0 && !force)
        return res.append(CommandResult::failure("error: --grace-period must have --force specified\n"));
    if (flags.dur("timeout").ms != 0 && !force)
        return res.append(CommandResult::failure("error: --timeout must have --force specified\n"));
    if (force && dryRun != DryRunStrategy::None)
        return res.append(CommandResult::failure("error: --dry-run can not be used when --force is set\n"));
    std::vector<Manifest> manifests;
    std::string err;
    if (!readManifests(ctx, files, manifests, err))
        return res.append(CommandResult::failure(err));

    ApiServer& server = ctx.cluster.apiServer();
    const std::string ns0 = commandNamespace(ctx, flags);
    struct Target {
        const Manifest* manifest;
        const ResourceInfo* resource;
        std::string ns;
        std::string name;
    };
    std::vector<Target> targets;
    for (const Manifest& m : manifests) {
        const ResourceInfo* r = nullptr;
        std::string ns = ns0;
        if (CommandResult bad = applyOrCreateResolve(ctx, m, r, ns); bad.exitCode != 0) {
            res.append(bad);
            continue;
        }
        targets.push_back({&m, r, ns, stringAt(m.object, "metadata.name")});
    }

    WriteOptions opts;
    opts.actor = opts.fieldManager = flags.str("field-manager");
    opts.dryRun = dryRun == DryRunStrategy::Server;

    if (force) {
        // forceReplace: delete everything, wait until it is gone, then create.
        DeleteOptions del;
        del.actor = "kubectl";
        if (flags.num("grace-period") >= 0)
            del.gracePeriodSeconds = flags.num("grace-period");
        bool deletedAny = false;
        for (const Target& t : targets) {
            ApiResponse resp = server.remove(*t.resource, t.ns, t.name, del);
            if (!resp.ok()) {
                if (!resp.status.isNotFound())
                    return res.append(CommandResult::failure(serverErrorText(resp.status)));
                continue;
            }
            deletedAny = true;
            const std::string printed = resourceName(*t.resource, t.name);
            res.out += printed.substr(0, printed.find('/')) + " \"" + t.name + "\" deleted\n";
        }
        if (deletedAny) {
            // Wait (every second, up to 5 minutes) until each object is gone (finalizers, pods'
            // graceful termination).
            for (int i = 0; i < 300; ++i) {
                ctx.cluster.runUntilIdle();
                bool gone = true;
                for (const Target& t : targets)
                    gone = gone && !server.get(*t.resource, t.ns, t.name).ok();
                if (gone)
                    break;
                ctx.cluster.advance(Duration::seconds(1));
            }
        }
        for (const Target& t : targets) {
            Json obj = t.manifest->object;
            if (obj.contains("metadata"))
                obj["metadata"].erase("resourceVersion");
            ApiResponse resp = server.create(*t.resource, t.ns, obj, opts);
            if (!resp.ok())
                return res.append(CommandResult::failure(serverErrorText(resp.status)));
            Printer printer;
            if (!Printer::make(flags, "replaced", dryRun, printer, err))
                return res.append(CommandResult::failure(err));
            res.out += printer.print(resp.object, false);
        }
        ctx.cluster.runUntilIdle();
        return res;
    }

    for (const Target& t : targets) {
        Printer printer;
        if (!Printer::make(flags, "replaced", dryRun, printer, err))
            return res.append(CommandResult::failure(err));
        Json obj = t.manifest->object;
        if (dryRun == DryRunStrategy::Client) {
            res.out += printer.print(obj, false);
            continue;
        }
        const std::string context = "error when replacing \"" + t.manifest->source + "\": ";
        // Helper.Replace with overwrite: a file without resourceVersion takes the live one.
        if (stringAt(obj, "metadata.resourceVersion").empty()) {
            ApiResponse live = server.get(*t.resource, t.ns, t.name);
            if (!live.ok()) {
                res.append(CommandResult::failure(serverErrorText(live.status, context)));
                continue;
            }
            obj["metadata"]["resourceVersion"] = stringAt(live.object, "metadata.resourceVersion");
        }
        ApiResponse resp = server.update(*t.resource, t.ns, t.name, obj, opts);
        for (const auto& w : resp.warnings)
            res.err += "Warning: " + w + "\n";
        if (!resp.ok()) {
            res.append(CommandResult::failure(serverErrorText(resp.status, context)));
            continue;
        }
        res.out += printer.print(resp.object, false);
    }
    ctx.cluster.runUntilIdle();
    return res;
}

}  // namespace kp::cli
