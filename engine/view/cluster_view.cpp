#include "view/cluster_view.h"

#include <algorithm>
#include <map>
#include <set>

#include "api/owner_refs.h"
#include "api/pod_util.h"
#include "api/resources.h"
#include "apiserver/printers/node.h"
#include "apiserver/printers/pod.h"
#include "apiserver/printers/table.h"
#include "cluster/cluster.h"
#include "cluster/component.h"

namespace kp::view {

// [SECTION] Status words
const char* toString(StatusCategory c) {
    switch (c) {
        case StatusCategory::Running: return "running";
        case StatusCategory::Progressing: return "progressing";
        case StatusCategory::Failing: return "failing";
        case StatusCategory::Terminating: return "terminating";
        case StatusCategory::Completed: return "completed";
    }
    return "progressing";
}

namespace {

bool startsWith(const std::string& s, std::string_view prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// STATUS words that mean "on its way": the phase, the kubelet's waiting reasons while a pod
// starts, and the init-container progress "Init:1/2".
bool isProgressWord(const std::string& status) {
    static const std::set<std::string, std::less<>> words = {
        "Pending", "ContainerCreating", "PodInitializing", "NotReady", "SchedulingGated", "Running"};
    if (words.count(status))
        return true;
    // "Init:0/2" is progress; "Init:ErrImagePull" or "Init:CrashLoopBackOff" is not.
    return startsWith(status, "Init:") && status.find('/') != std::string::npos;
}

}  // namespace

StatusCategory categorize(const std::string& status, bool allReady) {
    if (status == "Running" && allReady)
        return StatusCategory::Running;
    if (status == "Completed" || status == "Succeeded")
        return StatusCategory::Completed;
    if (status == "Terminating" || status == "Unknown")
        return StatusCategory::Terminating;
    if (isProgressWord(status))
        return StatusCategory::Progressing;
    return StatusCategory::Failing;  // CrashLoopBackOff, ErrImagePull, Error, OOMKilled, Evicted ...
}

// [SECTION] Objects
namespace {

// The store's resource ("replicasets.apps") for an ownerReference's kind in its apiVersion.
std::string resourceOf(const Json& ref) {
    const ResourceInfo* info =
        ResourceRegistry::builtin().byKind(stringAt(ref, "apiVersion"), stringAt(ref, "kind"));
    return info ? info->groupResource() : "";
}

}  // namespace

std::vector<OwnerRef> ownerChain(const Cluster& cluster, const Json& object) {
    std::vector<OwnerRef> chain;
    const std::string ns = stringAt(object, "metadata.namespace");
    const Json* current = &object;
    ObjectPtr owner;  // keeps the current owner alive while we look at its own owner
    // Controllers own at most a few levels (Pod <- ReplicaSet <- Deployment, Pod <- Job <- CronJob).
    for (int depth = 0; depth < 8; ++depth) {
        const Json* ref = owner::controllerRef(*current);
        if (!ref)
            break;
        chain.push_back({stringAt(*ref, "kind"), stringAt(*ref, "name")});
        const std::string resource = resourceOf(*ref);
        if (resource.empty())
            break;
        owner = cluster.store().get(resource, ns, stringAt(*ref, "name"));
        if (!owner)
            break;  // the owner is gone (the garbage collector will follow)
        current = owner.get();
    }
    return chain;
}

PodView podView(const Cluster& cluster, const Json& pod) {
    PodView p;
    p.namespace_ = stringAt(pod, "metadata.namespace");
    p.name = stringAt(pod, "metadata.name");
    p.uid = stringAt(pod, "metadata.uid");
    p.node = stringAt(pod, "spec.nodeName");
    p.phase = stringAt(pod, "status.phase");
    p.podIP = stringAt(pod, "status.podIP");
    const printers::PodSummary s = printers::summarizePod(pod);
    p.status = s.status;
    p.readyContainers = s.readyContainers;
    p.totalContainers = s.totalContainers;
    p.ready = printers::formatReady(s);
    p.restarts = s.restarts;
    p.category = categorize(s.status, s.readyContainers == s.totalContainers);
    p.owners = ownerChain(cluster, pod);
    return p;
}

// [SECTION] Components
namespace {

bool componentEnabled(const Cluster& cluster, std::string_view name) {
    for (const auto& c : cluster.components())
        if (c->name() == name)
            return c->enabled();
    return false;
}

// Pods of kube-system with label key=value: "<ready>/<total> pods ready".
ComponentView podBackedComponent(const Cluster& cluster, std::string name, const std::string& key,
                                 const std::string& value) {
    int total = 0, ready = 0;
    for (const ObjectPtr& pod : cluster.store().list("pods", "kube-system")) {
        if (stringAt(*pod, "metadata.labels." + key) != value)
            continue;
        ++total;
        if (pod::isReady(*pod) && !pod::isTerminating(*pod))
            ++ready;
    }
    ComponentView c{std::move(name), ready > 0, ""};
    c.detail = total == 0 ? "not deployed" : std::to_string(ready) + "/" + std::to_string(total) + " pods ready";
    return c;
}

}  // namespace

std::vector<ComponentView> controlPlane(const Cluster& cluster, const std::vector<ComponentView>* podBacked) {
    const MachineState machine = cluster.machineState();
    const bool up = machine == MachineState::Running;
    const std::string machineDetail = std::string("machine ") + toString(machine);
    std::vector<ComponentView> out;
    // SIMPLIFICATION: kube-apiserver and etcd live as long as the minikube machine runs; there is
    // no separate way to stop them.
    out.push_back({"kube-apiserver", up, up ? "serving" : machineDetail});
    out.push_back({"etcd", up, up ? "rv " + std::to_string(cluster.store().resourceVersion()) : machineDetail});
    for (const char* name : {"kube-scheduler", "kube-controller-manager"}) {
        const bool enabled = componentEnabled(cluster, name);
        out.push_back({name, up && enabled, !up ? machineDetail : enabled ? "running" : "stopped"});
    }
    if (podBacked) {
        out.insert(out.end(), podBacked->begin(), podBacked->end());
    } else {
        out.push_back(podBackedComponent(cluster, "coredns", "k8s-app", "kube-dns"));
        out.push_back(podBackedComponent(cluster, "kube-proxy", "k8s-app", "kube-proxy"));
    }
    if (!up)
        for (size_t i = kPodBackedFrom; i < out.size(); ++i)
            out[i].running = false;
    return out;
}

// [SECTION] Nodes
NodeView nodeView(const Json& node) {
    NodeView n;
    n.name = stringAt(node, "metadata.name");
    n.status = printers::nodeStatus(node);
    n.ready = startsWith(n.status, "Ready");
    n.roles = printers::nodeRoles(node);
    n.cordoned = boolAt(node, "spec.unschedulable");
    n.cpu = stringAt(node, "status.capacity.cpu");
    n.memory = stringAt(node, "status.capacity.memory");
    n.maxPods = stringAt(node, "status.capacity.pods");
    if (const Json* addresses = findPath(node, "status.addresses"); addresses && addresses->is_array())
        for (const Json& a : *addresses)
            if (stringAt(a, "type") == "InternalIP")
                n.internalIP = stringAt(a, "address");
    return n;
}

// [SECTION] Services
namespace {

// A label's value ("" when absent); label keys hold dots, so no dotted path.
std::string labelValue(const Json& object, const std::string& key) {
    const Json* labels = findPath(object, "metadata.labels");
    if (!labels || !labels->is_object())
        return "";
    auto it = labels->find(key);
    return it != labels->end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

std::vector<ServiceView> services(const Cluster& cluster) {
    const ObjectStore& store = cluster.store();
    std::vector<ObjectPtr> objects = store.list("services");
    std::vector<ServiceView> out;
    if (objects.empty())
        return out;
    // TYPE, CLUSTER-IP and PORT(S) come from the Service printer, as `kubectl get svc` shows them.
    const ResourceInfo* info = ResourceRegistry::builtin().byGroupResourceName("services");
    printers::TableOptions options;
    options.includeObject = printers::IncludeObject::None;
    const Json table = printers::toTable(*info, objects, cluster.now(), options);
    std::map<std::string, size_t> column;
    const Json& definitions = table.at("columnDefinitions");
    for (size_t i = 0; i < definitions.size(); ++i)
        column[stringAt(definitions[i], "name")] = i;
    auto cell = [&](const Json& row, const char* name) {
        auto it = column.find(name);
        if (it == column.end())
            return std::string();
        const Json& value = row.at("cells").at(it->second);
        return value.is_string() ? value.get<std::string>() : value.dump();
    };

    for (size_t i = 0; i < objects.size(); ++i) {
        const Json& svc = *objects[i];
        const Json& row = table.at("rows").at(i);
        ServiceView s;
        s.namespace_ = stringAt(svc, "metadata.namespace");
        s.name = stringAt(svc, "metadata.name");
        s.type = cell(row, "Type");
        s.clusterIP = cell(row, "Cluster-IP");
        s.ports = cell(row, "Port(s)");
        for (const ObjectPtr& slice : store.list("endpointslices.discovery.k8s.io", s.namespace_)) {
            if (labelValue(*slice, "kubernetes.io/service-name") != s.name)
                continue;
            const Json* endpoints = findPath(*slice, "endpoints");
            if (!endpoints || !endpoints->is_array())
                continue;
            for (const Json& ep : *endpoints) {
                EndpointView e;
                e.pod = stringAt(ep, "targetRef.name");
                if (const Json* a = findPath(ep, "addresses"); a && a->is_array() && !a->empty())
                    e.address = a->at(0).get<std::string>();
                e.ready = boolAt(ep, "conditions.ready");
                e.serving = boolAt(ep, "conditions.serving");
                e.terminating = boolAt(ep, "conditions.terminating");
                s.endpoints.push_back(std::move(e));
            }
        }
        std::sort(s.endpoints.begin(), s.endpoints.end(),
                  [](const EndpointView& a, const EndpointView& b) { return a.pod < b.pod; });
        out.push_back(std::move(s));
    }
    return out;
}

// [SECTION] Events
namespace {

int64_t resourceVersionOf(const Json& object) {
    const std::string rv = stringAt(object, "metadata.resourceVersion");
    int64_t n = 0;
    for (char ch : rv) {
        if (ch < '0' || ch > '9')
            return 0;
        n = n * 10 + (ch - '0');
    }
    return n;
}

EventView eventView(const Json& ev) {
    EventView e;
    const std::string last = stringAt(ev, "lastTimestamp");
    const std::string eventTime = stringAt(ev, "eventTime");
    const std::string created = stringAt(ev, "metadata.creationTimestamp");
    const std::string& when = !last.empty() ? last : !eventTime.empty() ? eventTime : created;
    e.time = parseRFC3339(when).value_or(Time{});
    e.type = stringAt(ev, "type");
    e.reason = stringAt(ev, "reason");
    e.kind = stringAt(ev, "involvedObject.kind");
    e.name = stringAt(ev, "involvedObject.name");
    e.namespace_ = stringAt(ev, "involvedObject.namespace", stringAt(ev, "metadata.namespace"));
    std::string kind = e.kind;
    std::transform(kind.begin(), kind.end(), kind.begin(), [](unsigned char ch) { return std::tolower(ch); });
    e.object = kind + "/" + e.name;
    e.message = stringAt(ev, "message");
    e.source = stringAt(ev, "reportingComponent");
    if (e.source.empty())
        e.source = stringAt(ev, "source.component");
    e.count = intAt(ev, "count", 1);
    if (e.count == 0)
        e.count = 1;
    return e;
}

// Oldest first: by the time of the last occurrence, then by the write that recorded it.
std::vector<EventView> inTimeOrder(std::vector<std::pair<int64_t, EventView>> ordered) {
    std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
        return a.second.time != b.second.time ? a.second.time < b.second.time : a.first < b.first;
    });
    std::vector<EventView> out;
    out.reserve(ordered.size());
    for (auto& entry : ordered)
        out.push_back(std::move(entry.second));
    return out;
}

}  // namespace

std::vector<EventView> events(const Cluster& cluster) {
    std::vector<std::pair<int64_t, EventView>> ordered;  // (resourceVersion, event)
    cluster.store().forEach("events", "", [&](const Json& ev) { ordered.emplace_back(resourceVersionOf(ev), eventView(ev)); });
    return inTimeOrder(std::move(ordered));
}

namespace {

// The last `most` of every event, oldest first.
std::vector<EventView> lastOfAll(const Cluster& cluster, size_t most) {
    std::vector<EventView> all = events(cluster);
    if (all.size() > most)
        all.erase(all.begin(), all.end() - static_cast<std::ptrdiff_t>(most));
    return all;
}

}  // namespace

std::vector<EventView> recentEvents(const Cluster& cluster, size_t most) {
    const ObjectStore& store = cluster.store();
    if (store.count("events") <= most)
        return events(cluster);
    // An Event's time is that of its last write, so the latest by time are the latest written:
    // the API writes in the event log name them, newest first, without reading the ~600,000
    // Events of a 150,000-pod cluster.
    // SIMPLIFICATION: an Event created with a time older than Events written before it (kubectl
    // create -f of an old Event) can be left out once more than `most` exist.
    std::vector<std::pair<int64_t, EventView>> ordered;
    std::set<std::pair<std::string_view, std::string_view>> seen;
    const EventLog::Records& records = cluster.eventLog().records();
    for (auto r = records.rbegin(); r != records.rend() && ordered.size() < most; ++r) {
        if (!(r->resource == "events") || !seen.emplace(r->namespace_.str(), r->name.str()).second)
            continue;
        if (ObjectPtr ev = store.get("events", r->namespace_, r->name))
            ordered.emplace_back(resourceVersionOf(*ev), eventView(*ev));
    }
    if (ordered.size() < most)  // a log that does not go back far enough (a restored cluster)
        return lastOfAll(cluster, most);
    return inTimeOrder(std::move(ordered));
}

// [SECTION] Snapshot
size_t ClusterView::podCount() const {
    size_t n = unscheduledPods.size();
    for (const NodeView& node : nodes)
        n += node.pods.size();
    return n;
}

const PodView* ClusterView::findPod(const std::string& ns, const std::string& name) const {
    auto match = [&](const PodView& p) { return p.namespace_ == ns && p.name == name; };
    for (const NodeView& node : nodes)
        for (const PodView& p : node.pods)
            if (match(p))
                return &p;
    for (const PodView& p : unscheduledPods)
        if (match(p))
            return &p;
    return nullptr;
}

ClusterView snapshot(const Cluster& cluster) {
    ClusterView v;
    v.now = cluster.now();
    v.machine = toString(cluster.machineState());
    v.resourceVersion = cluster.store().resourceVersion();
    v.controlPlane = controlPlane(cluster);

    std::map<std::string, size_t> nodeIndex;
    for (const ObjectPtr& node : cluster.store().list("nodes")) {
        nodeIndex[stringAt(*node, "metadata.name")] = v.nodes.size();
        v.nodes.push_back(nodeView(*node));
    }
    cluster.store().forEach("pods", "", [&](const Json& pod) {
        PodView p = podView(cluster, pod);
        auto it = p.node.empty() ? nodeIndex.end() : nodeIndex.find(p.node);
        if (it == nodeIndex.end())
            v.unscheduledPods.push_back(std::move(p));
        else
            v.nodes[it->second].pods.push_back(std::move(p));
    });
    v.services = services(cluster);
    v.events = recentEvents(cluster, ClusterView::kMaxEvents);
    return v;
}

// [SECTION] JSON
Json toJson(const PodView& p) {
    Json owners = Json::array();
    for (const OwnerRef& o : p.owners)
        owners.push_back({{"kind", o.kind}, {"name", o.name}});
    return {{"namespace", p.namespace_}, {"name", p.name}, {"uid", p.uid}, {"node", p.node},
            {"phase", p.phase}, {"status", p.status}, {"category", toString(p.category)},
            {"ready", p.ready}, {"readyContainers", p.readyContainers},
            {"totalContainers", p.totalContainers}, {"restarts", p.restarts}, {"podIP", p.podIP},
            {"owners", owners}};
}

Json toJson(const EventView& e) {
    return {{"time", formatRFC3339(e.time)}, {"type", e.type}, {"reason", e.reason}, {"object", e.object},
            {"namespace", e.namespace_}, {"message", e.message}, {"source", e.source}, {"count", e.count}};
}

Json toJson(const ClusterView& v) {
    Json components = Json::array();
    for (const ComponentView& c : v.controlPlane)
        components.push_back({{"name", c.name}, {"running", c.running}, {"detail", c.detail}});
    Json nodes = Json::array();
    for (const NodeView& n : v.nodes) {
        Json pods = Json::array();
        for (const PodView& p : n.pods)
            pods.push_back(toJson(p));
        nodes.push_back({{"name", n.name}, {"internalIP", n.internalIP}, {"ready", n.ready},
                         {"status", n.status}, {"roles", n.roles}, {"cordoned", n.cordoned},
                         {"capacity", {{"cpu", n.cpu}, {"memory", n.memory}, {"pods", n.maxPods}}},
                         {"pods", pods}});
    }
    Json unscheduled = Json::array();
    for (const PodView& p : v.unscheduledPods)
        unscheduled.push_back(toJson(p));
    Json services = Json::array();
    for (const ServiceView& s : v.services) {
        Json endpoints = Json::array();
        for (const EndpointView& e : s.endpoints)
            endpoints.push_back({{"pod", e.pod}, {"address", e.address}, {"ready", e.ready},
                                 {"serving", e.serving}, {"terminating", e.terminating}});
        services.push_back({{"namespace", s.namespace_}, {"name", s.name}, {"type", s.type},
                            {"clusterIP", s.clusterIP}, {"ports", s.ports}, {"endpoints", endpoints}});
    }
    Json events = Json::array();
    for (const EventView& e : v.events)
        events.push_back(toJson(e));
    return {{"time", formatRFC3339(v.now)}, {"machine", v.machine}, {"resourceVersion", v.resourceVersion},
            {"controlPlane", components}, {"nodes", nodes}, {"unscheduledPods", unscheduled},
            {"services", services}, {"events", events}};
}

}  // namespace kp::view
