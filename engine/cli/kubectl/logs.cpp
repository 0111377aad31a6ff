// kubectl logs: a container's output as the kubelet keeps it (current or --previous instance),
// with --tail, --timestamps, --since, -c, -l and TYPE/NAME (the first pod of a workload).
// Upstream: kubectl pkg/cmd/logs/logs.go, pkg/polymorphichelpers/logsforobject.go.
#include <algorithm>

#include "api/labels.h"
#include "api/owner_refs.h"
#include "cli/args.h"
#include "cli/kubectl/kubectl.h"
#include "cli/kubectl/pod_commands.h"
#include "kubelet/kubelets.h"

namespace kp::cli {
namespace {

// kubectl logs -f: after what is there, each new line as the container writes it, until the
// container stops (the stream ends) or Ctrl+C.
class LogFollower : public ForegroundProcess {
public:
    LogFollower(Cluster& cluster, std::string ns, std::string pod, std::string container, size_t printed,
                bool timestamps)
        : cluster_(cluster), ns_(std::move(ns)), pod_(std::move(pod)), container_(std::move(container)),
          printed_(printed), timestamps_(timestamps) {
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
        kubelet::Kubelets* kubelets = cluster_.kubelets();
        ObjectPtr pod = cluster_.store().get("pods", ns_, pod_);
        if (!kubelets || !pod) {
            end();
            return;
        }
        kubelet::LogsResult logs = kubelets->logs(ns_, pod_, container_, false);
        // A restarted container is a new stream: the one followed has ended.
        if (!logs.status.ok() || logs.lines.size() < printed_) {
            end();
            return;
        }
        for (size_t i = printed_; i < logs.lines.size(); ++i)
            out_ += (timestamps_ ? formatRFC3339Nano(logs.lines[i].time) + " " : "") + logs.lines[i].line + "\n";
        printed_ = logs.lines.size();
        for (const Json& status : (*pod)["status"].value("containerStatuses", Json::array()))
            if ((container_.empty() || status.value("name", "") == container_) && findPath(status, "state.terminated"))
                end();
    }
    void end() {
        if (observer_)
            cluster_.unobserve(observer_);
        observer_ = 0;
        ended_ = true;
    }

