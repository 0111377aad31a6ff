// PrepareForCreate and the kind -> defaulting dispatch.
#include <set>

#include "apiserver/registry/defaults.h"
#include "apiserver/registry/strategy.h"

namespace kp::registry {
namespace {

// Job selectors and labels are generated from the Job's uid (pkg/registry/batch/job/strategy.go#generateSelector).
void generateJobSelector(Json& job) {
    Json& spec = job["spec"];
    if (boolAt(spec, "manualSelector"))
        return;
    std::string uid = stringAt(job, "metadata.uid");
    std::string name = stringAt(job, "metadata.name");
    Json& labels = spec["template"]["metadata"]["labels"];
    if (!labels.is_object())
        labels = Json::object();
    labels["batch.kubernetes.io/controller-uid"] = uid;
    labels["batch.kubernetes.io/job-name"] = name;
    labels["controller-uid"] = uid;
    labels["job-name"] = name;
    if (!spec.contains("selector") || !spec["selector"].is_object() || spec["selector"].empty())
        spec["selector"] = Json{{"matchLabels", {{"batch.kubernetes.io/controller-uid", uid}}}};
}

}  // namespace

void prepareForCreate(const ResourceInfo& r, Json& obj) {
    const std::string gr = r.groupResource();
    if (gr == "pods") {
        obj["status"] = Json{{"phase", "Pending"}, {"qosClass", podQOSClass(obj.value("spec", Json::object()))}};
        return;
    }
    if (gr == "namespaces") {
        obj["spec"]["finalizers"] = Json::array({"kubernetes"});
        obj["status"] = Json{{"phase", "Active"}};
        return;
    }
    if (gr == "services" || gr == "ingresses.networking.k8s.io") {
        obj["status"] = Json{{"loadBalancer", Json::object()}};
        return;
    }
    if (gr == "persistentvolumeclaims" || gr == "persistentvolumes") {
        obj["status"] = Json{{"phase", "Pending"}};
        return;
    }
    if (gr == "jobs.batch") {
        defaultJobLabels(obj);  // as decoded: the learner's template labels, before the generated ones
        generateJobSelector(obj);
    }
    if (gr == "poddisruptionbudgets.policy") {
        obj["status"] = Json{{"currentHealthy", 0}, {"desiredHealthy", 0}, {"disruptionsAllowed", 0}, {"expectedPods", 0}};
        return;
    }
    if (gr == "horizontalpodautoscalers.autoscaling") {
        obj["status"] = Json{{"currentReplicas", 0}, {"desiredReplicas", 0}};
        return;
    }
    if (strategyFor(r).statusSubresource && gr != "nodes")
        obj["status"] = Json::object();
}

bool prepareForCreateKeepsObject(const ResourceInfo& r) {
    // The resources prepareForCreate above writes to (keep the two in step; a test checks that
    // every resource answered true here comes out of prepareForCreate unchanged).
    static const std::set<std::string> kPrepared = {
        "pods",       "namespaces",       "services",   "ingresses.networking.k8s.io", "persistentvolumeclaims",
        "persistentvolumes", "jobs.batch", "poddisruptionbudgets.policy", "horizontalpodautoscalers.autoscaling"};
    const std::string gr = r.groupResource();
    if (kPrepared.count(gr))
        return false;
    return !(strategyFor(r).statusSubresource && gr != "nodes");
}

void applyDefaults(const ResourceInfo& r, Json& obj) {
    const std::string gr = r.groupResource();
    if (gr == "pods")
        return defaultPod(obj);
    if (gr == "podtemplates")
        return defaultPodTemplate(obj["template"]);
    if (gr == "services")
        return defaultService(obj);
    if (gr == "namespaces")
        return defaultNamespace(obj);
    if (gr == "secrets")
        return defaultSecret(obj);
    if (gr == "endpoints")
        return defaultEndpoints(obj);
    if (gr == "replicationcontrollers")
        return defaultReplicationController(obj);
    if (gr == "persistentvolumeclaims")
        return defaultPersistentVolumeClaimSpec(obj["spec"]);
    if (gr == "persistentvolumes")
        return defaultPersistentVolume(obj);
    if (gr == "limitranges")
        return defaultLimitRange(obj);
    if (gr == "deployments.apps")
        return defaultDeployment(obj);
    if (gr == "replicasets.apps")
        return defaultReplicaSet(obj);
    if (gr == "statefulsets.apps")
        return defaultStatefulSet(obj);
    if (gr == "daemonsets.apps")
        return defaultDaemonSet(obj);
    if (gr == "jobs.batch")
        return defaultJob(obj);
    if (gr == "cronjobs.batch")
        return defaultCronJob(obj);
    if (gr == "storageclasses.storage.k8s.io")
        return defaultStorageClass(obj);
    if (gr == "networkpolicies.networking.k8s.io")
        return defaultNetworkPolicy(obj);
    if (gr == "endpointslices.discovery.k8s.io")
        return defaultEndpointSlice(obj);
    if (gr == "rolebindings.rbac.authorization.k8s.io" || gr == "clusterrolebindings.rbac.authorization.k8s.io")
        return defaultRoleBinding(obj);
    if (gr == "validatingwebhookconfigurations.admissionregistration.k8s.io" ||
        gr == "mutatingwebhookconfigurations.admissionregistration.k8s.io")
        return defaultWebhookConfiguration(obj);
    if (gr == "apiservices.apiregistration.k8s.io")
        return defaultAPIService(obj);
}

}  // namespace kp::registry
