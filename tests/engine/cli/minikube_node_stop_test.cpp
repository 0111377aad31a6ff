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

TEST_CASE("minikube node stop on the control plane takes the API away; node start brings it back",
          "[minikube][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start --nodes=2 >/dev/null
kubectl create deployment web --image=nginx --replicas=2
sleep 20
minikube node stop minikube
minikube status
kubectl get nodes
minikube node start m02
minikube node start minikube
kubectl get nodes
minikube node stop m02
minikube status
minikube stop
minikube start >/dev/null
minikube status)");
    CHECK(test::matchesGolden("minikube_node_stop_control_plane.txt", out));
    CHECK(out.find("was refused") != std::string::npos);
}

TEST_CASE("minikube node delete drains a worker, deletes its Node and machine; IDs go on from the last node",
          "[minikube][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start --nodes=3 >/dev/null
kubectl create deployment web --image=nginx --replicas=6
kubectl rollout status deployment/web >/dev/null
kubectl get pods -o wide
minikube node delete
minikube node delete m02
kubectl get nodes
kubectl get pods -o wide
minikube node list
minikube node add >/dev/null
minikube node list
minikube node delete m04
minikube node add
minikube node delete m07
minikube node delete minikube
minikube status)");
    CHECK(test::matchesGolden("minikube_node_delete.txt", out));
    // The deleted node's pods were replaced on the nodes that are left.
    const size_t deleted = out.find("Node m02 was successfully deleted.");
    REQUIRE(deleted != std::string::npos);
    CHECK(out.find("minikube-m02   <none>", deleted) == std::string::npos);
}
