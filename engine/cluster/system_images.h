// The images of the control plane and addons minikube v1.35 runs for a Kubernetes version, and how
// `--image-repository` rewrites them (pkg/minikube/bootstrapper/images: the Aliyun mirror also
// flattens coredns/coredns and k8s-minikube/storage-provisioner).
#pragma once
#include <string>

namespace kp::system_images {

constexpr const char* kAliyunMirror = "registry.cn-hangzhou.aliyuncs.com/google_containers";

// name: "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kube-proxy", "etcd",
// "coredns", "pause", "storage-provisioner".
std::string image(const std::string& name, const std::string& mirror, const std::string& kubernetesVersion);

}  // namespace kp::system_images
