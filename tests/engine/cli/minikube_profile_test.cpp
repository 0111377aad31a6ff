// A profile other than "minikube" and another Kubernetes version, through the learner's shell:
// the profile names the node, the kubeconfig's cluster, context and user; the version is what
// the nodes, /version and the preloaded images report; kubectl version prints its client part
// without a server and warns about a skew of more than one minor.
#include <catch2/catch.hpp>

#include "laptop.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("A named profile with another Kubernetes version names its node context and images", "[minikube][golden]") {
    test::Laptop laptop;
    std::string out = laptop.transcript(R"(kubectl version
kubectl version --client
kubectl version -o json
kubectl version -o xml
kubectl version now
minikube start -p aged --kubernetes-version=v1.28
kubectl version
kubectl version -o json
kubectl config current-context
kubectl config get-contexts
kubectl get nodes
kubectl get pods -A -o wide
kubectl get nodes -L minikube.k8s.io/name
minikube status -p aged
minikube ssh -p aged -- docker images
curl -k https://192.168.49.2:8443/version
minikube delete -p aged
kubectl config get-contexts
minikube start >/dev/null
kubectl version
kubectl get nodes)");
    CHECK(test::matchesGolden("minikube_profile_version.txt", out));
}

// The machine flags the China-specific guides use: --cpus/--memory size the machine,
// --registry-mirror must be a URL, --image-mirror-country=cn picks the Aliyun repository for
// the system images.
TEST_CASE("minikube start with machine size and mirror flags", "[minikube][golden]") {
    test::Laptop laptop;
    std::string out = laptop.transcript(R"(minikube start --cpus=4 --memory=4096 --registry-mirror=https://registry.docker-cn.com
minikube delete >/dev/null
minikube start --registry-mirror=registry.docker-cn.com
minikube start --image-mirror-country=cn --memory=3g
kubectl get pods -n kube-system -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image)");
    CHECK(test::matchesGolden("minikube_start_flags.txt", out));
}
