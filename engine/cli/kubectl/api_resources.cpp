// kubectl api-resources and api-versions: what the apiserver's discovery serves.
//   api-resources: the preferred version of every group, one line per resource (subresources
//     left out): NAME SHORTNAMES APIVERSION NAMESPACED KIND (-o wide adds VERBS CATEGORIES), sorted
//     by group, then name (--sort-by=name|kind sorts by that, then name); -o name prints
//     "deployments.apps"; filters --namespaced, --api-group, --verbs, --categories; --no-headers.
//   api-versions: every served group/version, sorted as strings ("apps/v1" ... "v1").
// Upstream: kubectl pkg/cmd/apiresources/apiresources.go (RunAPIResources, sortableResource),
// apiversions.go (RunAPIVersions).
#include <algorithm>
#include <set>

#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/kubectl.h"
#include "cli/tabwriter.h"
#include "metrics/metrics_api.h"

namespace kp::cli {
namespace {

std::string joinComma(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items)
        out += (out.empty() ? "" : ",") + s;
    return out;
}

bool hasAll(const std::vector<std::string>& have, const std::vector<std::string>& want) {
    return std::all_of(want.begin(), want.end(),
                       [&](const std::string& w) { return std::find(have.begin(), have.end(), w) != have.end(); });
}

std::string goList(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items)
        out += (out.empty() ? "" : " ") + s;
    return "[" + out + "]";
}

// The Metrics API, served through the APIService v1beta1.metrics.k8s.io (the metrics-server
// addon): its resources once the APIService is available. While it is not, discovery reports
// the group version as stale, which kubectl prints after the table as
// `error: unable to retrieve the complete list of server APIs: metrics.k8s.io/v1beta1: stale GroupVersion discovery: metrics.k8s.io/v1beta1`.
// Upstream: client-go discovery/aggregated_discovery.go (StaleGroupVersionError),
// discovery_client.go (ErrGroupDiscoveryFailed).
enum class MetricsDiscovery { Absent, Stale, Served };

MetricsDiscovery metricsDiscovery(Cluster& cluster) {
    std::optional<RestReply> reply =
        metrics::serveMetricsApi(cluster.store(), "/apis/metrics.k8s.io/v1beta1", false, cluster.now());
    if (!reply)
        return MetricsDiscovery::Absent;
    return reply->code == 200 ? MetricsDiscovery::Served : MetricsDiscovery::Stale;
}

std::vector<ResourceInfo> metricsResources() {
    std::vector<ResourceInfo> out(2);
    for (ResourceInfo& r : out) {
        r.group = "metrics.k8s.io";
        r.version = "v1beta1";
        r.verbs = {"get", "list"};
    }
    out[0].resource = "nodes";
    out[0].kind = "NodeMetrics";
    out[0].namespaced = false;
    out[1].resource = "pods";
    out[1].kind = "PodMetrics";
    return out;
}

constexpr const char* kStaleMetricsError =
    "error: unable to retrieve the complete list of server APIs: metrics.k8s.io/v1beta1: stale GroupVersion "
    "discovery: metrics.k8s.io/v1beta1\n";

}  // namespace

CommandResult kubectlApiResources(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl api-resources");
    flags.boolean("no-headers").string("output", "o").string("api-group").boolean("namespaced", "", true);
    flags.stringSlice("verbs").string("sort-by").boolean("cached").stringSlice("categories");
    flags.usage("no-headers", "Leave out the header line.")
        .usage("output", "wide (adds verbs and categories) or name.")
        .usage("api-group", "Only the resources of this API group (\"\" for the core group).")
        .usage("namespaced", "true: only namespaced resources; false: only cluster-wide ones.")
        .usage("verbs", "Only the resources that support all of these verbs.")
        .usage("sort-by", "Sort by name or kind instead of by group.")
        .usage("cached", "Use the cached discovery information.")
        .usage("categories", "Only the resources in all of these categories (e.g. all).");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    // 1. Complete and Validate.
    if (!flags.args().empty())
        return usageErrorResult("kubectl api-resources", "unexpected arguments: " + goList(flags.args()));
    const std::string output = flags.str("output");
    if (output != "" && output != "wide" && output != "name")
        return errorResult("--output " + output + " is not available");
    const std::string sortBy = flags.str("sort-by");
    if (!sortBy.empty() && sortBy != "name" && sortBy != "kind")
        return errorResult("--sort-by accepts only name or kind");

    // 2. Filter the preferred resources.
    std::vector<const ResourceInfo*> all;
    for (const ResourceInfo& r : ResourceRegistry::builtin().all())
        all.push_back(&r);
    const MetricsDiscovery metricsApi = metricsDiscovery(ctx.cluster);
    static const std::vector<ResourceInfo> kMetricsResources = metricsResources();
    if (metricsApi == MetricsDiscovery::Served)
        for (const ResourceInfo& r : kMetricsResources)
            all.push_back(&r);
    std::vector<const ResourceInfo*> rows;
    for (const ResourceInfo* resource : all) {
        const ResourceInfo& r = *resource;
        if (!r.preferred || r.verbs.empty())
            continue;
        if (flags.changed("api-group") && flags.str("api-group") != r.group)
            continue;
        if (flags.changed("namespaced") && flags.on("namespaced") != r.namespaced)
            continue;
        if (!hasAll(r.verbs, flags.list("verbs")) || !hasAll(r.categories, flags.list("categories")))
            continue;
        rows.push_back(&r);
    }
    // 3. Sort: by group (or name, or kind), ties by name.
    auto key = [&](const ResourceInfo* r) -> const std::string& {
        return sortBy == "name" ? r->resource : sortBy == "kind" ? r->kind : r->group;
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const ResourceInfo* a, const ResourceInfo* b) {
        if (key(a) != key(b))
            return key(a) < key(b);
        return a->resource < b->resource;
    });

    // 4. Print.
    TabWriter tw(3, 6);  // kubectl printers.GetNewTabWriter: minwidth 6, padding 3
    if (!flags.on("no-headers") && output != "name")
        tw.write(output == "wide" ? "NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\tVERBS\tCATEGORIES\n"
                                  : "NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\n");
    for (const ResourceInfo* r : rows) {
        if (output == "name") {
            tw.write(r->group.empty() ? r->resource + "\n" : r->resource + "." + r->group + "\n");
            continue;
        }
        std::string line = r->resource + "\t" + joinComma(r->shortNames) + "\t" + r->apiVersion() + "\t" +
                           (r->namespaced ? "true" : "false") + "\t" + r->kind;
        if (output == "wide")
            line += "\t" + joinComma(r->verbs) + "\t" + joinComma(r->categories);
        tw.write(line + "\n");
    }
    res.out = tw.str();
    if (metricsApi == MetricsDiscovery::Stale) {
        res.err += kStaleMetricsError;
        res.exitCode = 1;
    }
    return res;
}

CommandResult kubectlApiVersions(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl api-versions");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    if (!flags.args().empty())
        return usageErrorResult("kubectl api-versions", "unexpected arguments: " + goList(flags.args()));
    std::set<std::string> versions;
    for (const ResourceInfo& r : ResourceRegistry::builtin().all())
        versions.insert(r.apiVersion());
    // SIMPLIFICATION: a stale Metrics API group version is left out without an error.
    if (metricsDiscovery(ctx.cluster) == MetricsDiscovery::Served)
        versions.insert("metrics.k8s.io/v1beta1");
    for (const std::string& v : versions)
        res.out += v + "\n";
    return res;
}

}  // namespace kp::cli
