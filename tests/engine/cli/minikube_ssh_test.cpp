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
