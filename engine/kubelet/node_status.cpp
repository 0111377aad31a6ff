// Registration, the node Lease and node status: what `kubectl get/describe node` shows.
// Upstream: pkg/kubelet/kubelet_node_status.go (initialNode, registerWithAPIServer,
// tryUpdateNodeStatus), pkg/kubelet/nodestatus/setters.go, pkg/kubelet/nodelease and
// staging/src/k8s.io/component-helpers/apimachinery/lease/controller.go.
#include <algorithm>

#include "base/time.h"
#include "kubelet/kubelets.h"

namespace kp::kubelet {
namespace {

constexpr int64_t kLeaseDurationSeconds = 40;
constexpr const char* kMinikubeVersion = "v1.35.0";
constexpr const char* kMinikubeCommit = "dd5d320e41b5451cdf3c01891bc4e13d189586ed-dirty";
constexpr size_t kNodeStatusMaxImages = 50;
constexpr size_t kMaxNamesPerImageInNodeStatus = 5;

Json condition(const char* type, const char* status, const char* reason, const std::string& message, Time heartbeat,
               Time transition) {
    return Json{{"type", type},
                {"status", status},
                {"reason", reason},
                {"message", message},
                {"lastHeartbeatTime", formatRFC3339(heartbeat)},
                {"lastTransitionTime", formatRFC3339(transition)}};
}

const Json* findCondition(const Json& status, const std::string& type) {
    const Json* conds = status.contains("conditions") ? &status["conditions"] : nullptr;
    if (!conds || !conds->is_array())
        return nullptr;
    for (const Json& c : *conds)
        if (c.value("type", "") == type)
            return &c;
    return nullptr;
}

// A copy of `status` without heartbeat times: what nodeStatusHasChanged compares.
Json withoutHeartbeats(Json status) {
    if (status.contains("conditions") && status["conditions"].is_array())
        for (Json& c : status["conditions"])
            c.erase("lastHeartbeatTime");
    return status;
}

}  // namespace

Json Kubelets::nodeRef(const NodeState& node) const {
    // The kubelet's events name the node by name and use the name as UID; `kubectl describe node`
    // searches events that way.
    return Json{{"kind", "Node"}, {"metadata", {{"name", node.config.name}, {"uid", node.config.name}}}};
}

ReconcileResult Kubelets::reconcileNode(const std::string& name) {
    auto it = nodes_.find(name);
    if (it == nodes_.end())
        return ReconcileResult::done();
    NodeState& node = it->second;
    if (node.removing) {
        deleteNode(node);
        return ReconcileResult::done();
    }
    if (!node.running)
        return ReconcileResult::done();
    const Time now = clock_.now();
    if (!node.registered)
        registerNode(node);
    if (!node.registered)
        return ReconcileResult::requeueAfter(Duration::seconds(7));
    if (now >= node.nextLeaseRenew)
        renewLease(node);
    // The status loop runs every 10 s and writes only when something changed or 5 minutes
    // passed; the first Ready=True is posted at once (the kubelet's fast start-up updates).
    bool becameReady = false;
    if (!node.ready && now >= node.readyAt) {
        node.ready = true;
        becameReady = true;
    }
    bool tick = now >= node.nextStatusCheck;
    bool reportDue = now - node.lastStatusReport >= options_.timings.nodeStatusReportFrequency;
    if (becameReady || (tick && (node.statusDirty || reportDue)))
        postNodeStatus(node);
    if (tick)
        node.nextStatusCheck = now + options_.timings.nodeStatusUpdateFrequency;

    Time next = std::min(node.nextLeaseRenew, node.nextStatusCheck);
    if (!node.ready)
        next = std::min(next, node.readyAt);
    wake("n/" + name, next, node.wakeAt);
    return ReconcileResult::done();
}

// The labels and annotations a minikube node carries after `minikube start`.
Json Kubelets::initialNode(NodeState& node) {
    const NodeConfig& cfg = node.config;
    Json labels = {{"beta.kubernetes.io/arch", "amd64"},
                   {"beta.kubernetes.io/os", "linux"},
                   {"kubernetes.io/arch", "amd64"},
                   {"kubernetes.io/hostname", cfg.name},
                   {"kubernetes.io/os", "linux"}};
    Json annotations = {{"volumes.kubernetes.io/controller-managed-attach-detach", "true"}};
    if (cfg.controlPlane) {
        labels["node-role.kubernetes.io/control-plane"] = "";
        labels["node.kubernetes.io/exclude-from-external-load-balancers"] = "";
    }
    if (cfg.minikube) {
        labels["minikube.k8s.io/commit"] = kMinikubeCommit;
        labels["minikube.k8s.io/name"] = cfg.clusterName;
        labels["minikube.k8s.io/primary"] = cfg.primary ? "true" : "false";
        // SIMPLIFICATION: minikube labels the node a moment after kubeadm registers it; here
        // the labels come with the registration.
        std::string ts = formatRFC3339(clock_.now());  // 2025-01-15T10:00:00Z
        std::string updated = ts.substr(0, 4) + "_" + ts.substr(5, 2) + "_" + ts.substr(8, 2) + "T" + ts.substr(11, 2) +
                              "_" + ts.substr(14, 2) + "_" + ts.substr(17, 2) + "_0700";
        labels["minikube.k8s.io/updated_at"] = updated;
        labels["minikube.k8s.io/version"] = kMinikubeVersion;
        annotations["kubeadm.alpha.kubernetes.io/cri-socket"] = "unix:///var/run/cri-dockerd.sock";
        // SIMPLIFICATION: set by kube-controller-manager's ttl controller upstream.
        annotations["node.alpha.kubernetes.io/ttl"] = "0";
    }
    for (const auto& [k, v] : cfg.labels)
        labels[k] = v;
    for (const auto& [k, v] : cfg.annotations)
        annotations[k] = v;
    Json obj = {{"apiVersion", "v1"},
                {"kind", "Node"},
                {"metadata", {{"name", cfg.name}, {"labels", labels}, {"annotations", annotations}}},
                // SIMPLIFICATION: upstream the node-ipam controller assigns the pod CIDR right
                // after registration; here the kubelet registers with it.
                {"spec", {{"podCIDR", cfg.podCIDR}, {"podCIDRs", Json::array({cfg.podCIDR})}}},
                {"status", Json::object()}};
    setNodeStatus(node, obj["status"]);
    return obj;
}

// Upstream: pkg/kubelet/nodestatus/setters.go (NodeAddress, MachineInfo, VersionInfo,
// DaemonEndpoints, Images, ReadyCondition, MemoryPressureCondition, DiskPressureCondition,
// PIDPressureCondition). Conditions keep their transition times while their status holds.
void Kubelets::setNodeStatus(NodeState& node, Json& status) {
    const NodeConfig& cfg = node.config;
    const Time now = clock_.now();
    Json resources = {{"cpu", cfg.cpu},
                      {"ephemeral-storage", cfg.ephemeralStorage},
                      {"hugepages-1Gi", "0"},
                      {"hugepages-2Mi", "0"},
                      {"memory", cfg.memory},
                      {"pods", std::to_string(cfg.pods)}};
    status["capacity"] = resources;
    status["allocatable"] = resources;
    status["addresses"] = Json::array({Json{{"address", cfg.internalIP}, {"type", "InternalIP"}},
                                       Json{{"address", cfg.name}, {"type", "Hostname"}}});
    status["daemonEndpoints"] = Json{{"kubeletEndpoint", {{"Port", 10250}}}};
    status["nodeInfo"] = Json{{"architecture", "amd64"},
                              {"bootID", node.bootID},
                              {"containerRuntimeVersion", cfg.containerRuntimeVersion},
                              {"kernelVersion", cfg.kernelVersion},
                              {"kubeProxyVersion", cfg.kubeletVersion},
                              {"kubeletVersion", cfg.kubeletVersion},
                              {"machineID", node.machineID},
                              {"operatingSystem", "linux"},
                              {"osImage", cfg.osImage},
                              {"systemUUID", node.systemUUID}};
    Json images = nodeImages(node);
    if (images.empty())
        status.erase("images");
    else
        status["images"] = images;

    auto transition = [&](const char* type, const char* newStatus) {
        const Json* old = findCondition(status, type);
        if (old && old->value("status", "") == newStatus)
            return parseRFC3339(old->value("lastTransitionTime", "")).value_or(now);
        return now;
    };
    auto changed = [&](const char* type, const char* newStatus) {
        const Json* old = findCondition(status, type);
        return !old || old->value("status", "") != newStatus;
    };
    std::vector<std::pair<const char*, const char*>> events;
    if (changed("MemoryPressure", "False"))
        events.emplace_back("Normal", "NodeHasSufficientMemory");
    if (changed("DiskPressure", "False"))
        events.emplace_back("Normal", "NodeHasNoDiskPressure");
    if (changed("PIDPressure", "False"))
        events.emplace_back("Normal", "NodeHasSufficientPID");
    const char* ready = node.ready ? "True" : "False";
    bool readyEvent = findCondition(status, "Ready") && changed("Ready", ready);
    Json conds = Json::array();
    conds.push_back(condition("MemoryPressure", "False", "KubeletHasSufficientMemory",
                              "kubelet has sufficient memory available", now, transition("MemoryPressure", "False")));
    conds.push_back(condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now,
                              transition("DiskPressure", "False")));
    conds.push_back(condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available",
                              now, transition("PIDPressure", "False")));
    if (node.ready)
        conds.push_back(condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", now,
                                  transition("Ready", "True")));
    else
        conds.push_back(condition("Ready", "False", "KubeletNotReady",
                                  "container runtime status check may not have completed yet", now,
                                  transition("Ready", "False")));
    // Conditions the kubelet does not own (e.g. NetworkUnavailable) stay, first.
    Json kept = Json::array();
    if (status.contains("conditions") && status["conditions"].is_array())
        for (const Json& c : status["conditions"]) {
            std::string t = c.value("type", "");
            if (t != "MemoryPressure" && t != "DiskPressure" && t != "PIDPressure" && t != "Ready")
                kept.push_back(c);
        }
    for (Json& c : conds)
        kept.push_back(std::move(c));
    status["conditions"] = std::move(kept);

    Json ref = nodeRef(node);
    for (const auto& [type, reason] : events)
        event(node, ref, type, reason, "Node " + cfg.name + " status is now: " + reason);
    if (readyEvent)
        event(node, ref, "Normal", node.ready ? "NodeReady" : "NodeNotReady",
              "Node " + cfg.name + " status is now: " + (node.ready ? "NodeReady" : "NodeNotReady"));
}

