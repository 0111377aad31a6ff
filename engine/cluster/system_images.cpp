#include "cluster/system_images.h"

#include "runtime/kubeadm_images.h"

namespace kp::system_images {

std::string image(const std::string& name, const std::string& mirror, const std::string& kubernetesVersion) {
    const std::string repo = mirror.empty() ? "registry.k8s.io" : mirror;
    const runtime::kubeadm_images::Tags tags = runtime::kubeadm_images::forVersion(kubernetesVersion);
    if (name == "etcd")
        return repo + "/etcd:" + tags.etcd;
    if (name == "pause")
        return repo + "/pause:" + tags.pause;
    if (name == "coredns") {
        const bool subpath = runtime::kubeadm_images::corednsInSubpath(kubernetesVersion) && mirror != kAliyunMirror;
        return repo + (subpath ? "/coredns/coredns:" : "/coredns:") + tags.coredns;
    }
    if (name == "storage-provisioner") {
        if (mirror.empty())
            return "gcr.io/k8s-minikube/storage-provisioner:v5";
        return mirror + (mirror == kAliyunMirror ? "/storage-provisioner:v5" : "/k8s-minikube/storage-provisioner:v5");
    }
    return repo + "/" + name + ":" + kubernetesVersion;
}

}  // namespace kp::system_images
