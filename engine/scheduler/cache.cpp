#include "scheduler/cache.h"

#include <algorithm>

namespace kp::scheduler {

using framework::NodeInfo;
using framework::PodInfo;

NodeInfo& Cache::nodeInfoFor(const std::string& name) {
    auto& slot = nodes_[name];
    if (!slot) {
        slot = std::make_unique<NodeInfo>();
        slot->name = name;
    }
    return *slot;
}

void Cache::countImages(const NodeInfo& n, int delta) {
    for (const auto& [image, size] : n.imageSizes) {
        int& c = imageNodes_[image];
        c += delta;
        if (c <= 0)
            imageNodes_.erase(image);
    }
}

void Cache::treeAdd(const std::string& zone, const std::string& name) {
    auto it = tree_.find(zone);
    if (it == tree_.end()) {
        zones_.push_back(zone);
        tree_[zone] = {name};
    } else {
        it->second.push_back(name);
    }
    nodeZones_[name] = zone;
    ++nodeCount_;
    listDirty_ = true;
}

void Cache::treeRemove(const std::string& zone, const std::string& name) {
    auto it = tree_.find(zone);
    if (it == tree_.end())
        return;
    auto& names = it->second;
    auto pos = std::find(names.begin(), names.end(), name);
    if (pos == names.end())
        return;
    names.erase(pos);
    if (names.empty()) {
        tree_.erase(it);
        zones_.erase(std::find(zones_.begin(), zones_.end(), zone));
    }
    nodeZones_.erase(name);
    --nodeCount_;
    listDirty_ = true;
}

NodeInfo& Cache::addNode(ObjectPtr node) {
    std::string name = stringAt(*node, "metadata.name");
    NodeInfo& n = nodeInfoFor(name);
    bool known = nodeZones_.count(name) > 0;
    if (n.node)
        countImages(n, -1);
    n.setNode(std::move(node));
    countImages(n, +1);
    std::string zone = framework::zoneKey(n.labels);
    if (known && nodeZones_[name] != zone)
        treeRemove(nodeZones_[name], name);
    if (!nodeZones_.count(name))
        treeAdd(zone, name);
    return n;
}

NodeInfo& Cache::updateNode(ObjectPtr node) { return addNode(std::move(node)); }

void Cache::removeNode(const std::string& name) {
    auto it = nodes_.find(name);
    if (it == nodes_.end())
        return;
    if (auto z = nodeZones_.find(name); z != nodeZones_.end())
        treeRemove(z->second, name);
    countImages(*it->second, -1);
    // A node removed while pods are still on it stays as a placeholder until they go.
    if (it->second->pods.empty()) {
        nodes_.erase(it);
    } else {
        it->second->node.reset();
        it->second->imageSizes.clear();
    }
    affinityDirty_ = true;
}

void Cache::addPodToNode(const std::shared_ptr<PodInfo>& pod, const std::string& nodeName) {
    nodeInfoFor(nodeName).addPod(pod);
    if (pod->hasPodAffinity)
        affinityDirty_ = true;
}

void Cache::removePodFromNode(const PodInfo& pod, const std::string& nodeName) {
    auto it = nodes_.find(nodeName);
    if (it == nodes_.end())
        return;
    NodeInfo& n = *it->second;
    n.removePod(pod.key);
    if (pod.hasPodAffinity)
        affinityDirty_ = true;
    if (!n.node && n.pods.empty())
        nodes_.erase(it);
}

void Cache::addPod(const std::shared_ptr<PodInfo>& pod) {
    if (auto it = pods_.find(pod->key); it != pods_.end())
        removePodFromNode(*it->second.pod, it->second.nodeName);
    pods_[pod->key] = PodState{pod, pod->nodeName, false};
    addPodToNode(pod, pod->nodeName);
    pod->pod.reset();  // bound: nothing reads its object again (PodInfo::pod)
}

PodInfo* Cache::updatePod(const std::string& key, ObjectPtr pod) {
    auto it = pods_.find(key);
    if (it == pods_.end())
        return nullptr;
    PodState& st = it->second;
    std::string nodeName = stringAt(*pod, "spec.nodeName");
    if (st.assumed && nodeName != st.nodeName) {
        // Someone else bound the pod elsewhere: follow the apiserver.
        removePodFromNode(*st.pod, st.nodeName);
        framework::updatePodInfo(*st.pod, std::move(pod));
        st.nodeName = nodeName;
        addPodToNode(st.pod, nodeName);
    } else {
        framework::updatePodInfo(*st.pod, std::move(pod));
        if (auto n = nodes_.find(st.nodeName); n != nodes_.end())
            ++n->second->generation;
    }
    st.assumed = false;  // the binding is visible now
    st.pod->pod.reset();  // bound: nothing reads its object again (PodInfo::pod)
    return st.pod.get();
}

std::shared_ptr<PodInfo> Cache::removePod(const std::string& key) {
    auto it = pods_.find(key);
    if (it == pods_.end())
        return nullptr;
    std::shared_ptr<PodInfo> p = it->second.pod;
    removePodFromNode(*p, it->second.nodeName);
    pods_.erase(it);
    return p;
}

void Cache::assumePod(const std::shared_ptr<PodInfo>& pod, const std::string& nodeName) {
    pod->nodeName = nodeName;
    pods_[pod->key] = PodState{pod, nodeName, true};
    addPodToNode(pod, nodeName);
}

void Cache::forgetPod(const std::string& key) {
    auto it = pods_.find(key);
    if (it == pods_.end() || !it->second.assumed)
        return;
    removePodFromNode(*it->second.pod, it->second.nodeName);
    it->second.pod->nodeName.clear();
    pods_.erase(it);
}

bool Cache::isAssumed(const std::string& key) const {
    auto it = pods_.find(key);
    return it != pods_.end() && it->second.assumed;
}

std::shared_ptr<PodInfo> Cache::pod(const std::string& key) const {
    auto it = pods_.find(key);
    return it == pods_.end() ? nullptr : it->second.pod;
}

NodeInfo* Cache::nodeInfo(const std::string& name) const {
    auto it = nodes_.find(name);
    return it == nodes_.end() ? nullptr : it->second.get();
}

const framework::Snapshot& Cache::updateSnapshot() {
    framework::SnapshotBuilder b(snapshot_);
    if (listDirty_) {
        // Upstream: node_tree.go#list: one node of each zone in turn.
        auto& list = b.nodes();
        list.clear();
        b.byName().clear();
        for (size_t index = 0; list.size() < nodeCount_; ++index) {
            for (const std::string& zone : zones_) {
                const auto& names = tree_[zone];
                if (index >= names.size())
                    continue;
                NodeInfo* n = nodes_.at(names[index]).get();
                list.push_back(n);
                b.byName()[n->name] = n;
            }
        }
        listDirty_ = false;
        affinityDirty_ = true;
    }
    if (affinityDirty_) {
        b.withAffinity().clear();
        b.withAntiAffinity().clear();
        for (NodeInfo* n : b.nodes()) {
            if (!n->podsWithAffinity.empty())
                b.withAffinity().push_back(n);
            if (!n->podsWithRequiredAntiAffinity.empty())
                b.withAntiAffinity().push_back(n);
        }
        affinityDirty_ = false;
    }
    b.setImageNodes(&imageNodes_);
    return snapshot_;
}

}  // namespace kp::scheduler
