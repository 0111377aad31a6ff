#include "controller/podgc/pod_gc_controller.h"

#include <algorithm>

#include "api/pod_util.h"
#include "controller/nodelifecycle/taints.h"

namespace kp::podgc {
namespace {

constexpr const char* kGcKey = "gc";

std::pair<std::string, std::string> splitKey(const std::string& key) {
    const size_t slash = key.find('/');
    return {key.substr(0, slash), key.substr(slash + 1)};
}

bool isNodeReady(const Json& node) {
    const Json* conds = findPath(node, "status.conditions");
    if (!conds || !conds->is_array())
        return false;
    for (const Json& c : *conds)
        if (stringAt(c, "type") == "Ready")
            return stringAt(c, "status") == "True";
    return false;
}

// byEvictionAndCreationTimestamp: evicted pods first, then oldest, then by name.
void sortForDeletion(std::vector<ObjectPtr>& pods) {
    auto evicted = [](const Json& p) {
        return stringAt(p, "status.phase") == "Failed" && stringAt(p, "status.reason") == "Evicted";
    };
    std::sort(pods.begin(), pods.end(), [&](const ObjectPtr& a, const ObjectPtr& b) {
        const bool ea = evicted(*a), eb = evicted(*b);
        if (ea != eb)
            return ea;
        const Time ta = parseRFC3339(stringAt(*a, "metadata.creationTimestamp")).value_or(Time{});
        const Time tb = parseRFC3339(stringAt(*b, "metadata.creationTimestamp")).value_or(Time{});
        if (ta != tb)
            return ta < tb;
        return stringAt(*a, "metadata.name") < stringAt(*b, "metadata.name");
    });
}

std::string keyOf(const Json& pod) { return stringAt(pod, "metadata.namespace") + "/" + stringAt(pod, "metadata.name"); }

}  // namespace

PodGCController::PodGCController(ApiServer& server, Config config)
    : client_(server, "pod-garbage-collector"), config_(config) {
    // wait.Until: the first pass runs as soon as the controller starts.
    queue().add(kGcKey);
}

void PodGCController::onEvent(const WatchEvent& event) {
    if (!event.object)
        return;
    pods_.observe(event);
    const Json& pod = *event.object;
    const std::string key = keyOf(pod);
    const bool gone = event.type == WatchEventType::Deleted;
    if (!gone && pod::isTerminal(pod))
        terminated_.insert(key);
    else
        terminated_.erase(key);
    if (!gone && pod::isTerminating(pod))
        terminating_.insert(key);
    else
        terminating_.erase(key);
}

// Upstream: gc_controller.go#gc
ReconcileResult PodGCController::reconcile(const std::string& key) {
    if (key != kGcKey)
        return ReconcileResult::done();
    if (config_.terminatedPodThreshold > 0)
        gcTerminated();
    gcTerminating();
    gcOrphaned();
    gcUnscheduledTerminating();
    return ReconcileResult::requeueAfter(config_.gcCheckPeriod);
}

// Upstream: gc_controller.go#gcTerminated
void PodGCController::gcTerminated() {
    const int deleteCount = static_cast<int>(terminated_.size()) - config_.terminatedPodThreshold;
    if (deleteCount <= 0)
        return;
    std::vector<ObjectPtr> pods;
    for (const std::string& key : terminated_) {
        auto [ns, name] = splitKey(key);
        if (ObjectPtr p = client_.server().store().get("pods", ns, name))
            pods.push_back(p);
    }
    sortForDeletion(pods);
    for (int i = 0; i < deleteCount && i < static_cast<int>(pods.size()); ++i)
        markFailedAndDeletePod(keyOf(*pods[i]));
}

// Upstream: gc_controller.go#gcTerminating
void PodGCController::gcTerminating() {
    const ObjectStore& store = client_.server().store();
    std::vector<ObjectPtr> pods;
    for (const std::string& key : terminating_) {
        auto [ns, name] = splitKey(key);
        ObjectPtr p = store.get("pods", ns, name);
        if (!p)
            continue;
        const std::string nodeName = stringAt(*p, "spec.nodeName");
        ObjectPtr node = nodeName.empty() ? nullptr : store.get("nodes", "", nodeName);
        if (!node)
            continue;
        const Json* nodeTaints = findPath(*node, "spec.taints");
        if (!isNodeReady(*node) && nodeTaints && taints::keyExists(*nodeTaints, taints::kOutOfService))
            pods.push_back(p);
    }
    sortForDeletion(pods);
    for (const ObjectPtr& p : pods)
        markFailedAndDeletePod(keyOf(*p));
}

// Upstream: gc_controller.go#gcOrphaned, discoverDeletedNodes
// Example: node m02 deleted at 10:00:07; the pass at 10:00:20 finds its pods and quarantines
// m02 until 10:01:00; the pass at 10:01:00 checks m02 is still missing and deletes the pods.
void PodGCController::gcOrphaned() {
    const ObjectStore& store = client_.server().store();
    const Time now = client_.server().clock().now();
    for (const std::string& node : pods_.nodes())
        if (!store.get("nodes", "", node))
            quarantine_.emplace(node, now + config_.quarantineTime);  // an earlier entry stays
    std::set<std::string> deletedNodes;
    for (auto it = quarantine_.begin(); it != quarantine_.end();) {
        if (it->second > now) {
            ++it;
            continue;
        }
        if (!store.get("nodes", "", it->first))
            deletedNodes.insert(it->first);
        it = quarantine_.erase(it);
    }
    const Json condition = {{"type", "DisruptionTarget"},
                            {"status", "True"},
                            {"reason", "DeletionByPodGC"},
                            {"message", "PodGC: node no longer exists"}};
    for (const std::string& node : deletedNodes) {
        const std::set<std::string> keys = pods_.podsOn(node);
        for (const std::string& key : keys)
            markFailedAndDeletePod(key, &condition);
    }
}

// Upstream: gc_controller.go#gcUnscheduledTerminating
void PodGCController::gcUnscheduledTerminating() {
    const std::set<std::string> keys = terminating_;
    for (const std::string& key : keys) {
        auto [ns, name] = splitKey(key);
        ObjectPtr p = client_.server().store().get("pods", ns, name);
        if (p && stringAt(*p, "spec.nodeName").empty())
            markFailedAndDeletePod(key);
    }
}

// Upstream: gc_controller.go#markFailedAndDeletePodWithCondition
bool PodGCController::markFailedAndDeletePod(const std::string& podKey, const Json* condition) {
    auto [ns, name] = splitKey(podKey);
    ObjectPtr current = client_.server().store().get("pods", ns, name);
    if (!current)
        return false;
    if (!pod::isTerminal(*current)) {
        // An orphan's kubelet is gone: nobody else would ever move it out of Running.
        Json pod = *current;
        pod["status"]["phase"] = "Failed";
        if (condition)
            pod::setCondition(pod, *condition, client_.server().clock().now());
        if (!client_.updateStatus(pod).ok())
            return false;
    }
    DeleteOptions force;
    force.gracePeriodSeconds = 0;
    return client_.remove(client_.resource("pods"), ns, name, force).ok();
}

}  // namespace kp::podgc
