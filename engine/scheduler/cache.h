// Cache: the scheduler's picture of the cluster, kept from watch events: a NodeInfo per node
// with the pods on it (requested resources, host ports, affinity pods), including pods the
// scheduler has assumed onto a node before the watch shows them bound. Scheduling one pod
// reads NodeInfos; it never rescans all pods.
// Upstream: pkg/scheduler/backend/cache/cache.go, node_tree.go, snapshot.go.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "scheduler/framework/snapshot.h"
#include "scheduler/framework/types.h"

namespace kp::scheduler {

class Cache {
public:
    // Nodes (from the watch).
    framework::NodeInfo& addNode(ObjectPtr node);
    framework::NodeInfo& updateNode(ObjectPtr node);
    void removeNode(const std::string& name);

    // Assigned pods (from the watch). addPod is for pods the cache does not know yet.
    void addPod(const std::shared_ptr<framework::PodInfo>& pod);
    // A newer version of a known pod (confirms an assumed pod: the binding is visible now).
    // Returns the cached PodInfo (updated in place), or nullptr for an unknown pod.
    framework::PodInfo* updatePod(const std::string& key, ObjectPtr pod);
    // Returns the removed PodInfo (nullptr when unknown).
    std::shared_ptr<framework::PodInfo> removePod(const std::string& key);

    // The scheduler's own decisions, before the binding shows up in the watch.
    void assumePod(const std::shared_ptr<framework::PodInfo>& pod, const std::string& nodeName);
    void forgetPod(const std::string& key);
    bool isAssumed(const std::string& key) const;

    std::shared_ptr<framework::PodInfo> pod(const std::string& key) const;
    framework::NodeInfo* nodeInfo(const std::string& name) const;
    size_t nodeCount() const { return nodeCount_; }
    size_t podCount() const { return pods_.size(); }

    // The node list for a scheduling cycle (refreshed when nodes or affinity pods changed).
    const framework::Snapshot& updateSnapshot();
    const framework::Snapshot& snapshot() const { return snapshot_; }

private:
    struct PodState {
        std::shared_ptr<framework::PodInfo> pod;
        std::string nodeName;
        bool assumed = false;
    };
    framework::NodeInfo& nodeInfoFor(const std::string& name);
    void addPodToNode(const std::shared_ptr<framework::PodInfo>& pod, const std::string& nodeName);
    void removePodFromNode(const framework::PodInfo& pod, const std::string& nodeName);
    void countImages(const framework::NodeInfo& n, int delta);
    // NodeTree
    void treeAdd(const std::string& zone, const std::string& name);
    void treeRemove(const std::string& zone, const std::string& name);

    std::map<std::string, std::unique_ptr<framework::NodeInfo>> nodes_;  // includes nodes known only by pods
    std::map<std::string, std::string> nodeZones_;                        // node -> zone key (nodes with objects)
    std::vector<std::string> zones_;                                      // in order of first appearance
    std::map<std::string, std::vector<std::string>> tree_;                // zone -> node names in add order
    size_t nodeCount_ = 0;
    std::unordered_map<std::string, PodState> pods_;  // lookups only, never iterated
    std::unordered_map<std::string, int> imageNodes_;

    framework::Snapshot snapshot_;
    bool listDirty_ = true;
    bool affinityDirty_ = true;
};

}  // namespace kp::scheduler
