// [SECTION] events   watch events -> ReplicaSet keys, and the pod indexes
// [SECTION] sync     syncReplicaSet, manageReplicas, pod creation and deletion
// [SECTION] status   calculateStatus, updateReplicaSetStatus
#include "controller/replicaset/replica_set_controller.h"

#include <algorithm>

#include "api/owner_refs.h"
#include "api/pod_util.h"
#include "controller/replicaset/active_pods.h"
#include "controller/controller_ref_manager.h"

namespace kp::controller {

using replicaset::availableAt;
using replicaset::isPodActive;
using replicaset::isPodAvailable;

namespace {

constexpr const char* kReplicaSets = "replicasets.apps";

std::string keyOf(const Json& obj) { return stringAt(obj, "metadata.namespace") + "/" + stringAt(obj, "metadata.name"); }

bool deleting(const Json& obj) {
    const Json* ts = findPath(obj, "metadata.deletionTimestamp");
    return ts && !ts->is_null();
}

const Json* replicaSetRef(const Json& obj) {
    const Json* ref = owner::controllerRef(obj);
    return ref && stringAt(*ref, "kind") == "ReplicaSet" ? ref : nullptr;
}

std::optional<labels::Selector> selectorOf(const Json& obj) {
    const Json* sel = findPath(obj, "spec.selector");
    std::string error;
    return labels::labelSelectorAsSelector(sel ? *sel : Json(nullptr), &error);
}

// apierrors.HasStatusCause(err, NamespaceTerminatingCause).
bool namespaceTerminating(const Status& s) {
    for (const StatusCause& c : s.details().causes)
        if (c.reason == "NamespaceTerminating")
            return true;
    const std::string suffix = "because it is being terminated";
    const std::string& m = s.message();
    return m.size() >= suffix.size() && m.compare(m.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

ReplicaSetController::ReplicaSetController(ApiServer& server, const Clock& clock)
    : client_(server, "replicaset-controller"), events_(server, "replicaset-controller"), clock_(clock) {}

// Controllers write as kube-controller-manager (managedFields), the event log names the loop.
WriteOptions ReplicaSetController::writeOptions() const {
    WriteOptions opts;
    opts.actor = "replicaset-controller";
    opts.fieldManager = "kube-controller-manager";
    return opts;
}

// [SECTION] events

void ReplicaSetController::onEvent(const WatchEvent& event) {
    if (!event.object)
        return;
    if (event.resource == kReplicaSets)
        onReplicaSetEvent(event);
    else if (event.resource == "pods")
        onPodEvent(event);
}

// Upstream: replica_set.go#addRS, updateRS, deleteRS: every change syncs.
void ReplicaSetController::onReplicaSetEvent(const WatchEvent& event) { queue().add(keyOf(*event.object)); }

// Moves a pod between the indexes: out of its previous owner's (`was`) and into its current
// one's (`now`); `pod` null when it was deleted.
void ReplicaSetController::indexPod(const std::string& key, const SeenPod* was, const Json* pod, const SeenPod* now) {
    const size_t slash = key.find('/');
    const std::string ns = key.substr(0, slash), name = key.substr(slash + 1);
    if (was && !was->rsUid.empty()) {
        auto set = podsByOwner_.find(was->rsUid);
        if (set != podsByOwner_.end()) {
            if (auto it = set->second.find(key); it != set->second.end()) {
                untallyPod(was->rsUid, it->second);
                set->second.erase(it);
            }
            if (set->second.empty()) {
                podsByOwner_.erase(set);
                tallies_.erase(was->rsUid);
            }
        }
    }
    if (auto o = orphanPods_.find(ns); o != orphanPods_.end()) {
        o->second.erase(name);
        if (o->second.empty())
            orphanPods_.erase(o);
    }
    if (!pod)
        return;
    if (now->controllerRefHash != 0) {
        if (!now->rsUid.empty())
            podsByOwner_[now->rsUid][key] = tallyPod(now->rsUid, key, *pod);
        return;
    }
    orphanPods_[ns].insert(name);
}

// Upstream: replica_set.go#addPod, updatePod, deletePod
void ReplicaSetController::onPodEvent(const WatchEvent& event) {
    const Json& cur = *event.object;
    const std::string key = keyOf(cur);
    std::optional<SeenPod> old;
    if (auto it = pods_.find(key); it != pods_.end())
        old = std::move(it->second);
    if (event.type == WatchEventType::Deleted) {
        pods_.erase(key);
        indexPod(key, old ? &*old : nullptr, nullptr, nullptr);
        enqueueController(cur);
        return;
    }
    SeenPod now;
    now.resourceVersion = stringAt(cur, "metadata.resourceVersion");
    const Json* labels = findPath(cur, "metadata.labels");
    now.labelsHash = labels ? std::hash<Json>{}(*labels) : 0;
    const Json* curRef = owner::controllerRef(cur);
    if (curRef) {
        now.controllerRefHash = std::hash<Json>{}(*curRef) | 1;  // never 0
        if (stringAt(*curRef, "kind") == "ReplicaSet") {
            now.rsName = stringAt(*curRef, "name");
            now.rsUid = stringAt(*curRef, "uid");
        }
    }
    indexPod(key, old ? &*old : nullptr, &cur, &now);
    pods_[key] = now;

    if (!old) {
        if (deleting(cur) || curRef) {
            enqueueController(cur);
            return;
        }
        enqueueMatching(cur);  // an orphan some ReplicaSet may adopt
        return;
    }
    if (old->resourceVersion == now.resourceVersion)
        return;
    const std::string ns = stringAt(cur, "metadata.namespace");
    const bool labelChanged = old->labelsHash != now.labelsHash;
    if (deleting(cur)) {
        // Graceful deletion started: the ReplicaSet replaces the pod at once.
        enqueueController(cur);
        if (labelChanged)
            enqueueReplicaSet(ns, old->rsName, old->rsUid);
        return;
    }
    const bool refChanged = old->controllerRefHash != now.controllerRefHash;
    if (refChanged && old->controllerRefHash != 0)
        enqueueReplicaSet(ns, old->rsName, old->rsUid);
    if (curRef) {
        enqueueController(cur);
        return;
    }
    if (labelChanged || refChanged)
        enqueueMatching(cur);
}

// resolveControllerRef: the ReplicaSet named by the pod's controllerRef, if its uid matches.
void ReplicaSetController::enqueueController(const Json& pod) {
    if (const Json* ref = replicaSetRef(pod))
        enqueueReplicaSet(stringAt(pod, "metadata.namespace"), stringAt(*ref, "name"), stringAt(*ref, "uid"));
}

void ReplicaSetController::enqueueReplicaSet(const std::string& ns, const std::string& name, const std::string& uid) {
    if (name.empty())
        return;  // no ReplicaSet controls it
    ObjectPtr rs = client_.server().store().get(kReplicaSets, ns, name);
    if (!rs || stringAt(*rs, "metadata.uid") != uid)
        return;
    queue().add(keyOf(*rs));
}

// GetPodReplicaSets: the ReplicaSets of the pod's namespace whose non-empty selector matches.
void ReplicaSetController::enqueueMatching(const Json& pod) {
    for (const ObjectPtr& rs : client_.server().store().list(kReplicaSets, stringAt(pod, "metadata.namespace"))) {
        std::optional<labels::Selector> sel = selectorOf(*rs);
        if (!sel || sel->empty() || !sel->matchesLabelsOf(pod))
            continue;
        queue().add(keyOf(*rs));
    }
}

// [SECTION] sync

// Upstream: replica_set.go#syncReplicaSet
// 1. Claim the active pods (adopt orphans, release pods that stopped matching).
// 2. Unless the ReplicaSet is being deleted: create or delete pods (manageReplicas).
// 3. Write the status; requeue for the next pod that becomes available.
ReconcileResult ReplicaSetController::reconcile(const std::string& key) {
    const size_t slash = key.find('/');
    ObjectPtr rsPtr = client_.server().store().get(kReplicaSets, key.substr(0, slash), key.substr(slash + 1));
    if (!rsPtr)
        return ReconcileResult::done();
    const Json& rs = *rsPtr;
    std::optional<labels::Selector> selector = selectorOf(rs);
    if (!selector)
        return ReconcileResult::done();  // an invalid selector never matches; nothing to do

    // Nothing to claim or release (the usual case): the counts kept from the pod events are
    // what steps 1 and 3 would count, and step 2 only needs their number unless it deletes.
    // (minReadySeconds > 0 needs each pod's Ready time, a deleting ReplicaSet claims nothing.)
    if (!deleting(rs) && intAt(rs, "spec.minReadySeconds") <= 0) {
        const PodTally* t = currentTally(rs, *selector);
        const int64_t replicas = intAt(rs, "spec.replicas", 1);
        if (t && t->unmatched == 0 && t->claimed <= replicas &&
            !orphanClaimable(stringAt(rs, "metadata.namespace"), *selector)) {
            const int64_t claimed = t->claimed, fullyLabeled = t->fullyLabeled, ready = t->ready;
            // manageReplicas: too few pods (too many is the full path below).
            const std::string manageError =
                claimed < replicas ? createPods(rs, static_cast<int>(std::min<int64_t>(replicas - claimed, kBurstReplicas)))
                                   : "";
            const Json newStatus = statusFromCounts(rs, claimed, fullyLabeled, ready, ready, manageError);
            Json updated;
            if (!updateReplicaSetStatus(rs, newStatus, updated) || !manageError.empty())
                return ReconcileResult::requeue();
            return ReconcileResult::done();
        }
    }

    // 1.
    std::vector<ObjectPtr> active;
    for (ObjectPtr& pod : candidatePods(rs))
        if (isPodActive(*pod))
            active.push_back(std::move(pod));
    ClaimResult claim = claimObjects(client_, rs, *selector, "pods", active);
    if (!claim.error.empty())
        return ReconcileResult::requeue();
    const std::vector<ObjectPtr>& filteredPods = claim.claimed;

    // 2.
    std::string manageError;
    if (!deleting(rs))
        manageError = manageReplicas(filteredPods, rs);

    // 3.
    const Json newStatus = calculateStatus(rs, filteredPods, manageError);
    Json updated;
    if (!updateReplicaSetStatus(rs, newStatus, updated))
        return ReconcileResult::requeue();
    if (!manageError.empty())
        return ReconcileResult::requeue();

    const int64_t minReadySeconds = intAt(updated, "spec.minReadySeconds");
    if (minReadySeconds <= 0)
        return ReconcileResult::done();
    // Pods created or deleted just now are not in filteredPods; their own events bring us back.
    const Time now = clock_.now();
    std::optional<Time> next;
    for (const ObjectPtr& pod : filteredPods) {
        if (!pod::isReady(*pod) || isPodAvailable(*pod, minReadySeconds, now))
            continue;
        std::optional<Time> at = availableAt(*pod, minReadySeconds);
        if (at && (!next || *at < *next))
            next = at;
    }
    if (!next)
        return ReconcileResult::done();
    const Duration wait = *next + Duration::seconds(1) - now;
    return ReconcileResult::requeueAfter(wait < Duration::seconds(1) ? Duration::seconds(1) : wait);
}

// The pods a ReplicaSet may claim: those it owns and the orphans of its namespace (pods owned by
// another controller are never claimed, so upstream's list of every pod is not needed).
std::vector<ObjectPtr> ReplicaSetController::candidatePods(const Json& rs) {
    std::vector<ObjectPtr> out;
    const std::string ns = stringAt(rs, "metadata.namespace");
    ObjectStore& store = client_.server().store();
    static const std::map<std::string, uint8_t> kNoPods;
    static const std::set<std::string> kNoOrphans;
    auto o = podsByOwner_.find(stringAt(rs, "metadata.uid"));
    const std::map<std::string, uint8_t>& owned = o != podsByOwner_.end() ? o->second : kNoPods;
    auto p = orphanPods_.find(ns);
    const std::set<std::string>& orphans = p != orphanPods_.end() ? p->second : kNoOrphans;
    // Both in name order; orphans are read from the store (another ReplicaSet of this round may
    // just have adopted one).
    out.reserve(owned.size() + orphans.size());
    const std::string prefix = ns + "/";
    auto orphan = orphans.begin();
    auto takeOrphan = [&] {
        if (ObjectPtr pod = store.get("pods", ns, *orphan))
            out.push_back(std::move(pod));
        ++orphan;
    };
    for (const auto& entry : owned) {
        const std::string& key = entry.first;
        if (key.compare(0, prefix.size(), prefix) != 0)
            continue;  // an owner reference across namespaces is never honoured
        const std::string name = key.substr(prefix.size());
        while (orphan != orphans.end() && *orphan < name)
            takeOrphan();
        if (ObjectPtr pod = store.get("pods", ns, name))
            out.push_back(std::move(pod));
    }
    while (orphan != orphans.end())
        takeOrphan();
    return out;
}

// Upstream: replica_set.go#getIndirectlyRelatedPods: the pods matching any ReplicaSet with the
// same owner (a Deployment's old and new ReplicaSets), each counted once.
std::vector<ObjectPtr> ReplicaSetController::getIndirectlyRelatedPods(const Json& rs) {
    std::vector<ObjectPtr> out;
    const Json* ref = owner::controllerRef(rs);
    if (!ref)
        return out;
    const std::string ownerUid = stringAt(*ref, "uid");
    const std::string ns = stringAt(rs, "metadata.namespace");
    ObjectStore& store = client_.server().store();
    std::vector<labels::Selector> selectors;
    for (const ObjectPtr& related : store.list(kReplicaSets, ns)) {
        if (!owner::isControlledBy(*related, ownerUid))
            continue;
        if (std::optional<labels::Selector> sel = selectorOf(*related))
            selectors.push_back(std::move(*sel));
    }
    for (const ObjectPtr& pod : store.list("pods", ns))
        for (const labels::Selector& sel : selectors)
            if (sel.matchesLabelsOf(*pod)) {
                out.push_back(pod);
                break;
            }
    return out;
}

// Upstream: replica_set.go#manageReplicas. Returns the first error ("" when none).
std::string ReplicaSetController::manageReplicas(const std::vector<ObjectPtr>& filteredPods, const Json& rs) {
    const int replicas = static_cast<int>(intAt(rs, "spec.replicas", 1));
    const int diff = static_cast<int>(filteredPods.size()) - replicas;
    if (diff < 0)
        return createPods(rs, std::min(-diff, kBurstReplicas));
    if (diff == 0)
        return "";
    const int count = std::min(diff, kBurstReplicas);
    std::vector<ObjectPtr> related = getIndirectlyRelatedPods(rs);
    return deletePods(rs, replicaset::getPodsToDelete(filteredPods, related, count, clock_.now()));
}

// slowStartBatch + RealPodControl.CreatePods: batches of 1, 2, 4, ... pods; a batch with a
// failure ends the sync (the rest would most likely fail the same way: quota, admission...).
std::string ReplicaSetController::createPods(const Json& rs, int count) {
    // GetPodFromTemplate: the template's labels, annotations, finalizers and spec; the name
    // generated from "<rs>-"; the ReplicaSet as controller.
    const std::string rsName = stringAt(rs, "metadata.name");
    const std::string ns = stringAt(rs, "metadata.namespace");
    Json meta = {{"namespace", ns}, {"generateName", rsName.size() < 253 ? rsName + "-" : rsName}};
    for (const char* field : {"labels", "annotations", "finalizers"})
        if (const Json* v = findPath(rs, std::string("spec.template.metadata.") + field); v && !v->empty())
            meta[field] = *v;
    meta["ownerReferences"] = Json::array({owner::newControllerRef(rs)});
    const Json* spec = findPath(rs, "spec.template.spec");
    const Json pod = {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", meta}, {"spec", spec ? *spec : Json::object()}};
    const bool hasLabels = meta.contains("labels");

    std::string firstError;
    int remaining = count;
    for (int batch = std::min(remaining, 1); batch > 0; batch = std::min(2 * batch, remaining)) {
        bool failed = false;
        for (int i = 0; i < batch; ++i) {
            if (!hasLabels) {
                failed = true;
                if (firstError.empty())
                    firstError = "unable to create pods, no labels";
                continue;
            }
            ApiResponse r = client_.create(pod, writeOptions());
            if (r.ok()) {
                events_.event(rs, "Normal", "SuccessfulCreate", "Created pod: " + stringAt(r.object, "metadata.name"));
                continue;
            }
            if (namespaceTerminating(r.status))
                continue;  // every create would fail; the namespace controller cleans up
            events_.event(rs, "Warning", "FailedCreate", "Error creating: " + r.status.message());
            failed = true;
            if (firstError.empty())
                firstError = r.status.message();
        }
        if (failed)
            break;
        remaining -= batch;
    }
    return firstError;
}

// RealPodControl.DeletePod for each pod: graceful deletes; a pod already gone is fine.
std::string ReplicaSetController::deletePods(const Json& rs, const std::vector<ObjectPtr>& pods) {
    std::string firstError;
    const std::string ns = stringAt(rs, "metadata.namespace");
    DeleteOptions opts;
    opts.actor = "replicaset-controller";
    for (const ObjectPtr& pod : pods) {
        const std::string name = stringAt(*pod, "metadata.name");
        ApiResponse r = client_.remove(client_.resource("pods"), ns, name, opts);
        if (r.ok()) {
            events_.event(rs, "Normal", "SuccessfulDelete", "Deleted pod: " + name);
            continue;
        }
        if (r.status.isNotFound())
            continue;
        events_.event(rs, "Warning", "FailedDelete", "Error deleting: " + r.status.message());
        if (firstError.empty())
            firstError = "unable to delete pods: " + r.status.message();
    }
    return firstError;
}

// [SECTION] tally

// Adds one version of an owned pod to its ReplicaSet's counts, if it has them; returns what
// it added (kCounted* bits) for untallyPod.
uint8_t ReplicaSetController::tallyPod(const std::string& ownerUid, const std::string& key, const Json& pod) {
    auto it = tallies_.find(ownerUid);
    if (it == tallies_.end())
        return 0;
    PodTally& t = it->second;
    if (key.compare(0, t.prefix.size(), t.prefix) != 0 || !isPodActive(pod))
        return 0;
    if (!t.selector.matchesLabelsOf(pod)) {
        ++t.unmatched;
        return kCountedUnmatched;
    }
    uint8_t counted = kCountedClaimed;
    ++t.claimed;
    if (t.templateLabels.matchesLabelsOf(pod)) {
        ++t.fullyLabeled;
        counted |= kCountedFullyLabeled;
    }
    if (pod::isReady(pod)) {
        ++t.ready;
        counted |= kCountedReady;
    }
    return counted;
}

void ReplicaSetController::untallyPod(const std::string& ownerUid, uint8_t counted) {
    auto it = tallies_.find(ownerUid);
    if (it == tallies_.end())
        return;
    PodTally& t = it->second;
    t.claimed -= (counted & kCountedClaimed) ? 1 : 0;
    t.unmatched -= (counted & kCountedUnmatched) ? 1 : 0;
    t.fullyLabeled -= (counted & kCountedFullyLabeled) ? 1 : 0;
    t.ready -= (counted & kCountedReady) ? 1 : 0;
}

// The ReplicaSet's counts, made afresh when its selector or template labels changed.
const ReplicaSetController::PodTally* ReplicaSetController::currentTally(const Json& rs,
                                                                        const labels::Selector& selector) {
    const std::string uid = stringAt(rs, "metadata.uid");
    const std::string ns = stringAt(rs, "metadata.namespace");
    const Json* tmplLabels = findPath(rs, "spec.template.metadata.labels");
    labels::Selector templateLabels =
        labels::Selector::fromSet(tmplLabels ? labels::setFromJson(*tmplLabels) : labels::Set{});
    std::string profile = ns + '\0' + selector.toString() + '\0' + templateLabels.toString();
    auto owned = podsByOwner_.find(uid);
    if (owned == podsByOwner_.end()) {
        static const PodTally kNone;
        return &kNone;
    }
    auto it = tallies_.find(uid);
    if (it != tallies_.end() && it->second.profile == profile)
        return &it->second;
    PodTally& t = tallies_[uid];
    t = PodTally{};
    t.profile = std::move(profile);
    t.prefix = ns + "/";
    t.selector = selector;
    t.templateLabels = std::move(templateLabels);
    // Counted from the store: the pods as their last watch events delivered them.
    const ObjectStore& store = client_.server().store();
    for (auto& [key, counted] : owned->second) {
        const size_t slash = key.find('/');
        ObjectPtr pod = store.get("pods", key.substr(0, slash), key.substr(slash + 1));
        counted = pod ? tallyPod(uid, key, *pod) : 0;
    }
    return &t;
}

// Whether the namespace has an orphan the ReplicaSet would adopt (claimObjects: active, not
// being deleted, matching).
bool ReplicaSetController::orphanClaimable(const std::string& ns, const labels::Selector& selector) {
    auto p = orphanPods_.find(ns);
    if (p == orphanPods_.end())
        return false;
    const ObjectStore& store = client_.server().store();
    for (const std::string& name : p->second) {
        ObjectPtr pod = store.get("pods", ns, name);
        if (pod && isPodActive(*pod) && !deleting(*pod) && selector.matchesLabelsOf(*pod))
            return true;
    }
    return false;
}

// [SECTION] status

// Upstream: replica_set_utils.go#calculateStatus
Json ReplicaSetController::calculateStatus(const Json& rs, const std::vector<ObjectPtr>& filteredPods,
                                           const std::string& manageError) {
    const Json* tmplLabels = findPath(rs, "spec.template.metadata.labels");
    const labels::Selector templateLabel =
        labels::Selector::fromSet(tmplLabels ? labels::setFromJson(*tmplLabels) : labels::Set{});
    const int64_t minReadySeconds = intAt(rs, "spec.minReadySeconds");
    const Time now = clock_.now();
    int64_t fullyLabeled = 0, ready = 0, available = 0;
    for (const ObjectPtr& pod : filteredPods) {
        if (templateLabel.matchesLabelsOf(*pod))
            ++fullyLabeled;
        if (!pod::isReady(*pod))
            continue;
        ++ready;
        if (isPodAvailable(*pod, minReadySeconds, now))
            ++available;
    }

    return statusFromCounts(rs, static_cast<int64_t>(filteredPods.size()), fullyLabeled, ready, available,
                            manageError);
}

Json ReplicaSetController::statusFromCounts(const Json& rs, int64_t replicas, int64_t fullyLabeled, int64_t ready,
                                            int64_t available, const std::string& manageError) {
    const Time now = clock_.now();
    const Json* oldStatus = findPath(rs, "status");
    Json status = oldStatus && oldStatus->is_object() ? *oldStatus : Json::object();
    Json conditions = status.value("conditions", Json::array());
    auto failure = std::find_if(conditions.begin(), conditions.end(),
                                [](const Json& c) { return c.value("type", "") == "ReplicaFailure"; });
    if (!manageError.empty() && failure == conditions.end()) {
        const int diff = static_cast<int>(replicas) - static_cast<int>(intAt(rs, "spec.replicas", 1));
        Json cond = {{"type", "ReplicaFailure"},
                     {"status", "True"},
                     {"lastTransitionTime", formatRFC3339(now)},
                     {"message", manageError}};
        if (diff != 0)
            cond["reason"] = diff < 0 ? "FailedCreate" : "FailedDelete";
        conditions.push_back(std::move(cond));
    } else if (manageError.empty() && failure != conditions.end()) {
        conditions.erase(failure);
    }
    if (conditions.empty())
        status.erase("conditions");
    else
        status["conditions"] = std::move(conditions);

    // `replicas` is always serialised; the other counters are omitempty.
    status["replicas"] = replicas;
    for (auto [field, v] : {std::pair{"fullyLabeledReplicas", fullyLabeled}, std::pair{"readyReplicas", ready},
                            std::pair{"availableReplicas", available}}) {
        if (v == 0)
            status.erase(field);
        else
            status[field] = v;
    }
    return status;
}

// Upstream: replica_set_utils.go#updateReplicaSetStatus: nothing to write when the counters,
// conditions and observedGeneration are current; one retry on a fresh copy after a conflict.
bool ReplicaSetController::updateReplicaSetStatus(const Json& rs, const Json& newStatus, Json& updated) {
    const int64_t generation = intAt(rs, "metadata.generation");
    auto same = [&](const char* field) { return intAt(rs, std::string("status.") + field) == intAt(newStatus, field); };
    const Json noConditions = Json::array();
    const Json* oldConds = findPath(rs, "status.conditions");
    if (same("replicas") && same("fullyLabeledReplicas") && same("readyReplicas") && same("availableReplicas") &&
        intAt(rs, "status.observedGeneration") == generation &&
        (oldConds ? *oldConds : noConditions) == newStatus.value("conditions", noConditions)) {
        updated = rs;
        return true;
    }
    Json toUpdate = rs;
    for (int attempt = 0; attempt < 2; ++attempt) {
        Json status = newStatus;
        if (generation != 0)
            status["observedGeneration"] = generation;
        toUpdate["status"] = std::move(status);
        ApiResponse r = client_.updateStatus(toUpdate, writeOptions());
        if (r.ok()) {
            updated = std::move(r.object);
            return true;
        }
        ObjectPtr fresh = client_.server().store().get(kReplicaSets, stringAt(rs, "metadata.namespace"),
                                                       stringAt(rs, "metadata.name"));
        if (!fresh)
            return false;
        toUpdate = *fresh;
    }
    return false;
}

}  // namespace kp::controller
