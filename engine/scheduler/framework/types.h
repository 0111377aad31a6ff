// PodInfo and NodeInfo: the scheduler's parsed view of a pod and of a node with the pods on it.
// Parsing happens once per watch event, so filters and scores work on plain fields.
// Upstream: pkg/scheduler/framework/types.go (PodInfo, NodeInfo, AffinityTerm, HostPortInfo).
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/labels.h"
#include "base/time.h"
#include "scheduler/framework/node_selector.h"
#include "scheduler/framework/resource.h"
#include "scheduler/framework/taints.h"
#include "store/object_store.h"

namespace kp::scheduler::framework {

// A pod (anti-)affinity term with its namespaces resolved (upstream AffinityTerm):
// namespaces listed, or the pod's own namespace when neither namespaces nor namespaceSelector
// is given; namespaceSelector nil = matches no namespace, {} = every namespace.
struct AffinityTerm {
    std::set<std::string> namespaces;
    labels::Selector selector = labels::Selector::nothing();
    std::string topologyKey;
    labels::Selector namespaceSelector = labels::Selector::nothing();

    // The pod is in one of the namespaces (or its namespace's labels match the selector) and
    // its labels match the label selector.
    bool matches(const std::string& podNamespace, const labels::Set& podLabels,
                 const labels::Set& namespaceLabels) const;
};

struct WeightedAffinityTerm {
    AffinityTerm term;
    int32_t weight = 0;
};

// topologySpreadConstraints[] as written in the pod (selector not yet merged with matchLabelKeys).
struct TopologySpreadConstraintSpec {
    int32_t maxSkew = 1;
    std::string topologyKey;
    std::string whenUnsatisfiable;  // DoNotSchedule, ScheduleAnyway
    std::optional<labels::Selector> labelSelector;  // nullopt when it does not parse
    std::vector<std::string> matchLabelKeys;
    int32_t minDomains = 1;
    std::string nodeAffinityPolicy = "Honor";
    std::string nodeTaintsPolicy = "Ignore";
};

struct ContainerPort {
    std::string hostIP;    // "0.0.0.0" when empty
    std::string protocol;  // "TCP" when empty
    int32_t hostPort = 0;
};

// The controller ownerReference (kind, name, apiVersion), if any.
struct ControllerRef {
    std::string apiVersion, kind, name;
};

// A value many pods hold alike (the labels and tolerations of one ReplicaSet's pods), kept once
// and shared: read like the value itself (it converts to `const T&`). Bound pods stay in the
// scheduler cache for as long as they run, so at 150,000 pods a copy each adds up.
template <class T>
class Shared {
public:
    Shared() : p_(emptyValue()) {}
    explicit Shared(std::shared_ptr<const T> p) : p_(p ? std::move(p) : emptyValue()) {}
    operator const T&() const { return *p_; }
    const T& get() const { return *p_; }
    const T* operator->() const { return p_.get(); }
    auto begin() const { return p_->begin(); }
    auto end() const { return p_->end(); }
    size_t size() const { return p_->size(); }
    bool empty() const { return p_->empty(); }
    decltype(auto) operator[](size_t i) const { return (*p_)[i]; }
    const std::shared_ptr<const T>& ptr() const { return p_; }
    friend bool operator==(const Shared& a, const Shared& b) { return a.p_ == b.p_ || *a.p_ == *b.p_; }
    friend bool operator==(const Shared& a, const T& b) { return *a.p_ == b; }

private:
    static const std::shared_ptr<const T>& emptyValue() {
        static const std::shared_ptr<const T> empty = std::make_shared<const T>();
        return empty;
    }
    std::shared_ptr<const T> p_;
};

struct PodInfo {
    // The API object this was parsed from, while the pod waits to be scheduled (events and the
    // binding name it). The cache lets go of it once the pod is bound: a big cluster's pods are
    // nearly all bound, and the store keeps them packed (object_store.h) only when nothing else
    // holds their trees. What the plugins and preemption read of a bound pod is parsed below.
    // Only the object's reference fields (kind, apiVersion, metadata name/namespace/uid/
    // resourceVersion; see referenceOnly in types.cpp): everything else is parsed below.
    ObjectPtr pod;
    std::string ns, name, uid, key;  // key = "ns/name"
    std::string nodeName;            // spec.nodeName
    std::string schedulerName;
    std::string nominatedNodeName;   // status.nominatedNodeName
    std::string preemptionPolicy;
    int32_t priority = 0;
    bool terminating = false;        // has metadata.deletionTimestamp
    bool gated = false;              // spec.schedulingGates not empty
    Shared<labels::Set> labels;
    // Hashes of the labels and tolerations as last parsed: an update with the same ones
    // (a binding, a status write) does not parse them again.
    size_t labelsHash = 0, tolerationsHash = 0;
    std::optional<Time> startTime;   // status.startTime (preemption: the later started goes first)
    bool preemptedByScheduler = false;  // condition DisruptionTarget True, reason PreemptionByScheduler
    std::optional<ControllerRef> controller;

