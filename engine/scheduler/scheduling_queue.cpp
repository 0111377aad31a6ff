#include "scheduler/scheduling_queue.h"

namespace kp::scheduler {

using framework::ClusterEvent;
using framework::EventObjects;
using framework::EventResource;
using framework::PodInfo;

SchedulingQueue::SchedulingQueue(const framework::Framework& fwk, Time start)
    : fwk_(fwk), events_(fwk.eventsToRegister()), start_(start) {}

// [SECTION] queues

void SchedulingQueue::push(QueuedPodInfo& p, QueuedPodInfo::Where where) {
    p.where = where;
    const std::string& key = p.pod->key;
    switch (where) {
    case QueuedPodInfo::Where::Active:
        activeQ_.insert({-static_cast<int64_t>(p.pod->priority), p.timestamp.ms, p.seq, key});
        break;
    case QueuedPodInfo::Where::Backoff:
        backoffQ_.insert({backoffExpiry(p).ms, p.seq, key});
        break;
    case QueuedPodInfo::Where::Unschedulable:
        unschedulableByTime_.insert({p.timestamp.ms, key});
        break;
    case QueuedPodInfo::Where::Gated:
    case QueuedPodInfo::Where::InFlight:
        break;
    }
}

void SchedulingQueue::unlink(QueuedPodInfo& p) {
    const std::string& key = p.pod->key;
    switch (p.where) {
    case QueuedPodInfo::Where::Active:
        activeQ_.erase({-static_cast<int64_t>(p.pod->priority), p.timestamp.ms, p.seq, key});
        break;
    case QueuedPodInfo::Where::Backoff:
        backoffQ_.erase({backoffExpiry(p).ms, p.seq, key});
        break;
    case QueuedPodInfo::Where::Unschedulable:
        unschedulableByTime_.erase({p.timestamp.ms, key});
        break;
    case QueuedPodInfo::Where::Gated:
    case QueuedPodInfo::Where::InFlight:
        break;
    }
}

Time SchedulingQueue::backoffExpiry(const QueuedPodInfo& p) const {
    // Upstream: calculateBackoffDuration: 1s, 2s, 4s, 8s, then 10s.
    Duration d{0};
    if (p.attempts > 0) {
        d = kPodInitialBackoff;
        for (int i = 1; i < p.attempts; ++i) {
            if (d > kPodMaxBackoff - d) {
                d = kPodMaxBackoff;
                break;
            }
            d = d + d;
        }
    }
    return p.timestamp + d;
}

bool SchedulingQueue::isBackingOff(const QueuedPodInfo& p, Time now) const {
    return backoffExpiry(p) > now;
}

void SchedulingQueue::requeue(QueuedPodInfo& p, Time now) {
    unlink(p);
    push(p, isBackingOff(p, now) ? QueuedPodInfo::Where::Backoff : QueuedPodInfo::Where::Active);
}

// [SECTION] event side

void SchedulingQueue::nominate(const std::string& key, const std::string& node) {
    if (auto it = nominatedNodeOf_.find(key); it != nominatedNodeOf_.end()) {
        if (it->second == node)
            return;
        auto& keys = nominated_[it->second];
        keys.erase(key);
        if (keys.empty())
            nominated_.erase(it->second);
        nominatedNodeOf_.erase(it);
    }
    if (node.empty())
        return;
    nominated_[node].insert(key);
    nominatedNodeOf_[key] = node;
}

void SchedulingQueue::setNominatedNode(const std::string& key, const std::string& node) {
    auto it = pods_.find(key);
    if (it != pods_.end())
        it->second.pod->nominatedNodeName = node;
    nominate(key, node);
}

void SchedulingQueue::add(std::shared_ptr<PodInfo> pod, Time now) {
    std::string key = pod->key;
    remove(key);
    QueuedPodInfo& p = pods_[key];
    p.pod = std::move(pod);
    p.timestamp = now;
    p.seq = nextSeq_++;
    nominate(key, p.pod->nominatedNodeName);
    // SchedulingGates (PreEnqueue): a gated pod is never tried.
    push(p, p.pod->gated ? QueuedPodInfo::Where::Gated : QueuedPodInfo::Where::Active);
}

namespace {

bool tolerationsChanged(const PodInfo& a, const PodInfo& b) {
    if (a.tolerations.size() != b.tolerations.size())
        return true;
    for (size_t i = 0; i < a.tolerations.size(); ++i) {
        const auto& x = a.tolerations[i];
        const auto& y = b.tolerations[i];
        if (x.key != y.key || x.op != y.op || x.value != y.value || x.effect != y.effect)
            return true;
    }
    return false;
}

bool scaledDown(const PodInfo& before, const PodInfo& after) {
    const auto& a = before.requests;
    const auto& b = after.requests;
    return b.milliCPU < a.milliCPU || b.memory < a.memory || b.ephemeralStorage < a.ephemeralStorage;
}

}  // namespace

void SchedulingQueue::update(const PodInfo& old, std::shared_ptr<PodInfo> pod, Time now) {
    auto it = pods_.find(pod->key);
    if (it == pods_.end())
        return;
    QueuedPodInfo& p = it->second;
    nominate(pod->key, pod->nominatedNodeName);
    if (p.where == QueuedPodInfo::Where::Gated) {
        p.pod = std::move(pod);
        if (!p.pod->gated)
            push(p, QueuedPodInfo::Where::Active);  // gates removed (UpdatePodSchedulingGatesEliminated)
        return;
    }
    if (p.where != QueuedPodInfo::Where::Unschedulable) {
        unlink(p);
        p.pod = std::move(pod);
        push(p, p.where);
        return;
    }
    p.pod = std::move(pod);
    // Upstream: Update with QueueingHints: PodSchedulingPropertiesChange of the pending pod itself.
    // SIMPLIFICATION: only label, toleration and scale-down changes are told apart; upstream's
    // generic "UnscheduledPodUpdate" event has no plugin registered for it in the default profile.
    std::vector<unsigned> actions;
    if (old.labels != p.pod->labels)
        actions.push_back(framework::kUpdatePodLabel);
    if (scaledDown(old, *p.pod))
        actions.push_back(framework::kUpdatePodScaleDown);
    if (tolerationsChanged(old, *p.pod))
        actions.push_back(framework::kUpdatePodToleration);
    for (unsigned a : actions) {
        ClusterEvent event{EventResource::UnscheduledPod, a};
        EventObjects objs;
        objs.pod = p.pod.get();
        objs.oldPod = &old;
        if (worthRequeuing(p, event, objs)) {
            requeue(p, now);
            return;
        }
    }
}

void SchedulingQueue::remove(const std::string& key) {
    auto it = pods_.find(key);
    if (it == pods_.end())
        return;
    unlink(it->second);
    nominate(key, "");
    pods_.erase(it);
}

bool SchedulingQueue::worthRequeuing(const QueuedPodInfo& p, const ClusterEvent& event,
                                     const EventObjects& objs) const {
    // Upstream: isPodWorthRequeuing.
    if (p.unschedulablePlugins.empty())
        return true;
    for (const auto& [index, registered] : events_) {
        bool resourceMatches = registered.resource == event.resource ||
                               (registered.resource == EventResource::Pod &&
                                (event.resource == EventResource::AssignedPod ||
                                 event.resource == EventResource::UnscheduledPod));
        if (!resourceMatches || (registered.actions & event.actions) == 0)
            continue;
        const framework::Plugin& pl = fwk_.plugin(index);
        if (p.unschedulablePlugins.count(std::string(pl.name())) == 0)
            continue;
        if (pl.queueingHint(event, *p.pod, objs) == framework::QueueingHint::Queue)
            return true;
    }
    return false;
}

void SchedulingQueue::moveAllToActiveOrBackoffQueue(const ClusterEvent& event, const EventObjects& objs, Time now,
                                                    const std::function<bool(const QueuedPodInfo&)>& candidates) {
    if (unschedulableByTime_.empty())
        return;
    std::vector<QueuedPodInfo*> toMove;
    for (const auto& [ts, key] : unschedulableByTime_) {
        QueuedPodInfo& p = pods_.at(key);
        if (candidates && !candidates(p))
            continue;
        if (worthRequeuing(p, event, objs))
            toMove.push_back(&p);
    }
    for (QueuedPodInfo* p : toMove)
        requeue(*p, now);
}

void SchedulingQueue::assignedPodAdded(const PodInfo& pod, Time now) {
    // Upstream: getUnschedulablePodsWithCrossTopologyTerm.
    static const labels::Set kNone;
    auto crossTopology = [&pod](const QueuedPodInfo& p) {
        if (p.unschedulablePlugins.count("PodTopologySpread") && p.pod->ns == pod.ns)
            return true;
        for (const framework::AffinityTerm& t : p.pod->requiredAffinityTerms)
            if (t.matches(pod.ns, pod.labels, kNone))
                return true;
        return false;
    };
    EventObjects objs;
    objs.pod = &pod;
    moveAllToActiveOrBackoffQueue({EventResource::AssignedPod, framework::kAdd}, objs, now, crossTopology);
}

void SchedulingQueue::assignedPodUpdated(const PodInfo& oldPod, const PodInfo& pod, Time now) {
    if (oldPod.labels == pod.labels)
        return;
    static const labels::Set kNone;
    auto crossTopology = [&pod](const QueuedPodInfo& p) {
        if (p.unschedulablePlugins.count("PodTopologySpread") && p.pod->ns == pod.ns)
            return true;
        for (const framework::AffinityTerm& t : p.pod->requiredAffinityTerms)
            if (t.matches(pod.ns, pod.labels, kNone))
                return true;
        return false;
    };
    EventObjects objs;
    objs.pod = &pod;
    objs.oldPod = &oldPod;
    moveAllToActiveOrBackoffQueue({EventResource::AssignedPod, framework::kUpdatePodLabel}, objs, now, crossTopology);
}

// [SECTION] scheduling side

QueuedPodInfo* SchedulingQueue::pop(Time now) {
    if (activeQ_.empty())
        return nullptr;
    const std::string key = std::get<3>(*activeQ_.begin());
    QueuedPodInfo& p = pods_.at(key);
    unlink(p);
    p.where = QueuedPodInfo::Where::InFlight;
    if (p.attempts == 0)
        p.initialAttemptTimestamp = now;
    ++p.attempts;
    return &p;
}

void SchedulingQueue::done(const std::string& key) { remove(key); }

void SchedulingQueue::addUnschedulableIfNotPresent(const std::string& key, std::set<std::string> rejectors, Time now) {
    auto it = pods_.find(key);
    if (it == pods_.end() || it->second.where != QueuedPodInfo::Where::InFlight)
        return;
    QueuedPodInfo& p = it->second;
    p.timestamp = now;
    p.seq = nextSeq_++;
    p.unschedulablePlugins = std::move(rejectors);
    if (p.unschedulablePlugins.empty()) {
        // Not rejected by any plugin (an error): retry after the back-off.
        push(p, isBackingOff(p, now) ? QueuedPodInfo::Where::Backoff : QueuedPodInfo::Where::Active);
        return;
    }
    push(p, QueuedPodInfo::Where::Unschedulable);
}

void SchedulingQueue::flushBackoffQCompleted(Time now) {
    while (!backoffQ_.empty() && std::get<0>(*backoffQ_.begin()) <= now.ms) {
        QueuedPodInfo& p = pods_.at(std::get<2>(*backoffQ_.begin()));
        unlink(p);
        push(p, QueuedPodInfo::Where::Active);
    }
}

void SchedulingQueue::flushUnschedulablePodsLeftover(Time now) {
    std::vector<QueuedPodInfo*> toMove;
    for (const auto& [ts, key] : unschedulableByTime_) {
        if (now - Time{ts} <= kPodMaxInUnschedulablePodsDuration)
            break;  // ordered by time: the rest are younger
        toMove.push_back(&pods_.at(key));
    }
    for (QueuedPodInfo* p : toMove)
        requeue(*p, now);
}

Time SchedulingQueue::tickAtOrAfter(Time t, Duration period) const {
    if (t <= start_)
        return start_;
    int64_t k = (t.ms - start_.ms + period.ms - 1) / period.ms;
    return start_ + Duration{k * period.ms};
}

std::optional<Time> SchedulingQueue::nextBackoffFlush() const {
    if (backoffQ_.empty())
        return std::nullopt;
    return tickAtOrAfter(Time{std::get<0>(*backoffQ_.begin())}, kBackoffFlushPeriod);
}

std::optional<Time> SchedulingQueue::nextUnschedulableFlush() const {
    if (unschedulableByTime_.empty())
        return std::nullopt;
    // The first tick strictly more than 5 minutes after the oldest rejection.
    Time due = Time{unschedulableByTime_.begin()->first} + kPodMaxInUnschedulablePodsDuration + Duration{1};
    return tickAtOrAfter(due, kUnschedulableFlushPeriod);
}

const QueuedPodInfo* SchedulingQueue::find(const std::string& key) const {
    auto it = pods_.find(key);
    return it == pods_.end() ? nullptr : &it->second;
}

size_t SchedulingQueue::unschedulableCount() const { return unschedulableByTime_.size(); }

std::vector<const PodInfo*> SchedulingQueue::nominatedPodsForNode(const std::string& node) const {
    std::vector<const PodInfo*> out;
    auto it = nominated_.find(node);
    if (it == nominated_.end())
        return out;
    for (const std::string& key : it->second)
        if (auto p = pods_.find(key); p != pods_.end())
            out.push_back(p->second.pod.get());
    return out;
}

}  // namespace kp::scheduler
