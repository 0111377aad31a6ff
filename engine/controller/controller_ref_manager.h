// ControllerRefManager: how a controller decides which objects it owns (pods of a ReplicaSet,
// Job, StatefulSet or DaemonSet, ReplicaSets of a Deployment, a DaemonSet's ControllerRevisions),
// by selector and ownerReferences:
//   - owned by someone else: ignored;
//   - owned by us and matching: claimed (even while we are being deleted);
//   - owned by us but no longer matching: released (ownerReference removed), unless we are
//     being deleted;
//   - an orphan that matches, is not being deleted, while we are not being deleted: adopted
//     (ownerReference {controller: true, blockOwnerDeletion: true} added).
// Adoption and release are strategic merge patches carrying the object's uid, as upstream
// sends them, so a re-created object of the same name is not touched.
// Upstream: pkg/controller/controller_ref_manager.go (claimObject, AdoptPod, ReleasePod,
// AdoptReplicaSet, ReleaseReplicaSet).
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "api/labels.h"
#include "client/client.h"
#include "store/object_store.h"

namespace kp::controller {

struct ClaimResult {
    std::vector<ObjectPtr> claimed;  // the objects we own after the claim (latest versions)
    std::string error;               // first adoption/release failure, "" when none
};

// Upstream's per-controller variations (ClaimPods filters, PodControllerRefManager finalizers).
struct ClaimOptions {
    // An extra condition for "matches" besides the selector (StatefulSet: the pod's name is one
    // of the set's ordinals).
    std::function<bool(const Json& object)> filter;
    // Finalizers an adoption adds (Job: batch.kubernetes.io/job-tracking).
    std::vector<std::string> finalizers;
};

// `controller` is the owner as currently stored; `resource` the dependents' group resource
// ("pods", "replicasets.apps", "controllerrevisions.apps").
ClaimResult claimObjects(Client& client, const Json& controller, const labels::Selector& selector,
                         const std::string& resource, const std::vector<ObjectPtr>& candidates,
                         const ClaimOptions& options = {});

// The patch bodies (exact upstream text).
std::string adoptPatch(const Json& controller, const std::string& dependentUid,
                       const std::vector<std::string>& finalizers = {});
std::string releasePatch(const std::string& controllerUid, const std::string& dependentUid);

}  // namespace kp::controller
