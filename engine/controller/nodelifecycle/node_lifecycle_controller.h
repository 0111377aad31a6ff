// NodeLifecycleController watches node heartbeats (the kubelet's Lease in kube-node-lease and
// the node's Ready condition) and acts when they stop:
//   - every node-monitor-period (5 s) it checks each node; a node whose heartbeat is older than
//     node-monitor-grace-period (50 s in 1.32; 60 s node-startup-grace-period for a node that
//     never posted status) gets Ready/MemoryPressure/DiskPressure/PIDPressure = Unknown, reason
//     NodeStatusUnknown, "Kubelet stopped posting node status."; its pods get Ready=False and a
//     NodeNotReady event;
//   - it keeps the NoSchedule taints in step with the conditions (Ready Unknown ->
//     node.kubernetes.io/unreachable, False -> not-ready, pressure conditions, cordon ->
//     unschedulable) and adds the NoExecute unreachable/not-ready taint one monitor pass later,
//     rate limited per zone (0.1 node/s), which the taint eviction controller turns into
//     evictions; a recovered node loses them;
//   - zones with no ready node are "fully disrupted"; when every zone is, NoExecute tainting stops
//     (a single-node minikube whose node dies keeps its pods), and resumes when a node returns.
// Events (source node-controller): RegisteredNode "Node minikube event: Registered Node minikube
// in Controller", RemovingNode, NodeNotReady "Node minikube status is now: NodeNotReady", and on
// pods Warning NodeNotReady "Node is not ready".
// Upstream: pkg/controller/nodelifecycle/node_lifecycle_controller.go, pkg/controller/util/node.
//
// SIMPLIFICATION: the NoExecute tainting pass runs at the end of each monitor pass and when the
// zone's next token is due, instead of polling every 100 ms (NodeEvictionPeriod); taints get the
// same timeAdded second in practice.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "client/client.h"
#include "client/event_recorder.h"
#include "controller/controller.h"
#include "controller/nodelifecycle/pods_by_node.h"
#include "controller/nodelifecycle/rate_limited_queue.h"

namespace kp::nodelifecycle {

// kube-controller-manager flags of the controller, with their 1.32 defaults.
struct Config {
    Duration nodeMonitorPeriod = Duration::seconds(5);         // --node-monitor-period
    Duration nodeMonitorGracePeriod = Duration::seconds(50);   // --node-monitor-grace-period (PR #126287)
    Duration nodeStartupGracePeriod = Duration::seconds(60);   // --node-startup-grace-period
    double evictionLimiterQPS = 0.1;                           // --node-eviction-rate
    double secondaryEvictionLimiterQPS = 0.01;                 // --secondary-node-eviction-rate
    int largeClusterThreshold = 50;                            // --large-cluster-size-threshold
    double unhealthyZoneThreshold = 0.55;                      // --unhealthy-zone-threshold
};

enum class ZoneState { Initial, Normal, FullDisruption, PartialDisruption };

// The zone key of a node: "" without topology labels, else "<region>:\x00:<zone>"
// (component-helpers node/topology GetZoneKey).
std::string zoneKey(const Json& node);
// ComputeZoneState: fully disrupted without a ready node, partially when more than 2 nodes and
// at least `unhealthyThreshold` of them are not ready, normal otherwise. `readyStatuses` holds
// each node's Ready status ("" when absent). Returns {not-ready count, state}.
std::pair<int, ZoneState> computeZoneState(const std::vector<std::string>& readyStatuses, double unhealthyThreshold);

class NodeLifecycleController final : public Controller {
public:
    NodeLifecycleController(ApiServer& server, VirtualClock& clock, Config config = {});

    std::string_view name() const override { return "node-lifecycle-controller"; }
    std::vector<std::string> watches() const override { return {"nodes", "pods"}; }
    void onEvent(const WatchEvent& event) override;
    ReconcileResult reconcile(const std::string& key) override;

    // Keys: "monitor" (the periodic health pass), "noexecute" (a rate-limited tainting pass),
    // "node/<name>" (NoSchedule taints and labels), "pod/<ns>/<name>" (a pod bound to an
    // unhealthy node).
    static constexpr const char* kMonitorKey = "monitor";
    static constexpr const char* kNoExecuteKey = "noexecute";

private:
    // What the controller last saw of a node's heartbeat, in its own clock.
    struct NodeHealth {
        Time probeTimestamp;
        Time readyTransitionTimestamp;
        Json status;     // the node's status as last observed: only its conditions (all that is read)
        ObjectPtr lease; // the Lease as last observed
    };
    struct HealthResult {
        bool ok = true;
        Json observedReady;              // Ready condition before this pass (or the startup stand-in)
        std::optional<Json> currentReady;  // after this pass; nullopt when the node has none
    };

    // monitor_node_health.cpp
    void monitorNodeHealth();
    HealthResult tryUpdateNodeHealth(ObjectPtr& node);
    void processTaintBaseEviction(const Json& node, const Json& observedReady);
    void handleDisruption(const std::map<std::string, std::vector<std::string>>& zoneToReadyStatuses,
                          const std::vector<ObjectPtr>& nodes);
    void setLimiterInZone(const std::string& zone, int zoneSize, ZoneState state);
    void addPodEvictorForNewZone(const Json& node);
    bool markNodeForTainting(const Json& node, const std::string& status);
    bool markNodeAsReachable(const Json& node);
    void doNoExecuteTaintingPass();
    void scheduleNoExecutePass();

    // node_lifecycle_controller.cpp
    bool doNoScheduleTaintingPass(const std::string& nodeName);
    bool reconcileNodeLabels(const std::string& nodeName);
    ReconcileResult processPod(const std::string& podKey);

    // controller_utils.cpp (upstream pkg/controller/util/node)
    bool markPodsNotReady(const std::vector<std::string>& podKeys, const std::string& nodeName);
    void recordNodeEvent(const Json& node, const std::string& reason, const std::string& event);
    void recordNodeStatusChange(const Json& node, const std::string& newStatus);
    // Adds `add` and removes `remove` (each {key, effect}) on the current node; added taints get
    // timeAdded = now. Returns false when the write failed.
    bool swapNodeControllerTaint(const std::string& nodeName, std::vector<Json> add, const std::vector<Json>& remove);

    Client client_;
    EventRecorder recorder_;
    VirtualClock& clock_;
    Config config_;
    PodsByNode pods_;

    std::map<std::string, std::string> knownNodeSet_;  // name -> uid
    std::map<std::string, NodeHealth> nodeHealth_;
    std::set<std::string> nodesToRetry_;
    std::map<std::string, ZoneState> zoneStates_;
    std::map<std::string, std::unique_ptr<RateLimitedTimedQueue>> zoneNoExecuteTainter_;
    std::optional<Time> noExecutePassAt_;  // a pending "noexecute" timer
};

}  // namespace kp::nodelifecycle
