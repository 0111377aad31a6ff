#include "controller/nodelifecycle/pods_by_node.h"

namespace kp::nodelifecycle {

bool PodsByNode::observe(const WatchEvent& event) {
    if (!event.object)
        return false;
    const Json& pod = *event.object;
    const std::string node = stringAt(pod, "spec.nodeName");
    if (node.empty())
        return false;
    const std::string key = stringAt(pod, "metadata.namespace") + "/" + stringAt(pod, "metadata.name");
    if (event.type == WatchEventType::Deleted) {
        auto it = byNode_.find(node);
        if (it == byNode_.end())
            return false;
        it->second.erase(key);
        if (it->second.empty())
            byNode_.erase(it);
        return false;
    }
    return byNode_[node].insert(key).second;
}

const std::set<std::string>& PodsByNode::podsOn(const std::string& node) const {
    static const std::set<std::string> kNone;
    auto it = byNode_.find(node);
    return it == byNode_.end() ? kNone : it->second;
}

std::set<std::string> PodsByNode::nodes() const {
    std::set<std::string> out;
    for (const auto& [node, pods] : byNode_)
        out.insert(node);
    return out;
}

}  // namespace kp::nodelifecycle
