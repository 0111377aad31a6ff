// Whole-cluster bring-up: `minikube start --nodes=N`, then a Deployment of M replicas until every
// pod runs. Wall time, virtual time and live heap bytes (operator new accounting) per pod.
#include "bench_cluster.h"

#include <chrono>  // benchmark timing only: the engine itself never reads a wall clock

#include "bench_alloc.h"
#include "cluster/cluster.h"

using namespace kp;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

size_t runningPods(Cluster& c) {
    size_t n = 0;
    for (const ObjectPtr& p : c.store().list("pods", "default"))
        if (stringAt(*p, "status.phase") == "Running")
            ++n;
    return n;
}

int gNodes = 0, gPods = 0;

}  // namespace

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
    Cluster cluster(config);
    MinikubeConfig profile;
    profile.nodes = nodes;
    auto t0 = std::chrono::steady_clock::now();
    const Time v0 = cluster.now();
    cluster.start(profile);
    cluster.advance(Duration::seconds(30));
    f["nodes_up_s"] = secondsSince(t0);
    f["bytes_per_node"] = double(bench::liveBytes() - before) / nodes;

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
    }
    const double seconds = secondsSince(t0);
    f["pods_running"] = double(running);
    f["pods_up_s"] = seconds;
    f["pods_running_per_s"] = double(running) / seconds;
    f["virtual_s_to_all_running"] = double((cluster.now() - v1).ms) / 1000;
    f["virtual_s_nodes_up"] = double((v1 - v0).ms) / 1000;
    f["bytes_per_running_pod"] = double(bench::liveBytes() - beforePods) / double(running ? running : 1);
    return f;
}
