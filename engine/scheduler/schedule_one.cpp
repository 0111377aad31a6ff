// One scheduling attempt: filter, score, select, assume, bind; or record why not.
// Upstream: pkg/scheduler/schedule_one.go.
#include <algorithm>

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

constexpr size_t kMinFeasibleNodesToFind = 100;
constexpr size_t kMinFeasibleNodesPercentageToFind = 5;

// percentageOfNodesToScore (unset = adaptive): every node below 100 nodes; otherwise
// 50% - nodes/125 (at least 5%) of them, but never fewer than 100.
// Example: 5,000 nodes -> 50 - 40 = 10% -> stop after 500 feasible nodes.
size_t numFeasibleNodesToFind(size_t numAllNodes) {
    if (numAllNodes < kMinFeasibleNodesToFind)
        return numAllNodes;
    int64_t percentage = 50 - static_cast<int64_t>(numAllNodes) / 125;
    if (percentage < static_cast<int64_t>(kMinFeasibleNodesPercentageToFind))
        percentage = kMinFeasibleNodesPercentageToFind;
    size_t numNodes = numAllNodes * static_cast<size_t>(percentage) / 100;
    return std::max(numNodes, kMinFeasibleNodesToFind);
}

}  // namespace

void Scheduler::scheduleOne(QueuedPodInfo& p) {
    // Upstream: schedule_one.go#ScheduleOne and schedulingCycle.
    std::shared_ptr<PodInfo> podPtr = p.pod;
    const PodInfo& pod = *podPtr;
    SchedulingTrace& trace = beginTrace(p);
    // Whatever way the attempt ends, the trace holds exactly the nodes it evaluated.
    struct TrimNodes {
        SchedulingTrace& trace;
        const size_t& used;
        ~TrimNodes() { trace.nodes.resize(used); }
    } trim{trace, traceNodesUsed_};
    if (pod.terminating) {
        // skipPodSchedule: a pod being deleted is not worth a node.
        trace.result = "Skipped";
        trace.message = "skip schedule deleting pod: " + pod.ns + "/" + pod.name;
        recorder_.eventV1(*pod.pod, "Warning", "FailedScheduling", "Scheduling", trace.message);
        schedQueue_.done(pod.key);
        return;
    }
    if (cache_.pod(pod.key)) {
        schedQueue_.done(pod.key);  // already assumed or bound
        return;
    }

    cache_.updateSnapshot();
    CycleState state = fwk_.newCycleState();
    ScheduleResult result = schedulePod(state, pod, trace);
    if (!result.status.isSuccess()) {
        Status status = result.status;
        std::set<std::string> rejectors;
        std::optional<std::string> nominate;
        if (result.fitError) {
            // PostFilter (DefaultPreemption): try to make room for a later attempt.
            PostFilterResult pf = preempt(state, pod, result.diagnosis);
            result.diagnosis.postFilterMsg = pf.status.message();
            nominate = pf.nominatedNode;
            trace.preemption = pf.status.isSuccess() && pf.nominatedNode ? "nominated " + *pf.nominatedNode
                                                                        : pf.status.message();
            rejectors = result.diagnosis.unschedulablePlugins;
            status = Status(Code::Unschedulable, {framework::fitErrorMessage(result.numAllNodes, result.diagnosis)});
        } else if (status.isRejected()) {
            nominate = std::string();  // no nodes at all: clear any nomination
        }
        handleSchedulingFailure(p, status, rejectors, nominate ? &*nominate : nullptr, trace);
        return;
    }

    // Assume: the cache counts the pod on its node before the apiserver confirms the binding.
    const std::string host = result.suggestedHost;
    schedQueue_.setNominatedNode(pod.key, "");
    cache_.assumePod(podPtr, host);
    Status bound = bind(pod, host);
    if (!bound.isSuccess()) {
        cache_.forgetPod(pod.key);
        handleSchedulingFailure(p, bound, {}, nullptr, trace);
        return;
    }
    trace.result = "Scheduled";
    trace.selectedNode = host;
    trace.message = "Successfully assigned " + pod.ns + "/" + pod.name + " to " + host;
    recorder_.eventV1(*pod.pod, "Normal", "Scheduled", "Binding", trace.message);
    schedQueue_.done(pod.key);
}

