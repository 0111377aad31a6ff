// kubectl drain NODE: cordons the node, then evicts its pods through the pods/eviction
// subresource (so PodDisruptionBudgets are respected) and waits until they are gone:
//   node/minikube-m02 cordoned
//   Warning: ignoring DaemonSet-managed Pods: kube-system/kindnet-xxxxx, kube-system/kube-proxy-xxxxx
//   evicting pod default/web-7d4b9c8f5-abcde
//   pod/web-7d4b9c8f5-abcde evicted
//   node/minikube-m02 drained
// Pods it must not touch without a flag stop the drain with kubectl's listing
// ("cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ns/pod, ...").
// A budget that forbids an eviction makes kubectl retry every 5 s until --timeout.
// Upstream: kubectl pkg/cmd/drain/drain.go (RunDrain, deleteOrEvictPodsSimple),
// pkg/drain/drain.go (evictPods, deletePods, waitForDelete), pkg/drain/filters.go.
#include <algorithm>
#include <functional>

#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/cordon.h"

namespace kp::cli {
namespace {

constexpr const char* kDaemonSetFatal = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
constexpr const char* kDaemonSetWarning = "ignoring DaemonSet-managed Pods";
constexpr const char* kLocalStorageFatal = "Pods with local storage (use --delete-emptydir-data to override)";
constexpr const char* kLocalStorageWarning = "deleting Pods with local storage";
constexpr const char* kUnmanagedFatal = "Pods that declare no controller (use --force to override)";
constexpr const char* kUnmanagedWarning = "deleting Pods that declare no controller";

// Go's time.Duration.String for whole milliseconds: "0s", "5s", "1m0s", "1h2m3s", "1.5s".
std::string goDurationString(Duration d) {
    int64_t ms = d.ms;
    if (ms == 0)
        return "0s";
    std::string out = ms < 0 ? "-" : "";
    ms = std::abs(ms);
    const int64_t h = ms / 3'600'000, m = ms / 60'000 % 60, s = ms / 1000 % 60, frac = ms % 1000;
    if (h)
        out += std::to_string(h) + "h";
    if (h || m)
        out += std::to_string(m) + "m";
    out += std::to_string(s);
    if (frac) {
        std::string f = std::to_string(frac + 1000).substr(1);
        while (f.back() == '0')
            f.pop_back();
        out += "." + f;
    }
    return out + "s";
}

struct PodDeleteStatus {
    bool remove = true;
    enum class Reason { Okay, Skip, Warning, Error } reason = Reason::Okay;
    std::string message;
};

struct DrainOptions {
    bool force = false;
    bool ignoreDaemonSets = false;
    bool deleteEmptyDirData = false;
    bool disableEviction = false;
    int64_t gracePeriod = -1;
    Duration timeout{};
    int64_t skipWaitForDeleteTimeout = 0;
    std::string podSelector;
    DryRunStrategy dryRun = DryRunStrategy::None;
};

const Json* controllerOf(const Json& pod) {
    if (const Json* refs = findPath(pod, "metadata.ownerReferences"); refs && refs->is_array())
        for (const Json& ref : *refs)
            if (ref.value("controller", false))
                return &ref;
    return nullptr;
}

bool isTerminal(const Json& pod) {
    const std::string phase = stringAt(pod, "status.phase");
    return phase == "Succeeded" || phase == "Failed";
}

// The filters in upstream order; a pod's status is the first one that keeps it, else the
// last one's (so a warning of an earlier filter is overwritten by a later "okay").
// Upstream: pkg/drain/filters.go#makeFilters, filterPods.
PodDeleteStatus filterPod(KubectlContext& ctx, const Json& pod, const DrainOptions& o) {
    auto skipDeleted = [&]() -> PodDeleteStatus {
        if (o.skipWaitForDeleteTimeout > 0) {
            if (auto ts = parseRFC3339(stringAt(pod, "metadata.deletionTimestamp"));
                ts && (ctx.cluster.now() - *ts).ms / 1000 > o.skipWaitForDeleteTimeout)
                return {false, PodDeleteStatus::Reason::Skip, ""};
        }
        return {};
    };
    auto daemonSet = [&]() -> PodDeleteStatus {
        const Json* ref = controllerOf(pod);
        if (!ref || stringAt(*ref, "kind") != "DaemonSet" || stringAt(*ref, "apiVersion") != "apps/v1" || isTerminal(pod))
            return {};
        const ResourceInfo* ds = ctx.cluster.apiServer().resources().byGroupResource("apps", "daemonsets");
        ApiResponse got = ctx.cluster.apiServer().get(*ds, stringAt(pod, "metadata.namespace"), stringAt(*ref, "name"));
        if (!got.ok()) {
            if (got.status.isNotFound() && o.force)
                return {true, PodDeleteStatus::Reason::Warning, got.status.message()};
            return {false, PodDeleteStatus::Reason::Error, got.status.message()};
        }
        if (!o.ignoreDaemonSets)
            return {false, PodDeleteStatus::Reason::Error, kDaemonSetFatal};
        return {false, PodDeleteStatus::Reason::Warning, kDaemonSetWarning};
    };
    auto mirrorPod = [&]() -> PodDeleteStatus {
        if (findPath(pod, "metadata.annotations") && pod["metadata"]["annotations"].contains("kubernetes.io/config.mirror"))
            return {false, PodDeleteStatus::Reason::Skip, ""};
        return {};
    };
    auto localStorage = [&]() -> PodDeleteStatus {
        bool emptyDir = false;
        if (const Json* volumes = findPath(pod, "spec.volumes"); volumes && volumes->is_array())
            for (const Json& v : *volumes)
                emptyDir = emptyDir || v.contains("emptyDir");
        if (!emptyDir || isTerminal(pod))
            return {};
        if (!o.deleteEmptyDirData)
            return {false, PodDeleteStatus::Reason::Error, kLocalStorageFatal};
        return {true, PodDeleteStatus::Reason::Warning, kLocalStorageWarning};
    };
    auto unreplicated = [&]() -> PodDeleteStatus {
        if (isTerminal(pod) || controllerOf(pod))
            return {};
        if (o.force)
            return {true, PodDeleteStatus::Reason::Warning, kUnmanagedWarning};
        return {false, PodDeleteStatus::Reason::Error, kUnmanagedFatal};
    };
    PodDeleteStatus status;
    for (const std::function<PodDeleteStatus()>& filter :
         std::vector<std::function<PodDeleteStatus()>>{skipDeleted, daemonSet, mirrorPod, localStorage, unreplicated}) {
        status = filter();
        if (!status.remove)
            break;
    }
    return status;
}

struct PodDelete {
    Json pod;
    PodDeleteStatus status;
};

// GetPodsForDeletion: the node's pods (all namespaces, --pod-selector) and what to do with each.
std::vector<PodDelete> podsForDeletion(KubectlContext& ctx, const std::string& node, const DrainOptions& o) {
    ApiServer& server = ctx.cluster.apiServer();
    const ResourceInfo* pods = server.resources().byGroupResource("", "pods");
    ListOptions opts;
    opts.labelSelector = o.podSelector;
    ApiResponse list = server.list(*pods, "", opts);
    std::vector<PodDelete> out;
    if (!list.ok())
        return out;
    for (const Json& pod : list.object["items"]) {
        if (stringAt(pod, "spec.nodeName") != node)
            continue;
        out.push_back({pod, filterPod(ctx, pod, o)});
    }
    return out;
}

std::string podKey(const Json& pod) { return stringAt(pod, "metadata.namespace") + "/" + stringAt(pod, "metadata.name"); }

// Messages with their pods, messages in the order their first pod was listed.
// SIMPLIFICATION: kubectl groups them in a Go map, so with several messages their order varies
// from run to run; we keep the pod list's order.
std::vector<std::pair<std::string, std::vector<std::string>>> groupByMessage(const std::vector<PodDelete>& list,
                                                                             PodDeleteStatus::Reason reason) {
    std::vector<std::pair<std::string, std::vector<std::string>>> groups;
    for (const PodDelete& p : list) {
        if (p.status.reason != reason)
            continue;
        std::string msg = p.status.message.empty() ? "unexpected error" : p.status.message;
        auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == msg; });
        if (it == groups.end())
            groups.push_back({msg, {}}), it = groups.end() - 1;
        it->second.push_back(podKey(p.pod));
    }
    return groups;
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i)
        out += (i ? sep : "") + items[i];
    return out;
}

