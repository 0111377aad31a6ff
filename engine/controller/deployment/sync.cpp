// The parts of a Deployment sync every strategy shares: finding (or creating) the new
// ReplicaSet and syncing revisions, scaling, cleaning up old ReplicaSets, the status.
// Upstream: pkg/controller/deployment/sync.go
#include <map>

#include "api/labels.h"
#include "api/owner_refs.h"
#include "controller/deployment/deployment_controller.h"
#include "controller/deployment/pod_template_hash.h"

namespace kp::controller {

using namespace deployment;

namespace {

constexpr const char* kDeployments = "deployments.apps";
constexpr const char* kReplicaSets = "replicasets.apps";

ReplicaSets withNew(ReplicaSets oldRSs, const std::optional<Json>& newRS) {
    if (newRS)
        oldRSs.push_back(*newRS);
    return oldRSs;
}

bool namespaceTerminating(const Status& s) {
    const std::string suffix = "because it is being terminated";
    const std::string& m = s.message();
    return m.size() >= suffix.size() && m.compare(m.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

// The status subresource of a Deployment also takes metadata changes (upstream's status
// strategy only resets spec and labels): that is how the revision annotation gets written.
bool DeploymentController::updateDeploymentStatus(Json& d, Outcome& o) {
    d["status"] = deploymentStatusOf(d);
    if (d["status"].empty())
        d.erase("status");
    ApiResponse r = client_.updateStatus(d, writeOptions());
    if (!r.ok()) {
        if (o.error.empty())
            o.error = r.status.message();
        return false;
    }
    d["metadata"]["resourceVersion"] = r.object["metadata"]["resourceVersion"];
    // SIMPLIFICATION: our apiserver's status endpoint keeps metadata as stored, so annotation
    // changes carried by the status update are written with a merge patch right after.
    const Json* want = findPath(d, "metadata.annotations");
    const Json* got = findPath(r.object, "metadata.annotations");
    if (!want || (got && *want == *got))
        return true;
    Json patch = {{"metadata", {{"annotations", *want}}}};
    ApiResponse p = client_.patch(client_.resource(kDeployments), stringAt(d, "metadata.namespace"),
                                  stringAt(d, "metadata.name"), PatchType::MergePatch, patch.dump(), writeOptions());
    if (!p.ok()) {
        if (o.error.empty())
            o.error = p.status.message();
        return false;
    }
    d["metadata"]["resourceVersion"] = p.object["metadata"]["resourceVersion"];
    return true;
}

// Upstream: sync.go#syncStatusOnly
bool DeploymentController::syncStatusOnly(Json& d, const ReplicaSets& rsList, Outcome& o) {
    std::optional<Json> newRS;
    ReplicaSets oldRSs;
    if (!getAllReplicaSetsAndSyncRevision(d, rsList, false, newRS, oldRSs, o))
        return false;
    return syncDeploymentStatus(withNew(oldRSs, newRS), newRS, d, o);
}

// Upstream: sync.go#sync: scaling events and paused Deployments.
bool DeploymentController::sync(Json& d, const ReplicaSets& rsList, Outcome& o) {
    std::optional<Json> newRS;
    ReplicaSets oldRSs;
    if (!getAllReplicaSetsAndSyncRevision(d, rsList, false, newRS, oldRSs, o))
        return false;
    if (!scale(d, newRS, oldRSs, o))
        return false;
    if (boolAt(d, "spec.paused") && !cleanupDeployment(oldRSs, d, o))
        return false;
    return syncDeploymentStatus(withNew(oldRSs, newRS), newRS, d, o);
}

// Upstream: sync.go#checkPausedConditions: a Progressing condition with status Unknown while
// paused, so the time spent paused never counts against progressDeadlineSeconds.
bool DeploymentController::checkPausedConditions(Json& d, Outcome& o) {
    if (!hasProgressDeadline(d))
        return true;
    const Json status = deploymentStatusOf(d);
    const Json* cond = getDeploymentCondition(status, "Progressing");
    if (cond && cond->value("reason", "") == kTimedOutReason)
        return true;  // a reported lack of progress is not overwritten
    const bool pausedCondExists = cond && cond->value("reason", "") == kPausedDeployReason;
    const bool paused = boolAt(d, "spec.paused");
    Json condition;
    if (paused && !pausedCondExists)
        condition = newDeploymentCondition("Progressing", "Unknown", kPausedDeployReason, "Deployment is paused", now());
    else if (!paused && pausedCondExists)
        condition = newDeploymentCondition("Progressing", "Unknown", kResumedDeployReason, "Deployment is resumed", now());
    else
        return true;
    setDeploymentCondition(d["status"], std::move(condition));
    return updateDeploymentStatus(d, o);
}

// Upstream: sync.go#getAllReplicaSetsAndSyncRevision: the new ReplicaSet (with its revision
// brought up to date) and every old one, oldest first.
bool DeploymentController::getAllReplicaSetsAndSyncRevision(Json& d, ReplicaSets rsList, bool createIfNotExisted,
                                                            std::optional<Json>& newRS, ReplicaSets& oldRSs,
                                                            Outcome& o) {
    oldRSs = findOldReplicaSets(d, rsList);
    return getNewReplicaSet(d, rsList, oldRSs, createIfNotExisted, newRS, o);
}

// Upstream: sync.go#getNewReplicaSet
// 1. An existing ReplicaSet with the Deployment's template: bring its annotations (copied
//    annotations, revision = max old revision + 1 when higher) and minReadySeconds up to date,
//    and the Deployment's revision annotation to the ReplicaSet's.
// 2. None, and asked to: create "<deploy>-<hash>" with as many replicas as the strategy allows
//    now. A name taken by a ReplicaSet with another template is a hash collision: bump
//    status.collisionCount and try again on the next sync.
bool DeploymentController::getNewReplicaSet(Json& d, const ReplicaSets& rsList, const ReplicaSets& oldRSs,
                                            bool createIfNotExisted, std::optional<Json>& newRS, Outcome& o) {
    ReplicaSets sorted = rsList;
    std::optional<Json> existing = findNewReplicaSet(d, sorted);
    const std::string newRevision = std::to_string(maxRevision(oldRSs) + 1);
    const std::string ns = stringAt(d, "metadata.namespace");

    // 1.
    if (existing) {
        Json rsCopy = *existing;
        const bool annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
        const int64_t minReadySeconds = intAt(d, "spec.minReadySeconds");
        if (annotationsUpdated || intAt(rsCopy, "spec.minReadySeconds") != minReadySeconds) {
            if (minReadySeconds == 0)
                rsCopy["spec"].erase("minReadySeconds");
            else
                rsCopy["spec"]["minReadySeconds"] = minReadySeconds;
            ApiResponse r = client_.update(rsCopy, writeOptions());
            if (!r.ok()) {
                o.error = r.status.message();
                return false;
            }
            newRS = std::move(r.object);
            return true;
        }
        // The annotation key has dots, so it cannot go through a dotted path.
        const Json* rsAnnotations = findPath(rsCopy, "metadata.annotations");
        bool needsUpdate = setDeploymentRevision(
            d, rsAnnotations && rsAnnotations->is_object() ? rsAnnotations->value(kRevisionAnnotation, "") : "");
        // Old Deployments that never had a Progressing condition get one now.
        if (hasProgressDeadline(d) && !getDeploymentCondition(deploymentStatusOf(d), "Progressing")) {
            setDeploymentCondition(d["status"],
                                   newDeploymentCondition("Progressing", "True", kFoundNewRSReason,
                                                          "Found new replica set " + labels::goQuote(stringAt(rsCopy, "metadata.name")),
                                                          now()));
            needsUpdate = true;
        }
        if (needsUpdate && !updateDeploymentStatus(d, o))
            return false;
        newRS = std::move(rsCopy);
        return true;
    }
    if (!createIfNotExisted)
        return true;

    // 2.
    Json newTemplate = findPath(d, "spec.template") ? d["spec"]["template"] : Json::object();
    std::optional<int64_t> collisionCount;
    if (const Json* c = findPath(d, "status.collisionCount"); c && c->is_number_integer())
        collisionCount = c->get<int64_t>();
    const std::string hash = computeHash(newTemplate, collisionCount);
    newTemplate["metadata"]["labels"][kDefaultDeploymentUniqueLabelKey] = hash;
    Json selector = findPath(d, "spec.selector") ? d["spec"]["selector"] : Json::object();
    selector["matchLabels"][kDefaultDeploymentUniqueLabelKey] = hash;

    const std::string rsName = stringAt(d, "metadata.name") + "-" + hash;
    Json rs = {{"apiVersion", "apps/v1"},
               {"kind", "ReplicaSet"},
               {"metadata",
                {{"name", rsName},
                 {"namespace", ns},
                 {"labels", newTemplate["metadata"]["labels"]},
                 {"ownerReferences", Json::array({owner::newControllerRef(d)})}}},
               {"spec", {{"replicas", 0}, {"selector", selector}, {"template", newTemplate}}}};
    if (const int64_t mrs = intAt(d, "spec.minReadySeconds"); mrs != 0)
        rs["spec"]["minReadySeconds"] = mrs;
    const int32_t newReplicasCount = newRSNewReplicas(d, withNew(oldRSs, rs), rs);
    rs["spec"]["replicas"] = newReplicasCount;
    setNewReplicaSetAnnotations(d, rs, newRevision, false);

    bool alreadyExists = false;
    ApiResponse created = client_.create(rs, writeOptions());
    Json createdRS;
    if (created.ok()) {
        createdRS = std::move(created.object);
    } else if (created.status.isAlreadyExists()) {
        alreadyExists = true;
        ObjectPtr other = client_.server().store().get(kReplicaSets, ns, rsName);
        if (!other) {
            o.error = created.status.message();
            return false;
        }
        const Json* ref = owner::controllerRef(*other);
        const Json* otherTmpl = findPath(*other, "spec.template");
        if (ref && stringAt(*ref, "uid") == stringAt(d, "metadata.uid") && otherTmpl &&
            equalIgnoreHash(d["spec"]["template"], *otherTmpl)) {
            createdRS = *other;
        } else {
            // A hash collision: a different template hashed to the same name.
            d["status"]["collisionCount"] = collisionCount.value_or(0) + 1;
            Outcome ignored;
            updateDeploymentStatus(d, ignored);
            o.error = created.status.message();
            return false;
        }
    } else if (namespaceTerminating(created.status)) {
        o.error = created.status.message();
        return false;
    } else {
        const std::string msg = "Failed to create new replica set " + labels::goQuote(rsName) + ": " + created.status.message();
        if (hasProgressDeadline(d)) {
            setDeploymentCondition(d["status"], newDeploymentCondition("Progressing", "False", kFailedRSCreateReason, msg, now()));
            Outcome ignored;
            updateDeploymentStatus(d, ignored);
        }
        events_.event(d, "Warning", kFailedRSCreateReason, msg);
        o.error = created.status.message();
        return false;
    }
    if (!alreadyExists && newReplicasCount > 0)
        events_.event(d, "Normal", "ScalingReplicaSet",
                      "Scaled up replica set " + stringAt(createdRS, "metadata.name") + " from 0 to " +
                          std::to_string(newReplicasCount));

    bool needsUpdate = setDeploymentRevision(d, newRevision);
    if (!alreadyExists && hasProgressDeadline(d)) {
        setDeploymentCondition(d["status"],
                               newDeploymentCondition("Progressing", "True", kNewReplicaSetReason,
                                                      "Created new replica set " +
                                                          labels::goQuote(stringAt(createdRS, "metadata.name")),
                                                      now()));
        needsUpdate = true;
    }
    newRS = std::move(createdRS);
    if (needsUpdate && !updateDeploymentStatus(d, o))
        return false;
    return true;
}

// Upstream: sync.go#scale: proportional scaling.
// - One active ReplicaSet (or none: the newest): it gets spec.replicas.
// - The new ReplicaSet is saturated: the old ones go to 0.
// - RollingUpdate mid-rollout: the difference between replicas+maxSurge and the pods of all
//   active ReplicaSets is spread over them in proportion to their size (getProportion), the
//   rounding leftover going to the largest; scaling up, newer ReplicaSets come first among
//   equals, scaling down older ones.
bool DeploymentController::scale(Json& d, const std::optional<Json>& newRS, const ReplicaSets& oldRSs, Outcome& o) {
    bool scaled = false;
    if (std::optional<Json> activeOrLatest = findActiveOrLatest(newRS, oldRSs)) {
        if (specReplicas(*activeOrLatest) == replicasOf(d))
            return true;
        return scaleReplicaSetAndRecordEvent(*activeOrLatest, replicasOf(d), d, scaled, o);
    }
    if (isSaturated(d, newRS ? &*newRS : nullptr)) {
        for (Json old : filterActiveReplicaSets(oldRSs))
            if (!scaleReplicaSetAndRecordEvent(old, 0, d, scaled, o))
                return false;
        return true;
    }
    if (!isRollingUpdate(d))
        return true;

    ReplicaSets allRSs = filterActiveReplicaSets(withNew(oldRSs, newRS));
    const int32_t allRSsReplicas = getReplicaCountForReplicaSets(allRSs);
    const int32_t allowedSize = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
    const int32_t toAdd = allowedSize - allRSsReplicas;
    std::string operation;
    if (toAdd > 0) {
        sortBySizeNewer(allRSs);
        operation = "up";
    } else if (toAdd < 0) {
        sortBySizeOlder(allRSs);
        operation = "down";
    }
    int32_t added = 0;
    std::map<std::string, int32_t> nameToSize;
    for (const Json& rs : allRSs) {
        const std::string name = stringAt(rs, "metadata.name");
        if (toAdd == 0) {
            nameToSize[name] = specReplicas(rs);
            continue;
        }
        const int32_t proportion = getProportion(&rs, d, toAdd, added);
        nameToSize[name] = specReplicas(rs) + proportion;
        added += proportion;
    }
    for (size_t i = 0; i < allRSs.size(); ++i) {
        Json& rs = allRSs[i];
        const std::string name = stringAt(rs, "metadata.name");
        if (i == 0 && toAdd != 0) {
            nameToSize[name] += toAdd - added;  // the leftover goes to the largest
            if (nameToSize[name] < 0)
                nameToSize[name] = 0;
        }
        if (!scaleReplicaSet(rs, nameToSize[name], d, operation, scaled, o))
            return false;
    }
    return true;
}

bool DeploymentController::scaleReplicaSetAndRecordEvent(Json& rs, int32_t newScale, const Json& d, bool& scaled,
                                                         Outcome& o) {
    scaled = false;
    if (specReplicas(rs) == newScale)
        return true;
    return scaleReplicaSet(rs, newScale, d, specReplicas(rs) < newScale ? "up" : "down", scaled, o);
}

// Upstream: sync.go#scaleReplicaSet: spec.replicas and the desired/max-replicas annotations in
// one update; the event only when the size changed.
bool DeploymentController::scaleReplicaSet(Json& rs, int32_t newScale, const Json& d, const std::string& operation,
                                           bool& scaled, Outcome& o) {
    scaled = false;
    const bool sizeNeedsUpdate = specReplicas(rs) != newScale;
    const int32_t desired = replicasOf(d), max = replicasOf(d) + maxSurge(d);
    if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max))
        return true;
    const int32_t oldScale = specReplicas(rs);
    Json copy = rs;
    copy["spec"]["replicas"] = newScale;
    setReplicasAnnotations(copy, desired, max);
    ApiResponse r = client_.update(copy, writeOptions());
    if (!r.ok()) {
        if (o.error.empty())
            o.error = r.status.message();
        return false;
    }
    rs = std::move(r.object);
    if (sizeNeedsUpdate) {
        scaled = true;
        events_.event(d, "Normal", "ScalingReplicaSet",
                      "Scaled " + operation + " replica set " + stringAt(rs, "metadata.name") + " from " +
                          std::to_string(oldScale) + " to " + std::to_string(newScale));
    }
    return true;
}

// Upstream: sync.go#cleanupDeployment: deletes the oldest old ReplicaSets beyond
// revisionHistoryLimit, but only those with no replicas left whose status is current.
bool DeploymentController::cleanupDeployment(const ReplicaSets& oldRSs, const Json& d, Outcome& o) {
    if (!hasRevisionHistoryLimit(d))
        return true;
    ReplicaSets cleanable;
    for (const Json& rs : oldRSs)
        if (!findPath(rs, "metadata.deletionTimestamp"))
            cleanable.push_back(rs);
    const int64_t diff = static_cast<int64_t>(cleanable.size()) - intAt(d, "spec.revisionHistoryLimit");
    if (diff <= 0)
        return true;
    sortByRevision(cleanable);
    for (int64_t i = 0; i < diff; ++i) {
        const Json& rs = cleanable[static_cast<size_t>(i)];
        if (intAt(rs, "status.replicas") != 0 || specReplicas(rs) != 0 ||
            intAt(rs, "metadata.generation") > intAt(rs, "status.observedGeneration"))
            continue;
        DeleteOptions opts;
        opts.actor = "deployment-controller";
        ApiResponse r = client_.remove(client_.resource(kReplicaSets), stringAt(rs, "metadata.namespace"),
                                       stringAt(rs, "metadata.name"), opts);
        if (!r.ok() && !r.status.isNotFound()) {
            o.error = r.status.message();
            return false;
        }
    }
    return true;
}

// Upstream: sync.go#calculateStatus
Json DeploymentController::calculateStatus(const ReplicaSets& allRSs, const std::optional<Json>& newRS,
                                           const Json& d) const {
    const int32_t available = getAvailableReplicaCountForReplicaSets(allRSs);
    const int32_t total = getReplicaCountForReplicaSets(allRSs);
    const int32_t unavailable = std::max(0, total - available);
    Json status = Json::object();
    status["observedGeneration"] = intAt(d, "metadata.generation");
    status["replicas"] = getActualReplicaCountForReplicaSets(allRSs);
    status["updatedReplicas"] = newRS ? getActualReplicaCountForReplicaSets({*newRS}) : 0;
    status["readyReplicas"] = getReadyReplicaCountForReplicaSets(allRSs);
    status["availableReplicas"] = available;
    status["unavailableReplicas"] = unavailable;
    if (const Json* c = findPath(d, "status.collisionCount"); c && c->is_number_integer())
        status["collisionCount"] = *c;
    if (const Json* conds = findPath(d, "status.conditions"); conds && conds->is_array())
        status["conditions"] = *conds;
    if (available >= replicasOf(d) - maxUnavailable(d))
        setDeploymentCondition(status, newDeploymentCondition("Available", "True", kMinimumReplicasAvailable,
                                                              "Deployment has minimum availability.", now()));
    else
        setDeploymentCondition(status, newDeploymentCondition("Available", "False", kMinimumReplicasUnavailable,
                                                              "Deployment does not have minimum availability.", now()));
    Json holder = {{"status", status}};
    return deploymentStatusOf(holder);
}

// Upstream: sync.go#syncDeploymentStatus
bool DeploymentController::syncDeploymentStatus(const ReplicaSets& allRSs, const std::optional<Json>& newRS, Json& d,
                                                Outcome& o) {
    Json newStatus = calculateStatus(allRSs, newRS, d);
    if (deploymentStatusOf(d) == newStatus)
        return true;
    d["status"] = std::move(newStatus);
    return updateDeploymentStatus(d, o);
}

// Upstream: sync.go#isScalingEvent: an active ReplicaSet whose desired-replicas annotation is not
// the Deployment's spec.replicas.
bool DeploymentController::isScalingEvent(Json& d, const ReplicaSets& rsList, bool& scaling, Outcome& o) {
    scaling = false;
    std::optional<Json> newRS;
    ReplicaSets oldRSs;
    if (!getAllReplicaSetsAndSyncRevision(d, rsList, false, newRS, oldRSs, o))
        return false;
    for (const Json& rs : filterActiveReplicaSets(withNew(oldRSs, newRS))) {
        std::optional<int32_t> desired = intAnnotation(rs, kDesiredReplicasAnnotation);
        if (desired && *desired != replicasOf(d)) {
            scaling = true;
            return true;
        }
    }
    return true;
}

}  // namespace kp::controller
