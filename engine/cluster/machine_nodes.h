// The machines of a minikube cluster as kubelets see them: `minikube start --nodes=N` brings up
// nodes 0..N-1, `minikube node add` one more. Each gets the defaults of the N-th minikube node
// (name, IP, pod CIDR) with the profile's --cpus and --image-repository.
#pragma once
#include <string>

#include "cluster/cluster.h"

namespace kp {

// The address of machine `index` (0 = the control plane): the docker and podman drivers put nodes
// on minikube's network 192.168.49.0/24 from .2; VM drivers get DHCP leases on the host-only
// network 192.168.59.0/24 from .100.
std::string machineIP(const std::string& driver, int index);

// Registers node `index` with the cluster's kubelets and returns its name ("" without kubelets:
// a cluster built with ClusterConfig::nodes off).
std::string addMachineNode(Cluster& cluster, int index);

}  // namespace kp
