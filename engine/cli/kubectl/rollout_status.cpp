// kubectl rollout status TYPE/NAME [--watch=false] [--timeout=D] [--revision=N]
// Prints the status line for the object as it is, then (with --watch, the default) one line
// per change of the object, as kubectl's watch sees them, until the rollout is done, fails
// (progress deadline) or --timeout passes. Virtual time moves while it waits.
//   Waiting for deployment spec update to be observed...
//   Waiting for deployment "hello" rollout to finish: 1 out of 3 new replicas have been updated...
//   Waiting for deployment "hello" rollout to finish: 1 old replicas are pending termination...
//   Waiting for deployment "hello" rollout to finish: 2 of 3 updated replicas are available...
//   deployment "hello" successfully rolled out
// Upstream: kubectl pkg/cmd/rollout/rollout_status.go (Run), pkg/polymorphichelpers/
// rollout_status.go (DeploymentStatusViewer, DaemonSetStatusViewer, StatefulSetStatusViewer).
#include "cli/cluster_waiter.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/resource_args.h"
#include "cli/kubectl/rollout.h"

namespace kp::cli {
namespace {

// SIMPLIFICATION: kubectl without --timeout waits forever; kubeplay gives up after this much
// virtual time (longer than the default progress deadline of 600 s).
constexpr Duration kMaxWait = Duration::minutes(30);

struct StatusLine {
    StatusLine(std::string text = "", bool done = false, std::string error = "")
        : text(std::move(text)), done(done), error(std::move(error)) {}
    std::string text;   // with its newline
    bool done = false;
    std::string error;  // kubectl's error (then text is empty)
};

const Json* condition(const Json& obj, const std::string& type) {
    const Json* conds = findPath(obj, "status.conditions");
    if (!conds || !conds->is_array())
        return nullptr;
    for (const Json& c : *conds)
        if (c.value("type", "") == type)
            return &c;
    return nullptr;
}

StatusLine deploymentStatus(const Json& d, int64_t revision) {
    const std::string name = stringAt(d, "metadata.name");
    const std::string q = "\"" + name + "\"";
    if (revision > 0 && revision != revisionOf(d))
        return {"", false,
                "desired revision (" + std::to_string(revision) + ") is different from the running revision (" +
                    std::to_string(revisionOf(d)) + ")"};
    if (intAt(d, "metadata.generation") > intAt(d, "status.observedGeneration"))
        return {"Waiting for deployment spec update to be observed...\n"};
    if (const Json* c = condition(d, "Progressing"); c && c->value("reason", "") == "ProgressDeadlineExceeded")
        return {"", false, "deployment " + q + " exceeded its progress deadline"};
    const int64_t updated = intAt(d, "status.updatedReplicas"), replicas = intAt(d, "status.replicas");
    const int64_t available = intAt(d, "status.availableReplicas");
    const Json* specReplicas = findPath(d, "spec.replicas");
    if (specReplicas && specReplicas->is_number() && updated < specReplicas->get<int64_t>())
        return {"Waiting for deployment " + q + " rollout to finish: " + std::to_string(updated) + " out of " +
                std::to_string(specReplicas->get<int64_t>()) + " new replicas have been updated...\n"};
    if (replicas > updated)
        return {"Waiting for deployment " + q + " rollout to finish: " + std::to_string(replicas - updated) +
                " old replicas are pending termination...\n"};
    if (available < updated)
        return {"Waiting for deployment " + q + " rollout to finish: " + std::to_string(available) + " of " +
                std::to_string(updated) + " updated replicas are available...\n"};
    return {"deployment " + q + " successfully rolled out\n", true};
}

StatusLine daemonSetStatus(const Json& ds) {
    const std::string q = "\"" + stringAt(ds, "metadata.name") + "\"";
    if (stringAt(ds, "spec.updateStrategy.type", "RollingUpdate") != "RollingUpdate")
        return {"", true, "rollout status is only available for RollingUpdate strategy type"};
    if (intAt(ds, "metadata.generation") > intAt(ds, "status.observedGeneration"))
        return {"Waiting for daemon set spec update to be observed...\n"};
    const int64_t desired = intAt(ds, "status.desiredNumberScheduled");
    const int64_t updated = intAt(ds, "status.updatedNumberScheduled");
    const int64_t available = intAt(ds, "status.numberAvailable");
    if (updated < desired)
        return {"Waiting for daemon set " + q + " rollout to finish: " + std::to_string(updated) + " out of " +
                std::to_string(desired) + " new pods have been updated...\n"};
    if (available < desired)
        return {"Waiting for daemon set " + q + " rollout to finish: " + std::to_string(available) + " of " +
                std::to_string(desired) + " updated pods are available...\n"};
    return {"daemon set " + q + " successfully rolled out\n", true};
}

StatusLine statefulSetStatus(const Json& sts) {
    if (stringAt(sts, "spec.updateStrategy.type", "RollingUpdate") != "RollingUpdate")
        return {"", true, "rollout status is only available for RollingUpdate strategy type"};
    const int64_t observed = intAt(sts, "status.observedGeneration");
    if (observed == 0 || intAt(sts, "metadata.generation") > observed)
        return {"Waiting for statefulset spec update to be observed...\n"};
    const Json* specReplicas = findPath(sts, "spec.replicas");
    const int64_t ready = intAt(sts, "status.readyReplicas"), updated = intAt(sts, "status.updatedReplicas");
    if (specReplicas && specReplicas->is_number() && ready < specReplicas->get<int64_t>())
        return {"Waiting for " + std::to_string(specReplicas->get<int64_t>() - ready) + " pods to be ready...\n"};
    if (findPath(sts, "spec.updateStrategy.rollingUpdate")) {
        const Json* partition = findPath(sts, "spec.updateStrategy.rollingUpdate.partition");
        if (specReplicas && partition && partition->is_number()) {
            const int64_t want = specReplicas->get<int64_t>() - partition->get<int64_t>();
            if (updated < want)
                return {"Waiting for partitioned roll out to finish: " + std::to_string(updated) + " out of " +
                        std::to_string(want) + " new pods have been updated...\n"};
        }
        return {"partitioned roll out complete: " + std::to_string(updated) + " new pods have been updated...\n", true};
    }
    const std::string updateRevision = stringAt(sts, "status.updateRevision");
    if (updateRevision != stringAt(sts, "status.currentRevision"))
        return {"waiting for statefulset rolling update to complete " + std::to_string(updated) + " pods at revision " +
                updateRevision + "...\n"};
    return {"statefulset rolling update complete " + std::to_string(intAt(sts, "status.currentReplicas")) +
                " pods at revision " + stringAt(sts, "status.currentRevision") + "...\n",
            true};
}

StatusLine statusOf(const Json& obj, int64_t revision) {
    const std::string kind = stringAt(obj, "kind");
    if (kind == "Deployment")
        return deploymentStatus(obj, revision);
    if (kind == "DaemonSet")
        return daemonSetStatus(obj);
    return statefulSetStatus(obj);
}

// Watches the objects in turn until each rollout is done, as the cluster moves on (a
// ClusterWaiter: the page shows the lines as they come, Ctrl+C stops it).
// `trailingError` ends the command once every rollout is done.
std::shared_ptr<ClusterWaiter> watchRollouts(KubectlContext& ctx, std::vector<ResourceTarget> targets,
                                             const std::string& trailingError, bool watch, Duration timeout,
                                             int64_t revision) {
    struct State {
        std::vector<ResourceTarget> targets;
        size_t next = 0;
        bool watching = false;  // the current object's first status line is out
        WatchStream stream;
    };
    auto state = std::make_shared<State>();
    state->targets = std::move(targets);
    Cluster& cluster = ctx.cluster;
    // One status line; true when this object is done (or failed: p.done is then set).
    auto report = [revision, watch](const Json& obj, ClusterWaiter::Progress& p) {
        StatusLine s = statusOf(obj, revision);
        if (!s.error.empty()) {
            p.err += "error: " + s.error + "\n";
            p.exitCode = 1;
            p.done = true;
            return true;
        }
        p.out += s.text;
        return s.done || !watch;
    };
    auto check = [state, &cluster, report, trailingError](ClusterWaiter::Progress& p) {
        while (state->next < state->targets.size()) {
            const ResourceTarget& t = state->targets[state->next];
            bool finished = false;
            if (!state->watching) {
                finished = report(t.object, p);
                if (!finished) {
                    WatchOptions wo;
                    wo.resourceVersion = stringAt(t.object, "metadata.resourceVersion");
                    wo.fieldSelector = "metadata.name=" + t.name;
                    state->stream = cluster.apiServer().watch(*t.resource, t.ns, wo);
                    state->watching = true;
                }
            } else {
                for (const Json& event : state->stream.next()) {
                    const std::string type = event.value("type", "");
                    if (type == "DELETED") {
                        p.err += "error: object has been deleted\n";
                        p.exitCode = 1;
                        p.done = true;
                        break;
                    }
                    if (type != "ADDED" && type != "MODIFIED")
                        continue;
                    Json obj = event["object"];
                    obj["apiVersion"] = t.resource->apiVersion();
                    obj["kind"] = t.resource->kind;
                    if ((finished = report(obj, p)))
                        break;
                }
            }
            if (p.done) {
                state->stream.stop();
                return;
            }
            if (!finished)
                return;
            state->stream.stop();
            state->watching = false;
            ++state->next;
        }
        if (!trailingError.empty()) {
            p.err += trailingError;
            p.exitCode = 1;
        }
        p.done = true;
    };
    auto atDeadline = [state](ClusterWaiter::Progress& p) {
        state->stream.stop();
        p.err += "error: timed out waiting for the condition\n";
        p.exitCode = 1;
    };
    const Time deadline = cluster.now() + (timeout.ms > 0 ? timeout : kMaxWait);
    auto waiter = std::make_shared<ClusterWaiter>(cluster, deadline, check, atDeadline);
    waiter->start();
    return waiter;
}

}  // namespace

CommandResult rolloutStatus(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl rollout status");
    flags.boolean("watch", "w", true).integer("revision").duration("timeout", "", "0s").string("selector", "l");
    flags.stringSlice("filename", "f").boolean("recursive", "R").string("kustomize", "k");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    if (flags.args().empty())
        return errorResult("required resource not specified");
    if (flags.num("revision") < 0)
        return errorResult("revision must be a positive integer: " + std::to_string(flags.num("revision")));
    ResourceQuery q;
    q.args = flags.args();
    q.ns = commandNamespace(ctx, flags);
    q.labelSelector = flags.str("selector");
    q.allowEmptySelector = true;
    ResourceResult found = resolveResources(ctx, q);
    if (!found.ok())
        return CommandResult::failure(found.error);
    // Objects in order; an unsupported kind stops the command there, and a missing object is
    // reported at the end, as kubectl's loop does.
    std::vector<ResourceTarget> targets;
    std::string trailingError;
    for (const ResourceTarget& t : found.targets) {
        const std::string& kind = t.resource->kind;
        if (kind != "Deployment" && kind != "DaemonSet" && kind != "StatefulSet") {
            trailingError = "error: no status viewer has been implemented for " + t.resource->groupKind() + "\n";
            break;
        }
        targets.push_back(t);
    }
    if (trailingError.empty() && !found.itemErrors.empty())
        trailingError = found.itemErrors.front();
    if (targets.empty() && trailingError.empty()) {
        res.err += "No resources found in " + q.ns + " namespace.\n";
        return res;
    }
    std::shared_ptr<ClusterWaiter> waiter = watchRollouts(ctx, std::move(targets), trailingError, flags.on("watch"),
                                                          flags.dur("timeout"), flags.num("revision"));
    res.out += waiter->takeOutput();
    res.err += waiter->takeErrors();
    if (waiter->finished())
        res.exitCode = waiter->exitCode();
    else
        res.foreground = waiter;
    return res;
}

}  // namespace kp::cli
