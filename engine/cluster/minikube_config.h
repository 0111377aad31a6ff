// What `minikube start` was asked for: the profile's machine and Kubernetes settings. The
// Cluster builds its nodes and system pods from it; the minikube command prints from it.
#pragma once
#include <string>

namespace kp {

struct MinikubeConfig {
    std::string profile = "minikube";
    std::string driver = "docker";          // --driver / --vm-driver (only changes what is printed)
    int nodes = 1;                          // --nodes: minikube, minikube-m02, ...
    int cpus = 2;                           // --cpus
    int memoryMB = 2200;                    // --memory (docker driver default on a small host)
    std::string kubernetesVersion = "v1.32.0";
    std::string containerRuntime = "docker";
    // --image-repository: system images come from this mirror instead of registry.k8s.io.
    std::string imageRepository;
};

// The minikube machine around the cluster. kubectl reaches the apiserver only while Running.
enum class MachineState { Absent, Running, Stopped, Paused };
const char* toString(MachineState state);  // "Running", "Stopped", ... as `minikube status` says

}  // namespace kp
