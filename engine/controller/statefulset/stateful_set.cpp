// The StatefulSet controller's event handlers, pod index, and the sync entry point.
// [SECTION] events   StatefulSet and pod events -> keys
// [SECTION] sync     claim revisions and pods, run the control loop, requeue for minReadySeconds
#include "controller/statefulset/stateful_set.h"

#include "api/owner_refs.h"
#include "api/pod_util.h"
#include "controller/controller_ref_manager.h"

namespace kp::statefulset {
namespace {

std::string keyOf(const Json& obj) { return stringAt(obj, "metadata.namespace") + "/" + stringAt(obj, "metadata.name"); }

}  // namespace

StatefulSetController::StatefulSetController(ApiServer& server, VirtualClock& clock)
    : client_(server, "statefulset-controller"),
      store_(server.store()),
      recorder_(server, "statefulset-controller"),
      clock_(clock),
      delayed_(clock, queue()) {}

// [SECTION] events

void StatefulSetController::onEvent(const WatchEvent& event) {
    if (event.resource == "statefulsets.apps")
        onSetEvent(event);
    else if (event.resource == "pods")
        onPodEvent(event);
}

void StatefulSetController::onSetEvent(const WatchEvent& event) { queue().add(keyOf(*event.object)); }

void StatefulSetController::indexPod(const std::string& podKey, const Json* pod) {
    if (auto it = podOwner_.find(podKey); it != podOwner_.end()) {
        auto owned = podsByOwner_.find(it->second.uid);
        if (owned != podsByOwner_.end() && owned->second.erase(podKey) && owned->second.empty())
            podsByOwner_.erase(owned);
        podOwner_.erase(it);
    }
    const std::string ns = podKey.substr(0, podKey.find('/'));
    if (auto orphans = orphanPods_.find(ns); orphans != orphanPods_.end()) {
        orphans->second.erase(podKey);
        if (orphans->second.empty())
            orphanPods_.erase(orphans);
    }
    if (!pod) {
        podReady_.erase(podKey);
        return;
    }
    if (const Json* ref = owner::controllerRef(*pod)) {
        // Only StatefulSet-owned pods: a pod another kind controls (a ReplicaSet's, a DaemonSet's)
        // never resolves to a StatefulSet (resolveControllerRef), so its owner and readiness
        // would only cost memory for every pod of the cluster.
        if (ref->value("kind", "") != "StatefulSet") {
            podReady_.erase(podKey);
            return;
        }
        OwnerRef o{ref->value("kind", ""), ref->value("name", ""), ref->value("uid", "")};
        podsByOwner_[o.uid].insert(podKey);
        podOwner_[podKey] = std::move(o);
    } else {
        orphanPods_[ns].insert(podKey);
    }
}

// Upstream: stateful_set.go#addPod, #updatePod, #deletePod
void StatefulSetController::onPodEvent(const WatchEvent& event) {
    const Json& pod = *event.object;
    const std::string podKey = keyOf(pod);
    const std::string ns = stringAt(pod, "metadata.namespace");
    std::optional<OwnerRef> old;
    if (auto it = podOwner_.find(podKey); it != podOwner_.end())
        old = it->second;
    const auto seenReady = podReady_.find(podKey);
    const bool wasReady = seenReady != podReady_.end() && seenReady->second;

    if (event.type == WatchEventType::Deleted) {
        indexPod(podKey, nullptr);
        if (old)
            if (ObjectPtr set = resolveControllerRef(ns, old->kind, old->name, old->uid))
                queue().add(keyOf(*set));
        return;
    }
    indexPod(podKey, &pod);
    const bool ready = pod::isReady(pod);
    if (podOwner_.count(podKey) || !owner::controllerRef(pod))
        podReady_[podKey] = ready;  // pods this controller may act on (see indexPod)

    const Json* ref = owner::controllerRef(pod);
    if (event.type == WatchEventType::Modified && old && (!ref || ref->value("uid", "") != old->uid))
        if (ObjectPtr set = resolveControllerRef(ns, old->kind, old->name, old->uid))
            queue().add(keyOf(*set));
    if (ref) {
        ObjectPtr set = resolveControllerRef(ns, ref->value("kind", ""), ref->value("name", ""), ref->value("uid", ""));
        if (!set)
            return;
        queue().add(keyOf(*set));
        // A pod that just became Ready becomes available minReadySeconds later: look again then
        // (plus a second against rounding).
        const int64_t minReady = intAt(*set, "spec.minReadySeconds");
        if (event.type == WatchEventType::Modified && !wasReady && ready && minReady > 0)
            delayed_.addAfter(keyOf(*set), Duration::seconds(minReady) + Duration::seconds(1));
        return;
    }
    for (const std::string& setKey : setsSelecting(pod))
        queue().add(setKey);
}

ObjectPtr StatefulSetController::resolveControllerRef(const std::string& ns, const std::string& kind, const std::string& name,
                                                      const std::string& uid) const {
    if (kind != "StatefulSet")
        return nullptr;
    ObjectPtr set = store_.get("statefulsets.apps", ns, name);
    if (!set || stringAt(*set, "metadata.uid") != uid)
        return nullptr;
    return set;
}

// Upstream: StatefulSetLister.GetPodStatefulSets
std::vector<std::string> StatefulSetController::setsSelecting(const Json& pod) const {
    std::vector<std::string> out;
    for (const ObjectPtr& set : store_.list("statefulsets.apps", stringAt(pod, "metadata.namespace"))) {
        const Json* sel = findPath(*set, "spec.selector");
        std::string err;
        auto selector = sel ? labels::labelSelectorAsSelector(*sel, &err) : std::nullopt;
        if (!selector || selector->empty() || selector->isNothing() || !selector->matchesLabelsOf(pod))
            continue;
        out.push_back(keyOf(*set));
    }
    return out;
}

// [SECTION] sync

// Upstream: stateful_set.go#sync, #syncStatefulSet
ReconcileResult StatefulSetController::reconcile(const std::string& key) {
    const size_t slash = key.find('/');
    ObjectPtr shared = store_.get("statefulsets.apps", key.substr(0, slash), key.substr(slash + 1));
    if (!shared)
        return ReconcileResult::done();
    const Json& set = *shared;
    std::string err;
    const Json* sel = findPath(set, "spec.selector");
    auto selector = sel ? labels::labelSelectorAsSelector(*sel, &err) : std::nullopt;
    if (!selector)
        return ReconcileResult::done();  // a broken selector is not retried
    if (!adoptOrphanRevisions(set))
        return ReconcileResult::requeue();
    std::vector<ObjectPtr> pods;
    if (!getPodsForStatefulSet(set, *selector, pods))
        return ReconcileResult::requeue();
    std::optional<StatefulSetStatus> status;
    if (!updateStatefulSet(set, pods, status))
        return ReconcileResult::requeue();
    // One more sync when pods are ready but not yet available.
    const int64_t minReady = intAt(set, "spec.minReadySeconds");
    if (minReady > 0 && status && status->availableReplicas != intAt(set, "spec.replicas", 1))
        delayed_.addAfter(key, Duration::seconds(minReady));
    return ReconcileResult::done();
}

// Upstream: stateful_set.go#adoptOrphanRevisions, history.AdoptControllerRevision
bool StatefulSetController::adoptOrphanRevisions(const Json& set) {
    bool ok = true;
    for (const ObjectPtr& rev : listRevisions(set)) {
        if (owner::controllerRef(*rev))
            continue;
        if (findPath(set, "metadata.deletionTimestamp"))
            return false;  // canAdopt: not while the set is being deleted
        const Json patch = {{"metadata",
                             {{"ownerReferences", Json::array({owner::newControllerRef(set)})},
                              {"uid", stringAt(*rev, "metadata.uid")}}}};
        ApiResponse r = client_.patch(client_.resource("controllerrevisions.apps"), stringAt(*rev, "metadata.namespace"),
                                      stringAt(*rev, "metadata.name"), PatchType::StrategicMergePatch, patch.dump());
        if (!r.ok() && !r.status.isNotFound())
            ok = false;
    }
    return ok;
}

// Upstream: stateful_set.go#getPodsForStatefulSet + ClaimPods: members (name "<set>-<n>") that
// match the selector are owned; owned ones that stop matching are released; matching orphans
// are adopted.
bool StatefulSetController::getPodsForStatefulSet(const Json& set, const labels::Selector& selector,
                                                  std::vector<ObjectPtr>& pods) {
    const std::string ns = stringAt(set, "metadata.namespace");
    std::set<std::string> candidates;
    if (auto it = podsByOwner_.find(stringAt(set, "metadata.uid")); it != podsByOwner_.end())
        candidates = it->second;
    if (auto it = orphanPods_.find(ns); it != orphanPods_.end())
        candidates.insert(it->second.begin(), it->second.end());
    std::vector<ObjectPtr> existing;
    for (const std::string& podKey : candidates)
        if (ObjectPtr pod = store_.get("pods", ns, podKey.substr(podKey.find('/') + 1)))
            existing.push_back(pod);
    controller::ClaimOptions options;
    options.filter = [&set](const Json& pod) { return isMemberOf(set, pod); };
    controller::ClaimResult claim = controller::claimObjects(client_, set, selector, "pods", existing, options);
    pods.insert(pods.end(), claim.claimed.begin(), claim.claimed.end());
    return claim.error.empty();
}

}  // namespace kp::statefulset
