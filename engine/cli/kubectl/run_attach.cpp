#include "cli/kubectl/run_attach.h"

#include "api/pod_util.h"
#include "kubelet/kubelets.h"

namespace kp::cli {
namespace {

// How often the simulated kubectl looks at the pod while it waits (its watch sees every
// change; the steps only need to be finer than the kubelet's own timings).
constexpr Duration kPollStep = Duration::millis(100);

enum class Verdict { Waiting, Met, Completed };
enum class WaitResult { Met, Completed, Deleted, Timeout };

// Polls the pod in virtual time until `condition` decides, the pod is gone or time is up.
template <typename Condition>
WaitResult waitForPod(KubectlContext& ctx, const std::string& ns, const std::string& name, Duration timeout,
                      Condition condition, Json& last) {
    const Time deadline = ctx.cluster.now() + timeout;
    const ResourceInfo& pods = *ctx.cluster.apiServer().resources().byKind("v1", "Pod");
    while (true) {
        ctx.cluster.runUntilIdle();
        ApiResponse got = ctx.cluster.apiServer().get(pods, ns, name);
        if (!got.ok())
            return WaitResult::Deleted;
        last = got.object;
        Verdict v = condition(last);
        if (v == Verdict::Met)
            return WaitResult::Met;
        if (v == Verdict::Completed)
            return WaitResult::Completed;
        if (ctx.cluster.now() >= deadline)
            return WaitResult::Timeout;
        ctx.cluster.advance(kPollStep);
    }
}

bool isFinished(const Json& pod) {
    const std::string phase = stringAt(pod, "status.phase");
    return phase == "Succeeded" || phase == "Failed";
}

Verdict runningAndReady(const Json& pod) {
    if (isFinished(pod))
        return Verdict::Completed;
    if (stringAt(pod, "status.phase") == "Running" && pod::isReady(pod))
        return Verdict::Met;
    return Verdict::Waiting;
}

// The first container has exited (or the pod is over): what an attach session waits for.
Verdict containerExited(const Json& pod) {
    if (isFinished(pod))
        return Verdict::Met;
    const Json* statuses = findPath(pod, "status.containerStatuses");
    if (statuses && statuses->is_array() && !statuses->empty() && findPath((*statuses)[0], "state.terminated"))
        return Verdict::Met;
    return Verdict::Waiting;
}

}  // namespace

bool containerLog(KubectlContext& ctx, const std::string& ns, const std::string& pod, const std::string& container,
                  std::string& text, std::string& error) {
    kubelet::Kubelets* kubelets = ctx.cluster.kubelets();
    if (!kubelets)
        return false;  // An API-only cluster (no nodes): there is no container output to show.
    kubelet::LogsResult logs = kubelets->logs(ns, pod, container, false);
    if (!logs.status.ok()) {
        error = serverErrorText(logs.status);
        return true;
    }
    for (const kubelet::ContainerLogLine& l : logs.lines)
        text += l.line + "\n";
    return true;
}

CommandResult runAttached(KubectlContext& ctx, const AttachRun& run) {
    CommandResult res;
    Json pod;
    auto removeAndFinish = [&](CommandResult failure) {
        if (run.remove) {
            DeleteOptions del;
            del.actor = "kubectl";
            del.propagationPolicy = PropagationPolicy::Background;
            const ResourceInfo& pods = *ctx.cluster.apiServer().resources().byKind("v1", "Pod");
            ApiResponse gone = ctx.cluster.apiServer().remove(pods, run.ns, run.pod, del);
            if (gone.ok() && !run.quiet)
                res.out += "pod \"" + run.pod + "\" deleted\n";
            ctx.cluster.runUntilIdle();
        }
        return res.append(failure);
    };
    auto printLog = [&]() {
        std::string text, error;
        if (containerLog(ctx, run.ns, run.pod, "", text, error)) {
            res.out += text;
            res.err += error;
        }
    };

    WaitResult w = waitForPod(ctx, run.ns, run.pod, run.timeout, runningAndReady, pod);
    if (w == WaitResult::Timeout)
        return removeAndFinish(CommandResult::failure("error: timed out waiting for the condition\n"));
    if (w == WaitResult::Deleted)
        return removeAndFinish(CommandResult::failure("Error from server (NotFound): pods \"\" not found\n"));
    if (w == WaitResult::Completed) {
        printLog();
    } else {
        if (!run.quiet && run.interactive && run.tty)
            res.err += "If you don't see a command prompt, try pressing enter.\n";
        waitForPod(ctx, run.ns, run.pod, run.timeout, containerExited, pod);
        printLog();
        if (run.interactive && run.tty && run.restartPolicy == "Always")
            res.out += "Session ended, resume using 'kubectl attach " + run.pod + " -c " + run.pod +
                       " -i -t' command when the pod is running\n";
    }

    const bool waitForExitCode = !run.leaveStdinOpen && (run.restartPolicy == "Never" || run.restartPolicy == "OnFailure");
    if (!waitForExitCode)
        return removeAndFinish({});
    auto done = [&](const Json& p) {
        const std::string phase = stringAt(p, "status.phase");
        if (run.restartPolicy == "OnFailure")
            return phase == "Succeeded" ? Verdict::Met : Verdict::Waiting;
        return isFinished(p) ? Verdict::Met : Verdict::Waiting;
    };
    w = waitForPod(ctx, run.ns, run.pod, run.timeout, done, pod);
    if (w == WaitResult::Timeout)
        return removeAndFinish(CommandResult::failure("error: timed out waiting for the condition\n"));
    if (w == WaitResult::Deleted)
        return removeAndFinish(CommandResult::failure("Error from server (NotFound): pods \"\" not found\n"));
    const std::string phase = stringAt(pod, "status.phase");
    const std::string podRef = run.ns + "/" + run.pod;
    if (phase == "Succeeded")
        return removeAndFinish({});
    if (phase != "Failed")
        return removeAndFinish(CommandResult::failure("error: pod " + podRef + " left in phase " + phase + "\n"));
    const Json* statuses = findPath(pod, "status.containerStatuses");
    const Json* terminated =
        statuses && statuses->is_array() && !statuses->empty() ? findPath((*statuses)[0], "state.terminated") : nullptr;
    const int64_t code = terminated ? terminated->value("exitCode", int64_t{0}) : 0;
    if (code == 0)
        return removeAndFinish(CommandResult::failure("error: pod " + podRef + " failed with unknown exit code\n"));
    // An exit error is printed as is (no "error: " prefix) and becomes kubectl's exit code.
    std::string text = "pod " + podRef + " terminated (" + terminated->value("reason", "") + ")\n" +
                       terminated->value("message", "");
    if (text.back() != '\n')
        text += "\n";
    return removeAndFinish(CommandResult::failure(text, static_cast<int>(code)));
}

}  // namespace kp::cli
