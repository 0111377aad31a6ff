// The images kubeadm runs besides the Kubernetes components themselves (CoreDNS, etcd and the
// pause sandbox), per Kubernetes version, as minikube v1.35.0 knows them
// (pkg/minikube/constants/constants_kubeadm_images.go and images.imageVersion).
#pragma once
#include <string>
#include <vector>

namespace kp::runtime::kubeadm_images {

struct Tags {
    std::string coredns;  // "v1.11.3" (before v1.21 the image was registry.k8s.io/coredns:1.7.0)
    std::string etcd;     // "3.5.16-0"
    std::string pause;    // "3.10"
};

// The tags for "v1.32.0": the version's own entry; else (a version minikube's table does not
// list) the newest entry of the same minor; else minikube's last-known-good defaults.
// SIMPLIFICATION: minikube first asks that version's kubeadm (`kubeadm config images list`),
// which it downloads; the simulation has no kubeadm binaries to ask.
Tags forVersion(const std::string& version);

// Every Kubernetes version in the table, oldest first ("v1.20.0" ... "v1.32.0").
const std::vector<std::string>& versions();

// Whether CoreDNS of this version is registry.k8s.io/coredns/coredns (v1.21 on) rather than
// registry.k8s.io/coredns.
bool corednsInSubpath(const std::string& version);

}  // namespace kp::runtime::kubeadm_images
