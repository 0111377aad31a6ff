// kube-scheduler end to end: pods created through the API get bound by the default-scheduler,
// or get the exact FailedScheduling message and PodScheduled condition of kube-scheduler 1.32.
#include <catch2/catch.hpp>

#include "engine/scheduler/scheduler_fixture.h"

using namespace kp;
using namespace kp::test;

TEST_CASE("a pending pod is bound to the node and the scheduler reports Scheduled", "[scheduler]") {
    Cluster c;
    addNode(c, "minikube");
    withScheduler(c);
    createPod(c, podObject("nginx"));
    c.runUntilIdle();

    CHECK(nodeOf(c, "nginx") == "minikube");
    Json cond = podScheduledCondition(c, "nginx");
    CHECK(cond["status"] == "True");

    auto events = podEvents(c, "nginx", "Scheduled");
    REQUIRE(events.size() == 1);
    CHECK(events[0]["message"] == "Successfully assigned default/nginx to minikube");
    CHECK(events[0]["type"] == "Normal");
    CHECK(events[0]["action"] == "Binding");
    CHECK(events[0]["reportingComponent"] == "default-scheduler");
    CHECK(events[0]["reportingInstance"] == "default-scheduler-minikube");
}

TEST_CASE("pods for another scheduler or with a node already named are left alone", "[scheduler]") {
    Cluster c;
    addNode(c, "minikube");
    withScheduler(c);
    createPod(c, podObject("custom", Json::object(), {{"schedulerName", "my-scheduler"}}));
    c.runUntilIdle();
    CHECK(nodeOf(c, "custom") == "");
    CHECK(podEvents(c, "custom", "FailedScheduling").empty());
    CHECK(podEvents(c, "custom", "Scheduled").empty());
}

TEST_CASE("FailedScheduling counts every node's reason, sorted, with the preemption verdict", "[scheduler]") {
    Cluster c;
    NodeSpec tainted;
    tainted.taints = controlPlaneTaint();
    tainted.labels = {{"disktype", "ssd"}};
    NodeSpec small;
    small.cpu = "1";
    small.labels = {{"disktype", "ssd"}};
    NodeSpec hdd;
    hdd.cpu = "4";
    addNode(c, "minikube", tainted);
    addNode(c, "minikube-m02", small);
    addNode(c, "minikube-m03", hdd);
    withScheduler(c);

    SECTION("insufficient cpu + taint + node affinity mismatch") {
        createPod(c, podObject("big", {{"cpu", "2"}}, {{"nodeSelector", {{"disktype", "ssd"}}}}));
        c.runUntilIdle();
        const std::string expected =
            "0/3 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector, "
            "1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/3 nodes are "
            "available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling..";
        auto events = podEvents(c, "big", "FailedScheduling");
        REQUIRE(events.size() == 1);
        CHECK(events[0]["message"] == expected);
        CHECK(events[0]["type"] == "Warning");
        CHECK(events[0]["action"] == "Scheduling");
        Json cond = podScheduledCondition(c, "big");
        CHECK(cond["status"] == "False");
        CHECK(cond["reason"] == "Unschedulable");
        CHECK(cond["message"] == expected);
        CHECK(nodeOf(c, "big") == "");
    }
    SECTION("two tainted nodes and one too small") {
        c.client("kubelet").patch(c.client("kubelet").resource("nodes"), "", "minikube-m03",
                                  PatchType::MergePatch, R"({"spec":{"taints":[{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}]}})");
        c.runUntilIdle();
        createPod(c, podObject("big", {{"cpu", "1500m"}}));
        c.runUntilIdle();
        auto events = podEvents(c, "big", "FailedScheduling");
        REQUIRE(events.size() == 1);
        CHECK(events[0]["message"] ==
              "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint "
              "{node-role.kubernetes.io/control-plane: }. preemption: 0/3 nodes are available: 1 No preemption "
              "victims found for incoming pod, 2 Preemption is not helpful for scheduling..");
    }
}

