// What makes a StatefulSet's pods what they are: ordinal names "<set>-<ordinal>", the identity
// labels, hostname/subdomain for stable DNS names, one PersistentVolumeClaim per claim template
// named "<claim>-<set>-<ordinal>", the revision label; how revisions are made and applied; the
// status arithmetic.
// Upstream: pkg/controller/statefulset/stateful_set_utils.go.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/json.h"
#include "base/time.h"
#include "store/object_store.h"

namespace kp::statefulset {

inline constexpr const char* kStatefulSetPodNameLabel = "statefulset.kubernetes.io/pod-name";
inline constexpr const char* kPodIndexLabel = "apps.kubernetes.io/pod-index";
inline constexpr const char* kStatefulSetRevisionLabel = "controller-revision-hash";

// metadata.labels[key] ("" when absent). Label keys contain dots, so no dotted path.
std::string labelOf(const Json& obj, const std::string& key);

// "web-12" -> {"web", 12}; {"", -1} when the name does not end in "-<digits>".
std::pair<std::string, int> parentNameAndOrdinal(const std::string& podName);
int getOrdinal(const Json& pod);
// spec.ordinals.start (0 by default) and the last ordinal (start + replicas - 1).
int startOrdinal(const Json& set);
int endOrdinal(const Json& set);
bool podInOrdinalRange(const Json& pod, const Json& set);
std::string podName(const Json& set, int ordinal);
std::string claimName(const Json& set, const Json& claimTemplate, int ordinal);
bool isMemberOf(const Json& set, const Json& pod);

// The pod has the set's name/namespace, its ordinal name and the pod-name label.
bool identityMatches(const Json& set, const Json& pod);
// The pod mounts one claim per template with the right claim name.
bool storageMatches(const Json& set, const Json& pod);
void updateIdentity(const Json& set, Json& pod);
void updateStorage(const Json& set, Json& pod);
// The claims a pod needs, in template order (upstream: a map, in random order).
std::vector<Json> persistentVolumeClaims(const Json& set, const Json& pod);

// newStatefulSetPod: the template's labels/annotations/finalizers/spec, the set as controller,
// generateName "<set>-", name "<set>-<ordinal>", identity labels, hostname and subdomain
// (spec.serviceName), claim volumes.
Json newStatefulSetPod(const Json& set, int ordinal);
// Built from the current revision below the partition (RollingUpdate), else from the update
// revision; labelled with that revision's name.
Json newVersionedStatefulSetPod(const Json& currentSet, const Json& updateSet, const std::string& currentRevision,
                                const std::string& updateRevision, int ordinal);

bool isCreated(const Json& pod);  // has a phase: it exists in the API
bool isRunningAndReady(const Json& pod);
bool isRunningAndAvailable(const Json& pod, int64_t minReadySeconds, Time now);
bool isHealthy(const Json& pod);  // running, ready and not terminating
bool allowsBurst(const Json& set);  // podManagementPolicy Parallel
std::string getPodRevision(const Json& pod);

// The revision data: {"spec":{"template":{...,"$patch":"replace"}}}.
Json revisionData(const Json& set);
// A ControllerRevision (not yet created) for the set's current template.
Json newRevision(const Json& set, int64_t revision, int collisionCount);
// The set with its template restored from `revision`.
Json applyRevision(const Json& set, const Json& revision);
// One more than the last revision's number (1 for none); `sorted` by sortControllerRevisions.
int64_t nextRevision(const std::vector<ObjectPtr>& sorted);

struct StatefulSetStatus {
    int64_t observedGeneration = 0;
    int replicas = 0, readyReplicas = 0, currentReplicas = 0, updatedReplicas = 0, availableReplicas = 0;
    std::string currentRevision, updateRevision;
    int collisionCount = 0;
};
StatefulSetStatus parseStatus(const Json& set);
// As apps/v1 serialises it: replicas and availableReplicas always, collisionCount as set,
// the other counters and revisions only when non-zero/non-empty.
Json statusToJson(const StatefulSetStatus& s);
// The status differs from the set's in something worth a write.
bool inconsistentStatus(const Json& set, const StatefulSetStatus& status);
// A finished RollingUpdate: current revision := update revision.
void completeRollingUpdate(const Json& set, StatefulSetStatus& status);

}  // namespace kp::statefulset
