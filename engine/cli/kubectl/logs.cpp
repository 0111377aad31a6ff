// kubectl logs: a container's output as the kubelet keeps it (current or --previous instance),
// with --tail, --timestamps, --since, -c, -l, --all-containers, --all-pods, --prefix and TYPE/NAME
// (one pod of a workload, picked as kubectl picks it). -f keeps following every stream.
// Upstream: kubectl pkg/cmd/logs/logs.go, pkg/polymorphichelpers/logsforobject.go.
#include <algorithm>

#include "api/labels.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/kubectl.h"
#include "cli/kubectl/pod_commands.h"
#include "cli/kubectl/pod_for_object.h"
#include "kubelet/kubelets.h"

namespace kp::cli {
namespace {

// One container's log, as one request of kubectl's.
struct LogStream {
    std::string pod, container;
    std::string prefix;  // "[pod/web-1/nginx] " under --prefix
    size_t printed = 0;  // lines already shown (the follower goes on from there)
    bool ended = false;
};

std::string logLine(const kubelet::ContainerLogLine& l, const LogStream& s, bool timestamps) {
    return s.prefix + (timestamps ? formatRFC3339Nano(l.time) + " " : "") + l.line + "\n";
}

// kubectl logs -f: after what is there, each new line as its container writes it, until every
// followed container stops (its stream ends) or Ctrl+C.
class LogFollower : public ForegroundProcess {
public:
    LogFollower(Cluster& cluster, std::string ns, std::vector<LogStream> streams, bool timestamps)
        : cluster_(cluster), ns_(std::move(ns)), streams_(std::move(streams)), timestamps_(timestamps) {
        observer_ = cluster_.observe([this] { onSettled(); });
    }
    ~LogFollower() override { end(); }
    std::string takeOutput() override { return std::exchange(out_, ""); }
    bool finished() const override { return ended_; }
    std::string interrupt() override {
        end();
        return "";
    }

private:
    void onSettled() {
        bool open = false;
        for (LogStream& s : streams_) {
            if (!s.ended)
                follow(s);
            open = open || !s.ended;
        }
        if (!open)
            end();
    }
    void follow(LogStream& s) {
        kubelet::Kubelets* kubelets = cluster_.kubelets();
        ObjectPtr pod = cluster_.store().get("pods", ns_, s.pod);
        if (!kubelets || !pod) {
            s.ended = true;
            return;
        }
        kubelet::LogsResult logs = kubelets->logs(ns_, s.pod, s.container, false);
        // A restarted container is a new stream: the one followed has ended.
        if (!logs.status.ok() || logs.lines.size() < s.printed) {
            s.ended = true;
            return;
        }
        for (size_t i = s.printed; i < logs.lines.size(); ++i)
            out_ += logLine(logs.lines[i], s, timestamps_);
        s.printed = logs.lines.size();
        for (const Json& status : (*pod)["status"].value("containerStatuses", Json::array()))
            if (status.value("name", "") == s.container && findPath(status, "state.terminated"))
                s.ended = true;
    }
    void end() {
        if (observer_)
            cluster_.unobserve(observer_);
        observer_ = 0;
        ended_ = true;
    }

