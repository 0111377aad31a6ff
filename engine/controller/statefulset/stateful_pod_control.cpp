// Creating, fixing and deleting a StatefulSet's pods and their PersistentVolumeClaims, each
// write reported as an Event on the StatefulSet:
//   SuccessfulCreate "create Pod web-0 in StatefulSet web successful"
//   SuccessfulCreate "create Claim www-web-0 Pod web-0 in StatefulSet web success"
//   FailedCreate     "create Pod web-0 in StatefulSet web failed error: <error>"
// and the same for "update" and "delete".
// persistentVolumeClaimRetentionPolicy (StatefulSetAutoDeletePVC, GA in 1.32) is expressed as
// ownerReferences on the claims, which the garbage collector follows:
//   whenDeleted Delete -> the claim is owned by the StatefulSet;
//   whenScaled  Delete -> the claim of a scaled-down pod is owned by that pod.
// Upstream: pkg/controller/statefulset/stateful_pod_control.go.
//
// SIMPLIFICATION: claims whose ownerReferences point at an older set or pod (same name, other
// uid) or at another controller are not special-cased beyond PodClaimIsStale.
#include "api/owner_refs.h"
#include "api/pod_util.h"
#include "controller/statefulset/stateful_set.h"

namespace kp::statefulset {
namespace {

std::string title(const std::string& verb) {
    std::string t = verb;
    if (!t.empty() && t[0] >= 'a' && t[0] <= 'z')
        t[0] = static_cast<char>(t[0] - 'a' + 'A');
    return t;
}

bool refersTo(const Json& ref, const Json& obj, const char* apiVersion, const char* kind) {
    return ref.value("apiVersion", "") == apiVersion && ref.value("kind", "") == kind &&
           ref.value("name", "") == stringAt(obj, "metadata.name");
}

// The ownerReferences the retention policy wants on a claim of `pod`: {set?, pod?}.
std::pair<bool, bool> wantedOwners(const Json& set, const Json& pod) {
    const std::string whenDeleted = stringAt(set, "spec.persistentVolumeClaimRetentionPolicy.whenDeleted", "Retain");
    const std::string whenScaled = stringAt(set, "spec.persistentVolumeClaimRetentionPolicy.whenScaled", "Retain");
    const bool scaledDown = !podInOrdinalRange(pod, set);
    const bool wantSet = whenDeleted == "Delete" && !(whenScaled == "Delete" && scaledDown);
    const bool wantPod = whenScaled == "Delete" && scaledDown;
    return {wantSet, wantPod};
}

}  // namespace

void StatefulSetController::recordPodEvent(const std::string& verb, const Json& set, const Json& pod, const std::string& error) {
    const std::string name = stringAt(pod, "metadata.name"), setName = stringAt(set, "metadata.name");
    if (error.empty())
        recorder_.event(set, "Normal", "Successful" + title(verb), verb + " Pod " + name + " in StatefulSet " + setName + " successful");
    else
        recorder_.event(set, "Warning", "Failed" + title(verb),
                        verb + " Pod " + name + " in StatefulSet " + setName + " failed error: " + error);
}

void StatefulSetController::recordClaimEvent(const std::string& verb, const Json& set, const Json& pod, const Json& claim,
                                             const std::string& error) {
    const std::string claimName = stringAt(claim, "metadata.name"), name = stringAt(pod, "metadata.name"),
                      setName = stringAt(set, "metadata.name");
    if (error.empty())
        recorder_.event(set, "Normal", "Successful" + title(verb),
                        verb + " Claim " + claimName + " Pod " + name + " in StatefulSet " + setName + " success");
    else
        recorder_.event(set, "Warning", "Failed" + title(verb),
                        verb + " Claim " + claimName + " for Pod " + name + " in StatefulSet " + setName + " failed error: " + error);
}

// Upstream: stateful_pod_control.go#createPersistentVolumeClaims
bool StatefulSetController::createPersistentVolumeClaims(const Json& set, const Json& pod, std::string* error) {
    std::vector<std::string> errs;
    for (const Json& claim : persistentVolumeClaims(set, pod)) {
        ObjectPtr existing = store_.get("persistentvolumeclaims", stringAt(claim, "metadata.namespace"), stringAt(claim, "metadata.name"));
        if (!existing) {
            ApiResponse r = client_.create(claim);
            if (!r.ok())
                errs.push_back("failed to create PVC " + stringAt(claim, "metadata.name") + ": " + r.status.message());
            if (r.ok() || !r.status.isAlreadyExists())
                recordClaimEvent("create", set, pod, claim, r.ok() ? "" : r.status.message());
            continue;
        }
        if (pod::isTerminating(*existing))
            errs.push_back("pvc " + stringAt(claim, "metadata.name") + " is being deleted");
    }
    if (errs.empty())
        return true;
    // utilerrors.NewAggregate: one error as is, several as "[a, b]".
    std::string joined = errs.size() == 1 ? errs[0] : "[";
    if (errs.size() > 1) {
        for (size_t i = 0; i < errs.size(); ++i)
            joined += (i ? ", " : "") + errs[i];
        joined += "]";
    }
    if (error)
        *error = joined;
    return false;
}

// Upstream: stateful_pod_control.go#CreateStatefulPod (claims first, then the pod).
bool StatefulSetController::createStatefulPod(const Json& set, const Json& pod) {
    std::string error;
    if (!createPersistentVolumeClaims(set, pod, &error)) {
        recordPodEvent("create", set, pod, error);
        return false;
    }
    ApiResponse r = client_.create(pod);
    if (!r.ok() && r.status.isAlreadyExists())
        return false;
    if (r.ok() && !claimsMatchRetentionPolicy(set, r.object) && !updatePodClaimForRetentionPolicy(set, r.object, &error)) {
        recordPodEvent("update", set, pod, error);
        return false;
    }
    recordPodEvent("create", set, pod, r.ok() ? "" : r.status.message());
    return r.ok();
}

// Upstream: stateful_pod_control.go#UpdateStatefulPod (identity, storage, claim owners; retried on conflicts).
bool StatefulSetController::updateStatefulPod(const Json& set, Json pod) {
    std::string error;
    bool attempted = false;
    bool ok = false;
    for (int attempt = 0; attempt < 5; ++attempt) {
        bool consistent = true;
        if (!identityMatches(set, pod)) {
            updateIdentity(set, pod);
            consistent = false;
        }
        if (!storageMatches(set, pod)) {
            updateStorage(set, pod);
            consistent = false;
            if (!createPersistentVolumeClaims(set, pod, &error)) {
                recordPodEvent("update", set, pod, error);
                return false;
            }
        }
        if (!claimsMatchRetentionPolicy(set, pod)) {
            if (!updatePodClaimForRetentionPolicy(set, pod, &error)) {
                recordPodEvent("update", set, pod, error);
                return false;
            }
            consistent = false;
        }
        if (consistent)
            return true;
        attempted = true;
        ApiResponse r = client_.update(pod);
        if (r.ok()) {
            ok = true;
            error.clear();
            break;
        }
        error = r.status.message();
        if (!r.status.isConflict())
            break;
        ObjectPtr fresh = store_.get("pods", stringAt(set, "metadata.namespace"), stringAt(pod, "metadata.name"));
        if (!fresh)
            break;
        pod = *fresh;
    }
    if (attempted)
        recordPodEvent("update", set, pod, error);
    return ok;
}

// Upstream: stateful_pod_control.go#DeleteStatefulPod
bool StatefulSetController::deleteStatefulPod(const Json& set, const Json& pod) {
    ApiResponse r = client_.remove(client_.resource("pods"), stringAt(pod, "metadata.namespace"), stringAt(pod, "metadata.name"));
    recordPodEvent("delete", set, pod, r.ok() ? "" : r.status.message());
    return r.ok() || r.status.isNotFound();
}

// Upstream: stateful_pod_control.go#ClaimsMatchRetentionPolicy (missing claims count as matching).
bool StatefulSetController::claimsMatchRetentionPolicy(const Json& set, const Json& pod) const {
    const auto [wantSet, wantPod] = wantedOwners(set, pod);
    const std::string setUid = stringAt(set, "metadata.uid"), podUid = stringAt(pod, "metadata.uid");
    for (const Json& claim : persistentVolumeClaims(set, pod)) {
        ObjectPtr existing = store_.get("persistentvolumeclaims", stringAt(claim, "metadata.namespace"), stringAt(claim, "metadata.name"));
        if (!existing)
            continue;
        bool hasSet = false, hasPod = false;
        if (const Json* refs = findPath(*existing, "metadata.ownerReferences"); refs && refs->is_array())
            for (const Json& ref : *refs) {
                hasSet = hasSet || ref.value("uid", "") == setUid;
                hasPod = hasPod || (!podUid.empty() && ref.value("uid", "") == podUid);
            }
        if (hasSet != wantSet || hasPod != (wantPod && !podUid.empty()))
            return false;
    }
    return true;
}

// Upstream: stateful_pod_control.go#UpdatePodClaimForRetentionPolicy + updateClaimOwnerRefForSetAndPod
bool StatefulSetController::updatePodClaimForRetentionPolicy(const Json& set, const Json& pod, std::string* error) {
    const auto [wantSet, wantPod] = wantedOwners(set, pod);
    for (const Json& claim : persistentVolumeClaims(set, pod)) {
        ObjectPtr existing = store_.get("persistentvolumeclaims", stringAt(claim, "metadata.namespace"), stringAt(claim, "metadata.name"));
        if (!existing)
            continue;  // picked up on a later sync
        Json updated = *existing;
        Json refs = Json::array();
        if (const Json* current = findPath(*existing, "metadata.ownerReferences"); current && current->is_array())
            for (const Json& ref : *current)
                if (!refersTo(ref, set, "apps/v1", "StatefulSet") && !refersTo(ref, pod, "v1", "Pod"))
                    refs.push_back(ref);
        if (wantSet)
            refs.push_back(owner::newControllerRef(set));
        if (wantPod && !stringAt(pod, "metadata.uid").empty())
            refs.push_back(owner::newControllerRef(pod));
        if (refs.empty())
            updated["metadata"].erase("ownerReferences");
        else
            updated["metadata"]["ownerReferences"] = refs;
        if (updated == *existing)
            continue;
        ApiResponse r = client_.update(updated);
        if (!r.ok()) {
            if (error)
                *error = "Could not update claim " + stringAt(claim, "metadata.name") + " for delete policy ownerRefs: " + r.status.message();
            return false;
        }
    }
    return true;
}

// Upstream: stateful_pod_control.go#PodClaimIsStale: with whenScaled Delete, a claim still
// owned by an earlier pod of the same name blocks the new pod until the garbage collector is done.
bool StatefulSetController::podClaimIsStale(const Json& set, const Json& pod) const {
    if (stringAt(set, "spec.persistentVolumeClaimRetentionPolicy.whenScaled", "Retain") != "Delete")
        return false;
    const std::string podUid = stringAt(pod, "metadata.uid");
    for (const Json& claim : persistentVolumeClaims(set, pod)) {
        ObjectPtr existing = store_.get("persistentvolumeclaims", stringAt(claim, "metadata.namespace"), stringAt(claim, "metadata.name"));
        if (!existing)
            continue;
        if (const Json* refs = findPath(*existing, "metadata.ownerReferences"); refs && refs->is_array())
            for (const Json& ref : *refs)
                if (refersTo(ref, pod, "v1", "Pod") && ref.value("uid", "") != podUid)
                    return true;
    }
    return false;
}

}  // namespace kp::statefulset
