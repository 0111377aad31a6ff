// DaemonSetsController keeps one pod of each DaemonSet on every node that should run it:
//   - a node should run it when spec.template.spec.nodeName (if set) names it, nodeSelector and
//     required node affinity admit it, and the pod tolerates its NoSchedule/NoExecute taints
//     (daemon pods always tolerate not-ready/unreachable NoExecute, the pressure and
//     unschedulable NoSchedule taints, network-unavailable with hostNetwork); a node whose
//     NoExecute taints are tolerated keeps an existing pod ("should continue running");
//   - pods are created as "<ds>-<5 chars>" without nodeName but with the node affinity
//     metadata.name In [node], so the scheduler binds them; they carry controller-revision-hash
//     (and pod-template-generation); each template version is a ControllerRevision
//     "<ds>-<hash>" with the template as a strategic merge patch;
//   - RollingUpdate (maxUnavailable 1, maxSurge 0 by default) deletes old pods only while no more
//     than maxUnavailable are unavailable, and the new pod is created once the old one is gone;
//     OnDelete waits for the user to delete them;
//   - status: desiredNumberScheduled, currentNumberScheduled, numberMisscheduled, numberReady,
//     updatedNumberScheduled, numberAvailable, numberUnavailable, observedGeneration.
// Events (source daemonset-controller): SuccessfulCreate "Created pod: x", SuccessfulDelete
// "Deleted pod: x", FailedCreate/FailedDelete, FailedDaemonPod, SucceededDaemonPod, SelectingAll.
// Upstream: pkg/controller/daemon/daemon_controller.go, update.go, util/daemonset_util.go.
//
// SIMPLIFICATION: no expectations cache (our store reads are never stale); instead a sync that
// created or deleted pods skips the rolling update, as upstream's unsatisfied expectations do.
// Nodes and candidates are visited by name where upstream iterates Go maps (random order).
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "client/client.h"
#include "client/event_recorder.h"
#include "controller/controller.h"

namespace kp::daemon {

// What decides where a DaemonSet's pods may run, computed once per sync (upstream builds a
// whole pod per node, NewPod).
struct DaemonPodPlacement {
    std::string nodeName;  // spec.template.spec.nodeName
    Json podSpec;          // template spec with the default daemon tolerations
};
DaemonPodPlacement placementOf(const Json& ds);
// NodeShouldRunDaemonPod: {shouldRun, shouldContinueRunning}.
std::pair<bool, bool> nodeShouldRunDaemonPod(const Json& node, const DaemonPodPlacement& placement);

// flowcontrol.Backoff for failed daemon pods: 1 s doubling up to 15 min per (ds, generation, node).
class FailedPodsBackoff {
public:
    bool inBackoffSinceUpdate(const std::string& key, Time now) const;
    Duration get(const std::string& key) const;
    void next(const std::string& key, Time now);

private:
    struct Entry {
        Duration backoff;
        Time lastUpdate;
    };
    std::map<std::string, Entry> entries_;
};

class DaemonSetsController final : public Controller {
public:
    DaemonSetsController(ApiServer& server, VirtualClock& clock);

    std::string_view name() const override { return "daemonset-controller"; }
    std::vector<std::string> watches() const override {
        return {"daemonsets.apps", "controllerrevisions.apps", "pods", "nodes"};
    }
    void onEvent(const WatchEvent& event) override;
    // Key: "<namespace>/<name>" of a DaemonSet.
    ReconcileResult reconcile(const std::string& key) override;

    static constexpr int kBurstReplicas = 250;

private:
    using NodeToPods = std::map<std::string, std::vector<ObjectPtr>>;
    // One sync's working state.
    struct Sync {
        Json ds;
        DaemonPodPlacement placement;
        std::vector<ObjectPtr> nodes;
        std::string hash;
        std::optional<Duration> requeueAfter;
        int writes = 0;  // pods created or deleted by manage
        void requeueIn(Duration d) {
            if (!requeueAfter || d < *requeueAfter)
                requeueAfter = d;
        }
    };

    // [events] daemon_controller.cpp
    void onDaemonSetEvent(const WatchEvent& event);
    void onPodEvent(const WatchEvent& event);
    void onHistoryEvent(const WatchEvent& event);
    void onNodeEvent(const WatchEvent& event);
    void enqueueOwner(const Json& obj);
    void enqueueMatching(const Json& obj);

    // [pods] daemon_controller.cpp
    std::vector<ObjectPtr> getDaemonPods(const Json& ds);
    NodeToPods getNodesToDaemonPods(const Json& ds, bool includeDeletedTerminal);
    bool updateDaemonSetStatus(Sync& s, bool updateObservedGen);

    // [manage] manage.cpp
    bool manage(Sync& s);
    void podsShouldBeOnNode(Sync& s, const Json& node, const NodeToPods& nodeToPods,
                            std::vector<std::string>& nodesNeedingPods, std::vector<std::string>& podsToDelete);
    bool syncNodes(Sync& s, const std::vector<std::string>& podsToDelete,
                   const std::vector<std::string>& nodesNeedingPods);

    // [update] update.cpp
    bool rollingUpdate(Sync& s);
    // Returns false on an error; `cur` is the current revision, `old` the others.
    bool constructHistory(const Json& ds, Json& cur, std::vector<Json>& old);
    std::vector<Json> controlledHistories(const Json& ds);
    bool snapshot(const Json& ds, int64_t revision, Json& out);
    bool dedupCurHistories(const Json& ds, std::vector<Json>& current, Json& keep);
    bool cleanupHistory(const Json& ds, std::vector<Json> old);

    Client client_;
    EventRecorder recorder_;
    VirtualClock& clock_;
    FailedPodsBackoff failedPodsBackoff_;

    // Indexes kept from watch events (upstream: informer indexers).
    std::map<std::string, std::string> dsKeyByUid_;                  // DaemonSet uid -> "ns/name"
    std::map<std::string, std::string> podOwner_;                    // pod key -> owning DaemonSet uid
    std::map<std::string, std::set<std::string>> podsByOwner_;       // DaemonSet uid -> pod keys
    std::map<std::string, std::set<std::string>> orphanPods_;        // namespace -> names without a controller
    std::map<std::string, ObjectPtr> lastNode_;                      // node name -> last seen version
};

}  // namespace kp::daemon
