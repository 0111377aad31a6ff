// PostFilter: DefaultPreemption. When no node fits, look for nodes where evicting lower-priority
// pods would make room, pick the best, delete its victims and nominate the node
// (status.nominatedNodeName); the pod is scheduled there once the victims are gone.
//  1. not eligible: preemptionPolicy Never, or lower-priority pods are already terminating on
//     the node nominated earlier;
//  2. candidates: nodes whose rejection was Unschedulable (not ...AndUnresolvable), dry-run from
//     a random offset: remove every lower-priority pod, check the pod fits, then add victims back
//     from the most important down while it still fits (PDB-violating ones first);
//  3. choose: fewest PDB violations, lowest highest victim priority, lowest priority sum, fewest
//     victims, latest start of the highest-priority victims, then the first one.
// Without candidates the message is a FitError of its own ("preemption: 0/3 nodes are
// available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for
// scheduling.").
// SIMPLIFICATION: the victims are deleted synchronously inside the scheduling cycle (1.32 does it
// in the same cycle too, in parallel goroutines); candidate ties fall to the dry-run order where
// upstream iterates a Go map.
// Upstream: framework/preemption/preemption.go (Evaluator), plugins/defaultpreemption.
#include <algorithm>
#include <climits>
#include <functional>

#include "api/pod_util.h"
#include "scheduler/scheduler.h"

