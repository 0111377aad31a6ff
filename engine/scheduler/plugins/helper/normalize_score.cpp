#include "scheduler/plugins/helper/normalize_score.h"

namespace kp::scheduler::plugins {

void defaultNormalizeScore(int64_t maxPriority, bool reverse, std::vector<framework::NodeScore>& scores) {
    int64_t maxCount = 0;
    for (const auto& s : scores)
        if (s.score > maxCount)
            maxCount = s.score;
    if (maxCount == 0) {
        if (reverse)
            for (auto& s : scores)
                s.score = maxPriority;
        return;
    }
    for (auto& s : scores) {
        int64_t v = maxPriority * s.score / maxCount;
        s.score = reverse ? maxPriority - v : v;
    }
}

}  // namespace kp::scheduler::plugins
