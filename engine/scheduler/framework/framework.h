// Framework: runs the profile's plugins at each extension point in registry order, as
// pkg/scheduler/framework/runtime/framework.go does:
//  - PreFilter: collects Skip (that plugin's Filter is not run), narrows the node list, and
//    stops at the first unresolvable rejection;
//  - Filter: the first plugin that rejects a node decides its status;
//  - PreScore/Score/NormalizeScore: raw scores, normalized per plugin, then multiplied by the
//    plugin weight and summed.
#pragma once
#include <memory>
#include <string_view>
#include <vector>

#include "scheduler/framework/plugin.h"

namespace kp::scheduler::framework {

struct PreFilterOutcome {
    Status status;                                // first rejection (with its plugin) or success
    PreFilterResult result;                       // merged node-name narrowing
    std::vector<std::string_view> pluginsWithNodes;  // plugins that narrowed the list
};

// The scores of one plugin for the scored nodes, in node order.
struct PluginScores {
    size_t plugin = 0;
    int32_t weight = 1;
    std::vector<int64_t> raw;         // Score()
    std::vector<int64_t> normalized;  // after NormalizeScore (= raw when the plugin has none)
};

struct ScoreResult {
    Status status;                     // an Error when a plugin leaves the 0-100 range
    std::vector<PluginScores> plugins; // plugins that did not skip, in registry order
    std::vector<int64_t> totals;       // per node: sum of normalized * weight
};

class Framework {
public:
    struct Entry {
        std::unique_ptr<Plugin> plugin;
        int32_t weight = 0;
    };
    Framework(const Handle& handle, std::vector<Entry> plugins);

    size_t size() const { return plugins_.size(); }
    Plugin& plugin(size_t i) const { return *plugins_[i].plugin; }
    int32_t weight(size_t i) const { return plugins_[i].weight; }
    CycleState newCycleState() const { return CycleState(2 * plugins_.size()); }

    PreFilterOutcome runPreFilterPlugins(CycleState& state, const PodInfo& pod) const;
    // Success, or the first rejecting plugin's status (Error statuses name the plugin in the message).
    Status runFilterPlugins(const CycleState& state, const PodInfo& pod, const NodeInfo& node) const;
    void runPreFilterExtensionAddPod(CycleState& state, const PodInfo& toSchedule, const PodInfo& added,
                                     const NodeInfo& node) const;
    void runPreFilterExtensionRemovePod(CycleState& state, const PodInfo& toSchedule, const PodInfo& removed,
                                        const NodeInfo& node) const;
    Status runPreScorePlugins(CycleState& state, const PodInfo& pod, const std::vector<NodeInfo*>& nodes) const;
    void runScorePlugins(const CycleState& state, const PodInfo& pod, const std::vector<NodeInfo*>& nodes,
                         ScoreResult& out) const;

    // Every plugin's registered events, for the queue (plugin index, event).
    std::vector<std::pair<size_t, ClusterEvent>> eventsToRegister() const;
    // The registry index of a plugin by name (or size()).
    size_t indexOf(std::string_view name) const;

private:
    std::vector<Entry> plugins_;
    uint64_t filterMask_ = 0;  // bit i: plugin i has a Filter (points() never changes)
    mutable std::vector<NodeScore> scoreScratch_;  // runScorePlugins' per-node buffer, reused
};

}  // namespace kp::scheduler::framework
