// SchedulingTrace: the record of one scheduling attempt, for the visualizer's "why" panel (in the
// spirit of kube-scheduler-simulator): which filter plugin rejected each evaluated node and why,
// every score plugin's raw / normalized / weighted score for the scored nodes, and the choice.
// The engine only produces this data; it never draws it.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"

namespace kp::scheduler {

inline constexpr size_t kMaxTracedScorePlugins = 8;

// One evaluated node. Kept to two cache lines: an attempt on a large cluster writes hundreds of
// these into a ring slot last touched 256 attempts ago, and that memory traffic was a tenth of the
// scheduler's time. The raw scores live in SchedulingTrace::rawScores.
struct alignas(64) NodeTrace {
    std::string node;
    // Filter: the plugin that rejected the node ("" = passed every filter) and its reasons.
    std::string_view filterPlugin;
    std::string_view filterCode;  // "Unschedulable", "UnschedulableAndUnresolvable", "Error"
    std::string reason;           // the plugin's reasons joined by ", "
    // Score (only when `scored`): per SchedulingTrace::scorePlugins entry.
    int64_t total = 0;            // sum of normalized * weight
    bool scored = false;
    std::array<uint8_t, kMaxTracedScorePlugins> normalized{};  // 0-100 (a score outside fails the attempt)
    uint32_t scoreRow = 0;        // this node's row of SchedulingTrace::rawScores
};

struct SchedulingTrace {
    uint64_t id = 0;           // attempt number, counting every attempt of this scheduler
    std::string namespace_, name, uid;
    Time time;
    int attempt = 0;           // attempts of this pod, this one included
    // "Scheduled", "Unschedulable", "Error" or "Skipped" (pod being deleted).
    std::string result;
    std::string selectedNode;
    std::string message;       // the event message (Scheduled or FailedScheduling)

    size_t numAllNodes = 0;
    size_t numNodesToFind = 0; // percentageOfNodesToScore: stop after this many feasible nodes
    size_t startIndex = 0;     // round-robin position the search started at
    size_t feasibleNodes = 0;
    std::string preFilterPlugin;  // a PreFilter plugin that rejected the pod outright
    std::vector<std::string_view> skippedFilterPlugins;  // PreFilter said Skip
    std::vector<std::string_view> scorePlugins;          // plugins that scored (PreScore did not skip)
    std::vector<int32_t> scoreWeights;
    std::vector<NodeTrace> nodes;  // evaluated nodes, in evaluation order
    // The scored nodes' raw scores (before NormalizeScore), a row of scorePlugins.size() (at most
    // kMaxTracedScorePlugins) per scored node; raw() reads them.
    std::vector<int64_t> rawScores;
    std::string preemption;        // the PostFilter outcome: its message, or "nominated <node>"

    // A scored node's raw score from the k-th scorePlugins entry.
    int64_t raw(const NodeTrace& n, size_t k) const {
        size_t width = scorePlugins.size() < kMaxTracedScorePlugins ? scorePlugins.size() : kMaxTracedScorePlugins;
        return n.scored && k < width ? rawScores[n.scoreRow * width + k] : 0;
    }
};

}  // namespace kp::scheduler
