// What one kubelet knows about one of its pods: the sandbox, every container's current and
// previous run (docker keeps the last exited container, which `kubectl logs --previous` and
// `lastState` read), back-off entries, probe results, and the pod worker's progress.
// Internal to engine/kubelet.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/time.h"
#include "kubelet/backoff.h"
#include "runtime/image_catalog.h"
#include "runtime/process.h"

namespace kp::kubelet {

inline constexpr Time kNever{INT64_MAX};

// A container's image as its node's runtime reports it; one record is shared by the containers
// of a node that run the same image (immutable).
struct ContainerImage {
    runtime::ResolvedImage image;
    std::string imageID;          // docker-pullable://nginx@sha256:... or docker://sha256:...
    std::string statusImage;      // nginx:latest (the image's repo tag)
};

// One run of a container: what `docker inspect` would show.
struct ContainerInstance {
    std::string id;               // 64 hex characters (containerID docker://<id>)
    std::shared_ptr<const ContainerImage> image;
    std::string specHash;         // image, command, args: a change means "definition changed"
    std::vector<std::string> command, args;  // the spec's, after $(VAR) expansion (what `ps` shows)
    Time startedAt, finishedAt;
    bool running = false;
    int exitCode = 0;
    std::string reason, message;  // terminated reason: Completed, Error, OOMKilled, ContainerCannotRun
    std::unique_ptr<runtime::Process> process;
    std::optional<Time> exitAt;   // when the process ends on its own (dry run)
    Time recheckAt = kNever;      // when to dry-run again
    std::optional<Time> killAt;   // SIGKILL at the end of a graceful stop
};

struct ProbeState {
    bool defined = false;
    int successes = 0;
    int failures = 0;
    bool ok = false;              // current result as the kubelet reports it
    Time next = kNever;           // next probe
    std::string containerID;      // results belong to one container run
};

struct ContainerState {
    std::string name;
    bool init = false;            // listed in spec.initContainers
    bool sidecar = false;         // an init container with restartPolicy: Always
    int restartCount = 0;
    std::unique_ptr<ContainerInstance> current;
    std::unique_ptr<ContainerInstance> previous;
    // The last start failure (the kubelet's reasonCache): ErrImagePull, ImagePullBackOff,
    // CrashLoopBackOff, CreateContainerConfigError, InvalidImageName, RunContainerError...
    std::string waitingReason, waitingMessage;
    BackoffEntry crashBackoff;
    ProbeState liveness, readiness, startup;
    bool restartRequested = false;    // liveness/startup failure or spec change
    std::string restartMessage;       // the Killing event text for it

    bool running() const { return current && current->running; }
    bool exited() const { return current && !current->running; }
};

// The pod worker runs one step at a time; steps that take virtual time wait for `op`.
struct PodOp {
    enum class Kind { None, Sandbox, Pull, Kill } kind = Kind::None;
    Time done;
    size_t container = 0;
    Time requestedAt;             // pulls: when the kubelet asked (waiting included)
    Duration pullDuration;
    std::shared_ptr<const runtime::ResolvedImage> pulled;  // held only while a pull runs
    std::string pullError;
    std::string pullImage;        // the container's image as written in the pod
};

struct PodStep {
    enum class Kind { Start, Kill } kind = Kind::Start;
    size_t container = 0;
    std::string message;          // Killing event message
    bool afterKill = false;       // a restart right after a kill in the same sync
};

struct PodState {
    std::string uid, ns, name, node;
    Time admittedAt;              // probe workers tick from here
    bool hostNetwork = false;
    bool sandboxReady = false;
    std::string podIP;
    std::vector<ContainerState> containers;  // init containers (spec order), then containers
    size_t initCount = 0;
    std::map<std::string, BackoffEntry> pullBackoff;  // by image as written
    // Files on the pod's emptyDir volumes, by "<volume>/<path in the volume>".
    std::map<std::string, std::string> volumeFiles;

    PodOp op;
    // A few steps at most; a vector allocates nothing while empty (a deque allocates ~600 bytes
    // per pod even then).
    std::vector<PodStep> plan;
    bool runtimeChanged = false;  // the current plan started or stopped something
    bool planError = false;       // the current sync failed somewhere (retry in 10 s)
    bool needsSync = true;
    std::optional<Time> retryAt;
    bool terminating = false;     // stopping everything (deleted, or Succeeded/Failed)
    Time killDeadline;            // end of the grace period of the pod's termination
    bool sidecarsStopped = false;
    bool terminal = false;        // Succeeded/Failed: nothing restarts any more
    bool finished = false;        // final status written (and deletion requested when deleted)
    Time wakeAt = kNever;         // earliest timer already scheduled
    // resourceVersions of our own status writes whose watch events have not come back yet (those
    // events are ignored). Several writes can happen in one reconcile, so more than the last.
    std::vector<std::string> ownWriteRVs;
};

// The spec of container `index` (init containers first, then the app containers); {} if gone.
inline const Json& containerSpec(const Json& pod, const PodState& st, size_t index) {
    static const Json empty = Json::object();
    const char* list = index < st.initCount ? "spec.initContainers" : "spec.containers";
    size_t i = index < st.initCount ? index : index - st.initCount;
    const Json* spec = findPath(pod, list);
    if (!spec || !spec->is_array() || i >= spec->size())
        return empty;
    return (*spec)[i];
}

// The fieldPath of a container's events: "spec.containers{web}".
inline std::string containerFieldPath(const PodState& st, size_t index) {
    return std::string(index < st.initCount ? "spec.initContainers{" : "spec.containers{") + st.containers[index].name + "}";
}

}  // namespace kp::kubelet
