// ReplicaSetController keeps `spec.replicas` pods of a ReplicaSet alive:
//   - it claims pods by selector and controllerRef (adopts matching orphans, releases owned
//     pods that stopped matching; controller_ref_manager.h);
//   - too few: creates pods from the template ("<rs>-<5 chars>", ownerReference controller +
//     blockOwnerDeletion) in slow-start batches of 1, 2, 4, ... that stop at the first failure,
//     at most 500 per sync; events SuccessfulCreate "Created pod: x" / FailedCreate
//     "Error creating: <API error>";
//   - too many: deletes the pods ranked first by active_pods.h (unscheduled, pending, not
//     ready, crowded nodes, recently ready, restarted, new); events SuccessfulDelete
//     "Deleted pod: x" / FailedDelete;
//   - status: replicas, fullyLabeledReplicas, readyReplicas, availableReplicas (Ready for more
//     than minReadySeconds), observedGeneration, and a ReplicaFailure condition (FailedCreate /
//     FailedDelete with the API error) while creating or deleting fails.
// Upstream: pkg/controller/replicaset/replica_set.go (syncReplicaSet, manageReplicas,
// slowStartBatch, event handlers), replica_set_utils.go (calculateStatus,
// updateReplicaSetStatus), pkg/controller/controller_utils.go (RealPodControl).
//
// SIMPLIFICATION: no expectations cache. Upstream needs it because its informer cache lags
// its own writes; our reads come from the store, which never lags.
// SIMPLIFICATION: a pod turning Ready does not start a timer; instead every sync requeues
// itself for the moment the next Ready pod becomes available (lastTransitionTime +
// minReadySeconds + 1 s, upstream's "one more second against clock skew").
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/labels.h"
#include "base/clock.h"
#include "client/client.h"
#include "client/event_recorder.h"
#include "controller/controller.h"

namespace kp::controller {

class ReplicaSetController final : public Controller {
public:
    ReplicaSetController(ApiServer& server, const Clock& clock);

    std::string_view name() const override { return "replicaset-controller"; }
    std::vector<std::string> watches() const override { return {"replicasets.apps", "pods"}; }
    void onEvent(const WatchEvent& event) override;
    // Key: "<namespace>/<name>" of a ReplicaSet.
    ReconcileResult reconcile(const std::string& key) override;

    // Most pods created or deleted by one sync (upstream BurstReplicas).
    static constexpr int kBurstReplicas = 500;

private:
    // [events]
    void onReplicaSetEvent(const WatchEvent& event);
    struct SeenPod;
    void onPodEvent(const WatchEvent& event);
    void indexPod(const std::string& key, const SeenPod* was, const Json* pod, const SeenPod* now);
    void enqueueController(const Json& pod);
    void enqueueReplicaSet(const std::string& ns, const std::string& name, const std::string& uid);
    void enqueueMatching(const Json& pod);

    // [sync]
    std::vector<ObjectPtr> candidatePods(const Json& rs);
    std::vector<ObjectPtr> getIndirectlyRelatedPods(const Json& rs);
    std::string manageReplicas(const std::vector<ObjectPtr>& filteredPods, const Json& rs);
    std::string createPods(const Json& rs, int count);
    std::string deletePods(const Json& rs, const std::vector<ObjectPtr>& pods);

    // [tally]
    struct PodTally;
    const PodTally* currentTally(const Json& rs, const labels::Selector& selector);
    bool orphanClaimable(const std::string& ns, const labels::Selector& selector);
    uint8_t tallyPod(const std::string& ownerUid, const std::string& key, const Json& pod);
    void untallyPod(const std::string& ownerUid, uint8_t counted);

    // [status]
    Json calculateStatus(const Json& rs, const std::vector<ObjectPtr>& filteredPods, const std::string& manageError);
    Json statusFromCounts(const Json& rs, int64_t replicas, int64_t fullyLabeled, int64_t ready, int64_t available,
                          const std::string& manageError);
    bool updateReplicaSetStatus(const Json& rs, const Json& newStatus, Json& updated);

    WriteOptions writeOptions() const;

    Client client_;
    EventRecorder events_;
    const Clock& clock_;

    // Indexes kept from pod watch events (upstream: the pod informer's cache). They keep what
    // the event handlers compare, not the pods: a big cluster's store keeps its pods packed
    // (object_store.h) and frees a pod's tree once nothing holds it; a sync that walks its pods
    // reads them from the store, which holds what the watch delivered.
    struct SeenPod {
        std::string resourceVersion;
        size_t labelsHash = 0;        // of metadata.labels
        size_t controllerRefHash = 0; // of the controller ownerReference, 0 without one
        std::string rsName, rsUid;    // the controller, when it is a ReplicaSet
    };
    std::map<std::string, SeenPod> pods_;                         // "ns/name" -> last seen version
    // ReplicaSet uid -> "ns/name" of the pods it controls -> what the pod adds to its PodTally
    // (kCounted* bits; only meaningful while the ReplicaSet has a tally).
    std::map<std::string, std::map<std::string, uint8_t>> podsByOwner_;
    std::map<std::string, std::set<std::string>> orphanPods_;     // namespace -> pod names
    // Per ReplicaSet uid: its active pods counted as a sync would count them, kept up to date by
    // the pod events, so that a sync with nothing to claim or release needs no walk over its
    // pods (a 150,000-replica ReplicaSet is synced after nearly every pod status change).
    // The counts hold for the selector and template labels they were made with (`profile`); a
    // sync that sees other ones counts again.
    struct PodTally {
        std::string profile;       // namespace, selector and template labels, as text
        std::string prefix;        // "<namespace>/": owned pods elsewhere are never claimed
        labels::Selector selector, templateLabels;
        int64_t claimed = 0;       // active, same namespace, matching the selector
        int64_t unmatched = 0;     // active, same namespace, not matching (a sync releases them)
        int64_t fullyLabeled = 0;  // claimed and matching the template labels
        int64_t ready = 0;         // claimed and Ready
    };
    std::map<std::string, PodTally> tallies_;
    static constexpr uint8_t kCountedClaimed = 1, kCountedUnmatched = 2, kCountedFullyLabeled = 4, kCountedReady = 8;
};

}  // namespace kp::controller
