#include "api/resources.h"

#include <algorithm>
#include <cctype>

namespace kp {
namespace {

const std::vector<std::string> kAllVerbs = {"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"};
const std::vector<std::string> kSubVerbs = {"get", "patch", "update"};

SubresourceInfo statusOf(const std::string& group, const std::string& version, const std::string& kind) {
    return {"status", group, version, kind, kSubVerbs};
}
SubresourceInfo scaleSub() { return {"scale", "autoscaling", "v1", "Scale", kSubVerbs}; }

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

struct Builder {
    std::vector<ResourceInfo>& out;
    ResourceInfo& add(std::string group, std::string version, std::string kind, std::string resource, bool namespaced,
                      std::vector<std::string> shortNames = {}, std::vector<std::string> categories = {}) {
        ResourceInfo r;
        r.group = std::move(group);
        r.version = std::move(version);
        r.singular = lower(kind);
        r.kind = std::move(kind);
        r.resource = std::move(resource);
        r.namespaced = namespaced;
        r.shortNames = std::move(shortNames);
        r.categories = std::move(categories);
        r.verbs = kAllVerbs;
        out.push_back(std::move(r));
        return out.back();
    }
};

}  // namespace

bool ResourceInfo::hasSubresource(std::string_view name) const {
    return std::any_of(subresources.begin(), subresources.end(), [&](const auto& s) { return s.name == name; });
}

bool ResourceInfo::inCategory(std::string_view category) const {
    return std::find(categories.begin(), categories.end(), category) != categories.end();
}

ResourceRegistry::ResourceRegistry() {
    Builder b{resources_};
    const std::vector<std::string> all = {"all"};
    // Core group (v1). Upstream: pkg/controlplane/instance.go and each registry's ShortNames()/Categories().
    b.add("", "v1", "Binding", "bindings", true).verbs = {"create"};
    b.add("", "v1", "ComponentStatus", "componentstatuses", false, {"cs"}).verbs = {"get", "list"};
    b.add("", "v1", "ConfigMap", "configmaps", true, {"cm"});
    b.add("", "v1", "Endpoints", "endpoints", true, {"ep"});
    b.add("", "v1", "Event", "events", true, {"ev"});
    b.add("", "v1", "LimitRange", "limitranges", true, {"limits"});
    {
        auto& r = b.add("", "v1", "Namespace", "namespaces", false, {"ns"});
        r.verbs = {"create", "delete", "get", "list", "patch", "update", "watch"};
        r.subresources = {{"finalize", "", "v1", "Namespace", {"update"}}, statusOf("", "v1", "Namespace")};
    }
    {
        auto& r = b.add("", "v1", "Node", "nodes", false, {"no"});
        r.subresources = {{"proxy", "", "v1", "NodeProxyOptions", {"create", "delete", "get", "patch", "update"}},
                          statusOf("", "v1", "Node")};
    }
    b.add("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, {"pvc"}).subresources = {
        statusOf("", "v1", "PersistentVolumeClaim")};
    b.add("", "v1", "PersistentVolume", "persistentvolumes", false, {"pv"}).subresources = {
        statusOf("", "v1", "PersistentVolume")};
    {
        auto& r = b.add("", "v1", "Pod", "pods", true, {"po"}, all);
        r.subresources = {
            {"attach", "", "v1", "PodAttachOptions", {"create", "get"}},
            {"binding", "", "v1", "Binding", {"create"}},
            {"ephemeralcontainers", "", "v1", "Pod", kSubVerbs},
            {"eviction", "policy", "v1", "Eviction", {"create"}},
            {"exec", "", "v1", "PodExecOptions", {"create", "get"}},
            {"log", "", "v1", "Pod", {"get"}},
            {"portforward", "", "v1", "PodPortForwardOptions", {"create", "get"}},
            {"proxy", "", "v1", "PodProxyOptions", {"create", "delete", "get", "patch", "update"}},
            statusOf("", "v1", "Pod"),
        };
    }
    b.add("", "v1", "PodTemplate", "podtemplates", true);
    b.add("", "v1", "ReplicationController", "replicationcontrollers", true, {"rc"}, all).subresources = {
        scaleSub(), statusOf("", "v1", "ReplicationController")};
    b.add("", "v1", "ResourceQuota", "resourcequotas", true, {"quota"}).subresources = {
        statusOf("", "v1", "ResourceQuota")};
    b.add("", "v1", "Secret", "secrets", true);
    b.add("", "v1", "ServiceAccount", "serviceaccounts", true, {"sa"}).subresources = {
        {"token", "authentication.k8s.io", "v1", "TokenRequest", {"create"}}};
    b.add("", "v1", "Service", "services", true, {"svc"}, all).subresources = {
        {"proxy", "", "v1", "ServiceProxyOptions", {"create", "delete", "get", "patch", "update"}},
        statusOf("", "v1", "Service")};

    // apps/v1
    b.add("apps", "v1", "ControllerRevision", "controllerrevisions", true);
    b.add("apps", "v1", "DaemonSet", "daemonsets", true, {"ds"}, all).subresources = {
        statusOf("apps", "v1", "DaemonSet")};
    b.add("apps", "v1", "Deployment", "deployments", true, {"deploy"}, all).subresources = {
        scaleSub(), statusOf("apps", "v1", "Deployment")};
    b.add("apps", "v1", "ReplicaSet", "replicasets", true, {"rs"}, all).subresources = {
        scaleSub(), statusOf("apps", "v1", "ReplicaSet")};
    b.add("apps", "v1", "StatefulSet", "statefulsets", true, {"sts"}, all).subresources = {
        scaleSub(), statusOf("apps", "v1", "StatefulSet")};

    // events.k8s.io/v1
    b.add("events.k8s.io", "v1", "Event", "events", true, {"ev"});

    // autoscaling: v2 preferred, v1 also served.
    b.add("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, {"hpa"}, all)
        .subresources = {statusOf("autoscaling", "v2", "HorizontalPodAutoscaler")};
    {
        auto& r = b.add("autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, {"hpa"}, all);
        r.subresources = {statusOf("autoscaling", "v1", "HorizontalPodAutoscaler")};
        r.preferred = false;
    }

    // batch/v1
    b.add("batch", "v1", "CronJob", "cronjobs", true, {"cj"}, all).subresources = {statusOf("batch", "v1", "CronJob")};
    b.add("batch", "v1", "Job", "jobs", true, {}, all).subresources = {statusOf("batch", "v1", "Job")};

    // networking.k8s.io/v1
    b.add("networking.k8s.io", "v1", "IngressClass", "ingressclasses", false);
    b.add("networking.k8s.io", "v1", "Ingress", "ingresses", true, {"ing"}).subresources = {
        statusOf("networking.k8s.io", "v1", "Ingress")};
    b.add("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, {"netpol"});

    // policy/v1
    b.add("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, {"pdb"}).subresources = {
        statusOf("policy", "v1", "PodDisruptionBudget")};

    // rbac.authorization.k8s.io/v1
    b.add("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false);
    b.add("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false);
    b.add("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true);
    b.add("rbac.authorization.k8s.io", "v1", "Role", "roles", true);

    // storage.k8s.io/v1
    b.add("storage.k8s.io", "v1", "StorageClass", "storageclasses", false, {"sc"});

    // coordination.k8s.io/v1
    b.add("coordination.k8s.io", "v1", "Lease", "leases", true);

    // discovery.k8s.io/v1
    b.add("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true);

    // admissionregistration.k8s.io/v1 (webhook configurations)
    b.add("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", false);
    b.add("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations",
          false);

    // apiregistration.k8s.io/v1 (kube-aggregator)
    b.add("apiregistration.k8s.io", "v1", "APIService", "apiservices", false).subresources = {
        statusOf("apiregistration.k8s.io", "v1", "APIService")};
}

const ResourceRegistry& ResourceRegistry::builtin() {
    static const ResourceRegistry registry;
    return registry;
}

const ResourceInfo* ResourceRegistry::byGroupResource(std::string_view group, std::string_view resource) const {
    for (const auto& r : resources_)
        if (r.preferred && r.group == group && r.resource == resource)
            return &r;
    return nullptr;
}

const ResourceInfo* ResourceRegistry::byGroupResourceName(std::string_view groupResource) const {
    size_t dot = groupResource.find('.');
    if (dot == std::string_view::npos)
        return byGroupResource("", groupResource);
    return byGroupResource(groupResource.substr(dot + 1), groupResource.substr(0, dot));
}

const ResourceInfo* ResourceRegistry::byKind(std::string_view apiVersion, std::string_view kind) const {
    for (const auto& r : resources_)
        if (r.kind == kind && r.apiVersion() == apiVersion)
            return &r;
    return nullptr;
}

const ResourceInfo* ResourceRegistry::byKindAnyGroup(std::string_view kind) const {
    for (const auto& r : resources_)
        if (r.preferred && r.kind == kind)
            return &r;
    return nullptr;
}

const ResourceInfo* ResourceRegistry::lookup(std::string_view name) const {
    std::string wanted = lower(name);
    std::string group;
    std::string version;
    if (size_t dot = wanted.find('.'); dot != std::string::npos) {
        group = wanted.substr(dot + 1);
        wanted.resize(dot);
        // "deployments.v1.apps": a version before the group.
        if (size_t dot2 = group.find('.'); dot2 != std::string::npos && group[0] == 'v' &&
                                           std::isdigit(static_cast<unsigned char>(group[1]))) {
            version = group.substr(0, dot2);
            group = group.substr(dot2 + 1);
        }
    }
    auto groupMatches = [&](const ResourceInfo& r) {
        if (group.empty())
            return r.preferred;
        if (!version.empty())
            return r.group == group && r.version == version;
        return r.preferred && (r.group == group || (group == "core" && r.group.empty()));
    };
    // kubectl's RESTMapper prefers exact resource names, then singular/kind, then short names.
    for (const auto& r : resources_)
        if (groupMatches(r) && r.resource == wanted)
            return &r;
    for (const auto& r : resources_)
        if (groupMatches(r) && (r.singular == wanted || lower(r.kind) == wanted))
            return &r;
    for (const auto& r : resources_)
        if (groupMatches(r))
            for (const auto& s : r.shortNames)
                if (s == wanted)
                    return &r;
    return nullptr;
}

}  // namespace kp