TEST_CASE("a cordoned node takes no pods unless they tolerate the unschedulable taint", "[scheduler]") {
    Cluster c;
    NodeSpec cordoned;
    cordoned.unschedulable = true;
    addNode(c, "minikube", cordoned);
    withScheduler(c);
    createPod(c, podObject("web"));
    createPod(c, podObject("daemon", Json::object(),
                           {{"tolerations", Json::array({{{"key", "node.kubernetes.io/unschedulable"},
                                                          {"operator", "Exists"},
                                                          {"effect", "NoSchedule"}}})}}));
    c.runUntilIdle();
    CHECK(nodeOf(c, "daemon") == "minikube");
    CHECK(nodeOf(c, "web") == "");
    auto events = podEvents(c, "web", "FailedScheduling");
    REQUIRE(events.size() == 1);
    CHECK(events[0]["message"] ==
          "0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: "
          "1 Preemption is not helpful for scheduling..");
}

TEST_CASE("two pods asking for the same hostPort do not share a node", "[scheduler]") {
    Cluster c;
    addNode(c, "minikube");
    withScheduler(c);
    Json ports = {{"containers", Json::array({{{"name", "app"},
                                               {"image", "nginx:1.27"},
                                               {"ports", Json::array({{{"containerPort", 80}, {"hostPort", 8080}}})}}})}};
    createPod(c, podObject("a", Json::object(), ports));
    c.runUntilIdle();
    createPod(c, podObject("b", Json::object(), ports));
    c.runUntilIdle();
    CHECK(nodeOf(c, "a") == "minikube");
    CHECK(nodeOf(c, "b") == "");
    auto events = podEvents(c, "b", "FailedScheduling");
    REQUIRE(events.size() == 1);
    CHECK(events[0]["message"] ==
          "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: "
          "0/1 nodes are available: 1 No preemption victims found for incoming pod..");

    SECTION("deleting the pod holding the port lets the other one in") {
        c.advance(Duration::seconds(2));
        DeleteOptions now;
        now.gracePeriodSeconds = 0;
        REQUIRE(c.client("kubectl").remove(c.client("kubectl").resource("pods"), "default", "a", now).ok());
        c.runUntilIdle();
        CHECK(nodeOf(c, "b") == "minikube");
    }
}

TEST_CASE("required anti-affinity keeps replicas on different nodes", "[scheduler]") {
    Cluster c;
    addNode(c, "minikube");
    addNode(c, "minikube-m02");
    withScheduler(c);
    Json affinity = {{"affinity",
                      {{"podAntiAffinity",
                        {{"requiredDuringSchedulingIgnoredDuringExecution",
                          Json::array({{{"labelSelector", {{"matchLabels", {{"app", "db"}}}}},
                                        {"topologyKey", "kubernetes.io/hostname"}}})}}}}}};
    for (const char* n : {"db-0", "db-1", "db-2"}) {
        createPod(c, podObject(n, Json::object(), affinity, {{"app", "db"}}));
        c.runUntilIdle();
    }
    CHECK(nodeOf(c, "db-0") != nodeOf(c, "db-1"));
    CHECK(!nodeOf(c, "db-0").empty());
    CHECK(!nodeOf(c, "db-1").empty());
    CHECK(nodeOf(c, "db-2") == "");
    auto events = podEvents(c, "db-2", "FailedScheduling");
    REQUIRE(events.size() == 1);
    CHECK(events[0]["message"] ==
          "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. preemption: 0/2 nodes are "
          "available: 2 No preemption victims found for incoming pod..");

    SECTION("a plain pod is kept out by the existing pods' anti-affinity") {
        createPod(c, podObject("intruder", Json::object(), Json::object(), {{"app", "db"}}));
        c.runUntilIdle();
        auto ev = podEvents(c, "intruder", "FailedScheduling");
        REQUIRE(ev.size() == 1);
        CHECK(ev[0]["message"] ==
              "0/2 nodes are available: 2 node(s) didn't satisfy existing pods anti-affinity rules. preemption: "
              "0/2 nodes are available: 2 No preemption victims found for incoming pod..");
    }
}

TEST_CASE("required pod affinity follows the pods it names", "[scheduler]") {
    Cluster c;
    addNode(c, "minikube");
    addNode(c, "minikube-m02");
    addNode(c, "minikube-m03");
    withScheduler(c);
    createPod(c, podObject("cache", Json::object(), Json::object(), {{"app", "cache"}}));
    c.runUntilIdle();
    Json affinity = {{"affinity",
                      {{"podAffinity",
                        {{"requiredDuringSchedulingIgnoredDuringExecution",
                          Json::array({{{"labelSelector", {{"matchLabels", {{"app", "cache"}}}}},
                                        {"topologyKey", "kubernetes.io/hostname"}}})}}}}}};
    for (const char* n : {"web-0", "web-1", "web-2"})
        createPod(c, podObject(n, Json::object(), affinity));
    c.runUntilIdle();
    for (const char* n : {"web-0", "web-1", "web-2"})
        CHECK(nodeOf(c, n) == nodeOf(c, "cache"));
}

