// DeploymentController rolls a Deployment's pod template out through ReplicaSets:
//   - the ReplicaSet for the current template is "<deploy>-<pod-template-hash>" (the hash also
//     joins its selector, template labels and pods' labels); a ReplicaSet whose template equals
//     the Deployment's is reused, which is what makes `kubectl rollout undo` (client-side in
//     apps/v1) bring an old ReplicaSet back: its revision moves to max+1 and the old number goes
//     to deployment.kubernetes.io/revision-history;
//   - RollingUpdate grows the new ReplicaSet and shrinks the old ones within maxSurge and
//     maxUnavailable; Recreate scales the old ones to 0, waits until their pods are gone, then
//     creates the new one at full size; a scale in the middle of a rollout is spread over the
//     active ReplicaSets in proportion;
//   - a paused Deployment only scales; old ReplicaSets with 0 replicas beyond
//     revisionHistoryLimit are deleted;
//   - status: replicas, updatedReplicas, readyReplicas, availableReplicas,
//     unavailableReplicas, observedGeneration, collisionCount, conditions Available and
//     Progressing (NewReplicaSetCreated, FoundNewReplicaSet, ReplicaSetUpdated,
//     NewReplicaSetAvailable, ProgressDeadlineExceeded, DeploymentPaused, DeploymentResumed);
//   - events ScalingReplicaSet "Scaled up replica set hello-7d4b9c8f6d from 0 to 3".
// Upstream: pkg/controller/deployment (deployment_controller.go, sync.go, rolling.go,
// recreate.go, progress.go, util/deployment_util.go).
//
// [FILES] deployment_controller.cpp  events, syncDeployment, claiming ReplicaSets
//         sync.cpp                   new/old ReplicaSets, revisions, scaling, cleanup, status
//         rolling.cpp recreate.cpp   the two strategies
//         progress.cpp               syncRolloutStatus, the progress deadline
//
// SIMPLIFICATION: the deprecated rollback annotation (deprecated.deployment.rollback.to, only
// set by converting the removed extensions/v1beta1 spec.rollbackTo) is ignored.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "client/client.h"
#include "client/event_recorder.h"
#include "controller/controller.h"
#include "controller/deployment/deployment_util.h"

namespace kp::controller {

class DeploymentController final : public Controller {
public:
    DeploymentController(ApiServer& server, const Clock& clock);

    std::string_view name() const override { return "deployment-controller"; }
    std::vector<std::string> watches() const override { return {"deployments.apps", "replicasets.apps", "pods"}; }
    void onEvent(const WatchEvent& event) override;
    // Key: "<namespace>/<name>" of a Deployment.
    ReconcileResult reconcile(const std::string& key) override;

private:
    using ReplicaSets = deployment::ReplicaSets;
    // A sync's outcome besides its writes: the first error, and when to look again.
    struct Outcome {
        std::string error;
        std::optional<Duration> requeueAfter;
        bool rateLimited = false;
    };

    // [events] deployment_controller.cpp
    void onReplicaSetEvent(const WatchEvent& event);
    void onPodEvent(const WatchEvent& event);
    void enqueueDeploymentOf(const Json& rs);
    void enqueueMatching(const Json& rs);
    ObjectPtr resolveControllerRef(const std::string& ns, const Json* ref);
    Outcome syncDeployment(const std::string& key);
    bool getReplicaSetsForDeployment(const Json& d, ReplicaSets& out, Outcome& o);

    // [sync] sync.cpp
    bool getAllReplicaSetsAndSyncRevision(Json& d, ReplicaSets rsList, bool createIfNotExisted,
                                          std::optional<Json>& newRS, ReplicaSets& oldRSs, Outcome& o);
    bool getNewReplicaSet(Json& d, const ReplicaSets& rsList, const ReplicaSets& oldRSs, bool createIfNotExisted,
                          std::optional<Json>& newRS, Outcome& o);
    bool scale(Json& d, const std::optional<Json>& newRS, const ReplicaSets& oldRSs, Outcome& o);
    // scaleReplicaSetAndRecordEvent / scaleReplicaSet: `rs` becomes the updated object.
    bool scaleReplicaSetAndRecordEvent(Json& rs, int32_t newScale, const Json& d, bool& scaled, Outcome& o);
    bool scaleReplicaSet(Json& rs, int32_t newScale, const Json& d, const std::string& operation, bool& scaled,
                         Outcome& o);
    bool cleanupDeployment(const ReplicaSets& oldRSs, const Json& d, Outcome& o);
    Json calculateStatus(const ReplicaSets& allRSs, const std::optional<Json>& newRS, const Json& d) const;
    bool syncDeploymentStatus(const ReplicaSets& allRSs, const std::optional<Json>& newRS, Json& d, Outcome& o);
    bool isScalingEvent(Json& d, const ReplicaSets& rsList, bool& scaling, Outcome& o);
    bool checkPausedConditions(Json& d, Outcome& o);
    bool sync(Json& d, const ReplicaSets& rsList, Outcome& o);
    bool syncStatusOnly(Json& d, const ReplicaSets& rsList, Outcome& o);
    // UpdateStatus of `d` (status and annotations); `d` takes the new resourceVersion.
    bool updateDeploymentStatus(Json& d, Outcome& o);

    // [strategies] rolling.cpp, recreate.cpp
    bool rolloutRolling(Json& d, const ReplicaSets& rsList, Outcome& o);
    bool reconcileNewReplicaSet(const ReplicaSets& allRSs, Json& newRS, const Json& d, bool& scaled, Outcome& o);
    bool reconcileOldReplicaSets(const ReplicaSets& allRSs, ReplicaSets oldRSs, const Json& newRS, const Json& d,
                                 bool& scaled, Outcome& o);
    bool cleanupUnhealthyReplicas(ReplicaSets& oldRSs, const Json& d, int32_t maxCleanupCount, int32_t& cleaned,
                                  Outcome& o);
    bool scaleDownOldReplicaSetsForRollingUpdate(const ReplicaSets& allRSs, ReplicaSets oldRSs, const Json& d,
                                                 int32_t& scaledDown, Outcome& o);
    bool rolloutRecreate(Json& d, const ReplicaSets& rsList, Outcome& o);
    bool oldPodsRunning(const std::optional<Json>& newRS, const ReplicaSets& oldRSs, const ReplicaSets& rsList) const;

    // [progress] progress.cpp
    bool syncRolloutStatus(const ReplicaSets& allRSs, const std::optional<Json>& newRS, Json& d, Outcome& o);
    void requeueStuckDeployment(const Json& d, const Json& newStatus, Outcome& o);

    WriteOptions writeOptions() const;
    Time now() const { return clock_.now(); }

    Client client_;
    EventRecorder events_;
    const Clock& clock_;

    // From watch events: the last version of each ReplicaSet (to see what an update changed)
    // and, per ReplicaSet uid, its pods and whether each is still running (not Succeeded or
    // Failed): what a Recreate rollout waits for.
    std::map<std::string, ObjectPtr> replicaSets_;                       // "ns/name"
    std::map<std::string, std::string> podOwner_;                        // pod "ns/name" -> RS uid
    std::map<std::string, std::map<std::string, bool>> podsByRS_;        // RS uid -> pod name -> running
};

}  // namespace kp::controller
