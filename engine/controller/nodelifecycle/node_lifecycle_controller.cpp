// Event handling, key dispatch and the per-node NoSchedule tainting of the node lifecycle
// controller. The periodic health pass is in monitor_node_health.cpp.
#include "controller/nodelifecycle/node_lifecycle_controller.h"

#include <utility>

#include "controller/nodelifecycle/taints.h"

namespace kp::nodelifecycle {
namespace {

constexpr const char* kNodePrefix = "node/";
constexpr const char* kPodPrefix = "pod/";

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// nodeConditionToTaintKeyStatusMap: which condition status earns which NoSchedule taint.
std::string taintKeyForCondition(const std::string& type, const std::string& status) {
    if (type == "Ready") {
        if (status == "False")
            return taints::kNotReady;
        if (status == "Unknown")
            return taints::kUnreachable;
        return "";
    }
    if (status != "True")
        return "";
    if (type == "MemoryPressure")
        return taints::kMemoryPressure;
    if (type == "DiskPressure")
        return taints::kDiskPressure;
    if (type == "NetworkUnavailable")
        return taints::kNetworkUnavailable;
    if (type == "PIDPressure")
        return taints::kPIDPressure;
    return "";
}

// taintKeyToNodeConditionMap: taint keys this controller owns.
bool isConditionTaintKey(const std::string& key) {
    return key == taints::kNotReady || key == taints::kUnreachable || key == taints::kNetworkUnavailable ||
           key == taints::kMemoryPressure || key == taints::kDiskPressure || key == taints::kPIDPressure;
}

}  // namespace

NodeLifecycleController::NodeLifecycleController(ApiServer& server, VirtualClock& clock, Config config)
    : client_(server, "node-lifecycle-controller"),
      recorder_(server, "node-controller"),
      clock_(clock),
      config_(config) {
    // wait.Until runs the first health pass as soon as the controller starts.
    queue().add(kMonitorKey);
}

void NodeLifecycleController::onEvent(const WatchEvent& event) {
    if (!event.object)
        return;
    const Json& obj = *event.object;
    const std::string name = stringAt(obj, "metadata.name");
    if (event.resource == "nodes") {
        if (event.type == WatchEventType::Deleted) {
            nodesToRetry_.erase(name);
            return;
        }
        queue().add(kNodePrefix + name);
        return;
    }
    // Pods: only a pod newly bound to a node matters (podUpdated), and only when that node is
    // already known not to be Ready (processPod does nothing otherwise).
    if (!pods_.observe(event))
        return;
    auto health = nodeHealth_.find(stringAt(obj, "spec.nodeName"));
    if (health == nodeHealth_.end())
        return;
    const Json* conds = findPath(health->second.status, "conditions");
    if (!conds || !conds->is_array())
        return;
    for (const Json& c : *conds)
        if (stringAt(c, "type") == "Ready" && stringAt(c, "status") != "True")
            queue().add(kPodPrefix + stringAt(obj, "metadata.namespace") + "/" + name);
}

ReconcileResult NodeLifecycleController::reconcile(const std::string& key) {
    if (key == kMonitorKey) {
        monitorNodeHealth();
        doNoExecuteTaintingPass();
        scheduleNoExecutePass();
        return ReconcileResult::requeueAfter(config_.nodeMonitorPeriod);
    }
    if (key == kNoExecuteKey) {
        noExecutePassAt_.reset();
        doNoExecuteTaintingPass();
        scheduleNoExecutePass();
        return ReconcileResult::done();
    }
    if (startsWith(key, kNodePrefix)) {
        const std::string nodeName = key.substr(std::string(kNodePrefix).size());
        // Upstream logs failures here and waits for the next node event.
        doNoScheduleTaintingPass(nodeName);
        reconcileNodeLabels(nodeName);
        return ReconcileResult::done();
    }
    if (startsWith(key, kPodPrefix))
        return processPod(key.substr(std::string(kPodPrefix).size()));
    return ReconcileResult::done();
}

// Upstream: node_lifecycle_controller.go#doNoScheduleTaintingPass
bool NodeLifecycleController::doNoScheduleTaintingPass(const std::string& nodeName) {
    ObjectPtr node = client_.server().store().get("nodes", "", nodeName);
    if (!node)
        return true;
    // 1. The taints the conditions (and a cordon) call for, in condition order.
    std::vector<Json> wanted;
    if (const Json* conds = findPath(*node, "status.conditions"); conds && conds->is_array())
        for (const Json& c : *conds) {
            std::string key = taintKeyForCondition(stringAt(c, "type"), stringAt(c, "status"));
            if (!key.empty())
                wanted.push_back(taints::make(key, "NoSchedule"));
        }
    if (boolAt(*node, "spec.unschedulable"))
        wanted.push_back(taints::make(taints::kUnschedulable, "NoSchedule"));

    // 2. The NoSchedule taints of ours the node has now.
    std::vector<Json> have;
    for (const Json& t : taints::withEffect(*node, "NoSchedule")) {
        const std::string key = stringAt(t, "key");
        if (key == taints::kUnschedulable || isConditionTaintKey(key))
            have.push_back(t);
    }

    // 3. TaintSetDiff.
    auto contains = [](const std::vector<Json>& set, const Json& t) {
        for (const Json& x : set)
            if (taints::matches(x, t))
                return true;
        return false;
    };
    std::vector<Json> toAdd, toRemove;
    for (const Json& t : wanted)
        if (!contains(have, t))
            toAdd.push_back(t);
    for (const Json& t : have)
        if (!contains(wanted, t))
            toRemove.push_back(t);
    if (toAdd.empty() && toRemove.empty())
        return true;
    return swapNodeControllerTaint(nodeName, toAdd, toRemove);
}

// Upstream: node_lifecycle_controller.go#reconcileNodeLabels (beta os/arch labels follow the GA ones).
bool NodeLifecycleController::reconcileNodeLabels(const std::string& nodeName) {
    ObjectPtr node = client_.server().store().get("nodes", "", nodeName);
    if (!node)
        return true;
    const Json* labels = findPath(*node, "metadata.labels");
    if (!labels || !labels->is_object())
        return true;
    std::map<std::string, std::string> toUpdate;
    for (auto [primary, secondary] : {std::pair{"kubernetes.io/os", "beta.kubernetes.io/os"},
                                      std::pair{"kubernetes.io/arch", "beta.kubernetes.io/arch"}}) {
        auto p = labels->find(primary);
        if (p == labels->end() || !p->is_string())
            continue;
        auto s = labels->find(secondary);
        if (s == labels->end() || *s != *p)
            toUpdate[secondary] = p->get<std::string>();
    }
    if (toUpdate.empty())
        return true;
    Json updated = *node;
    for (const auto& [k, v] : toUpdate)
        updated["metadata"]["labels"][k] = v;
    return client_.update(updated).ok();
}

// Upstream: node_lifecycle_controller.go#processPod
ReconcileResult NodeLifecycleController::processPod(const std::string& podKey) {
    const size_t slash = podKey.find('/');
    ObjectPtr pod = client_.server().store().get("pods", podKey.substr(0, slash), podKey.substr(slash + 1));
    if (!pod)
        return ReconcileResult::done();
    const std::string nodeName = stringAt(*pod, "spec.nodeName");
    auto health = nodeHealth_.find(nodeName);
    if (health == nodeHealth_.end())
        return ReconcileResult::done();  // not observed yet, or removed meanwhile
    if (!client_.server().store().get("nodes", "", nodeName))
        return ReconcileResult::requeue();
    const Json* conds = findPath(health->second.status, "conditions");
    if (!conds || !conds->is_array())
        return ReconcileResult::done();
    for (const Json& c : *conds) {
        if (stringAt(c, "type") != "Ready")
            continue;
        if (stringAt(c, "status") != "True" && !markPodsNotReady({podKey}, nodeName))
            return ReconcileResult::requeue();
        break;
    }
    return ReconcileResult::done();
}

}  // namespace kp::nodelifecycle