// utilerrors.NewAggregate(errs).Error(): one message as it is, several as "[a, b]".
std::string aggregate(const std::vector<std::string>& errs) {
    if (errs.size() == 1)
        return errs[0];
    return "[" + join(errs, ", ") + "]";
}

// evictPods / deletePods: every pod at once (kubectl runs one goroutine per pod; here they take
// turns in list order at each virtual second). Returns the errors.
std::vector<std::string> evictOrDeletePods(KubectlContext& ctx, const std::vector<Json>& pods, const DrainOptions& o,
                                           CommandResult& res) {
    ApiServer& server = ctx.cluster.apiServer();
    const ResourceInfo* podsInfo = server.resources().byGroupResource("", "pods");
    const bool evict = !o.disableEviction;
    const Time start = ctx.cluster.now();
    const std::optional<Time> deadline =
        o.timeout.ms > 0 ? std::optional<Time>(start + o.timeout) : std::nullopt;
    const std::string globalTimeout = goDurationString(o.timeout);
    enum class State { Evict, Wait, Done };
    struct Work {
        Json pod;
        State state = State::Evict;
        Time next;
    };
    std::vector<Work> work;
    for (const Json& p : pods)
        work.push_back({p, State::Evict, start});
    std::vector<std::string> errors;
    auto finish = [&](Work& w, const std::string& error) {
        w.state = State::Done;
        if (!error.empty())
            errors.push_back(error);
    };
    auto stillThere = [&](const Json& pod) {
        ApiResponse got = server.get(*podsInfo, stringAt(pod, "metadata.namespace"), stringAt(pod, "metadata.name"));
        return got.ok() && stringAt(got.object, "metadata.uid") == stringAt(pod, "metadata.uid");
    };
    // Each virtual moment: first every eviction that is due (kubectl's goroutines all start at
    // once), then the checks of the pods that are going away.
    while (true) {
        bool requested = false;
        for (Work& w : work) {
            if (w.state != State::Evict || w.next > ctx.cluster.now())
                continue;
            const std::string name = stringAt(w.pod, "metadata.name"), ns = stringAt(w.pod, "metadata.namespace");
            {
                if (evict) {
                    res.out += "evicting pod " + ns + "/" + name +
                               (o.dryRun == DryRunStrategy::Server ? " (server dry run)" : "") + "\n";
                    if (deadline && ctx.cluster.now() >= *deadline) {
                        finish(w, "error when evicting pods/\"" + name + "\" -n \"" + ns +
                                      "\": global timeout reached: " + globalTimeout);
                        continue;
                    }
                    Json eviction = {{"apiVersion", "policy/v1"},
                                     {"kind", "Eviction"},
                                     {"metadata", {{"name", name}, {"namespace", ns}}}};
                    if (o.gracePeriod >= 0)
                        eviction["deleteOptions"] = {{"gracePeriodSeconds", o.gracePeriod}};
                    WriteOptions wo;
                    wo.actor = "kubectl";
                    wo.dryRun = o.dryRun == DryRunStrategy::Server;
                    ApiResponse resp = server.create(*podsInfo, ns, eviction, wo, "eviction");
                    if (!resp.ok()) {
                        if (resp.status.isNotFound()) {
                            finish(w, "");
                            continue;
                        }
                        if (resp.status.reason() == "TooManyRequests") {
                            res.err += "error when evicting pods/\"" + name + "\" -n \"" + ns +
                                       "\" (will retry after 5s): " + resp.status.message() + "\n";
                            w.next = ctx.cluster.now() + Duration::seconds(5);
                            continue;
                        }
                        finish(w, "error when evicting pods/\"" + name + "\" -n \"" + ns + "\": " + resp.status.message());
                        continue;
                    }
                } else {
                    DeleteOptions del;
                    del.actor = "kubectl";
                    del.dryRun = o.dryRun == DryRunStrategy::Server;
                    if (o.gracePeriod >= 0)
                        del.gracePeriodSeconds = o.gracePeriod;
                    ApiResponse resp = server.remove(*podsInfo, ns, name, del);
                    if (!resp.ok() && !resp.status.isNotFound()) {
                        finish(w, resp.status.message());
                        continue;
                    }
                }
                if (o.dryRun == DryRunStrategy::Server) {
                    finish(w, "");
                    continue;
                }
                w.state = State::Wait;
                requested = true;
            }
        }
        if (requested)
            ctx.cluster.runUntilIdle();
        for (Work& w : work) {
            if (w.state != State::Wait || w.next > ctx.cluster.now())
                continue;
            const std::string name = stringAt(w.pod, "metadata.name"), ns = stringAt(w.pod, "metadata.namespace");
            // waitForDelete: checks now, then every second.
            if (!stillThere(w.pod)) {
                res.out += "pod/" + name + " " + (evict ? "evicted" : "deleted") + "\n";
                finish(w, "");
                continue;
            }
            if (deadline && ctx.cluster.now() >= *deadline) {
                finish(w, "error when waiting for pod \"" + name + "\" in namespace \"" + ns +
                              "\" to terminate: global timeout reached: " + globalTimeout);
                continue;
            }
            w.next = ctx.cluster.now() + Duration::seconds(1);
        }
        Time next{};
        bool any = false;
        for (const Work& w : work) {
            if (w.state == State::Done)
                continue;
            if (!any || w.next < next)
                next = w.next;
            any = true;
        }
        if (!any)
            return errors;
        if (next > ctx.cluster.now())
            ctx.cluster.advance(next - ctx.cluster.now());
    }
}

}  // namespace