    Resource requests;               // what NodeResourcesFit checks
    int64_t nonZeroMilliCPU = 0;     // requests with the scoring defaults applied
    int64_t nonZeroMemory = 0;
    std::vector<ContainerPort> ports;  // container ports that ask for a hostPort
    Shared<std::vector<Toleration>> tolerations;
    RequiredNodeAffinity requiredNodeAffinity;
    std::vector<PreferredSchedulingTerm> preferredNodeAffinity;
    bool hasRequiredNodeAffinityTerms = false;  // affinity.nodeAffinity.required present
    std::vector<AffinityTerm> requiredAffinityTerms, requiredAntiAffinityTerms;
    std::vector<WeightedAffinityTerm> preferredAffinityTerms, preferredAntiAffinityTerms;
    bool hasPodAffinity = false;     // spec.affinity.podAffinity or podAntiAffinity set
    std::vector<TopologySpreadConstraintSpec> topologySpreadConstraints;
    std::vector<std::string> images;  // normalized ("nginx" -> "nginx:latest"), init containers first
    size_t containerCount = 0;        // init + regular
};

// Parses everything the plugins need from a Pod object.
std::shared_ptr<PodInfo> newPodInfo(ObjectPtr pod);
// Refreshes the mutable parts (labels, tolerations, deletion, gates, nomination, start time,
// the object) of an existing PodInfo from a newer version of the same pod.
void updatePodInfo(PodInfo& info, ObjectPtr pod);
// The hash PodInfo::labelsHash keeps for a pod's metadata.labels.
size_t labelsHashOf(const Json& pod);
// "nginx" -> "nginx:latest": an image reference without a tag is :latest (ImageLocality).
std::string normalizedImageName(const std::string& image);

// The ports in use on a node (HostPortInfo): a set of (ip, protocol, port).
class HostPortInfo {
public:
    void add(const ContainerPort& p);
    void remove(const ContainerPort& p);
    // 0.0.0.0 conflicts with every IP on the same protocol/port, and every IP with 0.0.0.0.
    bool checkConflict(const ContainerPort& p) const;
    size_t size() const { return ports_.size(); }

private:
    std::set<std::tuple<std::string, std::string, int32_t>> ports_;
};

struct NodeInfo {
    // The Node object's view (empty `node` while pods arrived before their node).
    ObjectPtr node;
    std::string name;
    labels::Set labels;
    // labels' kubernetes.io/hostname (whether present) and topology.kubernetes.io/zone: the keys of
    // PodTopologySpread's default constraints, which ask every scored node; these answer without a
    // walk through the label map.
    bool hasHostnameLabel = false;
    std::optional<std::string> zoneLabel;
    std::vector<Taint> taints;
    bool unschedulable = false;
    Resource allocatable;
    std::map<std::string, int64_t> imageSizes;  // every name of every image in status.images

    // The pods on the node, including assumed ones (bound by us, not yet seen through the watch).
    std::vector<std::shared_ptr<PodInfo>> pods;
    std::vector<std::shared_ptr<PodInfo>> podsWithAffinity;
    std::vector<std::shared_ptr<PodInfo>> podsWithRequiredAntiAffinity;
    HostPortInfo usedPorts;
    Resource requested;
    int64_t nonZeroMilliCPU = 0;   // NonZeroRequested
    int64_t nonZeroMemory = 0;
    int64_t generation = 0;

    // A memo for PodTopologySpread: how many pods on this node the last asked selector matched
    // (selectorId names a namespace + selector, see PodTopologySpread::selectorId), valid while
    // `generation` is unchanged. Every replica of a workload asks every scored node the same
    // question, and a node changes far less often than it is asked.
    struct MatchCountMemo {
        uint64_t selectorId = 0;  // 0 = nothing memoized
        int64_t generation = -1;
        int count = 0;
    };
    mutable MatchCountMemo matchCountMemo;

    // Reads the Node object's labels, taints, unschedulable, allocatable and images.
    void setNode(ObjectPtr n);
    void addPod(const std::shared_ptr<PodInfo>& pod);
    // Removes the pod with this key; returns false when it was not on the node.
    bool removePod(const std::string& key);
    const std::string* label(const std::string& key) const {
        auto it = labels.find(key);
        return it == labels.end() ? nullptr : &it->second;
    }
};

// The zone key nodes are grouped by ("region:\x00:zone", "" without zone labels).
std::string zoneKey(const labels::Set& nodeLabels);

}  // namespace kp::scheduler::framework
