// Pods: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED-NODE READINESS-GATES.
#include "apiserver/printers/pod.h"

#include <map>

#include "api/pod_util.h"
#include "apiserver/printers/printer.h"

namespace kp::printers {
namespace {

bool isRestartableInitContainer(const Json* container) {
    return container && stringAt(*container, "restartPolicy") == "Always";
}

// Keeps the later of `latest` and the container's lastState.terminated.finishedAt.
void noteLastTermination(const Json& status, Time& latest) {
    auto finished = parseRFC3339(stringAt(status, "lastState.terminated.finishedAt"));
    if (finished && latest < *finished)
        latest = *finished;
}

// "Signal:9" / "ExitCode:3" for a terminated state without a reason.
std::string exitDescription(const Json& terminated) {
    int64_t signal = intAt(terminated, "signal");
    if (signal != 0)
        return "Signal:" + std::to_string(signal);
    return "ExitCode:" + std::to_string(intAt(terminated, "exitCode"));
}

bool hasPodCondition(const Json& pod, std::string_view type) {
    const Json* c = pod::condition(pod, type);
    return c && stringAt(*c, "status") == "True";
}

void podRow(const Json& pod, const PrintContext& ctx, Row& row) {
    const PodSummary s = summarizePod(pod);
    row.cells = {stringAt(pod, "metadata.name"), formatReady(s), s.status, formatRestarts(s, ctx.now),
                 age(pod, ctx.now)};

    const std::string phase = stringAt(pod, "status.phase");
    if (phase == "Succeeded")
        row.conditions = Json::array({{{"type", "Completed"},
                                       {"status", "True"},
                                       {"reason", "Succeeded"},
                                       {"message", "The pod has completed successfully."}}});
    else if (phase == "Failed")
        row.conditions = Json::array(
            {{{"type", "Completed"}, {"status", "True"}, {"reason", "Failed"}, {"message", "The pod failed."}}});

    if (!ctx.wide)
        return;
    std::string ip;
    if (const Json* ips = arrayAt(pod, "status.podIPs"); ips && !ips->empty())
        ip = stringAt((*ips)[0], "ip");
    std::string node = stringAt(pod, "spec.nodeName");
    std::string nominated = stringAt(pod, "status.nominatedNodeName");
    std::string gates = "<none>";
    if (const Json* rg = arrayAt(pod, "spec.readinessGates"); rg && !rg->empty()) {
        int trueConditions = 0;
        for (const Json& gate : *rg) {
            const Json* c = pod::condition(pod, stringAt(gate, "conditionType"));
            if (c && stringAt(*c, "status") == "True")
                ++trueConditions;
        }
        gates = std::to_string(trueConditions) + "/" + std::to_string(rg->size());
    }
    row.cells.push_back(ip.empty() ? "<none>" : ip);
    row.cells.push_back(node.empty() ? "<none>" : node);
    row.cells.push_back(nominated.empty() ? "<none>" : nominated);
    row.cells.push_back(gates);
}

}  // namespace

PodSummary summarizePod(const Json& pod) {
    // Upstream: pkg/printers/internalversion/printers.go#printPod
    PodSummary s;
    const Json* containers = arrayAt(pod, "spec.containers");
    s.totalContainers = containers ? static_cast<int>(containers->size()) : 0;

    // 1. The phase, or the pod's own reason.
    const std::string phase = stringAt(pod, "status.phase");
    s.status = phase;
    if (std::string reason = stringAt(pod, "status.reason"); !reason.empty())
        s.status = reason;
    if (const Json* conds = arrayAt(pod, "status.conditions"))
        for (const Json& c : *conds)
            if (stringAt(c, "type") == "PodScheduled" && stringAt(c, "reason") == "SchedulingGated")
                s.status = "SchedulingGated";

    std::map<std::string, const Json*> initContainers;
    const Json* initSpecs = arrayAt(pod, "spec.initContainers");
    const size_t initCount = initSpecs ? initSpecs->size() : 0;
    if (initSpecs)
        for (const Json& c : *initSpecs) {
            initContainers[stringAt(c, "name")] = &c;
            if (isRestartableInitContainer(&c))
                ++s.totalContainers;
        }
    auto initSpec = [&](const std::string& name) -> const Json* {
        auto it = initContainers.find(name);
        return it == initContainers.end() ? nullptr : it->second;
    };

    // 2. Init containers, in order, up to the first that has not finished.
    int64_t sidecarRestarts = 0;
    Time lastSidecarRestart;
    bool initializing = false;
    if (const Json* statuses = arrayAt(pod, "status.initContainerStatuses")) {
        for (size_t i = 0; i < statuses->size(); ++i) {
            const Json& cs = (*statuses)[i];
            const bool sidecar = isRestartableInitContainer(initSpec(stringAt(cs, "name")));
            s.restarts += intAt(cs, "restartCount");
            noteLastTermination(cs, s.lastRestart);
            if (sidecar) {
                sidecarRestarts += intAt(cs, "restartCount");
                noteLastTermination(cs, lastSidecarRestart);
            }
            const Json* terminated = findPath(cs, "state.terminated");
            const Json* waiting = findPath(cs, "state.waiting");
            if (terminated && intAt(*terminated, "exitCode") == 0)
                continue;
            if (sidecar && boolAt(cs, "started")) {
                if (boolAt(cs, "ready"))
                    ++s.readyContainers;
                continue;
            }
            initializing = true;
            if (terminated) {
                std::string reason = stringAt(*terminated, "reason");
                s.status = "Init:" + (reason.empty() ? exitDescription(*terminated) : reason);
            } else if (waiting && !stringAt(*waiting, "reason").empty() &&
                       stringAt(*waiting, "reason") != "PodInitializing") {
                s.status = "Init:" + stringAt(*waiting, "reason");
            } else {
                s.status = "Init:" + std::to_string(i) + "/" + std::to_string(initCount);
            }
            break;
        }
    }

    // 3. App containers, last to first: the first container's state has the final word.
    if (!initializing || hasPodCondition(pod, "Initialized")) {
        s.restarts = sidecarRestarts;
        s.lastRestart = lastSidecarRestart;
        bool hasRunning = false;
        if (const Json* statuses = arrayAt(pod, "status.containerStatuses")) {
            for (size_t k = statuses->size(); k-- > 0;) {
                const Json& cs = (*statuses)[k];
                s.restarts += intAt(cs, "restartCount");
                noteLastTermination(cs, s.lastRestart);
                const Json* waiting = findPath(cs, "state.waiting");
                const Json* terminated = findPath(cs, "state.terminated");
                if (waiting && !stringAt(*waiting, "reason").empty()) {
                    s.status = stringAt(*waiting, "reason");
                } else if (terminated && !stringAt(*terminated, "reason").empty()) {
                    s.status = stringAt(*terminated, "reason");
                } else if (terminated) {
                    s.status = exitDescription(*terminated);
                } else if (boolAt(cs, "ready") && findPath(cs, "state.running")) {
                    hasRunning = true;
                    ++s.readyContainers;
                }
            }
        }
        if (s.status == "Completed" && hasRunning)
            s.status = hasPodCondition(pod, "Ready") ? "Running" : "NotReady";
    }

    // 4. Deletion in progress.
    if (isBeingDeleted(pod)) {
        if (stringAt(pod, "status.reason") == "NodeLost")
            s.status = "Unknown";
        else if (phase != "Succeeded" && phase != "Failed")
            s.status = "Terminating";
    }
    return s;
}

std::string formatReady(const PodSummary& s) {
    return std::to_string(s.readyContainers) + "/" + std::to_string(s.totalContainers);
}

std::string formatRestarts(const PodSummary& s, Time now) {
    std::string n = std::to_string(s.restarts);
    if (s.restarts == 0 || s.lastRestart.isZero())
        return n;
    return n + " (" + translateTimestampSince(s.lastRestart, now) + " ago)";
}

void addPodPrinters(PrinterMap& m) {
    m["pods"] = Printer{
        {
            nameColumn(),
            column("Ready", "string", "Ready containers out of all containers (sidecars included)."),
            column("Status", "string", "A one-word summary of the pod's phase and its containers' states."),
            column("Restarts", "string", "Container restarts, and how long ago the last one happened."),
            ageColumn(),
            column("IP", "string", fieldDoc("core/v1.PodStatus", "podIP"), 1),
            column("Node", "string", fieldDoc("core/v1.PodSpec", "nodeName"), 1),
            column("Nominated Node", "string", fieldDoc("core/v1.PodStatus", "nominatedNodeName"), 1),
            column("Readiness Gates", "string", fieldDoc("core/v1.PodSpec", "readinessGates"), 1),
        },
        podRow,
    };
}

}  // namespace kp::printers