namespace kp::scheduler {

using framework::Code;
using framework::CycleState;
using framework::Diagnosis;
using framework::NodeInfo;
using framework::PodInfo;
using framework::Status;

namespace {

constexpr int32_t kMinCandidateNodesPercentage = 10;
constexpr int32_t kMinCandidateNodesAbsolute = 100;

struct Candidate {
    std::string node;
    std::vector<std::shared_ptr<PodInfo>> victims;  // most important first
    int64_t numPDBViolations = 0;
};

struct Pdb {
    std::string ns;
    labels::Selector selector = labels::Selector::nothing();
    int64_t disruptionsAllowed = 0;
    std::set<std::string> disruptedPods;
};

// status.startTime, or "now" when the pod has not started (GetPodStartTime).
int64_t startTime(const PodInfo& p, Time now) { return p.startTime.value_or(now).ms; }

// MoreImportantPod: higher priority, then the one that started earlier.
bool moreImportant(const PodInfo& a, const PodInfo& b, Time now) {
    if (a.priority != b.priority)
        return a.priority > b.priority;
    return startTime(a, now) < startTime(b, now);
}

bool terminatingByPreemption(const PodInfo& p) { return p.terminating && p.preemptedByScheduler; }

std::vector<Pdb> listPdbs(const ObjectStore& store) {
    std::vector<Pdb> out;
    for (const ObjectPtr& o : store.list("poddisruptionbudgets.policy")) {
        Pdb p;
        p.ns = stringAt(*o, "metadata.namespace");
        const Json* sel = findPath(*o, "spec.selector");
        std::string error;
        if (auto s = labels::labelSelectorAsSelector(sel ? *sel : Json(nullptr), &error))
            p.selector = *s;
        p.disruptionsAllowed = intAt(*o, "status.disruptionsAllowed", 0);
        if (const Json* dp = findPath(*o, "status.disruptedPods"); dp && dp->is_object())
            for (auto it = dp->begin(); it != dp->end(); ++it)
                p.disruptedPods.insert(it.key());
        out.push_back(std::move(p));
    }
    return out;
}

// filterPodsWithPDBViolation: victims whose eviction would push a PDB below its budget.
void splitByPdb(const std::vector<std::shared_ptr<PodInfo>>& pods, const std::vector<Pdb>& pdbs,
                std::vector<std::shared_ptr<PodInfo>>& violating, std::vector<std::shared_ptr<PodInfo>>& nonViolating) {
    std::vector<int64_t> allowed;
    for (const Pdb& p : pdbs)
        allowed.push_back(p.disruptionsAllowed);
    for (const auto& pod : pods) {
        bool violated = false;
        if (!pod->labels.empty()) {
            for (size_t i = 0; i < pdbs.size(); ++i) {
                const Pdb& pdb = pdbs[i];
                if (pdb.ns != pod->ns || pdb.selector.empty() || !pdb.selector.matches(pod->labels))
                    continue;
                if (pdb.disruptedPods.count(pod->name))
                    continue;  // already being disrupted through the eviction API
                if (--allowed[i] < 0)
                    violated = true;
            }
        }
        (violated ? violating : nonViolating).push_back(pod);
    }
}

}  // namespace

Scheduler::PostFilterResult Scheduler::preempt(const CycleState& state, const PodInfo& pod, const Diagnosis& d) {
    PostFilterResult out;
    auto wrap = [](const std::string& msg) { return Status(Code::Unschedulable, {"preemption: " + msg}); };
    const framework::Snapshot& snap = cache_.snapshot();
    Time now = clock_.now();

    // 1) PodEligibleToPreemptOthers.
    if (pod.preemptionPolicy == "Never") {
        out.status = wrap("not eligible due to preemptionPolicy=Never.");
        return out;
    }
    if (!pod.nominatedNodeName.empty()) {
        const Status* ns = d.statusOf(pod.nominatedNodeName);
        bool unresolvable = ns && ns->code() == Code::UnschedulableAndUnresolvable;
        if (!unresolvable) {
            if (const NodeInfo* n = snap.get(pod.nominatedNodeName)) {
                for (const auto& p : n->pods) {
                    if (p->priority < pod.priority && terminatingByPreemption(*p)) {
                        out.status = wrap("not eligible due to a terminating pod on the nominated node.");
                        return out;
                    }
                }
            }
        }
    }

    // 2) findCandidates: only nodes where the rejection might be lifted by removing pods.
    const std::vector<NodeInfo*>& allNodes = snap.nodeInfoList();
    std::vector<NodeInfo*> potential;
    for (NodeInfo* n : allNodes)
        if (const Status* s = d.statusOf(n->name); s && s->code() == Code::Unschedulable)
            potential.push_back(n);
    Diagnosis dryRun;  // statuses of the nodes that were tried
    std::vector<Candidate> nonViolating, violating;
    if (!potential.empty()) {
        std::vector<Pdb> pdbs = listPdbs(server_.store());
        int32_t numNodes = static_cast<int32_t>(potential.size());
        size_t offset = rng_.uniform(potential.size());
        int32_t numCandidates = std::min(numNodes, std::max(numNodes * kMinCandidateNodesPercentage / 100,
                                                            kMinCandidateNodesAbsolute));
        for (size_t i = 0; i < potential.size(); ++i) {
            NodeInfo node = *potential[(offset + i) % potential.size()];  // a copy to edit
            CycleState st = state.clone();
            // SelectVictimsOnNode: remove every lower-priority pod first.
            std::vector<std::shared_ptr<PodInfo>> potentialVictims;
            std::vector<std::shared_ptr<PodInfo>> podsOnNode = node.pods;
            for (const auto& p : podsOnNode) {
                if (p->priority >= pod.priority)
                    continue;
                potentialVictims.push_back(p);
                node.removePod(p->key);
                fwk_.runPreFilterExtensionRemovePod(st, pod, *p, node);
            }
            if (potentialVictims.empty()) {
                dryRun.nodeToStatus[node.name] =
                    Status(Code::UnschedulableAndUnresolvable, {"No preemption victims found for incoming pod"});
                continue;
            }
            if (Status s = runFilterPluginsWithNominatedPods(st, pod, node); !s.isSuccess()) {
                dryRun.nodeToStatus[node.name] = std::move(s);
                continue;
            }
            std::sort(potentialVictims.begin(), potentialVictims.end(),
                      [now](const auto& a, const auto& b) { return moreImportant(*a, *b, now); });
            std::vector<std::shared_ptr<PodInfo>> violatingVictims, nonViolatingVictims;
            splitByPdb(potentialVictims, pdbs, violatingVictims, nonViolatingVictims);
            Candidate c;
            c.node = node.name;
            // Reprieve as many as possible, most important first, PDB-protected ones first.
            auto reprieve = [&](const std::shared_ptr<PodInfo>& p) {
                node.addPod(p);
                fwk_.runPreFilterExtensionAddPod(st, pod, *p, node);
                if (runFilterPluginsWithNominatedPods(st, pod, node).isSuccess())
                    return true;
                node.removePod(p->key);
                fwk_.runPreFilterExtensionRemovePod(st, pod, *p, node);
                c.victims.push_back(p);
                return false;
            };
            for (const auto& p : violatingVictims)
                if (!reprieve(p))
                    ++c.numPDBViolations;
            for (const auto& p : nonViolatingVictims)
                reprieve(p);
            if (!violatingVictims.empty() && !nonViolatingVictims.empty())
                std::sort(c.victims.begin(), c.victims.end(),
                          [now](const auto& a, const auto& b) { return moreImportant(*a, *b, now); });
            (c.numPDBViolations == 0 ? nonViolating : violating).push_back(std::move(c));
            int32_t found = static_cast<int32_t>(nonViolating.size() + violating.size());
            if (!nonViolating.empty() && found >= numCandidates)
                break;
        }
    } else if (!pod.nominatedNodeName.empty()) {
        out.nominatedNode = "";  // preemption cannot help anywhere: drop the old nomination
    }

    std::vector<Candidate> candidates = std::move(nonViolating);
    for (Candidate& c : violating)
        candidates.push_back(std::move(c));
    if (candidates.empty()) {
        dryRun.absentNodesStatus = Status::unresolvable("Preemption is not helpful for scheduling");
        out.status = wrap(framework::fitErrorMessage(allNodes.size(), dryRun));
        out.nominatedNode = "";
        return out;
    }

    // 3) pickOneNodeForPreemption.
    std::vector<const Candidate*> pool;
    for (const Candidate& c : candidates)
        pool.push_back(&c);
    auto highestPriority = [](const Candidate& c) { return static_cast<int64_t>(c.victims.front()->priority); };
    std::vector<std::function<int64_t(const Candidate&)>> scoreFuncs = {
        [](const Candidate& c) { return -c.numPDBViolations; },
        [&](const Candidate& c) { return -highestPriority(c); },
        [](const Candidate& c) {
            int64_t sum = 0;
            for (const auto& v : c.victims)
                sum += static_cast<int64_t>(v->priority) + static_cast<int64_t>(INT32_MAX) + 1;
            return -sum;
        },
        [](const Candidate& c) { return -static_cast<int64_t>(c.victims.size()); },
        [&](const Candidate& c) {
            // The earliest start among the highest-priority victims: later is better.
            int64_t earliest = INT64_MAX;
            for (const auto& v : c.victims)
                if (v->priority == highestPriority(c))
                    earliest = std::min(earliest, startTime(*v, now));
            return earliest;
        },
    };
    for (const auto& f : scoreFuncs) {
        if (pool.size() == 1)
            break;
        int64_t best = INT64_MIN;
        std::vector<const Candidate*> selected;
        for (const Candidate* c : pool) {
            int64_t s = f(*c);
            if (s > best) {
                best = s;
                selected.clear();
            }
            if (s == best)
                selected.push_back(c);
        }
        pool = std::move(selected);
    }
    const Candidate& chosen = *pool.front();

    // 4) prepareCandidate: mark and delete the victims, drop weaker nominations on the node.
    const std::string message = std::string(kName) + ": preempting to accommodate a higher priority pod";
    for (const auto& victim : chosen.victims) {
        ObjectPtr current = server_.store().get("pods", victim->ns, victim->name);
        if (!current)
            continue;
        Json copy = *current;
        if (pod::setCondition(copy,
                              Json{{"type", "DisruptionTarget"},
                                   {"status", "True"},
                                   {"reason", "PreemptionByScheduler"},
                                   {"message", message}},
                              now))
            client_.updateStatus(copy);
        client_.remove(pods_, victim->ns, victim->name);
        recorder_.eventV1(*current, "Normal", "Preempted", "Preempting",
                          "Preempted by pod " + pod.uid + " on node " + chosen.node);
    }
    for (const PodInfo* np : schedQueue_.nominatedPodsForNode(chosen.node)) {
        if (np->priority >= pod.priority)
            continue;
        std::string key = np->key;
        if (ObjectPtr current = server_.store().get("pods", np->ns, np->name)) {
            Json copy = *current;
            if (stringAt(copy, "status.nominatedNodeName").empty())
                continue;
            copy["status"].erase("nominatedNodeName");
            client_.updateStatus(copy);
        }
        schedQueue_.setNominatedNode(key, "");
    }
    out.nominatedNode = chosen.node;
    return out;
}

}  // namespace kp::scheduler
