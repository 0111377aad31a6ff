// kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json] [--subresource status|scale].
#include "cli/args.h"
#include "cli/kubectl/kubectl.h"

namespace kp::cli {

CommandResult kubectlPatch(KubectlContext& ctx, const std::vector<std::string>& args) {
    std::string err;
    ParsedArgs a = parseArgs(args, {}, err);
    if (!err.empty())
        return CommandResult::failure("error: " + err + "\n");
    std::string body = a.get("p", a.get("patch", ""));
    if (body.empty())
        return CommandResult::failure("error: must specify -p to patch\n");
    std::string type = a.get("type", "strategic");
    PatchType pt;
    if (type == "strategic")
        pt = PatchType::StrategicMergePatch;
    else if (type == "merge")
        pt = PatchType::MergePatch;
    else if (type == "json")
        pt = PatchType::JsonPatch;
    else
        return CommandResult::failure("error: --type must be one of [json merge strategic], not \"" + type + "\"\n");
    const ResourceRegistry& reg = ctx.cluster.apiServer().resources();
    const ResourceInfo* r = nullptr;
    std::string name;
    if (!a.positional.empty() && a.positional[0].find('/') != std::string::npos) {
        size_t slash = a.positional[0].find('/');
        r = reg.lookup(a.positional[0].substr(0, slash));
        name = a.positional[0].substr(slash + 1);
    } else if (a.positional.size() >= 2) {
        r = reg.lookup(a.positional[0]);
        name = a.positional[1];
    } else {
        return CommandResult::failure("error: you must specify a type and name\n");
    }
    if (!r)
        return CommandResult::failure("error: the server doesn't have a resource type \"" + a.positional[0] + "\"\n");
    const std::string ns = r->namespaced ? a.get("n", a.get("namespace", ctx.defaultNamespace)) : "";
    ApiResponse before = ctx.cluster.apiServer().get(*r, ns, name);
    if (!before.ok())
        return CommandResult::failure(serverErrorText(before.status));
    WriteOptions opts;
    opts.actor = opts.fieldManager = "kubectl-patch";
    opts.fieldValidation = FieldValidation::Strict;
    ApiResponse resp = ctx.cluster.apiServer().patch(*r, ns, name, pt, body, opts, a.get("subresource", ""));
    if (!resp.ok())
        return CommandResult::failure(serverErrorText(resp.status));
    bool unchanged = stringAt(resp.object, "metadata.resourceVersion") == stringAt(before.object, "metadata.resourceVersion");
    ctx.cluster.runUntilIdle();
    return {0, resourceName(*r, name) + " patched" + (unchanged ? " (no change)" : "") + "\n", ""};
}

}  // namespace kp::cli
