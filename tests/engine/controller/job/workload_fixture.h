// Test stand-ins for the job, cronjob and statefulset controller tests: the workload controllers
// in one extra kube-controller-manager component, and the scheduler's and kubelet's parts played
// through the API (bind a pod, run it Ready, end its container with an exit code, finish a
// graceful deletion). withWorkloadControllers() is the one place that wires the controllers in.
#pragma once
#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "api/owner_refs.h"
#include "cluster/cluster.h"
#include "controller/cronjob/cronjob_controllerv2.h"
#include "controller/job/job_controller.h"
#include "controller/statefulset/stateful_set.h"
#include "controller/ttlafterfinished/ttlafterfinished_controller.h"

namespace kp::test {

inline Cluster& withWorkloadControllers(Cluster& c) {
    auto kcm = std::make_unique<Component>("kube-controller-manager-workloads", c.store(), c.clock());
    kcm->add(std::make_unique<job::JobController>(c.apiServer(), c.clock()));
    kcm->add(std::make_unique<cronjob::CronJobController>(c.apiServer(), c.clock()));
    kcm->add(std::make_unique<statefulset::StatefulSetController>(c.apiServer(), c.clock()));
    kcm->add(std::make_unique<ttlafterfinished::TTLAfterFinishedController>(c.apiServer(), c.clock()));
    c.addComponent(std::move(kcm));
    c.runUntilIdle();
    return c;
}

// "10:00:05" for the cluster's current time (the tests start at 2025-01-15T10:00:00Z).
inline std::string clockTime(Cluster& c) { return formatRFC3339(c.now()).substr(11, 8); }

inline Json create(Cluster& c, const Json& obj) {
    ApiResponse r = c.client("kubectl").create(obj);
    if (!r.ok())
        throw std::runtime_error("create: " + r.status.message());
    c.runUntilIdle();
    return r.object;
}

inline Json get(Cluster& c, const std::string& resource, const std::string& name, const std::string& ns = "default") {
    ObjectPtr o = c.store().get(resource, ns, name);
    return o ? *o : Json();
}

// Pods (sorted by name) whose name starts with `prefix`.
inline std::vector<Json> podsNamed(Cluster& c, const std::string& prefix, const std::string& ns = "default") {
    std::vector<Json> out;
    for (const ObjectPtr& p : c.store().list("pods", ns))
        if (stringAt(*p, "metadata.name").rfind(prefix, 0) == 0)
            out.push_back(*p);
    return out;
}

inline std::vector<std::string> names(const std::vector<Json>& objs) {
    std::vector<std::string> out;
    for (const Json& o : objs)
        out.push_back(stringAt(o, "metadata.name"));
    return out;
}

// The scheduler's part.
inline void bindPod(Cluster& c, const std::string& name, const std::string& node = "minikube",
                    const std::string& ns = "default") {
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

inline Json podConditions(const std::string& now, bool ready) {
    const char* r = ready ? "True" : "False";
    return Json::array({
        {{"type", "PodReadyToStartContainers"}, {"status", "True"}, {"lastProbeTime", nullptr}, {"lastTransitionTime", now}},
        {{"type", "Initialized"}, {"status", "True"}, {"lastProbeTime", nullptr}, {"lastTransitionTime", now}},
        {{"type", "Ready"}, {"status", r}, {"lastProbeTime", nullptr}, {"lastTransitionTime", now}},
        {{"type", "ContainersReady"}, {"status", r}, {"lastProbeTime", nullptr}, {"lastTransitionTime", now}},
        {{"type", "PodScheduled"}, {"status", "True"}, {"lastProbeTime", nullptr}, {"lastTransitionTime", now}},
    });
}

inline void writePodStatus(Cluster& c, Json pod) {
    ApiResponse r = c.client("kubelet").updateStatus(pod);
    if (!r.ok())
        throw std::runtime_error("pod status: " + r.status.message());
    c.runUntilIdle();
}

// The kubelet's part: bound (if not yet) and Running; Ready unless told otherwise.
inline void runPod(Cluster& c, const std::string& name, bool ready = true, const std::string& ns = "default") {
    Json pod = get(c, "pods", name, ns);
    if (pod.is_null())
        throw std::runtime_error("no pod " + name);
    if (stringAt(pod, "spec.nodeName").empty()) {
        bindPod(c, name, "minikube", ns);
        pod = get(c, "pods", name, ns);
    }
    const std::string now = formatRFC3339(c.now());
    pod["status"]["phase"] = "Running";
    pod["status"]["conditions"] = podConditions(now, ready);
    pod["status"]["startTime"] = now;
    Json statuses = Json::array();
    for (const Json& container : pod["spec"]["containers"])
        statuses.push_back({{"name", container["name"]},
                            {"image", container["image"]},
                            {"ready", ready},
                            {"restartCount", 0},
                            {"started", true},
                            {"state", {{"running", {{"startedAt", now}}}}}});
    pod["status"]["containerStatuses"] = statuses;
    writePodStatus(c, pod);
}

// The kubelet's part: the containers end with `exitCode` (0: Succeeded/Completed, else
// Failed/Error) and the pod is no longer Ready.
inline void endPod(Cluster& c, const std::string& name, int exitCode, const std::string& ns = "default") {
    Json pod = get(c, "pods", name, ns);
    if (stringAt(pod, "spec.nodeName").empty()) {
        bindPod(c, name, "minikube", ns);
        pod = get(c, "pods", name, ns);
    }
    const std::string now = formatRFC3339(c.now());
    const std::string started = pod["status"].value("startTime", now);
    pod["status"]["phase"] = exitCode == 0 ? "Succeeded" : "Failed";
    pod["status"]["conditions"] = podConditions(now, false);
    pod["status"]["startTime"] = started;
    Json statuses = Json::array();
    for (const Json& container : pod["spec"]["containers"])
        statuses.push_back({{"name", container["name"]},
                            {"image", container["image"]},
                            {"ready", false},
                            {"restartCount", 0},
                            {"started", false},
                            {"state",
                             {{"terminated",
                               {{"exitCode", exitCode},
                                {"reason", exitCode == 0 ? "Completed" : "Error"},
                                {"startedAt", started},
                                {"finishedAt", now}}}}}});
    pod["status"]["containerStatuses"] = statuses;
    writePodStatus(c, pod);
}

// The kubelet's part of a graceful deletion: the containers stopped, the pod object goes.
inline void finishDeletion(Cluster& c, const std::string& name, const std::string& ns = "default") {
    Client kubelet = c.client("kubelet");
    DeleteOptions now;
    now.gracePeriodSeconds = 0;
    kubelet.remove(kubelet.resource("pods"), ns, name, now);
    c.runUntilIdle();
}

// Core/v1 Events with this reason (all reasons when empty), oldest first, as "reason: message".
inline std::vector<std::string> eventLines(Cluster& c, const std::string& reason = "") {
    std::vector<Json> events;
    for (const ObjectPtr& e : c.store().list("events"))
        if (reason.empty() || stringAt(*e, "reason") == reason)
            events.push_back(*e);
    auto created = [](const Json& e) {
        const std::string n = stringAt(e, "metadata.name");
        return std::stoull(n.substr(n.rfind('.') + 1), nullptr, 16);
    };
    std::stable_sort(events.begin(), events.end(), [&](const Json& a, const Json& b) { return created(a) < created(b); });
    std::vector<std::string> out;
    for (const Json& e : events)
        out.push_back(formatRFC3339(*parseRFC3339(stringAt(e, "firstTimestamp"))).substr(11, 8) + " " +
                      stringAt(e, "reason") + ": " + stringAt(e, "message"));
    return out;
}

}  // namespace kp::test
