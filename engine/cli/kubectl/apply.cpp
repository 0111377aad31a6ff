// kubectl apply -f (client-side apply): create with the last-applied-configuration annotation,
// or send the three-way strategic merge patch computed from last-applied, the new manifest and
// the live object; "unchanged" when that patch is empty.
// kubectl apply --server-side -f: the manifest is sent whole as an apply patch; the server merges
// it and tracks field ownership (conflicts with other managers are errors unless forced); every
// object prints "serverside-applied". Upstream: kubectl/pkg/cmd/apply.
#include "api/codec/json_encode.h"
#include "api/schema/schema.h"
#include "apiserver/patch/three_way_merge.h"
#include "cli/args.h"
#include "cli/kubectl/apply_prune.h"
#include "cli/kubectl/kubectl.h"

namespace kp::cli {
namespace {

constexpr const char* kLastApplied = "kubectl.kubernetes.io/last-applied-configuration";

// What kubectl adds to the server's 409 for an apply with conflicts.
constexpr const char* kConflictAdvice =
    "Please review the fields above--they currently have other managers. Here\n"
    "are the ways you can resolve this warning:\n"
    "* If you intend to manage all of these fields, please re-run the apply\n"
    "  command with the `--force-conflicts` flag.\n"
    "* If you do not intend to manage all of the fields, please edit your\n"
    "  manifest to remove references to the fields that should keep their\n"
    "  current managers.\n"
    "* You may co-own fields by updating your manifest to match the existing\n"
    "  value; in this case, you'll become the manager if the other manager(s)\n"
    "  stop managing the field (remove it from their configuration).\n"
    "See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts\n";

// client-go prints a response's warnings as it arrives, before kubectl prints what was done;
// errors wait for the end. While nothing went to stdout yet, the warnings `more` starts with
// come first on the terminal.
// SIMPLIFICATION: CommandResult keeps one stream boundary, so warnings for later objects are
// shown after the output.
void appendKeepingWarningsFirst(CommandResult& res, const CommandResult& more) {
    const bool noOutputYet = res.out.empty();
    const size_t before = res.err.size();
    res.append(more);
    if (!noOutputYet)
        return;
    size_t lead = 0;
    while (more.err.compare(lead, 9, "Warning: ") == 0) {
        const size_t eol = more.err.find('\n', lead);
        lead = eol == std::string::npos ? more.err.size() : eol + 1;
    }
    if (lead > 0)
        res.errBeforeOut = before + lead;
}

}  // namespace

// Resolves a manifest's resource and namespace, or returns kubectl's error for it.
CommandResult applyOrCreateResolve(KubectlContext& ctx, const Manifest& m, const ResourceInfo*& r, std::string& ns) {
    std::string apiVersion = stringAt(m.object, "apiVersion");
    std::string kind = stringAt(m.object, "kind");
    if (apiVersion.empty() || kind.empty()) {
        std::string missing;
        if (apiVersion.empty())
            missing += "apiVersion not set";
        if (kind.empty())
            missing += std::string(missing.empty() ? "" : ", ") + "kind not set";
        return CommandResult::failure("error: error validating \"" + m.source + "\": error validating data: [" +
                                      missing + "]; if you choose to ignore these errors, turn validation off with "
                                      "--validate=false\n");
    }
    r = ctx.cluster.apiServer().resources().byKind(apiVersion, kind);
    if (!r) {
        return CommandResult::failure("error: resource mapping not found for name: \"" +
                                      stringAt(m.object, "metadata.name") + "\" namespace: \"" +
                                      stringAt(m.object, "metadata.namespace") + "\" from \"" + m.source +
                                      "\": no matches for kind \"" + kind + "\" in version \"" + apiVersion +
                                      "\"\nensure CRDs are installed first\n");
    }
    std::string objNs = stringAt(m.object, "metadata.namespace");
    if (r->namespaced && !objNs.empty()) {
        if (!ns.empty() && ns != objNs && ns != ctx.defaultNamespace)
            return CommandResult::failure("error: the namespace from the provided object \"" + objNs +
                                          "\" does not match the namespace \"" + ns +
                                          "\". You must pass '--namespace=" + objNs + "' to perform this operation.\n");
        ns = objNs;
    }
    if (!r->namespaced)
        ns.clear();
    return {};
}

ApplyResult clientSideApply(KubectlContext& ctx, const Manifest& m, const ResourceInfo& r, const std::string& ns,
                            bool serverDryRun) {
    ApplyResult out;
    ApiServer& api = ctx.cluster.apiServer();
    const std::string name = stringAt(m.object, "metadata.name");

    // The configuration as kubectl records it: namespace filled in, annotations present.
    Json modified = m.object;
    if (r.namespaced)
        modified["metadata"]["namespace"] = ns;
    Json& annotations = modified["metadata"]["annotations"];
    if (!annotations.is_object())
        annotations = Json::object();
    annotations.erase(kLastApplied);
    const std::string lastApplied = codec::marshalJson(modified) + "\n";
    modified["metadata"]["annotations"][kLastApplied] = lastApplied;

    WriteOptions opts;
    opts.actor = opts.fieldManager = "kubectl-client-side-apply";
    opts.fieldValidation = FieldValidation::Strict;
    opts.dryRun = serverDryRun;

    ApiResponse live = api.get(r, ns, name);
    if (!live.ok() && !live.status.isNotFound()) {
        out.result = CommandResult::failure(serverErrorText(live.status));
        return out;
    }
    if (!live.ok()) {
        out.action = ApplyResult::Action::Create;
        if (ctx.clientDryRun)
            return out;
        if (Status tooBig = checkBodySize(modified); !tooBig.ok()) {
            out.result = CommandResult::failure(serverErrorText(tooBig, "error when creating \"" + m.source + "\": "));
            return out;
        }
        ApiResponse created = api.create(r, ns, modified, opts);
        for (const auto& w : created.warnings)
            out.result.err += "Warning: " + w + "\n";
        if (!created.ok()) {
            out.result.append(
                CommandResult::failure(serverErrorText(created.status, "error when creating \"" + m.source + "\": ")));
            return out;
        }
        out.object = std::move(created.object);
        return out;
    }
    out.live = live.object;

    Json original = nullptr;
    if (const Json* prev = findPath(live.object, std::string("metadata.annotations")); prev && prev->contains(kLastApplied)) {
        original = Json::parse((*prev)[kLastApplied].get<std::string>(), nullptr, false);
        if (original.is_discarded())
            original = nullptr;
    } else {
        out.result.err += "Warning: resource " + r.resource + "/" + name +
                          " is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is "
                          "required by kubectl apply. kubectl apply should only be used on resources created "
                          "declaratively by either kubectl create --save-config or kubectl apply. The missing "
                          "annotation will be patched automatically.\n";
    }
    const schema::StructDef* def = schema::Schema::builtin().kind(r.apiVersion(), r.kind);
    patch::PatchResult p = patch::createThreeWayMergePatch(original.is_null() ? Json::object() : original, modified,
                                                           live.object, def, true);
    if (!p.ok()) {
        out.result.append(CommandResult::failure("error: " + p.error.message + "\n"));
        return out;
    }
    if (p.value.empty()) {
        out.action = ApplyResult::Action::Unchanged;
        out.object = std::move(live.object);
        return out;
    }
    out.action = ApplyResult::Action::Configure;
    if (ctx.clientDryRun)
        return out;
    ApiResponse patched = api.patch(r, ns, name, PatchType::StrategicMergePatch, p.value.dump(), opts);
    for (const auto& w : patched.warnings)
        out.result.err += "Warning: " + w + "\n";
    if (!patched.ok()) {
        out.result.append(CommandResult::failure(
            serverErrorText(patched.status, "error when applying patch:\n" + p.value.dump() + "\n\nto:\n" +
                                                "Resource: \"" + r.group + "/" + r.version + ", Resource=" + r.resource +
                                                "\", GroupVersionKind: \"" + r.group + "/" + r.version +
                                                ", Kind=" + r.kind + "\"\nName: \"" + name + "\", Namespace: \"" +
                                                ns + "\"\nfor: \"" + m.source + "\": ")));
        return out;
    }
    out.object = std::move(patched.object);
    return out;
}

ApplyResult serverSideApply(KubectlContext& ctx, const Manifest& m, const ResourceInfo& r, const std::string& ns,
                            const ServerSideApplyOptions& options) {
    ApplyResult out;
    const std::string name = stringAt(m.object, "metadata.name");
    if (name.empty() && !stringAt(m.object, "metadata.generateName").empty()) {
        out.result = CommandResult::failure("error: from " + stringAt(m.object, "metadata.generateName") +
                                            ": cannot use generate name with apply\n");
        return out;
    }
    Json body = m.object;
    if (r.namespaced)
        body["metadata"]["namespace"] = ns;
    WriteOptions opts;
    opts.actor = opts.fieldManager = options.fieldManager;
    opts.fieldValidation = FieldValidation::Strict;
    opts.dryRun = options.dryRun;
    opts.force = options.force;
    ApiResponse applied = ctx.cluster.apiServer().patch(r, ns, name, PatchType::ApplyPatch, body.dump(), opts);
    for (const auto& w : applied.warnings)
        out.result.err += "Warning: " + w + "\n";
    if (!applied.ok()) {
        out.result.append(CommandResult::failure(serverErrorText(applied.status)));
        out.failure = applied.status;
        return out;
    }
    out.action = ApplyResult::Action::Configure;
    out.object = std::move(applied.object);
    return out;
}

CommandResult kubectlApply(KubectlContext& ctx, const std::vector<std::string>& args) {
    std::string err;
    ParsedArgs a = parseArgs(args, {"server-side", "force-conflicts", "prune", "all", "force"}, err);
    // SIMPLIFICATION: client-side apply records its fields as kubectl-client-side-apply whatever
    // --field-manager says.
    if (!err.empty())
        return CommandResult::failure("error: " + err + "\n");
    std::vector<std::string> files = a.getAll("f");
    for (const auto& f : a.getAll("filename"))
        files.push_back(f);
    if (files.empty())
        return CommandResult::failure("error: must specify one of -f and -k\n");
    std::vector<Manifest> manifests;
    if (!readManifests(ctx, files, manifests, err))
        return CommandResult::failure(err);

    const std::string dryRun = a.get("dry-run", "none");
    const std::string suffix = dryRun == "client" ? " (dry run)" : dryRun == "server" ? " (server dry run)" : "";
    const bool serverSide = a.on("server-side");
    if (a.on("force-conflicts") && !serverSide)
        return CommandResult::failure("error: --force-conflicts only works with --server-side\n");
    if (serverSide && dryRun == "client")
        return CommandResult::failure(
            "error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n");
    PruneRequest prune;
    prune.enabled = a.on("prune");
    prune.selector = a.get("l", a.get("selector", ""));
    prune.all = a.on("all");
    prune.dryRun = dryRun;
    if (std::string bad = pruneValidationError(prune, a.on("force"), serverSide); !bad.empty())
        return CommandResult::failure("error: " + bad + "\n");
    if (a.has("n") || a.has("namespace"))
        prune.namespaces.insert(a.get("n", a.get("namespace", "")));
    ServerSideApplyOptions ssa;
    ssa.fieldManager = a.get("field-manager", "kubectl");
    ssa.force = a.on("force-conflicts");
    ssa.dryRun = dryRun == "server";
    ctx.clientDryRun = dryRun == "client";
    CommandResult res;
    for (const Manifest& m : manifests) {
        const ResourceInfo* r = nullptr;
        std::string ns = a.get("n", a.get("namespace", ctx.defaultNamespace));
        if (CommandResult bad = applyOrCreateResolve(ctx, m, r, ns); bad.exitCode != 0) {
            res.append(bad);
            continue;
        }
        if (serverSide) {
            // SIMPLIFICATION: objects last applied client-side are not migrated to server-side
            // ownership (kubectl's csaupgrade): kubectl-client-side-apply keeps its fields.
            ApplyResult applied = serverSideApply(ctx, m, *r, ns, ssa);
            if (applied.failure.isConflict())
                applied.result = CommandResult::failure("error: " + applied.failure.message() + "\n" + kConflictAdvice);
            appendKeepingWarningsFirst(res, applied.result);
            if (applied.result.exitCode == 0)
                res.out += resourceName(*r, stringAt(m.object, "metadata.name")) + " serverside-applied" + suffix + "\n";
            continue;
        }
        ApplyResult applied = clientSideApply(ctx, m, *r, ns, dryRun == "server");
        appendKeepingWarningsFirst(res, applied.result);
        if (applied.result.exitCode != 0)
            continue;
        const char* verb = applied.action == ApplyResult::Action::Create      ? " created"
                           : applied.action == ApplyResult::Action::Configure ? " configured"
                                                                                  : " unchanged";
        res.out += resourceName(*r, stringAt(m.object, "metadata.name")) + verb + suffix + "\n";
        if (r->namespaced)
            prune.namespaces.insert(ns);
        prune.appliedUids.insert(stringAt(applied.object, "metadata.uid"));
    }
    if (prune.enabled)
        res.append(pruneApplied(ctx, prune));
    ctx.clientDryRun = false;
    ctx.cluster.runUntilIdle();
    return res;
}

}  // namespace kp::cli