TEST_CASE("the pods of a ReplicaSet are spread over the nodes by the default topology spreading", "[scheduler]") {
    Cluster c;
    for (const char* n : {"minikube", "minikube-m02", "minikube-m03"})
        addNode(c, n);
    scheduler::Scheduler& s = withScheduler(c);
    Json rs = {{"apiVersion", "apps/v1"},
               {"kind", "ReplicaSet"},
               {"metadata", {{"name", "web-7d4b9c8f6d"}, {"namespace", "default"}}},
               {"spec",
                {{"replicas", 0},
                 {"selector", {{"matchLabels", {{"app", "web"}}}}},
                 {"template",
                  {{"metadata", {{"labels", {{"app", "web"}}}}},
                   {"spec", {{"containers", Json::array({{{"name", "app"}, {"image", "nginx:1.27"}}})}}}}}}}};
    ApiResponse r = c.client("kubectl").create(rs);
    REQUIRE(r.ok());
    std::string uid = stringAt(r.object, "metadata.uid");
    for (int i = 0; i < 6; ++i) {
        Json pod = podObject("web-" + std::to_string(i), Json::object(), Json::object(), {{"app", "web"}});
        pod["metadata"]["ownerReferences"] = Json::array({{{"apiVersion", "apps/v1"},
                                                           {"kind", "ReplicaSet"},
                                                           {"name", "web-7d4b9c8f6d"},
                                                           {"uid", uid},
                                                           {"controller", true},
                                                           {"blockOwnerDeletion", true}}});
        createPod(c, pod);
    }
    c.runUntilIdle();
    CHECK(podsPerNode(c) == std::map<std::string, int>{{"minikube", 2}, {"minikube-m02", 2}, {"minikube-m03", 2}});
    const scheduler::SchedulingTrace* t = s.lastTrace("default", "web-5");
    REQUIRE(t);
    CHECK(std::find(t->scorePlugins.begin(), t->scorePlugins.end(), "PodTopologySpread") != t->scorePlugins.end());
}

TEST_CASE("DoNotSchedule topology spread constraints filter nodes", "[scheduler]") {
    Cluster c;
    addNode(c, "minikube");
    addNode(c, "minikube-m02");
    withScheduler(c);
    SECTION("maxSkew 1 over hostnames") {
        Json spread = {{"topologySpreadConstraints",
                        Json::array({{{"maxSkew", 1},
                                      {"topologyKey", "kubernetes.io/hostname"},
                                      {"whenUnsatisfiable", "DoNotSchedule"},
                                      {"labelSelector", {{"matchLabels", {{"app", "db"}}}}}}})}};
        for (int i = 0; i < 4; ++i) {
            createPod(c, podObject("db-" + std::to_string(i), Json::object(), spread, {{"app", "db"}}));
            c.runUntilIdle();
        }
        CHECK(podsPerNode(c) == std::map<std::string, int>{{"minikube", 2}, {"minikube-m02", 2}});
    }
    SECTION("a node without the topology label is out") {
        Json spread = {{"topologySpreadConstraints",
                        Json::array({{{"maxSkew", 1},
                                      {"topologyKey", "topology.kubernetes.io/zone"},
                                      {"whenUnsatisfiable", "DoNotSchedule"},
                                      {"labelSelector", {{"matchLabels", {{"app", "db"}}}}}}})}};
        createPod(c, podObject("db", Json::object(), spread, {{"app", "db"}}));
        c.runUntilIdle();
        auto events = podEvents(c, "db", "FailedScheduling");
        REQUIRE(events.size() == 1);
        CHECK(events[0]["message"] ==
              "0/2 nodes are available: 2 node(s) didn't match pod topology spread constraints (missing required "
              "label). preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling..");
    }
}

