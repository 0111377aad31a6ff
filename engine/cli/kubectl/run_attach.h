// The attached half of `kubectl run -i/-it/--attach [--rm]`, in virtual time:
//   1. wait (up to --pod-running-timeout) until the pod runs and is ready, or has finished;
//   2. finished: print the container's log (kubectl's logOpts); running: "attach" (print what
//      the container writes until it exits);
//   3. with --restart=Never|OnFailure wait for the pod's end and turn a failure into kubectl's
//      exit error ("pod default/x terminated (Error)", exit code of the container);
//   4. with --rm delete the pod (`pod "x" deleted`) whatever happened.
// SIMPLIFICATION: there is no interactive session yet: stdin is never forwarded, and a
// container that keeps running past the timeout is left ("detached") as if the learner had
// pressed Ctrl+P Ctrl+Q. The attach prints the container's whole output, where kubectl shows
// only what is written after it attached.
// Upstream: kubectl pkg/cmd/run/run.go (Run, handleAttachPod, waitForPod, podRunningAndReady,
// podCompleted, podSucceeded, removeCreatedObjects), pkg/cmd/attach/attach.go.
#pragma once
#include <string>

#include "base/time.h"
#include "cli/command_result.h"
#include "cli/kubectl/kubectl.h"

namespace kp::cli {

struct AttachRun {
    std::string ns;
    std::string pod;
    std::string restartPolicy;  // Always, OnFailure, Never
    bool interactive = false;  // -i: stdin attached
    bool tty = false;
    bool quiet = false;
    bool leaveStdinOpen = false;
    bool remove = false;        // --rm
    Duration timeout = Duration::minutes(1);
};

CommandResult runAttached(KubectlContext& ctx, const AttachRun& run);

// The container's log as `kubectl logs` prints it, or nullopt-like false when the kubelet
// cannot serve it (no kubelet process in this cluster).
bool containerLog(KubectlContext& ctx, const std::string& ns, const std::string& pod, const std::string& container,
                  std::string& text, std::string& error);

}  // namespace kp::cli