    Cluster& cluster_;
    std::string ns_;
    std::vector<LogStream> streams_;
    bool timestamps_;
    Cluster::ObserverId observer_ = 0;
    std::string out_;
    bool ended_ = false;
};

// The containers of `pod` a request covers: the named one, every one (--all-containers: init
// containers, then containers, then ephemeral ones), or the default one.
bool containersToRead(const Json& pod, const std::string& named, bool all, bool quiet, std::vector<std::string>& out,
                      CommandResult& res) {
    const std::string podName = stringAt(pod, "metadata.name");
    if (all) {
        for (const char* field : {"initContainers", "containers", "ephemeralContainers"})
            for (const Json& c : pod["spec"].value(field, Json::array()))
                out.push_back(c.value("name", std::string("")));
        return true;
    }
    std::string c = named;
    if (c.empty()) {
        c = defaultContainerOf(pod, AnnotationMiss::Warn, quiet, res);
    } else {
        bool known = false;
        for (const char* field : {"containers", "initContainers", "ephemeralContainers"})
            for (const Json& spec : pod["spec"].value(field, Json::array()))
                known = known || spec.value("name", "") == c;
        if (!known) {
            res.append(errorResult("container " + c + " is not valid for pod " + podName + " out of: " + allContainerNames(pod)));
            return false;
        }
    }
    out.push_back(c);
    return true;
}

}  // namespace

void declareLogsFlags(CommandFlags& flags) {
    flags.boolean("all-containers")
        .boolean("all-pods")
        .string("container", "c")
        .boolean("follow", "f")
        .boolean("ignore-errors")
        .boolean("insecure-skip-tls-verify-backend")
        .integer("limit-bytes", "", 0)
        .integer("max-log-requests", "", 5)
        .duration("pod-running-timeout", "", "20s")
        .boolean("prefix")
        .boolean("previous", "p")
        .string("selector", "l")
        .duration("since", "", "0s")
        .string("since-time")
        .integer("tail", "", -1)
        .boolean("timestamps");
}

CommandResult kubectlLogs(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl logs");
    declareLogsFlags(flags);
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    const std::string ns = commandNamespace(ctx, flags);
    const std::string selector = flags.str("selector");
    const std::vector<std::string>& words = flags.args();
    const std::string missingTarget =
        "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
        "POD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n";
    if ((words.empty() && selector.empty()) || words.size() > 2)
        return CommandResult::failure(missingTarget);
    if (words.size() == 1 && !selector.empty())
        return usageErrorResult("kubectl logs", "only a selector (-l) or a POD name is allowed");
    std::string container = flags.str("container");
    if (words.size() == 2)
        container = words[1];
    const bool allContainers = flags.on("all-containers"), allPods = flags.on("all-pods");
    const bool previous = flags.on("previous"), timestamps = flags.on("timestamps");
    const bool follow = flags.on("follow") && !previous;
    const bool prefix = flags.on("prefix") || allPods;
    // With a selector kubectl asks for the last 10 lines unless --tail says otherwise.
    const int64_t tail = flags.changed("tail") ? flags.num("tail") : selector.empty() ? -1 : 10;
    const Duration since = flags.dur("since");
    std::optional<Time> sinceTime;
    if (!flags.str("since-time").empty()) {
        sinceTime = parseRFC3339(flags.str("since-time"));
        if (!sinceTime)
            return errorResult("--since-time only accepts times matching RFC3339, eg '2006-01-02T15:04:05Z'");
    }
    if (sinceTime && since > Duration{})
        return errorResult("at most one of `sinceTime` or `sinceSeconds` may be specified");
    if (allContainers && !container.empty())
        return errorResult("--all-containers=true should not be specified with container name " + container);
    if (flags.changed("container") && words.size() == 2)
        return errorResult("only one of -c or an inline [CONTAINER] arg is allowed");
    if (flags.num("limit-bytes") < 0)
        return errorResult("--limit-bytes must be greater than 0");
    if (since < Duration{})
        return errorResult("--since must be greater than 0");
    if (tail < -1)
        return errorResult("--tail must be greater than or equal to -1");

    std::vector<ObjectPtr> pods;
    if (!selector.empty()) {
        std::string selErr;
        auto sel = labels::Selector::parse(selector, &selErr);
        if (!sel)
            return errorResult(selErr);
        for (const ObjectPtr& p : ctx.cluster.store().list("pods", ns))
            if (sel->matchesLabelsOf(*p))
                pods.push_back(p);
        if (pods.empty())
            return {0, "", "No resources found in " + ns + " namespace.\n"};
    } else {
        PodTarget target = podForObject(ctx, ns, words[0], PodPreference::ForLogs, "get the logs from", res);
        if (!target.pod)
            return res;
        if (allPods && target.viaSelector) {
            pods = target.all;
        } else {
            if (target.candidates > 1)
                res.err += "Found " + std::to_string(target.candidates) + " pods, using pod/" +
                           stringAt(*target.pod, "metadata.name") + "\n";
            pods.push_back(target.pod);
        }
    }

    // One request per pod and container. SIMPLIFICATION: kubectl keeps them in a Go map and reads
    // them in random order; here in pod order, then container order.
    std::vector<LogStream> streams;
    for (const ObjectPtr& pod : pods) {
        std::vector<std::string> containers;
        if (!containersToRead(*pod, container, allContainers, allPods, containers, res))
            return res;
        for (const std::string& c : containers) {
            LogStream s;
            s.pod = stringAt(*pod, "metadata.name");
            s.container = c;
            if (prefix)
                s.prefix = "[pod/" + s.pod + "/" + c + "] ";
            streams.push_back(std::move(s));
        }
    }
    if (follow && streams.size() > 1 && static_cast<int64_t>(streams.size()) > flags.num("max-log-requests"))
        return errorResult("you are attempting to follow " + std::to_string(streams.size()) +
                           " log streams, but maximum allowed concurrency is " + std::to_string(flags.num("max-log-requests")) +
                           ", use --max-log-requests to increase the limit");

    res.errBeforeOut = res.err.size();  // the notices above come before any log line
    kubelet::Kubelets* kubelets = ctx.cluster.kubelets();
    const Time from = sinceTime ? *sinceTime : ctx.cluster.now() - since;
    for (LogStream& s : streams) {
        ObjectPtr pod = ctx.cluster.store().get("pods", ns, s.pod);
        if (!kubelets || !pod || stringAt(*pod, "spec.nodeName").empty())
            return res.append(CommandResult::failure("Error from server (BadRequest): pod " + s.pod +
                                                     " does not have a host assigned\n"));
        kubelet::LogsResult logs = kubelets->logs(ns, s.pod, s.container, previous);
        if (!logs.status.ok())
            return res.append(CommandResult::failure(serverErrorText(logs.status)));
        std::vector<kubelet::ContainerLogLine> lines = logs.lines;
        if (tail >= 0 && static_cast<size_t>(tail) < lines.size())
            lines.erase(lines.begin(), lines.end() - tail);
        if (sinceTime || since > Duration{})
            lines.erase(std::remove_if(lines.begin(), lines.end(), [&](const auto& l) { return l.time < from; }), lines.end());
        std::string text;
        for (const auto& l : lines)
            text += logLine(l, s, timestamps);
        // --limit-bytes counts what the kubelet sends, before kubectl adds prefixes.
        if (const int64_t limit = flags.num("limit-bytes"); limit > 0 && static_cast<int64_t>(text.size()) > limit)
            text.resize(static_cast<size_t>(limit));
        res.out += text;
        s.printed = logs.lines.size();
    }
    if (follow)
        res.foreground = std::make_shared<LogFollower>(ctx.cluster, ns, std::move(streams), timestamps);
    return res;
}

}  // namespace kp::cli
