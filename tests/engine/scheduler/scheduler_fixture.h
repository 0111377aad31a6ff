// Test stand-ins for the scheduler's world: Node objects as a kubelet registers them (allocatable,
// labels, taints), pods, and the events the scheduler records. withScheduler() is the one place
// that wires kube-scheduler into a test cluster.
#pragma once
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "cluster/cluster.h"
#include "scheduler/scheduler.h"

namespace kp::test {

// Adds kube-scheduler (one Component running the default-scheduler) and lets it catch up.
inline scheduler::Scheduler& withScheduler(Cluster& c) {
    auto comp = std::make_unique<Component>("kube-scheduler", c.store(), c.clock());
    auto s = std::make_unique<scheduler::Scheduler>(c.apiServer(), c.clock(), c.rng());
    scheduler::Scheduler& ref = *s;
    comp->add(std::move(s));
    c.addComponent(std::move(comp));
    c.runUntilIdle();
    return ref;
}

struct NodeSpec {
    std::string cpu = "2";
    std::string memory = "4Gi";
    std::string pods = "110";
    Json labels = Json::object();
    Json taints = Json::array();
    bool unschedulable = false;
};

inline Json nodeObject(const std::string& name, const NodeSpec& spec = {}) {
    Json labels = spec.labels;
    labels["kubernetes.io/hostname"] = name;
    labels["kubernetes.io/os"] = "linux";
    labels["kubernetes.io/arch"] = "amd64";
    Json resources = {{"cpu", spec.cpu}, {"memory", spec.memory}, {"pods", spec.pods}};
    Json node = {{"apiVersion", "v1"},
                 {"kind", "Node"},
                 {"metadata", {{"name", name}, {"labels", labels}}},
                 {"spec", Json::object()},
                 {"status",
                  {{"capacity", resources},
                   {"allocatable", resources},
                   {"conditions", Json::array({{{"type", "Ready"}, {"status", "True"}, {"reason", "KubeletReady"}}})}}}};
    if (!spec.taints.empty())
        node["spec"]["taints"] = spec.taints;
    if (spec.unschedulable)
        node["spec"]["unschedulable"] = true;
    return node;
}

inline void addNode(Cluster& c, const std::string& name, const NodeSpec& spec = {}) {
    ApiResponse r = c.client("kubelet").create(nodeObject(name, spec));
    if (!r.ok())
        throw std::runtime_error("node create: " + r.status.message());
}

inline Json controlPlaneTaint() {
    return Json::array({{{"key", "node-role.kubernetes.io/control-plane"}, {"effect", "NoSchedule"}}});
}

// A one-container pod; `extraSpec` keys are merged into spec, `requests` into the container.
inline Json podObject(const std::string& name, Json requests = Json::object(), Json extraSpec = Json::object(),
                      Json labels = Json::object()) {
    Json container = {{"name", "app"}, {"image", "nginx:1.27"}};
    if (!requests.empty())
        container["resources"] = {{"requests", requests}};
    Json pod = {{"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata", {{"name", name}, {"namespace", "default"}}},
                {"spec", {{"containers", Json::array({container})}}}};
    if (!labels.empty())
        pod["metadata"]["labels"] = labels;
    for (auto it = extraSpec.begin(); it != extraSpec.end(); ++it)
        pod["spec"][it.key()] = it.value();
    return pod;
}

inline void createPod(Cluster& c, const Json& pod) {
    ApiResponse r = c.client("kubectl").create(pod);
    if (!r.ok())
        throw std::runtime_error("pod create: " + r.status.message());
}

inline std::string nodeOf(Cluster& c, const std::string& pod) {
    ObjectPtr p = c.store().get("pods", "default", pod);
    return p ? stringAt(*p, "spec.nodeName") : "<gone>";
}

// The events with this reason about this pod, oldest first.
inline std::vector<Json> podEvents(Cluster& c, const std::string& pod, const std::string& reason) {
    std::vector<Json> out;
    for (const ObjectPtr& e : c.store().list("events", "default"))
        if (stringAt(*e, "reason") == reason && stringAt(*e, "involvedObject.name") == pod)
            out.push_back(*e);
    auto created = [](const Json& e) {
        const std::string n = stringAt(e, "metadata.name");
        return std::stoull(n.substr(n.rfind('.') + 1), nullptr, 16);
    };
    std::stable_sort(out.begin(), out.end(), [&](const Json& a, const Json& b) { return created(a) < created(b); });
    return out;
}

inline Json podScheduledCondition(Cluster& c, const std::string& pod) {
    ObjectPtr p = c.store().get("pods", "default", pod);
    if (const Json* conds = p ? findPath(*p, "status.conditions") : nullptr)
        for (const Json& cond : *conds)
            if (stringAt(cond, "type") == "PodScheduled")
                return cond;
    return Json();
}

inline std::map<std::string, int> podsPerNode(Cluster& c) {
    std::map<std::string, int> out;
    for (const ObjectPtr& p : c.store().list("pods", "default"))
        ++out[stringAt(*p, "spec.nodeName", "<none>")];
    return out;
}

}  // namespace kp::test
