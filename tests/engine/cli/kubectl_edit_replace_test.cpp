// kubectl edit with a scripted $KUBE_EDITOR (the change, no change, an invalid change kept in
// the temp file, a missing or failing editor) and kubectl replace -f [--force]. Golden.
#include <catch2/catch.hpp>

#include "laptop.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("kubectl edit runs the editor and patches what changed", "[kubectl][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start
kubectl create deployment web --image=nginx
kubectl edit deployment web
kubectl edit
kubectl edit deployment nope
export KUBE_EDITOR='sed -i s/image:\ nginx/image:\ httpd/'
kubectl edit deployment web
kubectl get deployment web -o jsonpath='{.spec.template.spec.containers[0].image}{"\n"}'
kubectl edit deployment web
export KUBE_EDITOR='sed -i s/name:\ nginx/name:\ Not_Valid/'
kubectl edit deploy/web
cat /tmp/kubectl-edit-935247919.yaml | head -12
export KUBE_EDITOR=false
kubectl edit deploy/web
export KUBE_EDITOR=nano
kubectl edit deploy/web
unset KUBE_EDITOR
export EDITOR='sed -i s/replicas:\ 1/replicas:\ 2/'
kubectl edit deploy/web
kubectl get deploy web)");
    CHECK(test::matchesGolden("kubectl_edit.txt", out));
}

TEST_CASE("kubectl replace -f puts the whole object", "[kubectl][golden]") {
    test::Laptop laptop;
    laptop.files.write("other.yaml", R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: other
data:
  a: "1"
)");
    const std::string out = laptop.transcript(R"(minikube start
kubectl create configmap cfg --from-literal=a=1
kubectl get configmap cfg -o yaml > cfg.yaml
sed -i 's/a: "1"/b: "2"/' cfg.yaml
kubectl replace -f cfg.yaml
kubectl get configmap cfg -o jsonpath='{.data}{"\n"}'
kubectl replace -f cfg.yaml
kubectl replace -f other.yaml
kubectl replace -f other.yaml --dry-run=client
kubectl replace
kubectl replace -f cfg.yaml --grace-period=5
kubectl replace -f cfg.yaml --force
kubectl get configmap cfg -o jsonpath='{.data}{"\n"}'
kubectl replace -f cfg.yaml --force --dry-run=client)");
    CHECK(test::matchesGolden("kubectl_replace.txt", out));
}
