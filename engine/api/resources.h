// Resource discovery table: every built-in resource kubeplay serves, with the names, scope,
// short names, categories, verbs and subresources that Kubernetes v1.32's discovery lists.
// kubectl resolves `po`, `deploy`, `svc`, `all` ... from exactly this data.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kp {

struct SubresourceInfo {
    std::string name;          // "status", "scale", "log", ...
    std::string group;         // response kind's group ("autoscaling" for scale)
    std::string version;
    std::string kind;          // response kind ("Scale", "Pod", ...)
    std::vector<std::string> verbs;
};

struct ResourceInfo {
    std::string group;         // "" for the core group
    std::string version;       // "v1"
    std::string kind;          // "Deployment"
    std::string resource;      // plural: "deployments"
    std::string singular;      // "deployment"
    bool namespaced = true;
    std::vector<std::string> shortNames;
    std::vector<std::string> categories;
    std::vector<std::string> verbs;
    std::vector<SubresourceInfo> subresources;
    bool preferred = true;     // the group's preferred version serves this resource

    std::string apiVersion() const { return group.empty() ? version : group + "/" + version; }
    // "deployments.apps" or "pods": the form used in error messages and RBAC.
    std::string groupResource() const { return group.empty() ? resource : resource + "." + group; }
    // "Deployment.apps" or "Pod": the form used in 422 Invalid messages.
    std::string groupKind() const { return group.empty() ? kind : kind + "." + group; }
    bool hasSubresource(std::string_view name) const;
    bool inCategory(std::string_view category) const;
};

class ResourceRegistry {
public:
    static const ResourceRegistry& builtin();

    // All resources in discovery order (core first, then groups by priority).
    const std::vector<ResourceInfo>& all() const { return resources_; }

    const ResourceInfo* byGroupResource(std::string_view group, std::string_view resource) const;
    // By the "pods" / "deployments.apps" form (ResourceInfo::groupResource()).
    const ResourceInfo* byGroupResourceName(std::string_view groupResource) const;
    // Preferred-version entry for a kind in a group version ("apps/v1", "Deployment").
    const ResourceInfo* byKind(std::string_view apiVersion, std::string_view kind) const;
    // Preferred-version entry for a kind in any group ("Deployment"), first in discovery order.
    const ResourceInfo* byKindAnyGroup(std::string_view kind) const;
    // What kubectl accepts as a resource argument: plural, singular, short name, kind
    // (case-insensitive), optionally qualified "deployments.apps" / "deploy.apps" or
    // "deployments.v1.apps". Returns nullptr when nothing matches.
    const ResourceInfo* lookup(std::string_view name) const;

private:
    ResourceRegistry();
    std::vector<ResourceInfo> resources_;
};

}  // namespace kp
