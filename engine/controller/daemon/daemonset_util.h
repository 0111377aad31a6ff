// What a DaemonSet's pods look like and how they are recognised: the default tolerations every
// daemon pod gets, the pod template with controller-revision-hash, the per-node node affinity
// that lets the scheduler bind it, the revision hash, and the rolling-update counts.
// Upstream: pkg/controller/daemon/util/daemonset_util.go, pkg/controller/controller_utils.go
// (ComputeHash), apimachinery util/intstr (GetScaledValueFromIntOrPercent).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "base/json.h"

namespace kp::daemon {

inline constexpr const char* kControllerRevisionHashLabel = "controller-revision-hash";  // DefaultDaemonSetUniqueLabelKey
inline constexpr const char* kTemplateGenerationLabel = "pod-template-generation";        // DaemonSetTemplateGenerationKey
inline constexpr const char* kTemplateGenerationAnnotation = "deprecated.daemonset.template.generation";

// AddOrUpdateDaemonPodTolerations: node.kubernetes.io/not-ready and unreachable (NoExecute),
// disk-pressure, memory-pressure, pid-pressure, unschedulable (NoSchedule), and
// network-unavailable (NoSchedule) for hostNetwork pods, all operator Exists without seconds.
// A toleration with the same key/operator/value/effect is replaced, others are appended.
void addOrUpdateDaemonPodTolerations(Json& podSpec);

// The deprecated template generation annotation of the DaemonSet, if set and numeric.
std::optional<int64_t> templateGeneration(const Json& ds);

// CreatePodTemplate: the template with the default tolerations and the labels
// controller-revision-hash=<hash> (and pod-template-generation=<n> when the annotation is set).
Json createPodTemplate(const Json& podTemplate, std::optional<int64_t> generation, const std::string& hash);

// ReplaceDaemonSetPodNodeNameNodeAffinity: requiredDuringSchedulingIgnoredDuringExecution
// becomes the single term matchFields [{key: metadata.name, operator: In, values: [node]}]
// (other node affinity parts and preferred terms stay).
void replaceNodeNameNodeAffinity(Json& podSpec, const std::string& nodeName);

// GetTargetNodeName: spec.nodeName, or for a pod not yet bound the node its metadata.name
// matchFields term names; nullopt when neither says.
std::optional<std::string> targetNodeName(const Json& pod);

// IsPodUpdated: the pod's controller-revision-hash is `hash` (or its pod-template-generation is
// the DaemonSet's).
bool isPodUpdated(const Json& pod, const std::string& hash, std::optional<int64_t> generation);

// podByCreationTimestampAndPhase: bound pods before unbound ones, then the oldest, then by name.
bool scheduledAndOlder(const Json& a, const Json& b);

// GetScaledValueFromIntOrPercent: an int as is, "25%" of `total` rounded up or down; nullopt
// for a malformed value.
std::optional<int> scaledValue(const Json& intOrPercent, int total, bool roundUp);
// SurgeCount / UnavailableCount of a RollingUpdate DaemonSet (0 for OnDelete).
int surgeCount(const Json& ds, int numberToSchedule);
int unavailableCount(const Json& ds, int numberToSchedule);

// ComputeHash: FNV-32a of the template (plus collisionCount), printed in decimal and passed
// through the name alphabet, e.g. "6b5c8f4d9". The ControllerRevision is "<ds>-<hash>".
// SIMPLIFICATION: upstream hashes Go's spew dump of the PodTemplateSpec struct, which we cannot
// reproduce; we hash its canonical JSON. Same shape, different values than a real cluster.
std::string computeHash(const Json& podTemplate, std::optional<int64_t> collisionCount);
// rand.SafeEncodeString: each byte mapped into "bcdfghjklmnpqrstvwxz2456789".
std::string safeEncodeString(const std::string& s);

}  // namespace kp::daemon
