// PodTopologySpread: keeps matching pods spread across topology domains (nodes, zones).
//  - DoNotSchedule constraints filter: placing the pod on a node must keep
//    'matching pods in the node's domain' + (1 if the pod matches itself) - 'global minimum' <= maxSkew;
//    a node without the topology label is out ("missing required label").
//  - ScheduleAnyway constraints score: fewer matching pods in the node's domain = better.
//  - Pods with no constraints of their own get the cluster defaults (1.32 "System" defaulting):
//    hostname maxSkew 3 and zone maxSkew 5, both ScheduleAnyway, selecting the pods of the same
//    Services / ReplicaSet / StatefulSet / ReplicationController. This is what spreads the
//    replicas of a Deployment across nodes.
// Upstream: framework/plugins/podtopologyspread/{plugin,common,filtering,scoring}.go.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "scheduler/framework/plugin.h"

namespace kp::scheduler::plugins {

struct TopologySpreadConstraint {
    int32_t maxSkew = 1;
    std::string topologyKey;
    bool hostnameKey = false;        // topologyKey is kubernetes.io/hostname: one domain per node
    bool zoneKey = false;            // topologyKey is topology.kubernetes.io/zone

    // The node's value of topologyKey (nullptr when the node lacks the label).
    const std::string* nodeValue(const framework::NodeInfo& node) const {
        if (zoneKey)
            return node.zoneLabel ? &*node.zoneLabel : nullptr;
        return node.label(topologyKey);
    }
    labels::Selector selector = labels::Selector::nothing();
    int32_t minDomains = 1;
    bool honorNodeAffinity = true;   // nodeAffinityPolicy Honor (default)
    bool honorNodeTaints = false;    // nodeTaintsPolicy Ignore (default)

    // Whether a node takes part in this constraint's domains for this pod.
    bool matchNodeInclusionPolicies(const framework::PodInfo& pod, const framework::NodeInfo& node) const;
};

class PodTopologySpread final : public framework::Plugin {
public:
    static constexpr std::string_view kName = "PodTopologySpread";
    static constexpr const char* kErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
    static constexpr const char* kErrReasonNodeLabelNotMatch =
        "node(s) didn't match pod topology spread constraints (missing required label)";

    std::string_view name() const override { return kName; }
    unsigned points() const override {
        return framework::kPreFilter | framework::kFilter | framework::kPreScore | framework::kScore |
               framework::kNormalizeScore;
    }
    framework::Status preFilter(framework::CycleState& state, const framework::PodInfo& pod,
                                framework::PreFilterResult&) override;
    framework::Status filter(const framework::CycleState& state, const framework::PodInfo& pod,
                             const framework::NodeInfo& node) const override;
    void addPod(framework::CycleState& state, const framework::PodInfo& toSchedule, const framework::PodInfo& added,
                const framework::NodeInfo& node) const override;
    void removePod(framework::CycleState& state, const framework::PodInfo& toSchedule,
                   const framework::PodInfo& removed, const framework::NodeInfo& node) const override;
    framework::Status preScore(framework::CycleState& state, const framework::PodInfo& pod,
                               const std::vector<framework::NodeInfo*>& feasible) override;
    int64_t score(const framework::CycleState& state, const framework::PodInfo& pod,
                  const framework::NodeInfo& node) const override;
    void normalizeScore(const framework::CycleState& state, const framework::PodInfo&,
                        std::vector<framework::NodeScore>& scores) const override;
    std::vector<framework::ClusterEvent> eventsToRegister() const override;
    framework::QueueingHint queueingHint(const framework::ClusterEvent& event, const framework::PodInfo& pod,
                                         const framework::EventObjects& objs) const override;

    // The constraints with `whenUnsatisfiable` == action: the pod's own, else the defaults.
    std::vector<TopologySpreadConstraint> constraintsFor(const framework::PodInfo& pod,
                                                         const std::string& action) const;
    // Every constraint (both actions) the pod is subject to (getConstraints, for hints).
    std::vector<TopologySpreadConstraint> allConstraints(const framework::PodInfo& pod) const;

    // A number naming (namespace, selector) for NodeInfo::matchCountMemo; equal selectors in
    // the same namespace get the same number.
    uint64_t selectorId(const std::string& ns, const labels::Selector& selector) const;

private:
    std::vector<TopologySpreadConstraint> filterConstraints(const framework::PodInfo& pod,
                                                            const std::string& action) const;
    std::vector<TopologySpreadConstraint> buildDefaultConstraints(const framework::PodInfo& pod,
                                                                  const std::string& action) const;
    mutable std::unordered_map<std::string, uint64_t> selectorIds_;  // lookups only

    void updateWithPod(framework::CycleState& state, const framework::PodInfo& updated,
                       const framework::PodInfo& preemptor, const framework::NodeInfo& node, int delta) const;
};

// helper.DefaultSelector: the labels of the Services selecting the pod, plus the selector of its
// controlling ReplicaSet / StatefulSet / ReplicationController.
labels::Selector defaultSelector(const framework::PodInfo& pod, const ObjectStore& store);

// Matching pods on a node: same namespace, not terminating, labels match.
int countPodsMatchSelector(const std::vector<std::shared_ptr<framework::PodInfo>>& pods,
                           const labels::Selector& selector, const std::string& ns);

// countPodsMatchSelector over node.pods, answered from the node's memo when the node has not
// changed since the same (namespace, selector) was last counted on it.
int countPodsMatchSelectorOnNode(const framework::NodeInfo& node, const labels::Selector& selector,
                                 const std::string& ns, uint64_t selectorId);

bool nodeLabelsMatchSpreadConstraints(const labels::Set& nodeLabels,
                                      const std::vector<TopologySpreadConstraint>& constraints);

}  // namespace kp::scheduler::plugins
