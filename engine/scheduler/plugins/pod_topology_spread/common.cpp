#include <algorithm>

#include "scheduler/plugins/pod_topology_spread/pod_topology_spread.h"

namespace kp::scheduler::plugins {

using namespace framework;

namespace {

constexpr const char* kLabelHostname = "kubernetes.io/hostname";
constexpr const char* kLabelTopologyZone = "topology.kubernetes.io/zone";

// The 1.32 system defaults (podtopologyspread/plugin.go systemDefaultConstraints).
const std::vector<TopologySpreadConstraintSpec>& systemDefaultConstraints() {
    static const std::vector<TopologySpreadConstraintSpec> defaults = [] {
        TopologySpreadConstraintSpec host;
        host.topologyKey = kLabelHostname;
        host.whenUnsatisfiable = "ScheduleAnyway";
        host.maxSkew = 3;
        TopologySpreadConstraintSpec zone;
        zone.topologyKey = kLabelTopologyZone;
        zone.whenUnsatisfiable = "ScheduleAnyway";
        zone.maxSkew = 5;
        return std::vector<TopologySpreadConstraintSpec>{host, zone};
    }();
    return defaults;
}

std::vector<TopologySpreadConstraint> toConstraints(const std::vector<TopologySpreadConstraintSpec>& specs,
                                                    const labels::Set& podLabels, const std::string& action) {
    // Upstream: common.go#filterTopologySpreadConstraints.
    std::vector<TopologySpreadConstraint> out;
    for (const TopologySpreadConstraintSpec& s : specs) {
        if (s.whenUnsatisfiable != action)
            continue;
        TopologySpreadConstraint c;
        c.maxSkew = s.maxSkew;
        c.topologyKey = s.topologyKey;
        c.hostnameKey = s.topologyKey == kLabelHostname;
        c.zoneKey = s.topologyKey == kLabelTopologyZone;
        c.selector = s.labelSelector ? *s.labelSelector : labels::Selector::nothing();
        labels::Set matchLabels;
        for (const std::string& k : s.matchLabelKeys)
            if (auto it = podLabels.find(k); it != podLabels.end())
                matchLabels[k] = it->second;
        if (!matchLabels.empty()) {
            labels::Selector merged = labels::Selector::fromSet(matchLabels);
            for (const labels::Requirement& r : c.selector.requirements())
                merged.add(r);
            c.selector = std::move(merged);
        }
        c.minDomains = s.minDomains;
        c.honorNodeAffinity = s.nodeAffinityPolicy != "Ignore";
        c.honorNodeTaints = s.nodeTaintsPolicy == "Honor";
        out.push_back(std::move(c));
    }
    return out;
}

bool serviceSelects(const Json& svc, const labels::Set& podLabels) {
    const Json* sel = findPath(svc, "spec.selector");
    labels::Set set = sel && sel->is_object() ? labels::setFromJson(*sel) : labels::Set{};
    return labels::Selector::fromSet(set).matches(podLabels);
}

}  // namespace

bool TopologySpreadConstraint::matchNodeInclusionPolicies(const PodInfo& pod, const NodeInfo& node) const {
    if (honorNodeAffinity && !pod.requiredNodeAffinity.matches(node.labels, node.name))
        return false;
    if (honorNodeTaints && findUntoleratedDoNotScheduleTaint(node.taints, pod.tolerations))
        return false;
    return true;
}

labels::Selector defaultSelector(const PodInfo& pod, const ObjectStore& store) {
    // Upstream: framework/plugins/helper/spread.go#DefaultSelector.
    labels::Set labelSet;
    for (const ObjectPtr& svc : store.list("services", pod.ns)) {
        if (!serviceSelects(*svc, pod.labels))
            continue;
        if (const Json* sel = findPath(*svc, "spec.selector"); sel && sel->is_object())
            for (const auto& [k, v] : labels::setFromJson(*sel))
                labelSet[k] = v;
    }
    labels::Selector selector = labels::Selector::fromSet(labelSet);
    if (!pod.controller)
        return selector;
    const ControllerRef& owner = *pod.controller;
    if (owner.apiVersion == "v1" && owner.kind == "ReplicationController") {
        if (ObjectPtr rc = store.get("replicationcontrollers", pod.ns, owner.name)) {
            if (const Json* sel = findPath(*rc, "spec.selector"); sel && sel->is_object())
                for (const auto& [k, v] : labels::setFromJson(*sel))
                    labelSet[k] = v;
            selector = labels::Selector::fromSet(labelSet);
        }
        return selector;
    }
    const char* resource = nullptr;
    if (owner.apiVersion == "apps/v1" && owner.kind == "ReplicaSet")
        resource = "replicasets.apps";
    else if (owner.apiVersion == "apps/v1" && owner.kind == "StatefulSet")
        resource = "statefulsets.apps";
    if (!resource)
        return selector;
    if (ObjectPtr obj = store.get(resource, pod.ns, owner.name)) {
        const Json* sel = findPath(*obj, "spec.selector");
        std::string error;
        if (auto other = labels::labelSelectorAsSelector(sel ? *sel : Json(nullptr), &error))
            for (const labels::Requirement& r : other->requirements())
                selector.add(r);
    }
    return selector;
}

int countPodsMatchSelector(const std::vector<std::shared_ptr<PodInfo>>& pods, const labels::Selector& selector,
                           const std::string& ns) {
    int count = 0;
    for (const auto& p : pods) {
        // Terminating pods do not count (kubernetes#87621).
        if (p->terminating || p->ns != ns)
            continue;
        if (selector.matches(p->labels))
            ++count;
    }
    return count;
}

int countPodsMatchSelectorOnNode(const NodeInfo& node, const labels::Selector& selector, const std::string& ns,
                                 uint64_t selectorId) {
    NodeInfo::MatchCountMemo& memo = node.matchCountMemo;
    if (memo.selectorId == selectorId && memo.generation == node.generation)
        return memo.count;
    memo = {selectorId, node.generation, countPodsMatchSelector(node.pods, selector, ns)};
    return memo.count;
}

uint64_t PodTopologySpread::selectorId(const std::string& ns, const labels::Selector& selector) const {
    std::string key = (selector.isNothing() ? "!" : "=") + ns + '\0' + selector.toString();
    auto [it, added] = selectorIds_.emplace(std::move(key), selectorIds_.size() + 1);
    return it->second;
}

bool nodeLabelsMatchSpreadConstraints(const labels::Set& nodeLabels,
                                      const std::vector<TopologySpreadConstraint>& constraints) {
    for (const TopologySpreadConstraint& c : constraints)
        if (nodeLabels.count(c.topologyKey) == 0)
            return false;
    return true;
}

std::vector<TopologySpreadConstraint> PodTopologySpread::filterConstraints(const PodInfo& pod,
                                                                         const std::string& action) const {
    return toConstraints(pod.topologySpreadConstraints, pod.labels, action);
}

std::vector<TopologySpreadConstraint> PodTopologySpread::buildDefaultConstraints(const PodInfo& pod,
                                                                               const std::string& action) const {
    std::vector<TopologySpreadConstraint> constraints = toConstraints(systemDefaultConstraints(), pod.labels, action);
    if (constraints.empty())
        return constraints;
    labels::Selector selector = defaultSelector(pod, handle().store());
    if (selector.empty())
        return {};
    for (TopologySpreadConstraint& c : constraints)
        c.selector = selector;
    return constraints;
}

std::vector<TopologySpreadConstraint> PodTopologySpread::constraintsFor(const PodInfo& pod,
                                                                      const std::string& action) const {
    if (!pod.topologySpreadConstraints.empty())
        return filterConstraints(pod, action);
    return buildDefaultConstraints(pod, action);
}

std::vector<TopologySpreadConstraint> PodTopologySpread::allConstraints(const PodInfo& pod) const {
    std::vector<TopologySpreadConstraint> out = constraintsFor(pod, "DoNotSchedule");
    std::vector<TopologySpreadConstraint> soft = constraintsFor(pod, "ScheduleAnyway");
    out.insert(out.end(), soft.begin(), soft.end());
    return out;
}

std::vector<ClusterEvent> PodTopologySpread::eventsToRegister() const {
    return {{EventResource::Pod, kAdd | kUpdatePodLabel | kUpdatePodToleration | kDelete},
            {EventResource::Node, kAdd | kDelete | kUpdateNodeLabel | kUpdateNodeTaint}};
}

QueueingHint PodTopologySpread::queueingHint(const ClusterEvent& event, const PodInfo& pod,
                                             const EventObjects& objs) const {
    std::vector<TopologySpreadConstraint> constraints = allConstraints(pod);
    if (event.resource == EventResource::Node) {
        // Upstream: isSchedulableAfterNodeChange: the node carries every topology key.
        const labels::Set* l = nullptr;
        labels::Set old;
        if (objs.node) {
            l = &objs.node->labels;
        } else if (objs.oldNode) {
            const Json* j = findPath(*objs.oldNode, "metadata.labels");
            old = j ? labels::setFromJson(*j) : labels::Set{};
            l = &old;
        }
        return l && nodeLabelsMatchSpreadConstraints(*l, constraints) ? QueueingHint::Queue : QueueingHint::Skip;
    }
    // Upstream: isSchedulableAfterPodChange.
    const PodInfo* changed = objs.pod;
    if (!changed)
        return QueueingHint::Skip;
    if (changed->uid == pod.uid) {
        bool honorsTaints = std::any_of(constraints.begin(), constraints.end(),
                                        [](const TopologySpreadConstraint& c) { return c.honorNodeTaints; });
        return (event.actions & kUpdatePodToleration) && honorsTaints ? QueueingHint::Queue : QueueingHint::Skip;
    }
    if (changed->nodeName.empty() || changed->ns != pod.ns)
        return QueueingHint::Skip;
    if (objs.oldPod) {
        for (const TopologySpreadConstraint& c : constraints)
            if (c.selector.matches(objs.oldPod->labels) != c.selector.matches(changed->labels))
                return QueueingHint::Queue;
        return QueueingHint::Skip;
    }
    for (const TopologySpreadConstraint& c : constraints)
        if (c.selector.matches(changed->labels))
            return QueueingHint::Queue;
    return QueueingHint::Skip;
}

}  // namespace kp::scheduler::plugins
