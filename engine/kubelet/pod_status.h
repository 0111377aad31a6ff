// The pod status a v1.32 kubelet writes, computed from what it knows about the pod's sandbox
// and containers plus the status already in the API (which keeps transition times, startTime
// and the pod IP stable). Pure: no API access, no clock.
// Upstream: pkg/kubelet/kubelet_pods.go (generateAPIPodStatus, getPhase,
// convertToAPIContainerStatuses), pkg/kubelet/status/generate.go, pkg/kubelet/prober
// (UpdatePodStatus: ready/started).
#pragma once
#include <string>

#include "base/json.h"
#include "base/time.h"
#include "kubelet/pod_state.h"

namespace kp::kubelet {

struct PodStatusInput {
    const PodState& state;
    const Json& pod;            // the pod as the API has it (spec, old status)
    std::string hostIP;
    bool podIsTerminal = false; // the pod will never run containers again (deleted or done)
    Time now;
};

Json generatePodStatus(const PodStatusInput& in);

// getPhase: Pending / Running / Succeeded / Failed from the container statuses.
std::string podPhase(const Json& spec, const Json& initStatuses, const Json& statuses, bool podIsTerminal,
                     bool podHasInitialized);

// restartPolicy decides whether an exited container comes back.
bool shouldRestart(const std::string& restartPolicy, int exitCode);

// "ready" and "started" as the prober manager reports them.
bool containerReady(const ContainerState& c);
bool containerStarted(const ContainerState& c);

}  // namespace kp::kubelet
