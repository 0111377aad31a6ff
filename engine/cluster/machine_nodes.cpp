#include "cluster/machine_nodes.h"

#include "kubelet/kubelets.h"

namespace kp {

std::string machineIP(const std::string& driver, int index) {
    // SIMPLIFICATION: minikube's /24 network holds about 250 machines; past that the addresses
    // go on in the next /24s, so that scale benchmarks can run thousands of nodes.
    const bool docker = driver == "docker" || driver == "podman";
    const int host = (docker ? 2 : 100) + index;
    if (host < 255)
        return (docker ? "192.168.49." : "192.168.59.") + std::to_string(host);
    const int subnet = (docker ? 49 : 59) + host / 254;
    return "192.168." + std::to_string(subnet) + "." + std::to_string(1 + host % 254);
}

std::string addMachineNode(Cluster& cluster, int index) {
    if (!cluster.kubelets())
        return "";
    const MinikubeConfig& profile = cluster.minikubeConfig();
    kubelet::NodeConfig node = kubelet::minikubeNode(index, profile.profile);
    node.internalIP = machineIP(profile.driver, index);
    node.imageRepository = profile.imageRepository;
    node.cpu = std::to_string(profile.cpus);
    // SIMPLIFICATION: the kubelet reports the version minikube installed; it behaves as v1.32.
    node.kubeletVersion = profile.kubernetesVersion;
    cluster.kubelets()->addNode(node);
    return node.name;
}

}  // namespace kp
