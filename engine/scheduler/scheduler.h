// kube-scheduler's default-scheduler: watches pods and nodes, and binds every pending pod that
// names it (spec.schedulerName "default-scheduler", no spec.nodeName, not being deleted) to a
// node chosen by the default 1.32 profile, one pod at a time:
//
//   pop (SchedulingQueue) -> PreFilter/Filter nodes (round-robin start, percentageOfNodesToScore)
//   -> PreScore/Score/normalize/weights -> pick the best (random among ties) -> assume in the
//   Cache -> POST pods/binding -> Event "Scheduled"
//
// A pod that fits nowhere gets a FailedScheduling event and a PodScheduled=False condition with
// the upstream message, preemption is tried (evicting lower-priority pods, then nominating the
// node), and the pod waits in the queue for a cluster event or its back-off.
// Every attempt leaves a SchedulingTrace (per-node filter reasons and scores) for the visualizer.
//
// How it maps onto kubeplay's controller contract:
//  - onEvent() is the informer event handlers: it updates the Cache and the SchedulingQueue (memory
//    only) and queues the key "schedule" when pods became active;
//  - reconcile() drains the activeQ: every API write (binding, events, status, preemption
//    deletes) happens here;
//  - the queue's periodic flushes become timers that only queue the keys "flushBackoffQ" and
//    "flushUnschedulablePodsLeftover", so a stopped kube-scheduler freezes with its queue intact.
// SIMPLIFICATION: binding is synchronous (no goroutine per binding cycle), so a pod is never
// "in flight" while events arrive, and there are no Reserve/Permit plugins.
// Upstream: pkg/scheduler/{scheduler.go, schedule_one.go, eventhandlers.go}.
#pragma once
#include <deque>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "apiserver/api_server.h"
#include "base/clock.h"
#include "base/rng.h"
#include "client/client.h"
#include "client/event_recorder.h"
#include "controller/controller.h"
#include "scheduler/cache.h"
#include "scheduler/framework/diagnosis.h"
#include "scheduler/framework/framework.h"
#include "scheduler/scheduling_queue.h"
#include "scheduler/trace.h"

namespace kp::scheduler {

class Scheduler final : public Controller {
public:
    static constexpr std::string_view kName = "default-scheduler";
    static constexpr const char* kScheduleKey = "schedule";
    static constexpr const char* kFlushBackoffKey = "flushBackoffQ";
    static constexpr const char* kFlushUnschedulableKey = "flushUnschedulablePodsLeftover";
    static constexpr size_t kDefaultTraceCapacity = 256;

    // host: the node the scheduler runs on, for its events' reportingInstance
    // ("default-scheduler-minikube").
    Scheduler(ApiServer& server, VirtualClock& clock, Rng& rng, std::string host = "minikube");
    ~Scheduler() override;

    std::string_view name() const override { return kName; }
    std::vector<std::string> watches() const override { return {"pods", "nodes"}; }
    void onEvent(const WatchEvent& event) override;
    ReconcileResult reconcile(const std::string& key) override;

    // The latest attempt for a pod (nullptr when none is kept). Valid until the next attempt.
    const SchedulingTrace* lastTrace(std::string_view ns, std::string_view name) const;
    // The kept attempts, oldest first (at most traceCapacity()).
    std::vector<const SchedulingTrace*> traces() const;
    size_t traceCapacity() const { return traceCapacity_; }
    void setTraceCapacity(size_t n);

    const SchedulingQueue& schedulingQueue() const { return schedQueue_; }
    const Cache& cache() const { return cache_; }
    const framework::Framework& framework() const { return fwk_; }

private:
    class HandleImpl final : public framework::Handle {
    public:
        HandleImpl(const Cache& cache, const ObjectStore& store) : cache_(cache), store_(store) {}
        const framework::Snapshot& snapshot() const override { return cache_.snapshot(); }
        const ObjectStore& store() const override { return store_; }

    private:
        const Cache& cache_;
        const ObjectStore& store_;
    };

