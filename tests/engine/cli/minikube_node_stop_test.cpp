// `minikube node stop|start` on a worker: the node goes NotReady after the 40 s grace period,
// its pods are evicted after the 300 s toleration, and the node comes back Ready. Golden.
#include <catch2/catch.hpp>

#include "laptop.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("minikube node stop powers a worker off and node start brings it back", "[minikube][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start --nodes=2
kubectl create deployment web --image=nginx --replicas=4
sleep 30
kubectl get pods -o wide
minikube node stop
minikube node stop m05
minikube node stop minikube
minikube node stop m02
sleep 30
kubectl get nodes
sleep 15
kubectl get nodes
sleep 300
kubectl get pods -o wide
minikube node start minikube-m02
minikube node start minikube-m02
kubectl get nodes)");
    CHECK(test::matchesGolden("minikube_node_stop.txt", out));
}
