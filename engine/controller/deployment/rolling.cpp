// RollingUpdate: grow the new ReplicaSet and shrink the old ones, never above
// replicas + maxSurge pods and never below replicas - maxUnavailable available ones.
// Upstream: pkg/controller/deployment/rolling.go
#include <algorithm>

#include "controller/deployment/deployment_controller.h"

namespace kp::controller {

using namespace deployment;

// Upstream: rolling.go#rolloutRolling
// 1. Find or create the new ReplicaSet.
// 2. Scale it up if allowed; otherwise scale old ReplicaSets down if allowed.
// 3. Once complete, clean up old ReplicaSets beyond revisionHistoryLimit.
// 4. Sync the status (with the Progressing condition).
bool DeploymentController::rolloutRolling(Json& d, const ReplicaSets& rsList, Outcome& o) {
    // 1.
    std::optional<Json> newRSOpt;
    ReplicaSets oldRSs;
    if (!getAllReplicaSetsAndSyncRevision(d, rsList, true, newRSOpt, oldRSs, o) || !newRSOpt)
        return false;
    Json& newRS = *newRSOpt;
    ReplicaSets allRSs = oldRSs;
    allRSs.push_back(newRS);

    // 2.
    bool scaledUp = false;
    if (!reconcileNewReplicaSet(allRSs, newRS, d, scaledUp, o))
        return false;
    if (scaledUp)
        return syncRolloutStatus(allRSs, newRSOpt, d, o);
    bool scaledDown = false;
    if (!reconcileOldReplicaSets(allRSs, filterActiveReplicaSets(oldRSs), newRS, d, scaledDown, o))
        return false;
    if (scaledDown)
        return syncRolloutStatus(allRSs, newRSOpt, d, o);

    // 3.
    const Json* stored = findPath(d, "status");
    if (deploymentComplete(d, stored ? *stored : Json::object()) && !cleanupDeployment(oldRSs, d, o))
        return false;

    // 4.
    return syncRolloutStatus(allRSs, newRSOpt, d, o);
}

// Upstream: rolling.go#reconcileNewReplicaSet
bool DeploymentController::reconcileNewReplicaSet(const ReplicaSets& allRSs, Json& newRS, const Json& d, bool& scaled,
                                                  Outcome& o) {
    scaled = false;
    if (specReplicas(newRS) == replicasOf(d))
        return true;
    if (specReplicas(newRS) > replicasOf(d))
        return scaleReplicaSetAndRecordEvent(newRS, replicasOf(d), d, scaled, o);
    return scaleReplicaSetAndRecordEvent(newRS, newRSNewReplicas(d, allRSs, newRS), d, scaled, o);
}

// Upstream: rolling.go#reconcileOldReplicaSets
// How far the old ReplicaSets may shrink:
//   maxScaledDown = allPods - minAvailable - newRSUnavailable
// counting the new ReplicaSet's pods that are not available yet, so that new pods which never
// become ready do not let the old ones shrink further.
// Concrete example: 10 replicas, maxUnavailable 2, maxSurge 3. The update creates the new RS
// with 3, old goes to 8, new to 5; the new pods crash-loop. allPods 13, minAvailable 8,
// newRSUnavailable 5: 13 - 8 - 5 = 0, so old pods stay even if one of them fails.
// Unhealthy old pods go first (cleanupUnhealthyReplicas), then healthy ones while more than
// minAvailable pods are available (scaleDownOldReplicaSetsForRollingUpdate).
bool DeploymentController::reconcileOldReplicaSets(const ReplicaSets& allRSs, ReplicaSets oldRSs, const Json& newRS,
                                                   const Json& d, bool& scaled, Outcome& o) {
    scaled = false;
    if (getReplicaCountForReplicaSets(oldRSs) == 0)
        return true;
    const int32_t allPodsCount = getReplicaCountForReplicaSets(allRSs);
    const int32_t minAvailable = replicasOf(d) - maxUnavailable(d);
    const int32_t newRSUnavailablePodCount =
        specReplicas(newRS) - static_cast<int32_t>(intAt(newRS, "status.availableReplicas"));
    const int32_t maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount;
    if (maxScaledDown <= 0)
        return true;

    // Errors while scaling down end this step quietly, as upstream does; the next sync retries.
    int32_t cleanupCount = 0;
    Outcome quiet;
    if (!cleanupUnhealthyReplicas(oldRSs, d, maxScaledDown, cleanupCount, quiet))
        return true;
    ReplicaSets all = oldRSs;
    all.push_back(newRS);
    int32_t scaledDownCount = 0;
    if (!scaleDownOldReplicaSetsForRollingUpdate(all, oldRSs, d, scaledDownCount, quiet))
        return true;
    scaled = cleanupCount + scaledDownCount > 0;
    (void)o;
    return true;
}

// Upstream: rolling.go#cleanupUnhealthyReplicas: old ReplicaSets (oldest first) lose their
// pods that are not available, up to maxCleanupCount; the ReplicaSet controller deletes the
// not-ready ones first, so availability does not drop.
bool DeploymentController::cleanupUnhealthyReplicas(ReplicaSets& oldRSs, const Json& d, int32_t maxCleanupCount,
                                                    int32_t& cleaned, Outcome& o) {
    sortByCreationTimestamp(oldRSs);
    cleaned = 0;
    for (Json& rs : oldRSs) {
        if (cleaned >= maxCleanupCount)
            break;
        const int32_t replicas = specReplicas(rs);
        const int32_t available = static_cast<int32_t>(intAt(rs, "status.availableReplicas"));
        if (replicas == 0 || replicas == available)
            continue;
        const int32_t scaleDown = std::min(maxCleanupCount - cleaned, replicas - available);
        bool scaled = false;
        if (!scaleReplicaSetAndRecordEvent(rs, replicas - scaleDown, d, scaled, o))
            return false;
        cleaned += scaleDown;
    }
    return true;
}

// Upstream: rolling.go#scaleDownOldReplicaSetsForRollingUpdate: old ReplicaSets (oldest
// first) shrink by as many pods as are available beyond minAvailable.
bool DeploymentController::scaleDownOldReplicaSetsForRollingUpdate(const ReplicaSets& allRSs, ReplicaSets oldRSs,
                                                                   const Json& d, int32_t& scaledDown, Outcome& o) {
    scaledDown = 0;
    const int32_t minAvailable = replicasOf(d) - maxUnavailable(d);
    const int32_t availablePodCount = getAvailableReplicaCountForReplicaSets(allRSs);
    if (availablePodCount <= minAvailable)
        return true;
    sortByCreationTimestamp(oldRSs);
    const int32_t totalScaleDownCount = availablePodCount - minAvailable;
    for (Json& rs : oldRSs) {
        if (scaledDown >= totalScaleDownCount)
            break;
        if (specReplicas(rs) == 0)
            continue;
        const int32_t scaleDownCount = std::min(specReplicas(rs), totalScaleDownCount - scaledDown);
        bool scaled = false;
        if (!scaleReplicaSetAndRecordEvent(rs, specReplicas(rs) - scaleDownCount, d, scaled, o))
            return false;
        scaledDown += scaleDownCount;
    }
    return true;
}

}  // namespace kp::controller
