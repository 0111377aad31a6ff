// Pod admission: ServiceAccount (plugin/pkg/admission/serviceaccount), DefaultTolerationSeconds
// (plugin/pkg/admission/defaulttolerationseconds) and Priority (plugin/pkg/admission/priority).
#include "apiserver/admission/admission.h"
#include "apiserver/errors.h"

namespace kp::admission {
namespace {

constexpr const char* kTokenMountPath = "/var/run/secrets/kubernetes.io/serviceaccount";

bool hasMountAt(const Json& container, const char* path) {
    const Json* mounts = findPath(container, "volumeMounts");
    if (!mounts || !mounts->is_array())
        return false;
    for (const Json& m : *mounts)
        if (stringAt(m, "mountPath") == path)
            return true;
    return false;
}

void mountInto(Json& containers, const std::string& volumeName) {
    if (!containers.is_array())
        return;
    for (Json& c : containers) {
        if (hasMountAt(c, kTokenMountPath))
            continue;
        Json& mounts = c["volumeMounts"];
        if (!mounts.is_array())
            mounts = Json::array();
        mounts.push_back({{"name", volumeName}, {"readOnly", true}, {"mountPath", kTokenMountPath}});
    }
}

bool tolerates(const Json& tolerations, const std::string& key) {
    if (!tolerations.is_array())
        return false;
    for (const Json& t : tolerations) {
        std::string effect = stringAt(t, "effect");
        if (!effect.empty() && effect != "NoExecute")
            continue;
        std::string op = stringAt(t, "operator", "Equal");
        std::string k = stringAt(t, "key");
        if ((k.empty() && op == "Exists") || k == key)
            return true;
    }
    return false;
}

}  // namespace

void addServiceAccountVolume(Json& pod, Rng& rng) {
    Json& spec = pod["spec"];
    // A volume of ours already there (an update) or an explicit mount at the path: nothing to add.
    std::string volumeName = "kube-api-access-" + rng.nameSuffix(5);
    Json volume = {
        {"name", volumeName},
        {"projected",
         {{"defaultMode", 420},
          {"sources",
           Json::array({
               {{"serviceAccountToken", {{"expirationSeconds", 3607}, {"path", "token"}}}},
               {{"configMap",
                 {{"name", "kube-root-ca.crt"}, {"items", Json::array({{{"key", "ca.crt"}, {"path", "ca.crt"}}})}}}},
               {{"downwardAPI",
                 {{"items", Json::array({{{"fieldRef", {{"apiVersion", "v1"}, {"fieldPath", "metadata.namespace"}}},
                                          {"path", "namespace"}}})}}}},
           })}}}};
    Json& volumes = spec["volumes"];
    if (!volumes.is_array())
        volumes = Json::array();
    volumes.push_back(std::move(volume));
    mountInto(spec["containers"], volumeName);
    if (spec.contains("initContainers"))
        mountInto(spec["initContainers"], volumeName);
}

void addDefaultTolerations(Json& pod) {
    Json& tolerations = pod["spec"]["tolerations"];
    if (!tolerations.is_array())
        tolerations = Json::array();
    for (const char* key : {"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"}) {
        if (tolerates(tolerations, key))
            continue;
        tolerations.push_back(
            {{"key", key}, {"operator", "Exists"}, {"effect", "NoExecute"}, {"tolerationSeconds", 300}});
    }
}

// Priority: no PriorityClass objects yet, so every pod gets the global default of 0.
// SIMPLIFICATION: priorityClassName other than the two system classes is not resolved.
static void setPriority(Json& spec) {
    std::string pc = stringAt(spec, "priorityClassName");
    int64_t priority = 0;
    if (pc == "system-node-critical")
        priority = 2000001000;
    else if (pc == "system-cluster-critical")
        priority = 2000000000;
    spec["priority"] = priority;
    if (!spec.contains("preemptionPolicy"))
        spec["preemptionPolicy"] = "PreemptLowerPriority";
}

Status admitPod(ApiServer& server, const ResourceInfo& r, Json& pod, Rng& rng) {
    Json& spec = pod["spec"];
    if (!spec.is_object())
        return {};
    // Mirror pods (the kubelet's copies of static pods) keep their spec as the file says: no
    // service account, no token volume (plugin/pkg/admission/serviceaccount).
    const Json* annotations = findPath(pod, "metadata.annotations");
    const bool mirror = annotations && annotations->is_object() && annotations->contains("kubernetes.io/config.mirror");
    if (mirror) {
        addDefaultTolerations(pod);
        setPriority(spec);
        return {};
    }
    // ServiceAccount.
    std::string sa = stringAt(spec, "serviceAccountName");
    if (sa.empty())
        sa = stringAt(spec, "serviceAccount", "default");
    spec["serviceAccountName"] = sa;
    spec["serviceAccount"] = sa;
    std::string ns = stringAt(pod, "metadata.namespace");
    ObjectPtr saObj = server.store().get("serviceaccounts", ns, sa);
    if (!saObj)
        return apierrors::forbidden(r, stringAt(pod, "metadata.name"),
                                    "error looking up service account " + ns + "/" + sa + ": serviceaccount \"" + sa +
                                        "\" not found");
    bool automount = boolAt(*saObj, "automountServiceAccountToken", true);
    if (const Json* podSetting = findPath(spec, "automountServiceAccountToken"); podSetting && podSetting->is_boolean())
        automount = podSetting->get<bool>();
    bool alreadyMounted = false;
    if (const Json* cs = findPath(spec, "containers"); cs && cs->is_array())
        for (const Json& c : *cs)
            alreadyMounted = alreadyMounted || hasMountAt(c, kTokenMountPath);
    if (automount && !alreadyMounted)
        addServiceAccountVolume(pod, rng);

    addDefaultTolerations(pod);

    setPriority(spec);
    return {};
}

}  // namespace kp::admission
