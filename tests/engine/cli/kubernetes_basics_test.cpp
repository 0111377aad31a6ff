// Kubernetes Basics (kubernetes.io tutorials, modules 2 to 6) typed as the tutorial shows it:
// create the bootcamp Deployment, reach it through kubectl proxy's path and a NodePort, look
// inside its pod (env, bash with cat server.js and curl), label, scale, update to jocatalin/kubernetes-bootcamp:v2,
// a broken update to a tag that does not exist (ImagePullBackOff) and the undo.
#include <catch2/catch.hpp>

#include "laptop.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("Kubernetes Basics modules 2 to 6 run as the tutorial shows them", "[golden]") {
    test::Laptop laptop;
    std::string out = laptop.transcript(R"script(minikube start >/dev/null
kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1
kubectl get deployments
export POD_NAME="$(kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}')"
echo Name of the Pod: $POD_NAME
kubectl wait --for=condition=Ready pod/$POD_NAME
kubectl get pods
kubectl logs "$POD_NAME"
kubectl exec "$POD_NAME" -- env
kubectl exec -ti $POD_NAME -- bash
cat server.js
curl http://localhost:8080
exit
kubectl exec -ti $POD_NAME -- curl http://localhost:8080
kubectl expose deployment/kubernetes-bootcamp --type="NodePort" --port 8080
export NODE_PORT="$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')"
echo "NODE_PORT=$NODE_PORT"
curl http://"$(minikube ip):$NODE_PORT"
kubectl label pods "$POD_NAME" version=v1
kubectl get pods -l version=v1
kubectl scale deployments/kubernetes-bootcamp --replicas=4
kubectl rollout status deployments/kubernetes-bootcamp
kubectl get deployments
kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=docker.io/jocatalin/kubernetes-bootcamp:v2
kubectl rollout status deployments/kubernetes-bootcamp
curl http://"$(minikube ip):$NODE_PORT"
kubectl describe pods | grep Image:
kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=gcr.io/google-samples/kubernetes-bootcamp:v10
sleep 20
kubectl get pods
kubectl rollout undo deployments/kubernetes-bootcamp
kubectl rollout status deployments/kubernetes-bootcamp
kubectl get pods
curl http://"$(minikube ip):$NODE_PORT"
kubectl delete deployments/kubernetes-bootcamp services/kubernetes-bootcamp)script");
    CHECK(test::matchesGolden("kubernetes_basics.txt", out));
}
