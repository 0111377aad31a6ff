// Shared set-up for the kubelet tests: a Cluster with the kubelet component and helpers to
// create pods bound to a node directly (no scheduler) and to read what the kubelet wrote.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "cluster/cluster.h"
#include "kubelet/kubelets.h"

namespace kp::test {

// The one place that wires the kubelets into a cluster (the lead may switch it to the
// built-in wiring).
inline kubelet::Kubelets& withKubelets(Cluster& c, kubelet::KubeletOptions options = {}) {
    auto comp = std::make_unique<Component>("kubelet", c.store(), c.clock());
    auto k = std::make_unique<kubelet::Kubelets>(c.apiServer(), c.clock(), c.rng(), options);
    kubelet::Kubelets* ptr = k.get();
    comp->add(std::move(k));
    c.addComponent(std::move(comp));
    return *ptr;
}

inline Json podOn(const std::string& name, const std::string& node, Json containers, Json extraSpec = Json::object()) {
    Json spec = {{"nodeName", node}, {"containers", std::move(containers)}};
    for (auto& [k, v] : extraSpec.items())
        spec[k] = v;
    return Json{{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", {{"name", name}, {"namespace", "default"}}},
                {"spec", spec}};
}

inline Json container(const std::string& name, const std::string& image, Json extra = Json::object()) {
    Json c = {{"name", name}, {"image", image}};
    for (auto& [k, v] : extra.items())
        c[k] = v;
    return c;
}

inline Json getPod(Cluster& c, const std::string& name, const std::string& ns = "default") {
    ObjectPtr p = c.store().get("pods", ns, name);
    return p ? *p : Json();
}

// "Reason: message" of the events about `name`, oldest first (count suffix when > 1).
inline std::vector<std::string> eventsFor(Cluster& c, const std::string& name, const std::string& ns = "default") {
    std::vector<std::pair<std::string, std::string>> rows;
    for (const ObjectPtr& e : c.store().list("events", ns)) {
        if (stringAt(*e, "involvedObject.name") != name)
            continue;
        std::string line = stringAt(*e, "reason") + ": " + stringAt(*e, "message");
        int64_t count = intAt(*e, "count", 1);
        if (count > 1)
            line += " (x" + std::to_string(count) + ")";
        rows.emplace_back(stringAt(*e, "metadata.name"), line);
    }
    std::vector<std::string> out;
    for (auto& [n, l] : rows)
        out.push_back(l);
    return out;
}

}  // namespace kp::test
