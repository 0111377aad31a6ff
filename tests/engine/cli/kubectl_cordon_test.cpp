// kubectl cordon|uncordon: the node turns SchedulingDisabled, new pods avoid it, and repeating
// the command says "already". Golden.
#include <catch2/catch.hpp>

#include "laptop.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("kubectl cordon and uncordon switch a node's scheduling", "[kubectl][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start --nodes=2
sleep 10
kubectl cordon
kubectl cordon minikube-m02 --dry-run=client
kubectl cordon minikube-m02
kubectl cordon minikube-m02
kubectl cordon nope
kubectl get nodes
kubectl create deployment web --image=nginx --replicas=3
sleep 20
kubectl get pods -o wide
kubectl get node minikube-m02 -o jsonpath={.spec.taints}
kubectl uncordon minikube-m02
kubectl uncordon minikube-m02
kubectl get nodes)");
    CHECK(test::matchesGolden("kubectl_cordon.txt", out));
}
