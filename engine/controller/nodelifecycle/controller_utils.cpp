// The node controllers' shared actions: mark a node's pods not ready, record node events, swap
// the taints the controller owns.
// Upstream: pkg/controller/util/node/controller_utils.go, pkg/controller/controller_utils.go
// (AddOrUpdateTaintOnNode, RemoveTaintOffNode).
#include "api/pod_util.h"
#include "controller/nodelifecycle/node_lifecycle_controller.h"
#include "controller/nodelifecycle/taints.h"

namespace kp::nodelifecycle {
namespace {

// The reference node events point at: {apiVersion v1, kind Node, name, uid}, no namespace.
Json nodeRef(const Json& node) {
    return Json{{"apiVersion", "v1"},
                {"kind", "Node"},
                {"metadata", {{"name", stringAt(node, "metadata.name")}, {"uid", stringAt(node, "metadata.uid")}}}};
}

}  // namespace

// Upstream: util/node/controller_utils.go#MarkPodsNotReady
bool NodeLifecycleController::markPodsNotReady(const std::vector<std::string>& podKeys, const std::string& nodeName) {
    bool ok = true;
    const ObjectStore& store = client_.server().store();
    for (const std::string& key : podKeys) {
        const size_t slash = key.find('/');
        ObjectPtr current = store.get("pods", key.substr(0, slash), key.substr(slash + 1));
        if (!current || stringAt(*current, "spec.nodeName") != nodeName)
            continue;
        const Json* ready = pod::condition(*current, "Ready");
        if (!ready)
            continue;
        Json pod = *current;
        Json cond = *ready;
        cond["status"] = "False";
        if (!pod::setCondition(pod, cond, clock_.now()))
            continue;  // already not ready
        ApiResponse r = client_.updateStatus(pod);
        if (!r.ok()) {
            if (r.status.isNotFound())
                continue;
            ok = false;
        }
        // Recorded after the write, so that the pod is known to still exist.
        recorder_.event(*current, "Warning", "NodeNotReady", "Node is not ready");
    }
    return ok;
}

// Upstream: util/node/controller_utils.go#RecordNodeEvent
void NodeLifecycleController::recordNodeEvent(const Json& node, const std::string& reason, const std::string& event) {
    recorder_.event(nodeRef(node), "Normal", reason, "Node " + stringAt(node, "metadata.name") + " event: " + event);
}

// Upstream: util/node/controller_utils.go#RecordNodeStatusChange
void NodeLifecycleController::recordNodeStatusChange(const Json& node, const std::string& newStatus) {
    recorder_.event(nodeRef(node), "Normal", newStatus,
                    "Node " + stringAt(node, "metadata.name") + " status is now: " + newStatus);
}

// Upstream: util/node/controller_utils.go#SwapNodeControllerTaint
// SIMPLIFICATION: one update carries both the additions and the removals (upstream patches
// twice: AddOrUpdateTaintOnNode, then RemoveTaintOffNode).
bool NodeLifecycleController::swapNodeControllerTaint(const std::string& nodeName, std::vector<Json> add,
                                                      const std::vector<Json>& remove) {
    const std::string now = formatRFC3339(clock_.now());
    for (Json& t : add)
        t["timeAdded"] = now;
    ObjectPtr current = client_.server().store().get("nodes", "", nodeName);
    if (!current)
        return false;
    Json node = *current;
    Json taintList = findPath(node, "spec.taints") && node["spec"]["taints"].is_array() ? node["spec"]["taints"]
                                                                                        : Json::array();
    bool changed = false;
    // AddOrUpdateTaint: a taint with the same key and effect is replaced, else appended.
    for (const Json& t : add) {
        bool found = false;
        for (Json& existing : taintList) {
            if (!taints::matches(existing, t))
                continue;
            found = true;
            if (existing != t) {
                existing = t;
                changed = true;
            }
        }
        if (!found) {
            taintList.push_back(t);
            changed = true;
        }
    }
    // RemoveTaint: every taint with the key and effect goes.
    for (const Json& t : remove) {
        Json kept = Json::array();
        for (const Json& existing : taintList) {
            if (taints::matches(existing, t))
                changed = true;
            else
                kept.push_back(existing);
        }
        taintList = std::move(kept);
    }
    if (!changed)
        return true;
    if (taintList.empty())
        node["spec"].erase("taints");
    else
        node["spec"]["taints"] = taintList;
    return client_.update(node).ok();
}

}  // namespace kp::nodelifecycle
