// What a simulated machine looks like to its kubelet: name, address, pod CIDR, capacity and the
// software it runs. Defaults are those of a minikube v1.35.0 node (docker driver) running
// Kubernetes v1.32.0; `minikube start --nodes=3` makes minikube (192.168.49.2, 10.244.0.0/24),
// minikube-m02 (192.168.49.3, 10.244.1.0/24), minikube-m03 (192.168.49.4, 10.244.2.0/24).
#pragma once
#include <map>
#include <string>

#include "base/time.h"

namespace kp::kubelet {

struct NodeConfig {
    std::string name = "minikube";
    std::string internalIP = "192.168.49.2";
    std::string podCIDR = "10.244.0.0/24";   // 10.244.N.0/24 for the N-th node

    // Capacity (allocatable is the same: minikube reserves nothing for the system).
    std::string cpu = "2";
    std::string memory = "3912388Ki";
    int pods = 110;
    std::string ephemeralStorage = "61202244Ki";

    // Labels and annotations beyond the kubelet's own (kubernetes.io/hostname, .../os, .../arch
    // and their beta twins). Applied last, so they can override.
    std::map<std::string, std::string> labels;
    std::map<std::string, std::string> annotations;
    // node-role.kubernetes.io/control-plane="" and node.kubernetes.io/exclude-from-external-load-balancers="".
    bool controlPlane = false;
    // minikube's labels (minikube.k8s.io/name, primary, version, commit, updated_at) and
    // kubeadm's cri-socket annotation, as `minikube start` leaves them.
    bool minikube = true;
    bool primary = false;            // minikube.k8s.io/primary: "true" on the first node
    std::string clusterName = "minikube";

    // Images loaded at boot (minikube's preload): control plane, pause, storage-provisioner.
    bool preloadImages = true;
    std::string imageRepository;     // minikube --image-repository, e.g. registry.cn-hangzhou.aliyuncs.com/google_containers

    // System info (status.nodeInfo).
    std::string kubeletVersion = "v1.32.0";
    std::string containerRuntimeVersion = "docker://27.4.1";
    std::string osImage = "Ubuntu 22.04.5 LTS";
    std::string kernelVersion = "5.15.0-127-generic";

    // Time from registration to the first Ready=True status (the container runtime and network
    // plugin finishing their start-up).
    Duration readyAfter = Duration::seconds(3);
};

// The defaults of the N-th node of a minikube profile: the profile's name for the first, then
// "<profile>-m02", "<profile>-m03", ... (minikube's config.MachineName).
NodeConfig minikubeNode(int index, const std::string& profile = "minikube");

}  // namespace kp::kubelet
