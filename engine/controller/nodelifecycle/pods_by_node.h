// PodsByNode: which pods are bound to which node, kept from pod watch events. The node
// controllers ask "what runs on node X" when a node changes; listing every pod for that would
// cost O(all pods) per node event. Upstream they share an informer indexer on spec.nodeName
// (node_lifecycle_controller.go nodeNameKeyIndex, tainteviction getPodsAssignedToNode).
//
// spec.nodeName is set once (by the binding) and never changes, so a pod enters one node's set
// when it is first seen bound and leaves it when it is deleted.
#pragma once
#include <map>
#include <set>
#include <string>

#include "store/object_store.h"

namespace kp::nodelifecycle {

class PodsByNode {
public:
    // Updates the index from a pod watch event. Returns true when the pod was not known on its
    // node before (a new pod on a node, or a pod just bound): upstream's "nodeName changed".
    bool observe(const WatchEvent& event);

    // "namespace/name" of the pods bound to `node`, sorted; empty when none.
    const std::set<std::string>& podsOn(const std::string& node) const;
    // Nodes that have at least one pod, sorted.
    std::set<std::string> nodes() const;

private:
    std::map<std::string, std::set<std::string>> byNode_;
};

}  // namespace kp::nodelifecycle
