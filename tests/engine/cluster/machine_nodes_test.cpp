// Node addresses and pod ranges stay valid and distinct far past minikube's ~250 machines, so
// that scale benchmarks (5,000 nodes) get every node they ask for.
#include <catch2/catch.hpp>

#include <set>

#include "cluster/machine_nodes.h"
#include "kubelet/kubelets.h"

using namespace kp;

TEST_CASE("machine addresses and pod CIDRs are distinct for thousands of nodes", "[cluster][scale]") {
    CHECK(machineIP("docker", 0) == "192.168.49.2");
    CHECK(machineIP("docker", 252) == "192.168.49.254");
    CHECK(kubelet::minikubeNode(1).podCIDR == "10.244.1.0/24");
    CHECK(kubelet::minikubeNode(255).podCIDR == "10.244.255.0/24");
    CHECK(kubelet::minikubeNode(256).podCIDR == "10.245.0.0/24");
    std::set<std::string> ips, cidrs;
    for (int i = 0; i < 5000; ++i) {
        const std::string ip = machineIP("docker", i);
        const std::string cidr = kubelet::minikubeNode(i).podCIDR;
        INFO(i << " " << ip << " " << cidr);
        CHECK(ips.insert(ip).second);
        CHECK(cidrs.insert(cidr).second);
        CHECK(ip.substr(ip.rfind('.') + 1) != "0");
        CHECK(ip.substr(ip.rfind('.') + 1) != "255");
    }
}
