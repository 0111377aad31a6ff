// kubectl create -f: POST each manifest (fieldManager kubectl-create, fieldValidation Strict).
// kubectl create <generator> NAME ...: the subcommands in create_<kind>.cpp.
#include <map>

#include "cli/args.h"
#include "cli/kubectl/create_generated.h"
#include "cli/kubectl/kubectl.h"

namespace kp::cli {
namespace {

using Subcommand = CommandResult (*)(KubectlContext&, const std::vector<std::string>&);

// Subcommands by name and alias (kubectl pkg/cmd/create/create.go NewCmdCreate).
const std::map<std::string, Subcommand>& subcommands() {
    static const std::map<std::string, Subcommand> table = {
        {"deployment", createDeployment}, {"deploy", createDeployment},
        {"namespace", createNamespace},   {"ns", createNamespace},
        {"configmap", createConfigMap},   {"cm", createConfigMap},
        {"secret", createSecret},         {"service", createService},
        {"svc", createService},           {"serviceaccount", createServiceAccount},
        {"sa", createServiceAccount},     {"job", createJob},
        {"cronjob", createCronJob},       {"cj", createCronJob},
        {"ingress", createIngress},       {"ing", createIngress},
    };
    return table;
}

// SIMPLIFICATION: generators kubeplay does not offer yet.
bool isUnsupportedGenerator(const std::string& word) {
    for (const char* g : {"clusterrole", "clusterrolebinding", "poddisruptionbudget", "pdb", "priorityclass", "pc",
                          "quota", "resourcequota", "role", "rolebinding", "token"})
        if (word == g)
            return true;
    return false;
}

// The first word that is not a flag or a flag's value: cobra's subcommand lookup.
size_t subcommandIndex(const std::vector<std::string>& args) {
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--")
            return args.size();
        if (a.empty() || a[0] != '-')
            return i;
        // Flags of `create` that take a separate value word.
        if (a.find('=') == std::string::npos &&
            (a == "-f" || a == "--filename" || a == "-n" || a == "--namespace" || a == "-o" || a == "--output" ||
             a == "-l" || a == "--selector" || a == "--context" || a == "--kubeconfig"))
            ++i;
    }
    return args.size();
}

}  // namespace


CommandResult kubectlCreate(KubectlContext& ctx, const std::vector<std::string>& args) {
    if (size_t at = subcommandIndex(args); at < args.size()) {
        std::vector<std::string> rest(args.begin(), args.begin() + static_cast<long>(at));
        rest.insert(rest.end(), args.begin() + static_cast<long>(at) + 1, args.end());
        if (auto it = subcommands().find(args[at]); it != subcommands().end())
            return it->second(ctx, rest);
        if (isUnsupportedGenerator(args[at]))
            return CommandResult::failure("error: kubectl create " + args[at] + " is not available in kubeplay yet\n");
    }
    std::string err;
    ParsedArgs a = parseArgs(args, {}, err);
    if (!err.empty())
        return CommandResult::failure("error: " + err + "\n");
    std::vector<std::string> files = a.getAll("f");
    for (const auto& f : a.getAll("filename"))
        files.push_back(f);
    if (!a.positional.empty()) {
        std::string list;
        for (const std::string& p : a.positional)
            list += (list.empty() ? "" : " ") + p;
        return CommandResult::failure("error: Unexpected args: [" + list +
                                      "]\nSee 'kubectl create -h' for help and examples\n");
    }
    if (files.empty())
        return CommandResult::failure("error: must specify one of -f and -k\n");
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
        if (res.out.empty() && !resp.warnings.empty())
            res.errBeforeOut = res.err.size();  // printed as the response arrives, before "created"
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