Scheduler::ScheduleResult Scheduler::schedulePod(CycleState& state, const PodInfo& pod, SchedulingTrace& trace) {
    ScheduleResult r;
    const framework::Snapshot& snap = cache_.snapshot();
    r.numAllNodes = snap.numNodes();
    trace.numAllNodes = r.numAllNodes;
    if (snap.numNodes() == 0) {
        r.status = Status(Code::UnschedulableAndUnresolvable, {"no nodes available to schedule pods"});
        return r;
    }
    Status err;
    const std::vector<NodeInfo*>& feasible = findNodesThatFitPod(state, pod, r.diagnosis, err, trace);
    if (!err.isSuccess()) {
        r.status = err;
        return r;
    }
    trace.feasibleNodes = feasible.size();
    if (feasible.empty()) {
        r.fitError = true;
        r.status = Status(Code::Unschedulable);
        return r;
    }
    if (feasible.size() == 1) {
        r.suggestedHost = feasible[0]->name;  // nothing to compare: no scoring
        return r;
    }
    // prioritizeNodes
    if (Status s = fwk_.runPreScorePlugins(state, pod, feasible); !s.isSuccess()) {
        r.status = s;
        return r;
    }
    fwk_.runScorePlugins(state, pod, feasible, scores_);
    if (!scores_.status.isSuccess()) {
        r.status = scores_.status;
        return r;
    }
    for (const framework::PluginScores& ps : scores_.plugins) {
        trace.scorePlugins.push_back(fwk_.plugin(ps.plugin).name());
        trace.scoreWeights.push_back(ps.weight);
    }
    const size_t width = std::min(scores_.plugins.size(), kMaxTracedScorePlugins);
    const int64_t* rawOf[kMaxTracedScorePlugins];
    const int64_t* normalizedOf[kMaxTracedScorePlugins];
    for (size_t k = 0; k < width; ++k) {
        rawOf[k] = scores_.plugins[k].raw.data();
        normalizedOf[k] = scores_.plugins[k].normalized.data();
    }
    trace.rawScores.resize(feasible.size() * width);
    int64_t* rawRow = trace.rawScores.data();
    for (size_t n = 0; n < feasible.size(); ++n, rawRow += width) {
        NodeTrace& nt = trace.nodes[feasibleTrace_[n]];
        nt.scored = true;
        nt.scoreRow = static_cast<uint32_t>(n);
        for (size_t k = 0; k < width; ++k) {
            rawRow[k] = rawOf[k][n];
            nt.normalized[k] = static_cast<uint8_t>(normalizedOf[k][n]);  // 0-100, checked
        }
        nt.total = scores_.totals[n];
    }
    r.suggestedHost = selectHost(feasible, scores_.totals);
    return r;
}

const std::vector<NodeInfo*>& Scheduler::findNodesThatFitPod(CycleState& state, const PodInfo& pod, Diagnosis& d,
                                                            Status& err, SchedulingTrace& trace) {
    feasible_.clear();
    framework::PreFilterOutcome pre = fwk_.runPreFilterPlugins(state, pod);
    for (size_t i = 0; i < fwk_.size(); ++i)
        if (state.skipFilter >> i & 1)
            trace.skippedFilterPlugins.push_back(fwk_.plugin(i).name());
    const framework::Snapshot& snap = cache_.snapshot();
    const std::vector<NodeInfo*>& allNodes = snap.nodeInfoList();
    if (!pre.status.isSuccess()) {
        if (!pre.status.isRejected()) {
            err = pre.status;
            return feasible_;
        }
        // Every node gets the PreFilter's status; the message replaces the per-node histogram.
        d.preFilterMsg = pre.status.message();
        d.addPluginStatus(pre.status);
        trace.preFilterPlugin = std::string(pre.status.plugin());
        d.absentNodesStatus = std::move(pre.status);
        return feasible_;
    }
    // A node nominated by an earlier preemption is likely the only fit: try it first.
    if (!pod.nominatedNodeName.empty()) {
        if (NodeInfo* n = snap.get(pod.nominatedNodeName)) {
            const std::vector<NodeInfo*>& feasible = findNodesThatPassFilters(state, pod, {n}, d, err, trace);
            if (!err.isSuccess())
                err = Status();  // upstream logs and goes on with every node
            else if (!feasible.empty())
                return feasible;
        }
    }
    std::vector<NodeInfo*> narrowed;
    if (pre.result.nodeNames) {
        // Upstream walks a Go map here (random order); the snapshot order keeps runs reproducible.
        for (NodeInfo* n : allNodes)
            if (pre.result.nodeNames->count(n->name))
                narrowed.push_back(n);
        std::string plugins;
        for (size_t i = 0; i < pre.pluginsWithNodes.size(); ++i)
            plugins += (i ? " " : "") + std::string(pre.pluginsWithNodes[i]);
        d.absentNodesStatus = Status::unresolvable("node(s) didn't satisfy plugin(s) [" + plugins + "]");
    }
    const std::vector<NodeInfo*>& nodes = pre.result.nodeNames ? narrowed : allNodes;
    const std::vector<NodeInfo*>& feasible = findNodesThatPassFilters(state, pod, nodes, d, err, trace);
    // The next pod starts where this one stopped, so every node gets its turn.
    size_t processed = feasible.size() + d.nodeToStatus.size();
    nextStartNodeIndex_ = (nextStartNodeIndex_ + processed) % allNodes.size();
    return feasible;
}

