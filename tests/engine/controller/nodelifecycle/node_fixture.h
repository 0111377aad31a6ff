// Test stand-ins for what the node controllers react to: Node objects, the kubelet's heartbeat
// Lease (kube-node-lease, renewed every 10 s, leaseDurationSeconds 40), pods bound to nodes and
// run by a "kubelet", and a way to read the Events the controllers record.
// withNodeControllers() is the one place that wires the controllers into a test cluster. Own
// namespace: the workload fixtures have helpers of the same names with other argument orders.
#pragma once
#include <algorithm>
#include <memory>
#include <stdexcept>
#include <tuple>
#include <set>
#include <string>
#include <vector>

#include "cluster/cluster.h"
#include "controller/daemon/daemon_controller.h"
#include "controller/nodelifecycle/node_lifecycle_controller.h"
#include "controller/podgc/pod_gc_controller.h"
#include "controller/tainteviction/taint_eviction_controller.h"

namespace kp::test::nodes {

// The node controllers of kube-controller-manager, in one extra component.
inline Cluster& withNodeControllers(Cluster& c) {
    auto kcm = std::make_unique<Component>("kube-controller-manager-nodes", c.store(), c.clock());
    kcm->add(std::make_unique<nodelifecycle::NodeLifecycleController>(c.apiServer(), c.clock()));
    kcm->add(std::make_unique<tainteviction::TaintEvictionController>(c.apiServer(), c.clock()));
    kcm->add(std::make_unique<podgc::PodGCController>(c.apiServer()));
    kcm->add(std::make_unique<daemon::DaemonSetsController>(c.apiServer(), c.clock()));
    c.addComponent(std::move(kcm));
    c.runUntilIdle();
    return c;
}

inline std::string rfc3339(Cluster& c) { return formatRFC3339(c.now()); }

// A node as the kubelet registers it, Ready with a fresh heartbeat (and its Lease).
inline void addNode(Cluster& c, const std::string& name, Json labels = Json::object(), bool ready = true) {
    Client k = c.client("kubelet");
    labels["kubernetes.io/hostname"] = name;
    labels["kubernetes.io/os"] = "linux";
    labels["kubernetes.io/arch"] = "amd64";
    labels["beta.kubernetes.io/os"] = "linux";
    labels["beta.kubernetes.io/arch"] = "amd64";
    Json conditions = Json::array();
    if (ready) {
        const std::string now = rfc3339(c);
        for (auto [type, status, reason, message] :
             {std::tuple{"MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"},
              std::tuple{"DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"},
              std::tuple{"PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"},
              std::tuple{"Ready", "True", "KubeletReady", "kubelet is posting ready status"}})
            conditions.push_back({{"type", type},
                                  {"status", status},
                                  {"reason", reason},
                                  {"message", message},
                                  {"lastHeartbeatTime", now},
                                  {"lastTransitionTime", now}});
    }
    Json node = {{"apiVersion", "v1"},
                 {"kind", "Node"},
                 {"metadata", {{"name", name}, {"labels", labels}}},
                 {"spec", {{"podCIDR", "10.244.0.0/24"}}},
                 {"status", {{"conditions", conditions}}}};
    ApiResponse r = k.create(node);
    if (!r.ok())
        throw std::runtime_error("node create: " + r.status.message());
    if (!ready)
        return;
    Json lease = {{"apiVersion", "coordination.k8s.io/v1"},
                  {"kind", "Lease"},
                  {"metadata", {{"name", name}, {"namespace", "kube-node-lease"}}},
                  {"spec",
                   {{"holderIdentity", name},
                    {"leaseDurationSeconds", 40},
                    {"renewTime", formatRFC3339Micro(c.now())}}}};
    r = k.create(lease);
    if (!r.ok())
        throw std::runtime_error("lease create: " + r.status.message());
}

// The kubelet's heartbeat: spec.renewTime = now.
inline void renewLease(Cluster& c, const std::string& name) {
    Client k = c.client("kubelet");
    ObjectPtr lease = c.store().get("leases.coordination.k8s.io", "kube-node-lease", name);
    if (!lease)
        return;
    Json l = *lease;
    l["spec"]["renewTime"] = formatRFC3339Micro(c.now());
    k.update(l);
}

// The kubelet posting its conditions again (after a restart, or reporting Ready=False).
inline void postNodeStatus(Cluster& c, const std::string& name, const std::string& readyStatus = "True") {
    Client k = c.client("kubelet");
    Json node = *c.store().get("nodes", "", name);
    const std::string now = rfc3339(c);
    for (Json& cond : node["status"]["conditions"]) {
        std::string want = cond["type"] == "Ready" ? readyStatus : "False";
        if (cond["status"] != want)
            cond["lastTransitionTime"] = now;
        cond["status"] = want;
        cond["lastHeartbeatTime"] = now;
        if (cond["type"] == "Ready") {
            cond["reason"] = readyStatus == "True" ? "KubeletReady" : "KubeletNotReady";
            cond["message"] = readyStatus == "True" ? "kubelet is posting ready status"
                                                    : "container runtime network not ready";
        }
    }
    k.updateStatus(node);
}

// Every 10 s, renews the Lease of each node in `alive` (remove a node to "stop its kubelet").
// Declare it after the Cluster so that it goes first.
class LeaseHeartbeats {
public:
    LeaseHeartbeats(Cluster& c, std::set<std::string> alive) : c_(c), alive(std::move(alive)) { schedule(); }
    std::set<std::string> alive;

private:
    void schedule() {
        c_.clock().schedule(c_.now() + Duration::seconds(10), [this] {
            for (const std::string& n : alive)
                renewLease(c_, n);
            schedule();
        });
    }
    Cluster& c_;
};

// A pod bound to `node` that its kubelet runs: Running, Ready, the admission defaults.
inline Json addRunningPod(Cluster& c, const std::string& name, const std::string& node, Json tolerations = nullptr,
                          const std::string& ns = "default") {
    Client user = c.client("kubectl");
    Json pod = {{"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata", {{"name", name}, {"namespace", ns}, {"labels", {{"app", name}}}}},
                {"spec", {{"nodeName", node}, {"containers", Json::array({{{"name", "app"}, {"image", "nginx:1.25"}}})}}}};
    if (!tolerations.is_null())
        pod["spec"]["tolerations"] = tolerations;
    ApiResponse r = user.create(pod);
    if (!r.ok())
        throw std::runtime_error("pod create: " + r.status.message());
    Json running = r.object;
    const std::string now = rfc3339(c);
    running["status"]["phase"] = "Running";
    running["status"]["conditions"] = Json::array({
        {{"type", "Initialized"}, {"status", "True"}, {"lastProbeTime", nullptr}, {"lastTransitionTime", now}},
        {{"type", "Ready"}, {"status", "True"}, {"lastProbeTime", nullptr}, {"lastTransitionTime", now}},
        {{"type", "ContainersReady"}, {"status", "True"}, {"lastProbeTime", nullptr}, {"lastTransitionTime", now}},
        {{"type", "PodScheduled"}, {"status", "True"}, {"lastProbeTime", nullptr}, {"lastTransitionTime", now}},
    });
    Client kubelet = c.client("kubelet");
    r = kubelet.updateStatus(running);
    if (!r.ok())
        throw std::runtime_error("pod status: " + r.status.message());
    return r.object;
}

// The scheduler's part: binds a pending pod to the node its daemon affinity names.
inline void bindPod(Cluster& c, const std::string& ns, const std::string& name, const std::string& node) {
    Json binding = {{"apiVersion", "v1"},
                    {"kind", "Binding"},
                    {"metadata", {{"name", name}, {"namespace", ns}}},
                    {"target", {{"apiVersion", "v1"}, {"kind", "Node"}, {"name", node}}}};
    Client scheduler = c.client("default-scheduler");
    WriteOptions opts;
    opts.actor = "default-scheduler";
    ApiResponse r = c.apiServer().create(scheduler.resource("pods"), ns, binding, opts, "binding");
    if (!r.ok())
        throw std::runtime_error("bind: " + r.status.message());
}

// The kubelet's part: a bound pod starts and becomes Ready.
inline void markRunningReady(Cluster& c, const std::string& ns, const std::string& name) {
    Json pod = *c.store().get("pods", ns, name);
    const std::string now = rfc3339(c);
    pod["status"]["phase"] = "Running";
    pod["status"]["conditions"] = Json::array({
        {{"type", "Initialized"}, {"status", "True"}, {"lastProbeTime", nullptr}, {"lastTransitionTime", now}},
        {{"type", "Ready"}, {"status", "True"}, {"lastProbeTime", nullptr}, {"lastTransitionTime", now}},
        {{"type", "ContainersReady"}, {"status", "True"}, {"lastProbeTime", nullptr}, {"lastTransitionTime", now}},
        {{"type", "PodScheduled"}, {"status", "True"}, {"lastProbeTime", nullptr}, {"lastTransitionTime", now}},
    });
    ApiResponse r = c.client("kubelet").updateStatus(pod);
    if (!r.ok())
        throw std::runtime_error("pod status: " + r.status.message());
}

// The kubelet's part of a graceful deletion: containers stopped, the pod object goes.
inline void finishDeletion(Cluster& c, const std::string& ns, const std::string& name) {
    Client kubelet = c.client("kubelet");
    DeleteOptions now;
    now.gracePeriodSeconds = 0;
    kubelet.remove(kubelet.resource("pods"), ns, name, now);
}

// Core/v1 Events with this reason, oldest first.
inline std::vector<Json> eventsWithReason(Cluster& c, const std::string& reason) {
    std::vector<Json> out;
    for (const ObjectPtr& e : c.store().list("events"))
        if (stringAt(*e, "reason") == reason)
            out.push_back(*e);
    // Names end in the creation time in hex nanoseconds: sort by it.
    auto created = [](const Json& e) {
        const std::string n = stringAt(e, "metadata.name");
        return std::stoull(n.substr(n.rfind('.') + 1), nullptr, 16);
    };
    std::stable_sort(out.begin(), out.end(), [&](const Json& a, const Json& b) { return created(a) < created(b); });
    return out;
}

inline const Json* nodeCondition(const Json& node, const std::string& type) {
    const Json* conds = findPath(node, "status.conditions");
    if (!conds)
        return nullptr;
    for (const Json& c : *conds)
        if (c["type"] == type)
            return &c;
    return nullptr;
}

// "key:effect" of each taint, in order.
inline std::vector<std::string> taintsOf(Cluster& c, const std::string& node) {
    std::vector<std::string> out;
    ObjectPtr n = c.store().get("nodes", "", node);
    if (!n)
        return out;
    if (const Json* t = findPath(*n, "spec.taints"))
        for (const Json& taint : *t)
            out.push_back(stringAt(taint, "key") + ":" + stringAt(taint, "effect"));
    return out;
}

inline std::string taintTimeAdded(Cluster& c, const std::string& node, const std::string& key, const std::string& effect) {
    ObjectPtr n = c.store().get("nodes", "", node);
    if (const Json* t = n ? findPath(*n, "spec.taints") : nullptr)
        for (const Json& taint : *t)
            if (stringAt(taint, "key") == key && stringAt(taint, "effect") == effect)
                return stringAt(taint, "timeAdded");
    return "";
}

}  // namespace kp::test::nodes
