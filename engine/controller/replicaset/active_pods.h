// Which pods a ReplicaSet counts, which are available, and which go first when it has too many.
// Upstream: pkg/controller/controller_utils.go (IsPodActive, ActivePodsWithRanks),
// pkg/api/v1/pod/util.go (IsPodAvailable), pkg/controller/replicaset/replica_set.go
// (getPodsToDelete, getPodsRankedByRelatedPodsOnSameNode).
#pragma once
#include <optional>
#include <vector>

#include "base/json.h"
#include "base/time.h"
#include "store/object_store.h"

namespace kp::replicaset {

// Not Succeeded, not Failed, not being deleted.
bool isPodActive(const Json& pod);

// Ready for more than minReadySeconds: the Ready condition's lastTransitionTime plus
// minReadySeconds is strictly before `now` (upstream's time.Before).
bool isPodAvailable(const Json& pod, int64_t minReadySeconds, Time now);

// When a Ready pod that is not yet available will be: lastTransitionTime + minReadySeconds.
std::optional<Time> availableAt(const Json& pod, int64_t minReadySeconds);

// controller.kubernetes.io/pod-deletion-cost as an int32 (0 when absent or invalid).
int32_t podDeletionCost(const Json& pod);

// The pods to delete when a ReplicaSet has `diff` too many, in ActivePodsWithRanks order:
//   1. not yet scheduled (no nodeName) before scheduled;
//   2. phase Pending before Unknown before Running;
//   3. not Ready before Ready;
//   4. lower pod-deletion-cost first;
//   5. more active sibling pods on the same node first (`relatedPods`: pods of every ReplicaSet
//      with the same owner, i.e. the whole Deployment);
//   6. both Ready: ready more recently first;
//   7. more container restarts first;
//   8. created more recently first.
// 6 and 8 compare times on a log2 scale of their age (LogarithmicScaleDown): pods in the same
// power-of-two age bucket are ordered by uid, a pseudo-random but stable choice.
std::vector<ObjectPtr> getPodsToDelete(std::vector<ObjectPtr> filteredPods, const std::vector<ObjectPtr>& relatedPods,
                                       int diff, Time now);

}  // namespace kp::replicaset
