// Plugin: one scheduling rule (NodeResourcesFit, TaintToleration, ...) with the extension points
// it implements. Plugins are small and stateless between cycles; per-attempt data lives in the
// CycleState under the plugin's slots. Each plugin also says which cluster events may make a pod
// it rejected schedulable again (EnqueueExtensions + QueueingHint).
// Upstream: pkg/scheduler/framework/interface.go.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "scheduler/framework/cycle_state.h"
#include "scheduler/framework/snapshot.h"
#include "scheduler/framework/status.h"
#include "store/object_store.h"

namespace kp::scheduler::framework {

inline constexpr int64_t kMaxNodeScore = 100;
inline constexpr int64_t kMinNodeScore = 0;

// What a plugin may read besides the pod and node it is asked about.
class Handle {
public:
    virtual ~Handle() = default;
    virtual const Snapshot& snapshot() const = 0;
    // Services, ReplicaSets, Namespaces ... (read-only; listers in upstream).
    virtual const ObjectStore& store() const = 0;
};

// Extension points, as bits of Plugin::points().
enum Point : unsigned {
    kPreFilter = 1u << 0,
    kFilter = 1u << 1,
    kPreScore = 1u << 2,
    kScore = 1u << 3,
    kNormalizeScore = 1u << 4,
};

// PreFilterResult: nullopt = every node; otherwise only these nodes are worth filtering.
struct PreFilterResult {
    std::optional<std::set<std::string>> nodeNames;
};

struct NodeScore {
    const NodeInfo* node = nullptr;
    int64_t score = 0;
};

// Cluster events (framework.ClusterEvent): a resource and a set of action bits.
enum class EventResource { Pod, AssignedPod, UnscheduledPod, Node };
enum ActionType : unsigned {
    kAdd = 1u << 0,
    kDelete = 1u << 1,
    kUpdateNodeAllocatable = 1u << 2,
    kUpdateNodeLabel = 1u << 3,
    kUpdateNodeTaint = 1u << 4,
    kUpdateNodeCondition = 1u << 5,
    kUpdateNodeAnnotation = 1u << 6,
    kUpdatePodLabel = 1u << 7,
    kUpdatePodScaleDown = 1u << 8,
    kUpdatePodToleration = 1u << 9,
    kUpdatePodSchedulingGatesEliminated = 1u << 10,
    kUpdate = kUpdateNodeAllocatable | kUpdateNodeLabel | kUpdateNodeTaint | kUpdateNodeCondition |
              kUpdateNodeAnnotation | kUpdatePodLabel | kUpdatePodScaleDown | kUpdatePodToleration |
              kUpdatePodSchedulingGatesEliminated,
    kAll = kAdd | kDelete | kUpdate,
};

struct ClusterEvent {
    EventResource resource = EventResource::Node;
    unsigned actions = 0;
    // "NodeAdd", "AssignedPodDelete", "NodeTaintChange", ... (the label upstream logs).
    std::string label() const;
};

// What changed, for queueing hints: the node (old object, new parsed node) or the pod.
struct EventObjects {
    ObjectPtr oldNode;                  // node updates: the previous object
    const NodeInfo* node = nullptr;     // node events: the node now (nullptr when deleted)
    const PodInfo* pod = nullptr;       // pod events: the pod (its last state when deleted)
    const PodInfo* oldPod = nullptr;    // pod updates: the previous state
};

enum class QueueingHint { Skip, Queue };

class Plugin {
public:
    virtual ~Plugin() = default;
    virtual std::string_view name() const = 0;
    virtual unsigned points() const = 0;

    virtual Status preFilter(CycleState&, const PodInfo&, PreFilterResult&) { return {}; }
    virtual Status filter(const CycleState&, const PodInfo&, const NodeInfo&) const { return {}; }
    // PreFilterExtensions: keep the PreFilter state right when the preemption dry run adds or
    // removes a pod on a node.
    virtual void addPod(CycleState&, const PodInfo& /*toSchedule*/, const PodInfo& /*added*/,
                        const NodeInfo&) const {}
    virtual void removePod(CycleState&, const PodInfo& /*toSchedule*/, const PodInfo& /*removed*/,
                           const NodeInfo&) const {}
    virtual Status preScore(CycleState&, const PodInfo&, const std::vector<NodeInfo*>& /*feasible*/) { return {}; }
    virtual int64_t score(const CycleState&, const PodInfo&, const NodeInfo&) const { return 0; }
    virtual void normalizeScore(const CycleState&, const PodInfo&, std::vector<NodeScore>&) const {}

    // Events that may make a pod this plugin rejected schedulable (EventsToRegister).
    virtual std::vector<ClusterEvent> eventsToRegister() const { return {}; }
    // Whether this event (already matched against eventsToRegister) is worth a retry of `pod`.
    virtual QueueingHint queueingHint(const ClusterEvent&, const PodInfo& /*pod*/, const EventObjects&) const {
        return QueueingHint::Queue;
    }

    // Set by the framework: the registry index (state slots 2*index and 2*index+1).
    void bind(size_t index, const Handle* handle) {
        index_ = index;
        handle_ = handle;
    }
    size_t index() const { return index_; }

protected:
    size_t preFilterSlot() const { return 2 * index_; }
    size_t preScoreSlot() const { return 2 * index_ + 1; }
    const Handle& handle() const { return *handle_; }

private:
    size_t index_ = 0;
    const Handle* handle_ = nullptr;
};

}  // namespace kp::scheduler::framework
