// What minikube start installs in kube-system, and --image-repository rewriting its images.
#include <catch2/catch.hpp>

#include "cluster/cluster.h"
#include "cluster/system_images.h"
#include "cluster/system_workloads.h"

using namespace kp;

TEST_CASE("System images follow minikube's mirror rules", "[cluster]") {
    CHECK(system_images::image("kube-apiserver", "", "v1.32.0") == "registry.k8s.io/kube-apiserver:v1.32.0");
    CHECK(system_images::image("coredns", "", "v1.32.0") == "registry.k8s.io/coredns/coredns:v1.11.3");
    CHECK(system_images::image("etcd", "", "v1.32.0") == "registry.k8s.io/etcd:3.5.16-0");
    CHECK(system_images::image("storage-provisioner", "", "v1.32.0") == "gcr.io/k8s-minikube/storage-provisioner:v5");
    const std::string aliyun = system_images::kAliyunMirror;
    CHECK(system_images::image("coredns", aliyun, "v1.32.0") == aliyun + "/coredns:v1.11.3");
    CHECK(system_images::image("storage-provisioner", aliyun, "v1.32.0") == aliyun + "/storage-provisioner:v5");
    CHECK(system_images::image("kube-proxy", aliyun, "v1.32.0") == aliyun + "/kube-proxy:v1.32.0");
    CHECK(system_images::image("coredns", "example.com/k8s", "v1.32.0") == "example.com/k8s/coredns/coredns:v1.11.3");
}

TEST_CASE("Another Kubernetes version runs the images kubeadm pairs with it", "[cluster]") {
    // minikube v1.35.0's KubeadmImages entries.
    CHECK(system_images::image("kube-apiserver", "", "v1.28.15") == "registry.k8s.io/kube-apiserver:v1.28.15");
    CHECK(system_images::image("etcd", "", "v1.28.15") == "registry.k8s.io/etcd:3.5.15-0");
    CHECK(system_images::image("coredns", "", "v1.31.0") == "registry.k8s.io/coredns/coredns:v1.11.1");
    CHECK(system_images::image("pause", "", "v1.30.0") == "registry.k8s.io/pause:3.9");
    // Before v1.21 CoreDNS had no subpath.
    CHECK(system_images::image("coredns", "", "v1.20.0") == "registry.k8s.io/coredns:1.7.0");
    // A patch release the table does not list takes its minor's newest entry.
    CHECK(system_images::image("etcd", "", "v1.31.99") == "registry.k8s.io/etcd:3.5.15-0");
}

TEST_CASE("The addons create CoreDNS, kube-dns at 10.96.0.10, kube-proxy and the default StorageClass", "[cluster]") {
    Cluster cluster;
    Client addons = cluster.client("addon-manager");
    system_workloads::applyAddons(addons, MinikubeConfig{});
    ObjectStore& s = cluster.store();
    REQUIRE(s.get("services", "kube-system", "kube-dns"));
    CHECK(stringAt(*s.get("services", "kube-system", "kube-dns"), "spec.clusterIP") == "10.96.0.10");
    REQUIRE(s.get("deployments.apps", "kube-system", "coredns"));
    CHECK((*s.get("deployments.apps", "kube-system", "coredns"))["spec"]["template"]["spec"]["containers"][0]["image"] ==
          "registry.k8s.io/coredns/coredns:v1.11.3");
    REQUIRE(s.get("daemonsets.apps", "kube-system", "kube-proxy"));
    REQUIRE(s.get("pods", "kube-system", "storage-provisioner"));
    REQUIRE(s.get("storageclasses.storage.k8s.io", "", "standard"));
    REQUIRE(s.get("configmaps", "kube-system", "coredns"));
}

TEST_CASE("Static pods become mirror pods owned by their node", "[cluster]") {
    Cluster cluster;
    Client kubelet = cluster.client("kubelet");
    ApiResponse node = kubelet.create(Json::parse(R"({"apiVersion":"v1","kind":"Node","metadata":{"name":"minikube"},
        "status":{"addresses":[{"type":"InternalIP","address":"192.168.49.2"}]}})"));
    REQUIRE(node.ok());
    system_workloads::createStaticPods(kubelet, node.object, MinikubeConfig{}, cluster.now());
    for (const char* name : {"etcd-minikube", "kube-apiserver-minikube", "kube-controller-manager-minikube",
                             "kube-scheduler-minikube"}) {
        ObjectPtr pod = cluster.store().get("pods", "kube-system", name);
        REQUIRE(pod);
        CHECK((*pod)["metadata"]["ownerReferences"][0]["kind"] == "Node");
        CHECK((*pod)["metadata"]["annotations"]["kubernetes.io/config.source"] == "file");
        CHECK((*pod)["spec"]["priority"] == 2000001000);
        CHECK_FALSE((*pod)["spec"].contains("serviceAccountName"));  // mirror pods keep their spec
    }
    ObjectPtr etcd = cluster.store().get("pods", "kube-system", "etcd-minikube");
    CHECK((*etcd)["spec"]["containers"][0]["command"][1] == "--advertise-client-urls=https://192.168.49.2:2379");
}
