// The whole product on the learner's laptop: a fresh machine with minikube, `minikube start`,
// then the minikube quick start (hello-minikube) through the Shell, with every component
// running (controllers, scheduler, kubelets, kube-proxy). Golden transcript.
#include <catch2/catch.hpp>

#include <sstream>

#include "cli/memory_file_system.h"
#include "cli/shell.h"
#include "shell_transcript.h"
#include "test_support.h"

using namespace kp;
using test::transcript;

namespace {

ClusterConfig laptop() {
    ClusterConfig config = ClusterConfig::fullCluster();
    config.startRunning = false;
    return config;
}

}  // namespace

TEST_CASE("the minikube quick start runs end to end on a fresh laptop", "[quickstart][golden]") {
    Cluster cluster(laptop());
    cli::MemoryFileSystem fs;
    cli::Shell shell(cluster, fs);
    const std::string out = transcript(shell, R"(kubectl get po -A
minikube start
kubectl get nodes
kubectl get po -A
kubectl create deployment hello-minikube --image=kicbase/echo-server:1.0
kubectl expose deployment hello-minikube --type=NodePort --port=8080
kubectl get pods
sleep 20
kubectl get services hello-minikube
kubectl get pods -o wide
minikube service hello-minikube --url
curl -s $(minikube service hello-minikube --url)
kubectl get endpoints hello-minikube
kubectl logs deployment/hello-minikube
kubectl scale deployment hello-minikube --replicas=3
sleep 10
kubectl get rs,pods
kubectl describe deployment hello-minikube
kubectl get events --field-selector involvedObject.kind=Deployment
kubectl delete service hello-minikube
kubectl delete deployment hello-minikube
sleep 40
kubectl get pods
minikube stop
kubectl get pods
minikube delete)");
    CHECK(test::matchesGolden("quickstart_hello_minikube.txt", out));
}
