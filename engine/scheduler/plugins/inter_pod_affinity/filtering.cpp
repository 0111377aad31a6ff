// InterPodAffinity PreFilter / Filter / preemption extensions, and the shared helpers.
#include "scheduler/plugins/inter_pod_affinity/inter_pod_affinity.h"

namespace kp::scheduler::plugins {

using namespace framework;

namespace {

using TopologyPair = std::pair<std::string, std::string>;
using TopologyCounts = std::map<TopologyPair, int64_t>;

void update(TopologyCounts& m, const NodeInfo& node, const std::string& key, int64_t value) {
    const std::string* v = node.label(key);
    if (!v)
        return;
    int64_t& n = m[{key, *v}];
    n += value;
    if (n == 0)
        m.erase({key, *v});
}

bool podMatchesAllAffinityTerms(const std::vector<AffinityTerm>& terms, const PodInfo& pod) {
    if (terms.empty())
        return false;
    static const labels::Set kNone;
    for (const AffinityTerm& t : terms)
        if (!t.matches(pod.ns, pod.labels, kNone))
            return false;
    return true;
}

struct PreFilterState final : StateData {
    TopologyCounts existingAntiAffinityCounts;  // existing pods whose anti-affinity hits the pod
    TopologyCounts affinityCounts;              // existing pods matching all the pod's affinity terms
    TopologyCounts antiAffinityCounts;          // existing pods matching the pod's anti-affinity terms
    std::vector<AffinityTerm> affinityTerms, antiAffinityTerms;  // namespaces merged
    const PodInfo* pod = nullptr;
    labels::Set namespaceLabels;

    std::unique_ptr<StateData> clone() const override { return std::make_unique<PreFilterState>(*this); }

