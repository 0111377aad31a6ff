// StatefulSetController ("statefulset-controller") keeps pods with stable identities:
//   - pods "<set>-0" .. "<set>-(N-1)" (from spec.ordinals.start), labelled
//     statefulset.kubernetes.io/pod-name, apps.kubernetes.io/pod-index and
//     controller-revision-hash, with hostname = pod name and subdomain = spec.serviceName;
//   - OrderedReady (default): one pod at a time in ordinal order, the next only once every lower
//     one is Running and Ready (and available for minReadySeconds); scale-down removes the highest
//     ordinal first, one at a time; Parallel creates and deletes all at once;
//   - each volumeClaimTemplate gives every pod a PVC "<claim>-<set>-<ordinal>", created before
//     the pod and kept afterwards (persistentVolumeClaimRetentionPolicy, Retain by default);
//   - template versions are ControllerRevisions "<set>-<hash>"; status.currentRevision and
//     updateRevision; RollingUpdate replaces pods from the highest ordinal down to the partition,
//     one at a time, each after the previous is healthy again; OnDelete waits for the user;
//   - status: replicas, readyReplicas, currentReplicas, updatedReplicas, availableReplicas,
//     observedGeneration, currentRevision, updateRevision, collisionCount.
// Events (source statefulset-controller): SuccessfulCreate "create Pod web-0 in StatefulSet web
// successful" / "create Claim www-web-0 Pod web-0 in StatefulSet web success", SuccessfulDelete
// "delete Pod web-1 in StatefulSet web successful", SuccessfulUpdate, and Failed* twins.
// Upstream: pkg/controller/statefulset/stateful_set.go, stateful_set_control.go,
// stateful_pod_control.go, stateful_set_utils.go, pkg/controller/history.
//
// SIMPLIFICATION: MaxUnavailableStatefulSet (alpha, off by default) is not implemented.
#pragma once
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
#include "controller/job/delaying_queue.h"
#include "controller/statefulset/stateful_set_utils.h"

namespace kp::statefulset {

class StatefulSetController final : public Controller {
public:
    StatefulSetController(ApiServer& server, VirtualClock& clock);

    std::string_view name() const override { return "statefulset-controller"; }
    std::vector<std::string> watches() const override { return {"statefulsets.apps", "pods"}; }
    void onEvent(const WatchEvent& event) override;
    // Key: "<namespace>/<name>" of a StatefulSet.
    ReconcileResult reconcile(const std::string& key) override;

private:
    // [events] stateful_set.cpp
    void onSetEvent(const WatchEvent& event);
    void onPodEvent(const WatchEvent& event);
    ObjectPtr resolveControllerRef(const std::string& ns, const std::string& kind, const std::string& name,
                                   const std::string& uid) const;
    std::vector<std::string> setsSelecting(const Json& pod) const;
    void indexPod(const std::string& podKey, const Json* pod);

    // [sync] stateful_set.cpp
    bool adoptOrphanRevisions(const Json& set);
    bool getPodsForStatefulSet(const Json& set, const labels::Selector& selector, std::vector<ObjectPtr>& pods);

    // [control] stateful_set_control.cpp
    // Returns false on an API error; `status` is the computed status when there is one.
    bool updateStatefulSet(const Json& set, const std::vector<ObjectPtr>& pods, std::optional<StatefulSetStatus>& status);
    std::vector<ObjectPtr> listRevisions(const Json& set) const;
    bool getStatefulSetRevisions(const Json& set, const std::vector<ObjectPtr>& revisions, Json& current, Json& update,
                                 int& collisionCount);
    bool createControllerRevision(const Json& set, const Json& revision, int& collisionCount, Json& created);
    bool performUpdate(const Json& set, const Json& current, const Json& update, int collisionCount,
                       const std::vector<ObjectPtr>& pods, StatefulSetStatus& status, bool& error);
    bool processReplica(const Json& set, const Json& updateSet, bool monotonic, std::vector<Json>& replicas, size_t i,
                        bool& error);
    bool processCondemned(const Json& set, const Json* firstUnhealthyPod, bool monotonic, std::vector<Json>& condemned,
                          size_t i, bool& error);
    void truncateHistory(const Json& set, const std::vector<ObjectPtr>& pods, const std::vector<ObjectPtr>& revisions,
                         const Json& current, const Json& update);
    bool updateStatefulSetStatus(const Json& set, StatefulSetStatus& status);

    // [pod control] stateful_pod_control.cpp
    bool createStatefulPod(const Json& set, const Json& pod);
    bool updateStatefulPod(const Json& set, Json pod);
    bool deleteStatefulPod(const Json& set, const Json& pod);
    // Creates missing claims; false (and *error) when one could not be made or is being deleted.
    bool createPersistentVolumeClaims(const Json& set, const Json& pod, std::string* error);
    bool claimsMatchRetentionPolicy(const Json& set, const Json& pod) const;
    bool updatePodClaimForRetentionPolicy(const Json& set, const Json& pod, std::string* error);
    bool podClaimIsStale(const Json& set, const Json& pod) const;
    void recordPodEvent(const std::string& verb, const Json& set, const Json& pod, const std::string& error);
    void recordClaimEvent(const std::string& verb, const Json& set, const Json& pod, const Json& claim,
                          const std::string& error);

    Client client_;
    ObjectStore& store_;
    EventRecorder recorder_;
    VirtualClock& clock_;
    DelayingQueue delayed_;

    struct OwnerRef {
        std::string kind, name, uid;
    };
    std::map<std::string, OwnerRef> podOwner_;                  // pod key -> its controller
    std::map<std::string, std::set<std::string>> podsByOwner_;  // controller uid -> pod keys
    std::map<std::string, std::set<std::string>> orphanPods_;   // namespace -> pod keys without controller
    std::map<std::string, bool> podReady_;                      // pod key -> Ready, as last seen
};

}  // namespace kp::statefulset
