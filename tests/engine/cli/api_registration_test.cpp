// APIServices and webhook configurations: kube-apiserver registers one Local APIService per group
// version it serves; metrics-server's v1beta1.metrics.k8s.io turns Available when its Endpoints
// have a ready address; the ingress addon brings minikube's ValidatingWebhookConfiguration,
// defaulted as the apiserver defaults it. Golden.
#include <catch2/catch.hpp>

#include "laptop.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("kubectl get apiservices and validatingwebhookconfigurations after the addons", "[kubectl][golden][addons]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start >/dev/null
kubectl get apiservices
minikube addons enable metrics-server >/dev/null
kubectl get apiservice v1beta1.metrics.k8s.io
kubectl get apiservice v1beta1.metrics.k8s.io -o jsonpath={.status.conditions[0].message}
sleep 60
kubectl get apiservice v1beta1.metrics.k8s.io
minikube addons enable ingress >/dev/null
kubectl get validatingwebhookconfigurations
kubectl get validatingwebhookconfiguration ingress-nginx-admission -o yaml
kubectl explain apiservice.spec.service
minikube addons disable metrics-server >/dev/null
kubectl get apiservices v1beta1.metrics.k8s.io)");
    CHECK(test::matchesGolden("kubectl_api_registration.txt", out));
    CHECK(out.find("v1.apps                           Local     True") != std::string::npos);
    CHECK(out.find("False (MissingEndpoints)") != std::string::npos);
    CHECK(out.find("kube-system/metrics-server   True") != std::string::npos);
    CHECK(out.find("ingress-nginx-admission   1") != std::string::npos);
    CHECK(out.find("timeoutSeconds: 10") != std::string::npos);
}