TEST_CASE("a pod pinned to a node name by matchFields only looks at that node", "[scheduler]") {
    Cluster c;
    addNode(c, "minikube");
    addNode(c, "minikube-m02");
    withScheduler(c);
    auto pinned = [](const char* node) {
        return Json{{"affinity",
                     {{"nodeAffinity",
                       {{"requiredDuringSchedulingIgnoredDuringExecution",
                         {{"nodeSelectorTerms",
                           Json::array({{{"matchFields", Json::array({{{"key", "metadata.name"},
                                                                       {"operator", "In"},
                                                                       {"values", Json::array({node})}}})}}})}}}}}}}};
    };
    createPod(c, podObject("ds-a", Json::object(), pinned("minikube-m02")));
    createPod(c, podObject("ds-b", {{"cpu", "3"}}, pinned("minikube")));
    c.runUntilIdle();
    CHECK(nodeOf(c, "ds-a") == "minikube-m02");
    auto events = podEvents(c, "ds-b", "FailedScheduling");
    REQUIRE(events.size() == 1);
    CHECK(events[0]["message"] ==
          "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't satisfy plugin(s) [NodeAffinity]. "
          "preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not "
          "helpful for scheduling..");
}

TEST_CASE("the scheduling trace tells per node which plugin rejected it and how the others scored", "[scheduler]") {
    Cluster c;
    NodeSpec tainted;
    tainted.taints = controlPlaneTaint();
    addNode(c, "minikube", tainted);
    addNode(c, "minikube-m02");
    NodeSpec bigger;
    bigger.cpu = "4";
    bigger.memory = "8Gi";
    addNode(c, "minikube-m03", bigger);
    scheduler::Scheduler& s = withScheduler(c);
    createPod(c, podObject("web", {{"cpu", "1"}, {"memory", "1Gi"}}));
    c.runUntilIdle();

    const scheduler::SchedulingTrace* t = s.lastTrace("default", "web");
    REQUIRE(t);
    CHECK(t->result == "Scheduled");
    CHECK(t->selectedNode == "minikube-m03");
    CHECK(t->numAllNodes == 3);
    CHECK(t->feasibleNodes == 2);
    CHECK(t->message == "Successfully assigned default/web to minikube-m03");
    REQUIRE(t->nodes.size() == 3);
    std::map<std::string, const scheduler::NodeTrace*> byNode;
    for (const auto& n : t->nodes)
        byNode[n.node] = &n;
    CHECK(byNode["minikube"]->filterPlugin == "TaintToleration");
    CHECK(byNode["minikube"]->reason == "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }");
    CHECK(byNode["minikube"]->filterCode == "UnschedulableAndUnresolvable");
    CHECK_FALSE(byNode["minikube"]->scored);
    REQUIRE(byNode["minikube-m03"]->scored);
    // NodeResourcesFit (LeastAllocated, weight 1) on the 4 cpu / 8Gi node: cpu (4000-1000)*100/4000 = 75,
    // memory (8-1)*100/8 = 87 -> (75+87)/2 = 81.
    auto fit = std::find(t->scorePlugins.begin(), t->scorePlugins.end(), "NodeResourcesFit");
    REQUIRE(fit != t->scorePlugins.end());
    size_t k = static_cast<size_t>(fit - t->scorePlugins.begin());
    CHECK(byNode["minikube-m03"]->normalized[k] == 81);
    // On the 2 cpu / 4Gi node: cpu 50, memory 75 -> 62.
    CHECK(byNode["minikube-m02"]->normalized[k] == 62);
    CHECK(byNode["minikube-m03"]->total > byNode["minikube-m02"]->total);
    CHECK(s.traces().size() == 1);
}

TEST_CASE("the same seed gives the same placements; ties are broken by the cluster's Rng", "[scheduler]") {
    auto run = [](uint64_t seed) {
        ClusterConfig cfg;
        cfg.seed = seed;
        Cluster c(cfg);
        for (int i = 0; i < 5; ++i)
            addNode(c, i == 0 ? "minikube" : "minikube-m0" + std::to_string(i + 1));
        withScheduler(c);
        std::vector<std::string> placement;
        for (int i = 0; i < 12; ++i)
            createPod(c, podObject("p" + std::to_string(i)));
        c.runUntilIdle();
        for (int i = 0; i < 12; ++i)
            placement.push_back(nodeOf(c, "p" + std::to_string(i)));
        return placement;
    };
    std::vector<std::string> a = run(7), b = run(7);
    CHECK(a == b);
    for (const std::string& n : a)
        CHECK(!n.empty());
    // Best-effort pods still spread: the scoring defaults (100m / 200Mi) make used nodes score lower.
    std::map<std::string, int> count;
    for (const std::string& n : a)
        ++count[n];
    for (const auto& [node, n] : count)
        CHECK((n == 2 || n == 3));
}
