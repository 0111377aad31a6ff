#include "apiserver/registry/strategy.h"

#include <map>

namespace kp::registry {
namespace {

// Upstream: each resource's strategy (pkg/registry/<group>/<resource>/strategy.go).
std::map<std::string, Strategy> buildStrategies() {
    std::map<std::string, Strategy> m;
    Strategy workload;
    workload.tracksGeneration = true;
    workload.statusSubresource = true;
    for (const char* gr : {"deployments.apps", "replicasets.apps", "statefulsets.apps", "daemonsets.apps",
                           "replicationcontrollers", "cronjobs.batch", "ingresses.networking.k8s.io",
                           "poddisruptionbudgets.policy"})
        m[gr] = workload;
    // batch/v1 Jobs orphan their pods unless told otherwise (kubectl always asks for Background).
    Strategy job = workload;
    job.defaultPropagation = PropagationPolicy::Orphan;
    m["jobs.batch"] = job;
    // v1 ReplicationControllers keep their legacy orphaning default too.
    m["replicationcontrollers"].defaultPropagation = PropagationPolicy::Orphan;
    m["networkpolicies.networking.k8s.io"].tracksGeneration = true;

    Strategy pod;
    pod.statusSubresource = true;
    pod.gracefulDelete = true;
    pod.returnDeletedObject = true;
    m["pods"] = pod;

    Strategy withStatus;
    withStatus.statusSubresource = true;
    for (const char* gr : {"services", "nodes", "namespaces", "persistentvolumeclaims", "resourcequotas",
                           "horizontalpodautoscalers.autoscaling", "apiservices.apiregistration.k8s.io"})
        m[gr] = withStatus;
    Strategy pv = withStatus;
    pv.returnDeletedObject = true;
    m["persistentvolumes"] = pv;
    m["serviceaccounts"].returnDeletedObject = true;
    return m;
}

}  // namespace

const Strategy& strategyFor(const ResourceInfo& r) {
    static const std::map<std::string, Strategy> strategies = buildStrategies();
    static const Strategy plain;
    auto it = strategies.find(r.groupResource());
    return it == strategies.end() ? plain : it->second;
}

}  // namespace kp::registry
