// The Deployment controller's arithmetic and bookkeeping, as free functions over the JSON of
// Deployments and ReplicaSets: surge/unavailable fenceposts, proportional scaling, revision
// annotations, conditions, and the tests for "complete", "progressing" and "timed out".
// Upstream: pkg/controller/deployment/util/deployment_util.go, pkg/controller/controller_utils.go
// (ReplicaSet sorting and filtering).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/json.h"
#include "base/time.h"

namespace kp::deployment {

// [annotations]
inline constexpr const char* kRevisionAnnotation = "deployment.kubernetes.io/revision";
inline constexpr const char* kRevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
inline constexpr const char* kDesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
inline constexpr const char* kMaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";
inline constexpr const char* kDefaultDeploymentUniqueLabelKey = "pod-template-hash";
// revision-history keeps at most this many characters (oldest revisions drop out first).
inline constexpr size_t kMaxRevHistoryLengthInChars = 2000;

// [condition reasons]
inline constexpr const char* kReplicaSetUpdatedReason = "ReplicaSetUpdated";
inline constexpr const char* kFailedRSCreateReason = "ReplicaSetCreateError";
inline constexpr const char* kNewReplicaSetReason = "NewReplicaSetCreated";
inline constexpr const char* kFoundNewRSReason = "FoundNewReplicaSet";
inline constexpr const char* kNewRSAvailableReason = "NewReplicaSetAvailable";
inline constexpr const char* kTimedOutReason = "ProgressDeadlineExceeded";
inline constexpr const char* kPausedDeployReason = "DeploymentPaused";
inline constexpr const char* kResumedDeployReason = "DeploymentResumed";
inline constexpr const char* kMinimumReplicasAvailable = "MinimumReplicasAvailable";
inline constexpr const char* kMinimumReplicasUnavailable = "MinimumReplicasUnavailable";

using ReplicaSets = std::vector<Json>;

// spec.replicas (1 when absent, as defaulting guarantees it never is).
int32_t replicasOf(const Json& obj);
bool isRollingUpdate(const Json& d);
bool hasProgressDeadline(const Json& d);
bool hasRevisionHistoryLimit(const Json& d);

// [fenceposts]
// intstr.GetScaledValueFromIntOrPercent: 3 stays 3; "25%" of 10 is 3 rounded up or 2 rounded
// down. nullopt for a string that is not a percentage.
std::optional<int> scaledValueFromIntOrPercent(const Json& value, int total, bool roundUp);
// ResolveFenceposts: {maxSurge, maxUnavailable} for `desired` replicas. Surge rounds up,
// unavailable rounds down, and when both come out 0 unavailable becomes 1 (something has to
// give). Defaults 25%/25%: 3 replicas -> {1, 0}, 4 -> {1, 1}, 10 -> {3, 2}.
std::pair<int32_t, int32_t> resolveFenceposts(const Json* maxSurge, const Json* maxUnavailable, int32_t desired);
int32_t maxSurge(const Json& d);        // 0 for Recreate
int32_t maxUnavailable(const Json& d);  // 0 for Recreate or 0 replicas; at most spec.replicas

// NewRSNewReplicas: how big the new ReplicaSet may get now. RollingUpdate: up to
// replicas + maxSurge pods in total, and never past spec.replicas; Recreate: spec.replicas.
int32_t newRSNewReplicas(const Json& d, const ReplicaSets& allRSs, const Json& newRS);
// IsSaturated: the new ReplicaSet runs all replicas and all are available.
bool isSaturated(const Json& d, const Json* rs);
// GetProportion: the share of `toAdd` (positive or negative) one ReplicaSet gets when a
// Deployment is scaled in the middle of a rollout, never more than what is left to hand out.
// Concrete example: 10 replicas, maxSurge 3, mid-rollout with old=8 and new=5 (max-replicas
// annotation 13); scaled to 20 (allowed 20+5=25, toAdd 12): old gets round(8*25/13)-8 = 7,
// new gets round(5*25/13)-5 = 5, and the leftover 0 goes to the largest.
int32_t getProportion(const Json* rs, const Json& d, int32_t toAdd, int32_t added);

// [replica set lists]
int32_t specReplicas(const Json& rs);
int32_t getReplicaCountForReplicaSets(const ReplicaSets& rss);           // sum of spec.replicas
int32_t getActualReplicaCountForReplicaSets(const ReplicaSets& rss);     // sum of status.replicas
int32_t getReadyReplicaCountForReplicaSets(const ReplicaSets& rss);
int32_t getAvailableReplicaCountForReplicaSets(const ReplicaSets& rss);
ReplicaSets filterActiveReplicaSets(const ReplicaSets& rss);  // spec.replicas > 0
// Sorting (stable): by creationTimestamp then name; by size, ties older (or newer) first; by
// revision annotation, ties by creation.
void sortByCreationTimestamp(ReplicaSets& rss);
void sortBySizeOlder(ReplicaSets& rss);
void sortBySizeNewer(ReplicaSets& rss);
void sortByRevision(ReplicaSets& rss);
// FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's (ignoring
// pod-template-hash). Sorts `rsList` by creation.
std::optional<Json> findNewReplicaSet(const Json& d, ReplicaSets& rsList);
// FindOldReplicaSets: every other ReplicaSet, oldest first.
ReplicaSets findOldReplicaSets(const Json& d, ReplicaSets& rsList);
// FindActiveOrLatest: the only active ReplicaSet, else the newest one when none is active,
// else nullopt (several are active).
std::optional<Json> findActiveOrLatest(const std::optional<Json>& newRS, ReplicaSets oldRSs);

// [revisions]
// The revision annotation as a number: 0 when absent, nullopt when not a number.
std::optional<int64_t> revisionOf(const Json& obj);
int64_t maxRevision(const ReplicaSets& rss);
bool setDeploymentRevision(Json& d, const std::string& revision);
std::optional<int32_t> intAnnotation(const Json& rs, const char* key);
bool skipCopyAnnotation(std::string_view key);
// SetReplicasAnnotations: desired-replicas and max-replicas; returns whether they changed.
bool setReplicasAnnotations(Json& rs, int32_t desired, int32_t max);
bool replicasAnnotationsNeedUpdate(const Json& rs, int32_t desired, int32_t max);
// SetNewReplicaSetAnnotations: copies the Deployment's annotations (all but last-applied and
// the deployment.kubernetes.io ones), moves the revision forward to `newRevision` if it is
// higher (recording the old one in revision-history), and for a new ReplicaSet sets the replica
// annotations. Returns whether anything changed.
bool setNewReplicaSetAnnotations(const Json& d, Json& newRS, const std::string& newRevision, bool exists);

// [conditions]
Json newDeploymentCondition(const std::string& type, const std::string& status, const std::string& reason,
                            const std::string& message, Time now);
const Json* getDeploymentCondition(const Json& status, std::string_view type);
// SetDeploymentCondition: no change when status and reason are the same; lastTransitionTime
// kept when only the reason changed; the condition moves to the end of the list.
void setDeploymentCondition(Json& status, Json condition);
void removeDeploymentCondition(Json& status, std::string_view type);
Json replicaSetToDeploymentCondition(const Json& rsCondition);

// [status]
// The stored status of a Deployment with the omitempty fields that are zero or empty dropped,
// so two statuses compare equal exactly when the serialised objects would.
Json deploymentStatusOf(const Json& d);

// [progress]
// All replicas updated, present and available, and the latest generation observed.
bool deploymentComplete(const Json& d, const Json& newStatus);
// More updated, fewer old, more ready or more available replicas than the stored status.
bool deploymentProgressing(const Json& d, const Json& newStatus);
// The Progressing condition was last updated more than progressDeadlineSeconds ago.
bool deploymentTimedOut(const Json& d, const Json& newStatus, Time now);

}  // namespace kp::deployment
