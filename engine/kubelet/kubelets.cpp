// Dispatch (events to keys, keys to reconcilers) and the read API the command layer uses.
#include "kubelet/kubelets.h"

#include <algorithm>

#include "kubelet/ip_allocator.h"

namespace kp::kubelet {
namespace {

std::string podKey(const std::string& uid) { return "p/" + uid; }
std::string nodeKey(const std::string& name) { return "n/" + name; }

const Json* findContainerStatus(const Json& pod, const std::string& name) {
    for (const char* list : {"status.containerStatuses", "status.initContainerStatuses"}) {
        const Json* statuses = findPath(pod, list);
        if (!statuses || !statuses->is_array())
            continue;
        for (const Json& s : *statuses)
            if (s.value("name", "") == name)
                return &s;
    }
    return nullptr;
}

bool podHasContainer(const Json& pod, const std::string& name) {
    for (const char* list : {"spec.containers", "spec.initContainers", "spec.ephemeralContainers"}) {
        const Json* cs = findPath(pod, list);
        if (!cs || !cs->is_array())
            continue;
        for (const Json& c : *cs)
            if (c.value("name", "") == name)
                return true;
    }
    return false;
}

}  // namespace

NodeConfig minikubeNode(int index, const std::string& profile) {
    NodeConfig c;
    c.name = c.clusterName = profile;
    if (index > 0) {
        char suffix[16];
        std::snprintf(suffix, sizeof suffix, "-m%02d", index + 1);
        c.name += suffix;
    }
    c.internalIP = "192.168.49." + std::to_string(2 + index);
    c.podCIDR = "10.244." + std::to_string(index) + ".0/24";
    if (index >= 256) {
        // SIMPLIFICATION: 10.244.0.0/16 holds 256 node ranges (the 257th node of a real cluster
        // gets none: CIDRNotAvailable); past that the ranges go on in the next /16s (10.245...,
        // then from 10.0 after 10.255), so that scale benchmarks can run thousands of nodes.
        const int block = (244 + index / 256) % 256;
        c.podCIDR = "10." + std::to_string(block) + "." + std::to_string(index % 256) + ".0/24";
    }
    c.controlPlane = index == 0;
    c.primary = index == 0;
    return c;
}

Kubelets::Kubelets(ApiServer& server, VirtualClock& clock, Rng& rng, KubeletOptions options)
    : server_(server),
      clock_(clock),
      rng_(rng),
      options_(options),
      catalog_(runtime::ImageCatalog::builtin()),
      alive_(std::make_shared<bool>(true)) {}

Kubelets::~Kubelets() { *alive_ = false; }

// [SECTION] dispatch

void Kubelets::wake(const std::string& key, Time at, Time& scheduled) {
    const Time now = clock_.now();
    if (at == kNever)
        return;
    if (at < now)
        at = now;
    if (scheduled > now && scheduled <= at && scheduled != kNever)
        return;  // an earlier (or equal) timer is already pending
    std::weak_ptr<bool> alive = alive_;
    clock_.schedule(at, [this, key, alive] {
        if (auto a = alive.lock(); a && *a)
            queue().add(key);
    });
    scheduled = at;
}

void Kubelets::onEvent(const WatchEvent& ev) {
    if (ev.resource != "pods" || !ev.object)
        return;
    const Json& p = *ev.object;
    const std::string uid = stringAt(p, "metadata.uid");
    auto it = pods_.find(uid);
    if (ev.type == WatchEventType::Deleted) {
        if (it != pods_.end())
            queue().add(podKey(uid));
        return;
    }
    if (it == pods_.end()) {
        const std::string node = stringAt(p, "spec.nodeName");
        auto n = nodes_.find(node);
        if (node.empty() || n == nodes_.end() || n->second.removing)
            return;
        auto ps = std::make_unique<PodState>();
        ps->uid = uid;
        ps->ns = stringAt(p, "metadata.namespace");
        ps->name = stringAt(p, "metadata.name");
        ps->node = node;
        podByName_[ps->ns + "/" + ps->name] = uid;
        n->second.pods.insert(uid);
        pods_.emplace(uid, std::move(ps));
        queue().add(podKey(uid));
        return;
    }
    // Our own status writes come back as MODIFIED events: they change nothing to do.
    std::vector<std::string>& own = it->second->ownWriteRVs;
    auto mine = std::find(own.begin(), own.end(), stringAt(p, "metadata.resourceVersion"));
    if (mine != own.end()) {
        own.erase(own.begin(), mine + 1);  // events come in order: older ones were passed over
        return;
    }
    it->second->needsSync = true;
    queue().add(podKey(uid));
}

ReconcileResult Kubelets::reconcile(const std::string& key) {
    if (key.rfind("n/", 0) == 0)
        return reconcileNode(key.substr(2));
    if (key.rfind("p/", 0) == 0)
        return reconcilePod(key.substr(2));
    return ReconcileResult::done();
}

void Kubelets::event(NodeState& node, const Json& object, std::string_view type, std::string_view reason,
                     const std::string& message, const std::string& fieldPath) {
    if (!options_.recordEvents || !node.recorder)
        return;
    node.recorder->event(object, type, reason, message, fieldPath);
}

PodState* Kubelets::podFor(const std::string& ns, const std::string& name) {
    auto it = podByName_.find(ns + "/" + name);
    if (it == podByName_.end())
        return nullptr;
    auto p = pods_.find(it->second);
    return p == pods_.end() ? nullptr : p->second.get();
}

// [SECTION] machines

void Kubelets::addNode(NodeConfig config) {
    const std::string name = config.name;
    NodeState& node = nodes_[name];
    node = NodeState{};
    node.config = std::move(config);
    node.ips.configure(node.config.podCIDR);
    node.client = std::make_unique<Client>(server_, "kubelet/" + name);
    node.recorder = std::make_unique<EventRecorder>(server_, "kubelet", name);
    node.machineID = runtime::pseudoHex64("machine-id/" + name).substr(0, 32);
    node.systemUUID = rng_.uuid();
    node.bootID = rng_.uuid();
    if (node.config.preloadImages)
        for (const runtime::ResolvedImage& img : catalog_.preloadedImages(node.config.imageRepository, node.config.kubeletVersion))
            addImage(node, img, false);
    // Pods already bound to this node (created before the machine joined).
    for (const ObjectPtr& p : server_.store().list("pods")) {
        if (stringAt(*p, "spec.nodeName") != name)
            continue;
        WatchEvent ev;
        ev.type = WatchEventType::Added;
        ev.resource = "pods";
        ev.object = p;
        onEvent(ev);
    }
    queue().add(nodeKey(name));
}

void Kubelets::removeNode(const std::string& name) {
    auto it = nodes_.find(name);
    if (it == nodes_.end())
        return;
    it->second.removing = true;
    it->second.running = true;
    queue().add(nodeKey(name));
}

void Kubelets::setRunning(const std::string& name, bool running) {
    auto it = nodes_.find(name);
    if (it == nodes_.end() || it->second.running == running)
        return;
    NodeState& node = it->second;
    node.running = running;
    if (!running)
        return;
    // A restarted kubelet registers again and resyncs every pod it runs. It is a new process:
    // its event recorder starts with an empty cache, so its events are new objects rather than
    // count bumps of the old process's ones (a second "Starting kubelet." event).
    node.recorder = std::make_unique<EventRecorder>(server_, "kubelet", name);
    node.registered = false;
    node.wakeAt = kNever;
    queue().add(nodeKey(name));
    for (const std::string& uid : node.pods) {
        if (auto p = pods_.find(uid); p != pods_.end()) {
            p->second->needsSync = true;
            p->second->wakeAt = kNever;
        }
        queue().add(podKey(uid));
    }
}

bool Kubelets::isRunning(const std::string& name) const {
    auto it = nodes_.find(name);
    return it != nodes_.end() && it->second.running;
}

std::vector<std::string> Kubelets::nodeNames() const {
    std::vector<std::string> names;
    for (const auto& [name, node] : nodes_)
        names.push_back(name);
    return names;
}

const NodeConfig* Kubelets::nodeConfig(const std::string& name) const {
    auto it = nodes_.find(name);
    return it == nodes_.end() ? nullptr : &it->second.config;
}

// [SECTION] what the command layer reads

// Upstream: pkg/kubelet/kubelet_pods.go#validateContainerLogStatus, and the apiserver's
// pods/log checks (pkg/registry/core/pod/strategy.go#LogLocation).
LogsResult Kubelets::logs(const std::string& ns, const std::string& podName, const std::string& container,
                          bool previous) {
    LogsResult res;
    auto badRequest = [&](const std::string& msg) {
        res.status = Status::failure(400, "BadRequest", msg);
        return res;
    };
    ObjectPtr pod = server_.store().get("pods", ns, podName);
    if (!pod) {
        res.status = Status::failure(404, "NotFound", "pods \"" + podName + "\" not found");
        return res;
    }
    std::string name = container;
    if (name.empty()) {
        const Json* cs = findPath(*pod, "spec.containers");
        if (cs && cs->is_array() && !cs->empty())
            name = (*cs)[0].value("name", "");
    }
    if (!podHasContainer(*pod, name))
        return badRequest("container " + name + " is not valid for pod " + podName);
    if (stringAt(*pod, "spec.nodeName").empty())
        return badRequest("pod " + podName + " does not have a host assigned");
    const Json* cs = findContainerStatus(*pod, name);
    const std::string q = "\"" + name + "\" in pod \"" + podName + "\"";
    if (!cs)
        return badRequest("container " + q + " is not available");
    const Json* state = cs->contains("state") ? &(*cs)["state"] : nullptr;
    const Json* last = cs->contains("lastState") ? &(*cs)["lastState"] : nullptr;
    auto has = [](const Json* j, const char* key) { return j && j->contains(key) && (*j)[key].is_object(); };
    auto idOf = [](const Json* j, const char* key) { return (*j)[key].value("containerID", ""); };
    // Which run's output: the status names it by container ID.
    std::string wantID;
    if (previous) {
        if (!has(last, "terminated") || idOf(last, "terminated").empty())
            return badRequest("previous terminated container " + q + " not found");
        wantID = idOf(last, "terminated");
    } else if (has(state, "running")) {
        wantID = cs->value("containerID", "");
    } else if (has(state, "terminated")) {
        wantID = idOf(state, "terminated");
        if (wantID.empty()) {
            if (!has(last, "terminated") || idOf(last, "terminated").empty())
                return badRequest("container " + q + " is terminated");
            wantID = idOf(last, "terminated");
        }
    } else if (has(last, "terminated")) {
        if (idOf(last, "terminated").empty())
            return badRequest("container " + q + " is terminated");
        wantID = idOf(last, "terminated");
    } else if (has(state, "waiting")) {
        std::string reason = (*state)["waiting"].value("reason", "");
        if (reason == "ErrImagePull")
            return badRequest("container " + q + " is waiting to start: image can't be pulled");
        if (reason == "ImagePullBackOff")
            return badRequest("container " + q + " is waiting to start: trying and failing to pull image");
        return badRequest("container " + q + " is waiting to start: " + reason);
    } else {
        return badRequest("container " + q + " is waiting to start - no logs yet");
    }
    if (size_t sep = wantID.find("://"); sep != std::string::npos)
        wantID = wantID.substr(sep + 3);

    PodState* ps = podFor(ns, podName);
    if (!ps)
        return res;  // no kubelet holds it any more: nothing to show
    for (ContainerState& c : ps->containers) {
        if (c.name != name)
            continue;
        for (ContainerInstance* inst : {c.current.get(), c.previous.get()}) {
            if (!inst || inst->id != wantID || !inst->process)
                continue;
            Time until = inst->running ? clock_.now() : std::min(clock_.now(), inst->finishedAt);
            for (runtime::LogEntry& e : inst->process->logs(until))
                res.lines.push_back(ContainerLogLine{e.time, e.stream == runtime::Stream::Stderr ? "stderr" : "stdout",
                                                     std::move(e.line)});
        }
        return res;
    }
    return res;
}

runtime::Process* Kubelets::process(const std::string& ns, const std::string& podName, const std::string& container) {
    PodState* ps = podFor(ns, podName);
    if (!ps)
        return nullptr;
    for (ContainerState& c : ps->containers) {
        if (!container.empty() && c.name != container)
            continue;
        if (container.empty() && c.init)
            continue;
        return c.current ? c.current->process.get() : nullptr;
    }
    return nullptr;
}

runtime::Process* Kubelets::listener(const std::string& podIP, int port) {
    auto it = podByIP_.find(podIP);
    if (it == podByIP_.end())
        return nullptr;
    auto p = pods_.find(it->second);
    if (p == pods_.end())
        return nullptr;
    for (ContainerState& c : p->second->containers)
        if (c.running() && c.current->process && c.current->process->listens(port))
            return c.current->process.get();
    return nullptr;
}

void Kubelets::containerChanged(const std::string& ns, const std::string& podName) {
    PodState* ps = podFor(ns, podName);
    if (!ps)
        return;
    Time now = clock_.now();
    for (ContainerState& c : ps->containers)
        for (ProbeState* p : {&c.liveness, &c.readiness, &c.startup})
            if (p->defined && p->next == kNever)
                p->next = now;
    queue().add(podKey(ps->uid));
}

}  // namespace kp::kubelet
