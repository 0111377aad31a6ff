// kubectl create -f: POST each manifest (fieldManager kubectl-create, fieldValidation Strict).
#include "cli/args.h"
#include "cli/kubectl/kubectl.h"

namespace kp::cli {

CommandResult applyOrCreateResolve(KubectlContext& ctx, const Manifest& m, const ResourceInfo*& r, std::string& ns);

CommandResult kubectlCreate(KubectlContext& ctx, const std::vector<std::string>& args) {
    std::string err;
    ParsedArgs a = parseArgs(args, {}, err);
    if (!err.empty())
        return CommandResult::failure("error: " + err + "\n");
    std::vector<std::string> files = a.getAll("f");
    for (const auto& f : a.getAll("filename"))
        files.push_back(f);
    if (files.empty())
        return CommandResult::failure(
            "error: must specify one of -f and -k\n\nerror: Unexpected args: []\nSee 'kubectl create -h' for help and examples\n");
    std::vector<Manifest> manifests;
    if (!readManifests(ctx, files, manifests, err))
        return CommandResult::failure(err);
    const std::string dryRun = a.get("dry-run", "none");
    CommandResult res;
    for (const Manifest& m : manifests) {
        const ResourceInfo* r = nullptr;
        std::string ns = a.get("n", a.get("namespace", ctx.defaultNamespace));
        if (CommandResult bad = applyOrCreateResolve(ctx, m, r, ns); bad.exitCode != 0) {
            res.append(bad);
            continue;
        }
        WriteOptions opts;
        opts.actor = opts.fieldManager = "kubectl-create";
        opts.fieldValidation = FieldValidation::Strict;
        opts.dryRun = dryRun == "server";
        std::string name = stringAt(m.object, "metadata.name");
        if (dryRun == "client") {
            res.out += resourceName(*r, name) + " created (dry run)\n";
            continue;
        }
        if (Status tooBig = checkBodySize(m.object); !tooBig.ok()) {
            res.append(CommandResult::failure(serverErrorText(tooBig, "error when creating \"" + m.source + "\": ")));
            continue;
        }
        ApiResponse resp = ctx.cluster.apiServer().create(*r, ns, m.object, opts);
        for (const auto& w : resp.warnings)
            res.err += "Warning: " + w + "\n";
        if (!resp.ok()) {
            res.append(CommandResult::failure(serverErrorText(resp.status, "error when creating \"" + m.source + "\": ")));
            continue;
        }
        res.out += resourceName(*r, stringAt(resp.object, "metadata.name")) + " created" +
                   (opts.dryRun ? " (server dry run)" : "") + "\n";
    }
    ctx.cluster.runUntilIdle();
    return res;
}

}  // namespace kp::cli
