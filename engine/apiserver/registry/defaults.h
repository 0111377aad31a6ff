// Defaulting functions, one per kind, as pkg/apis/<group>/v1/defaults.go and the generated
// defaulters apply them (nested PodSpecs of templates included). Also the values Go always
// writes when it encodes a typed object (empty structs such as `resources: {}` and the
// `creationTimestamp: null` of templates), so that what we store prints like a real object.
#pragma once
#include "base/json.h"

namespace kp::registry {

void defaultPodSpec(Json& spec);
void defaultContainer(Json& container);
void defaultPodTemplate(Json& tmpl);  // metadata.creationTimestamp null + PodSpec
void defaultPod(Json& pod);
void defaultService(Json& svc);
void defaultNamespace(Json& ns);
void defaultDeployment(Json& d);
void defaultReplicaSet(Json& rs);
void defaultStatefulSet(Json& sts);
void defaultDaemonSet(Json& ds);
void defaultJob(Json& job);
// SetDefaults_Job's label rule alone: a Job without labels takes its pod template's. The
// apiserver defaults when it decodes the request (the learner's template labels) and again when
// it reads the stored Job back (by then with the selector labels PrepareForCreate generated), so
// an unlabeled Job shows batch.kubernetes.io/controller-uid=... and job-name=... on itself.
void defaultJobLabels(Json& job);
void defaultCronJob(Json& cj);
void defaultReplicationController(Json& rc);
void defaultPersistentVolumeClaimSpec(Json& spec);
void defaultPersistentVolume(Json& pv);
void defaultStorageClass(Json& sc);
void defaultNetworkPolicy(Json& np);
void defaultLimitRange(Json& lr);
void defaultSecret(Json& secret);
void defaultEndpoints(Json& ep);
void defaultEndpointSlice(Json& slice);
void defaultRoleBinding(Json& rb);
void defaultWebhookConfiguration(Json& config);
void defaultAPIService(Json& apiService);

// QoS class of a pod spec (Guaranteed / Burstable / BestEffort), pkg/apis/core/helper/qos.
std::string podQOSClass(const Json& spec);

}  // namespace kp::registry
