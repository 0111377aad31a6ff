// The pod columns of `kubectl get pods` (READY, STATUS, RESTARTS), computed as the apiserver's
// printer does, so the visualizer can show the very same words as the terminal.
// Upstream: pkg/printers/internalversion/printers.go#printPod.
#pragma once
#include <cstdint>
#include <string>

#include "base/json.h"
#include "base/time.h"

namespace kp::printers {

struct PodSummary {
    int readyContainers = 0;
    // spec.containers plus sidecars (init containers with restartPolicy: Always).
    int totalContainers = 0;
    // The STATUS column: the phase, or what explains it better, e.g. "ContainerCreating",
    // "CrashLoopBackOff", "Init:0/2", "Init:ErrImagePull", "PodInitializing", "Completed",
    // "Error", "OOMKilled", "ExitCode:3", "NotReady", "Terminating", "Unknown" (NodeLost).
    std::string status;
    int64_t restarts = 0;
    // The latest lastState.terminated.finishedAt among the containers counted; zero if none.
    Time lastRestart;
};

// Rules, in order:
// 1. Start from status.phase; status.reason (Evicted, NodeLost ...) replaces it; a PodScheduled
//    condition with reason SchedulingGated gives "SchedulingGated".
// 2. Init containers in order: a finished one (exit 0) or a started sidecar is passed; the first
//    other one decides: terminated -> "Init:<reason>" (or Init:Signal:N / Init:ExitCode:N),
//    waiting with a reason other than PodInitializing -> "Init:<reason>", else "Init:<i>/<n>".
// 3. Unless still initializing (and the Initialized condition is not True), the app containers
//    are visited from last to first, each overriding the status: waiting reason, terminated
//    reason (or Signal:N / ExitCode:N); ready running containers count as ready. "Completed"
//    with a container still running becomes "Running" (pod Ready) or "NotReady".
//    RESTARTS then counts only sidecars and app containers.
// 4. A pod being deleted shows "Unknown" if its node was lost, else "Terminating" unless it
//    already finished (Succeeded/Failed).
PodSummary summarizePod(const Json& pod);

// "1/2".
std::string formatReady(const PodSummary& s);
// "0", or "2 (5m ago)" once a restart has a finish time.
std::string formatRestarts(const PodSummary& s, Time now);

}  // namespace kp::printers
