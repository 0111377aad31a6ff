// kubectl -f with an http(s) URL: the resource builder fetches it from the laptop, where the
// simulation has no Internet (names under real top-level domains: SERVFAIL from the stub
// resolver), and prints what kubectl prints for each failure; curl on the same laptop agrees.
#include <catch2/catch.hpp>

#include "laptop.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("kubectl apply -f URL fails as on a laptop without Internet", "[kubectl][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start
kubectl apply -f https://k8s.io/examples/application/deployment.yaml
kubectl create -f https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/pods/simple-pod.yaml
kubectl delete -f https://k8s.io/examples/application/deployment.yaml
curl -sS https://k8s.io/examples/application/deployment.yaml
kubectl apply -f http://manifests.invalid/app.yaml
kubectl apply -f http://127.0.0.1:8001/app.yaml
kubectl create deployment web --image=nginx
kubectl expose deployment web --type=NodePort --port=80 --name=web
sleep 15
kubectl apply -f http://192.168.49.2:$(kubectl get svc web -o jsonpath='{.spec.ports[0].nodePort}')/app.yaml
kubectl apply -f https://192.168.49.2:$(kubectl get svc web -o jsonpath='{.spec.ports[0].nodePort}')/app.yaml)");
    CHECK(test::matchesGolden("kubectl_apply_url.txt", out));
}
