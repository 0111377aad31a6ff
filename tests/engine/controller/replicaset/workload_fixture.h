// Test stand-ins for the ReplicaSet and Deployment controller tests: the two controllers on a
// Cluster (which already runs the garbage collector), and a FakeKubelet that plays the
// scheduler and the kubelets: it binds pods to nodes and reports them Running and Ready
// (phase, Ready/ContainersReady conditions, ready containerStatuses), and finishes graceful
// deletions. withWorkloadControllers() is the one place that wires the controllers.
#pragma once
#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "api/owner_refs.h"
#include "api/pod_util.h"
#include "cluster/cluster.h"
#include "controller/deployment/deployment_controller.h"
#include "controller/replicaset/replica_set_controller.h"

namespace kp::test::workload {

inline Cluster& withWorkloadControllers(Cluster& c) {
    auto kcm = std::make_unique<Component>("kube-controller-manager-workloads", c.store(), c.clock());
    kcm->add(std::make_unique<controller::DeploymentController>(c.apiServer(), c.clock()));
    kcm->add(std::make_unique<controller::ReplicaSetController>(c.apiServer(), c.clock()));
    c.addComponent(std::move(kcm));
    c.runUntilIdle();
    return c;
}

// The scheduler and the kubelets, by hand.
class FakeKubelet {
public:
    explicit FakeKubelet(Cluster& c, std::vector<std::string> nodes = {"minikube"}) : c_(c), nodes_(std::move(nodes)) {
        for (const std::string& n : nodes_) {
            Json node = {{"apiVersion", "v1"},
                         {"kind", "Node"},
                         {"metadata", {{"name", n}, {"labels", {{"kubernetes.io/hostname", n}}}}},
                         {"status",
                          {{"conditions", Json::array({{{"type", "Ready"}, {"status", "True"}, {"reason", "KubeletReady"}}})}}}};
            c_.client("kubelet").create(node);
        }
    }

    // Pods whose name starts with one of these prefixes are started but never become Ready
    // (a crash-looping or misconfigured image).
    std::set<std::string> neverReady;

    // Binds unscheduled pods (round-robin over the nodes), makes bound pods Running and Ready,
    // and removes pods whose graceful deletion started. Returns how many pods it touched.
    int step() {
        int touched = 0;
        for (const ObjectPtr& p : c_.store().list("pods")) {
            const std::string ns = stringAt(*p, "metadata.namespace"), name = stringAt(*p, "metadata.name");
            if (pod::isTerminating(*p)) {
                DeleteOptions now;
                now.gracePeriodSeconds = 0;
                Client kubelet = c_.client("kubelet");
                kubelet.remove(kubelet.resource("pods"), ns, name, now);
                ++touched;
                continue;
            }
            if (stringAt(*p, "spec.nodeName").empty()) {
                bind(ns, name, nodes_[next_++ % nodes_.size()]);
                ++touched;
            }
            ObjectPtr cur = c_.store().get("pods", ns, name);
            if (!cur || stringAt(*cur, "status.phase") == "Running")
                continue;
            const bool ready = std::none_of(neverReady.begin(), neverReady.end(),
                                            [&](const std::string& prefix) { return name.rfind(prefix, 0) == 0; });
            run(*cur, ready);
            ++touched;
        }
        return touched;
    }

    // Steps the kubelet and the controllers until neither has anything left to do.
    void settle() {
        c_.runUntilIdle();
        while (step() > 0)
            c_.runUntilIdle();
    }

    void bind(const std::string& ns, const std::string& name, const std::string& node) {
        Json binding = {{"apiVersion", "v1"},
                        {"kind", "Binding"},
                        {"metadata", {{"name", name}, {"namespace", ns}}},
                        {"target", {{"apiVersion", "v1"}, {"kind", "Node"}, {"name", node}}}};
        WriteOptions opts;
        opts.actor = "default-scheduler";
        Client scheduler = c_.client("default-scheduler");
        ApiResponse r = c_.apiServer().create(scheduler.resource("pods"), ns, binding, opts, "binding");
        if (!r.ok())
            throw std::runtime_error("bind: " + r.status.message());
    }

    // status as the kubelet reports a started pod.
    void run(Json pod, bool ready) {
        const std::string now = formatRFC3339(c_.now());
        const std::string readyStatus = ready ? "True" : "False";
        Json& status = pod["status"];
        status["phase"] = "Running";
        status["hostIP"] = "192.168.49.2";
        status["podIP"] = "10.244.0." + std::to_string(2 + (ip_++ % 250));
        status["startTime"] = now;
        auto cond = [&](const char* type, const std::string& s) {
            return Json{{"type", type}, {"status", s}, {"lastProbeTime", nullptr}, {"lastTransitionTime", now}};
        };
        status["conditions"] = Json::array({cond("PodReadyToStartContainers", "True"), cond("Initialized", "True"),
                                            cond("Ready", readyStatus), cond("ContainersReady", readyStatus),
                                            cond("PodScheduled", "True")});
        Json containers = Json::array();
        for (const Json& ctr : pod["spec"]["containers"])
            containers.push_back({{"name", ctr["name"]},
                                  {"image", ctr["image"]},
                                  {"imageID", "docker-pullable://" + ctr["image"].get<std::string>()},
                                  {"ready", ready},
                                  {"started", true},
                                  {"restartCount", 0},
                                  {"state", {{"running", {{"startedAt", now}}}}}});
        status["containerStatuses"] = containers;
        ApiResponse r = c_.client("kubelet").updateStatus(pod);
        if (!r.ok())
            throw std::runtime_error("pod status: " + r.status.message());
    }

private:
    Cluster& c_;
    std::vector<std::string> nodes_;
    size_t next_ = 0;
    int ip_ = 0;
};

// Active pods (not terminating) controlled by the object with this uid.
inline std::vector<Json> podsOf(Cluster& c, const Json& owner) {
    std::vector<Json> out;
    const std::string uid = stringAt(owner, "metadata.uid");
    for (const ObjectPtr& p : c.store().list("pods", stringAt(owner, "metadata.namespace")))
        if (owner::isControlledBy(*p, uid) && !pod::isTerminating(*p))
            out.push_back(*p);
    return out;
}

// Messages of the core/v1 Events with this reason, oldest first (names end in hex nanoseconds).
inline std::vector<std::string> eventMessages(Cluster& c, const std::string& reason) {
    std::vector<Json> events;
    for (const ObjectPtr& e : c.store().list("events"))
        if (stringAt(*e, "reason") == reason)
            events.push_back(*e);
    auto created = [](const Json& e) {
        const std::string n = stringAt(e, "metadata.name");
        return std::stoull(n.substr(n.rfind('.') + 1), nullptr, 16);
    };
    std::stable_sort(events.begin(), events.end(), [&](const Json& a, const Json& b) { return created(a) < created(b); });
    std::vector<std::string> out;
    for (const Json& e : events)
        out.push_back(stringAt(e, "message"));
    return out;
}

inline const Json* conditionOf(const Json& obj, const std::string& type) {
    const Json* conds = findPath(obj, "status.conditions");
    if (!conds || !conds->is_array())
        return nullptr;
    for (const Json& cond : *conds)
        if (stringAt(cond, "type") == type)
            return &cond;
    return nullptr;
}

}  // namespace kp::test::workload