    struct ScheduleResult {
        framework::Status status;       // success, a rejection (FitError) or an error
        std::string suggestedHost;
        framework::Diagnosis diagnosis; // set for a FitError
        bool fitError = false;
        size_t numAllNodes = 0;
    };

    // eventhandlers.cpp
    void onPodEvent(const WatchEvent& event);
    void onNodeEvent(const WatchEvent& event);
    void addUnscheduledPod(ObjectPtr obj);
    void updateUnscheduledPod(ObjectPtr obj);
    void onAssignedPod(ObjectPtr obj);
    void onPodGone(const ObjectPtr& obj);

    // schedule_one.cpp
    void scheduleOne(QueuedPodInfo& p);
    ScheduleResult schedulePod(framework::CycleState& state, const framework::PodInfo& pod, SchedulingTrace& trace);
    // Both return feasible_ (valid until the next call).
    const std::vector<framework::NodeInfo*>& findNodesThatFitPod(framework::CycleState& state,
                                                                const framework::PodInfo& pod,
                                                                framework::Diagnosis& d, framework::Status& err,
                                                                SchedulingTrace& trace);
    const std::vector<framework::NodeInfo*>& findNodesThatPassFilters(framework::CycleState& state,
                                                                     const framework::PodInfo& pod,
                                                                     const std::vector<framework::NodeInfo*>& nodes,
                                                                     framework::Diagnosis& d, framework::Status& err,
                                                                     SchedulingTrace& trace);
    framework::Status runFilterPluginsWithNominatedPods(const framework::CycleState& state,
                                                        const framework::PodInfo& pod,
                                                        const framework::NodeInfo& node) const;
    std::string selectHost(const std::vector<framework::NodeInfo*>& nodes, const std::vector<int64_t>& totals);
    framework::Status bind(const framework::PodInfo& pod, const std::string& node);
    void handleSchedulingFailure(QueuedPodInfo& p, const framework::Status& status,
                                 const std::set<std::string>& rejectors, const std::string* nominate,
                                 SchedulingTrace& trace);
    void updatePodCondition(const Json& cachedPod, const std::string& reason, const std::string& message,
                            const std::string* nominate);

    // preemption.cpp (PostFilter: DefaultPreemption)
    struct PostFilterResult {
        framework::Status status;
        std::optional<std::string> nominatedNode;  // set: override status.nominatedNodeName ("" clears)
    };
    PostFilterResult preempt(const framework::CycleState& state, const framework::PodInfo& pod,
                             const framework::Diagnosis& d);

    // scheduler.cpp
    SchedulingTrace& beginTrace(const QueuedPodInfo& p);
    // The next NodeTrace of the attempt: an entry the slot's previous attempt left, reset, or a
    // new one. scheduleOne trims what is left over when the attempt ends.
    NodeTrace& nextNodeTrace(SchedulingTrace& trace);
    void armTimers();
    void armTimer(std::set<int64_t>& pending, std::optional<Time> due, const char* key);

    ApiServer& server_;
    VirtualClock& clock_;
    Rng& rng_;
    std::string host_;
    Client client_;
    EventRecorder recorder_;
    const ResourceInfo& pods_;
    Cache cache_;
    HandleImpl handle_;
    framework::Framework fwk_;
    SchedulingQueue schedQueue_;
    size_t nextStartNodeIndex_ = 0;

    std::vector<SchedulingTrace> traceRing_;
    size_t traceCapacity_ = kDefaultTraceCapacity;
    size_t traceNext_ = 0;
    uint64_t traceSeq_ = 0;

    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // guards timer callbacks
    std::set<int64_t> backoffTimers_, leftoverTimers_;
    framework::ScoreResult scores_;     // reused between cycles
    std::vector<framework::NodeInfo*> feasible_;  // the attempt's feasible nodes, reused between cycles
    std::vector<size_t> feasibleTrace_;  // trace.nodes index of each feasible node
    size_t traceNodesUsed_ = 0;          // trace.nodes entries written by the current attempt
};

}  // namespace kp::scheduler
