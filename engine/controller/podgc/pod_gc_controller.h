// PodGCController removes pods nobody else will, every 20 s (gcCheckPeriod):
//   1. terminated pods (Succeeded/Failed) beyond --terminated-pod-gc-threshold (12500), evicted
//      ones first, then oldest first;
//   2. terminating pods on a node that is not Ready and carries the
//      node.kubernetes.io/out-of-service taint (the "non-graceful node shutdown" recipe);
//   3. pods bound to a node that no longer exists, once the node has been missing for 40 s
//      (quarantine), with condition DisruptionTarget=True "DeletionByPodGC" / "PodGC: node no
//      longer exists";
//   4. terminating pods that were never scheduled.
// Every deletion first moves a non-terminal pod to phase Failed (so an orphan does not stay
// Running forever) and then force-deletes it (grace period 0). No events.
// Upstream: pkg/controller/podgc/gc_controller.go.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "client/client.h"
#include "controller/controller.h"
#include "controller/nodelifecycle/pods_by_node.h"

namespace kp::podgc {

struct Config {
    int terminatedPodThreshold = 12500;               // --terminated-pod-gc-threshold (0 disables)
    Duration gcCheckPeriod = Duration::seconds(20);   // gcCheckPeriod
    Duration quarantineTime = Duration::seconds(40);  // quarantineTime
};

class PodGCController final : public Controller {
public:
    explicit PodGCController(ApiServer& server, Config config = {});

    std::string_view name() const override { return "pod-garbage-collector-controller"; }
    std::vector<std::string> watches() const override { return {"pods"}; }
    void onEvent(const WatchEvent& event) override;
    // One key, "gc": a whole pass; it comes back every gcCheckPeriod.
    ReconcileResult reconcile(const std::string& key) override;

private:
    void gcTerminated();
    void gcTerminating();
    void gcOrphaned();
    void gcUnscheduledTerminating();
    // Moves the pod to Failed (with `condition`, if any) unless it is terminal, then deletes it
    // with grace period 0.
    bool markFailedAndDeletePod(const std::string& podKey, const Json* condition = nullptr);

    Client client_;
    Config config_;
    nodelifecycle::PodsByNode pods_;
    std::set<std::string> terminated_;   // keys of Succeeded/Failed pods
    std::set<std::string> terminating_;  // keys of pods with a deletionTimestamp
    // The orphaned-pods node queue: node name -> when its quarantine ends (earliest wins).
    std::map<std::string, Time> quarantine_;
};

}  // namespace kp::podgc
