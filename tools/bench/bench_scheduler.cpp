// Scheduler throughput (the kube-scheduler perf gate is 680 pods/s on this shape): pods owned by a
// ReplicaSet (so the default topology spreading scores too), 100m / 128Mi each, onto identical
// nodes. The pods and nodes exist before kube-scheduler starts; the clock runs from its first
// attempt to its last binding (API writes, events and watch fan-out included).
#include "bench_scheduler.h"

#include <chrono>  // benchmark timing only: the engine itself never reads a wall clock
#include <cstdio>
#include <cstdlib>
#include <ctime>  // std::clock: CPU time, meaningful on a loaded machine
#include <memory>

#include "cluster/cluster.h"
#include "scheduler/scheduler.h"

using namespace kp;

namespace {

// KP_BENCH_PERF_CTL=FIFO: write "enable"/"disable" to perf's control FIFO around the timed part, so
// `perf record -D -1 --control fifo:FIFO kp_bench --only scheduler` profiles scheduling alone.
void perfControl(const char* command) {
    const char* fifo = std::getenv("KP_BENCH_PERF_CTL");
    if (!fifo || !*fifo)
        return;
    if (FILE* f = std::fopen(fifo, "w")) {
        std::fprintf(f, "%s\n", command);
        std::fclose(f);
    }
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Json node(int i) {
    std::string name = i == 0 ? "minikube" : "minikube-m" + std::to_string(i + 1);
    Json resources = {{"cpu", "8"}, {"memory", "32Gi"}, {"pods", "110"}};
    return Json{{"apiVersion", "v1"},
                {"kind", "Node"},
                {"metadata",
                 {{"name", name},
                  {"labels",
                   {{"kubernetes.io/hostname", name}, {"kubernetes.io/os", "linux"}, {"kubernetes.io/arch", "amd64"}}}}},
                {"spec", Json::object()},
                {"status", {{"capacity", resources}, {"allocatable", resources}}}};
}

Json pod(int i, const std::string& rsUid) {
    return Json{{"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata",
                 {{"name", "web-" + std::to_string(i)},
                  {"namespace", "default"},
                  {"labels", {{"app", "web"}, {"pod-template-hash", "7d4b9c8f6d"}}},
                  {"ownerReferences", Json::array({{{"apiVersion", "apps/v1"},
                                                    {"kind", "ReplicaSet"},
                                                    {"name", "web-7d4b9c8f6d"},
                                                    {"uid", rsUid},
                                                    {"controller", true},
                                                    {"blockOwnerDeletion", true}}})}}},
                {"spec",
                 {{"containers",
                   Json::array({{{"name", "nginx"},
                                 {"image", "nginx:1.27"},
                                 {"resources", {{"requests", {{"cpu", "100m"}, {"memory", "128Mi"}}}}}}})}}}};
}

}  // namespace

std::map<std::string, double> benchScheduler(bool quick) {
    const int nodes = quick ? 500 : 5000;
    const int pods = quick ? 1000 : 10000;
    std::map<std::string, double> f;

    Cluster cluster;
    Client kubelet = cluster.client("kubelet");
    for (int i = 0; i < nodes; ++i)
        kubelet.create(node(i));
    Client kubectl = cluster.client("kubectl");
    Json rs = {{"apiVersion", "apps/v1"},
               {"kind", "ReplicaSet"},
               {"metadata", {{"name", "web-7d4b9c8f6d"}, {"namespace", "default"}}},
               {"spec",
                {{"replicas", 0},
                 {"selector", {{"matchLabels", {{"app", "web"}}}}},
                 {"template",
                  {{"metadata", {{"labels", {{"app", "web"}}}}},
                   {"spec", {{"containers", Json::array({{{"name", "nginx"}, {"image", "nginx:1.27"}}})}}}}}}}};
    std::string rsUid = stringAt(kubectl.create(rs).object, "metadata.uid");
    cluster.runUntilIdle();

    auto component = std::make_unique<Component>("kube-scheduler", cluster.store(), cluster.clock());
    auto owned = std::make_unique<scheduler::Scheduler>(cluster.apiServer(), cluster.clock(), cluster.rng());
    scheduler::Scheduler& sched = *owned;
    component->add(std::move(owned));
    Component& comp = cluster.addComponent(std::move(component));
    comp.setEnabled(false);
    for (int i = 0; i < pods; ++i)
        kubectl.create(pod(i, rsUid));
    cluster.runUntilIdle();

    comp.setEnabled(true);
    perfControl("enable");
    auto t0 = std::chrono::steady_clock::now();
    std::clock_t c0 = std::clock();
    cluster.runUntilIdle();
    double seconds = secondsSince(t0);
    double cpuSeconds = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    perfControl("disable");

    size_t bound = 0;
    for (const ObjectPtr& p : cluster.store().list("pods", "default"))
        if (!stringAt(*p, "spec.nodeName").empty())
            ++bound;
    f["pods_bound"] = static_cast<double>(bound);
    f["pods_scheduled_per_s"] = static_cast<double>(bound) / seconds;
    f["ms_per_pod"] = seconds * 1000.0 / static_cast<double>(pods);
    // Process CPU time: the same figure without other processes' share of the machine.
    f["pods_scheduled_per_cpu_s"] = static_cast<double>(bound) / cpuSeconds;
    f["traces_kept"] = static_cast<double>(sched.traces().size());
    return f;
}
