// kubectl rollout: the subcommand table and the Deployment/ReplicaSet helpers the subcommands
// share. Upstream: kubectl pkg/cmd/rollout/rollout.go, pkg/util/deployment/deployment.go.
#include "cli/kubectl/rollout.h"

#include <algorithm>

#include "api/labels.h"
#include "api/owner_refs.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/help.h"

namespace kp::cli {
namespace {

constexpr const char* kHashLabel = "pod-template-hash";

// Drops nulls and empty maps/lists: Kubernetes' semantic equality treats nil and empty alike.
Json normalized(const Json& v) {
    if (v.is_object()) {
        Json out = Json::object();
        for (auto it = v.begin(); it != v.end(); ++it) {
            Json n = normalized(it.value());
            if (n.is_null() || ((n.is_object() || n.is_array()) && n.empty()))
                continue;
            out[it.key()] = std::move(n);
        }
        return out;
    }
    if (v.is_array()) {
        Json out = Json::array();
        for (const Json& e : v)
            out.push_back(normalized(e));
        return out;
    }
    return v;
}

}  // namespace

std::vector<Json> DeploymentReplicaSets::all() const {
    std::vector<Json> out = old;
    if (current)
        out.push_back(*current);
    return out;
}

int64_t revisionOf(const Json& object) {
    const Json* annotations = findPath(object, "metadata.annotations");
    if (!annotations || !annotations->contains("deployment.kubernetes.io/revision"))
        return 0;
    const std::string v = (*annotations)["deployment.kubernetes.io/revision"].get<std::string>();
    char* end = nullptr;
    long long n = std::strtoll(v.c_str(), &end, 10);
    return v.empty() || *end != '\0' ? 0 : n;
}

bool equalIgnoreHash(const Json& t1, const Json& t2) {
    Json a = t1, b = t2;
    for (Json* t : {&a, &b})
        if (Json* labels = &(*t)["metadata"]["labels"]; labels->is_object())
            labels->erase(kHashLabel);
    return normalized(a) == normalized(b);
}

DeploymentReplicaSets deploymentReplicaSets(KubectlContext& ctx, const Json& deployment) {
    DeploymentReplicaSets out;
    const ResourceInfo& rsInfo = *ctx.cluster.apiServer().resources().byKind("apps/v1", "ReplicaSet");
    ListOptions lo;
    const Json selector = findPath(deployment, "spec.selector") ? *findPath(deployment, "spec.selector") : Json();
    const std::string sel = labels::formatLabelSelector(selector);
    if (sel != "<none>" && sel != "<error>")
        lo.labelSelector = sel;
    ApiResponse list = ctx.cluster.apiServer().list(rsInfo, stringAt(deployment, "metadata.namespace"), lo);
    if (!list.ok()) {
        out.error = list.status.message();
        return out;
    }
    const std::string uid = stringAt(deployment, "metadata.uid");
    std::vector<Json> owned;
    for (const Json& rs : list.object.value("items", Json::array()))
        if (owner::isControlledBy(rs, uid))
            owned.push_back(rs);
    // FindNewReplicaSet looks at the oldest first (by creation time, then name).
    std::stable_sort(owned.begin(), owned.end(), [](const Json& a, const Json& b) {
        const std::string ta = stringAt(a, "metadata.creationTimestamp"), tb = stringAt(b, "metadata.creationTimestamp");
        return ta != tb ? ta < tb : stringAt(a, "metadata.name") < stringAt(b, "metadata.name");
    });
    const Json templ = findPath(deployment, "spec.template") ? *findPath(deployment, "spec.template") : Json::object();
    for (Json& rs : owned) {
        const Json* rsTemplate = findPath(rs, "spec.template");
        if (!out.current && rsTemplate && equalIgnoreHash(*rsTemplate, templ))
            out.current = std::move(rs);
        else
            out.old.push_back(std::move(rs));
    }
    return out;
}

CommandResult kubectlRollout(KubectlContext& ctx, const std::vector<std::string>& args) {
    size_t at = 0;
    while (at < args.size() && !args[at].empty() && args[at][0] == '-')
        ++at;
    if (at == args.size())
        return missingSubcommand("rollout");
    std::vector<std::string> rest(args.begin(), args.begin() + static_cast<long>(at));
    rest.insert(rest.end(), args.begin() + static_cast<long>(at) + 1, args.end());
    const std::string& sub = args[at];
    if (sub == "status")
        return rolloutStatus(ctx, rest);
    if (sub == "history")
        return rolloutHistory(ctx, rest);
    if (sub == "undo")
        return rolloutUndo(ctx, rest);
    if (sub == "pause")
        return rolloutPause(ctx, rest);
    if (sub == "resume")
        return rolloutResume(ctx, rest);
    if (sub == "restart")
        return rolloutRestart(ctx, rest);
    std::string words;
    for (const std::string& a : args)
        if (!a.empty() && a[0] != '-')
            words += (words.empty() ? "" : " ") + a;
    return usageErrorResult("kubectl rollout", "unknown command \"" + words + "\"");
}

}  // namespace kp::cli
