// kubectl set image|env|resources: the subcommand table and what they share.
// Upstream: kubectl pkg/cmd/set/set.go, helper.go (selectString, CalculatePatch),
// pkg/polymorphichelpers/updatepodspec.go.
#include "api/schema/schema.h"
#include "apiserver/patch/three_way_merge.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/help.h"
#include "cli/kubectl/set_common.h"

namespace kp::cli {

Json* podSpecOf(Json& obj, std::string& error) {
    const std::string kind = stringAt(obj, "kind");
    const char* path = nullptr;
    if (kind == "Pod")
        path = "spec";
    else if (kind == "ReplicationController" || kind == "Deployment" || kind == "DaemonSet" || kind == "ReplicaSet" ||
             kind == "StatefulSet" || kind == "Job")
        path = "spec.template.spec";
    else if (kind == "CronJob")
        path = "spec.jobTemplate.spec.template.spec";
    if (!path) {
        const std::string apiVersion = stringAt(obj, "apiVersion");
        const std::string version = apiVersion.substr(apiVersion.find('/') == std::string::npos ? 0 : apiVersion.find('/') + 1);
        error = "the object is not a pod or does not have a pod template: *" + version + "." + kind;
        return nullptr;
    }
    return &ensureObject(obj, path);
}

bool selectContainer(const std::string& s, const std::string& spec) {
    if (spec == "*")
        return true;
    if (spec.find('*') == std::string::npos)
        return s == spec;
    // Parts between '*' must appear in order; the first anchors the start, the last the end.
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        size_t star = spec.find('*', start);
        parts.push_back(spec.substr(start, star == std::string::npos ? std::string::npos : star - start));
        if (star == std::string::npos)
            break;
        start = star + 1;
    }
    size_t pos = 0;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].empty())
            continue;
        size_t next = s.find(parts[i], pos);
        if (next == std::string::npos || (i == 0 && next != 0) ||
            (i + 1 == parts.size() && next + parts[i].size() != s.size()))
            return false;
        pos = next + parts[i].size();
    }
    return true;
}

Json calculatePatch(const Json& before, const Json& after) {
    const schema::StructDef* def =
        schema::Schema::builtin().kind(stringAt(before, "apiVersion"), stringAt(before, "kind"));
    patch::PatchResult p = patch::createTwoWayMergePatch(before, after, def);
    return p.ok() ? p.value : Json::object();
}

std::string sendSetPatch(KubectlContext& ctx, const ResourceTarget& t, const Json& patch, DryRunStrategy dryRun,
                         const std::string& fieldManager, Json& result) {
    WriteOptions opts;
    opts.actor = "kubectl";
    opts.fieldManager = fieldManager;
    opts.dryRun = dryRun == DryRunStrategy::Server;
    ApiResponse resp = ctx.cluster.apiServer().patch(*t.resource, t.ns, t.name, PatchType::StrategicMergePatch,
                                                     patch.dump(), opts);
    if (!resp.ok())
        return resp.status.message();
    result = resp.object;
    return "";
}

std::string infoObjectName(const ResourceTarget& t) { return t.resource->resource + "/" + t.name; }

void addSetFlags(CommandFlags& flags) {
    addPrintFlags(flags);
    addDryRunFlag(flags);
    flags.boolean("all").string("selector", "l").boolean("local").stringSlice("filename", "f");
    flags.boolean("recursive", "R").string("kustomize", "k").boolean("record");
    flags.string("field-manager", "", "kubectl-set");
}

CommandResult kubectlSet(KubectlContext& ctx, const std::vector<std::string>& args) {
    size_t at = 0;
    while (at < args.size() && !args[at].empty() && args[at][0] == '-')
        ++at;
    if (at == args.size())
        return missingSubcommand("set");
    std::vector<std::string> rest(args.begin(), args.begin() + static_cast<long>(at));
    rest.insert(rest.end(), args.begin() + static_cast<long>(at) + 1, args.end());
    if (args[at] == "image")
        return setImage(ctx, rest);
    if (args[at] == "env")
        return setEnv(ctx, rest);
    if (args[at] == "resources")
        return setResources(ctx, rest);
    if (args[at] == "selector" || args[at] == "serviceaccount" || args[at] == "sa" || args[at] == "subject")
        return CommandResult::failure("error: kubectl set " + args[at] + " is not available in kubeplay yet\n");
    std::string words;
    for (const std::string& a : args)
        if (!a.empty() && a[0] != '-')
            words += (words.empty() ? "" : " ") + a;
    return usageErrorResult("kubectl set", "unknown command \"" + words + "\"");
}

}  // namespace kp::cli
