#include "apiserver/apply/zero_objects.h"

#include <map>
#include <utility>

namespace kp::apply {
namespace {

struct ZeroEntry {
    const char* apiVersion;
    const char* kind;
    const char* json;
};

// Derived from the Go types of k8s.io/api v0.32.0: every field without omitempty, and every
// non-pointer struct field, holding its zero value.
const ZeroEntry kZeroObjects[] = {
    {"v1", "ConfigMap",
     R"({"metadata":{"creationTimestamp":null}})"},
    {"v1", "Endpoints",
     R"({"metadata":{"creationTimestamp":null}})"},
    {"v1", "Event",
     R"({"eventTime":null,"firstTimestamp":null,"involvedObject":{},"lastTimestamp":null,"metadata":{"creationTimestamp":null},"reportingComponent":"","reportingInstance":"","source":{}})"},
    {"v1", "LimitRange",
     R"({"metadata":{"creationTimestamp":null},"spec":{"limits":null}})"},
    {"v1", "Namespace",
     R"({"metadata":{"creationTimestamp":null},"spec":{},"status":{}})"},
    {"v1", "Node",
     R"({"metadata":{"creationTimestamp":null},"spec":{},"status":{"daemonEndpoints":{"kubeletEndpoint":{"Port":0}},"nodeInfo":{"architecture":"","bootID":"","containerRuntimeVersion":"","kernelVersion":"","kubeProxyVersion":"","kubeletVersion":"","machineID":"","operatingSystem":"","osImage":"","systemUUID":""}}})"},
    {"v1", "PersistentVolumeClaim",
     R"({"metadata":{"creationTimestamp":null},"spec":{"resources":{}},"status":{}})"},
    {"v1", "PersistentVolume",
     R"({"metadata":{"creationTimestamp":null},"spec":{},"status":{}})"},
    {"v1", "Pod",
     R"({"metadata":{"creationTimestamp":null},"spec":{"containers":null},"status":{}})"},
    {"v1", "PodTemplate",
     R"({"metadata":{"creationTimestamp":null},"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":null}}})"},
    {"v1", "ReplicationController",
     R"({"metadata":{"creationTimestamp":null},"spec":{},"status":{"replicas":0}})"},
    {"v1", "ResourceQuota",
     R"({"metadata":{"creationTimestamp":null},"spec":{},"status":{}})"},
    {"v1", "Secret",
     R"({"metadata":{"creationTimestamp":null}})"},
    {"v1", "ServiceAccount",
     R"({"metadata":{"creationTimestamp":null}})"},
    {"v1", "Service",
     R"({"metadata":{"creationTimestamp":null},"spec":{},"status":{"loadBalancer":{}}})"},
    {"apps/v1", "ControllerRevision",
     R"({"data":null,"metadata":{"creationTimestamp":null},"revision":0})"},
    {"apps/v1", "DaemonSet",
     R"({"metadata":{"creationTimestamp":null},"spec":{"selector":null,"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":null}},"updateStrategy":{}},"status":{"currentNumberScheduled":0,"desiredNumberScheduled":0,"numberMisscheduled":0,"numberReady":0}})"},
    {"apps/v1", "Deployment",
     R"({"metadata":{"creationTimestamp":null},"spec":{"selector":null,"strategy":{},"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":null}}},"status":{}})"},
    {"apps/v1", "ReplicaSet",
     R"({"metadata":{"creationTimestamp":null},"spec":{"selector":null,"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":null}}},"status":{"replicas":0}})"},
    {"apps/v1", "StatefulSet",
     R"({"metadata":{"creationTimestamp":null},"spec":{"selector":null,"serviceName":"","template":{"metadata":{"creationTimestamp":null},"spec":{"containers":null}},"updateStrategy":{}},"status":{"availableReplicas":0,"replicas":0}})"},
    {"events.k8s.io/v1", "Event",
     R"({"deprecatedFirstTimestamp":null,"deprecatedLastTimestamp":null,"deprecatedSource":{},"eventTime":null,"metadata":{"creationTimestamp":null},"regarding":{}})"},
    {"autoscaling/v2", "HorizontalPodAutoscaler",
     R"({"metadata":{"creationTimestamp":null},"spec":{"maxReplicas":0,"scaleTargetRef":{"kind":"","name":""}},"status":{"currentMetrics":null,"desiredReplicas":0}})"},
    {"autoscaling/v1", "HorizontalPodAutoscaler",
     R"({"metadata":{"creationTimestamp":null},"spec":{"maxReplicas":0,"scaleTargetRef":{"kind":"","name":""}},"status":{"currentReplicas":0,"desiredReplicas":0}})"},
    {"batch/v1", "CronJob",
     R"({"metadata":{"creationTimestamp":null},"spec":{"jobTemplate":{"metadata":{"creationTimestamp":null},"spec":{"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":null}}}},"schedule":""},"status":{}})"},
    {"batch/v1", "Job",
     R"({"metadata":{"creationTimestamp":null},"spec":{"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":null}}},"status":{}})"},
    {"networking.k8s.io/v1", "IngressClass",
     R"({"metadata":{"creationTimestamp":null},"spec":{}})"},
    {"networking.k8s.io/v1", "Ingress",
     R"({"metadata":{"creationTimestamp":null},"spec":{},"status":{"loadBalancer":{}}})"},
    {"networking.k8s.io/v1", "NetworkPolicy",
     R"({"metadata":{"creationTimestamp":null},"spec":{"podSelector":{}}})"},
    {"policy/v1", "PodDisruptionBudget",
     R"({"metadata":{"creationTimestamp":null},"spec":{},"status":{"currentHealthy":0,"desiredHealthy":0,"disruptionsAllowed":0,"expectedPods":0}})"},
    {"rbac.authorization.k8s.io/v1", "ClusterRoleBinding",
     R"({"metadata":{"creationTimestamp":null},"roleRef":{"apiGroup":"","kind":"","name":""}})"},
    {"rbac.authorization.k8s.io/v1", "ClusterRole",
     R"({"metadata":{"creationTimestamp":null},"rules":null})"},
    {"rbac.authorization.k8s.io/v1", "RoleBinding",
     R"({"metadata":{"creationTimestamp":null},"roleRef":{"apiGroup":"","kind":"","name":""}})"},
    {"rbac.authorization.k8s.io/v1", "Role",
     R"({"metadata":{"creationTimestamp":null},"rules":null})"},
    {"storage.k8s.io/v1", "StorageClass",
     R"({"metadata":{"creationTimestamp":null},"provisioner":""})"},
    {"coordination.k8s.io/v1", "Lease",
     R"({"metadata":{"creationTimestamp":null},"spec":{}})"},
    {"discovery.k8s.io/v1", "EndpointSlice",
     R"({"addressType":"","endpoints":null,"metadata":{"creationTimestamp":null},"ports":null})"},
};

const std::map<std::pair<std::string, std::string>, Json>& table() {
    static const std::map<std::pair<std::string, std::string>, Json> parsed = [] {
        std::map<std::pair<std::string, std::string>, Json> m;
        for (const ZeroEntry& e : kZeroObjects)
            m[{e.apiVersion, e.kind}] = Json::parse(e.json);
        return m;
    }();
    return parsed;
}

void fillMissing(Json& into, const Json& zero) {
    for (const auto& [key, value] : zero.items()) {
        auto it = into.find(key);
        if (it == into.end()) {
            into[key] = value;
            continue;
        }
        if (value.is_object() && it->is_object())
            fillMissing(*it, value);
    }
}

}  // namespace

const Json& zeroObject(const std::string& apiVersion, const std::string& kind) {
    static const Json kEmpty = Json::object();
    auto it = table().find({apiVersion, kind});
    return it == table().end() ? kEmpty : it->second;
}

Json typedView(const Json& obj, const std::string& apiVersion, const std::string& kind) {
    return typedView(Json(obj), apiVersion, kind);
}

Json typedView(Json&& obj, const std::string& apiVersion, const std::string& kind) {
    Json out = std::move(obj);
    if (out.is_object())
        fillMissing(out, zeroObject(apiVersion, kind));
    return out;
}

}  // namespace kp::apply
