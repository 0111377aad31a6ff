// Admission: the built-in plugins a minikube apiserver runs that a learner can notice.
//  - NamespaceLifecycle: 404 for a missing namespace, 403 for new content in a terminating one,
//    and the undeletable default/kube-system/kube-public namespaces.
//  - ServiceAccount: pods get serviceAccountName "default" and the projected kube-api-access
//    volume mounted at /var/run/secrets/kubernetes.io/serviceaccount.
//  - DefaultTolerationSeconds: not-ready/unreachable NoExecute tolerations for 300 s.
//  - Priority: spec.priority 0 and preemptionPolicy PreemptLowerPriority.
//  - DefaultIngressClass: an Ingress without a class gets the default IngressClass.
//  - Allocation of Service ClusterIPs and NodePorts (the service registry's allocators).
// Upstream: apiserver/pkg/admission/plugin/namespace/lifecycle, plugin/pkg/admission/*.
#pragma once
#include "api/resources.h"
#include "apiserver/api_server.h"
#include "base/json.h"
#include "base/rng.h"
#include "base/status.h"

namespace kp::admission {

Status admitCreate(ApiServer& server, const ResourceInfo& r, Json& obj, Rng& rng);
Status admitUpdate(ApiServer& server, const ResourceInfo& r, Json& obj, const Json& old, Rng& rng);
Status admitDelete(ApiServer& server, const ResourceInfo& r, const Json& obj);
// Runs after validation, like the service registry's allocators.
Status allocateOnCreate(ApiServer& server, const ResourceInfo& r, Json& obj, bool dryRun, Rng& rng);

// Pieces, exposed for tests.
void addServiceAccountVolume(Json& pod, Rng& rng);
void addDefaultTolerations(Json& pod);

}  // namespace kp::admission
