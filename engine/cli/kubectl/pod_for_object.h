// Which pod kubectl reaches when a command names a workload or a Service instead of a pod:
// `kubectl logs deploy/web`, `kubectl exec svc/web -- date`, `kubectl port-forward deploy/web 8080:80`.
// Upstream: kubectl pkg/polymorphichelpers (SelectorsForObject, GetFirstPod,
// attachablePodForObject, logsForObject) and pkg/util/podutils (ByLogging, ActivePods).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "api/labels.h"
#include "cli/kubectl/kubectl.h"

namespace kp::cli {

// The order kubectl sorts candidate pods in before taking the first one.
enum class PodPreference {
    ForLogs,    // podutils.ByLogging: assigned, Running, ready longest, most restarts, oldest
    ForAttach,  // reverse podutils.ActivePods (exec, attach, port-forward): assigned, Running,
                // ready, not terminating, ready longest, fewest restarts, oldest
};

// The pod selector of a Deployment, ReplicaSet, StatefulSet, DaemonSet, Job,
// ReplicationController or Service, or kubectl's error text for anything else
// ("selector for *v1.ConfigMap not implemented").
std::optional<labels::Selector> podSelectorOf(const ResourceInfo& resource, const Json& object, std::string& error);

// `pods` sorted best first for `preference` (a stable sort of the name-ordered list, as Go's
// sort.Sort behaves on lists as short as a learner's).
void sortPodsByPreference(std::vector<ObjectPtr>& pods, PodPreference preference);

struct PodTarget {
    const ResourceInfo* resource = nullptr;  // what TYPE named (pods for a bare NAME)
    Json object;                             // the object TYPE/NAME named (a workload, a Service)
    ObjectPtr pod;          // null when `res` carries an error
    size_t candidates = 0;  // how many pods the object selected (1 for a pod)
    bool viaSelector = false;
    std::vector<ObjectPtr> all;  // every selected pod, best first (the pod alone for a pod)
};

// Resolves `NAME` (a pod) or `TYPE/NAME` in `ns` to one pod. On failure the result holds no pod
// and `res` carries kubectl's error; `verb` words the selector error ("attach to", "get the logs from").
PodTarget podForObject(KubectlContext& ctx, const std::string& ns, const std::string& target, PodPreference preference,
                       const std::string& verb, CommandResult& res);

// The container a command reaches when none is named: the one the
// kubectl.kubernetes.io/default-container annotation names, else the first container, with
// kubectl's "Defaulted container" notice in `res.err` unless `quiet`. An annotation naming no
// container fails exec ("" returned, error in `res`); logs only warns and takes the first.
enum class AnnotationMiss { Fail, Warn };
std::string defaultContainerOf(const Json& pod, AnnotationMiss miss, bool quiet, CommandResult& res);
// "app, sidecar, debugger (ephem), setup (init)" as kubectl lists a pod's containers.
std::string allContainerNames(const Json& pod);

}  // namespace kp::cli
