#include "metrics/usage.h"

#include <cstdlib>

#include "api/quantity.h"

namespace kp::metrics {
namespace {

constexpr int64_t kMi = 1024 * 1024;

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

int64_t quantityAt(const Json& obj, std::string_view path, bool milli) {
    const Json* v = findPath(obj, path);
    if (!v || !v->is_string())
        return 0;
    auto q = resource::Quantity::parse(v->get<std::string>(), nullptr);
    return q ? (milli ? q->milliValue() : q->value()) : 0;
}

// stress's size argument: "150M" (powers of 1024), "1G", "512K", plain bytes.
int64_t stressBytes(const std::string& text) {
    int64_t n = std::atoll(text.c_str());
    switch (text.empty() ? ' ' : text.back()) {
    case 'K': case 'k': return n * 1024;
    case 'M': case 'm': return n * kMi;
    case 'G': case 'g': return n * 1024 * kMi;
    default: return n;
    }
}

// When two scrapes (every kResolution from `since`) have seen something that started at t.
Time availableAt(Time started, Time since) {
    const Time from = started > since ? started : since;
    // The first scrape at or after `from`, then one more.
    const int64_t steps = (from - since).ms <= 0 ? 0 : ((from - since).ms + kResolution.ms - 1) / kResolution.ms;
    return since + kResolution * (steps + 1);
}

}  // namespace

std::optional<Time> metricsServerSince(const ObjectStore& store) {
    for (const ObjectPtr& pod : store.list("pods", "kube-system")) {
        const Json* labels = findPath(*pod, "metadata.labels");
        if (!labels || !labels->is_object() || labels->value("k8s-app", std::string("")) != "metrics-server" ||
            findPath(*pod, "metadata.deletionTimestamp"))
            continue;
        for (const Json& c : pod->value("status", Json::object()).value("conditions", Json::array()))
            if (c.value("type", std::string("")) == "Ready" && c.value("status", std::string("")) == "True")
                return parseRFC3339(c.value("lastTransitionTime", std::string("")));
    }
    return std::nullopt;
}

Usage containerUsage(const Json& pod, const Json& container) {
    const std::string image = container.value("image", std::string(""));
    Usage u;
    if (contains(image, "polinux/stress") || contains(image, "vish/stress")) {
        std::vector<std::string> args;
        for (const char* key : {"command", "args"})
            for (const Json& a : container.value(key, Json::array()))
                if (a.is_string())
                    args.push_back(a.get<std::string>());
        int64_t cpus = 0, vms = 0, vmBytes = 256 * kMi;
        for (size_t i = 0; i + 1 < args.size(); ++i) {
            if (args[i] == "--cpu" || args[i] == "-c" || args[i] == "-cpus")
                cpus = std::atoll(args[i + 1].c_str());
            else if (args[i] == "--vm" || args[i] == "-m")
                vms = std::atoll(args[i + 1].c_str());
            else if (args[i] == "--vm-bytes")
                vmBytes = stressBytes(args[i + 1]);
        }
        u.milliCpu = (cpus + vms) * 1000;
        u.bytes = vms * vmBytes + 1 * kMi;
    } else {
        struct Typical {
            const char* image;
            int64_t milliCpu, mi;
        };
        static const Typical kTypical[] = {
            {"kube-apiserver", 45, 240},      {"etcd", 22, 42},        {"kube-controller-manager", 18, 48},
            {"kube-scheduler", 3, 19},        {"kube-proxy", 1, 14},   {"coredns", 3, 14},
            {"storage-provisioner", 1, 9},    {"metrics-server", 4, 17}, {"ingress-nginx/controller", 2, 88},
            {"nginx-ingress-controller", 2, 88}, {"dashboard", 1, 9},  {"metrics-scraper", 1, 7},
            {"echoserver", 1, 4},             {"echo-server", 0, 2},   {"mysql", 5, 370},
            {"redis", 2, 3},                  {"httpd", 1, 6},         {"hello-app", 0, 2},
            {"kubernetes-bootcamp", 0, 9},    {"agnhost", 0, 8},       {"nginx", 0, 3},
        };
        u.bytes = 1 * kMi;  // a shell, sleep, a small tool
        for (const Typical& t : kTypical)
            if (contains(image, t.image)) {
                u.milliCpu = t.milliCpu;
                u.bytes = t.mi * kMi;
                break;
            }
    }
    // Limits cap what a container gets (CFS quota; the OOM killer above the memory limit).
    if (int64_t cpuLimit = quantityAt(container, "resources.limits.cpu", true); cpuLimit > 0 && u.milliCpu > cpuLimit)
        u.milliCpu = cpuLimit;
    if (int64_t memLimit = quantityAt(container, "resources.limits.memory", false); memLimit > 0 && u.bytes > memLimit)
        u.bytes = memLimit;
    (void)pod;
    return u;
}

std::optional<std::vector<ContainerMetrics>> podMetrics(const Json& pod, Time since, Time now) {
    if (stringAt(pod, "status.phase") != "Running")
        return std::nullopt;
    std::optional<Time> started = parseRFC3339(stringAt(pod, "status.startTime"));
    if (!started || now < availableAt(*started, since))
        return std::nullopt;
    std::vector<ContainerMetrics> out;
    const Json statuses = pod.value("status", Json::object()).value("containerStatuses", Json::array());
    for (const Json& c : pod.value("spec", Json::object()).value("containers", Json::array())) {
        bool running = false;
        for (const Json& s : statuses)
            if (s.value("name", std::string("")) == c.value("name", std::string("")) && findPath(s, "state.running"))
                running = true;
        if (running)
            out.push_back({c.value("name", std::string("")), containerUsage(pod, c)});
    }
    if (out.empty())
        return std::nullopt;
    return out;
}

std::optional<Usage> nodeMetrics(const ObjectStore& store, const Json& node, Time since, Time now) {
    std::optional<Time> created = parseRFC3339(stringAt(node, "metadata.creationTimestamp"));
    if (!created || now < availableAt(*created, since))
        return std::nullopt;
    Usage u{95, 560 * kMi};  // kubelet, dockerd, cri-dockerd, systemd
    const std::string name = stringAt(node, "metadata.name");
    for (const ObjectPtr& pod : store.list("pods")) {
        if (stringAt(*pod, "spec.nodeName") != name || stringAt(*pod, "status.phase") != "Running")
            continue;
        for (const Json& c : pod->value("spec", Json::object()).value("containers", Json::array())) {
            Usage cu = containerUsage(*pod, c);
            u.milliCpu += cu.milliCpu;
            u.bytes += cu.bytes;
        }
    }
    return u;
}

}  // namespace kp::metrics
