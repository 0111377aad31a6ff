// API machinery figures (issue: foundation): store writes/s, apiserver pod creates/s, watch
// fan-out to many watchers, bytes per stored pod and node.
#include "bench_api.h"

#include <chrono>  // benchmark timing only: the engine itself never reads a wall clock

#include "bench_alloc.h"
#include "cluster/cluster.h"

using namespace kp;

namespace {

void set(std::map<std::string, double>& f, const std::string& k, double v) { f[k] = v; }

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Json podManifest(int i) {
    return Json{{"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata",
                 {{"name", "web-" + std::to_string(i)},
                  {"namespace", "default"},
                  {"labels", {{"app", "web"}, {"pod-template-hash", "7d4b9c8f6d"}}}}},
                {"spec",
                 {{"containers",
                   Json::array({{{"name", "nginx"},
                                 {"image", "nginx:1.27"},
                                 {"ports", Json::array({{{"containerPort", 80}}})}}})}}}};
}

Json nodeManifest(int i) {
    std::string name = i == 0 ? "minikube" : "minikube-m" + std::to_string(i + 1);
    return Json{{"apiVersion", "v1"},
                {"kind", "Node"},
                {"metadata",
                 {{"name", name},
                  {"labels",
                   {{"kubernetes.io/hostname", name}, {"kubernetes.io/os", "linux"}, {"kubernetes.io/arch", "amd64"}}}}},
                {"spec", {{"podCIDR", "10.244." + std::to_string(i % 256) + ".0/24"}}},
                {"status",
                 {{"capacity", {{"cpu", "2"}, {"memory", "3912Mi"}, {"pods", "110"}}},
                  {"allocatable", {{"cpu", "2"}, {"memory", "3912Mi"}, {"pods", "110"}}},
                  {"addresses",
                   Json::array({{{"type", "InternalIP"}, {"address", "192.168.49." + std::to_string(2 + i % 250)}},
                                {{"type", "Hostname"}, {"address", name}}})},
                  {"nodeInfo",
                   {{"kubeletVersion", "v1.32.0"},
                    {"containerRuntimeVersion", "docker://27.4.1"},
                    {"osImage", "Ubuntu 22.04.5 LTS"}}}}}};
}

}  // namespace

std::map<std::string, double> benchApi(bool quick) {
    std::map<std::string, double> f;
    const int storeWrites = quick ? 20000 : 200000;
    const int podCreates = quick ? 2000 : 20000;
    const int watchers = quick ? 2000 : 10000;
    const int sizingPods = quick ? 1000 : 10000;

    {  // Raw store writes.
        ObjectStore store(1000);
        Json obj = podManifest(0);
        auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < storeWrites; ++i) {
            obj["metadata"]["name"] = "p" + std::to_string(i % 1000);
            if (i < 1000)
                store.create("pods", obj);
            else
                store.update("pods", obj);
        }
        set(f, "store_writes_per_s", storeWrites / secondsSince(t0));
    }
    {  // Full apiserver path: defaulting, admission, validation, managedFields, store.
        Cluster cluster;
        Client client = cluster.client("bench");
        auto t0 = std::chrono::steady_clock::now();
        int failures = 0;
        for (int i = 0; i < podCreates; ++i)
            failures += client.create(podManifest(i)).ok() ? 0 : 1;
        set(f, "apiserver_pod_creates_per_s", podCreates / secondsSince(t0));
        set(f, "apiserver_pod_create_failures", failures);
    }
    {  // Watch fan-out: one write delivered to N watchers, then each drains it.
        ObjectStore store;
        std::vector<ObjectStore::WatcherId> ids;
        for (int i = 0; i < watchers; ++i) {
            WatchRequest req;
            req.resource = "pods";
            req.namespace_ = "default";
            Status err;
            ids.push_back(store.watch(req, err));
        }
        const int writes = 10;
        auto t0 = std::chrono::steady_clock::now();
        size_t delivered = 0;
        for (int w = 0; w < writes; ++w) {
            store.create("pods", podManifest(w));
            for (auto id : ids)
                delivered += store.drain(id).size();
        }
        double perWrite = secondsSince(t0) / writes;
        set(f, "watchers", watchers);
        set(f, "watch_fanout_ms_per_write", perWrite * 1000);
        set(f, "watch_events_delivered", static_cast<double>(delivered));
    }
    {  // Bytes retained per stored pod and node (allocator accounting around the store).
        Cluster cluster;
        Client client = cluster.client("bench");
        int64_t before = bench::liveBytes();
        for (int i = 0; i < sizingPods; ++i)
            client.create(podManifest(i));
        int64_t afterPods = bench::liveBytes();
        const int nodes = quick ? 100 : 1000;
        for (int i = 0; i < nodes; ++i)
            client.create(nodeManifest(i));
        int64_t afterNodes = bench::liveBytes();
        set(f, "bytes_per_pod", static_cast<double>(afterPods - before) / sizingPods);
        set(f, "bytes_per_node", static_cast<double>(afterNodes - afterPods) / nodes);
        set(f, "event_log_records", static_cast<double>(cluster.eventLog().records().size()));
    }
    return f;
}