const std::vector<NodeInfo*>& Scheduler::findNodesThatPassFilters(CycleState& state, const PodInfo& pod,
                                                                 const std::vector<NodeInfo*>& nodes, Diagnosis& d,
                                                                 Status& err, SchedulingTrace& trace) {
    // feasible_ is the scheduler's, kept between attempts: hundreds of nodes, not reallocated.
    std::vector<NodeInfo*>& feasible = feasible_;
    feasible.clear();
    feasibleTrace_.clear();
    size_t numAll = nodes.size();
    if (numAll == 0)
        return feasible;
    size_t numToFind = numFeasibleNodesToFind(numAll);
    trace.numNodesToFind = numToFind;
    trace.startIndex = nextStartNodeIndex_ % numAll;
    feasible.reserve(std::min(numToFind, numAll));
    for (size_t i = 0; i < numAll; ++i) {
        NodeInfo* n = nodes[(nextStartNodeIndex_ + i) % numAll];
        Status s = runFilterPluginsWithNominatedPods(state, pod, *n);
        NodeTrace& nt = nextNodeTrace(trace);
        nt.node = n->name;
        if (s.isSuccess()) {
            feasible.push_back(n);
            feasibleTrace_.push_back(traceNodesUsed_ - 1);
            if (feasible.size() >= numToFind)
                break;  // enough feasible nodes: percentageOfNodesToScore
            continue;
        }
        nt.filterPlugin = s.plugin();
        nt.filterCode = framework::codeName(s.code());
        nt.reason = s.message();
        if (s.code() == Code::Error) {
            err = s;
            feasible.clear();
            return feasible;
        }
        d.addPluginStatus(s);
        d.nodeToStatus[n->name] = std::move(s);
    }
    return feasible;
}

Status Scheduler::runFilterPluginsWithNominatedPods(const CycleState& state, const PodInfo& pod,
                                                    const NodeInfo& node) const {
    // Upstream: runtime/framework.go#RunFilterPluginsWithNominatedPods. Pods nominated to this
    // node with at least this pod's priority count as if running (first pass); a pod that passes
    // must also pass without them (second pass), so affinity to them cannot be the reason it fits.
    if (!schedQueue_.hasNominatedPods())
        return fwk_.runFilterPlugins(state, pod, node);
    std::vector<const PodInfo*> nominated;
    for (const PodInfo* np : schedQueue_.nominatedPodsForNode(node.name))
        if (np->priority >= pod.priority && np->uid != pod.uid)
            nominated.push_back(np);
    if (nominated.empty())
        return fwk_.runFilterPlugins(state, pod, node);
    NodeInfo withNominated = node;
    CycleState stateWithNominated = state.clone();
    for (const PodInfo* np : nominated) {
        auto copy = std::make_shared<PodInfo>(*np);
        copy->nodeName = node.name;
        withNominated.addPod(copy);
        fwk_.runPreFilterExtensionAddPod(stateWithNominated, pod, *copy, withNominated);
    }
    Status s = fwk_.runFilterPlugins(stateWithNominated, pod, withNominated);
    if (!s.isSuccess())
        return s;
    return fwk_.runFilterPlugins(state, pod, node);
}

