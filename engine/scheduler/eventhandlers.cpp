// The scheduler's informer event handlers: watch events update the Cache (assigned pods, nodes)
// and the SchedulingQueue (pending pods), and cluster events give rejected pods another chance.
// Memory only: no API writes here.
// Upstream: pkg/scheduler/eventhandlers.go.
#include <optional>

#include "api/pod_util.h"
#include "scheduler/scheduler.h"

namespace kp::scheduler {

using framework::ClusterEvent;
using framework::EventObjects;
using framework::EventResource;

namespace {

std::string podKey(const Json& pod) {
    return stringAt(pod, "metadata.namespace") + "/" + stringAt(pod, "metadata.name");
}

const Json& field(const Json& obj, const char* path) {
    static const Json kNull;
    const Json* f = findPath(obj, path);
    return f ? *f : kNull;
}

std::map<std::string, std::string> conditionStatuses(const Json& node) {
    std::map<std::string, std::string> out;
    if (const Json* cs = findPath(node, "status.conditions"); cs && cs->is_array())
        for (const Json& c : *cs)
            out[stringAt(c, "type")] = stringAt(c, "status");
    return out;
}

// Upstream: eventhandlers.go#nodeSchedulingPropertiesChange. Heartbeat-only updates give none.
std::vector<unsigned> nodeSchedulingPropertiesChange(const Json& now, const Json& old) {
    std::vector<unsigned> out;
    bool unschedNow = boolAt(now, "spec.unschedulable"), unschedOld = boolAt(old, "spec.unschedulable");
    if (unschedNow != unschedOld && !unschedNow)
        out.push_back(framework::kUpdateNodeTaint);  // NodeSpecUnschedulableChange
    if (field(now, "status.allocatable") != field(old, "status.allocatable"))
        out.push_back(framework::kUpdateNodeAllocatable);
    if (field(now, "metadata.labels") != field(old, "metadata.labels"))
        out.push_back(framework::kUpdateNodeLabel);
    if (field(now, "spec.taints") != field(old, "spec.taints"))
        out.push_back(framework::kUpdateNodeTaint);
    if (conditionStatuses(now) != conditionStatuses(old))
        out.push_back(framework::kUpdateNodeCondition);
    if (field(now, "metadata.annotations") != field(old, "metadata.annotations"))
        out.push_back(framework::kUpdateNodeAnnotation);
    return out;
}

}  // namespace

void Scheduler::onEvent(const WatchEvent& event) {
    if (event.type == WatchEventType::Bookmark || event.type == WatchEventType::Error || !event.object)
        return;
    if (event.resource == "pods")
        onPodEvent(event);
    else if (event.resource == "nodes")
        onNodeEvent(event);
    if (schedQueue_.hasActive())
        queue().add(kScheduleKey);
    armTimers();
}

void Scheduler::onPodEvent(const WatchEvent& event) {
    const ObjectPtr& obj = event.object;
    // The scheduler's pod informer lists only non-terminal pods: a pod that finished is gone.
    if (event.type == WatchEventType::Deleted || pod::isTerminal(*obj)) {
        onPodGone(obj);
        return;
    }
    if (!stringAt(*obj, "spec.nodeName").empty()) {
        onAssignedPod(obj);
        return;
    }
    if (stringAt(*obj, "spec.schedulerName", "default-scheduler") != kName)
        return;  // another scheduler's pod
    std::string key = podKey(*obj);
    if (cache_.isAssumed(key))
        return;  // an older version; the binding is on its way
    if (schedQueue_.find(key))
        updateUnscheduledPod(obj);
    else
        addUnscheduledPod(obj);
}

void Scheduler::addUnscheduledPod(ObjectPtr obj) { schedQueue_.add(framework::newPodInfo(std::move(obj)), clock_.now()); }

void Scheduler::updateUnscheduledPod(ObjectPtr obj) {
    const QueuedPodInfo* q = schedQueue_.find(podKey(*obj));
    std::shared_ptr<framework::PodInfo> old = q->pod;
    schedQueue_.update(*old, framework::newPodInfo(std::move(obj)), clock_.now());
}

void Scheduler::onAssignedPod(ObjectPtr obj) {
    std::string key = podKey(*obj);
    Time now = clock_.now();
    schedQueue_.remove(key);  // bound (by us or by anyone): no longer pending
    if (std::shared_ptr<framework::PodInfo> known = cache_.pod(key)) {
        bool wasAssumed = cache_.isAssumed(key);
        bool labelsChanged = known->labelsHash != framework::labelsHashOf(*obj);
        std::optional<framework::PodInfo> before;
        if (labelsChanged && !wasAssumed)
            before = *known;  // the old labels, for the update event
        framework::PodInfo* updated = cache_.updatePod(key, std::move(obj));
        // The assigned-pod informer sees our own bindings as new pods (AssignedPodAdd).
        if (wasAssumed)
            schedQueue_.assignedPodAdded(*updated, now);
        else if (before)
            schedQueue_.assignedPodUpdated(*before, *updated, now);
        return;
    }
    std::shared_ptr<framework::PodInfo> info = framework::newPodInfo(std::move(obj));
    cache_.addPod(info);
    schedQueue_.assignedPodAdded(*info, now);
}

void Scheduler::onPodGone(const ObjectPtr& obj) {
    std::string key = podKey(*obj);
    schedQueue_.remove(key);
    std::shared_ptr<framework::PodInfo> removed = cache_.removePod(key);
    if (!removed)
        return;
    EventObjects objs;
    objs.pod = removed.get();
    schedQueue_.moveAllToActiveOrBackoffQueue({EventResource::AssignedPod, framework::kDelete}, objs, clock_.now());
}

void Scheduler::onNodeEvent(const WatchEvent& event) {
    const ObjectPtr& obj = event.object;
    std::string name = stringAt(*obj, "metadata.name");
    Time now = clock_.now();
    if (event.type == WatchEventType::Deleted) {
        cache_.removeNode(name);
        EventObjects objs;
        objs.oldNode = obj;
        schedQueue_.moveAllToActiveOrBackoffQueue({EventResource::Node, framework::kDelete}, objs, now);
        return;
    }
    framework::NodeInfo* existing = cache_.nodeInfo(name);
    ObjectPtr old = existing ? existing->node : nullptr;
    framework::NodeInfo& n = cache_.addNode(obj);
    EventObjects objs;
    objs.node = &n;
    if (!old) {
        schedQueue_.moveAllToActiveOrBackoffQueue({EventResource::Node, framework::kAdd}, objs, now);
        return;
    }
    objs.oldNode = old;
    for (unsigned action : nodeSchedulingPropertiesChange(*obj, *old))
        schedQueue_.moveAllToActiveOrBackoffQueue({EventResource::Node, action}, objs, now);
}

}  // namespace kp::scheduler