// Upstream: pkg/kubelet/kubelet_node_status.go#registerWithAPIServer / tryRegisterWithAPIServer.
void Kubelets::registerNode(NodeState& node) {
    const Time now = clock_.now();
    Json ref = nodeRef(node);
    event(node, ref, "Normal", "Starting", "Starting kubelet.");
    event(node, ref, "Normal", "NodeAllocatableEnforced", "Updated Node Allocatable limit across pods");
    node.ready = false;
    node.startedAt = now;
    node.readyAt = now + node.config.readyAfter;

    ObjectPtr existing = server_.store().get("nodes", "", node.config.name);
    WriteOptions opts;
    opts.fieldManager = "kubelet";
    if (!existing) {
        Json obj = initialNode(node);
        ApiResponse resp = node.client->create(obj, opts);
        if (!resp.ok())
            return;
    } else {
        // Previously registered: keep the object, refresh the kubelet's labels and status.
        Json obj = *existing;
        Json fresh = initialNode(node);
        for (const auto& [k, v] : fresh["metadata"]["labels"].items())
            if (k.rfind("minikube.k8s.io/", 0) != 0)
                obj["metadata"]["labels"][k] = v;
        Json status = obj.value("status", Json::object());
        setNodeStatus(node, status);
        ApiResponse resp = node.client->update(obj, opts);
        if (!resp.ok())
            return;
        Json latest = resp.object;
        latest["status"] = status;
        node.client->updateStatus(latest, opts);
    }
    node.registered = true;
    node.statusDirty = false;
    node.lastStatusReport = now;
    node.nextStatusCheck = now + options_.timings.nodeStatusUpdateFrequency;
    node.nextLeaseRenew = now;
    renewLease(node);
}

