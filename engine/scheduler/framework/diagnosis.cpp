#include "scheduler/framework/diagnosis.h"

#include <algorithm>
#include <vector>

namespace kp::scheduler::framework {

const Status* Diagnosis::statusOf(const std::string& node) const {
    if (auto it = nodeToStatus.find(node); it != nodeToStatus.end())
        return &it->second;
    return absentNodesStatus ? &*absentNodesStatus : nullptr;
}

std::string fitErrorMessage(size_t numAllNodes, const Diagnosis& d) {
    std::string msg = "0/" + std::to_string(numAllNodes) + " nodes are available:";
    if (!d.preFilterMsg.empty()) {
        msg += " " + d.preFilterMsg + ".";
    } else {
        std::map<std::string, size_t> reasons;
        for (const auto& [node, status] : d.nodeToStatus)
            for (const std::string& r : status.reasons())
                ++reasons[r];
        if (d.nodeToStatus.size() < numAllNodes && d.absentNodesStatus)
            for (const std::string& r : d.absentNodesStatus->reasons())
                reasons[r] += numAllNodes - d.nodeToStatus.size();
        std::vector<std::string> histogram;
        for (const auto& [reason, count] : reasons)
            histogram.push_back(std::to_string(count) + " " + reason);
        std::sort(histogram.begin(), histogram.end());
        if (!histogram.empty()) {
            msg += " ";
            for (size_t i = 0; i < histogram.size(); ++i)
                msg += (i ? ", " : "") + histogram[i];
            msg += ".";
        }
    }
    if (!d.postFilterMsg.empty())
        msg += " " + d.postFilterMsg + ".";
    return msg;
}

std::string truncateMessage(const std::string& message) {
    constexpr size_t kNoteLengthLimit = 1024;
    if (message.size() <= kNoteLengthLimit)
        return message;
    const std::string suffix = " ...";
    return message.substr(0, kNoteLengthLimit - suffix.size()) + suffix;
}

}  // namespace kp::scheduler::framework
