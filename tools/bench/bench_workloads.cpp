// Deployment and ReplicaSet controller figures. The kubelet here is a loop, as in the
// controller tests: bind every unscheduled pod, report every bound pod Running and Ready, remove
// pods whose graceful deletion started.
#include "bench_workloads.h"

#include <chrono>  // benchmark timing only: the engine itself never reads a wall clock
#include <memory>

#include "api/pod_util.h"
#include "cluster/cluster.h"
#include "controller/deployment/deployment_controller.h"
#include "controller/replicaset/replica_set_controller.h"

using namespace kp;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The stand-in kubelet: one pass over the pods. Returns how many it changed.
int kubeletStep(Cluster& c) {
    int touched = 0;
    Client kubelet = c.client("kubelet");
    const ResourceInfo& pods = kubelet.resource("pods");
    const std::string now = formatRFC3339(c.now());
    for (const ObjectPtr& p : c.store().list("pods", "default")) {
        const std::string name = stringAt(*p, "metadata.name");
        if (pod::isTerminating(*p)) {
            DeleteOptions opts;
            opts.gracePeriodSeconds = 0;
            kubelet.remove(pods, "default", name, opts);
            ++touched;
            continue;
        }
        if (stringAt(*p, "status.phase") == "Running")
            continue;
        Json binding = {{"apiVersion", "v1"},
                        {"kind", "Binding"},
                        {"metadata", {{"name", name}, {"namespace", "default"}}},
                        {"target", {{"apiVersion", "v1"}, {"kind", "Node"}, {"name", "minikube"}}}};
        WriteOptions opts;
        opts.actor = "default-scheduler";
        if (stringAt(*p, "spec.nodeName").empty())
            c.apiServer().create(pods, "default", binding, opts, "binding");
        Json running = *c.store().get("pods", "default", name);
        auto cond = [&](const char* type) {
            return Json{{"type", type}, {"status", "True"}, {"lastProbeTime", nullptr}, {"lastTransitionTime", now}};
        };
        running["status"]["phase"] = "Running";
        running["status"]["conditions"] = Json::array({cond("Initialized"), cond("Ready"), cond("ContainersReady"), cond("PodScheduled")});
        running["status"]["containerStatuses"] = Json::array(
            {{{"name", "nginx"}, {"ready", true}, {"started", true}, {"restartCount", 0}, {"state", {{"running", {{"startedAt", now}}}}}}});
        kubelet.updateStatus(running);
        ++touched;
    }
    return touched;
}

void settle(Cluster& c) {
    c.runUntilIdle(10000000);
    while (kubeletStep(c) > 0)
        c.runUntilIdle(10000000);
}

Json deploymentManifest(int replicas) {
    return Json{{"apiVersion", "apps/v1"},
                {"kind", "Deployment"},
                {"metadata", {{"name", "web"}, {"namespace", "default"}, {"labels", {{"app", "web"}}}}},
                {"spec",
                 {{"replicas", replicas},
                  {"selector", {{"matchLabels", {{"app", "web"}}}}},
                  {"template",
                   {{"metadata", {{"labels", {{"app", "web"}}}}},
                    {"spec", {{"containers", Json::array({{{"name", "nginx"}, {"image", "nginx:1.26"}}})}}}}}}}};
}

}  // namespace

std::map<std::string, double> benchWorkloads(bool quick) {
    std::map<std::string, double> f;
    const int replicas = quick ? 1000 : 20000;
    ClusterConfig config;
    config.watchHistory = 1000000;
    Cluster c(config);
    auto kcm = std::make_unique<Component>("kube-controller-manager-workloads", c.store(), c.clock());
    kcm->add(std::make_unique<controller::DeploymentController>(c.apiServer(), c.clock()));
    kcm->add(std::make_unique<controller::ReplicaSetController>(c.apiServer(), c.clock()));
    c.addComponent(std::move(kcm));
    Json node = {{"apiVersion", "v1"}, {"kind", "Node"}, {"metadata", {{"name", "minikube"}}}};
    c.client("kubelet").create(node);
    c.runUntilIdle();
    f["replicas"] = replicas;

    // 1. The controllers alone: Deployment -> ReplicaSet -> N pods (500 per sync, slow start).
    auto start = std::chrono::steady_clock::now();
    c.client("kubectl").create(deploymentManifest(replicas));
    c.runUntilIdle(10000000);
    const double createSeconds = secondsSince(start);
    f["create_pods_s"] = createSeconds;
    f["pods_created_per_s"] = double(c.store().count("pods")) / createSeconds;

    // 2. The kubelet reports them Ready; the statuses converge.
    start = std::chrono::steady_clock::now();
    settle(c);
    f["ready_converge_s"] = secondsSince(start);
    f["total_converge_s"] = createSeconds + f["ready_converge_s"];
    ObjectPtr d = c.store().get("deployments.apps", "default", "web");
    f["available_replicas"] = double(intAt(*d, "status.availableReplicas"));

    // 3. A rolling update of every pod (25% surge, 25% unavailable).
    start = std::chrono::steady_clock::now();
    Json updated = *d;
    updated["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.27";
    c.client("kubectl").update(updated);
    settle(c);
    f["rolling_update_s"] = secondsSince(start);
    d = c.store().get("deployments.apps", "default", "web");
    f["updated_replicas"] = double(intAt(*d, "status.updatedReplicas"));
    return f;
}