    Cluster& cluster_;
    std::string ns_, pod_, container_;
    size_t printed_;
    bool timestamps_;
    Cluster::ObserverId observer_ = 0;
    std::string out_;
    bool ended_ = false;
};

std::string containerNames(const Json& pod) {
    std::string out;
    for (const Json& c : pod.value("spec", Json::object()).value("containers", Json::array()))
        out += (out.empty() ? "" : ", ") + c.value("name", std::string(""));
    return out;
}

// The pods a TYPE/NAME stands for (deployment -> its ReplicaSets' pods, ...), sorted as kubectl
// does for picking one: by creation time.
std::vector<ObjectPtr> podsOf(Cluster& cluster, const std::string& ns, const Json& owner) {
    std::string err;
    auto sel = labels::labelSelectorAsSelector(owner.value("spec", Json::object()).value("selector", Json()), &err);
    std::vector<ObjectPtr> pods;
    if (!sel)
        return pods;
    for (const ObjectPtr& p : cluster.store().list("pods", ns))
        if (sel->matchesLabelsOf(*p))
            pods.push_back(p);
    std::stable_sort(pods.begin(), pods.end(), [](const ObjectPtr& a, const ObjectPtr& b) {
        return stringAt(*a, "metadata.creationTimestamp") < stringAt(*b, "metadata.creationTimestamp");
    });
    return pods;
}

}  // namespace

CommandResult kubectlLogs(KubectlContext& ctx, const std::vector<std::string>& args) {
    std::string err;
    ParsedArgs a = parseArgs(args, {"f", "follow", "p", "previous", "timestamps", "all-containers", "prefix"}, err);
    if (!err.empty())
        return CommandResult::failure("error: " + err + "\n");
    kubelet::Kubelets* kubelets = ctx.cluster.kubelets();
    const std::string ns = a.get("n", a.get("namespace", ctx.defaultNamespace));
    const std::string selector = a.get("l", a.get("selector", ""));
    std::string container = a.get("c", a.get("container", ""));
    const bool previous = a.has("p") || a.has("previous");
    const bool timestamps = a.has("timestamps");
    const bool prefix = a.has("prefix");
    const long tail = std::atol(a.get("tail", "-1").c_str());

    std::vector<ObjectPtr> pods;
    CommandResult res;
    if (!selector.empty()) {
        std::string selErr;
        auto sel = labels::Selector::parse(selector, &selErr);
        if (!sel)
            return CommandResult::failure("error: " + selErr + "\n");
        for (const ObjectPtr& p : ctx.cluster.store().list("pods", ns))
            if (sel->matchesLabelsOf(*p))
                pods.push_back(p);
        if (pods.empty())
            return {0, "", "No resources found in " + ns + " namespace.\n"};
    } else {
        if (a.positional.empty())
            return CommandResult::failure("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
                                          "POD or TYPE/NAME is a required argument for the logs command\n"
                                          "See 'kubectl logs -h' for help and examples\n");
        std::string target = a.positional[0];
        if (container.empty() && a.positional.size() > 1)
            container = a.positional[1];
        size_t slash = target.find('/');
        const ResourceInfo* r = ctx.cluster.apiServer().resources().lookup(slash == std::string::npos ? "pods" : target.substr(0, slash));
        if (!r)
            return CommandResult::failure("error: the server doesn't have a resource type \"" + target.substr(0, slash) + "\"\n");
        std::string name = slash == std::string::npos ? target : target.substr(slash + 1);
        ApiResponse got = ctx.cluster.apiServer().get(*r, ns, name);
        if (!got.ok())
            return CommandResult::failure(serverErrorText(got.status));
        if (r->groupResource() == "pods") {
            pods.push_back(std::make_shared<const Json>(got.object));
        } else {
            pods = podsOf(ctx.cluster, ns, got.object);
            if (pods.empty())
                return CommandResult::failure("error: timed out waiting for the condition\n");
            if (pods.size() > 1)
                res.err += "Found " + std::to_string(pods.size()) + " pods, using pod/" +
                           stringAt(*pods.front(), "metadata.name") + "\n";
            pods.resize(1);
        }
    }
    for (const ObjectPtr& pod : pods) {
        const std::string podName = stringAt(*pod, "metadata.name");
        const Json containers = pod->value("spec", Json::object()).value("containers", Json::array());
        std::string c = container;
        if (c.empty() && containers.size() > 1 && selector.empty()) {
            c = containers[0].value("name", std::string(""));
            res.err += "Defaulted container \"" + c + "\" out of: " + containerNames(*pod) + "\n";
        }
        if (!kubelets) {
            res.append(CommandResult::failure("Error from server (BadRequest): pod " + podName + " does not have a host assigned\n"));
            continue;
        }
        if (stringAt(*pod, "spec.nodeName").empty()) {
            res.append(CommandResult::failure("Error from server (BadRequest): pod " + podName + " does not have a host assigned\n"));
            continue;
        }
        kubelet::LogsResult logs = kubelets->logs(ns, podName, c, previous);
        if (!logs.status.ok()) {
            res.append(CommandResult::failure(serverErrorText(logs.status)));
            continue;
        }
        std::vector<kubelet::ContainerLogLine> lines = logs.lines;
        if (tail >= 0 && static_cast<size_t>(tail) < lines.size())
            lines.erase(lines.begin(), lines.end() - tail);
        if (a.has("since")) {
            // --since=10s|5m|1h: lines newer than now - d.
            std::string s = a.get("since");
            int64_t n = std::atoll(s.c_str());
            char unit = s.empty() ? 's' : s.back();
            Duration d = unit == 'h' ? Duration::hours(n) : unit == 'm' ? Duration::minutes(n) : Duration::seconds(n);
            Time from = ctx.cluster.now() - d;
            lines.erase(std::remove_if(lines.begin(), lines.end(), [&](const auto& l) { return l.time < from; }), lines.end());
        }
        // -f on one pod: the stream stays open.
        if ((a.has("f") || a.has("follow")) && pods.size() == 1 && !previous)
            res.foreground = std::make_shared<LogFollower>(ctx.cluster, ns, podName, c, logs.lines.size(), timestamps);
        for (const auto& l : lines) {
            std::string line;
            if (prefix || (!selector.empty() && pods.size() > 1 && prefix))
                line += "[pod/" + podName + "/" + (c.empty() ? containers[0].value("name", std::string("")) : c) + "] ";
            if (timestamps)
                line += formatRFC3339Nano(l.time) + " ";
            res.out += line + l.line + "\n";
        }
    }
    // SIMPLIFICATION: -f with a selector (several pods) prints what is there and returns.
    return res;
}

}  // namespace kp::cli
