// A node's own IP answers as a minikube node (docker driver) does: kube-apiserver on 8443
// (HTTPS, system:anonymous may only read /version and the health paths), the kubelet on 10250
// (401 without credentials), sshd on 22, NodePorts through kube-proxy, and connection refused
// elsewhere, from the laptop and from pods; a hostNetwork pod answers on the ports it listens on.
// Golden transcript.
#include <catch2/catch.hpp>

#include "laptop.h"
#include "network/traffic.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("a node IP answers with its apiserver kubelet sshd and hostNetwork pods and refuses other ports", "[network][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start
kubectl create deployment web --image=nginx
kubectl expose deployment web --port=80 --type=NodePort
kubectl run client --image=busybox:1.37 --restart=Never -- sleep 3600
echo '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"hostweb"},"spec":{"hostNetwork":true,"containers":[{"name":"nginx","image":"nginx"}]}}' | kubectl apply -f -
sleep 30
kubectl get pod hostweb -o wide
curl -k https://$(minikube ip):8443/version
curl -k https://192.168.49.2:8443/healthz
curl -k https://192.168.49.2:8443/api/v1/pods
curl -k https://192.168.49.2:8443/api/v1/namespaces/default/pods/web
curl -k https://192.168.49.2:8443/apis/apps/v1/namespaces/kube-system/deployments
curl -sk https://192.168.49.2:8443/ -o /dev/null -w '%{http_code}\n'
curl https://192.168.49.2:8443/version
curl http://192.168.49.2:8443/version
curl -k https://192.168.49.2:10250/pods
curl -sk https://192.168.49.2:10250/pods -o /dev/null -w '%{http_code}\n'
curl https://192.168.49.2:10250/pods
nc -zv 192.168.49.2 22
echo hello | nc 192.168.49.2 22
curl 192.168.49.2:22
nc -zv 192.168.49.2 10250
nc -zv 192.168.49.2 2222
curl 192.168.49.2:2379
curl -s $(minikube ip):$(kubectl get svc web -o jsonpath='{.spec.ports[0].nodePort}') | head -4
curl -s 192.168.49.2 | head -4
kubectl exec client -- nc -zv 192.168.49.2 22
kubectl exec client -- nc -zv 192.168.49.2 8443
kubectl exec client -- nc -zv 192.168.49.2 2222
kubectl exec client -- wget -qO- http://192.168.49.2:22
kubectl exec client -- wget -qO- http://192.168.49.2:8443/version)");
    CHECK(test::matchesGolden("node_daemons.txt", out));
}

TEST_CASE("connections to a node IP are recorded against the node and its daemon", "[network]") {
    test::Laptop laptop;
    laptop.transcript("minikube start\ncurl -k https://192.168.49.2:8443/version\nnc -z 192.168.49.2 2222\n");
    std::vector<std::map<std::string, std::string>> flows;
    for (const LogRecord& r : laptop.cluster.eventLog().records())
        if (r.type == "flow" && r.verb != "dns" && r.detail.str().rfind("dst=192.168.49.2:", 0) == 0) {
            CHECK(r.resource == "nodes");
            CHECK(r.name == "minikube");
            flows.push_back(network::flowFields(r.detail));
        }
    REQUIRE(flows.size() == 2);
    CHECK(flows[0]["via"] == "Host");
    CHECK(flows[0]["daemon"] == "kube-apiserver");
    CHECK(flows[0]["status"] == "200");
    CHECK(flows[1]["result"] == "refused");
    CHECK(flows[1].count("pod") == 0);
}
