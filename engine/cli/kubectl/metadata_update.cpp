#include "cli/kubectl/metadata_update.h"

#include "api/codec/go_format.h"
#include "api/codec/json_encode.h"
#include "apiserver/patch/json_merge_patch.h"
#include "cli/kubectl/cmd_util.h"

namespace kp::cli {
namespace {

bool isPair(const std::string& s) {
    return (s.find('=') != std::string::npos && s[0] != '=') || (s.size() > 1 && s.back() == '-');
}

// A mutation may report several problems, one per line; each is its own error.
void addErrors(ErrorList& errors, const std::string& lines) {
    size_t start = 0;
    while (start < lines.size()) {
        size_t nl = lines.find('\n', start);
        errors.plain(lines.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
        start = nl == std::string::npos ? lines.size() : nl + 1;
    }
}

}  // namespace

std::string splitResourcesAndPairs(const std::vector<std::string>& args, const std::string& pairType,
                                   std::vector<std::string>& resources, std::vector<std::string>& pairs) {
    bool foundPair = false;
    for (const std::string& s : args) {
        const bool pair = isPair(s);
        if (pair) {
            foundPair = true;
            pairs.push_back(s);
        } else if (foundPair) {
            return "all resources must be specified before " + pairType + " changes: " + s;
        } else {
            resources.push_back(s);
        }
    }
    return "";
}

bool findMetadataTargets(KubectlContext& ctx, const CommandFlags& flags, const std::vector<std::string>& resources,
                         ResourceResult& found, CommandResult& res) {
    ResourceQuery q;
    q.args = resources;
    q.ns = commandNamespace(ctx, flags);
    q.all = flags.on("all");
    q.labelSelector = flags.str("selector");
    found = resolveResources(ctx, q);
    if (!found.ok()) {
        res.append(CommandResult::failure(found.error));
        return false;
    }
    if (!found.singleItemImplied && !flags.str("resource-version").empty()) {
        res.append(errorResult("--resource-version may only be used with a single resource"));
        return false;
    }
    return true;
}

CommandResult runMetadataUpdate(KubectlContext& ctx, const MetadataUpdate& u, const ResourceResult& targets,
                                const Printer& printer, DryRunStrategy dryRun) {
    CommandResult res;
    ErrorList errors;
    for (const ResourceTarget& t : targets.targets) {
        Json obj = t.object;
        if (!u.resourceVersion.empty() && obj["metadata"].is_object())
            obj["metadata"].erase("resourceVersion");  // so that the patch always carries it
        const Json before = obj;
        const std::string oldData = codec::marshalJson(obj);
        Json output;
        std::string op;
        if (dryRun == DryRunStrategy::Client || u.list) {
            if (std::string e = u.mutate(obj); !e.empty()) {
                addErrors(errors, e);
                continue;
            }
            op = u.operation(oldData, codec::marshalJson(obj));
            output = obj;
        } else {
            if (u.reportMissing) {
                const Json* current = findPath(obj, "metadata." + u.field);
                for (const std::string& key : u.remove)
                    if (!current || !current->contains(key))
                        res.out += "label " + codec::quoteGo(key) + " not found.\n";
            }
            if (std::string e = u.mutate(obj); !e.empty()) {
                addErrors(errors, e);
                continue;
            }
            op = u.operation(oldData, codec::marshalJson(obj));
            Json patch = patch::createMergePatch(before, obj);
            WriteOptions opts;
            opts.actor = "kubectl";
            opts.fieldManager = u.fieldManager;
            opts.dryRun = dryRun == DryRunStrategy::Server;
            ApiResponse resp =
                ctx.cluster.apiServer().patch(*t.resource, t.ns, t.name, PatchType::MergePatch, patch.dump(), opts);
            if (!resp.ok()) {
                errors.api(serverErrorText(resp.status));
                continue;
            }
            output = resp.object;
        }
        if (u.list) {
            std::string indent;
            if (!targets.singleItemImplied) {
                indent = " ";
                const std::string apiVersion = stringAt(obj, "apiVersion");
                const size_t slash = apiVersion.find('/');
                res.out += u.listHeader + " " + stringAt(obj, "kind") + "." +
                           (slash == std::string::npos ? "" : apiVersion.substr(0, slash)) + "/" + t.name + ":\n";
            }
            // SIMPLIFICATION: kubectl walks a Go map (random order); kubeplay lists keys sorted.
            if (const Json* m = findPath(output, "metadata." + u.field); m && m->is_object())
                for (auto it = m->begin(); it != m->end(); ++it)
                    res.out += indent + it.key() + "=" + it.value().get<std::string>() + "\n";
            continue;
        }
        res.out += printer.print(u.printServerObject ? output : obj, op, false);
    }
    ctx.cluster.runUntilIdle();
    for (const std::string& e : targets.itemErrors)
        errors.api(e);
    return res.append(errors.result());
}

}  // namespace kp::cli
