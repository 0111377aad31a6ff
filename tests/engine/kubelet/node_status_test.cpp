#include <catch2/catch.hpp>

#include "engine/kubelet/kubelet_test_support.h"

using namespace kp;
using kp::test::withKubelets;

TEST_CASE("the minikube kubelet registers its node as a real minikube node looks", "[kubelet]") {
    Cluster c;
    auto& k = withKubelets(c);
    kubelet::NodeConfig cfg = kubelet::minikubeNode(0);
    k.addNode(cfg);
    c.runUntilIdle();

    ObjectPtr node = c.store().get("nodes", "", "minikube");
    REQUIRE(node);
    const Json& n = *node;
    CHECK(n["metadata"]["labels"] == Json{{"beta.kubernetes.io/arch", "amd64"},
                                          {"beta.kubernetes.io/os", "linux"},
                                          {"kubernetes.io/arch", "amd64"},
                                          {"kubernetes.io/hostname", "minikube"},
                                          {"kubernetes.io/os", "linux"},
                                          {"minikube.k8s.io/commit", "dd5d320e41b5451cdf3c01891bc4e13d189586ed-dirty"},
                                          {"minikube.k8s.io/name", "minikube"},
                                          {"minikube.k8s.io/primary", "true"},
                                          {"minikube.k8s.io/updated_at", "2025_01_15T10_00_00_0700"},
                                          {"minikube.k8s.io/version", "v1.35.0"},
                                          {"node-role.kubernetes.io/control-plane", ""},
                                          {"node.kubernetes.io/exclude-from-external-load-balancers", ""}});
    CHECK(n["metadata"]["annotations"] == Json{{"kubeadm.alpha.kubernetes.io/cri-socket", "unix:///var/run/cri-dockerd.sock"},
                                               {"node.alpha.kubernetes.io/ttl", "0"},
                                               {"volumes.kubernetes.io/controller-managed-attach-detach", "true"}});
    CHECK(n["spec"] == Json{{"podCIDR", "10.244.0.0/24"}, {"podCIDRs", {"10.244.0.0/24"}}});
    const Json& s = n["status"];
    CHECK(s["addresses"] == Json::array({{{"address", "192.168.49.2"}, {"type", "InternalIP"}},
                                         {{"address", "minikube"}, {"type", "Hostname"}}}));
    Json resources = {{"cpu", "2"},           {"ephemeral-storage", "61202244Ki"}, {"hugepages-1Gi", "0"},
                      {"hugepages-2Mi", "0"}, {"memory", "3912388Ki"},            {"pods", "110"}};
    CHECK(s["capacity"] == resources);
    CHECK(s["allocatable"] == resources);
    CHECK(s["daemonEndpoints"] == Json{{"kubeletEndpoint", {{"Port", 10250}}}});
    CHECK(s["nodeInfo"]["kubeletVersion"] == "v1.32.0");
    CHECK(s["nodeInfo"]["kubeProxyVersion"] == "v1.32.0");
    CHECK(s["nodeInfo"]["containerRuntimeVersion"] == "docker://27.4.1");
    CHECK(s["nodeInfo"]["osImage"] == "Ubuntu 22.04.5 LTS");
    CHECK(s["nodeInfo"]["operatingSystem"] == "linux");
    CHECK(s["nodeInfo"]["architecture"] == "amd64");
    // The preloaded control-plane images, largest first, loaded without registry digests.
    REQUIRE(s["images"].size() == 8);
    CHECK(s["images"][0] == Json{{"names", {"registry.k8s.io/etcd:3.5.16-0"}}, {"sizeBytes", 149977344}});
    CHECK(s["images"][7] == Json{{"names", {"registry.k8s.io/pause:3.10"}}, {"sizeBytes", 736000}});

    // Not Ready right after registration...
    auto cond = [&](const Json& node, const std::string& type) {
        for (const Json& cd : node["status"]["conditions"])
            if (cd["type"] == type)
                return cd;
        return Json();
    };
    CHECK(cond(n, "Ready")["status"] == "False");
    CHECK(cond(n, "Ready")["reason"] == "KubeletNotReady");
    CHECK(cond(n, "Ready")["message"] == "container runtime status check may not have completed yet");
    CHECK(cond(n, "MemoryPressure") == Json{{"type", "MemoryPressure"},
                                            {"status", "False"},
                                            {"reason", "KubeletHasSufficientMemory"},
                                            {"message", "kubelet has sufficient memory available"},
                                            {"lastHeartbeatTime", "2025-01-15T10:00:00Z"},
                                            {"lastTransitionTime", "2025-01-15T10:00:00Z"}});
    std::vector<std::string> types;
    for (const Json& cd : n["status"]["conditions"])
        types.push_back(cd["type"]);
    CHECK(types == std::vector<std::string>{"MemoryPressure", "DiskPressure", "PIDPressure", "Ready"});

    // ... and Ready a few seconds later.
    c.advance(Duration::seconds(3));
    Json ready = cond(*c.store().get("nodes", "", "minikube"), "Ready");
    CHECK(ready["status"] == "True");
    CHECK(ready["reason"] == "KubeletReady");
    CHECK(ready["message"] == "kubelet is posting ready status");
    CHECK(ready["lastTransitionTime"] == "2025-01-15T10:00:03Z");

    CHECK(test::eventsFor(c, "minikube") == std::vector<std::string>{
                                                "Starting: Starting kubelet.",
                                                "NodeAllocatableEnforced: Updated Node Allocatable limit across pods",
                                                "NodeHasSufficientMemory: Node minikube status is now: NodeHasSufficientMemory",
                                                "NodeHasNoDiskPressure: Node minikube status is now: NodeHasNoDiskPressure",
                                                "NodeHasSufficientPID: Node minikube status is now: NodeHasSufficientPID",
                                                "NodeReady: Node minikube status is now: NodeReady",
                                            });
    for (const ObjectPtr& e : c.store().list("events", "default")) {
        CHECK((*e)["source"] == Json{{"component", "kubelet"}, {"host", "minikube"}});
        CHECK((*e)["involvedObject"]["uid"] == "minikube");
    }
}

