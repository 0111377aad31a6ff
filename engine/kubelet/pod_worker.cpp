// The pod worker: one pod's sync loop.
//
// A sync (SyncPod) first writes the status the kubelet currently sees, then decides what to do
// (computePodActions) and does it step by step: create the sandbox, start the next init
// container or every container that should run, kill containers that failed liveness. Steps
// that take time (sandbox, image pulls, graceful kills) park the worker until they finish;
// when a sync started or stopped something the next sync follows at once (PLEG), and a sync
// that failed somewhere (pull error, back-off, missing ConfigMap) is retried 10 s later.
// Deletion and completion go through termination: containers get SIGTERM, then SIGKILL at the
// end of the grace period, the sandbox goes, the final status is written and, for a deleted
// pod, the kubelet removes the object with grace period 0.
//
// Upstream: pkg/kubelet/pod_workers.go, kubelet.go (SyncPod, SyncTerminatingPod,
// SyncTerminatedPod), kuberuntime/kuberuntime_manager.go (computePodActions, SyncPod),
// status/status_manager.go (canBeDeleted: delete with grace 0 once everything stopped).
#include <algorithm>

#include "kubelet/kubelets.h"
#include "kubelet/pod_status.h"

namespace kp::kubelet {
namespace {

bool deletionRequested(const Json& pod) {
    const Json* ts = findPath(pod, "metadata.deletionTimestamp");
    return ts && !ts->is_null();
}

std::string specHash(const Json& spec) {
    return spec.value("image", "") + "\x1f" + spec.value("command", Json::array()).dump() + "\x1f" +
           spec.value("args", Json::array()).dump();
}

}  // namespace

ReconcileResult Kubelets::reconcilePod(const std::string& uid) {
    auto it = pods_.find(uid);
    if (it == pods_.end())
        return ReconcileResult::done();
    PodState& pod = *it->second;
    auto nit = nodes_.find(pod.node);
    if (nit == nodes_.end()) {
        forgetPod(pod, nullptr);
        pods_.erase(it);
        return ReconcileResult::done();
    }
    NodeState& node = nit->second;
    if (!node.running || node.removing)
        return ReconcileResult::done();
    const Time now = clock_.now();
    ObjectPtr obj = server_.store().get("pods", pod.ns, pod.name);
    if (!obj || stringAt(*obj, "metadata.uid") != uid) {
        // Gone from the API (force deletion, or our own final delete): stop what still runs.
        forgetPod(pod, &node);
        pods_.erase(it);
        return ReconcileResult::done();
    }
    if (pod.containers.empty())
        admitPod(pod, *obj);
    if (pod.finished)
        return ReconcileResult::done();

    if (observeRuntime(pod, node, *obj, now))
        pod.needsSync = true;
    bool probeChange = runProbes(pod, node, *obj, now);

    for (int round = 0; round < 16; ++round) {
        obj = server_.store().get("pods", pod.ns, pod.name);
        if (!obj)
            break;
        if (pod.op.kind != PodOp::Kind::None) {
            if (now < pod.op.done)
                break;
            completeOp(pod, node, *obj, now);
            continuePlan(pod, node, *obj, now);
            continue;
        }
        if (!pod.plan.empty()) {
            continuePlan(pod, node, *obj, now);
            continue;
        }
        if (pod.terminating || deletionRequested(*obj)) {
            if (!pod.terminating)
                startTermination(pod, node, *obj, now);
            progressTermination(pod, node, *obj, now);
            probeChange = false;
            break;
        }
        bool retry = pod.retryAt && now >= *pod.retryAt;
        if (!pod.needsSync && !retry)
            break;
        pod.needsSync = false;
        pod.retryAt.reset();
        observeRuntime(pod, node, *obj, now);  // PLEG relists right before the sync
        syncPod(pod, node, *obj, now);
        probeChange = false;
    }
    if (probeChange && !pod.finished)
        writeStatus(pod, node, false, now);
    if (!pod.finished)
        schedulePod(pod, now);
    return ReconcileResult::done();
}

// The kubelet admits the pod: one entry per init container and container, probe workers tick
// from now on.
void Kubelets::admitPod(PodState& pod, const Json& obj) {
    pod.admittedAt = clock_.now();
    pod.hostNetwork = boolAt(obj, "spec.hostNetwork");
    pod.containers.clear();
    if (const Json* inits = findPath(obj, "spec.initContainers"); inits && inits->is_array())
        for (const Json& c : *inits) {
            ContainerState cs;
            cs.name = c.value("name", "");
            cs.init = true;
            cs.sidecar = c.value("restartPolicy", "") == "Always";
            pod.containers.push_back(std::move(cs));
        }
    pod.initCount = pod.containers.size();
    if (const Json* cs = findPath(obj, "spec.containers"); cs && cs->is_array())
        for (const Json& c : *cs) {
            ContainerState st;
            st.name = c.value("name", "");
            pod.containers.push_back(std::move(st));
        }
    // A pod the API already shows as finished (a restarted kubelet) needs nothing.
    std::string phase = stringAt(obj, "status.phase");
    if (phase == "Succeeded" || phase == "Failed") {
        pod.terminal = true;
        pod.finished = true;
    }
}

void Kubelets::markExited(ContainerState& c, Time at) {
    ContainerInstance& inst = *c.current;
    inst.running = false;
    inst.finishedAt = at;
    inst.exitCode = inst.process ? inst.process->exitCode() : 137;
    inst.reason = inst.process ? inst.process->exitReason() : "Error";
    inst.killAt.reset();
    inst.exitAt.reset();
    inst.recheckAt = kNever;
}

// PLEG: notices containers that ended (on their own, or SIGKILLed at the end of a grace period).
bool Kubelets::observeRuntime(PodState& pod, NodeState& node, const Json& obj, Time now) {
    bool changed = false;
    for (ContainerState& c : pod.containers) {
        if (!c.running())
            continue;
        ContainerInstance& inst = *c.current;
        // Ended from inside (`kubectl exec ... kill 1`) without the kubelet predicting it.
        if (!inst.exitAt && inst.process->exited())
            inst.exitAt = inst.process->exitTime();
        if (inst.recheckAt <= now && !inst.exitAt) {
            inst.exitAt = inst.process->predictExit(now, Duration::hours(24), &inst.recheckAt);
        }
        if (inst.exitAt && *inst.exitAt <= now && (!inst.killAt || *inst.exitAt <= *inst.killAt)) {
            inst.process->advanceTo(*inst.exitAt);
            markExited(c, inst.process->exitTime());
            changed = true;
            continue;
        }
        if (inst.killAt && *inst.killAt <= now) {
            Time at = *inst.killAt;
            inst.process->kill(at);
            markExited(c, at);
            changed = true;
        }
    }
    return changed;
}

void Kubelets::schedulePod(PodState& pod, Time now) {
    Time next = kNever;
    if (pod.op.kind != PodOp::Kind::None)
        next = std::min(next, pod.op.done);
    for (const ContainerState& c : pod.containers) {
        if (!c.running())
            continue;
        const ContainerInstance& inst = *c.current;
        if (inst.exitAt)
            next = std::min(next, *inst.exitAt);
        else
            next = std::min(next, inst.recheckAt);
        if (inst.killAt)
            next = std::min(next, *inst.killAt);
    }
    if (pod.retryAt)
        next = std::min(next, *pod.retryAt);
    next = std::min(next, nextProbeTime(pod));
    if (next <= now)
        next = now + Duration::millis(1);
    wake("p/" + pod.uid, next, pod.wakeAt);
}

std::string Kubelets::writeStatus(PodState& pod, NodeState& node, bool podIsTerminal, Time now) {
    ObjectPtr cur = server_.store().get("pods", pod.ns, pod.name);
    if (!cur || stringAt(*cur, "metadata.uid") != pod.uid)
        return "";
    Json status = generatePodStatus(PodStatusInput{pod, *cur, node.config.internalIP, podIsTerminal, now});
    std::string phase = status.value("phase", "");
    const Json* old = findPath(*cur, "status");
    if (old && *old == status)
        return phase;
    // PUT pods/<name>/status takes only the body's status (and its resourceVersion and uid as
    // preconditions): the rest of the pod is not sent, so it is not copied either.
    Json body = {{"apiVersion", stringAt(*cur, "apiVersion")},
                 {"kind", stringAt(*cur, "kind")},
                 {"metadata",
                  {{"name", pod.name},
                   {"namespace", pod.ns},
                   {"uid", pod.uid},
                   {"resourceVersion", stringAt(*cur, "metadata.resourceVersion")}}},
                 {"status", std::move(status)}};
    WriteOptions opts;
    opts.fieldManager = "kubelet";
    ApiResponse resp = node.client->updateStatus(body, opts);
    if (resp.ok()) {
        // Bounded: a watch that dropped events (a relist) must not make this grow.
        if (pod.ownWriteRVs.size() >= 8)
            pod.ownWriteRVs.erase(pod.ownWriteRVs.begin());
        pod.ownWriteRVs.push_back(stringAt(resp.object, "metadata.resourceVersion"));
    }
    return phase;
}

// Upstream: pkg/kubelet/kubelet.go#SyncPod: status first, then the runtime's SyncPod.
void Kubelets::syncPod(PodState& pod, NodeState& node, const Json& obj, Time now) {
    if (pod.terminal)
        return;
    pod.planError = false;
    pod.runtimeChanged = false;
    std::string phase = writeStatus(pod, node, false, now);
    if (phase == "Succeeded" || phase == "Failed") {
        // Done for good (restartPolicy Never/OnFailure): stop what is left, then finish.
        pod.terminal = true;
        startTermination(pod, node, obj, now);
        progressTermination(pod, node, obj, now);
        return;
    }
    computeActions(pod, obj, now);
    if (!pod.sandboxReady) {
        pod.op = PodOp{};
        pod.op.kind = PodOp::Kind::Sandbox;
        pod.op.done = now + options_.timings.sandboxCreation;
        return;
    }
    continuePlan(pod, node, obj, now);
}

// Upstream: kuberuntime_manager.go#computePodActions and computeInitContainerActions.
void Kubelets::computeActions(PodState& pod, const Json& obj, Time now) {
    pod.plan.clear();
    const std::string policy = stringAt(obj, "spec.restartPolicy", "Always");
    auto start = [&](size_t i) { pod.plan.push_back(PodStep{PodStep::Kind::Start, i, "", false}); };
    auto restartFor = [&](size_t i) {
        ContainerState& c = pod.containers[i];
        if (c.running() && c.restartRequested) {
            pod.plan.push_back(PodStep{PodStep::Kind::Kill, i, c.restartMessage, false});
            bool restart = c.sidecar || policy != "Never";
            if (restart)
                pod.plan.push_back(PodStep{PodStep::Kind::Start, i, "", true});
            else
                c.restartRequested = false;
            return true;
        }
        return false;
    };
    // A container whose image (or command) changed is replaced.
    for (size_t i = 0; i < pod.containers.size(); ++i) {
        ContainerState& c = pod.containers[i];
        if (c.running() && !c.restartRequested && c.current->specHash != specHash(containerSpec(obj, pod, i))) {
            c.restartRequested = true;
            c.restartMessage = "Container " + c.name + " definition changed, will be restarted";
        }
    }

    bool anyRegularStarted = false;
    for (size_t i = pod.initCount; i < pod.containers.size(); ++i)
        anyRegularStarted = anyRegularStarted || pod.containers[i].current != nullptr;

    // 1. Init containers, one at a time, in order. Sidecars must have started before the next.
    if (!anyRegularStarted) {
        for (size_t i = 0; i < pod.initCount; ++i) {
            ContainerState& c = pod.containers[i];
            if (c.sidecar) {
                if (restartFor(i))
                    return;
                if (c.running()) {
                    if (!containerStarted(c))
                        return;  // wait for its startup probe
                    continue;
                }
                start(i);
                return;
            }
            if (c.exited() && c.current->exitCode == 0)
                continue;
            if (c.running())
                return;
            if (c.exited() && policy == "Never")
                return;  // failed for good: getPhase makes the pod Failed
            start(i);
            return;
        }
    }
    // 2. Sidecars keep running next to the containers.
    for (size_t i = 0; i < pod.initCount; ++i) {
        ContainerState& c = pod.containers[i];
        if (!c.sidecar || !anyRegularStarted)
            continue;
        if (!restartFor(i) && !c.running())
            start(i);
    }
    // 3. The containers.
    for (size_t i = pod.initCount; i < pod.containers.size(); ++i) {
        ContainerState& c = pod.containers[i];
        if (restartFor(i))
            continue;
        if (c.running())
            continue;
        if (!c.current || shouldRestart(policy, c.current->exitCode))
            start(i);
    }
}

void Kubelets::continuePlan(PodState& pod, NodeState& node, const Json& obj, Time now) {
    while (pod.op.kind == PodOp::Kind::None && !pod.plan.empty()) {
        PodStep step = pod.plan.front();
        pod.plan.erase(pod.plan.begin());
        ContainerState& c = pod.containers[step.container];
        if (step.kind == PodStep::Kind::Kill) {
            int64_t grace = intAt(obj, "spec.terminationGracePeriodSeconds", 30);
            stopContainer(pod, node, obj, c, now, Duration::seconds(grace), step.message, true);
            pod.runtimeChanged = true;
            if (c.running()) {
                pod.op = PodOp{};
                pod.op.kind = PodOp::Kind::Kill;
                pod.op.container = step.container;
                pod.op.done = *c.current->killAt;
            }
            continue;
        }
        bool failed = false;
        startContainer(pod, node, obj, step.container, step.afterKill, now, failed);
        pod.planError = pod.planError || failed;
    }
    if (pod.op.kind != PodOp::Kind::None || !pod.plan.empty())
        return;
    std::vector<PodStep>().swap(pod.plan);  // a settled pod keeps no step storage
    // The sync is over. Changes are noticed at once (PLEG); failures retry in 10 s.
    if (pod.runtimeChanged)
        pod.needsSync = true;
    if (pod.planError)
        pod.retryAt = now + kBackOffPeriod;
    pod.runtimeChanged = false;
    pod.planError = false;
}

void Kubelets::completeOp(PodState& pod, NodeState& node, const Json& obj, Time now) {
    switch (pod.op.kind) {
    case PodOp::Kind::None:
        return;
    case PodOp::Kind::Sandbox:
        pod.op = PodOp{};
        pod.sandboxReady = true;
        if (!pod.hostNetwork) {
            if (auto ip = node.ips.allocate()) {
                pod.podIP = *ip;
                podByIP_[*ip] = pod.uid;
            }
        }
        pod.runtimeChanged = true;
        return;
    case PodOp::Kind::Pull: {
        bool failed = false;
        finishPull(pod, node, obj, now, failed);
        pod.planError = pod.planError || failed;
        return;
    }
    case PodOp::Kind::Kill:
        pod.op = PodOp{};
        return;
    }
}

void Kubelets::stopContainer(PodState& pod, NodeState& node, const Json& obj, ContainerState& c, Time now,
                             Duration grace, const std::string& message, bool recordEvent) {
    if (!c.running())
        return;
    size_t index = static_cast<size_t>(&c - pod.containers.data());
    if (recordEvent)
        event(node, obj, "Normal", "Killing", message.empty() ? "Stopping container " + c.name : message,
              containerFieldPath(pod, index));
    ContainerInstance& inst = *c.current;
    if (std::optional<Time> exit = inst.process->terminate(now)) {
        markExited(c, *exit);
        return;
    }
    inst.killAt = now + std::max(grace, options_.timings.minimumGracePeriod);
}

// Upstream: kubelet.go#SyncTerminatingPod: regular containers get SIGTERM now, sidecars after
// them (in reverse order), everything is SIGKILLed at the end of the grace period.
void Kubelets::startTermination(PodState& pod, NodeState& node, const Json& obj, Time now) {
    pod.terminating = true;
    pod.op = PodOp{};  // SIMPLIFICATION: an image pull in progress is abandoned at once
    pod.plan.clear();
    pod.retryAt.reset();
    pod.needsSync = false;
    int64_t grace = intAt(obj, "metadata.deletionGracePeriodSeconds",
                          intAt(obj, "spec.terminationGracePeriodSeconds", 30));
    if (!deletionRequested(obj))
        grace = intAt(obj, "spec.terminationGracePeriodSeconds", 30);
    pod.killDeadline = now + Duration::seconds(grace);
    if (deletionRequested(obj))
        writeStatus(pod, node, false, now);
    for (ContainerState& c : pod.containers)
        if (!c.sidecar)
            stopContainer(pod, node, obj, c, now, Duration::seconds(grace), "", true);
}

void Kubelets::progressTermination(PodState& pod, NodeState& node, const Json& obj, Time now) {
    bool regularRunning = false;
    for (const ContainerState& c : pod.containers)
        regularRunning = regularRunning || (!c.sidecar && c.running());
    if (regularRunning)
        return;
    if (!pod.sidecarsStopped) {
        pod.sidecarsStopped = true;
        Duration left = pod.killDeadline > now ? pod.killDeadline - now : Duration{};
        for (size_t i = pod.initCount; i-- > 0;)
            if (pod.containers[i].sidecar)
                stopContainer(pod, node, obj, pod.containers[i], now, left, "", true);
    }
    for (const ContainerState& c : pod.containers)
        if (c.running())
            return;
    finishTerminal(pod, node, obj, now);
}

// Upstream: kubelet.go#SyncTerminatedPod and status_manager.go#syncPod (canBeDeleted).
void Kubelets::finishTerminal(PodState& pod, NodeState& node, const Json& obj, Time now) {
    if (pod.sandboxReady) {
        pod.sandboxReady = false;
        if (!pod.podIP.empty()) {
            node.ips.release(pod.podIP);
            podByIP_.erase(pod.podIP);
        }
    }
    pod.terminal = true;
    pod.finished = true;
    writeStatus(pod, node, true, now);
    ObjectPtr cur = server_.store().get("pods", pod.ns, pod.name);
    if (!cur || !deletionRequested(*cur))
        return;
    DeleteOptions opts;
    opts.gracePeriodSeconds = 0;
    opts.preconditionUid = pod.uid;
    node.client->remove(node.client->resource("pods"), pod.ns, pod.name, opts);
}

void Kubelets::forgetPod(PodState& pod, NodeState* node) {
    Time now = clock_.now();
    for (ContainerState& c : pod.containers)
        if (c.running() && c.current->process)
            c.current->process->kill(now);
    if (!pod.podIP.empty()) {
        podByIP_.erase(pod.podIP);
        if (node && pod.sandboxReady)
            node->ips.release(pod.podIP);
    }
    auto byName = podByName_.find(pod.ns + "/" + pod.name);
    if (byName != podByName_.end() && byName->second == pod.uid)
        podByName_.erase(byName);
    if (node)
        node->pods.erase(pod.uid);
}

}  // namespace kp::kubelet
