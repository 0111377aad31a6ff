// kubectl top pod|node: resource usage from the Metrics API (metrics-server), in kubectl's
// columns: NAME CPU(cores) MEMORY(bytes) for pods (NAMESPACE first with -A, POD NAME with
// --containers), NAME CPU(cores) CPU(%) MEMORY(bytes) MEMORY(%) for nodes; CPU as "<m>m",
// memory as "<Mi>Mi" (truncated), percentages of the node's allocatable; every cell ends with a
// tab, so lines end with padding, as kubectl prints them.
// Without metrics-server: "error: Metrics API not available"; while it starts: the apiserver's
// ServiceUnavailable; before two scrapes have seen a pod: "error: metrics not available yet".
// Upstream: kubectl pkg/cmd/top/top_pod.go, top_node.go (RunTopPod, verifyEmptyMetrics),
// pkg/metricsutil/metrics_printer.go.
#include <algorithm>

#include "api/labels.h"
#include "api/quantity.h"
#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/help.h"
#include "cli/kubectl/kubectl.h"
#include "cli/tabwriter.h"
#include "metrics/usage.h"

namespace kp::cli {
namespace {

constexpr int64_t kMi = 1024 * 1024;

std::string cpuText(int64_t milli) { return std::to_string(milli) + "m"; }
std::string memText(int64_t bytes) { return std::to_string(bytes / kMi) + "Mi"; }

// The Metrics API's availability: "" when served, else kubectl's error text.
std::string metricsApiError(Cluster& cluster, std::optional<Time>& since, const std::string& resource) {
    since = metrics::metricsServerSince(cluster.store());
    if (since)
        return "";
    if (cluster.store().get("deployments.apps", "kube-system", "metrics-server"))
        return "Error from server (ServiceUnavailable): the server is currently unable to handle the request (get " +
               resource + ".metrics.k8s.io)\n";
    return "error: Metrics API not available\n";
}

struct Row {
    std::string ns, pod, name;
    metrics::Usage usage;
};

void sortRows(std::vector<Row>& rows, const std::string& sortBy) {
    if (sortBy == "cpu")
        std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.usage.milliCpu > b.usage.milliCpu; });
    else if (sortBy == "memory")
        std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.usage.bytes > b.usage.bytes; });
}

CommandResult topPod(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl top pod");
    flags.boolean("all-namespaces", "A").string("selector", "l").string("field-selector").boolean("containers")
        .boolean("no-headers").string("sort-by").boolean("sum").boolean("use-protocol-buffers", "", true);
    std::string error;
    if (!flags.parse(args, error))
        return CommandResult::failure(error);
    if (flags.on("help"))
        return {0, commandHelp(flags), ""};
    const std::string sortBy = flags.str("sort-by");
    if (!sortBy.empty() && sortBy != "cpu" && sortBy != "memory")
        return CommandResult::failure("error: --sort-by accepts only cpu or memory\n");
    const bool all = flags.on("all-namespaces");
    const std::string ns = flags.changed("namespace") ? flags.str("namespace") : ctx.defaultNamespace;
    std::optional<labels::Selector> selector = labels::Selector::everything();
    if (flags.changed("selector")) {
        std::string selError;
        selector = labels::Selector::parse(flags.str("selector"), &selError);
        if (!selector)
            return CommandResult::failure("error: " + selError + "\n");
    }
    const std::vector<std::string>& names = flags.args();
    if (!names.empty() && flags.changed("selector"))
        return CommandResult::failure("error: only one of NAME or --selector can be provided\n");
    std::optional<Time> since;
    if (std::string e = metricsApiError(ctx.cluster, since, "pods"); !e.empty())
        return CommandResult::failure(e);

    const Time now = ctx.cluster.now();
    std::vector<Row> rows;
    bool anyPod = false;
    if (!names.empty()) {
        ObjectPtr pod = ctx.cluster.store().get("pods", ns, names[0]);
        std::optional<std::vector<metrics::ContainerMetrics>> m;
        if (pod)
            m = metrics::podMetrics(*pod, *since, now);
        if (!m)
            return CommandResult::failure("Error from server (NotFound): podmetrics.metrics.k8s.io \"" + ns + "/" + names[0] +
                                          "\" not found\n");
        for (const auto& c : *m)
            rows.push_back({ns, names[0], c.name, c.usage});
    } else {
        for (const ObjectPtr& pod : ctx.cluster.store().list("pods", all ? "" : ns)) {
            if (!selector->matchesLabelsOf(*pod))
                continue;
            anyPod = true;
            std::optional<std::vector<metrics::ContainerMetrics>> m = metrics::podMetrics(*pod, *since, now);
            if (!m)
                continue;
            for (const auto& c : *m)
                rows.push_back({stringAt(*pod, "metadata.namespace"), stringAt(*pod, "metadata.name"), c.name, c.usage});
        }
        if (rows.empty()) {
            if (anyPod)
                return CommandResult::failure("error: metrics not available yet\n");
            CommandResult r;
            r.err = all ? "No resources found\n" : "No resources found in " + ns + " namespace.\n";
            return r;
        }
    }
    // One line per pod (containers summed) unless --containers.
    std::vector<Row> lines;
    for (const Row& r : rows) {
        if (!flags.on("containers") && !lines.empty() && lines.back().ns == r.ns && lines.back().pod == r.pod) {
            lines.back().usage.milliCpu += r.usage.milliCpu;
            lines.back().usage.bytes += r.usage.bytes;
            continue;
        }
        lines.push_back(r);
    }
    sortRows(lines, sortBy);
    TabWriter w(3);
    if (!flags.on("no-headers")) {
        if (all)
            w.write("NAMESPACE\t");
        w.write(flags.on("containers") ? "POD\tNAME\tCPU(cores)\tMEMORY(bytes)\t\n" : "NAME\tCPU(cores)\tMEMORY(bytes)\t\n");
    }
    metrics::Usage total;
    for (const Row& r : lines) {
        if (all)
            w.write(r.ns + "\t");
        if (flags.on("containers"))
            w.write(r.pod + "\t");
        w.write((flags.on("containers") ? r.name : r.pod) + "\t" + cpuText(r.usage.milliCpu) + "\t" + memText(r.usage.bytes) + "\t\n");
        total.milliCpu += r.usage.milliCpu;
        total.bytes += r.usage.bytes;
    }
    if (flags.on("sum")) {
        const int blanks = (all ? 1 : 0) + (flags.on("containers") ? 1 : 0) + 1;
        for (int i = 0; i < blanks; ++i)
            w.write("\t");
        w.write("________\t________\t\n");
        for (int i = 0; i < blanks; ++i)
            w.write("\t");
        w.write(cpuText(total.milliCpu) + "\t" + memText(total.bytes) + "\t\n");
    }
    CommandResult r;
    r.out = w.str();
    return r;
}

