// kubectl drain: cordon, the refusal listing DaemonSet-managed and unmanaged pods, --dry-run,
// evictions that wait for the pods to go, and a PodDisruptionBudget that blocks an eviction
// until --timeout. Golden.
#include <catch2/catch.hpp>

#include "laptop.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("kubectl drain evicts a node's pods", "[kubectl][golden]") {
    test::Laptop laptop;
    laptop.files.write("solo.yaml", R"(apiVersion: v1
kind: Pod
metadata:
  name: solo
spec:
  nodeName: minikube-m02
  containers:
  - name: nginx
    image: nginx
    volumeMounts:
    - name: scratch
      mountPath: /scratch
  volumes:
  - name: scratch
    emptyDir: {}
)");
    const std::string out = laptop.transcript(R"(minikube start --nodes=2
sleep 10
kubectl create deployment web --image=nginx --replicas=4
kubectl apply -f solo.yaml
sleep 20
kubectl get pods -o wide
kubectl drain
kubectl drain minikube-m02 -l x=y
kubectl drain nope
kubectl drain minikube-m02
kubectl drain minikube-m02 --ignore-daemonsets
kubectl drain minikube-m02 --ignore-daemonsets --force
kubectl drain minikube-m02 --ignore-daemonsets --force --delete-emptydir-data --dry-run=client
kubectl drain minikube-m02 --ignore-daemonsets --force --delete-emptydir-data
sleep 10
kubectl get pods -o wide
kubectl get nodes
kubectl uncordon minikube-m02)");
    CHECK(test::matchesGolden("kubectl_drain.txt", out));
}

TEST_CASE("kubectl drain respects a PodDisruptionBudget", "[kubectl][golden]") {
    test::Laptop laptop;
    laptop.files.write("pdb.yaml", R"(apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  minAvailable: 2
  selector:
    matchLabels:
      app: web
)");
    const std::string out = laptop.transcript(R"(minikube start --nodes=2
sleep 10
kubectl create deployment web --image=nginx --replicas=2
kubectl apply -f pdb.yaml
sleep 20
kubectl get pods -o wide
kubectl drain minikube-m02 --ignore-daemonsets --timeout=12s
kubectl scale deployment web --replicas=3
sleep 20
kubectl drain minikube-m02 --ignore-daemonsets --timeout=30s
kubectl get pods -o wide)");
    CHECK(test::matchesGolden("kubectl_drain_pdb.txt", out));
}
