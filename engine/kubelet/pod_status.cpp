#include "kubelet/pod_status.h"

#include <algorithm>

namespace kp::kubelet {
namespace {

// Go's %s of a []string: "[a b c]".
std::string goList(const std::vector<std::string>& items) {
    std::string s = "[";
    for (size_t i = 0; i < items.size(); ++i)
        s += (i ? " " : "") + items[i];
    return s + "]";
}

Json terminatedState(const ContainerInstance& i) {
    Json t = {{"containerID", "docker://" + i.id},
              {"exitCode", i.exitCode},
              {"finishedAt", formatRFC3339(i.finishedAt)},
              {"reason", i.reason},
              {"startedAt", formatRFC3339(i.startedAt)}};
    if (!i.message.empty())
        t["message"] = i.message;
    return Json{{"terminated", t}};
}

Json waitingState(const std::string& reason, const std::string& message) {
    Json w = {{"reason", reason}};
    if (!message.empty())
        w["message"] = message;
    return Json{{"waiting", w}};
}

// Whether the kubelet will start this exited container again.
bool willRestart(const ContainerState& c, const std::string& policy) {
    if (c.sidecar)
        return true;
    if (c.init)
        return c.current->exitCode != 0 && policy != "Never";
    return shouldRestart(policy, c.current->exitCode);
}

Json containerStatus(const ContainerState& c, const Json& spec, bool hasInit, const std::string& policy,
                     bool podIsTerminal) {
    Json s = Json::object();
    s["name"] = c.name;
    s["restartCount"] = c.restartCount;
    s["ready"] = containerReady(c);
    s["started"] = containerStarted(c);
    Json lastState = Json::object();
    const ContainerInstance* cur = c.current.get();
    if (!cur) {
        s["image"] = spec.value("image", "");
        s["imageID"] = "";
        std::string reason = c.waitingReason.empty() ? (hasInit ? "PodInitializing" : "ContainerCreating") : c.waitingReason;
        s["state"] = waitingState(reason, c.waitingReason.empty() ? "" : c.waitingMessage);
    } else {
        s["image"] = cur->image->statusImage;
        s["imageID"] = cur->image->imageID;
        s["containerID"] = "docker://" + cur->id;
        if (cur->running) {
            s["state"] = Json{{"running", {{"startedAt", formatRFC3339(cur->startedAt)}}}};
            if (c.previous)
                lastState = terminatedState(*c.previous);
        } else if (!c.waitingReason.empty() && !podIsTerminal && willRestart(c, policy)) {
            // A restart was attempted and is failing (back-off, pull, config): waiting.
            s["state"] = waitingState(c.waitingReason, c.waitingMessage);
            lastState = terminatedState(*cur);
        } else {
            s["state"] = terminatedState(*cur);
            if (c.previous)
                lastState = terminatedState(*c.previous);
        }
    }
    s["lastState"] = lastState;
    const Json* mounts = spec.contains("volumeMounts") ? &spec["volumeMounts"] : nullptr;
    if (mounts && mounts->is_array() && !mounts->empty()) {
        Json vm = Json::array();
        for (const Json& m : *mounts) {
            Json e = {{"name", m.value("name", "")}, {"mountPath", m.value("mountPath", "")}};
            if (m.value("readOnly", false)) {
                e["readOnly"] = true;
                e["recursiveReadOnly"] = "Disabled";
            }
            vm.push_back(e);
        }
        s["volumeMounts"] = vm;
    }
    return s;
}

bool has(const Json& j, const char* key) { return j.contains(key) && j[key].is_object(); }

const Json* statusFor(const Json& list, const std::string& name) {
    for (const Json& s : list)
        if (s.value("name", "") == name)
            return &s;
    return nullptr;
}

bool isSidecar(const Json& c) { return c.value("restartPolicy", "") == "Always"; }

Json makeCondition(const Json& oldStatus, const std::string& type, const std::string& status, const std::string& reason,
                   const std::string& message, Time now) {
    Json c = {{"type", type}, {"status", status}, {"lastProbeTime", nullptr}};
    std::string transition = formatRFC3339(now);
    if (oldStatus.contains("conditions") && oldStatus["conditions"].is_array())
        for (const Json& old : oldStatus["conditions"])
            if (old.value("type", "") == type && old.value("status", "") == status && old.contains("lastTransitionTime") &&
                old["lastTransitionTime"].is_string())
                transition = old["lastTransitionTime"].get<std::string>();
    c["lastTransitionTime"] = transition;
    if (!reason.empty())
        c["reason"] = reason;
    if (!message.empty())
        c["message"] = message;
    return c;
}

bool kubeletOwned(const std::string& type) {
    return type == "PodReadyToStartContainers" || type == "Initialized" || type == "Ready" ||
           type == "ContainersReady" || type == "PodScheduled";
}

}  // namespace

bool shouldRestart(const std::string& restartPolicy, int exitCode) {
    if (restartPolicy == "Never")
        return false;
    if (restartPolicy == "OnFailure")
        return exitCode != 0;
    return true;
}

bool containerStarted(const ContainerState& c) {
    if (!c.running())
        return false;
    return !c.startup.defined || c.startup.ok;
}

bool containerReady(const ContainerState& c) {
    if (c.init && !c.sidecar)
        return c.exited() && c.current->exitCode == 0;
    if (!containerStarted(c))
        return false;
    return !c.readiness.defined || c.readiness.ok;
}

// Upstream: pkg/kubelet/kubelet_pods.go#getPhase (v1.32: no per-container restart rules).
std::string podPhase(const Json& spec, const Json& initStatuses, const Json& statuses, bool podIsTerminal,
                     bool podHasInitialized) {
    const std::string policy = spec.value("restartPolicy", "Always");
    int pendingRegularInit = 0, failedInit = 0, pendingRestartableInit = 0;
    int unknown = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0;
    const Json empty = Json::array();
    const Json& inits = spec.contains("initContainers") ? spec["initContainers"] : empty;
    for (const Json& c : inits) {
        if (isSidecar(c))
            continue;
        const Json* s = statusFor(initStatuses, c.value("name", ""));
        if (!s) {
            ++pendingRegularInit;
            continue;
        }
        const Json& st = (*s)["state"];
        if (has(st, "running")) {
            ++pendingRegularInit;
        } else if (has(st, "terminated")) {
            if (st["terminated"].value("exitCode", 0) != 0)
                ++failedInit;
        } else if (has(st, "waiting")) {
            const Json& last = (*s)["lastState"];
            if (has(last, "terminated")) {
                if (last["terminated"].value("exitCode", 0) != 0)
                    ++failedInit;
            } else {
                ++pendingRegularInit;
            }
        } else {
            ++pendingRegularInit;
        }
    }
    for (const Json& c : inits) {
        if (!isSidecar(c))
            continue;
        const Json* s = statusFor(initStatuses, c.value("name", ""));
        if (!s) {
            ++unknown;
            continue;
        }
        const Json& st = (*s)["state"];
        if (has(st, "running")) {
            if (!s->value("started", false))
                ++pendingRestartableInit;
            ++running;
        } else if (has(st, "terminated")) {
        } else if (has(st, "waiting")) {
            if (!has((*s)["lastState"], "terminated")) {
                ++pendingRestartableInit;
                ++waiting;
            }
        } else {
            ++pendingRestartableInit;
            ++unknown;
        }
    }
    const Json& containers = spec.contains("containers") ? spec["containers"] : empty;
    for (const Json& c : containers) {
        const Json* s = statusFor(statuses, c.value("name", ""));
        if (!s) {
            ++unknown;
            continue;
        }
        const Json& st = (*s)["state"];
        if (has(st, "running")) {
            ++running;
        } else if (has(st, "terminated")) {
            ++stopped;
            if (st["terminated"].value("exitCode", 0) == 0)
                ++succeeded;
        } else if (has(st, "waiting")) {
            if (has((*s)["lastState"], "terminated"))
                ++stopped;
            else
                ++waiting;
        } else {
            ++unknown;
        }
    }
    if (failedInit > 0 && policy == "Never")
        return "Failed";
    if (pendingRegularInit > 0 || (pendingRestartableInit > 0 && !podHasInitialized) || waiting > 0)
        return "Pending";
    if (running > 0 && unknown == 0)
        return "Running";
    if (running == 0 && stopped > 0 && unknown == 0) {
        if (podIsTerminal)
            return stopped == succeeded ? "Succeeded" : "Failed";
        if (policy == "Always")
            return "Running";
        if (stopped == succeeded)
            return "Succeeded";
        if (policy == "Never")
            return "Failed";
        return "Running";
    }
    return "Pending";
}

// Upstream: pkg/kubelet/kubelet_pods.go#generateAPIPodStatus.
Json generatePodStatus(const PodStatusInput& in) {
    const PodState& st = in.state;
    const Json& pod = in.pod;
    const Json spec = pod.value("spec", Json::object());
    const Json oldStatus = pod.value("status", Json::object());
    const std::string policy = spec.value("restartPolicy", "Always");
    const bool hasInit = st.initCount > 0;

    // 1. Container statuses: regular ones sorted by name, init ones in spec order.
    Json statuses = Json::array(), initStatuses = Json::array();
    for (size_t i = 0; i < st.containers.size(); ++i) {
        const ContainerState& c = st.containers[i];
        Json s = containerStatus(c, containerSpec(pod, st, i), hasInit, policy, in.podIsTerminal);
        (c.init ? initStatuses : statuses).push_back(std::move(s));
    }
    std::sort(statuses.begin(), statuses.end(),
              [](const Json& a, const Json& b) { return a.value("name", "") < b.value("name", ""); });

    // 2. Phase; a terminal phase never goes back.
    bool anyRegularRunning = false, anyRegularStarted = false;
    for (const ContainerState& c : st.containers) {
        if (c.init)
            continue;
        anyRegularRunning = anyRegularRunning || c.running();
        anyRegularStarted = anyRegularStarted || c.current != nullptr;
    }
    std::string phase = podPhase(spec, initStatuses, statuses, in.podIsTerminal, anyRegularRunning);
    std::string oldPhase = oldStatus.value("phase", "");
    if ((oldPhase == "Succeeded" || oldPhase == "Failed") && phase != oldPhase)
        phase = oldPhase;

    Json status = Json::object();
    status["phase"] = phase;
    if (phase == oldPhase) {
        for (const char* k : {"reason", "message"})
            if (oldStatus.contains(k))
                status[k] = oldStatus[k];
    }
    if (oldStatus.contains("nominatedNodeName"))
        status["nominatedNodeName"] = oldStatus["nominatedNodeName"];
    if (oldStatus.contains("qosClass"))
        status["qosClass"] = oldStatus["qosClass"];

    // 3. Conditions, kubelet-owned ones in the kubelet's order after any others.
    Json conds = Json::array();
    if (oldStatus.contains("conditions") && oldStatus["conditions"].is_array())
        for (const Json& c : oldStatus["conditions"])
            if (!kubeletOwned(c.value("type", "")))
                conds.push_back(c);
    conds.push_back(makeCondition(oldStatus, "PodReadyToStartContainers", st.sandboxReady ? "True" : "False", "", "", in.now));

    // Initialized (GeneratePodInitializedCondition).
    {
        std::vector<std::string> unknown, incomplete;
        const Json empty = Json::array();
        const Json& inits = spec.contains("initContainers") ? spec["initContainers"] : empty;
        for (const Json& c : inits) {
            const Json* s = statusFor(initStatuses, c.value("name", ""));
            if (!s) {
                unknown.push_back(c.value("name", ""));
                continue;
            }
            bool done = isSidecar(c) ? s->value("started", false) : s->value("ready", false);
            if (!done)
                incomplete.push_back(c.value("name", ""));
        }
        if (phase == "Succeeded" && unknown.empty()) {
            conds.push_back(makeCondition(oldStatus, "Initialized", "True", "PodCompleted", "", in.now));
        } else if (anyRegularStarted || (unknown.empty() && incomplete.empty())) {
            conds.push_back(makeCondition(oldStatus, "Initialized", "True", "", "", in.now));
        } else {
            std::vector<std::string> msgs;
            if (!unknown.empty())
                msgs.push_back("containers with unknown status: " + goList(unknown));
            if (!incomplete.empty())
                msgs.push_back("containers with incomplete status: " + goList(incomplete));
            std::string msg = msgs.size() == 2 ? msgs[0] + ", " + msgs[1] : msgs[0];
            conds.push_back(makeCondition(oldStatus, "Initialized", "False", "ContainersNotInitialized", msg, in.now));
        }
    }

    // ContainersReady and Ready (GenerateContainersReadyCondition, GeneratePodReadyCondition).
    std::string crStatus = "True", crReason, crMessage;
    {
        std::vector<std::string> unknown, unready;
        auto check = [&](const Json& c, const Json& list) {
            const Json* s = statusFor(list, c.value("name", ""));
            if (!s)
                unknown.push_back(c.value("name", ""));
            else if (!s->value("ready", false))
                unready.push_back(c.value("name", ""));
        };
        if (spec.contains("initContainers"))
            for (const Json& c : spec["initContainers"])
                if (isSidecar(c))
                    check(c, initStatuses);
        if (spec.contains("containers"))
            for (const Json& c : spec["containers"])
                check(c, statuses);
        if ((phase == "Succeeded" && unknown.empty()) || phase == "Failed") {
            crStatus = "False";
            crReason = phase == "Failed" ? "PodFailed" : "PodCompleted";
        } else if (!unknown.empty() || !unready.empty()) {
            std::vector<std::string> msgs;
            if (!unknown.empty())
                msgs.push_back("containers with unknown status: " + goList(unknown));
            if (!unready.empty())
                msgs.push_back("containers with unready status: " + goList(unready));
            crStatus = "False";
            crReason = "ContainersNotReady";
            crMessage = msgs.size() == 2 ? msgs[0] + ", " + msgs[1] : msgs[0];
        }
    }
    std::string readyStatus = crStatus, readyReason = crReason, readyMessage = crMessage;
    if (crStatus == "True" && spec.contains("readinessGates") && spec["readinessGates"].is_array()) {
        std::vector<std::string> msgs;
        for (const Json& g : spec["readinessGates"]) {
            std::string type = g.value("conditionType", "");
            const Json* found = nullptr;
            for (const Json& c : conds)
                if (c.value("type", "") == type)
                    found = &c;
            if (!found)
                msgs.push_back("corresponding condition of pod readiness gate \"" + type + "\" does not exist.");
            else if (found->value("status", "") != "True")
                msgs.push_back("the status of pod readiness gate \"" + type + "\" is not \"True\", but " +
                               found->value("status", ""));
        }
        if (!msgs.empty()) {
            readyStatus = "False";
            readyReason = "ReadinessGatesNotReady";
            readyMessage.clear();
            for (size_t i = 0; i < msgs.size(); ++i)
                readyMessage += (i ? ", " : "") + msgs[i];
        }
    }
    conds.push_back(makeCondition(oldStatus, "Ready", readyStatus, readyReason, readyMessage, in.now));
    conds.push_back(makeCondition(oldStatus, "ContainersReady", crStatus, crReason, crMessage, in.now));
    conds.push_back(makeCondition(oldStatus, "PodScheduled", "True", "", "", in.now));
    status["conditions"] = std::move(conds);

    // 4. Addresses and start time.
    status["hostIP"] = in.hostIP;
    status["hostIPs"] = Json::array({Json{{"ip", in.hostIP}}});
    std::string podIP = st.hostNetwork ? in.hostIP : st.podIP;
    if (podIP.empty())
        podIP = oldStatus.value("podIP", "");  // a finished pod keeps the address it had
    if (!podIP.empty()) {
        status["podIP"] = podIP;
        status["podIPs"] = Json::array({Json{{"ip", podIP}}});
    }
    status["startTime"] = oldStatus.contains("startTime") && oldStatus["startTime"].is_string()
                              ? oldStatus["startTime"]
                              : Json(formatRFC3339(st.admittedAt));
    status["containerStatuses"] = std::move(statuses);
    if (hasInit)
        status["initContainerStatuses"] = std::move(initStatuses);
    return status;
}

}  // namespace kp::kubelet