std::string Scheduler::selectHost(const std::vector<NodeInfo*>& nodes, const std::vector<int64_t>& totals) {
    // Upstream: schedule_one.go#selectHost: the highest total wins; among equal totals each
    // node is equally likely (reservoir sampling, one draw per extra tied node).
    int64_t best = *std::max_element(totals.begin(), totals.end());
    size_t selected = 0, count = 0;
    for (size_t i = 0; i < nodes.size(); ++i) {
        if (totals[i] != best)
            continue;
        ++count;
        if (count == 1 || rng_.uniform(count) == 0)
            selected = i;
    }
    return nodes[selected]->name;
}

Status Scheduler::bind(const PodInfo& pod, const std::string& node) {
    // DefaultBinder: POST pods/<name>/binding.
    // Built field by field: a braced initializer list copies every value once more (one per pod).
    Json binding = Json::object();
    Json::object_t& b = binding.get_ref<Json::object_t&>();
    b.emplace("apiVersion", "v1");
    b.emplace("kind", "Binding");
    Json meta = Json::object();
    meta.get_ref<Json::object_t&>().emplace("name", pod.name);
    meta.get_ref<Json::object_t&>().emplace("namespace", pod.ns);
    meta.get_ref<Json::object_t&>().emplace("uid", pod.uid);
    b.emplace("metadata", std::move(meta));
    Json target = Json::object();
    target.get_ref<Json::object_t&>().emplace("kind", "Node");
    target.get_ref<Json::object_t&>().emplace("name", node);
    b.emplace("target", std::move(target));
    WriteOptions opts;
    opts.actor = client_.actor();
    opts.fieldManager = client_.actor();
    ApiResponse r = server_.create(pods_, pod.ns, std::move(binding), opts, "binding");
    if (r.ok())
        return {};
    return Status::error("running Bind plugin \"DefaultBinder\": " + r.status.message());
}

void Scheduler::handleSchedulingFailure(QueuedPodInfo& p, const Status& status, const std::set<std::string>& rejectors,
                                        const std::string* nominate, SchedulingTrace& trace) {
    // Upstream: schedule_one.go#handleSchedulingFailure.
    std::shared_ptr<PodInfo> podPtr = p.pod;
    const PodInfo& pod = *podPtr;
    Time now = clock_.now();
    const std::string reason = status.isRejected() ? "Unschedulable" : "SchedulerError";
    const std::string errMsg = status.message();
    trace.result = status.isRejected() ? "Unschedulable" : "Error";
    trace.message = framework::truncateMessage(errMsg);

    ObjectPtr cached = server_.store().get("pods", pod.ns, pod.name);
    if (!cached || !stringAt(*cached, "spec.nodeName").empty())
        schedQueue_.done(pod.key);  // gone, or bound by someone else meanwhile
    else
        schedQueue_.addUnschedulableIfNotPresent(pod.key, rejectors, now);
    if (nominate)
        schedQueue_.setNominatedNode(pod.key, *nominate);

    recorder_.eventV1(*pod.pod, "Warning", "FailedScheduling", "Scheduling", trace.message);
    if (cached)
        updatePodCondition(*cached, reason, errMsg, nominate);
}

void Scheduler::updatePodCondition(const Json& cached, const std::string& reason, const std::string& message,
                                   const std::string* nominate) {
    // Upstream: schedule_one.go#updatePod: PodScheduled=False, and the nomination when it changes.
    // SIMPLIFICATION: a PUT of the status read from the store instead of a strategic merge PATCH;
    // nothing else writes a pending pod's status in between, so the result is the same.
    Json copy = cached;
    bool changed = pod::setCondition(
        copy, Json{{"type", "PodScheduled"}, {"status", "False"}, {"reason", reason}, {"message", message}},
        clock_.now());
    bool nominationChanged = nominate && stringAt(copy, "status.nominatedNodeName") != *nominate;
    if (!changed && !nominationChanged)
        return;
    if (nominationChanged) {
        if (nominate->empty())
            copy["status"].erase("nominatedNodeName");
        else
            copy["status"]["nominatedNodeName"] = *nominate;
    }
    client_.updateStatus(copy);
}

}  // namespace kp::scheduler
