#include "cluster/machine_nodes.h"

#include "kubelet/kubelets.h"

namespace kp {

std::string machineIP(const std::string& driver, int index) {
    if (driver == "docker" || driver == "podman")
        return "192.168.49." + std::to_string(2 + index);
    return "192.168.59." + std::to_string(100 + index);
}

std::string addMachineNode(Cluster& cluster, int index) {
    if (!cluster.kubelets())
        return "";
    const MinikubeConfig& profile = cluster.minikubeConfig();
    kubelet::NodeConfig node = kubelet::minikubeNode(index);
    node.internalIP = machineIP(profile.driver, index);
    node.imageRepository = profile.imageRepository;
    node.cpu = std::to_string(profile.cpus);
    cluster.kubelets()->addNode(node);
    return node.name;
}

}  // namespace kp
