// "Take it to a real cluster": the learner's own objects as clean manifests, one multi-document
// YAML that `kubectl apply -f` accepts unchanged on a fresh minikube. What the system made
// (kube-system and the addons' namespaces, the `kubernetes` Service, default ServiceAccounts,
// kube-root-ca.crt, Events, Endpoints and EndpointSlices, Leases) and what controllers own
// (ReplicaSets, their pods, a CronJob's Jobs) are left out; the rest loses its status and the
// fields the server set (uid, resourceVersion, creationTimestamp, managedFields, allocated
// ClusterIPs, a pod's node, a Job's generated selector). An object applied with kubectl
// apply is exported as its last-applied configuration: what the learner wrote.
#pragma once
#include <string>

#include "cluster/cluster.h"

namespace kp::cli {

std::string exportManifests(Cluster& cluster);

}  // namespace kp::cli
