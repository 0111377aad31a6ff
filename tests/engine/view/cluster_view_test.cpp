// The visualizer's view model on a whole cluster driven through the Shell, as the page drives it:
// what the map shows must be what kubectl prints.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "cli/memory_file_system.h"
#include "cli/shell.h"
#include "view/cluster_view.h"
#include "view/explain.h"

using namespace kp;

namespace {

struct ViewLaptop {
    ViewLaptop() : cluster(config()), shell(cluster, fs) { REQUIRE(shell.run("minikube start").exitCode == 0); }
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

const char* kBigPod =
    "cat <<EOF | kubectl apply -f -\n"
    "apiVersion: v1\n"
    "kind: Pod\n"
    "metadata:\n"
    "  name: big\n"
    "spec:\n"
    "  containers:\n"
    "  - name: app\n"
    "    image: nginx:1.27\n"
    "    resources:\n"
    "      requests:\n"
    "        cpu: \"64\"\n"
    "EOF\n";

const view::PodView* podWithPrefix(const view::ClusterView& v, const std::string& prefix) {
    for (const view::NodeView& n : v.nodes)
        for (const view::PodView& p : n.pods)
            if (p.namespace_ == "default" && p.name.rfind(prefix, 0) == 0)
                return &p;
    return nullptr;
}

const view::ComponentView* component(const view::ClusterView& v, const std::string& name) {
    for (const view::ComponentView& c : v.controlPlane)
        if (c.name == name)
            return &c;
    return nullptr;
}

}  // namespace

TEST_CASE("STATUS words fall into the colours of the map", "[view]") {
    using view::StatusCategory;
    CHECK(view::categorize("Running", true) == StatusCategory::Running);
    CHECK(view::categorize("Running", false) == StatusCategory::Progressing);
    CHECK(view::categorize("ContainerCreating", false) == StatusCategory::Progressing);
    CHECK(view::categorize("Init:0/2", false) == StatusCategory::Progressing);
    CHECK(view::categorize("Init:ErrImagePull", false) == StatusCategory::Failing);
    CHECK(view::categorize("CrashLoopBackOff", false) == StatusCategory::Failing);
    CHECK(view::categorize("ImagePullBackOff", false) == StatusCategory::Failing);
    CHECK(view::categorize("OOMKilled", false) == StatusCategory::Failing);
    CHECK(view::categorize("Terminating", true) == StatusCategory::Terminating);
    CHECK(view::categorize("Completed", false) == StatusCategory::Completed);
}

TEST_CASE("the view of the quick start shows what kubectl shows", "[view]") {
    ViewLaptop l;
    l.run("kubectl create deployment hello-minikube --image=kicbase/echo-server:1.0");
    l.run("kubectl expose deployment hello-minikube --type=NodePort --port=8080");

    SECTION("right after the create, the pod is on its way") {
        const view::ClusterView v = view::snapshot(l.cluster);
        const view::PodView* p = podWithPrefix(v, "hello-minikube-");
        if (p) {  // scheduled at once: the kubelet has not started it yet
            CHECK(p->status != "Running");
            CHECK(p->category == view::StatusCategory::Progressing);
        }
    }

    l.run("sleep 30");
    const view::ClusterView v = view::snapshot(l.cluster);
    CHECK(v.machine == "Running");

    SECTION("the control plane runs") {
        for (const char* name : {"kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager", "coredns", "kube-proxy"}) {
            const view::ComponentView* c = component(v, name);
            REQUIRE(c);
            CHECK(c->running);
        }
        CHECK(component(v, "coredns")->detail == "1/1 pods ready");
    }

    SECTION("the node is Ready with its role, address and capacity") {
        REQUIRE(v.nodes.size() == 1);
        const view::NodeView& n = v.nodes[0];
        CHECK(n.name == "minikube");
        CHECK(n.ready);
        CHECK(n.status == "Ready");
        CHECK(n.roles == std::vector<std::string>{"control-plane"});
        CHECK_FALSE(n.cordoned);
        CHECK(n.internalIP == "192.168.49.2");
        CHECK(n.cpu == "2");
        CHECK(n.maxPods == "110");
        CHECK(l.run("kubectl get nodes").find("minikube   " + n.status) != std::string::npos);
    }

    SECTION("the deployment's pod runs on the node, with the STATUS kubectl prints and its owners") {
        const view::PodView* p = podWithPrefix(v, "hello-minikube-");
        REQUIRE(p);
        CHECK(p->node == "minikube");
        CHECK(p->status == "Running");
        CHECK(p->category == view::StatusCategory::Running);
        CHECK(p->ready == "1/1");
        CHECK(p->restarts == 0);
        REQUIRE(p->owners.size() == 2);
        CHECK(p->owners[0].kind == "ReplicaSet");
        CHECK(p->owners[0].name.rfind("hello-minikube-", 0) == 0);
        CHECK(p->owners[1].kind == "Deployment");
        CHECK(p->owners[1].name == "hello-minikube");
        // NAME READY STATUS RESTARTS AGE
        std::istringstream row(l.run("kubectl get pod " + p->name + " --no-headers"));
        std::string name, ready, status, restarts;
        row >> name >> ready >> status >> restarts;
        CHECK(name == p->name);
        CHECK(ready == p->ready);
        CHECK(status == p->status);
        CHECK(restarts == std::to_string(p->restarts));
        CHECK(v.unscheduledPods.empty());
    }

    SECTION("the Service is a NodePort hub with its ready endpoint pod") {
        const view::ServiceView* svc = nullptr;
        for (const view::ServiceView& s : v.services)
            if (s.namespace_ == "default" && s.name == "hello-minikube")
                svc = &s;
        REQUIRE(svc);
        CHECK(svc->type == "NodePort");
        CHECK(svc->clusterIP.rfind("10.", 0) == 0);
        CHECK(svc->ports.rfind("8080:3", 0) == 0);
        CHECK(svc->ports.find("/TCP") != std::string::npos);
        REQUIRE(svc->endpoints.size() == 1);
        CHECK(svc->endpoints[0].pod == podWithPrefix(v, "hello-minikube-")->name);
        CHECK(svc->endpoints[0].ready);
    }

    SECTION("recent events come oldest first and include the scheduling") {
        REQUIRE_FALSE(v.events.empty());
        bool scheduled = false;
        for (size_t i = 0; i < v.events.size(); ++i) {
            if (i > 0)
                CHECK(v.events[i - 1].time <= v.events[i].time);
            if (v.events[i].reason == "Scheduled" && v.events[i].name.rfind("hello-minikube-", 0) == 0) {
                scheduled = true;
                CHECK(v.events[i].object.rfind("pod/", 0) == 0);
                CHECK(v.events[i].source == "default-scheduler");
            }
        }
        CHECK(scheduled);
    }

    SECTION("the JSON form carries the same data") {
        const Json j = view::toJson(v);
        CHECK(j.at("machine") == "Running");
        CHECK(j.at("nodes").at(0).at("name") == "minikube");
        bool running = false;
        for (const Json& p : j.at("nodes").at(0).at("pods"))
            if (p.at("name").get<std::string>().rfind("hello-minikube-", 0) == 0)
                running = p.at("status") == "Running" && p.at("category") == "running";
        CHECK(running);
    }

    SECTION("explain(pod): YAML without managedFields, conditions, owners, events, scheduling, endpoint") {
        const view::PodView* p = podWithPrefix(v, "hello-minikube-");
        REQUIRE(p);
        const view::Explanation x = view::explain(l.cluster, "pod", "default", p->name);
        REQUIRE(x.found);
        CHECK(x.kind == "Pod");
        CHECK(x.yaml.find("kind: Pod") != std::string::npos);
        CHECK(x.yaml.find("managedFields") == std::string::npos);
        bool ready = false;
        for (const view::ConditionView& c : x.conditions)
            ready = ready || (c.type == "Ready" && c.status == "True");
        CHECK(ready);
        REQUIRE(x.owners.size() == 2);
        CHECK(x.owners[1].name == "hello-minikube");
        bool pulled = false;
        for (const view::EventView& e : x.events)
            pulled = pulled || e.reason == "Pulled";
        CHECK(pulled);
        REQUIRE(x.scheduling);
        CHECK(x.scheduling->result == "Scheduled");
        CHECK(x.scheduling->selectedNode == "minikube");
        REQUIRE(x.scheduling->nodes.size() == 1);
        CHECK(x.scheduling->nodes[0].passed);
        CHECK(x.scheduling->nodes[0].selected);
        REQUIRE(x.endpoints.size() == 1);
        CHECK(x.endpoints[0].service == "hello-minikube");
        CHECK(x.endpoints[0].listed);
        CHECK(x.endpoints[0].ready);
        CHECK(x.endpoints[0].why == "ready endpoint: the pod's Ready condition is True");
        CHECK(view::toJson(x).at("scheduling").at("result") == "Scheduled");
    }

    SECTION("explain(service) lists each selected pod; explain(deployment) and explain(node) work too") {
        const view::Explanation svc = view::explain(l.cluster, "svc", "default", "hello-minikube");
        REQUIRE(svc.found);
        CHECK(svc.kind == "Service");
        REQUIRE(svc.endpoints.size() == 1);
        CHECK(svc.endpoints[0].ready);
        const view::Explanation deploy = view::explain(l.cluster, "deployment", "default", "hello-minikube");
        REQUIRE(deploy.found);
        bool available = false;
        for (const view::ConditionView& c : deploy.conditions)
            available = available || (c.type == "Available" && c.status == "True");
        CHECK(available);
        const view::Explanation node = view::explain(l.cluster, "node", "", "minikube");
        REQUIRE(node.found);
        CHECK(node.namespace_.empty());
        CHECK_FALSE(view::explain(l.cluster, "pod", "default", "nosuch").found);
        CHECK_FALSE(view::explain(l.cluster, "nosuchkind", "default", "x").found);
    }
}

TEST_CASE("a pod too big for any node stays Pending off the nodes, and explain() says why", "[view]") {
    ViewLaptop l;
    l.run(kBigPod);
    l.run("sleep 5");
    const view::ClusterView v = view::snapshot(l.cluster);
    REQUIRE(v.unscheduledPods.size() == 1);
    const view::PodView& p = v.unscheduledPods[0];
    CHECK(p.name == "big");
    CHECK(p.status == "Pending");
    CHECK(p.category == view::StatusCategory::Progressing);
    CHECK(p.node.empty());
    CHECK(p.owners.empty());

    const view::Explanation x = view::explain(l.cluster, "pod", "default", "big");
    REQUIRE(x.scheduling);
    CHECK(x.scheduling->result == "Unschedulable");
    CHECK(x.scheduling->message.find("Insufficient cpu") != std::string::npos);
    REQUIRE(x.scheduling->nodes.size() == 1);
    const view::NodeVerdict& n = x.scheduling->nodes[0];
    CHECK(n.node == "minikube");
    CHECK_FALSE(n.passed);
    CHECK(n.plugin == "NodeResourcesFit");
    CHECK(n.reason == "Insufficient cpu");
    bool failed = false;
    for (const view::EventView& e : x.events)
        failed = failed || (e.reason == "FailedScheduling" && e.type == "Warning");
    CHECK(failed);
}

TEST_CASE("a stopped kube-scheduler and a cordoned node show on the map", "[view]") {
    ViewLaptop l;
    l.cluster.component("kube-scheduler")->setEnabled(false);
    // (what `kubectl cordon minikube` does)
    l.run(R"(kubectl patch node minikube -p '{"spec":{"unschedulable":true}}')");
    const view::ClusterView v = view::snapshot(l.cluster);
    CHECK_FALSE(component(v, "kube-scheduler")->running);
    CHECK(component(v, "kube-scheduler")->detail == "stopped");
    CHECK(component(v, "kube-controller-manager")->running);
    REQUIRE(v.nodes.size() == 1);
    CHECK(v.nodes[0].cordoned);
    CHECK(v.nodes[0].status == "Ready,SchedulingDisabled");

    l.run("minikube stop");
    const view::ClusterView stopped = view::snapshot(l.cluster);
    CHECK(stopped.machine == "Stopped");
    for (const view::ComponentView& c : stopped.controlPlane)
        CHECK_FALSE(c.running);
}

TEST_CASE("a pod whose image cannot be pulled is a not-ready endpoint, and explain() says why", "[view]") {
    ViewLaptop l;
    l.run("kubectl create deployment broken --image=example.invalid/nosuch:1");
    l.run("kubectl expose deployment broken --port=80");
    l.run("sleep 30");
    const view::ClusterView v = view::snapshot(l.cluster);
    const view::PodView* p = podWithPrefix(v, "broken-");
    REQUIRE(p);
    CHECK(p->category == view::StatusCategory::Failing);
    const view::Explanation x = view::explain(l.cluster, "service", "default", "broken");
    REQUIRE(x.endpoints.size() == 1);
    CHECK_FALSE(x.endpoints[0].ready);
    CHECK(x.endpoints[0].why.rfind("not-ready endpoint: its Ready condition is False", 0) == 0);
    CHECK(x.endpoints[0].why.find("container nosuch is waiting: " + p->status) != std::string::npos);
}

TEST_CASE("the view's last 200 events, found from the latest writes, are the last 200 of all events", "[view]") {
    ViewLaptop l;
    l.run("kubectl create deployment web --image=nginx:1.27 --replicas=60");
    l.run("kubectl create deployment broken --image=example.invalid/nosuch:1 --replicas=3");
    l.run("sleep 120");  // ~5 events per web pod, the broken pods' pull failures
    auto render = [](const view::EventView& e) {
        return std::to_string(e.time.ms) + " " + e.type + " " + e.reason + " " + e.object + " " + e.namespace_ + " " +
               e.message + " " + e.source + " x" + std::to_string(e.count);
    };
    auto lastOfAll = [&] {
        const std::vector<view::EventView> all = view::events(l.cluster);
        REQUIRE(all.size() > view::ClusterView::kMaxEvents + 50);
        std::vector<std::string> out;
        for (size_t i = all.size() - view::ClusterView::kMaxEvents; i < all.size(); ++i)
            out.push_back(render(all[i]));
        return out;
    };
    auto shown = [&](const view::ClusterView& v) {
        std::vector<std::string> out;
        for (const view::EventView& e : v.events)
            out.push_back(render(e));
        return out;
    };
    CHECK(shown(view::snapshot(l.cluster)) == lastOfAll());
    // Later the web pods are quiet and the broken pods' events are written again and again
    // (count, lastTimestamp): an old Event's new write brings it among the latest.
    l.run("sleep 600");
    const view::ClusterView later = view::snapshot(l.cluster);
    CHECK(shown(later) == lastOfAll());
    CHECK(std::any_of(later.events.begin(), later.events.end(), [](const view::EventView& e) { return e.count > 1; }));
}
