// Snapshot: the node list a scheduling cycle works on, in the order upstream's NodeTree gives
// (zones round-robin, nodes of a zone in the order they were added), plus the sub-lists of
// nodes hosting pods with (anti-)affinity and per-image node counts.
// The scheduler is single-threaded, so the cache's NodeInfos are used directly: nothing can
// change them during a cycle. Upstream: pkg/scheduler/backend/cache/snapshot.go, node_tree.go.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "scheduler/framework/types.h"

namespace kp::scheduler::framework {

class Snapshot {
public:
    const std::vector<NodeInfo*>& nodeInfoList() const { return nodes_; }
    const std::vector<NodeInfo*>& havePodsWithAffinityList() const { return withAffinity_; }
    const std::vector<NodeInfo*>& havePodsWithRequiredAntiAffinityList() const { return withAntiAffinity_; }
    // A node with its Node object, or nullptr.
    NodeInfo* get(const std::string& name) const {
        auto it = byName_.find(name);
        return it == byName_.end() ? nullptr : it->second;
    }
    size_t numNodes() const { return nodes_.size(); }
    // How many nodes report this image (ImageStateSummary.NumNodes).
    int imageNumNodes(const std::string& image) const {
        if (!imageNodes_)
            return 0;
        auto it = imageNodes_->find(image);
        return it == imageNodes_->end() ? 0 : it->second;
    }

private:
    friend class SnapshotBuilder;
    std::vector<NodeInfo*> nodes_;
    std::vector<NodeInfo*> withAffinity_;
    std::vector<NodeInfo*> withAntiAffinity_;
    std::unordered_map<std::string, NodeInfo*> byName_;  // lookups only
    const std::unordered_map<std::string, int>* imageNodes_ = nullptr;  // lookups only
};

// Lets the cache fill a Snapshot.
class SnapshotBuilder {
public:
    explicit SnapshotBuilder(Snapshot& s) : s_(s) {}
    std::vector<NodeInfo*>& nodes() { return s_.nodes_; }
    std::vector<NodeInfo*>& withAffinity() { return s_.withAffinity_; }
    std::vector<NodeInfo*>& withAntiAffinity() { return s_.withAntiAffinity_; }
    std::unordered_map<std::string, NodeInfo*>& byName() { return s_.byName_; }
    void setImageNodes(const std::unordered_map<std::string, int>* m) { s_.imageNodes_ = m; }

private:
    Snapshot& s_;
};

}  // namespace kp::scheduler::framework
