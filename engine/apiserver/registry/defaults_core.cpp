// core/v1 defaulting. Upstream: pkg/apis/core/v1/defaults.go.
#include "apiserver/registry/defaults.h"

#include "api/quantity.h"

namespace kp::registry {
namespace {

bool quantityIsZero(const Json& q) {
    auto parsed = resource::Quantity::fromJson(q, nullptr);
    return !parsed || parsed->isZero();
}

bool quantitiesEqual(const Json& a, const Json& b) {
    auto qa = resource::Quantity::fromJson(a, nullptr);
    auto qb = resource::Quantity::fromJson(b, nullptr);
    return qa && qb && qa->equal(*qb);
}

void setIfMissing(Json& obj, const char* key, Json value) {
    if (!obj.contains(key) || obj[key].is_null())
        obj[key] = std::move(value);
}

// "Always" for `latest` or no tag, "IfNotPresent" otherwise (a digest counts as pinned).
std::string defaultPullPolicy(const std::string& image) {
    if (image.find('@') != std::string::npos)
        return "IfNotPresent";
    size_t slash = image.rfind('/');
    std::string last = slash == std::string::npos ? image : image.substr(slash + 1);
    size_t colon = last.rfind(':');
    if (colon == std::string::npos)
        return "Always";
    return last.substr(colon + 1) == "latest" ? "Always" : "IfNotPresent";
}

void defaultProbe(Json& probe) {
    if (!probe.is_object())
        return;
    setIfMissing(probe, "timeoutSeconds", 1);
    setIfMissing(probe, "periodSeconds", 10);
    setIfMissing(probe, "successThreshold", 1);
    setIfMissing(probe, "failureThreshold", 3);
    if (probe.contains("httpGet") && probe["httpGet"].is_object()) {
        setIfMissing(probe["httpGet"], "path", "/");
        setIfMissing(probe["httpGet"], "scheme", "HTTP");
    }
    if (probe.contains("grpc") && probe["grpc"].is_object())
        setIfMissing(probe["grpc"], "service", "");
}

void defaultEnv(Json& env) {
    if (!env.is_array())
        return;
    for (Json& e : env) {
        Json* fieldRef = e.contains("valueFrom") && e["valueFrom"].is_object() && e["valueFrom"].contains("fieldRef")
                             ? &e["valueFrom"]["fieldRef"]
                             : nullptr;
        if (fieldRef && fieldRef->is_object())
            setIfMissing(*fieldRef, "apiVersion", "v1");
        Json* resRef = e.contains("valueFrom") && e["valueFrom"].is_object() &&
                               e["valueFrom"].contains("resourceFieldRef")
                           ? &e["valueFrom"]["resourceFieldRef"]
                           : nullptr;
        if (resRef && resRef->is_object())
            setIfMissing(*resRef, "divisor", "0");
    }
}

// Downward API volume items: fieldRef.apiVersion "v1" (SetDefaults_ObjectFieldSelector),
// resourceFieldRef.divisor "0".
void defaultDownwardAPIItems(Json& items) {
    if (!items.is_array())
        return;
    for (Json& item : items) {
        if (item.contains("fieldRef") && item["fieldRef"].is_object())
            setIfMissing(item["fieldRef"], "apiVersion", "v1");
        if (item.contains("resourceFieldRef") && item["resourceFieldRef"].is_object())
            setIfMissing(item["resourceFieldRef"], "divisor", "0");
    }
}

void defaultVolumes(Json& volumes) {
    if (!volumes.is_array())
        return;
    static const char* kSources[] = {"hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo",
                                     "secret", "nfs", "iscsi", "glusterfs", "persistentVolumeClaim", "rbd",
                                     "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile",
                                     "configMap", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk",
                                     "projected", "portworxVolume", "scaleIO", "storageos", "csi", "ephemeral",
                                     "image"};
    for (Json& v : volumes) {
        if (!v.is_object())
            continue;
        bool hasSource = false;
        for (const char* s : kSources)
            hasSource = hasSource || v.contains(s);
        if (!hasSource)
            v["emptyDir"] = Json::object();  // SetDefaults_Volume
        for (const char* s : {"secret", "configMap", "downwardAPI", "projected"})
            if (v.contains(s) && v[s].is_object())
                setIfMissing(v[s], "defaultMode", 420);
        if (v.contains("hostPath") && v["hostPath"].is_object())
            setIfMissing(v["hostPath"], "type", "");
        if (v.contains("downwardAPI") && v["downwardAPI"].is_object())
            defaultDownwardAPIItems(v["downwardAPI"]["items"]);
        if (const Json* sources = findPath(v, "projected.sources"); sources && sources->is_array())
            for (Json& src : v["projected"]["sources"])
                if (src.contains("downwardAPI") && src["downwardAPI"].is_object())
                    defaultDownwardAPIItems(src["downwardAPI"]["items"]);
    }
}

void defaultContainers(Json& containers) {
    if (!containers.is_array())
        return;
    for (Json& c : containers)
        if (c.is_object())
            defaultContainer(c);
}

// Requests default to limits when only limits are set (SetDefaults_Pod, pods only).
void requestsFromLimits(Json& containers) {
    if (!containers.is_array())
        return;
    for (Json& c : containers) {
        const Json* limits = findPath(c, "resources.limits");
        if (!limits || !limits->is_object())
            continue;
        Json& requests = c["resources"]["requests"];
        if (!requests.is_object())
            requests = Json::object();
        for (const auto& [res, qty] : limits->items())
            if (!requests.contains(res))
                requests[res] = qty;
    }
}

}  // namespace

void defaultContainer(Json& c) {
    if (!c.contains("imagePullPolicy") && c.contains("image") && c["image"].is_string())
        c["imagePullPolicy"] = defaultPullPolicy(c["image"].get<std::string>());
    setIfMissing(c, "terminationMessagePath", "/dev/termination-log");
    setIfMissing(c, "terminationMessagePolicy", "File");
    setIfMissing(c, "resources", Json::object());
    if (c.contains("ports") && c["ports"].is_array())
        for (Json& p : c["ports"])
            if (p.is_object())
                setIfMissing(p, "protocol", "TCP");
    for (const char* probe : {"livenessProbe", "readinessProbe", "startupProbe"})
        if (c.contains(probe))
            defaultProbe(c[probe]);
    if (c.contains("env"))
        defaultEnv(c["env"]);
    if (c.contains("lifecycle") && c["lifecycle"].is_object())
        for (const char* hook : {"postStart", "preStop"})
            if (c["lifecycle"].contains(hook) && c["lifecycle"][hook].contains("httpGet"))
                setIfMissing(c["lifecycle"][hook]["httpGet"], "scheme", "HTTP");
}

void defaultPodSpec(Json& spec) {
    if (!spec.is_object())
        return;
    setIfMissing(spec, "dnsPolicy", "ClusterFirst");
    setIfMissing(spec, "restartPolicy", "Always");
    setIfMissing(spec, "securityContext", Json::object());
    setIfMissing(spec, "terminationGracePeriodSeconds", 30);
    setIfMissing(spec, "schedulerName", "default-scheduler");
    if (boolAt(spec, "hostNetwork")) {
        // Host networking: container ports are host ports.
        for (const char* list : {"containers", "initContainers"})
            if (spec.contains(list) && spec[list].is_array())
                for (Json& c : spec[list])
                    if (c.contains("ports") && c["ports"].is_array())
                        for (Json& p : c["ports"])
                            if (!p.contains("hostPort") && p.contains("containerPort"))
                                p["hostPort"] = p["containerPort"];
    }
    defaultContainers(spec["containers"]);
    if (spec.contains("initContainers"))
        defaultContainers(spec["initContainers"]);
    if (spec.contains("volumes"))
        defaultVolumes(spec["volumes"]);
}

void defaultPodTemplate(Json& tmpl) {
    if (!tmpl.is_object())
        return;
    Json& meta = tmpl["metadata"];
    if (!meta.is_object())
        meta = Json::object();
    // Go encodes the template's zero metav1.Time as null.
    setIfMissing(meta, "creationTimestamp", nullptr);
    if (!tmpl.contains("spec"))
        tmpl["spec"] = Json::object();
    defaultPodSpec(tmpl["spec"]);
}

void defaultPod(Json& pod) {
    Json& spec = pod["spec"];
    if (!spec.is_object())
        return;
    requestsFromLimits(spec["containers"]);
    if (spec.contains("initContainers"))
        requestsFromLimits(spec["initContainers"]);
    setIfMissing(spec, "enableServiceLinks", true);
    defaultPodSpec(spec);
}

std::string podQOSClass(const Json& spec) {
    // Upstream: pkg/apis/core/helper/qos/qos.go#GetPodQOS (ignoring pod-level resources).
    bool anyRequest = false, allGuaranteed = true;
    for (const char* list : {"initContainers", "containers"}) {
        const Json* cs = findPath(spec, list);
        if (!cs || !cs->is_array())
            continue;
        for (const Json& c : *cs) {
            const Json* req = findPath(c, "resources.requests");
            const Json* lim = findPath(c, "resources.limits");
            bool hasReq = false, hasLim = false;
            for (const char* res : {"cpu", "memory"}) {
                const Json* r = req && req->is_object() && req->contains(res) ? &(*req)[res] : nullptr;
                const Json* l = lim && lim->is_object() && lim->contains(res) ? &(*lim)[res] : nullptr;
                if (r && !quantityIsZero(*r))
                    hasReq = true;
                if (l && !quantityIsZero(*l))
                    hasLim = true;
                if (!l || (r && !quantitiesEqual(*r, *l)))
                    allGuaranteed = false;
            }
            anyRequest = anyRequest || hasReq || hasLim;
        }
    }
    if (!anyRequest)
        return "BestEffort";
    return allGuaranteed ? "Guaranteed" : "Burstable";
}

void defaultService(Json& svc) {
    Json& spec = svc["spec"];
    if (!spec.is_object())
        spec = Json::object();
    setIfMissing(spec, "sessionAffinity", "None");
    setIfMissing(spec, "type", "ClusterIP");
    const std::string type = stringAt(spec, "type");
    if (spec.contains("ports") && spec["ports"].is_array()) {
        for (Json& p : spec["ports"]) {
            if (!p.is_object())
                continue;
            setIfMissing(p, "protocol", "TCP");
            const Json* tp = findPath(p, "targetPort");
            bool unset = !tp || tp->is_null() || (tp->is_number_integer() && tp->get<int64_t>() == 0) ||
                         (tp->is_string() && tp->get<std::string>().empty());
            if (unset && p.contains("port"))
                p["targetPort"] = p["port"];
        }
    }
    if (stringAt(spec, "sessionAffinity") == "ClientIP") {
        Json& cfg = spec["sessionAffinityConfig"]["clientIP"];
        setIfMissing(cfg, "timeoutSeconds", 10800);
    }
    if (type != "ExternalName")
        setIfMissing(spec, "internalTrafficPolicy", "Cluster");
    if (type == "NodePort" || type == "LoadBalancer")
        setIfMissing(spec, "externalTrafficPolicy", "Cluster");
    if (type == "LoadBalancer")
        setIfMissing(spec, "allocateLoadBalancerNodePorts", true);
}

void defaultNamespace(Json& ns) {
    std::string name = stringAt(ns, "metadata.name");
    if (!name.empty())
        ns["metadata"]["labels"]["kubernetes.io/metadata.name"] = name;
}

void defaultReplicationController(Json& rc) {
    Json& spec = rc["spec"];
    if (!spec.is_object())
        spec = Json::object();
    const Json* tmplLabels = findPath(spec, "template.metadata.labels");
    if (tmplLabels && tmplLabels->is_object() && !tmplLabels->empty()) {
        if (!spec.contains("selector") || spec["selector"].empty())
            spec["selector"] = *tmplLabels;
        if (!findPath(rc, "metadata.labels"))
            rc["metadata"]["labels"] = *tmplLabels;
    }
    setIfMissing(spec, "replicas", 1);
    if (spec.contains("template"))
        defaultPodTemplate(spec["template"]);
}

void defaultPersistentVolumeClaimSpec(Json& spec) {
    if (!spec.is_object())
        return;
    setIfMissing(spec, "volumeMode", "Filesystem");
}

void defaultPersistentVolume(Json& pv) {
    Json& spec = pv["spec"];
    if (!spec.is_object())
        return;
    setIfMissing(spec, "persistentVolumeReclaimPolicy", "Retain");
    setIfMissing(spec, "volumeMode", "Filesystem");
}

void defaultLimitRange(Json& lr) {
    Json* limits = lr.contains("spec") ? &lr["spec"]["limits"] : nullptr;
    if (!limits || !limits->is_array())
        return;
    for (Json& item : *limits) {
        if (stringAt(item, "type") != "Container")
            continue;
        if (const Json* max = findPath(item, "max"); max && max->is_object())
            for (const auto& [res, q] : max->items())
                if (!findPath(item, "default") || !item["default"].contains(res))
                    item["default"][res] = q;
        if (const Json* def = findPath(item, "default"); def && def->is_object())
            for (const auto& [res, q] : def->items())
                if (!findPath(item, "defaultRequest") || !item["defaultRequest"].contains(res))
                    item["defaultRequest"][res] = q;
    }
}

void defaultSecret(Json& secret) { setIfMissing(secret, "type", "Opaque"); }

void defaultEndpoints(Json& ep) {
    if (!ep.contains("subsets") || !ep["subsets"].is_array())
        return;
    for (Json& s : ep["subsets"])
        if (s.contains("ports") && s["ports"].is_array())
            for (Json& p : s["ports"])
                setIfMissing(p, "protocol", "TCP");
}

}  // namespace kp::registry
