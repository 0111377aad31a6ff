// Diagnosis and FitError: why no node fits a pod, and the message kube-scheduler puts in the
// FailedScheduling event and the PodScheduled condition:
//
//   0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {k: v}. preemption: ...
//
// Each node's reasons are counted, "<count> <reason>" strings are sorted as strings and joined
// with ", " (so "10 ..." sorts before "2 ..."). Every part ends with "." (" %v."), which is why a
// preemption part that is itself a FitError ends in "..".
// Upstream: pkg/scheduler/framework/types.go (Diagnosis, FitError.Error), NodeToStatus.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>

#include "scheduler/framework/status.h"

namespace kp::scheduler::framework {

struct Diagnosis {
    std::map<std::string, Status> nodeToStatus;  // nodes that were evaluated and failed
    std::optional<Status> absentNodesStatus;     // the status of every node not in the map
    std::set<std::string> unschedulablePlugins;  // plugins that rejected the pod somewhere
    std::string preFilterMsg;
    std::string postFilterMsg;

    // The status of a node (explicit, else the absent one; nullopt when neither).
    const Status* statusOf(const std::string& node) const;
    void addPluginStatus(const Status& s) {
        if (!s.plugin().empty() && s.isRejected())
            unschedulablePlugins.insert(std::string(s.plugin()));
    }
};

// FitError.Error().
std::string fitErrorMessage(size_t numAllNodes, const Diagnosis& d);

// The event note limit (1024 bytes): longer messages end in " ..." (truncateMessage).
std::string truncateMessage(const std::string& message);

}  // namespace kp::scheduler::framework
