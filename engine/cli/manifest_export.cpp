#include "cli/manifest_export.h"

#include <algorithm>
#include <set>

#include "api/codec/yaml_encode.h"

namespace kp::cli {
namespace {

const std::set<std::string> kSystemNamespaces = {"kube-system",          "kube-public", "kube-node-lease",
                                                 "kubernetes-dashboard", "ingress-nginx"};
// Made by the cluster, not by the learner, wherever they are.
const std::set<std::string> kGeneratedResources = {"events",          "events.events.k8s.io", "endpoints",
                                                   "endpointslices.discovery.k8s.io", "leases.coordination.k8s.io",
                                                   "controllerrevisions.apps"};
// Applied first, so that what uses them exists (kubectl apply -f keeps the file's order).
const std::vector<std::string> kFirst = {"namespaces", "serviceaccounts", "secrets", "configmaps",
                                         "persistentvolumeclaims"};

// metadata.labels[key] / metadata.annotations[key] (keys have dots, so no dotted path).
std::string metaEntry(const Json& obj, const char* map, const std::string& key) {
    const Json* m = findPath(obj, std::string("metadata.") + map);
    if (!m || !m->is_object() || !m->contains(key) || !(*m)[key].is_string())
        return "";
    return (*m)[key].get<std::string>();
}

bool systemMade(const ResourceInfo& r, const Json& obj) {
    const std::string name = stringAt(obj, "metadata.name");
    const std::string ns = stringAt(obj, "metadata.namespace");
    if (r.resource == "namespaces")
        return name == "default" || kSystemNamespaces.count(name) > 0;
    if (kSystemNamespaces.count(ns) || !metaEntry(obj, "labels", "addonmanager.kubernetes.io/mode").empty())
        return true;
    if (const Json* owners = findPath(obj, "metadata.ownerReferences"); owners && !owners->empty())
        return true;
    return (r.resource == "services" && ns == "default" && name == "kubernetes") ||
           (r.resource == "serviceaccounts" && name == "default") ||
           (r.resource == "configmaps" && name == "kube-root-ca.crt") ||
           (r.resource == "secrets" && stringAt(obj, "type") == "kubernetes.io/service-account-token");
}

Json clean(const ResourceInfo& r, const Json& obj) {
    const std::string ns = stringAt(obj, "metadata.namespace");
    const std::string lastApplied =
        metaEntry(obj, "annotations", "kubectl.kubernetes.io/last-applied-configuration");
    if (!lastApplied.empty()) {
        Json applied = Json::parse(lastApplied, nullptr, false);
        if (applied.is_object()) {
            if (r.namespaced && !ns.empty())
                applied["metadata"]["namespace"] = ns;
            return applied;
        }
    }
    Json out = obj;
    out.erase("status");
    Json& meta = out["metadata"];
    for (const char* field : {"uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
                              "selfLink", "finalizers", "deletionTimestamp", "deletionGracePeriodSeconds"})
        meta.erase(field);
    if (meta.contains("annotations")) {
        meta["annotations"].erase("deployment.kubernetes.io/revision");
        if (meta["annotations"].empty())
            meta.erase("annotations");
    }
    Json& spec = out["spec"];
    if (!spec.is_object()) {
        out.erase("spec");
        return out;
    }
    if (r.resource == "services") {
        // Allocated by this cluster; a fresh one allocates its own.
        spec.erase("clusterIP");
        spec.erase("clusterIPs");
    } else if (r.resource == "pods") {
        spec.erase("nodeName");
        // The ServiceAccount admission plugin added the token volume and its mounts.
        auto injected = [](const Json& v) { return v.value("name", "").rfind("kube-api-access-", 0) == 0; };
        if (spec.contains("volumes")) {
            Json kept = Json::array();
            for (const Json& v : spec["volumes"])
                if (!injected(v))
                    kept.push_back(v);
            spec["volumes"] = kept;
            if (kept.empty())
                spec.erase("volumes");
        }
        for (const char* list : {"initContainers", "containers"}) {
            if (!spec.contains(list))
                continue;
            for (Json& c : spec[list]) {
                if (!c.contains("volumeMounts"))
                    continue;
                Json kept = Json::array();
                for (const Json& m : c["volumeMounts"])
                    if (!injected(m))
                        kept.push_back(m);
                c["volumeMounts"] = kept;
                if (kept.empty())
                    c.erase("volumeMounts");
            }
        }
    } else if (r.resource == "persistentvolumeclaims") {
        spec.erase("volumeName");
    } else if (r.resource == "jobs" && spec.value("manualSelector", false) == false) {
        // The apiserver generated the selector and the template's labels from the Job's uid.
        spec.erase("selector");
        // An unlabeled Job shows those labels on itself too (copied by defaulting): not the learner's.
        Json& labels = ensureObject(spec, "template.metadata.labels");
        Json& own = ensureObject(out, "metadata.labels");
        for (const char* key : {"controller-uid", "batch.kubernetes.io/controller-uid", "job-name",
                                "batch.kubernetes.io/job-name"}) {
            labels.erase(key);
            own.erase(key);
        }
        if (own.empty())
            out["metadata"].erase("labels");
    }
    return out;
}

}  // namespace

std::string exportManifests(Cluster& cluster) {
    const ResourceRegistry& registry = cluster.apiServer().resources();
    std::vector<const ResourceInfo*> order;
    for (const std::string& name : kFirst)
        if (const ResourceInfo* r = registry.byGroupResourceName(name))
            order.push_back(r);
    for (const ResourceInfo& r : registry.all()) {
        const bool listed = std::find(order.begin(), order.end(), &r) != order.end();
        const bool listable = std::find(r.verbs.begin(), r.verbs.end(), "list") != r.verbs.end();
        if (!listed && listable && r.preferred && (r.namespaced || r.resource == "namespaces") &&
            !kGeneratedResources.count(r.groupResource()))
            order.push_back(&r);
    }
    std::string out;
    for (const ResourceInfo* r : order) {
        for (const ObjectPtr& obj : cluster.store().list(r->groupResource())) {
            if (systemMade(*r, *obj))
                continue;
            if (!out.empty())
                out += "---\n";
            out += codec::toYamlText(clean(*r, *obj));
        }
    }
    return out;
}

}  // namespace kp::cli