CommandResult topNode(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl top node");
    flags.string("selector", "l").boolean("no-headers").string("sort-by").boolean("show-capacity")
        .boolean("use-protocol-buffers", "", true);
    std::string error;
    if (!flags.parse(args, error))
        return CommandResult::failure(error);
    if (flags.on("help"))
        return {0, commandHelp(flags), ""};
    const std::string sortBy = flags.str("sort-by");
    if (!sortBy.empty() && sortBy != "cpu" && sortBy != "memory")
        return CommandResult::failure("error: --sort-by accepts only cpu or memory\n");
    std::optional<labels::Selector> selector = labels::Selector::everything();
    if (flags.changed("selector")) {
        std::string selError;
        selector = labels::Selector::parse(flags.str("selector"), &selError);
        if (!selector)
            return CommandResult::failure("error: " + selError + "\n");
    }
    std::optional<Time> since;
    if (std::string e = metricsApiError(ctx.cluster, since, "nodes"); !e.empty())
        return CommandResult::failure(e);
    const std::vector<std::string>& names = flags.args();
    struct NodeRow {
        std::string name;
        metrics::Usage usage, allocatable;
    };
    std::vector<NodeRow> rows;
    for (const ObjectPtr& node : ctx.cluster.store().list("nodes")) {
        const std::string name = stringAt(*node, "metadata.name");
        if ((!names.empty() && name != names[0]) || !selector->matchesLabelsOf(*node))
            continue;
        std::optional<metrics::Usage> u = metrics::nodeMetrics(ctx.cluster.store(), *node, *since, ctx.cluster.now());
        if (!u) {
            if (!names.empty())
                return CommandResult::failure("Error from server (NotFound): nodemetrics.metrics.k8s.io \"" + name + "\" not found\n");
            continue;
        }
        const char* source = flags.on("show-capacity") ? "status.capacity" : "status.allocatable";
        metrics::Usage alloc;
        for (const char* key : {"cpu", "memory"}) {
            const Json* v = findPath(*node, std::string(source) + "." + key);
            std::optional<resource::Quantity> q;
            if (v && v->is_string())
                q = resource::Quantity::parse(v->get<std::string>(), nullptr);
            if (q && std::string(key) == "cpu")
                alloc.milliCpu = q->milliValue();
            else if (q)
                alloc.bytes = q->value();
        }
        rows.push_back({name, *u, alloc});
    }
    if (rows.empty()) {
        if (!names.empty())
            return CommandResult::failure("Error from server (NotFound): nodemetrics.metrics.k8s.io \"" + names[0] + "\" not found\n");
        return CommandResult::failure("error: metrics not available yet\n");
    }
    if (sortBy == "cpu")
        std::stable_sort(rows.begin(), rows.end(), [](const NodeRow& a, const NodeRow& b) { return a.usage.milliCpu > b.usage.milliCpu; });
    else if (sortBy == "memory")
        std::stable_sort(rows.begin(), rows.end(), [](const NodeRow& a, const NodeRow& b) { return a.usage.bytes > b.usage.bytes; });
    TabWriter w(3);
    if (!flags.on("no-headers"))
        w.write("NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n");
    for (const NodeRow& r : rows) {
        const int64_t cpuPct = r.allocatable.milliCpu ? r.usage.milliCpu * 100 / r.allocatable.milliCpu : 0;
        const int64_t memPct = r.allocatable.bytes ? r.usage.bytes * 100 / r.allocatable.bytes : 0;
        w.write(r.name + "\t" + cpuText(r.usage.milliCpu) + "\t" + std::to_string(cpuPct) + "%\t" + memText(r.usage.bytes) +
                "\t" + std::to_string(memPct) + "%\t\n");
    }
    CommandResult r;
    r.out = w.str();
    return r;
}

}  // namespace

CommandResult kubectlTop(KubectlContext& ctx, const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        CommandResult r;
        r.out = "Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n"
                " This command requires Metrics Server to be correctly configured and working on the server.\n\n"
                "Available Commands:\n  node          Display resource (CPU/memory) usage of nodes\n"
                "  pod           Display resource (CPU/memory) usage of pods\n\nUsage:\n  kubectl top [flags] [options]\n\n"
                "Use \"kubectl top <command> --help\" for more information about a given command.\n"
                "Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n";
        return r;
    }
    const std::string sub = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (sub == "pod" || sub == "pods" || sub == "po")
        return topPod(ctx, rest);
    if (sub == "node" || sub == "nodes" || sub == "no")
        return topNode(ctx, rest);
    return CommandResult::failure("error: unknown command \"" + sub + "\" for \"kubectl top\"\n");
}

}  // namespace kp::cli
