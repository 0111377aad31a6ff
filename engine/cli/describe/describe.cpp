#include "cli/describe/describe.h"

#include "api/labels.h"
#include "cli/args.h"

namespace kp::cli {

CommandResult kubectlDescribe(KubectlContext& ctx, const std::vector<std::string>& args) {
    std::string err;
    ParsedArgs a = parseArgs(args, {"A", "all-namespaces", "show-events"}, err);
    if (!err.empty())
        return CommandResult::failure("error: " + err + "\n");
    if (a.positional.empty())
        return CommandResult::failure(
            "error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of "
            "supported resources.\n");
    const bool allNamespaces = a.has("A") || a.has("all-namespaces");
    const std::string ns = a.get("n", a.get("namespace", ctx.defaultNamespace));
    const std::string selector = a.get("l", a.get("selector", ""));
    const ResourceRegistry& reg = ctx.cluster.apiServer().resources();

    // (resource, name) pairs: "pod/x" forms, or TYPE [NAME...].
    std::vector<std::pair<const ResourceInfo*, std::string>> targets;
    std::string typeArg;
    if (a.positional[0].find('/') != std::string::npos) {
        for (const std::string& p : a.positional) {
            size_t slash = p.find('/');
            const ResourceInfo* r = slash == std::string::npos ? nullptr : reg.lookup(p.substr(0, slash));
            if (!r)
                return CommandResult::failure("error: the server doesn't have a resource type \"" + p.substr(0, slash) + "\"\n");
            targets.push_back({r, p.substr(slash + 1)});
        }
    } else {
        typeArg = a.positional[0];
        const ResourceInfo* r = reg.lookup(typeArg);
        if (!r)
            return CommandResult::failure("error: the server doesn't have a resource type \"" + typeArg + "\"\n");
        for (size_t i = 1; i < a.positional.size(); ++i)
            targets.push_back({r, a.positional[i]});
        if (targets.empty())
            targets.push_back({r, ""});
    }

    CommandResult res;
    bool first = true;
    auto emit = [&](const std::string& page, bool matching) {
        if (matching) {
            res.out += page + "\n";
            return;
        }
        res.out += first ? page : "\n\n" + page;
        first = false;
    };
    bool any = false;
    for (const auto& [r, name] : targets) {
        const std::string objNs = r->namespaced ? ns : "";
        if (!name.empty()) {
            ApiResponse got = ctx.cluster.apiServer().get(*r, objNs, name);
            if (got.ok()) {
                emit(describe::describeObject(ctx.cluster, *r, got.object), false);
                any = true;
                continue;
            }
            // One TYPE NAME that does not exist: describe every object whose name starts with it.
            if (got.status.isNotFound() && a.positional.size() == 2 && !typeArg.empty()) {
                bool found = false;
                for (const ObjectPtr& o : ctx.cluster.store().list(r->groupResource(), objNs))
                    if (stringAt(*o, "metadata.name").rfind(name, 0) == 0) {
                        emit(describe::describeObject(ctx.cluster, *r, *o), true);
                        found = true;
                    }
                if (found)
                    continue;
            }
            res.err += serverErrorText(got.status);
            res.exitCode = 1;
            continue;
        }
        std::string error;
        auto sel = labels::Selector::parse(selector, &error);
        if (!sel) {
            res.err += "error: " + error + "\n";
            res.exitCode = 1;
            continue;
        }
        for (const ObjectPtr& o : ctx.cluster.store().list(r->groupResource(), allNamespaces ? "" : objNs)) {
            if (!sel->matchesLabelsOf(*o))
                continue;
            emit(describe::describeObject(ctx.cluster, *r, *o), false);
            any = true;
        }
    }
    if (!any && res.exitCode == 0 && res.out.empty())
        res.err += allNamespaces ? "No resources found\n" : "No resources found in " + ns + " namespace.\n";
    return res;
}

}  // namespace kp::cli
