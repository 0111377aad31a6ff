// `minikube ssh -- COMMAND` on the control-plane node: static pod manifests moved out and back
// stop and start the scheduler; systemctl stops and starts the kubelet. Golden.
#include <catch2/catch.hpp>

#include "laptop.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("minikube ssh runs the node commands of the fault lessons", "[minikube][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube ssh -- ls
minikube start
minikube ssh -- ls /etc/kubernetes/manifests
minikube ssh -- sudo mv /etc/kubernetes/manifests/kube-scheduler.yaml /etc/kubernetes/
minikube ssh -- ls /etc/kubernetes/manifests /etc/kubernetes
kubectl get pods -n kube-system
kubectl run lonely --image=nginx
sleep 10
kubectl get pod lonely -o wide
kubectl get events --field-selector involvedObject.name=lonely
minikube ssh "sudo mv /etc/kubernetes/kube-scheduler.yaml /etc/kubernetes/manifests/"
sleep 10
kubectl get pod lonely -o wide
minikube ssh -- sudo mv /etc/kubernetes/nothing.yaml /tmp/
minikube ssh -- sudo systemctl stop kubelet && systemctl is-active kubelet
sleep 50
kubectl get nodes
minikube ssh -- sudo systemctl start kubelet
sleep 5
kubectl get nodes
minikube ssh -n m02 -- hostname
minikube ssh -- hostname; uname
minikube ssh
hostname
ls /etc/kubernetes/manifests
sudo systemctl is-active kubelet
whoami
uname
exit
kubectl get nodes)");
    CHECK(test::matchesGolden("minikube_ssh.txt", out));
}

// crictl 1.25.0 (kicbase v0.0.46) through cri-dockerd: the containers and images docker ps and
// docker images show, under their CRI names and columns (cri-tools cmd/crictl).
TEST_CASE("crictl on the node lists the CRI's containers pods and images", "[minikube][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start >/dev/null
kubectl create deployment web --image=nginx
kubectl run once --image=busybox --restart=Never -- true
sleep 30
minikube ssh -- crictl ps
minikube ssh -- sudo crictl ps -a --name-filter x
minikube ssh -- sudo crictl ps -a
minikube ssh -- crictl pods
minikube ssh -- crictl images
minikube ssh -- crictl pods -q
minikube ssh -- crictl rm x)");
    CHECK(test::matchesGolden("minikube_crictl.txt", out));
}
