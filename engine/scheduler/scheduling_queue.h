// SchedulingQueue: where pending pods wait (upstream PriorityQueue).
//  - activeQ: pods ready to be tried, highest spec.priority first, then the oldest queueing time
//    (PrioritySort), then arrival order;
//  - backoffQ: pods that failed recently; a pod waits 1 s after its first failed attempt, doubling
//    per attempt up to 10 s (podInitialBackoffSeconds / podMaxBackoffSeconds);
//  - unschedulablePods: pods rejected by plugins. They move out when a cluster event one of the
//    rejecting plugins cares about says so (QueueingHints, on by default in 1.32), or after 5
//    minutes in any case (podMaxInUnschedulablePodsDuration);
//  - gated pods (spec.schedulingGates) wait until their gates are removed.
// Upstream flushes the backoffQ every second and the unschedulable leftovers every 30 s from
// scheduler start; here the same instants are computed and the scheduler arms a timer only for
// the next one that matters (so an idle cluster has no ticking timers).
// SIMPLIFICATION: the plugins' queueing hints follow upstream's decisions (fits the new node,
// deleted pod held the port, topology key appeared ...) in fewer cases of detail; when unsure
// they answer Queue, which costs one extra attempt and never strands a pod.
// Upstream: pkg/scheduler/backend/queue/scheduling_queue.go.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "base/time.h"
#include "scheduler/framework/framework.h"

namespace kp::scheduler {

inline constexpr Duration kPodInitialBackoff = Duration::seconds(1);
inline constexpr Duration kPodMaxBackoff = Duration::seconds(10);
inline constexpr Duration kPodMaxInUnschedulablePodsDuration = Duration::minutes(5);
inline constexpr Duration kBackoffFlushPeriod = Duration::seconds(1);
inline constexpr Duration kUnschedulableFlushPeriod = Duration::seconds(30);

struct QueuedPodInfo {
    std::shared_ptr<framework::PodInfo> pod;
    Time timestamp;                 // when it was (re)queued: ordering, back-off base, 5-minute clock
    uint64_t seq = 0;               // tie-break for equal timestamps: arrival order
    Time initialAttemptTimestamp;
    int attempts = 0;               // scheduling attempts so far
    std::set<std::string> unschedulablePlugins;  // plugins that rejected it last time
    enum class Where { Active, Backoff, Unschedulable, Gated, InFlight } where = Where::Active;
};

class SchedulingQueue {
public:
    SchedulingQueue(const framework::Framework& fwk, Time start);

    // Event side.
    void add(std::shared_ptr<framework::PodInfo> pod, Time now);
    // A new version of a pending pod. `old` is its previous state (labels, tolerations, gates).
    void update(const framework::PodInfo& old, std::shared_ptr<framework::PodInfo> pod, Time now);
    void remove(const std::string& key);
    // Re-evaluates unschedulable pods against a cluster event (MoveAllToActiveOrBackoffQueue).
    // `candidates` limits the pods looked at (nullptr = all).
    void moveAllToActiveOrBackoffQueue(const framework::ClusterEvent& event, const framework::EventObjects& objs,
                                       Time now, const std::function<bool(const QueuedPodInfo&)>& candidates = {});
    // An assigned pod appeared / changed labels: only pods with a cross-topology term
    // (PodTopologySpread rejections in the namespace, or required affinity terms matching it).
    void assignedPodAdded(const framework::PodInfo& pod, Time now);
    void assignedPodUpdated(const framework::PodInfo& oldPod, const framework::PodInfo& pod, Time now);

    // Scheduling side.
    // The next pod to try (moves to InFlight, attempts + 1), or nullptr.
    QueuedPodInfo* pop(Time now);
    // Scheduling succeeded (or the pod is gone): forget it.
    void done(const std::string& key);
    // Scheduling failed: to unschedulablePods when plugins rejected it, to backoffQ after an error.
    void addUnschedulableIfNotPresent(const std::string& key, std::set<std::string> rejectors, Time now);
    void flushBackoffQCompleted(Time now);
    void flushUnschedulablePodsLeftover(Time now);

    // The next instants at which a flush would move something (on the upstream tickers' grid).
    std::optional<Time> nextBackoffFlush() const;
    std::optional<Time> nextUnschedulableFlush() const;
    Time backoffExpiry(const QueuedPodInfo& p) const;

    bool hasActive() const { return !activeQ_.empty(); }
    const QueuedPodInfo* find(const std::string& key) const;
    size_t activeCount() const { return activeQ_.size(); }
    size_t backoffCount() const { return backoffQ_.size(); }
    size_t unschedulableCount() const;
    // Pending pods nominated to a node by preemption (status.nominatedNodeName), by key order.
    std::vector<const framework::PodInfo*> nominatedPodsForNode(const std::string& node) const;
    bool hasNominatedPods() const { return !nominated_.empty(); }
    // Records a nomination made by this scheduler before the status write is seen.
    void setNominatedNode(const std::string& key, const std::string& node);

private:
    using ActiveKey = std::tuple<int64_t, int64_t, uint64_t, std::string>;  // -priority, time, seq, key
    using BackoffKey = std::tuple<int64_t, uint64_t, std::string>;          // expiry, seq, key

    void push(QueuedPodInfo& p, QueuedPodInfo::Where where);
    void unlink(QueuedPodInfo& p);
    bool isBackingOff(const QueuedPodInfo& p, Time now) const;
    // Upstream: requeuePodViaQueueingHint with queueAfterBackoff.
    void requeue(QueuedPodInfo& p, Time now);
    bool worthRequeuing(const QueuedPodInfo& p, const framework::ClusterEvent& event,
                        const framework::EventObjects& objs) const;
    Time tickAtOrAfter(Time t, Duration period) const;

    const framework::Framework& fwk_;
    std::vector<std::pair<size_t, framework::ClusterEvent>> events_;  // registered by plugins
    Time start_;
    uint64_t nextSeq_ = 1;
    std::map<std::string, QueuedPodInfo> pods_;  // every pending pod by key
    std::set<ActiveKey> activeQ_;
    std::set<BackoffKey> backoffQ_;
    std::set<std::pair<int64_t, std::string>> unschedulableByTime_;  // (timestamp, key)
    std::map<std::string, std::set<std::string>> nominated_;        // node -> pod keys
    std::map<std::string, std::string> nominatedNodeOf_;           // pod key -> node

    void nominate(const std::string& key, const std::string& node);
};

}  // namespace kp::scheduler
