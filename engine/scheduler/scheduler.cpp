#include "scheduler/scheduler.h"

#include <algorithm>

#include "scheduler/plugins/registry.h"

namespace kp::scheduler {

Scheduler::Scheduler(ApiServer& server, VirtualClock& clock, Rng& rng, std::string host)
    : server_(server),
      clock_(clock),
      rng_(rng),
      host_(std::move(host)),
      client_(server, "kube-scheduler"),
      recorder_(server, std::string(kName), host_),
      pods_(client_.resource("pods")),
      handle_(cache_, server.store()),
      fwk_(handle_, plugins::newDefaultPlugins()),
      schedQueue_(fwk_, clock.now()) {}

Scheduler::~Scheduler() { *alive_ = false; }

ReconcileResult Scheduler::reconcile(const std::string& key) {
    Time now = clock_.now();
    if (key == kFlushBackoffKey)
        schedQueue_.flushBackoffQCompleted(now);
    else if (key == kFlushUnschedulableKey)
        schedQueue_.flushUnschedulablePodsLeftover(now);
    // Upstream runs scheduleOne in a loop, each Pop waiting for the activeQ. Nothing else can run
    // while this loop does, so draining the activeQ here is the same sequence of decisions.
    while (QueuedPodInfo* p = schedQueue_.pop(now))
        scheduleOne(*p);
    armTimers();
    return ReconcileResult::done();
}

void Scheduler::armTimer(std::set<int64_t>& pending, std::optional<Time> due, const char* key) {
    // Timers at or before now have fired or are about to; a duplicate key is harmless.
    pending.erase(pending.begin(), pending.upper_bound(clock_.now().ms));
    if (!due)
        return;
    if (!pending.empty() && *pending.begin() <= due->ms)
        return;
    pending.insert(due->ms);
    std::weak_ptr<bool> alive = alive_;
    clock_.schedule(*due, [this, alive, key] {
        if (auto a = alive.lock(); a && *a)
            queue().add(key);
    });
}

void Scheduler::armTimers() {
    armTimer(backoffTimers_, schedQueue_.nextBackoffFlush(), kFlushBackoffKey);
    armTimer(leftoverTimers_, schedQueue_.nextUnschedulableFlush(), kFlushUnschedulableKey);
}

// [SECTION] traces

SchedulingTrace& Scheduler::beginTrace(const QueuedPodInfo& p) {
    SchedulingTrace* slot;
    if (traceRing_.size() < traceCapacity_) {
        slot = &traceRing_.emplace_back();
    } else {
        slot = &traceRing_[traceNext_];  // the oldest
        traceNext_ = (traceNext_ + 1) % traceCapacity_;
    }
    SchedulingTrace& t = *slot;
    // Reuse the vectors' storage: large clusters trace hundreds of nodes per attempt.
    t.id = ++traceSeq_;
    t.namespace_ = p.pod->ns;
    t.name = p.pod->name;
    t.uid = p.pod->uid;
    t.time = clock_.now();
    t.attempt = p.attempts;
    t.result.clear();
    t.selectedNode.clear();
    t.message.clear();
    t.numAllNodes = t.numNodesToFind = t.startIndex = t.feasibleNodes = 0;
    t.preFilterPlugin.clear();
    t.skippedFilterPlugins.clear();
    t.scorePlugins.clear();
    t.scoreWeights.clear();
    t.rawScores.clear();
    // t.nodes keeps its entries: nextNodeTrace overwrites them in place, and scheduleOne trims
    // the rest. Hundreds of entries per attempt, so not destroying and rebuilding them matters.
    traceNodesUsed_ = 0;
    t.preemption.clear();
    return t;
}

NodeTrace& Scheduler::nextNodeTrace(SchedulingTrace& trace) {
    if (traceNodesUsed_ == trace.nodes.size()) {
        ++traceNodesUsed_;
        return trace.nodes.emplace_back();
    }
    NodeTrace& nt = trace.nodes[traceNodesUsed_++];
    nt.filterPlugin = {};
    nt.filterCode = {};
    nt.reason.clear();
    nt.total = 0;
    nt.scored = false;
    nt.normalized.fill(0);
    nt.scoreRow = 0;
    return nt;
}

const SchedulingTrace* Scheduler::lastTrace(std::string_view ns, std::string_view name) const {
    const SchedulingTrace* best = nullptr;
    for (const SchedulingTrace& t : traceRing_)
        if (t.namespace_ == ns && t.name == name && (!best || t.id > best->id))
            best = &t;
    return best;
}

std::vector<const SchedulingTrace*> Scheduler::traces() const {
    std::vector<const SchedulingTrace*> out;
    for (const SchedulingTrace& t : traceRing_)
        if (t.id != 0)
            out.push_back(&t);
    std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->id < b->id; });
    return out;
}

void Scheduler::setTraceCapacity(size_t n) {
    std::vector<const SchedulingTrace*> keep = traces();
    if (keep.size() > n)
        keep.erase(keep.begin(), keep.end() - static_cast<long>(n));
    std::vector<SchedulingTrace> ring;
    for (const SchedulingTrace* t : keep)
        ring.push_back(*t);
    traceRing_ = std::move(ring);
    traceCapacity_ = std::max<size_t>(n, 1);
    traceNext_ = 0;  // the ring is oldest-first now
}

}  // namespace kp::scheduler
