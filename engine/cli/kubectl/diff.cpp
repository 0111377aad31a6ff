// kubectl diff -f FILE [--server-side]: what `kubectl apply -f FILE` would change. Each object is
// written twice as YAML, as it is now (LIVE) and as the server answers a dry run of the apply
// (MERGED; client-side or server-side apply), and the two folders are compared with `diff -u -N`. Exit 0: no differences, 1: differences, >1: an error.
// Upstream: kubectl pkg/cmd/diff/diff.go (Differ, InfoObject.Merged, Masker, DiffProgram).
#include <algorithm>

#include "api/codec/yaml_encode.h"
#include "base/json_text.h"
#include "base/time.h"
#include "cli/args.h"
#include "cli/kubectl/kubectl.h"
#include "cli/unified_diff.h"

namespace kp::cli {
namespace {

// kubectl's errors from diff exit with their usual code plus one, so that 1 keeps meaning
// "differences found".
CommandResult diffError(CommandResult r) {
    if (r.exitCode != 0)
        r.exitCode += 1;
    return r;
}

// InfoObject.Name: "apps.v1.Deployment.default.web", "v1.Namespace..demo".
std::string fileName(const ResourceInfo& r, const std::string& ns, const std::string& name) {
    return (r.group.empty() ? "" : r.group + ".") + r.version + "." + r.kind + "." + ns + "." + name;
}

Json withoutManagedFields(Json obj) {
    if (obj.is_object() && obj.contains("metadata") && obj["metadata"].is_object())
        obj["metadata"].erase("managedFields");
    return obj;
}

// Masker: Secret data never reaches the terminal; a changed key shows as before/after.
void maskSecretData(Json& from, Json& to) {
    Json* fromData = from.is_object() && from.contains("data") && from["data"].is_object() ? &from["data"] : nullptr;
    Json* toData = to.is_object() && to.contains("data") && to["data"].is_object() ? &to["data"] : nullptr;
    if (fromData) {
        for (auto& [key, value] : fromData->items()) {
            if (toData && toData->contains(key)) {
                if ((*toData)[key] != value) {
                    (*toData)[key] = "*** (after)";
                    value = "*** (before)";
                    continue;
                }
                (*toData)[key] = "***";
            }
            value = "***";
        }
    }
    if (toData)
        for (auto& [key, value] : toData->items())
            if (!fromData || !fromData->contains(key))
                value = "***";
}

// os.MkdirTemp("", "LIVE-"): the prefix and a random number.
std::string tempDir(Rng& rng, const std::string& prefix) {
    return "/tmp/" + prefix + "-" + std::to_string(static_cast<uint32_t>(rng.next() >> 32));
}

}  // namespace

CommandResult kubectlDiff(KubectlContext& ctx, const std::vector<std::string>& args) {
    std::string err;
    ParsedArgs a = parseArgs(args, {"server-side", "force-conflicts", "show-managed-fields", "show-secrets", "prune", "R",
                                    "recursive"},
                             err);
    if (!err.empty())
        return diffError(CommandResult::failure("error: " + err + "\nSee 'kubectl diff -h' for help and examples\n"));
    std::vector<std::string> files = a.getAll("f");
    for (const auto& f : a.getAll("filename"))
        files.push_back(f);
    if (files.empty())
        return diffError(CommandResult::failure("error: must specify one of -f and -k\n"));
    const bool serverSide = a.on("server-side");
    if (a.on("force-conflicts") && !serverSide)
        return diffError(CommandResult::failure("error: --force-conflicts only works with --server-side\n"));
    ServerSideApplyOptions ssa;
    ssa.fieldManager = a.get("field-manager", "kubectl");
    ssa.force = a.on("force-conflicts");
    ssa.dryRun = true;
    std::vector<Manifest> manifests;
    if (!readManifests(ctx, files, manifests, err))
        return diffError(CommandResult::failure(err));
    const bool showManagedFields = a.on("show-managed-fields");
    const bool showSecrets = a.on("show-secrets");

    struct Pair {
        std::string name;
        std::string live, merged;  // YAML; "" for an absent side
    };
    std::vector<Pair> pairs;
    CommandResult res;
    for (const Manifest& m : manifests) {
        const ResourceInfo* r = nullptr;
        std::string ns = a.get("n", a.get("namespace", ctx.defaultNamespace));
        if (CommandResult bad = applyOrCreateResolve(ctx, m, r, ns); bad.exitCode != 0)
            return diffError(res.append(bad));
        // MERGED: what the server answers a dry run of the apply, client-side or server-side.
        ApplyResult applied = serverSide ? serverSideApply(ctx, m, *r, ns, ssa)
                                         : clientSideApply(ctx, m, *r, ns, /*serverDryRun=*/true);
        if (serverSide && applied.result.exitCode == 0)
            if (ApiResponse live = ctx.cluster.apiServer().get(*r, ns, stringAt(m.object, "metadata.name")); live.ok())
                applied.live = std::move(live.object);
        res.err += applied.result.err;
        if (applied.result.exitCode != 0) {
            res.exitCode = applied.result.exitCode;
            return diffError(res);
        }
        Json live = applied.live, merged = applied.object;
        if (!showManagedFields) {
            live = withoutManagedFields(std::move(live));
            merged = withoutManagedFields(std::move(merged));
        } else {  // their packed field sets (base/json_text.h), the only packed part of an object
            expandPackedJsonText(live);
            expandPackedJsonText(merged);
        }
        if (!showSecrets && r->group.empty() && r->kind == "Secret")
            maskSecretData(live, merged);
        pairs.push_back({fileName(*r, ns, stringAt(m.object, "metadata.name")),
                         live.is_null() ? "" : codec::toYamlText(live), codec::toYamlText(merged)});
    }

    // diff -u -N LIVE MERGED: the folders' files in name order.
    std::sort(pairs.begin(), pairs.end(), [](const Pair& x, const Pair& y) { return x.name < y.name; });
    const std::string liveDir = tempDir(ctx.cluster.rng(), "LIVE");
    const std::string mergedDir = tempDir(ctx.cluster.rng(), "MERGED");
    const std::string written = diffTime(ctx.cluster.now());
    const std::string absent = "1970-01-01 00:00:00.000000000 +0000";  // -N: a missing file is empty
    bool differ = false;
    for (const Pair& p : pairs) {
        const std::string from = liveDir + "/" + p.name, to = mergedDir + "/" + p.name;
        std::string section = unifiedDiff(from, p.live.empty() ? absent : written, p.live, to, written, p.merged);
        if (section.empty())
            continue;
        differ = true;
        res.out += "diff -u -N " + from + " " + to + "\n" + section;
    }
    if (differ) {
        // diff's exit status 1 comes back as kubectl's own.
        res.exitCode = 1;
    }
    return res;
}

}  // namespace kp::cli
