#include "view/explain.h"

#include "api/codec/yaml_encode.h"
#include "api/pod_util.h"
#include "api/resources.h"
#include "cluster/cluster.h"
#include "controller/endpoint/service_backends.h"
#include "scheduler/scheduler.h"

namespace kp::view {
namespace {

std::vector<ConditionView> conditionsOf(const Json& object) {
    std::vector<ConditionView> out;
    const Json* conditions = findPath(object, "status.conditions");
    if (!conditions || !conditions->is_array())
        return out;
    for (const Json& c : *conditions)
        out.push_back({stringAt(c, "type"), stringAt(c, "status"), stringAt(c, "reason"), stringAt(c, "message"),
                       stringAt(c, "lastTransitionTime")});
    return out;
}

std::vector<EventView> eventsAbout(const Cluster& cluster, const std::string& kind, const std::string& ns,
                                   const std::string& name) {
    std::vector<EventView> out;
    for (EventView& e : events(cluster))
        if (e.kind == kind && e.name == name && (ns.empty() || e.namespace_ == ns))
            out.push_back(std::move(e));
    return out;
}

std::optional<SchedulingExplanation> schedulingOf(const Cluster& cluster, const std::string& ns,
                                                  const std::string& name) {
    const scheduler::Scheduler* s = cluster.scheduler();
    if (!s)
        return std::nullopt;
    const scheduler::SchedulingTrace* t = s->lastTrace(ns, name);
    if (!t)
        return std::nullopt;
    SchedulingExplanation x;
    x.time = t->time;
    x.attempt = t->attempt;
    x.result = t->result;
    x.selectedNode = t->selectedNode;
    x.message = t->message;
    x.preFilterPlugin = t->preFilterPlugin;
    x.preemption = t->preemption;
    for (const scheduler::NodeTrace& n : t->nodes) {
        NodeVerdict v;
        v.node = n.node;
        v.passed = n.filterPlugin.empty();
        v.plugin = std::string(n.filterPlugin);
        v.reason = n.reason;
        v.scored = n.scored;
        v.score = n.total;
        v.selected = n.node == t->selectedNode;
        x.nodes.push_back(std::move(v));
    }
    return x;
}

// Whether the Service's EndpointSlices list the pod, and with which ready condition.
bool findEndpoint(const Cluster& cluster, const Json& service, const std::string& podName, bool& ready) {
    const std::string ns = stringAt(service, "metadata.namespace");
    const std::string svc = stringAt(service, "metadata.name");
    for (const ObjectPtr& slice : cluster.store().list("endpointslices.discovery.k8s.io", ns)) {
        const Json* labels = findPath(*slice, "metadata.labels");
        if (!labels || !labels->is_object() || labels->value("kubernetes.io/service-name", "") != svc)
            continue;
        const Json* endpoints = findPath(*slice, "endpoints");
        if (!endpoints || !endpoints->is_array())
            continue;
        for (const Json& ep : *endpoints) {
            if (stringAt(ep, "targetRef.name") != podName)
                continue;
            ready = boolAt(ep, "conditions.ready");
            return true;
        }
    }
    return false;
}

// "containers with unready status: [web]" from the Ready condition, or the containers' own state.
std::string notReadyDetail(const Json& pod) {
    const Json* ready = pod::condition(pod, "Ready");
    if (!ready)
        return "the kubelet has not reported a Ready condition yet";
    std::string detail = "its Ready condition is " + stringAt(*ready, "status");
    const std::string reason = stringAt(*ready, "reason");
    const std::string message = stringAt(*ready, "message");
    if (!reason.empty())
        detail += " (" + reason + (message.empty() ? "" : ": " + message) + ")";
    const Json* statuses = findPath(pod, "status.containerStatuses");
    if (statuses && statuses->is_array()) {
        for (const Json& c : *statuses) {
            if (boolAt(c, "ready"))
                continue;
            const std::string waiting = stringAt(c, "state.waiting.reason");
            if (!waiting.empty())
                detail += "; container " + stringAt(c, "name") + " is waiting: " + waiting;
            else if (findPath(c, "state.running"))
                detail += "; container " + stringAt(c, "name") + " runs but its readiness probe has not passed";
        }
    }
    return detail;
}

}  // namespace

EndpointExplanation explainEndpoint(const Cluster& cluster, const Json& service, const Json& pod) {
    EndpointExplanation x;
    x.service = stringAt(service, "metadata.name");
    x.pod = stringAt(pod, "metadata.name");
    x.listed = findEndpoint(cluster, service, x.pod, x.ready);
    const bool publishNotReady = boolAt(service, "spec.publishNotReadyAddresses");
    // The order follows the EndpointSlice controller's rules (service_backends.cpp, podToEndpoint).
    if (stringAt(pod, "status.podIP").empty()) {
        x.why = "not an endpoint: the pod has no IP yet (it is not running on a node)";
    } else if (pod::isTerminal(pod)) {
        x.why = "not an endpoint: the pod has finished (phase " + stringAt(pod, "status.phase") + ")";
    } else if (pod::isTerminating(pod)) {
        x.why = "terminating endpoint, not ready: the pod is being deleted, so new connections avoid it";
    } else if (publishNotReady) {
        x.why = "ready endpoint: the Service sets publishNotReadyAddresses, readiness is ignored";
    } else if (pod::isReady(pod)) {
        x.why = "ready endpoint: the pod's Ready condition is True";
    } else {
        x.why = "not-ready endpoint: " + notReadyDetail(pod) + "; kube-proxy sends it no traffic";
    }
    if (!x.listed && !stringAt(pod, "status.podIP").empty() && !pod::isTerminal(pod))
        x.why += " (the EndpointSlice controller has not listed it yet)";
    return x;
}

Explanation explain(const Cluster& cluster, const std::string& kind, const std::string& ns, const std::string& name) {
    Explanation x;
    x.name = name;
    const ResourceInfo* info = ResourceRegistry::builtin().lookup(kind);
    if (!info)
        return x;
    x.kind = info->kind;
    x.resource = info->groupResource();
    x.namespace_ = info->namespaced ? ns : "";
    ObjectPtr object = cluster.store().get(x.resource, x.namespace_, name);
    if (!object)
        return x;
    x.found = true;

    Json shown = *object;
    if (shown.contains("metadata") && shown["metadata"].is_object())
        shown["metadata"].erase("managedFields");
    x.yaml = codec::toYamlText(shown);
    x.conditions = conditionsOf(*object);
    x.owners = ownerChain(cluster, *object);
    x.events = eventsAbout(cluster, x.kind, x.namespace_, name);

    if (x.resource == "pods") {
        x.scheduling = schedulingOf(cluster, x.namespace_, name);
        for (const ObjectPtr& svc : cluster.store().list("services", x.namespace_))
            if (controller::endpoint::selects(*svc, *object))
                x.endpoints.push_back(explainEndpoint(cluster, *svc, *object));
    } else if (x.resource == "services") {
        for (const ObjectPtr& pod : cluster.store().list("pods", x.namespace_))
            if (controller::endpoint::selects(*object, *pod))
                x.endpoints.push_back(explainEndpoint(cluster, *object, *pod));
    }
    return x;
}

Json toJson(const Explanation& e) {
    Json conditions = Json::array();
    for (const ConditionView& c : e.conditions)
        conditions.push_back({{"type", c.type}, {"status", c.status}, {"reason", c.reason}, {"message", c.message},
                              {"lastTransitionTime", c.lastTransitionTime}});
    Json owners = Json::array();
    for (const OwnerRef& o : e.owners)
        owners.push_back({{"kind", o.kind}, {"name", o.name}});
    Json events = Json::array();
    for (const EventView& ev : e.events)
        events.push_back(toJson(ev));
    Json endpoints = Json::array();
    for (const EndpointExplanation& ep : e.endpoints)
        endpoints.push_back({{"service", ep.service}, {"pod", ep.pod}, {"listed", ep.listed}, {"ready", ep.ready},
                             {"why", ep.why}});
    Json out = {{"found", e.found}, {"kind", e.kind}, {"resource", e.resource}, {"namespace", e.namespace_},
                {"name", e.name}, {"yaml", e.yaml}, {"conditions", conditions}, {"owners", owners},
                {"events", events}, {"endpoints", endpoints}, {"scheduling", nullptr}};
    if (e.scheduling) {
        const SchedulingExplanation& s = *e.scheduling;
        Json nodes = Json::array();
        for (const NodeVerdict& n : s.nodes)
            nodes.push_back({{"node", n.node}, {"passed", n.passed}, {"plugin", n.plugin}, {"reason", n.reason},
                             {"scored", n.scored}, {"score", n.score}, {"selected", n.selected}});
        out["scheduling"] = {{"time", formatRFC3339(s.time)}, {"attempt", s.attempt}, {"result", s.result},
                             {"selectedNode", s.selectedNode}, {"message", s.message},
                             {"preFilterPlugin", s.preFilterPlugin}, {"preemption", s.preemption}, {"nodes", nodes}};
    }
    return out;
}

}  // namespace kp::view
