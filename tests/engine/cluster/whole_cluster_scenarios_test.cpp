// Scenarios on a whole cluster (every controller, kube-scheduler, a kubelet per node), driven as
// a learner drives it: through the Shell. What they check is what the fault lessons teach.
#include <catch2/catch.hpp>

#include "cli/memory_file_system.h"
#include "cli/shell.h"
#include "kubelet/kubelets.h"

using namespace kp;

namespace {

struct Laptop {
    explicit Laptop(int nodes) : cluster(config()), shell(cluster, fs) {
        REQUIRE(shell.run("minikube start --nodes=" + std::to_string(nodes)).exitCode == 0);
    }
    static ClusterConfig config() {
        ClusterConfig c = ClusterConfig::fullCluster();
        c.startRunning = false;
        return c;
    }
    std::string run(const std::string& line) {
        cli::CommandResult r = shell.run(line);
        return r.terminalText();
    }
    Cluster cluster;
    cli::MemoryFileSystem fs;
    cli::Shell shell;
};

std::string readyStatus(Cluster& c, const std::string& node) {
    ObjectPtr n = c.store().get("nodes", "", node);
    for (const Json& cond : n->at("status").at("conditions"))
        if (stringAt(cond, "type") == "Ready")
            return stringAt(cond, "status");
    return "";
}

int podsOn(Cluster& c, const std::string& node, bool includeTerminating) {
    int n = 0;
    for (const ObjectPtr& p : c.store().list("pods", "default"))
        if (stringAt(*p, "spec.nodeName") == node && (includeTerminating || !p->at("metadata").contains("deletionTimestamp")))
            ++n;
    return n;
}

}  // namespace

TEST_CASE("a dead node goes NotReady after 50 s and its pods move after the 300 s toleration", "[cluster][scenario]") {
    Laptop l(2);
    l.run("kubectl create deployment web --image=nginx:1.27 --replicas=4");
    l.run("sleep 30");
    const int onWorker = podsOn(l.cluster, "minikube-m02", false);
    REQUIRE(onWorker > 0);

    // The worker's kubelet stops: no more Lease renewals or status updates.
    l.cluster.kubelets()->setRunning("minikube-m02", false);
    l.run("sleep 40");
    CHECK(readyStatus(l.cluster, "minikube-m02") == "True");
    l.run("sleep 20");
    CHECK(readyStatus(l.cluster, "minikube-m02") == "Unknown");
    CHECK(l.run("kubectl get node minikube-m02").find("NotReady") != std::string::npos);

    // Until the 300 s toleration runs out the pods stay where they are.
    l.run("sleep 200");
    CHECK(podsOn(l.cluster, "minikube-m02", false) == onWorker);
    l.run("sleep 120");
    CHECK(podsOn(l.cluster, "minikube-m02", false) == 0);
    l.run("sleep 30");
    CHECK(podsOn(l.cluster, "minikube", false) == 4);
    const std::string events = l.run("kubectl get events --field-selector reason=TaintManagerEviction");
    CHECK(events.find("Marking for deletion Pod default/web-") != std::string::npos);
}

TEST_CASE("with kube-scheduler stopped new pods stay Pending, and are placed when it comes back", "[cluster][scenario]") {
    Laptop l(1);
    l.cluster.component("kube-scheduler")->setEnabled(false);
    l.run("kubectl run lonely --image=nginx:1.27");
    l.run("sleep 60");
    CHECK(l.run("kubectl get pod lonely").find("Pending") != std::string::npos);
    CHECK(stringAt(*l.cluster.store().get("pods", "default", "lonely"), "spec.nodeName").empty());
    l.cluster.component("kube-scheduler")->setEnabled(true);
    l.run("sleep 20");
    CHECK(l.run("kubectl get pod lonely").find("Running") != std::string::npos);
}

TEST_CASE("minikube addons enable dashboard runs the dashboard; disable removes it", "[cluster][scenario]") {
    Laptop l(1);
    l.run("minikube addons enable dashboard");
    l.run("sleep 40");
    const std::string pods = l.run("kubectl get pods -n kubernetes-dashboard");
    CHECK(pods.find("kubernetes-dashboard-") != std::string::npos);
    CHECK(pods.find("dashboard-metrics-scraper-") != std::string::npos);
    CHECK(pods.find("Running") != std::string::npos);
    CHECK(pods.find("Error") == std::string::npos);
    CHECK(l.run("kubectl get svc kubernetes-dashboard -n kubernetes-dashboard").find("80/TCP") != std::string::npos);
    l.run("minikube addons disable dashboard");
    l.run("sleep 60");
    CHECK(l.run("kubectl get ns kubernetes-dashboard") ==
          "Error from server (NotFound): namespaces \"kubernetes-dashboard\" not found\n");
}