TEST_CASE("the node lease is renewed every 10 seconds, and not by a stopped kubelet", "[kubelet]") {
    Cluster c;
    auto& k = withKubelets(c);
    k.addNode(kubelet::minikubeNode(0));
    c.runUntilIdle();
    ObjectPtr lease = c.store().get("leases.coordination.k8s.io", "kube-node-lease", "minikube");
    REQUIRE(lease);
    ObjectPtr node = c.store().get("nodes", "", "minikube");
    CHECK((*lease)["spec"] == Json{{"holderIdentity", "minikube"},
                                   {"leaseDurationSeconds", 40},
                                   {"renewTime", "2025-01-15T10:00:00.000000Z"}});
    CHECK((*lease)["metadata"]["ownerReferences"] ==
          Json::array({{{"apiVersion", "v1"}, {"kind", "Node"}, {"name", "minikube"}, {"uid", (*node)["metadata"]["uid"]}}}));

    auto renewTime = [&] {
        return stringAt(*c.store().get("leases.coordination.k8s.io", "kube-node-lease", "minikube"), "spec.renewTime");
    };
    c.advance(Duration::seconds(9));
    CHECK(renewTime() == "2025-01-15T10:00:00.000000Z");
    c.advance(Duration::seconds(1));
    CHECK(renewTime() == "2025-01-15T10:00:10.000000Z");
    c.advance(Duration::seconds(25));
    CHECK(renewTime() == "2025-01-15T10:00:30.000000Z");

    k.setRunning("minikube", false);
    c.advance(Duration::seconds(60));
    CHECK(renewTime() == "2025-01-15T10:00:30.000000Z");

    // A restarted kubelet renews at once and registers again (a new Starting event).
    k.setRunning("minikube", true);
    c.runUntilIdle();
    CHECK(renewTime() == "2025-01-15T10:01:35.000000Z");
    auto events = test::eventsFor(c, "minikube");
    CHECK(std::count(events.begin(), events.end(), "Starting: Starting kubelet.") == 2);
}

TEST_CASE("node status is posted again after 5 minutes even when nothing changed", "[kubelet]") {
    Cluster c;
    auto& k = withKubelets(c);
    k.addNode(kubelet::minikubeNode(0));
    c.advance(Duration::seconds(5));
    auto heartbeat = [&] {
        for (const Json& cd : (*c.store().get("nodes", "", "minikube"))["status"]["conditions"])
            if (cd["type"] == "Ready")
                return cd["lastHeartbeatTime"].get<std::string>();
        return std::string();
    };
    CHECK(heartbeat() == "2025-01-15T10:00:03Z");
    c.advance(Duration::seconds(290));
    CHECK(heartbeat() == "2025-01-15T10:00:03Z");
    c.advance(Duration::seconds(15));
    CHECK(heartbeat() == "2025-01-15T10:05:10Z");
}

TEST_CASE("worker nodes get their own address, pod CIDR and minikube labels", "[kubelet]") {
    Cluster c;
    auto& k = withKubelets(c);
    k.addNode(kubelet::minikubeNode(0));
    k.addNode(kubelet::minikubeNode(1));
    c.runUntilIdle();
    ObjectPtr m02 = c.store().get("nodes", "", "minikube-m02");
    REQUIRE(m02);
    CHECK((*m02)["spec"]["podCIDR"] == "10.244.1.0/24");
    CHECK((*m02)["status"]["addresses"][0]["address"] == "192.168.49.3");
    CHECK((*m02)["metadata"]["labels"]["minikube.k8s.io/primary"] == "false");
    CHECK(!(*m02)["metadata"]["labels"].contains("node-role.kubernetes.io/control-plane"));
    CHECK(c.store().get("leases.coordination.k8s.io", "kube-node-lease", "minikube-m02"));
}
