// ClusterView: what the visualizer draws, computed from the cluster in one pass. The engine never
// draws; it hands out this plain data (and its JSON form for the page's tests), and the panels
// read it each frame. Words shown to the learner are the ones kubectl prints: a pod's status is
// the STATUS column of `kubectl get pods` (printers::summarizePod), a node's the STATUS column of
// `kubectl get nodes` (printers::nodeStatus).
//
//   ClusterView v = view::snapshot(cluster);
//   for (const NodeView& n : v.nodes) for (const PodView& p : n.pods) ... p.status ...
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/time.h"

namespace kp {
class Cluster;
}

namespace kp::view {

// How a STATUS word reads at a glance (the visualizer's colours).
enum class StatusCategory {
    Running,      // Running and every container ready
    Progressing,  // Pending, ContainerCreating, PodInitializing, Init:0/1, NotReady, Running but not ready
    Failing,      // CrashLoopBackOff, ErrImagePull, ImagePullBackOff, Error, OOMKilled, Evicted, ...
    Terminating,  // Terminating, Unknown (node lost)
    Completed,    // Completed (Succeeded)
};
const char* toString(StatusCategory c);  // "running", "progressing", "failing", "terminating", "completed"

// One link of an ownership chain: {kind, name} ("ReplicaSet", "web-7d4b9c").
struct OwnerRef {
    std::string kind;
    std::string name;
};

// A control-plane or node-level process: kube-apiserver, etcd, kube-scheduler,
// kube-controller-manager, coredns, kube-proxy.
struct ComponentView {
    std::string name;
    bool running = false;
    std::string detail;  // "2/2 pods ready", "stopped", "machine Stopped"
};

struct PodView {
    std::string namespace_;
    std::string name;
    std::string uid;
    std::string node;    // spec.nodeName ("" while unscheduled)
    std::string phase;   // status.phase
    std::string status;  // the STATUS column
    StatusCategory category = StatusCategory::Progressing;
    int readyContainers = 0;
    int totalContainers = 0;
    std::string ready;   // the READY column, "1/1"
    int64_t restarts = 0;
    std::string podIP;
    // The controller chain, nearest first: ReplicaSet, then its Deployment.
    std::vector<OwnerRef> owners;
};

struct NodeView {
    std::string name;
    std::string internalIP;
    bool ready = false;
    std::string status;                // the STATUS column: "Ready", "NotReady,SchedulingDisabled"
    std::vector<std::string> roles;    // {"control-plane"}
    bool cordoned = false;             // spec.unschedulable
    std::string cpu, memory, maxPods;  // status.capacity
    std::vector<PodView> pods;         // spec.nodeName == name, ordered by namespace/name
};

struct EndpointView {
    std::string pod;       // targetRef name ("" when the endpoint has no pod)
    std::string address;
    bool ready = false;
    bool serving = false;
    bool terminating = false;
};

struct ServiceView {
    std::string namespace_;
    std::string name;
    std::string type;       // ClusterIP, NodePort, LoadBalancer, ExternalName
    std::string clusterIP;
    std::string ports;      // the PORT(S) column: "8080:31234/TCP"
    std::vector<EndpointView> endpoints;  // from its EndpointSlices, ordered by pod name
};

struct EventView {
    Time time;              // lastTimestamp, else eventTime, else creation
    std::string type;       // Normal, Warning
    std::string reason;
    std::string object;     // "pod/web-1" (kind lower-cased, as kubectl get events shows it)
    std::string namespace_;
    std::string name;       // involvedObject name
    std::string kind;       // involvedObject kind
    std::string message;
    std::string source;     // reportingComponent or source.component
    int64_t count = 1;
};

struct ClusterView {
    Time now;
    std::string machine;   // minikube's machine state as `minikube status` says it: "Running", "Stopped", ...
    int64_t resourceVersion = 0;
    std::vector<ComponentView> controlPlane;
    std::vector<NodeView> nodes;
    std::vector<PodView> unscheduledPods;  // no node yet (or a node that no longer exists)
    std::vector<ServiceView> services;
    std::vector<EventView> events;         // oldest first, the last kMaxEvents

    static constexpr size_t kMaxEvents = 200;

    size_t podCount() const;
    const PodView* findPod(const std::string& ns, const std::string& name) const;
};

ClusterView snapshot(const Cluster& cluster);

// The same view as snapshot(cluster), built from `previous` (an earlier view of this same
// cluster): only the pods and nodes the API wrote since are read again, as the event log lists
// them (view_refresh.cpp). Falls back to snapshot() when the log cannot tell what changed, or when
// so much changed that reading everything is cheaper; `rebuilt` (when given) says whether it did.
ClusterView refresh(const Cluster& cluster, ClusterView previous, bool* rebuilt = nullptr);

// Building blocks, also used by explain() and refresh().
// The control plane's components; CoreDNS and kube-proxy (from index kPodBackedFrom on) count
// kube-system's pods, unless `podBacked` hands their entries over from an earlier view.
constexpr size_t kPodBackedFrom = 4;
std::vector<ComponentView> controlPlane(const Cluster& cluster, const std::vector<ComponentView>* podBacked = nullptr);
NodeView nodeView(const Json& node);  // without its pods
std::vector<ServiceView> services(const Cluster& cluster);
StatusCategory categorize(const std::string& status, bool allReady);
PodView podView(const Cluster& cluster, const Json& pod);
std::vector<OwnerRef> ownerChain(const Cluster& cluster, const Json& object);
std::vector<EventView> events(const Cluster& cluster);  // every event, oldest first
// The last `most` events of events(), oldest first, found from the event log's latest writes.
std::vector<EventView> recentEvents(const Cluster& cluster, size_t most);

// The JSON form (window.kubeplay.view() in the page): field names as in the structs.
Json toJson(const ClusterView& v);
Json toJson(const PodView& p);
Json toJson(const EventView& e);

}  // namespace kp::view
