#include "metrics/metrics_api.h"

#include <string>
#include <vector>

#include "api/quantity.h"
#include "base/text.h"
#include "metrics/usage.h"

namespace kp::metrics {
namespace {

using Ordered = nlohmann::ordered_json;

constexpr const char* kPrefix = "/apis/metrics.k8s.io/v1beta1";
constexpr const char* kAPIService = "v1beta1.metrics.k8s.io";

RestReply reply(const Ordered& body, bool pretty, int code = 200) {
    return RestReply{code, (pretty ? body.dump(2) : body.dump()) + "\n", "application/json"};
}

RestReply notFound(const std::string& resource, const std::string& name, bool pretty) {
    Ordered status = {{"kind", "Status"},
                      {"apiVersion", "v1"},
                      {"metadata", Ordered::object()},
                      {"status", "Failure"},
                      {"message", resource + ".metrics.k8s.io \"" + name + "\" not found"},
                      {"reason", "NotFound"},
                      {"details", {{"name", name}, {"group", "metrics.k8s.io"}, {"kind", resource}}},
                      {"code", 404}};
    return reply(status, pretty, 404);
}

bool isAvailable(const Json& apiService) {
    for (const Json& c : apiService.value("status", Json::object()).value("conditions", Json::array()))
        if (c.value("type", std::string("")) == "Available")
            return c.value("status", std::string("")) == "True";
    return false;
}

// metrics-server builds CPU as nanocores (a DecimalSI quantity at scale -9) and memory as bytes
// (BinarySI), and the API writes each in resource.Quantity's canonical form: 192000000 nanocores
// is "192m", 123456789 is "123456789n"; 1009778688 bytes is "963Mi", 1536000 is "1500Ki".
// Upstream: kubernetes-sigs/metrics-server pkg/storage/types.go resourceUsage.
std::string cpuText(int64_t milliCpu) {
    return resource::Quantity::fromScaled(milliCpu * 1000000, -9).toString();
}
std::string memoryText(int64_t bytes) { return resource::Quantity::fromInt64(bytes, resource::Format::BinarySI).toString(); }

Ordered usageOf(const Usage& u) { return {{"cpu", cpuText(u.milliCpu)}, {"memory", memoryText(u.bytes)}}; }

Ordered metadataOf(const Json& obj, bool namespaced, Time now) {
    Ordered meta = {{"name", stringAt(obj, "metadata.name")}};
    if (namespaced)
        meta["namespace"] = stringAt(obj, "metadata.namespace");
    meta["creationTimestamp"] = formatRFC3339(now);
    if (const Json* labels = findPath(obj, "metadata.labels"); labels && labels->is_object() && !labels->empty()) {
        Ordered l = Ordered::object();
        for (const auto& [k, v] : labels->items())
            l[k] = v;
        meta["labels"] = l;
    }
    return meta;
}

// The last scrape at or before `now`: metrics-server scrapes every kResolution from its start.
std::string lastScrape(Time since, Time now) {
    const int64_t periods = (now - since).ms / kResolution.ms;
    return formatRFC3339(since + Duration::millis(periods * kResolution.ms));
}

std::optional<Ordered> nodeItem(const ObjectStore& store, const Json& node, Time since, Time now) {
    std::optional<Usage> u = nodeMetrics(store, node, since, now);
    if (!u)
        return std::nullopt;
    return Ordered{{"metadata", metadataOf(node, false, now)},
                   {"timestamp", lastScrape(since, now)},
                   {"window", "1m0s"},
                   {"usage", usageOf(*u)}};
}

std::optional<Ordered> podItem(const Json& pod, Time since, Time now) {
    std::optional<std::vector<ContainerMetrics>> m = podMetrics(pod, since, now);
    if (!m)
        return std::nullopt;
    Ordered containers = Ordered::array();
    for (const ContainerMetrics& c : *m)
        containers.push_back({{"name", c.name}, {"usage", usageOf(c.usage)}});
    return Ordered{{"metadata", metadataOf(pod, true, now)},
                   {"timestamp", lastScrape(since, now)},
                   {"window", "1m0s"},
                   {"containers", containers}};
}

Ordered list(const char* kind, Ordered items) {
    return {{"kind", kind}, {"apiVersion", "metrics.k8s.io/v1beta1"}, {"metadata", Ordered::object()}, {"items", std::move(items)}};
}

}  // namespace

std::optional<RestReply> serveMetricsApi(const ObjectStore& store, std::string_view target, bool pretty, Time now) {
    const size_t q = target.find('?');
    const std::string_view path = target.substr(0, q);
    const std::string prefix = kPrefix;
    if (path.substr(0, prefix.size()) != prefix || (path.size() > prefix.size() && path[prefix.size()] != '/'))
        return std::nullopt;
    if (q != std::string_view::npos && target.find("pretty=true", q) != std::string_view::npos)
        pretty = true;
    ObjectPtr apiService = store.get("apiservices.apiregistration.k8s.io", "", kAPIService);
    if (!apiService)
        return std::nullopt;
    if (!isAvailable(*apiService))
        return RestReply{503, "service unavailable\n", "text/plain; charset=utf-8"};
    std::optional<Time> since = metricsServerSince(store);
    if (!since)
        return RestReply{503, "service unavailable\n", "text/plain; charset=utf-8"};

    std::vector<std::string> rest = splitPathSegments(path.substr(prefix.size()));
    if (rest.empty()) {
        Ordered resources = Ordered::array();
        resources.push_back({{"name", "nodes"}, {"singularName", ""}, {"namespaced", false}, {"kind", "NodeMetrics"}, {"verbs", {"get", "list"}}});
        resources.push_back({{"name", "pods"}, {"singularName", ""}, {"namespaced", true}, {"kind", "PodMetrics"}, {"verbs", {"get", "list"}}});
        return reply({{"kind", "APIResourceList"}, {"apiVersion", "v1"}, {"groupVersion", "metrics.k8s.io/v1beta1"}, {"resources", resources}},
                     pretty);
    }
    if (rest[0] == "nodes" && rest.size() <= 2) {
        if (rest.size() == 2) {
            ObjectPtr node = store.get("nodes", "", rest[1]);
            std::optional<Ordered> item = node ? nodeItem(store, *node, *since, now) : std::nullopt;
            if (!item)
                return notFound("nodemetrics", rest[1], pretty);
            Ordered one = {{"kind", "NodeMetrics"}, {"apiVersion", "metrics.k8s.io/v1beta1"}};
            for (auto& [k, v] : item->items())
                one[k] = v;
            return reply(one, pretty);
        }
        Ordered items = Ordered::array();
        for (const ObjectPtr& node : store.list("nodes"))
            if (std::optional<Ordered> item = nodeItem(store, *node, *since, now))
                items.push_back(*item);
        return reply(list("NodeMetricsList", items), pretty);
    }
    std::string ns;
    if (rest.size() >= 3 && rest[0] == "namespaces") {
        ns = rest[1];
        rest.erase(rest.begin(), rest.begin() + 2);
    }
    if (rest.empty() || rest[0] != "pods" || rest.size() > 2 || (rest.size() == 2 && ns.empty()))
        return RestReply{404, "404 page not found\n", "text/plain; charset=utf-8"};
    if (rest.size() == 2) {
        ObjectPtr pod = store.get("pods", ns, rest[1]);
        std::optional<Ordered> item = pod ? podItem(*pod, *since, now) : std::nullopt;
        if (!item)
            return notFound("podmetrics", ns + "/" + rest[1], pretty);
        Ordered one = {{"kind", "PodMetrics"}, {"apiVersion", "metrics.k8s.io/v1beta1"}};
        for (auto& [k, v] : item->items())
            one[k] = v;
        return reply(one, pretty);
    }
    Ordered items = Ordered::array();
    for (const ObjectPtr& pod : store.list("pods", ns))
        if (std::optional<Ordered> item = podItem(*pod, *since, now))
            items.push_back(*item);
    return reply(list("PodMetricsList", items), pretty);
}

}  // namespace kp::metrics