    void updateWithPod(const PodInfo& p, const NodeInfo& node, int64_t m) {
        static const labels::Set kNone;
        for (const AffinityTerm& t : p.requiredAntiAffinityTerms)
            if (t.matches(pod->ns, pod->labels, namespaceLabels))
                update(existingAntiAffinityCounts, node, t.topologyKey, m);
        if (podMatchesAllAffinityTerms(affinityTerms, p))
            for (const AffinityTerm& t : affinityTerms)
                update(affinityCounts, node, t.topologyKey, m);
        for (const AffinityTerm& t : antiAffinityTerms)
            if (t.matches(p.ns, p.labels, kNone))
                update(antiAffinityCounts, node, t.topologyKey, m);
    }
};

bool satisfyExistingPodsAntiAffinity(const PreFilterState& s, const NodeInfo& node) {
    if (s.existingAntiAffinityCounts.empty())
        return true;
    for (const auto& [k, v] : node.labels) {
        auto it = s.existingAntiAffinityCounts.find({k, v});
        if (it != s.existingAntiAffinityCounts.end() && it->second > 0)
            return false;
    }
    return true;
}

bool satisfyPodAntiAffinity(const PreFilterState& s, const NodeInfo& node) {
    if (s.antiAffinityCounts.empty())
        return true;
    for (const AffinityTerm& t : s.antiAffinityTerms) {
        const std::string* v = node.label(t.topologyKey);
        if (!v)
            continue;
        auto it = s.antiAffinityCounts.find({t.topologyKey, *v});
        if (it != s.antiAffinityCounts.end() && it->second > 0)
            return false;
    }
    return true;
}

bool satisfyPodAffinity(const PreFilterState& s, const NodeInfo& node) {
    bool podsExist = true;
    for (const AffinityTerm& t : s.affinityTerms) {
        const std::string* v = node.label(t.topologyKey);
        if (!v)
            return false;  // every topology label must exist on the node
        auto it = s.affinityCounts.find({t.topologyKey, *v});
        if (it == s.affinityCounts.end() || it->second <= 0)
            podsExist = false;
    }
    if (podsExist)
        return true;
    // The first pod of a group with affinity to itself: no pod anywhere matches yet, and the
    // pod matches its own terms, so it is allowed in.
    return s.affinityCounts.empty() && podMatchesAllAffinityTerms(s.affinityTerms, *s.pod);
}

}  // namespace

labels::Set InterPodAffinity::namespaceLabels(const std::string& ns) const {
    ObjectPtr n = handle().store().get("namespaces", "", ns);
    const Json* l = n ? findPath(*n, "metadata.labels") : nullptr;
    return l ? labels::setFromJson(*l) : labels::Set{};
}

void InterPodAffinity::mergeNamespaces(AffinityTerm& term) const {
    if (term.namespaceSelector.empty())
        return;  // "every namespace" stays a selector
    for (const ObjectPtr& ns : handle().store().list("namespaces"))
        if (term.namespaceSelector.matchesLabelsOf(*ns))
            term.namespaces.insert(stringAt(*ns, "metadata.name"));
    term.namespaceSelector = labels::Selector::nothing();
}

Status InterPodAffinity::preFilter(CycleState& state, const PodInfo& pod, PreFilterResult&) {
    // Upstream: filtering.go#PreFilter.
    auto s = std::make_unique<PreFilterState>();
    s->pod = &pod;
    s->affinityTerms = pod.requiredAffinityTerms;
    s->antiAffinityTerms = pod.requiredAntiAffinityTerms;
    for (AffinityTerm& t : s->affinityTerms)
        mergeNamespaces(t);
    for (AffinityTerm& t : s->antiAffinityTerms)
        mergeNamespaces(t);
    const Snapshot& snap = handle().snapshot();
    s->namespaceLabels = namespaceLabels(pod.ns);
    for (const NodeInfo* node : snap.havePodsWithRequiredAntiAffinityList())
        for (const auto& existing : node->podsWithRequiredAntiAffinity)
            for (const AffinityTerm& t : existing->requiredAntiAffinityTerms)
                if (t.matches(pod.ns, pod.labels, s->namespaceLabels))
                    update(s->existingAntiAffinityCounts, *node, t.topologyKey, 1);
    if (!s->affinityTerms.empty() || !s->antiAffinityTerms.empty()) {
        static const labels::Set kNone;
        for (const NodeInfo* node : snap.nodeInfoList()) {
            for (const auto& existing : node->pods) {
                if (podMatchesAllAffinityTerms(s->affinityTerms, *existing))
                    for (const AffinityTerm& t : s->affinityTerms)
                        update(s->affinityCounts, *node, t.topologyKey, 1);
                for (const AffinityTerm& t : s->antiAffinityTerms)
                    if (t.matches(existing->ns, existing->labels, kNone))
                        update(s->antiAffinityCounts, *node, t.topologyKey, 1);
            }
        }
    }
    if (s->existingAntiAffinityCounts.empty() && s->affinityTerms.empty() && s->antiAffinityTerms.empty())
        return Status::skip();
    state.write(preFilterSlot(), std::move(s));
    return {};
}

Status InterPodAffinity::filter(const CycleState& state, const PodInfo&, const NodeInfo& node) const {
    const PreFilterState* s = state.read<PreFilterState>(preFilterSlot());
    if (!s)
        return Status::error("error reading \"PreFilterInterPodAffinity\" from cycleState: not found");
    if (!satisfyPodAffinity(*s, node))
        return Status::unresolvable(kErrReasonAffinityRulesNotMatch);
    if (!satisfyPodAntiAffinity(*s, node))
        return Status::unschedulable(kErrReasonAntiAffinityRulesNotMatch);
    if (!satisfyExistingPodsAntiAffinity(*s, node))
        return Status::unschedulable(kErrReasonExistingAntiAffinityRulesNotMatch);
    return {};
}

void InterPodAffinity::addPod(CycleState& state, const PodInfo&, const PodInfo& added, const NodeInfo& node) const {
    if (PreFilterState* s = state.read<PreFilterState>(preFilterSlot()))
        s->updateWithPod(added, node, 1);
}

void InterPodAffinity::removePod(CycleState& state, const PodInfo&, const PodInfo& removed,
                                 const NodeInfo& node) const {
    if (PreFilterState* s = state.read<PreFilterState>(preFilterSlot()))
        s->updateWithPod(removed, node, -1);
}

std::vector<ClusterEvent> InterPodAffinity::eventsToRegister() const {
    return {{EventResource::Pod, kAdd | kUpdatePodLabel | kDelete}, {EventResource::Node, kAdd | kUpdateNodeLabel}};
}

QueueingHint InterPodAffinity::queueingHint(const ClusterEvent& event, const PodInfo& pod,
                                            const EventObjects& objs) const {
    const auto& terms = pod.requiredAffinityTerms;
    const auto& antiTerms = pod.requiredAntiAffinityTerms;
    if (event.resource == EventResource::Node) {
        // Upstream: plugin.go#isSchedulableAfterNodeChange: a topology key appears, disappears
        // (anti-affinity) or changes value; any new node may help anti-affinity.
        if (!objs.node)
            return QueueingHint::Skip;
        labels::Set old;
        if (objs.oldNode)
            if (const Json* l = findPath(*objs.oldNode, "metadata.labels"))
                old = labels::setFromJson(*l);
        for (const AffinityTerm& t : terms) {
            const std::string* now = objs.node->label(t.topologyKey);
            auto before = old.find(t.topologyKey);
            if (!objs.oldNode) {
                if (now)
                    return QueueingHint::Queue;
                continue;
            }
            if (now && (before == old.end() || before->second != *now))
                return QueueingHint::Queue;
        }
        for (const AffinityTerm& t : antiTerms) {
            if (!objs.oldNode)
                return QueueingHint::Queue;
            const std::string* now = objs.node->label(t.topologyKey);
            auto before = old.find(t.topologyKey);
            if (before != old.end() && (!now || *now != before->second))
                return QueueingHint::Queue;
        }
        return QueueingHint::Skip;
    }
    // Upstream: plugin.go#isSchedulableAfterPodChange (pods only count once scheduled).
    const PodInfo* changed = objs.pod;
    if (!changed || changed->nodeName.empty())
        return QueueingHint::Skip;
    if (objs.oldPod) {
        if (!podMatchesAllAffinityTerms(terms, *objs.oldPod) && podMatchesAllAffinityTerms(terms, *changed))
            return QueueingHint::Queue;
        if (podMatchesAllAffinityTerms(antiTerms, *objs.oldPod) && !podMatchesAllAffinityTerms(antiTerms, *changed))
            return QueueingHint::Queue;
        return QueueingHint::Skip;
    }
    if (event.actions & kAdd)
        return podMatchesAllAffinityTerms(terms, *changed) ? QueueingHint::Queue : QueueingHint::Skip;
    if (podMatchesAllAffinityTerms(antiTerms, *changed))
        return QueueingHint::Queue;
    // SIMPLIFICATION: also retry when the deleted pod's own anti-affinity excluded this pod
    // (upstream's hint only looks at the pending pod's terms and waits for another event).
    static const labels::Set kNone;
    for (const AffinityTerm& t : changed->requiredAntiAffinityTerms)
        if (t.matches(pod.ns, pod.labels, kNone))
            return QueueingHint::Queue;
    return QueueingHint::Skip;
}

}  // namespace kp::scheduler::plugins