CommandResult kubectlDrain(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl drain");
    addDryRunFlag(flags);
    flags.string("selector", "l")
        .boolean("force")
        .boolean("ignore-daemonsets")
        .boolean("delete-emptydir-data")
        .boolean("delete-local-data")
        .boolean("disable-eviction")
        .integer("grace-period", "", -1)
        .duration("timeout", "", "0s")
        .integer("skip-wait-for-delete-timeout", "", 0)
        .string("pod-selector")
        .integer("chunk-size", "", 500)
        .hidden("delete-local-data");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;

    // Complete.
    DrainOptions o;
    if (!getDryRunStrategy(ctx, flags, o.dryRun, res))
        return res;
    o.force = flags.on("force");
    o.ignoreDaemonSets = flags.on("ignore-daemonsets");
    o.deleteEmptyDirData = flags.on("delete-emptydir-data");
    if (flags.changed("delete-local-data")) {
        res.err += "Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use "
                   "--delete-emptydir-data.\n";
        o.deleteEmptyDirData = o.deleteEmptyDirData || flags.on("delete-local-data");
    }
    o.disableEviction = flags.on("disable-eviction");
    o.gracePeriod = flags.num("grace-period");
    o.timeout = flags.dur("timeout");
    o.skipWaitForDeleteTimeout = flags.num("skip-wait-for-delete-timeout");
    o.podSelector = flags.str("pod-selector");
    const std::string selector = flags.str("selector");
    if (flags.args().empty() && selector.empty())
        return res.append(
            CommandResult::failure("error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n"));
    if (!flags.args().empty() && !selector.empty())
        return res.append(CommandResult::failure(
            "error: cannot specify both a node name and a --selector option\nSee 'kubectl drain -h' for help and "
            "examples\n"));
    std::vector<ResourceTarget> nodes;
    if (!findNodes(ctx, flags, nodes, res))
        return res;

    // RunDrain: cordon, then each node's pods.
    if (!cordonOrUncordonNodes(ctx, flags, nodes, true, o.dryRun, res))
        return res;
    std::vector<std::string> fatal;
    std::vector<std::string> remaining;
    for (const ResourceTarget& node : nodes) {
        std::vector<PodDelete> list = podsForDeletion(ctx, node.name, o);
        std::string err;
        std::vector<std::string> errs;
        for (const auto& [msg, pods] : groupByMessage(list, PodDeleteStatus::Reason::Error))
            errs.push_back("cannot delete " + msg + ": " + join(pods, ", "));
        if (!errs.empty()) {
            err = aggregate(errs);
        } else {
            std::vector<std::string> warnings;
            for (const auto& [msg, pods] : groupByMessage(list, PodDeleteStatus::Reason::Warning))
                warnings.push_back(msg + ": " + join(pods, ", "));
            if (!warnings.empty())
                res.err += "Warning: " + join(warnings, "; ") + "\n";
            std::vector<Json> toDelete;
            for (const PodDelete& p : list)
                if (p.status.remove)
                    toDelete.push_back(p.pod);
            if (o.dryRun == DryRunStrategy::Client) {
                for (const Json& pod : toDelete)
                    res.out += "evicting pod " + podKey(pod) + " (dry run)\n";
            } else {
                std::vector<std::string> evictErrors = evictOrDeletePods(ctx, toDelete, o, res);
                if (!evictErrors.empty()) {
                    err = aggregate(evictErrors);
                    std::vector<std::string> pendingPods;
                    for (const PodDelete& p : podsForDeletion(ctx, node.name, o))
                        if (p.status.remove)
                            pendingPods.push_back("pod/" + stringAt(p.pod, "metadata.name"));
                    if (!pendingPods.empty())
                        res.err += "There are pending pods in node \"" + node.name + "\" when an error occurred: " +
                                   err + "\n" + join(pendingPods, "\n") + "\n";
                }
            }
        }
        if (err.empty()) {
            Printer printer;
            std::string perr;
            if (!Printer::make(flags, "drained", o.dryRun, printer, perr))
                return res.append(CommandResult::failure(perr));
            res.out += printer.print(node.object);
            continue;
        }
        res.err += "error: unable to drain node \"" + node.name + "\" due to error: " + err + ", continuing command...\n";
        fatal.push_back(err);
        remaining.push_back(node.name);
    }
    if (!remaining.empty()) {
        res.err += "There are pending nodes to be drained:\n";
        for (const std::string& n : remaining)
            res.err += " " + n + "\n";
        // CheckErr prints each error of the aggregate on its own line, without "error: ".
        for (const std::string& e : fatal)
            res.err += e + "\n";
        res.exitCode = 1;
    }
    ctx.cluster.runUntilIdle();
    return res;
}

}  // namespace kp::cli
