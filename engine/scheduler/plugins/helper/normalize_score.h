// Score normalization shared by plugins. Upstream: framework/plugins/helper/normalize_score.go.
#pragma once
#include <vector>

#include "scheduler/framework/plugin.h"

namespace kp::scheduler::plugins {

// Scales scores so the highest becomes maxPriority (integer arithmetic); with `reverse` the
// highest raw score gets 0 instead. All zero: everyone gets 0 (or maxPriority when reversed).
// Example (reverse, max 100): raw [0, 1, 2] -> [100, 50, 0].
void defaultNormalizeScore(int64_t maxPriority, bool reverse, std::vector<framework::NodeScore>& scores);

}  // namespace kp::scheduler::plugins
