// [SECTION] events   watch events -> Deployment keys
// [SECTION] sync     syncDeployment and claiming ReplicaSets
#include "controller/deployment/deployment_controller.h"

#include "api/labels.h"
#include "api/owner_refs.h"
#include "controller/controller_ref_manager.h"

namespace kp::controller {
namespace {

constexpr const char* kDeployments = "deployments.apps";
constexpr const char* kReplicaSets = "replicasets.apps";

std::string keyOf(const Json& obj) { return stringAt(obj, "metadata.namespace") + "/" + stringAt(obj, "metadata.name"); }

bool deleting(const Json& obj) {
    const Json* ts = findPath(obj, "metadata.deletionTimestamp");
    return ts && !ts->is_null();
}

std::optional<labels::Selector> selectorOf(const Json& obj) {
    const Json* sel = findPath(obj, "spec.selector");
    std::string error;
    return labels::labelSelectorAsSelector(sel ? *sel : Json(nullptr), &error);
}

bool runningPhase(const Json& pod) {
    const std::string phase = stringAt(pod, "status.phase");
    return phase != "Succeeded" && phase != "Failed";
}

// reflect.DeepEqual(d.Spec.Selector, &metav1.LabelSelector{}): a selector with nothing in it.
bool selectsEverything(const Json& d) {
    const Json* sel = findPath(d, "spec.selector");
    if (!sel || !sel->is_object())
        return false;
    for (auto it = sel->begin(); it != sel->end(); ++it)
        if (!it.value().is_null() && !it.value().empty())
            return false;
    return true;
}

}  // namespace

DeploymentController::DeploymentController(ApiServer& server, const Clock& clock)
    : client_(server, "deployment-controller"), events_(server, "deployment-controller"), clock_(clock) {}

WriteOptions DeploymentController::writeOptions() const {
    WriteOptions opts;
    opts.actor = "deployment-controller";
    opts.fieldManager = "kube-controller-manager";
    return opts;
}

// [SECTION] events

void DeploymentController::onEvent(const WatchEvent& event) {
    if (!event.object)
        return;
    if (event.resource == kDeployments)
        queue().add(keyOf(*event.object));  // addDeployment, updateDeployment, deleteDeployment
    else if (event.resource == kReplicaSets)
        onReplicaSetEvent(event);
    else if (event.resource == "pods")
        onPodEvent(event);
}

// resolveControllerRef: the Deployment a controllerRef names, if its uid matches.
ObjectPtr DeploymentController::resolveControllerRef(const std::string& ns, const Json* ref) {
    if (!ref || stringAt(*ref, "kind") != "Deployment")
        return nullptr;
    ObjectPtr d = client_.server().store().get(kDeployments, ns, stringAt(*ref, "name"));
    if (!d || stringAt(*d, "metadata.uid") != stringAt(*ref, "uid"))
        return nullptr;
    return d;
}

void DeploymentController::enqueueDeploymentOf(const Json& rs) {
    if (ObjectPtr d = resolveControllerRef(stringAt(rs, "metadata.namespace"), owner::controllerRef(rs)))
        queue().add(keyOf(*d));
}

// getDeploymentsForReplicaSet: Deployments whose non-empty selector matches an orphan's labels.
void DeploymentController::enqueueMatching(const Json& rs) {
    const Json* rsLabels = findPath(rs, "metadata.labels");
    if (!rsLabels || !rsLabels->is_object() || rsLabels->empty())
        return;
    for (const ObjectPtr& d : client_.server().store().list(kDeployments, stringAt(rs, "metadata.namespace"))) {
        std::optional<labels::Selector> sel = selectorOf(*d);
        if (sel && !sel->empty() && sel->matchesLabelsOf(rs))
            queue().add(keyOf(*d));
    }
}

// Upstream: deployment_controller.go#addReplicaSet, updateReplicaSet, deleteReplicaSet
void DeploymentController::onReplicaSetEvent(const WatchEvent& event) {
    const Json& cur = *event.object;
    const std::string key = keyOf(cur);
    ObjectPtr old;
    if (auto it = replicaSets_.find(key); it != replicaSets_.end())
        old = it->second;
    if (event.type == WatchEventType::Deleted) {
        replicaSets_.erase(key);
        enqueueDeploymentOf(cur);
        return;
    }
    replicaSets_[key] = event.object;
    if (!old) {
        if (deleting(cur) || owner::controllerRef(cur)) {
            enqueueDeploymentOf(cur);
            return;
        }
        enqueueMatching(cur);
        return;
    }
    if (stringAt(*old, "metadata.resourceVersion") == stringAt(cur, "metadata.resourceVersion"))
        return;
    const Json* curRef = owner::controllerRef(cur);
    const Json* oldRef = owner::controllerRef(*old);
    const bool refChanged = (curRef == nullptr) != (oldRef == nullptr) || (curRef && *curRef != *oldRef);
    if (refChanged && oldRef)
        enqueueDeploymentOf(*old);
    if (curRef) {
        enqueueDeploymentOf(cur);
        return;
    }
    const Json* curLabels = findPath(cur, "metadata.labels");
    const Json* oldLabels = findPath(*old, "metadata.labels");
    const bool labelChanged = (curLabels ? *curLabels : Json()) != (oldLabels ? *oldLabels : Json());
    if (labelChanged || refChanged)
        enqueueMatching(cur);
}

// Keeps the pods-per-ReplicaSet index; a deleted pod wakes a Recreate Deployment that has no
// pods left (upstream: deployment_controller.go#deletePod).
void DeploymentController::onPodEvent(const WatchEvent& event) {
    const Json& pod = *event.object;
    const std::string key = keyOf(pod);
    const std::string name = stringAt(pod, "metadata.name");
    if (auto it = podOwner_.find(key); it != podOwner_.end()) {
        auto pods = podsByRS_.find(it->second);
        if (pods != podsByRS_.end()) {
            pods->second.erase(name);
            if (pods->second.empty())
                podsByRS_.erase(pods);
        }
        podOwner_.erase(it);
    }
    const Json* ref = owner::controllerRef(pod);
    const bool ownedByReplicaSet = ref && stringAt(*ref, "kind") == "ReplicaSet";
    if (event.type != WatchEventType::Deleted) {
        if (ownedByReplicaSet) {
            podOwner_[key] = stringAt(*ref, "uid");
            podsByRS_[stringAt(*ref, "uid")][name] = runningPhase(pod);
        }
        return;
    }
    if (!ownedByReplicaSet)
        return;
    const std::string ns = stringAt(pod, "metadata.namespace");
    ObjectPtr rs = client_.server().store().get(kReplicaSets, ns, stringAt(*ref, "name"));
    if (!rs || stringAt(*rs, "metadata.uid") != stringAt(*ref, "uid"))
        return;
    ObjectPtr d = resolveControllerRef(ns, owner::controllerRef(*rs));
    if (!d || stringAt(*d, "spec.strategy.type") != "Recreate")
        return;
    for (const ObjectPtr& other : client_.server().store().list(kReplicaSets, ns))
        if (owner::isControlledBy(*other, stringAt(*d, "metadata.uid")) &&
            podsByRS_.count(stringAt(*other, "metadata.uid")))
            return;  // pods remain
    queue().add(keyOf(*d));
}

// [SECTION] sync

ReconcileResult DeploymentController::reconcile(const std::string& key) {
    Outcome o = syncDeployment(key);
    if (!o.error.empty() || o.rateLimited)
        return ReconcileResult::requeue();
    if (o.requeueAfter)
        return ReconcileResult::requeueAfter(*o.requeueAfter);
    return ReconcileResult::done();
}

// Upstream: deployment_controller.go#syncDeployment
// 1. A selector that selects everything: warn and stop.
// 2. Claim the ReplicaSets (adopt, release).
// 3. Being deleted: status only. Paused: scale only. Replicas changed: proportional scaling.
// 4. Otherwise roll out with the strategy.
DeploymentController::Outcome DeploymentController::syncDeployment(const std::string& key) {
    Outcome o;
    const size_t slash = key.find('/');
    ObjectPtr stored = client_.server().store().get(kDeployments, key.substr(0, slash), key.substr(slash + 1));
    if (!stored)
        return o;
    Json d = *stored;

    // 1.
    if (selectsEverything(d)) {
        events_.event(d, "Warning", "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
        if (intAt(d, "status.observedGeneration") < intAt(d, "metadata.generation")) {
            d["status"]["observedGeneration"] = intAt(d, "metadata.generation");
            client_.updateStatus(d, writeOptions());
        }
        return o;
    }

    // 2.
    ReplicaSets rsList;
    if (!getReplicaSetsForDeployment(d, rsList, o))
        return o;

    // 3.
    if (deleting(d)) {
        syncStatusOnly(d, rsList, o);
        return o;
    }
    if (!checkPausedConditions(d, o))
        return o;
    if (boolAt(d, "spec.paused")) {
        sync(d, rsList, o);
        return o;
    }
    bool scaling = false;
    if (!isScalingEvent(d, rsList, scaling, o))
        return o;
    if (scaling) {
        sync(d, rsList, o);
        return o;
    }

    // 4.
    const std::string strategy = stringAt(d, "spec.strategy.type");
    if (strategy == "Recreate")
        rolloutRecreate(d, rsList, o);
    else if (strategy == "RollingUpdate")
        rolloutRolling(d, rsList, o);
    else
        o.error = "unexpected deployment strategy type: " + strategy;
    return o;
}

// Upstream: deployment_controller.go#getReplicaSetsForDeployment (ClaimReplicaSets).
bool DeploymentController::getReplicaSetsForDeployment(const Json& d, ReplicaSets& out, Outcome& o) {
    std::optional<labels::Selector> selector = selectorOf(d);
    if (!selector) {
        o.error = "deployment " + keyOf(d) + " has invalid label selector";
        return false;
    }
    std::vector<ObjectPtr> all = client_.server().store().list(kReplicaSets, stringAt(d, "metadata.namespace"));
    ClaimResult claim = claimObjects(client_, d, *selector, kReplicaSets, all);
    if (!claim.error.empty()) {
        o.error = claim.error;
        return false;
    }
    for (const ObjectPtr& rs : claim.claimed)
        out.push_back(*rs);
    return true;
}

}  // namespace kp::controller
