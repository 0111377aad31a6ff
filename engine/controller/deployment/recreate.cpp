// Recreate: every old pod goes before any new one starts.
// Upstream: pkg/controller/deployment/recreate.go
#include "controller/deployment/deployment_controller.h"

namespace kp::controller {

using namespace deployment;

// Upstream: recreate.go#rolloutRecreate
// 1. Scale the active old ReplicaSets to 0; if that changed anything, stop here.
// 2. Wait until none of their pods is left running (Terminating pods still count).
// 3. Create the new ReplicaSet if needed and scale it to spec.replicas.
// 4. Once complete, clean up old ReplicaSets; sync the status.
bool DeploymentController::rolloutRecreate(Json& d, const ReplicaSets& rsList, Outcome& o) {
    std::optional<Json> newRS;
    ReplicaSets oldRSs;
    if (!getAllReplicaSetsAndSyncRevision(d, rsList, false, newRS, oldRSs, o))
        return false;
    ReplicaSets allRSs = oldRSs;
    if (newRS)
        allRSs.push_back(*newRS);

    // 1.
    bool scaledDown = false;
    for (Json rs : filterActiveReplicaSets(oldRSs)) {
        bool scaled = false;
        if (!scaleReplicaSetAndRecordEvent(rs, 0, d, scaled, o))
            return false;
        scaledDown = scaledDown || scaled;
    }
    if (scaledDown)
        return syncRolloutStatus(allRSs, newRS, d, o);

    // 2.
    if (oldPodsRunning(newRS, oldRSs, rsList))
        return syncRolloutStatus(allRSs, newRS, d, o);

    // 3.
    if (!newRS) {
        if (!getAllReplicaSetsAndSyncRevision(d, rsList, true, newRS, oldRSs, o) || !newRS)
            return false;
        allRSs = oldRSs;
        allRSs.push_back(*newRS);
    }
    bool scaled = false;
    if (!scaleReplicaSetAndRecordEvent(*newRS, replicasOf(d), d, scaled, o))
        return false;

    // 4.
    const Json* stored = findPath(d, "status");
    if (deploymentComplete(d, stored ? *stored : Json::object()) && !cleanupDeployment(oldRSs, d, o))
        return false;
    return syncRolloutStatus(allRSs, newRS, d, o);
}

// Upstream: recreate.go#oldPodsRunning: old ReplicaSets still report pods, or a pod of an old
// ReplicaSet is in any phase but Succeeded or Failed.
bool DeploymentController::oldPodsRunning(const std::optional<Json>& newRS, const ReplicaSets& oldRSs,
                                          const ReplicaSets& rsList) const {
    if (getActualReplicaCountForReplicaSets(oldRSs) > 0)
        return true;
    const std::string newUid = newRS ? stringAt(*newRS, "metadata.uid") : "";
    for (const Json& rs : rsList) {
        const std::string uid = stringAt(rs, "metadata.uid");
        if (newRS && uid == newUid)
            continue;
        auto it = podsByRS_.find(uid);
        if (it == podsByRS_.end())
            continue;
        for (const auto& [name, running] : it->second)
            if (running)
                return true;
    }
    return false;
}

}  // namespace kp::controller