// Upstream: component-helpers/apimachinery/lease/controller.go (ensureLease, newLease, renew):
// holderIdentity = node name, leaseDurationSeconds 40, renewTime now, owned by the Node.
void Kubelets::renewLease(NodeState& node) {
    const Time now = clock_.now();
    node.nextLeaseRenew = now + options_.timings.leaseRenewInterval;
    ObjectPtr nodeObj = server_.store().get("nodes", "", node.config.name);
    Json owner;
    if (nodeObj)
        owner = Json::array({Json{{"apiVersion", "v1"},
                                  {"kind", "Node"},
                                  {"name", node.config.name},
                                  {"uid", stringAt(*nodeObj, "metadata.uid")}}});
    WriteOptions opts;
    opts.fieldManager = "kubelet";
    ObjectPtr lease = server_.store().get("leases.coordination.k8s.io", "kube-node-lease", node.config.name);
    if (!lease) {
        Json obj = {{"apiVersion", "coordination.k8s.io/v1"},
                    {"kind", "Lease"},
                    {"metadata", {{"name", node.config.name}, {"namespace", "kube-node-lease"}}},
                    {"spec",
                     {{"holderIdentity", node.config.name},
                      {"leaseDurationSeconds", kLeaseDurationSeconds},
                      {"renewTime", formatRFC3339Micro(now)}}}};
        if (!owner.is_null())
            obj["metadata"]["ownerReferences"] = owner;
        node.client->create(obj, opts);
        return;
    }
    Json obj = *lease;
    obj["spec"]["holderIdentity"] = node.config.name;
    obj["spec"]["leaseDurationSeconds"] = kLeaseDurationSeconds;
    obj["spec"]["renewTime"] = formatRFC3339Micro(now);
    if (!owner.is_null() && !obj["metadata"].contains("ownerReferences"))
        obj["metadata"]["ownerReferences"] = owner;
    node.client->update(obj, opts);
}

