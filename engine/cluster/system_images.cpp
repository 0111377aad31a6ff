#include "cluster/system_images.h"

namespace kp::system_images {

std::string image(const std::string& name, const std::string& mirror, const std::string& kubernetesVersion) {
    const std::string repo = mirror.empty() ? "registry.k8s.io" : mirror;
    // constants.KubeadmImages["v1.32.0"]
    if (name == "etcd")
        return repo + "/etcd:3.5.16-0";
    if (name == "pause")
        return repo + "/pause:3.10";
    if (name == "coredns")
        return repo + (mirror == kAliyunMirror ? "/coredns" : "/coredns/coredns") + ":v1.11.3";
    if (name == "storage-provisioner") {
        if (mirror.empty())
            return "gcr.io/k8s-minikube/storage-provisioner:v5";
        return mirror + (mirror == kAliyunMirror ? "/storage-provisioner:v5" : "/k8s-minikube/storage-provisioner:v5");
    }
    return repo + "/" + name + ":" + kubernetesVersion;
}

}  // namespace kp::system_images
