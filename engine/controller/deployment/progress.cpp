// The Progressing condition and progressDeadlineSeconds.
// Upstream: pkg/controller/deployment/progress.go
#include "api/labels.h"
#include "controller/deployment/deployment_controller.h"

namespace kp::controller {

using namespace deployment;

namespace {

std::string subject(const Json& d, const std::optional<Json>& newRS) {
    if (newRS)
        return "ReplicaSet " + labels::goQuote(stringAt(*newRS, "metadata.name"));
    return "Deployment " + labels::goQuote(stringAt(d, "metadata.name"));
}

}  // namespace

// Upstream: progress.go#syncRolloutStatus
// Progressing becomes (unless already NewReplicaSetAvailable for a finished rollout):
//   - True  NewReplicaSetAvailable  `ReplicaSet "x" has successfully progressed.` once complete;
//   - True  ReplicaSetUpdated       `ReplicaSet "x" is progressing.` whenever the counts moved
//     forward (lastUpdateTime moves, lastTransitionTime stays);
//   - False ProgressDeadlineExceeded `ReplicaSet "x" has timed out progressing.` once
//     lastUpdateTime is more than progressDeadlineSeconds old.
// A ReplicaFailure condition of the ReplicaSets (new one first) is copied over.
bool DeploymentController::syncRolloutStatus(const ReplicaSets& allRSs, const std::optional<Json>& newRS, Json& d,
                                             Outcome& o) {
    Json newStatus = calculateStatus(allRSs, newRS, d);
    if (!hasProgressDeadline(d))
        removeDeploymentCondition(newStatus, "Progressing");

    const Json* stored = findPath(d, "status");
    const Json empty = Json::object();
    const Json* currentCond = getDeploymentCondition(stored ? *stored : empty, "Progressing");
    const bool isCompleteDeployment = intAt(newStatus, "replicas") == intAt(newStatus, "updatedReplicas") &&
                                      currentCond && currentCond->value("reason", "") == kNewRSAvailableReason;
    if (hasProgressDeadline(d) && !isCompleteDeployment) {
        if (deploymentComplete(d, newStatus)) {
            setDeploymentCondition(newStatus, newDeploymentCondition("Progressing", "True", kNewRSAvailableReason,
                                                                     subject(d, newRS) + " has successfully progressed.", now()));
        } else if (deploymentProgressing(d, newStatus)) {
            Json condition = newDeploymentCondition("Progressing", "True", kReplicaSetUpdatedReason,
                                                    subject(d, newRS) + " is progressing.", now());
            if (currentCond) {
                if (currentCond->value("status", "") == "True")
                    condition["lastTransitionTime"] = currentCond->value("lastTransitionTime", Json(nullptr));
                removeDeploymentCondition(newStatus, "Progressing");
            }
            setDeploymentCondition(newStatus, std::move(condition));
        } else if (deploymentTimedOut(d, newStatus, now())) {
            setDeploymentCondition(newStatus, newDeploymentCondition("Progressing", "False", kTimedOutReason,
                                                                     subject(d, newRS) + " has timed out progressing.", now()));
        }
    }

    // getReplicaFailures: the new ReplicaSet's ReplicaFailure conditions, else any ReplicaSet's.
    std::optional<Json> failure;
    auto findFailure = [&](const Json& rs) {
        if (const Json* conds = findPath(rs, "status.conditions"); conds && conds->is_array())
            for (const Json& c : *conds)
                if (c.value("type", "") == "ReplicaFailure" && !failure)
                    failure = replicaSetToDeploymentCondition(c);
    };
    if (newRS)
        findFailure(*newRS);
    for (const Json& rs : allRSs)
        if (!failure)
            findFailure(rs);
    if (failure)
        setDeploymentCondition(newStatus, std::move(*failure));
    else
        removeDeploymentCondition(newStatus, "ReplicaFailure");

    Json holder = {{"status", newStatus}};
    newStatus = deploymentStatusOf(holder);
    if (deploymentStatusOf(d) == newStatus) {
        requeueStuckDeployment(d, newStatus, o);
        return true;
    }
    d["status"] = std::move(newStatus);
    return updateDeploymentStatus(d, o);
}

// Upstream: progress.go#requeueStuckDeployment: come back when the progress deadline passes
// (one second after it, against clock skew), or right away (rate-limited) when it is that close.
void DeploymentController::requeueStuckDeployment(const Json& d, const Json& newStatus, Outcome& o) {
    const Json* stored = findPath(d, "status");
    const Json empty = Json::object();
    const Json* currentCond = getDeploymentCondition(stored ? *stored : empty, "Progressing");
    if (!hasProgressDeadline(d) || !currentCond)
        return;
    if (deploymentComplete(d, newStatus) || currentCond->value("reason", "") == kTimedOutReason)
        return;
    const Time lastUpdate = parseRFC3339(currentCond->value("lastUpdateTime", "")).value_or(Time{});
    const Duration after = lastUpdate + Duration::seconds(intAt(d, "spec.progressDeadlineSeconds")) - now();
    if (after < Duration::seconds(1)) {
        o.rateLimited = true;
        return;
    }
    o.requeueAfter = after + Duration::seconds(1);
}

}  // namespace kp::controller
