// Whole-cluster bring-up: `minikube start --nodes=N`, then a Deployment of M replicas until every
// pod runs. Wall time, virtual time and live heap bytes (operator new accounting) per pod.
#include "bench_cluster.h"

#include <chrono>  // benchmark timing only: the engine itself never reads a wall clock
#include <cstdio>
#ifndef __EMSCRIPTEN__
#include <sys/resource.h>  // getrusage: the process's peak resident memory
#endif

#include "bench_alloc.h"
#include "bench_json_size.h"
#include "cluster/cluster.h"
#include "view/cluster_view.h"

using namespace kp;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The Deployment's ready replicas: its nginx pods have no probes, so they are Ready once
// Running. (Listing the pods would decode every packed one at once: at 150,000 pods the
// benchmark's own list, not the cluster, would set the peak heap.)
size_t runningPods(Cluster& c) {
    ObjectPtr web = c.store().get("deployments.apps", "default", "web");
    return web ? static_cast<size_t>(intAt(*web, "status.readyReplicas")) : 0;
}

int gNodes = 0, gPods = 0;
long gPackBeyond = -1;

// Where the bytes per pod sit: the store's objects by resource (their managedFields apart), per
// running pod. Whatever bytes_per_running_pod holds beyond these lives outside the store (event
// log, kubelet and scheduler state, watch history).
void storeBreakdown(const ObjectStore& store, size_t packBeyond, double pods, std::map<std::string, double>& f) {
    const ObjectStore::PackedStats packed = store.packedStats();
    for (const std::string& resource : {std::string("pods"), std::string("events")}) {
        if (store.count(resource) >= packBeyond)
            continue;  // packed: a list would decode them all; see store_packed_bytes_per_pod
        int64_t bytes = 0, managed = 0;
        for (const ObjectPtr& obj : store.list(resource)) {
            bytes += bench::jsonHeapBytes(*obj);
            if (const Json* mf = findPath(*obj, "metadata.managedFields"))
                managed += bench::jsonHeapBytes(*mf);
        }
        f["store_" + resource + "_bytes_per_pod"] = double(bytes) / pods;
        f["store_" + resource + "_managed_fields_bytes_per_pod"] = double(managed) / pods;
    }
    f["store_events_per_pod"] = double(store.count("events")) / pods;
    f["store_packed_objects"] = double(packed.objects);
    f["store_packed_bytes_per_pod"] = double(packed.bytes) / pods;
    f["store_packed_table_bytes_per_pod"] = double(packed.tableBytes) / pods;
    f["store_packed_table_words"] = double(packed.tableWords);
}

}  // namespace

void setClusterBenchPackBeyond(long packBeyond) { gPackBeyond = packBeyond; }

void setClusterBenchSize(int nodes, int pods) {
    gNodes = nodes;
    gPods = pods;
}

std::map<std::string, double> benchCluster(bool quick) {
    const int nodes = gNodes > 0 ? gNodes : quick ? 50 : 5000;
    const int replicas = gPods > 0 ? gPods : quick ? 1500 : 150000;
    std::map<std::string, double> f;
    f["nodes"] = nodes;
    f["replicas"] = replicas;

    const int64_t before = bench::liveBytes();
    ClusterConfig config = ClusterConfig::fullCluster();
    config.startRunning = false;
    config.watchHistory = 1000;
    if (gPackBeyond >= 0)
        config.packBeyond = size_t(gPackBeyond);
    f["pack_beyond"] = double(config.packBeyond);
    Cluster cluster(config);
    MinikubeConfig profile;
    profile.nodes = nodes;
    auto t0 = std::chrono::steady_clock::now();
    const Time v0 = cluster.now();
    cluster.start(profile);
    cluster.advance(Duration::seconds(30));
    f["nodes_up_s"] = secondsSince(t0);
    f["bytes_per_node"] = double(bench::liveBytes() - before) / nodes;
    if (replicas >= 20000)
        std::fprintf(stderr, "[cluster] %d nodes up: wall %.1fs  heap %.0f MB\n", nodes, f["nodes_up_s"],
                     double(bench::liveBytes()) / (1024 * 1024));

    const int64_t beforePods = bench::liveBytes();
    Json deployment = {{"apiVersion", "apps/v1"},
                       {"kind", "Deployment"},
                       {"metadata", {{"name", "web"}, {"namespace", "default"}}},
                       {"spec",
                        {{"replicas", replicas},
                         {"selector", {{"matchLabels", {{"app", "web"}}}}},
                         {"template",
                          {{"metadata", {{"labels", {{"app", "web"}}}}},
                           {"spec", {{"containers", Json::array({{{"name", "nginx"}, {"image", "nginx:1.27"}}})}}}}}}}};
    t0 = std::chrono::steady_clock::now();
    const Time v1 = cluster.now();
    cluster.client("kubectl").create(deployment);
    // Virtual seconds until every pod runs (checked every 10 s, at most 30 minutes).
    size_t running = 0;
    for (int i = 0; i < 180 && running < size_t(replicas); ++i) {
        cluster.advance(Duration::seconds(10));
        running = runningPods(cluster);
        // Big runs take minutes: say how far they got, so a run stopped early still tells.
        if (replicas >= 20000)
            std::fprintf(stderr, "[cluster] virtual %4ds  wall %7.1fs  running %6zu  heap %6.0f MB\n", (i + 1) * 10,
                         secondsSince(t0), running, double(bench::liveBytes()) / (1024 * 1024));
    }
    const double seconds = secondsSince(t0);
    f["pods_running"] = double(running);
    f["pods_up_s"] = seconds;
    f["total_s"] = f["nodes_up_s"] + seconds;
    f["pods_running_per_s"] = double(running) / seconds;
    f["virtual_s_to_all_running"] = double((cluster.now() - v1).ms) / 1000;
    f["virtual_s_nodes_up"] = double((v1 - v0).ms) / 1000;
    f["bytes_per_running_pod"] = double(bench::liveBytes() - beforePods) / double(running ? running : 1);
    f["peak_heap_mb"] = double(bench::peakLiveBytes()) / (1024 * 1024);
#ifndef __EMSCRIPTEN__
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    f["peak_rss_mb"] = double(usage.ru_maxrss) / 1024;  // Linux reports kilobytes
#endif
    storeBreakdown(cluster.store(), config.packBeyond, double(running ? running : 1), f);
    const double perPod = double(running ? running : 1);
    f["event_log_records_per_pod"] = double(cluster.eventLog().records().size()) / perPod;
    f["event_log_bytes_per_pod"] = double(cluster.eventLog().heapBytes()) / perPod;
    // What one rebuild of the visualizer's view of the whole cluster costs (the page paces its
    // rebuilds by it).
    const auto viewStart = std::chrono::steady_clock::now();
    view::ClusterView shown = view::snapshot(cluster);
    f["view_snapshot_ms"] = secondsSince(viewStart) * 1000;
    f["view_pods"] = double(shown.podCount());
    // ... and the next one after ten more pods come up: only what was written is read again.
    Json more = *cluster.store().get("deployments.apps", "default", "web");
    more["spec"]["replicas"] = replicas + 10;
    cluster.client("kubectl").update(more);
    cluster.advance(Duration::seconds(10));
    bool rebuilt = true;
    const auto refreshStart = std::chrono::steady_clock::now();
    const view::ClusterView next = view::refresh(cluster, std::move(shown), &rebuilt);  // the page moves its view in
    f["view_refresh_ms"] = secondsSince(refreshStart) * 1000;
    f["view_refresh_incremental"] = rebuilt ? 0 : 1;
    f["view_refresh_pods"] = double(next.podCount());
    return f;
}
