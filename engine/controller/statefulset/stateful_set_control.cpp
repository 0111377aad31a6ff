// The StatefulSet control loop (upstream defaultStatefulSetControl):
//  1. find or create the ControllerRevision of the current template (update revision); the
//     current revision is the one status.currentRevision names;
//  2. place pods by ordinal: [start, start+replicas) are replicas (missing ones are built at the
//     right revision), the rest are condemned;
//  3. replicas in ordinal order: recreate failed/succeeded ones, create missing ones, fix
//     identity and storage; OrderedReady stops at the first pod that is not Running+Ready;
//  4. condemned pods from the highest ordinal down: delete (OrderedReady: one at a time, once
//     everything lower is healthy);
//  5. RollingUpdate: delete the highest-ordinal pod (>= partition) not at the update revision,
//     one per sync, after the ones above it are healthy again;
//  6. write status; keep revisionHistoryLimit old revisions.
#include <algorithm>

#include "api/owner_refs.h"
#include "api/pod_util.h"
#include "controller/statefulset/controller_history.h"
#include "controller/statefulset/stateful_set.h"

namespace kp::statefulset {
namespace {

struct ReplicaCounts {
    int replicas = 0, ready = 0, available = 0, current = 0, updated = 0;
};

// Upstream: stateful_set_control.go#computeReplicaStatus / updateStatus
void updateStatus(StatefulSetStatus& status, int64_t minReadySeconds, const std::string& currentRevision,
                  const std::string& updateRevision, Time now, const std::vector<const std::vector<Json>*>& lists) {
    ReplicaCounts c;
    for (const auto* list : lists) {
        for (const Json& pod : *list) {
            if (isCreated(pod))
                ++c.replicas;
            if (isRunningAndReady(pod)) {
                ++c.ready;
                if (isRunningAndAvailable(pod, minReadySeconds, now))
                    ++c.available;
            }
            if (isCreated(pod) && !pod::isTerminating(pod)) {
                if (getPodRevision(pod) == currentRevision)
                    ++c.current;
                if (getPodRevision(pod) == updateRevision)
                    ++c.updated;
            }
        }
    }
    status.replicas = c.replicas;
    status.readyReplicas = c.ready;
    status.availableReplicas = c.available;
    status.currentReplicas = c.current;
    status.updatedReplicas = c.updated;
}

}  // namespace

// Upstream: stateful_set_control.go#UpdateStatefulSet
bool StatefulSetController::updateStatefulSet(const Json& set, const std::vector<ObjectPtr>& pods,
                                              std::optional<StatefulSetStatus>& status) {
    std::vector<ObjectPtr> revisions = listRevisions(set);
    sortControllerRevisions(revisions);
    Json current, update;
    int collisionCount = 0;
    if (!getStatefulSetRevisions(set, revisions, current, update, collisionCount))
        return false;
    StatefulSetStatus computed;
    bool error = false;
    const bool haveStatus = performUpdate(set, current, update, collisionCount, pods, computed, error);
    if (haveStatus) {
        if (!updateStatefulSetStatus(set, computed))
            error = true;
        status = computed;
    }
    truncateHistory(set, pods, revisions, current, update);
    return !error;
}

// Upstream: history.ListControllerRevisions: matching the selector, owned by the set or by nobody.
std::vector<ObjectPtr> StatefulSetController::listRevisions(const Json& set) const {
    std::vector<ObjectPtr> out;
    std::string err;
    const Json* sel = findPath(set, "spec.selector");
    auto selector = sel ? labels::labelSelectorAsSelector(*sel, &err) : std::nullopt;
    if (!selector)
        return out;
    const std::string uid = stringAt(set, "metadata.uid");
    for (const ObjectPtr& rev : store_.list("controllerrevisions.apps", stringAt(set, "metadata.namespace"))) {
        if (!selector->matchesLabelsOf(*rev))
            continue;
        const Json* ref = owner::controllerRef(*rev);
        if (!ref || ref->value("uid", "") == uid)
            out.push_back(rev);
    }
    return out;
}

// Upstream: stateful_set_control.go#getStatefulSetRevisions
bool StatefulSetController::getStatefulSetRevisions(const Json& set, const std::vector<ObjectPtr>& revisions, Json& current,
                                                     Json& update, int& collisionCount) {
    collisionCount = static_cast<int>(intAt(set, "status.collisionCount"));
    const Json candidate = newRevision(set, nextRevision(revisions), collisionCount);
    std::vector<ObjectPtr> equal;
    for (const ObjectPtr& r : revisions)
        if (equalRevision(*r, candidate))
            equal.push_back(r);
    if (!equal.empty() && equalRevision(*revisions.back(), *equal.back())) {
        update = *revisions.back();  // the template has not changed
    } else if (!equal.empty()) {
        // Back to an older template (a rollback): that revision becomes the newest again.
        Json bumped = *equal.back();
        bumped["revision"] = candidate["revision"];
        ApiResponse r = client_.update(bumped);
        if (!r.ok())
            return false;
        update = r.object;
    } else if (!createControllerRevision(set, candidate, collisionCount, update)) {
        return false;
    }
    current = Json();
    const std::string currentName = stringAt(set, "status.currentRevision");
    for (const ObjectPtr& r : revisions)
        if (stringAt(*r, "metadata.name") == currentName) {
            current = *r;
            break;
        }
    if (current.is_null())
        current = update;  // first sync: the history starts here
    return true;
}

// Upstream: history.CreateControllerRevision: on a name clash with different data, count a
// collision and try the next hash.
bool StatefulSetController::createControllerRevision(const Json& set, const Json& revision, int& collisionCount, Json& created) {
    Json clone = revision;
    for (int attempt = 0; attempt < 100; ++attempt) {
        const std::string hash = hashControllerRevision(revision["data"], collisionCount);
        clone["metadata"]["name"] = controllerRevisionName(stringAt(set, "metadata.name"), hash);
        ApiResponse r = client_.create(clone);
        if (r.ok()) {
            created = r.object;
            return true;
        }
        if (!r.status.isAlreadyExists())
            return false;
        ObjectPtr exists = store_.get("controllerrevisions.apps", stringAt(clone, "metadata.namespace"), stringAt(clone, "metadata.name"));
        if (!exists)
            return false;
        if (exists->value("data", Json()) == clone["data"]) {
            created = *exists;
            return true;
        }
        ++collisionCount;
    }
    return false;
}

// Upstream: stateful_set_control.go#updateStatefulSet. Returns whether `status` was computed.
bool StatefulSetController::performUpdate(const Json& set, const Json& current, const Json& update, int collisionCount,
                                          const std::vector<ObjectPtr>& pods, StatefulSetStatus& status, bool& error) {
    const Json currentSet = applyRevision(set, current);
    const Json updateSet = applyRevision(set, update);
    const std::string currentName = stringAt(current, "metadata.name"), updateName = stringAt(update, "metadata.name");
    const int64_t minReady = intAt(set, "spec.minReadySeconds");
    const Time now = clock_.now();

    status = StatefulSetStatus{};
    status.observedGeneration = intAt(set, "metadata.generation");
    status.currentRevision = currentName;
    status.updateRevision = updateName;
    status.collisionCount = collisionCount;
    std::vector<Json> all;
    for (const ObjectPtr& p : pods)
        all.push_back(*p);
    updateStatus(status, minReady, currentName, updateName, now, {&all});

    // 2. Replicas by ordinal, condemned from the highest ordinal down.
    const int replicaCount = static_cast<int>(intAt(set, "spec.replicas", 1));
    const int start = startOrdinal(set);
    std::vector<Json> replicas(static_cast<size_t>(std::max(replicaCount, 0)));
    std::vector<Json> condemned;
    for (const Json& pod : all) {
        if (podInOrdinalRange(pod, set))
            replicas[static_cast<size_t>(getOrdinal(pod) - start)] = pod;
        else if (getOrdinal(pod) >= 0)
            condemned.push_back(pod);
    }
    for (int ord = start; ord <= endOrdinal(set); ++ord)
        if (replicas[static_cast<size_t>(ord - start)].is_null())
            replicas[static_cast<size_t>(ord - start)] = newVersionedStatefulSetPod(currentSet, updateSet, currentName, updateName, ord);
    std::sort(condemned.begin(), condemned.end(), [](const Json& a, const Json& b) { return getOrdinal(a) > getOrdinal(b); });

    const Json* firstUnhealthyPod = nullptr;
    for (const Json& p : replicas)
        if (!isHealthy(p) && !firstUnhealthyPod)
            firstUnhealthyPod = &p;
    for (auto it = condemned.rbegin(); it != condemned.rend() && !firstUnhealthyPod; ++it)
        if (!isHealthy(*it))
            firstUnhealthyPod = &*it;

    if (findPath(set, "metadata.deletionTimestamp"))
        return true;  // being deleted: status only

    const bool monotonic = !allowsBurst(set);
    auto recount = [&] { updateStatus(status, minReady, currentName, updateName, now, {&replicas, &condemned}); };

    // 3. Replicas. Parallel: all of them (upstream's slow-start batches stop after a failing batch).
    for (size_t i = 0; i < replicas.size(); ++i) {
        bool err = false;
        const bool exit = processReplica(set, updateSet, monotonic, replicas, i, err);
        if (err)
            error = true;
        if ((monotonic && exit) || err) {
            recount();
            return true;
        }
    }
    // Condemned pods' claims follow the retention policy (whenScaled).
    for (const Json& pod : condemned) {
        if (claimsMatchRetentionPolicy(updateSet, pod))
            continue;
        std::string e;
        if (!updatePodClaimForRetentionPolicy(updateSet, pod, &e)) {
            error = true;
            recount();
            return true;
        }
    }
    // 4. Condemned.
    for (size_t i = 0; i < condemned.size(); ++i) {
        bool err = false;
        const bool exit = processCondemned(set, firstUnhealthyPod, monotonic, condemned, i, err);
        if (err)
            error = true;
        if ((monotonic && exit) || err) {
            recount();
            return true;
        }
    }
    recount();

    // 5. Rolling update.
    if (stringAt(set, "spec.updateStrategy.type") == "OnDelete")
        return true;
    const int updateMin = static_cast<int>(intAt(set, "spec.updateStrategy.rollingUpdate.partition"));
    for (int target = static_cast<int>(replicas.size()) - 1; target >= updateMin; --target) {
        const Json& pod = replicas[static_cast<size_t>(target)];
        if (getPodRevision(pod) != updateName && !pod::isTerminating(pod)) {
            if (!deleteStatefulPod(set, pod))
                error = true;
            status.currentReplicas--;
            return true;
        }
        if (!isHealthy(pod))
            return true;  // wait for it before touching lower ordinals
    }
    return true;
}

// Upstream: stateful_set_control.go#processReplica. Returns whether to stop (OrderedReady).
bool StatefulSetController::processReplica(const Json& set, const Json& updateSet, bool monotonic, std::vector<Json>& replicas,
                                           size_t i, bool& error) {
    const Json& pod = replicas[i];
    const std::string phase = stringAt(pod, "status.phase");
    // A finished pod (evicted, node rebooted, ...) is recreated whatever its exit code.
    if (phase == "Failed" || phase == "Succeeded") {
        if (!pod::isTerminating(pod) && !deleteStatefulPod(set, pod))
            error = true;
        return true;  // the new pod comes on a later sync, once this one is gone
    }
    if (!isCreated(pod)) {
        if (podClaimIsStale(set, pod))
            return true;  // a claim still belongs to an earlier pod of this ordinal
        if (!createStatefulPod(set, pod)) {
            error = true;
            return true;
        }
        if (monotonic)
            return true;
    }
    if (phase == "Pending") {
        std::string e;
        if (!createPersistentVolumeClaims(set, pod, &e)) {
            error = true;
            return true;
        }
        if (!claimsMatchRetentionPolicy(set, pod) && !updatePodClaimForRetentionPolicy(set, pod, &e)) {
            recordPodEvent("update", set, pod, e);
            error = true;
            return true;
        }
    }
    if (pod::isTerminating(pod) && monotonic)
        return true;
    if (!isRunningAndReady(pod) && monotonic)
        return true;
    if (!isRunningAndAvailable(pod, intAt(set, "spec.minReadySeconds"), clock_.now()) && monotonic)
        return true;
    if (!isCreated(pod))
        return false;  // just created in Parallel mode
    const bool retentionMatch = claimsMatchRetentionPolicy(updateSet, pod);
    if (identityMatches(set, pod) && storageMatches(set, pod) && retentionMatch)
        return false;
    if (!updateStatefulPod(updateSet, pod))
        error = true;
    return false;
}

// Upstream: stateful_set_control.go#processCondemned
bool StatefulSetController::processCondemned(const Json& set, const Json* firstUnhealthyPod, bool monotonic,
                                             std::vector<Json>& condemned, size_t i, bool& error) {
    const Json& pod = condemned[i];
    if (pod::isTerminating(pod))
        return monotonic;  // OrderedReady waits for it to go
    const bool isFirstUnhealthy = firstUnhealthyPod == &pod;
    if (!isRunningAndReady(pod) && monotonic && !isFirstUnhealthy)
        return true;
    if (!isRunningAndAvailable(pod, intAt(set, "spec.minReadySeconds"), clock_.now()) && monotonic && !isFirstUnhealthy)
        return true;
    if (!deleteStatefulPod(set, pod))
        error = true;
    return true;
}

// Upstream: stateful_set_control.go#truncateHistory: revisions in use (current, update, any
// pod's) stay; of the others, the oldest go until revisionHistoryLimit remain.
void StatefulSetController::truncateHistory(const Json& set, const std::vector<ObjectPtr>& pods,
                                            const std::vector<ObjectPtr>& revisions, const Json& current, const Json& update) {
    std::set<std::string> live;
    if (current.is_object())
        live.insert(stringAt(current, "metadata.name"));
    if (update.is_object())
        live.insert(stringAt(update, "metadata.name"));
    for (const ObjectPtr& p : pods)
        live.insert(getPodRevision(*p));
    std::vector<ObjectPtr> history;
    for (const ObjectPtr& r : revisions)
        if (!live.count(stringAt(*r, "metadata.name")))
            history.push_back(r);
    const int64_t limit = intAt(set, "spec.revisionHistoryLimit", 10);
    if (static_cast<int64_t>(history.size()) <= limit)
        return;
    const size_t extra = history.size() - static_cast<size_t>(limit);
    for (size_t i = 0; i < extra; ++i) {
        ApiResponse r = client_.remove(client_.resource("controllerrevisions.apps"), stringAt(*history[i], "metadata.namespace"),
                                       stringAt(*history[i], "metadata.name"));
        if (!r.ok() && !r.status.isNotFound())
            return;
    }
}

// Upstream: stateful_set_control.go#updateStatefulSetStatus + the status updater (status replaced whole).
bool StatefulSetController::updateStatefulSetStatus(const Json& set, StatefulSetStatus& status) {
    completeRollingUpdate(set, status);
    if (!inconsistentStatus(set, status))
        return true;
    Json updated = set;
    updated["status"] = statusToJson(status);
    for (int attempt = 0; attempt < 5; ++attempt) {
        ApiResponse r = client_.updateStatus(updated);
        if (r.ok())
            return true;
        if (!r.status.isConflict())
            return false;
        ObjectPtr fresh = store_.get("statefulsets.apps", stringAt(set, "metadata.namespace"), stringAt(set, "metadata.name"));
        if (!fresh)
            return false;
        updated = *fresh;
        updated["status"] = statusToJson(status);
    }
    return false;
}

}  // namespace kp::statefulset
