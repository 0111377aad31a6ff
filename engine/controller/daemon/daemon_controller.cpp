// The DaemonSet controller's event handlers, syncDaemonSet, pod claiming and status.
//
// [SECTION] placement    where a DaemonSet's pods may run
// [SECTION] events       watch events -> DaemonSet keys
// [SECTION] sync         syncDaemonSet
// [SECTION] pods         claiming (adopt / release) and grouping by node
// [SECTION] status       updateDaemonSetStatus
#include "controller/daemon/daemon_controller.h"

#include <algorithm>
#include <memory>

#include "api/labels.h"
#include "api/owner_refs.h"
#include "api/pod_util.h"
#include "controller/controller_ref_manager.h"
#include "controller/daemon/daemonset_util.h"
#include "controller/daemon/node_affinity.h"
#include "controller/nodelifecycle/taints.h"

namespace kp::daemon {
namespace {

std::string keyOf(const Json& obj) { return stringAt(obj, "metadata.namespace") + "/" + stringAt(obj, "metadata.name"); }

bool isDaemonSetRef(const Json* ref) { return ref && stringAt(*ref, "kind") == "DaemonSet"; }

std::optional<labels::Selector> selectorOf(const Json& ds) {
    const Json* sel = findPath(ds, "spec.selector");
    std::string error;
    return labels::labelSelectorAsSelector(sel ? *sel : Json(nullptr), &error);
}

// podByCreationTimestampAndPhase: scheduled pods first, then the oldest, then by name.
bool olderScheduledFirst(const ObjectPtr& a, const ObjectPtr& b) { return scheduledAndOlder(*a, *b); }

// shouldIgnoreNodeUpdate: the same set of True conditions and nothing else changed (apart from
// resourceVersion, managedFields and the conditions' timestamps).
bool shouldIgnoreNodeUpdate(const Json& oldNode, const Json& newNode) {
    auto trueConditions = [](const Json& n) {
        std::set<std::string> out;
        if (const Json* conds = findPath(n, "status.conditions"); conds && conds->is_array())
            for (const Json& c : *conds)
                if (stringAt(c, "status") == "True")
                    out.insert(stringAt(c, "type"));
        return out;
    };
    if (trueConditions(oldNode) != trueConditions(newNode))
        return false;
    auto strip = [](Json n) {
        if (n.contains("metadata")) {
            n["metadata"].erase("resourceVersion");
            n["metadata"].erase("managedFields");
        }
        if (n.contains("status"))
            n["status"].erase("conditions");
        return n;
    };
    return strip(oldNode) == strip(newNode);
}

}  // namespace

// [SECTION] placement

DaemonPodPlacement placementOf(const Json& ds) {
    DaemonPodPlacement p;
    const Json* spec = findPath(ds, "spec.template.spec");
    p.podSpec = spec && spec->is_object() ? *spec : Json::object();
    p.nodeName = stringAt(p.podSpec, "nodeName");
    addOrUpdateDaemonPodTolerations(p.podSpec);
    return p;
}

// Upstream: daemon_controller.go#NodeShouldRunDaemonPod, predicates
std::pair<bool, bool> nodeShouldRunDaemonPod(const Json& node, const DaemonPodPlacement& placement) {
    if (!placement.nodeName.empty() && placement.nodeName != stringAt(node, "metadata.name"))
        return {false, false};
    if (!requiredNodeAffinityMatches(placement.podSpec, node))
        return {false, false};
    const Json* nodeTaints = findPath(node, "spec.taints");
    const Json none = Json::array();
    const Json& taintList = nodeTaints ? *nodeTaints : none;
    const Json tolerations = placement.podSpec.value("tolerations", Json::array());
    const Json* untolerated = taints::findUntolerated(taintList, tolerations, [](const Json& t) {
        const std::string e = stringAt(t, "effect");
        return e == "NoExecute" || e == "NoSchedule";
    });
    if (!untolerated)
        return {true, true};
    // A pod already there may stay unless a NoExecute taint is not tolerated.
    const Json* noExecute = taints::findUntolerated(taintList, tolerations,
                                                    [](const Json& t) { return stringAt(t, "effect") == "NoExecute"; });
    return {false, noExecute == nullptr};
}

// Upstream: client-go util/flowcontrol/backoff.go (1 s initial, 15 min max as kube-controller-manager sets it)
namespace {
constexpr Duration kBackoffInitial = Duration::seconds(1);
constexpr Duration kBackoffMax = Duration::minutes(15);
bool backoffExpired(Time now, Time lastUpdate) { return now - lastUpdate > kBackoffMax * 2; }
}  // namespace

bool FailedPodsBackoff::inBackoffSinceUpdate(const std::string& key, Time now) const {
    auto it = entries_.find(key);
    if (it == entries_.end() || backoffExpired(now, it->second.lastUpdate))
        return false;
    return now - it->second.lastUpdate < it->second.backoff;
}

Duration FailedPodsBackoff::get(const std::string& key) const {
    auto it = entries_.find(key);
    return it == entries_.end() ? Duration{} : it->second.backoff;
}

void FailedPodsBackoff::next(const std::string& key, Time now) {
    auto it = entries_.find(key);
    if (it == entries_.end() || backoffExpired(now, it->second.lastUpdate)) {
        entries_[key] = Entry{kBackoffInitial, now};
        return;
    }
    it->second.backoff = std::min(it->second.backoff * 2, kBackoffMax);
    it->second.lastUpdate = now;
}

// [SECTION] events

DaemonSetsController::DaemonSetsController(ApiServer& server, VirtualClock& clock)
    : client_(server, "daemon-set-controller"), recorder_(server, "daemonset-controller"), clock_(clock) {}

void DaemonSetsController::onEvent(const WatchEvent& event) {
    if (!event.object)
        return;
    if (event.resource == "daemonsets.apps")
        onDaemonSetEvent(event);
    else if (event.resource == "pods")
        onPodEvent(event);
    else if (event.resource == "controllerrevisions.apps")
        onHistoryEvent(event);
    else if (event.resource == "nodes")
        onNodeEvent(event);
}

void DaemonSetsController::onDaemonSetEvent(const WatchEvent& event) {
    const Json& ds = *event.object;
    const std::string uid = stringAt(ds, "metadata.uid");
    if (event.type == WatchEventType::Deleted)
        dsKeyByUid_.erase(uid);
    else
        dsKeyByUid_[uid] = keyOf(ds);
    queue().add(keyOf(ds));
}

// Upstream: daemon_controller.go#addPod, updatePod, deletePod
void DaemonSetsController::onPodEvent(const WatchEvent& event) {
    const Json& pod = *event.object;
    const std::string key = keyOf(pod);
    const std::string ns = stringAt(pod, "metadata.namespace"), name = stringAt(pod, "metadata.name");
    const Json* ref = owner::controllerRef(pod);
    const bool deleted = event.type == WatchEventType::Deleted;

    // Keep the indexes: owner uid per pod, pods per owner, orphans per namespace.
    std::string before;
    if (auto it = podOwner_.find(key); it != podOwner_.end())
        before = it->second;
    const std::string after = !deleted && isDaemonSetRef(ref) ? stringAt(*ref, "uid") : "";
    if (before != after) {
        if (!before.empty()) {
            auto set = podsByOwner_.find(before);
            if (set != podsByOwner_.end()) {
                set->second.erase(key);
                if (set->second.empty())
                    podsByOwner_.erase(set);
            }
            if (auto k = dsKeyByUid_.find(before); k != dsKeyByUid_.end() && !deleted)
                queue().add(k->second);  // the old controller lost it
        }
        if (after.empty())
            podOwner_.erase(key);
        else {
            podOwner_[key] = after;
            podsByOwner_[after].insert(key);
        }
    }
    if (!deleted && !ref)
        orphanPods_[ns].insert(name);
    else if (auto o = orphanPods_.find(ns); o != orphanPods_.end()) {
        o->second.erase(name);
        if (o->second.empty())
            orphanPods_.erase(o);
    }

    if (ref) {
        enqueueOwner(pod);
        return;
    }
    if (!deleted && !pod::isTerminating(pod))
        enqueueMatching(pod);  // an orphan some DaemonSet may adopt
}

void DaemonSetsController::onHistoryEvent(const WatchEvent& event) {
    const Json& history = *event.object;
    if (owner::controllerRef(history)) {
        enqueueOwner(history);
        return;
    }
    if (event.type != WatchEventType::Deleted)
        enqueueMatching(history);
}

// Upstream: daemon_controller.go#addNode, updateNode (node deletions are not watched upstream:
// the pods' removal by the pod GC brings the DaemonSets up to date).
void DaemonSetsController::onNodeEvent(const WatchEvent& event) {
    const std::string name = stringAt(*event.object, "metadata.name");
    if (event.type == WatchEventType::Deleted) {
        lastNode_.erase(name);
        return;
    }
    ObjectPtr old;
    if (auto it = lastNode_.find(name); it != lastNode_.end())
        old = it->second;
    lastNode_[name] = event.object;
    if (old && shouldIgnoreNodeUpdate(*old, *event.object))
        return;
    for (const ObjectPtr& ds : client_.server().store().list("daemonsets.apps")) {
        const DaemonPodPlacement placement = placementOf(*ds);
        const auto now = nodeShouldRunDaemonPod(*event.object, placement);
        if (!old) {
            if (now.first)
                queue().add(keyOf(*ds));
            continue;
        }
        if (nodeShouldRunDaemonPod(*old, placement) != now)
            queue().add(keyOf(*ds));
    }
}

// resolveControllerRef: the DaemonSet named by the controller reference, if its uid matches.
void DaemonSetsController::enqueueOwner(const Json& obj) {
    const Json* ref = owner::controllerRef(obj);
    if (!isDaemonSetRef(ref))
        return;
    const std::string ns = stringAt(obj, "metadata.namespace");
    ObjectPtr ds = client_.server().store().get("daemonsets.apps", ns, stringAt(*ref, "name"));
    if (!ds || stringAt(*ds, "metadata.uid") != stringAt(*ref, "uid"))
        return;
    queue().add(keyOf(*ds));
}

// GetPodDaemonSets / GetHistoryDaemonSets: DaemonSets of the namespace whose selector matches.
void DaemonSetsController::enqueueMatching(const Json& obj) {
    for (const ObjectPtr& ds : client_.server().store().list("daemonsets.apps", stringAt(obj, "metadata.namespace"))) {
        std::optional<labels::Selector> sel = selectorOf(*ds);
        if (!sel || sel->empty() || !sel->matchesLabelsOf(obj))
            continue;
        queue().add(keyOf(*ds));
    }
}

// [SECTION] sync

// Upstream: daemon_controller.go#syncDaemonSet
// 1. Find (or create) the current ControllerRevision: its hash labels new pods.
// 2. manage: create missing pods, delete pods that must go.
// 3. If manage changed nothing: the rolling update step. Then prune old revisions.
// 4. Write status (observedGeneration included).
ReconcileResult DaemonSetsController::reconcile(const std::string& key) {
    const size_t slash = key.find('/');
    ObjectStore& store = client_.server().store();
    ObjectPtr dsPtr = store.get("daemonsets.apps", key.substr(0, slash), key.substr(slash + 1));
    if (!dsPtr)
        return ReconcileResult::done();
    const Json& ds = *dsPtr;
    if (const Json* sel = findPath(ds, "spec.selector"); sel && sel->is_object() && sel->empty()) {
        recorder_.event(ds, "Warning", "SelectingAll",
                        "This daemon set is selecting all pods. A non-empty selector is required.");
        return ReconcileResult::done();
    }
    // Being deleted: its revisions may already be gone, so no status can be trusted.
    if (findPath(ds, "metadata.deletionTimestamp"))
        return ReconcileResult::done();

    Sync s;
    s.ds = ds;
    s.placement = placementOf(ds);
    s.nodes = store.list("nodes");

    // 1.
    Json cur;
    std::vector<Json> old;
    if (!constructHistory(ds, cur, old))
        return ReconcileResult::requeue();
    s.hash = stringAt(cur, std::string("metadata.labels.") + kControllerRevisionHashLabel);

    // 2. and 3.
    bool ok = manage(s);
    if (ok && s.writes == 0 && stringAt(ds, "spec.updateStrategy.type") == "RollingUpdate")
        ok = rollingUpdate(s);
    if (ok)
        ok = cleanupHistory(ds, old);

    // 4.
    const bool statusOk = updateDaemonSetStatus(s, true);
    if (!ok || !statusOk)
        return ReconcileResult::requeue();
    if (s.requeueAfter)
        return ReconcileResult::requeueAfter(*s.requeueAfter);
    return ReconcileResult::done();
}

// [SECTION] pods

// Upstream: daemon_controller.go#getDaemonPods (ClaimPods: adopt matching orphans, release owned
// pods whose labels no longer match).
std::vector<ObjectPtr> DaemonSetsController::getDaemonPods(const Json& ds) {
    std::optional<labels::Selector> sel = selectorOf(ds);
    if (!sel)
        return {};
    const std::string uid = stringAt(ds, "metadata.uid");
    const std::string ns = stringAt(ds, "metadata.namespace");
    std::set<std::string> candidates;
    if (auto it = podsByOwner_.find(uid); it != podsByOwner_.end())
        candidates = it->second;
    if (auto it = orphanPods_.find(ns); it != orphanPods_.end())
        for (const std::string& name : it->second)
            candidates.insert(ns + "/" + name);

    ObjectStore& store = client_.server().store();
    std::vector<ObjectPtr> existing;
    for (const std::string& key : candidates)
        if (ObjectPtr pod = store.get("pods", ns, key.substr(ns.size() + 1)))
            existing.push_back(pod);
    return controller::claimObjects(client_, ds, *sel, "pods", existing).claimed;
}

// Upstream: daemon_controller.go#getNodesToDaemonPods
DaemonSetsController::NodeToPods DaemonSetsController::getNodesToDaemonPods(const Json& ds, bool includeDeletedTerminal) {
    NodeToPods out;
    for (const ObjectPtr& pod : getDaemonPods(ds)) {
        // A finished pod on its way out: nothing left to do with it.
        if (!includeDeletedTerminal && pod::isTerminal(*pod) && pod::isTerminating(*pod))
            continue;
        std::optional<std::string> node = targetNodeName(*pod);
        if (!node)
            continue;
        out[*node].push_back(pod);
    }
    return out;
}

// [SECTION] status

// Upstream: daemon_controller.go#updateDaemonSetStatus, storeDaemonSetStatus
bool DaemonSetsController::updateDaemonSetStatus(Sync& s, bool updateObservedGen) {
    const Json& ds = s.ds;
    NodeToPods nodeToPods = getNodesToDaemonPods(ds, false);
    const int64_t minReadySeconds = intAt(ds, "spec.minReadySeconds");
    const std::optional<int64_t> generation = templateGeneration(ds);
    const Time now = clock_.now();
    int64_t desired = 0, current = 0, misscheduled = 0, ready = 0, updated = 0, available = 0;
    for (const ObjectPtr& node : s.nodes) {
        const bool shouldRun = nodeShouldRunDaemonPod(*node, s.placement).first;
        auto it = nodeToPods.find(stringAt(*node, "metadata.name"));
        const bool scheduled = it != nodeToPods.end() && !it->second.empty();
        if (!shouldRun) {
            if (scheduled)
                ++misscheduled;
            continue;
        }
        ++desired;
        if (!scheduled)
            continue;
        ++current;
        std::vector<ObjectPtr>& pods = it->second;
        std::sort(pods.begin(), pods.end(), olderScheduledFirst);
        const Json& pod = *pods.front();
        if (pod::isReady(pod)) {
            ++ready;
            if (pod::isAvailable(pod, minReadySeconds, now))
                ++available;
        }
        if (isPodUpdated(pod, s.hash, generation))
            ++updated;
    }
    const int64_t unavailable = desired - available;
    if (minReadySeconds > 0 && ready != available)
        s.requeueIn(Duration::seconds(minReadySeconds));

    auto same = [&](const char* field, int64_t v) { return intAt(ds, std::string("status.") + field) == v; };
    if (same("desiredNumberScheduled", desired) && same("currentNumberScheduled", current) &&
        same("numberMisscheduled", misscheduled) && same("numberReady", ready) &&
        same("updatedNumberScheduled", updated) && same("numberAvailable", available) &&
        same("numberUnavailable", unavailable) &&
        intAt(ds, "status.observedGeneration") >= intAt(ds, "metadata.generation"))
        return true;

    Json toUpdate = ds;
    // StatusUpdateRetries = 1: one more try with a fresh copy after a failure.
    for (int attempt = 0; attempt < 2; ++attempt) {
        Json& st = toUpdate["status"];
        if (!st.is_object())
            st = Json::object();
        if (updateObservedGen)
            st["observedGeneration"] = intAt(ds, "metadata.generation");
        // Four fields are always serialised; the others are omitempty.
        st["desiredNumberScheduled"] = desired;
        st["currentNumberScheduled"] = current;
        st["numberMisscheduled"] = misscheduled;
        st["numberReady"] = ready;
        for (auto [field, v] : {std::pair{"updatedNumberScheduled", updated}, std::pair{"numberAvailable", available},
                                std::pair{"numberUnavailable", unavailable}}) {
            if (v == 0)
                st.erase(field);
            else
                st[field] = v;
        }
        if (intAt(st, "observedGeneration") == 0)
            st.erase("observedGeneration");
        if (client_.updateStatus(toUpdate).ok())
            return true;
        ObjectPtr fresh = client_.server().store().get("daemonsets.apps", stringAt(ds, "metadata.namespace"),
                                                       stringAt(ds, "metadata.name"));
        if (!fresh)
            return false;
        toUpdate = *fresh;
    }
    return false;
}

}  // namespace kp::daemon
