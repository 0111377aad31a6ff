// Validation of the core ("" group) kinds and of the PodSpec that every workload embeds.
// Upstream: kubernetes pkg/apis/core/validation/validation.go (+ events.go). Each function
// takes the v1 JSON form (after defaulting) and reports paths and messages as the internal
// Go types would.
#pragma once
#include <string>
#include <vector>

#include "apiserver/validation/field_error.h"
#include "base/json.h"

namespace kp::validation {

// Upstream: PodValidationOptions. kubeplay's defaults are the Kubernetes 1.32 feature gates.
struct PodValidationOptions {
    bool resourceIsPod = false;  // the PodSpec belongs to a Pod, not a template
};

// [SECTION] pod spec pieces (pod_spec.cpp, container.cpp, volumes.cpp)
// `podMeta` is the Pod's metadata, or null for templates.
FieldErrorList validatePodSpec(const Json& spec, const Json& podMeta, const std::string& fldPath,
                               const PodValidationOptions& opts);
// Upstream: ValidatePodTemplateSpec: labels, annotations, pod annotations, spec.
FieldErrorList validatePodTemplateSpec(const Json& tmpl, const std::string& fldPath, const PodValidationOptions& opts);
FieldErrorList validatePodSpecificAnnotations(const Json& annotations, const Json& spec, const std::string& fldPath);
// Containers, init containers, ephemeral containers (container.cpp). `volumes` maps volume
// names to their sources (the valid ones only, as upstream).
FieldErrorList validateContainers(const Json& containers, const Json& volumes, const Json& spec,
                                  const std::string& fldPath);
FieldErrorList validateInitContainers(const Json& initContainers, const Json& volumes, const Json& spec,
                                      const std::string& fldPath);
FieldErrorList validateEphemeralContainers(const Json& ephemeral, const Json& volumes, const Json& spec,
                                           const std::string& fldPath);
FieldErrorList validateContainerResourceRequirements(const Json& resources, const std::string& fldPath);
// Container env and envFrom (env_vars.cpp).
FieldErrorList validateEnv(const Json& vars, const std::string& fldPath);
FieldErrorList validateEnvFrom(const Json& vars, const std::string& fldPath);
FieldErrorList validatePortNumOrName(const Json& port, const std::string& fldPath);
// Returns the errors and fills `validVolumes` (name -> volume source JSON).
FieldErrorList validateVolumes(const Json& volumes, const Json& podMeta, const std::string& fldPath, Json* validVolumes);
FieldErrorList validateTolerations(const Json& tolerations, const std::string& fldPath);
FieldErrorList validateDNS1123Label(const std::string& value, const std::string& fldPath);
FieldErrorList validateDNS1123Subdomain(const std::string& value, const std::string& fldPath);
FieldErrorList validateQualifiedName(const std::string& value, const std::string& fldPath);
FieldErrorList validateNonSpecialIP(const std::string& ip, const std::string& fldPath);
// Upstream: ValidateResourceQuantityValue: non-negative, integral for integer resources.
FieldErrorList validateResourceQuantityValue(const std::string& resource, const Json& value, const std::string& fldPath);
FieldErrorList validatePersistentVolumeClaimSpec(const Json& spec, const std::string& fldPath);
// "must be a relative path" / "must not contain '..'" (+ "must not start with '..'").
FieldErrorList validateLocalDescendingPath(const std::string& path, const std::string& fldPath);
FieldErrorList validateLocalNonReservedPath(const std::string& path, const std::string& fldPath);
FieldErrorList validatePathNoBacksteps(const std::string& path, const std::string& fldPath);
// Downward API selectors, shared by env vars and downward API volume files.
FieldErrorList validateObjectFieldSelector(const Json& fs, const std::vector<std::string>& expressions,
                                           const std::string& fldPath);
FieldErrorList validateContainerResourceFieldSelector(const Json& fs, bool volume, const std::string& fldPath);
// strings.TrimSpace(s) != s, for images (ASCII whitespace only).
bool hasSurroundingSpace(const std::string& s);

// [SECTION] kinds (pod.cpp, service.cpp, core_kinds.cpp, storage_kinds.cpp)
FieldErrorList validatePodCreate(const Json& pod);
FieldErrorList validatePodUpdate(const Json& pod, const Json& oldPod);
FieldErrorList validatePodTemplateCreate(const Json& podTemplate);
FieldErrorList validatePodTemplateUpdate(const Json& podTemplate, const Json& old);
// The allocator's NodePort range rule, which Kubernetes checks before the Service's own
// validation (`provided port is not in the valid range. The range of valid ports is 30000-32767`).
FieldErrorList validateServiceNodePortRange(const Json& service, int minPort = 30000, int maxPort = 32767);
FieldErrorList validateServiceCreate(const Json& service);
FieldErrorList validateServiceUpdate(const Json& service, const Json& oldService);
FieldErrorList validateReplicationController(const Json& rc);
FieldErrorList validateReplicationControllerUpdate(const Json& rc, const Json& old);
FieldErrorList validateNamespace(const Json& ns);
FieldErrorList validateNamespaceUpdate(const Json& ns, const Json& old);
FieldErrorList validateConfigMap(const Json& cm);
FieldErrorList validateConfigMapUpdate(const Json& cm, const Json& old);
FieldErrorList validateSecret(const Json& secret);
FieldErrorList validateSecretUpdate(const Json& secret, const Json& old);
FieldErrorList validateServiceAccount(const Json& sa);
FieldErrorList validateServiceAccountUpdate(const Json& sa, const Json& old);
FieldErrorList validateEndpoints(const Json& ep);
FieldErrorList validateEndpointsUpdate(const Json& ep, const Json& old);
FieldErrorList validateNode(const Json& node);
FieldErrorList validateNodeUpdate(const Json& node, const Json& old);
FieldErrorList validateEventCreate(const Json& event);
FieldErrorList validateEventUpdate(const Json& event, const Json& old);
FieldErrorList validateResourceQuota(const Json& quota);
FieldErrorList validateResourceQuotaUpdate(const Json& quota, const Json& old);
FieldErrorList validateLimitRange(const Json& lr);
FieldErrorList validateLimitRangeUpdate(const Json& lr, const Json& old);
FieldErrorList validatePersistentVolume(const Json& pv);
FieldErrorList validatePersistentVolumeUpdate(const Json& pv, const Json& old);
FieldErrorList validatePersistentVolumeClaim(const Json& pvc);
FieldErrorList validatePersistentVolumeClaimUpdate(const Json& pvc, const Json& old);

}  // namespace kp::validation
