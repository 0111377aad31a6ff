#include "cli/kubectl/get_metrics.h"

#include <map>

#include "api/codec/json_encode.h"
#include "api/codec/yaml_encode.h"
#include "api/quantity.h"
#include "apiserver/rest_reads.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/table_printer.h"
#include "metrics/metrics_api.h"

namespace kp::cli {
namespace {

constexpr const char* kPrefix = "/apis/metrics.k8s.io/v1beta1";

// "nodes.metrics.k8s.io", "nodes.v1beta1.metrics.k8s.io", "nodemetrics", "NodeMetrics" ...:
// "nodes" or "pods", else "".
std::string metricsResource(std::string type) {
    for (char& c : type)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* r : {"nodes", "pods"}) {
        const std::string plural = r;
        const std::string kind = plural.substr(0, plural.size() - 1) + "metrics";
        for (const std::string& form : {plural + ".metrics.k8s.io", plural + ".v1beta1.metrics.k8s.io", kind,
                                        kind + ".metrics.k8s.io", kind + ".v1beta1.metrics.k8s.io"})
            if (type == form)
                return plural;
    }
    return "";
}

// metrics-server's Table row: the name, the usage per resource (sorted by resource name) and
// the window.
Json tableRow(const Json& item, const std::map<std::string, resource::Quantity>& usage) {
    Json cells = Json::array({item["metadata"].value("name", "")});
    for (const auto& [name, q] : usage)
        cells.push_back(q.toString());
    cells.push_back(item.value("window", ""));
    return {{"cells", cells}, {"object", {{"metadata", item["metadata"]}}}};
}

std::map<std::string, resource::Quantity> usageOf(const Json& item, bool pod) {
    std::map<std::string, resource::Quantity> usage;
    auto addAll = [&usage](const Json& list) {
        if (!list.is_object())
            return;
        for (const auto& [name, value] : list.items()) {
            std::optional<resource::Quantity> q =
                value.is_string() ? resource::Quantity::parse(value.get<std::string>(), nullptr) : std::nullopt;
            if (!q)
                continue;
            auto it = usage.find(name);
            if (it == usage.end())
                usage.emplace(name, *q);
            else
                it->second.add(*q);
        }
    };
    if (!pod) {
        addAll(item.value("usage", Json::object()));
        return usage;
    }
    for (const Json& c : item.value("containers", Json::array()))
        addAll(c.value("usage", Json::object()));
    return usage;
}

}  // namespace

std::optional<CommandResult> getMetricsResources(KubectlContext& ctx, const std::vector<std::string>& args,
                                                 const MetricsGetOptions& options) {
    if (args.empty())
        return std::nullopt;
    std::string type = args[0];
    std::vector<std::string> names(args.begin() + 1, args.end());
    if (const size_t slash = type.find('/'); slash != std::string::npos && args.size() == 1) {
        names = {type.substr(slash + 1)};
        type = type.substr(0, slash);
    }
    const std::string resource = metricsResource(type);
    if (resource.empty())
        return std::nullopt;
    // The group is discovered only while its APIService is available.
    std::optional<RestReply> discovery = metrics::serveMetricsApi(ctx.cluster.store(), kPrefix, false, ctx.cluster.now());
    if (!discovery || discovery->code != 200)
        return std::nullopt;
    // SIMPLIFICATION: only the table, -o wide, json, yaml and name are simulated here.
    if (!options.output.empty() && options.output != "wide" && options.output != "json" && options.output != "yaml" &&
        options.output != "name")
        return CommandResult::failure("error: -o " + options.output +
                                      " is not simulated by kubeplay for the Metrics API (use json, yaml or name)\n");
    const bool pods = resource == "pods";
    const std::string base = std::string(kPrefix) + (pods && !options.allNamespaces ? "/namespaces/" + options.ns : "") +
                             "/" + resource;
    std::vector<Json> items;
    CommandResult res;
    auto fetch = [&](const std::string& path) -> std::optional<Json> {
        std::optional<RestReply> reply = metrics::serveMetricsApi(ctx.cluster.store(), path, false, ctx.cluster.now());
        Json body = reply ? Json::parse(reply->body, nullptr, false) : Json();
        if (reply && reply->code == 200 && body.is_object())
            return body;
        const Status status = reply && body.is_object()
                                  ? Status::fromJson(body)
                                  : Status::failure(503, "ServiceUnavailable", "the server is currently unable to handle the request");
        res.err += serverErrorText(status);
        res.exitCode = 1;
        return std::nullopt;
    };
    if (names.empty()) {
        if (std::optional<Json> list = fetch(base))
            for (const Json& item : (*list)["items"])
                items.push_back(item);
    } else {
        for (const std::string& name : names)
            if (std::optional<Json> one = fetch(base + "/" + name))
                items.push_back(*one);
    }
    const std::string kind = pods ? "PodMetrics" : "NodeMetrics";
    if (options.output == "json" || options.output == "yaml") {
        Json doc;
        if (!names.empty() && items.size() == 1) {
            doc = items[0];
        } else {
            doc = {{"apiVersion", "v1"}, {"kind", "List"}, {"metadata", {{"resourceVersion", ""}}}, {"items", Json::array()}};
            for (Json item : items) {
                item["apiVersion"] = "metrics.k8s.io/v1beta1";
                item["kind"] = kind;
                doc["items"].push_back(item);
            }
        }
        if (!items.empty() || names.empty())
            res.out += options.output == "yaml" ? codec::toYamlText(doc) : codec::printJson(doc);
        return res;
    }
    if (options.output == "name") {
        for (const Json& item : items)
            res.out += (pods ? "podmetrics.metrics.k8s.io/" : "nodemetrics.metrics.k8s.io/") +
                       item["metadata"].value("name", "") + "\n";
        return res;
    }
    Json columns = Json::array({{{"name", "Name"}, {"type", "string"}, {"format", "name"}, {"priority", 0}}});
    std::vector<Json> rows;
    for (const Json& item : items) {
        const std::map<std::string, resource::Quantity> usage = usageOf(item, pods);
        if (rows.empty())
            for (const auto& [name, q] : usage)
                columns.push_back({{"name", name}, {"type", "string"}, {"format", "quantity"}, {"priority", 0}});
        rows.push_back(tableRow(item, usage));
    }
    columns.push_back({{"name", "Window"}, {"type", "string"}, {"format", "duration"}, {"priority", 0}});
    std::vector<const Json*> rowPtrs;
    for (const Json& r : rows)
        rowPtrs.push_back(&r);
    HumanOptions human;
    human.wide = options.output == "wide";
    human.noHeaders = options.noHeaders;
    human.withNamespace = pods && options.allNamespaces;
    res.out += printRows(columns, rowPtrs, human);
    if (items.empty() && names.empty())
        res.err += pods && !options.allNamespaces ? "No resources found in " + options.ns + " namespace.\n"
                                                  : "No resources found\n";
    return res;
}

}  // namespace kp::cli
