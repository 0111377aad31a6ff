#include "controller/tainteviction/taint_eviction_controller.h"

#include <limits>

#include "api/pod_util.h"
#include "controller/nodelifecycle/taints.h"

namespace kp::tainteviction {
namespace {

constexpr const char* kNodePrefix = "node/";
constexpr const char* kPodPrefix = "pod/";
constexpr const char* kEvictPrefix = "evict/";

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

std::pair<std::string, std::string> splitKey(const std::string& key) {
    const size_t slash = key.find('/');
    return {key.substr(0, slash), key.substr(slash + 1)};
}

Json noExecuteTaints(const Json& node) {
    Json out = Json::array();
    for (const Json& t : taints::withEffect(node, "NoExecute"))
        out.push_back(t);
    return out;
}

Json tolerationsOf(const Json& pod) {
    const Json* t = findPath(pod, "spec.tolerations");
    return t && t->is_array() ? *t : Json::array();
}

}  // namespace

// Upstream: taint_eviction.go#getMinTolerationTime
Duration minTolerationTime(const std::vector<Json>& tolerations, bool& forever) {
    forever = false;
    if (tolerations.empty())
        return {};
    int64_t min = std::numeric_limits<int64_t>::max();
    for (const Json& t : tolerations) {
        const Json* secs = findPath(t, "tolerationSeconds");
        if (!secs || !secs->is_number_integer())
            continue;
        const int64_t s = secs->get<int64_t>();
        if (s <= 0)
            return {};
        min = std::min(min, s);
    }
    if (min == std::numeric_limits<int64_t>::max()) {
        forever = true;
        return {};
    }
    return Duration::seconds(min);
}

TaintEvictionController::TaintEvictionController(ApiServer& server, VirtualClock& clock)
    : client_(server, "taint-eviction-controller"), recorder_(server, "taint-eviction-controller"), clock_(clock) {}

// [SECTION] events

void TaintEvictionController::onEvent(const WatchEvent& event) {
    if (!event.object)
        return;
    const Json& obj = *event.object;
    const std::string name = stringAt(obj, "metadata.name");
    if (event.resource == "nodes") {
        // NodeUpdated: only a change of the NoExecute taints matters.
        auto last = lastNoExecute_.find(name);
        const Json before = last == lastNoExecute_.end() ? Json::array() : last->second;
        const Json after = event.type == WatchEventType::Deleted ? Json::array() : noExecuteTaints(obj);
        if (event.type == WatchEventType::Modified && last != lastNoExecute_.end() && before == after)
            return;
        if (event.type == WatchEventType::Deleted)
            lastNoExecute_.erase(name);
        else
            lastNoExecute_[name] = after;
        const std::set<std::string>& onNode = pods_.podsOn(name);
        if (after.empty()) {
            for (const std::string& key : onNode)
                tolerationsOnTainted_.erase(key);
        } else if (before.empty()) {
            for (const std::string& key : onNode) {
                auto [ns, podName] = splitKey(key);
                if (ObjectPtr pod = client_.server().store().get("pods", ns, podName))
                    tolerationsOnTainted_[key] = tolerationsOf(*pod);
            }
        }
        queue().add(kNodePrefix + name);
        return;
    }

    // PodUpdated: a new or newly bound pod, a deleted one, or changed tolerations.
    const std::string key = stringAt(obj, "metadata.namespace") + "/" + name;
    const std::string nodeName = stringAt(obj, "spec.nodeName");
    const bool newOnNode = pods_.observe(event);
    auto tainted = lastNoExecute_.find(nodeName);
    const bool onTaintedNode = tainted != lastNoExecute_.end() && !tainted->second.empty();
    if (event.type == WatchEventType::Deleted) {
        tolerationsOnTainted_.erase(key);
        if (onTaintedNode || workers_.count(key))
            queue().add(kPodPrefix + key);
        return;
    }
    if (nodeName.empty())
        return;
    if (newOnNode) {
        if (onTaintedNode)
            tolerationsOnTainted_[key] = tolerationsOf(obj);
        queue().add(kPodPrefix + key);
        return;
    }
    if (!onTaintedNode)
        return;
    Json tolerations = tolerationsOf(obj);
    auto cached = tolerationsOnTainted_.find(key);
    if (cached != tolerationsOnTainted_.end() && cached->second == tolerations)
        return;
    const bool known = cached != tolerationsOnTainted_.end();
    tolerationsOnTainted_[key] = std::move(tolerations);
    if (known)
        queue().add(kPodPrefix + key);
}

ReconcileResult TaintEvictionController::reconcile(const std::string& key) {
    if (startsWith(key, kNodePrefix))
        handleNodeUpdate(key.substr(std::string(kNodePrefix).size()));
    else if (startsWith(key, kPodPrefix))
        handlePodUpdate(key.substr(std::string(kPodPrefix).size()));
    else if (startsWith(key, kEvictPrefix))
        evict(key.substr(std::string(kEvictPrefix).size()));
    return ReconcileResult::done();
}

// [SECTION] handlers

// Upstream: taint_eviction.go#handleNodeUpdate
void TaintEvictionController::handleNodeUpdate(const std::string& nodeName) {
    ObjectPtr node = client_.server().store().get("nodes", "", nodeName);
    if (!node) {
        taintedNodes_.erase(nodeName);
        return;
    }
    std::vector<Json> taints = taints::withEffect(*node, "NoExecute");
    if (taints.empty())
        taintedNodes_.erase(nodeName);
    else
        taintedNodes_[nodeName] = taints;
    const std::set<std::string> pods = pods_.podsOn(nodeName);
    if (pods.empty())
        return;
    if (taints.empty()) {
        // All taints gone: cancel every pending deletion on the node.
        for (const std::string& key : pods)
            cancelWorkWithEvent(key);
        return;
    }
    const Time now = clock_.now();
    for (const std::string& key : pods) {
        auto [ns, name] = splitKey(key);
        ObjectPtr pod = client_.server().store().get("pods", ns, name);
        if (!pod)
            continue;
        processPodOnNode(key, tolerationsOf(*pod), taints, now);
    }
}

// Upstream: taint_eviction.go#handlePodUpdate
void TaintEvictionController::handlePodUpdate(const std::string& podKey) {
    auto [ns, name] = splitKey(podKey);
    ObjectPtr pod = client_.server().store().get("pods", ns, name);
    if (!pod) {
        cancelWorkWithEvent(podKey);
        return;
    }
    const std::string nodeName = stringAt(*pod, "spec.nodeName");
    if (nodeName.empty())
        return;
    auto tainted = taintedNodes_.find(nodeName);
    if (tainted == taintedNodes_.end())
        return;  // untainted (or gone): nothing to schedule
    processPodOnNode(podKey, tolerationsOf(*pod), tainted->second, clock_.now());
}

// Upstream: taint_eviction.go#processPodOnNode
// Example: node tainted unreachable:NoExecute at 10:01:00; a pod with the admission default
// tolerations (300 s) is scheduled for deletion at 10:06:00; a pod without any toleration for it
// is deleted at 10:01:00; a DaemonSet pod (Exists, no seconds) stays.
void TaintEvictionController::processPodOnNode(const std::string& podKey, const Json& tolerations,
                                               const std::vector<Json>& taints, Time now) {
    if (taints.empty())
        cancelWorkWithEvent(podKey);
    std::vector<Json> used;
    if (!taints::matchingTolerations(taints, tolerations, used)) {
        // Not tolerated: whatever was scheduled, delete now.
        cancelWorkWithEvent(podKey);
        addWork(podKey, now, now);
        return;
    }
    bool forever = false;
    const Duration min = minTolerationTime(used, forever);
    if (forever) {
        cancelWorkWithEvent(podKey);
        return;
    }
    // An eviction already scheduled stays (upstream keeps it unless it was created later than
    // now, which a real clock never produces).
    if (workers_.count(podKey))
        return;
    addWork(podKey, now, now + min);
}

// [SECTION] timed work

// Upstream: timed_workers.go#AddWork / CreateWorker
void TaintEvictionController::addWork(const std::string& podKey, Time createdAt, Time fireAt) {
    if (workers_.count(podKey))
        return;
    if (fireAt <= createdAt) {
        Worker now{createdAt, fireAt, 0};
        workers_[podKey] = now;
        evict(podKey);
        return;
    }
    const uint64_t timer = clock_.schedule(fireAt, [this, podKey] { queue().add(kEvictPrefix + podKey); });
    workers_[podKey] = Worker{createdAt, fireAt, timer};
}

// Upstream: taint_eviction.go#cancelWorkWithEvent (timed_workers.go#CancelWork)
void TaintEvictionController::cancelWorkWithEvent(const std::string& podKey) {
    auto it = workers_.find(podKey);
    if (it == workers_.end())
        return;
    clock_.cancel(it->second.timer);
    workers_.erase(it);
    emitEvent(podKey, "Cancelling deletion of Pod " + podKey);
}

// Upstream: taint_eviction.go#deletePodHandler, addConditionAndDeletePod
void TaintEvictionController::evict(const std::string& podKey) {
    auto it = workers_.find(podKey);
    if (it == workers_.end() || clock_.now() < it->second.fireAt)
        return;  // cancelled, or a stale timer
    workers_.erase(it);
    emitEvent(podKey, "Marking for deletion Pod " + podKey);
    auto [ns, name] = splitKey(podKey);
    ObjectPtr current = client_.server().store().get("pods", ns, name);
    if (!current)
        return;
    Json pod = *current;
    const bool changed = pod::setCondition(pod,
                                           Json{{"type", "DisruptionTarget"},
                                                {"status", "True"},
                                                {"reason", "DeletionByTaintManager"},
                                                {"message", "Taint manager: deleting due to NoExecute taint"}},
                                           clock_.now());
    if (changed && !client_.updateStatus(pod).ok())
        return;
    client_.remove(client_.resource("pods"), ns, name);
}

// The reference upstream builds by hand: apiVersion, kind, name, namespace (no uid).
void TaintEvictionController::emitEvent(const std::string& podKey, const std::string& message) {
    auto [ns, name] = splitKey(podKey);
    Json ref = {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", {{"name", name}, {"namespace", ns}}}};
    recorder_.event(ref, "Normal", "TaintManagerEviction", message);
}

}  // namespace kp::tainteviction
