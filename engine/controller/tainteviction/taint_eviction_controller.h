// TaintEvictionController deletes pods from nodes with NoExecute taints:
//   - a pod that does not tolerate every NoExecute taint of its node is deleted at once;
//   - a pod that tolerates them all is deleted after the smallest tolerationSeconds of the
//     tolerations used (admission gives every pod not-ready/unreachable for 300 s, so pods on a
//     dead node go 300 s after the unreachable:NoExecute taint); without tolerationSeconds it
//     stays forever (DaemonSet pods);
//   - when the taints go away (or the pod goes), the pending deletion is cancelled.
// Before deleting it sets the pod condition DisruptionTarget=True (DeletionByTaintManager,
// "Taint manager: deleting due to NoExecute taint"). Events (source taint-eviction-controller,
// involvedObject without uid): TaintManagerEviction "Marking for deletion Pod default/x" and
// "Cancelling deletion of Pod default/x".
// Upstream: pkg/controller/tainteviction/taint_eviction.go, timed_workers.go (1.32 runs it as a
// separate controller, feature SeparateTaintEvictionController).
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "client/client.h"
#include "client/event_recorder.h"
#include "controller/controller.h"
#include "controller/nodelifecycle/pods_by_node.h"

namespace kp::tainteviction {

// getMinTolerationTime: the smallest tolerationSeconds among `tolerations` (0 if any is <= 0),
// 0 for an empty list, -1 (forever) when none sets tolerationSeconds.
Duration minTolerationTime(const std::vector<Json>& tolerations, bool& forever);

class TaintEvictionController final : public Controller {
public:
    TaintEvictionController(ApiServer& server, VirtualClock& clock);

    std::string_view name() const override { return "taint-eviction-controller"; }
    std::vector<std::string> watches() const override { return {"nodes", "pods"}; }
    void onEvent(const WatchEvent& event) override;
    // Keys: "node/<name>" (its NoExecute taints changed), "pod/<ns>/<name>" (bound, deleted or
    // tolerations changed on a tainted node), "evict/<ns>/<name>" (a scheduled deletion is due).
    ReconcileResult reconcile(const std::string& key) override;

    // A scheduled deletion (TimedWorker), for tests and the UI.
    struct Worker {
        Time createdAt;
        Time fireAt;
        uint64_t timer = 0;
    };
    const std::map<std::string, Worker>& scheduledEvictions() const { return workers_; }

private:
    void handleNodeUpdate(const std::string& nodeName);
    void handlePodUpdate(const std::string& podKey);
    void processPodOnNode(const std::string& podKey, const Json& tolerations, const std::vector<Json>& taints, Time now);
    void addWork(const std::string& podKey, Time createdAt, Time fireAt);
    void cancelWorkWithEvent(const std::string& podKey);
    void evict(const std::string& podKey);
    void emitEvent(const std::string& podKey, const std::string& message);

    Client client_;
    EventRecorder recorder_;
    VirtualClock& clock_;
    nodelifecycle::PodsByNode pods_;

    // Reconcile state: NoExecute taints per tainted node, and pending deletions per pod key.
    std::map<std::string, std::vector<Json>> taintedNodes_;
    std::map<std::string, Worker> workers_;

    // Event-side memory, to enqueue only on the changes upstream reacts to: the NoExecute taints
    // each node had in its last event, and the tolerations of pods on tainted nodes.
    std::map<std::string, Json> lastNoExecute_;
    std::map<std::string, Json> tolerationsOnTainted_;
};

}  // namespace kp::tainteviction