// Upstream: tryUpdateNodeStatus: patch the status when it changed, or when
// nodeStatusReportFrequency passed since the last report.
void Kubelets::postNodeStatus(NodeState& node) {
    const Time now = clock_.now();
    ObjectPtr current = server_.store().get("nodes", "", node.config.name);
    if (!current)
        return;  // deleted while we ran: the kubelet does not recreate it until it restarts
    Json obj = *current;
    Json status = obj.value("status", Json::object());
    Json before = withoutHeartbeats(status);
    setNodeStatus(node, status);
    bool changed = withoutHeartbeats(status) != before;
    bool reportDue = now - node.lastStatusReport >= options_.timings.nodeStatusReportFrequency;
    node.statusDirty = false;
    if (!changed && !reportDue)
        return;
    obj["status"] = std::move(status);
    WriteOptions opts;
    opts.fieldManager = "kubelet";
    if (node.client->updateStatus(obj, opts).ok())
        node.lastStatusReport = now;
}

void Kubelets::deleteNode(NodeState& node) {
    const std::string name = node.config.name;
    for (const std::string& uid : node.pods) {
        auto it = pods_.find(uid);
        if (it == pods_.end())
            continue;
        forgetPod(*it->second, nullptr);
        pods_.erase(it);
    }
    DeleteOptions opts;
    opts.actor = "kubelet/" + name;
    node.client->remove(node.client->resource("nodes"), "", name, opts);
    nodes_.erase(name);
}

}  // namespace kp::kubelet
