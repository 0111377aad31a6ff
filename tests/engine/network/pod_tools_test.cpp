// wget, nslookup and curl inside containers: the seed's DNS names (my-service.my-ns and the SRV
// record of its named port), both busybox nslookup generations, wget's errors, and a pod's own
// localhost. Golden transcript.
#include <catch2/catch.hpp>

#include "network/bind_tools.h"
#include "network/pod_tools.h"
#include "laptop.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("images have the network tools their distributions ship", "[network][pod-tools]") {
    CHECK(network::imageHasTool("busybox:1.37", "wget"));
    CHECK(network::imageHasTool("busybox", "nslookup"));
    CHECK(network::imageHasTool("alpine:3.21", "wget"));
    CHECK_FALSE(network::imageHasTool("busybox", "curl"));
    CHECK(network::imageHasTool("nginx:1.27", "curl"));
    CHECK_FALSE(network::imageHasTool("nginx:alpine", "curl"));
    CHECK(network::imageHasTool("curlimages/curl", "curl"));
    CHECK_FALSE(network::imageHasTool("redis", "wget"));
}

TEST_CASE("network tools in pods see cluster DNS, Services and their own localhost", "[network][pod-tools][golden]") {
    test::Laptop laptop;
    laptop.files.write("my-service.yaml", R"(apiVersion: v1
kind: Service
metadata:
  name: my-service
  namespace: my-ns
spec:
  selector:
    app: my-service
  ports:
  - name: http
    protocol: TCP
    port: 80
)");
    const std::string out = laptop.transcript(R"(minikube start
kubectl create deployment my-nginx --image=nginx --replicas=2
kubectl expose deployment my-nginx --port=80
kubectl create namespace my-ns
kubectl create deployment my-service -n my-ns --image=nginx
kubectl apply -f my-service.yaml
kubectl run client --image=busybox:1.37 --restart=Never -- sleep 3600
kubectl run old --image=busybox:1.28 --restart=Never -- sleep 3600
kubectl run plain --image=redis --restart=Never
sleep 30
kubectl exec client -- nslookup my-nginx
kubectl exec old -- nslookup my-nginx
kubectl exec old -- nslookup my-service.my-ns
kubectl exec old -- nslookup nothing-here
kubectl exec client -- nslookup my-service.my-ns
kubectl exec client -- nslookup my-service.my-ns.svc.cluster.local
kubectl exec client -- nslookup -type=srv _http._tcp.my-service.my-ns.svc.cluster.local
kubectl exec client -- wget -qO- my-service.my-ns | grep title
kubectl exec client -- wget -O- http://my-nginx/ | wc -c
kubectl exec client -- wget -O- http://my-nginx/nope
kubectl exec client -- wget -O- http://nothing/
kubectl exec plain -- wget my-nginx
kubectl exec $(kubectl get pods -l app=my-nginx -o name | head -1) -- curl -s localhost | grep title)");
    CHECK(test::matchesGolden("pod_network_tools.txt", out));
}

TEST_CASE("the DNS debugging guide's dnsutils pod answers with BIND's nslookup and dig", "[network][pod-tools][golden]") {
    test::Laptop laptop;
    laptop.files.write("dnsutils.yaml", R"(apiVersion: v1
kind: Pod
metadata:
  name: dnsutils
  namespace: default
spec:
  containers:
  - name: dnsutils
    image: registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3
    command:
      - sleep
      - "3600"
    imagePullPolicy: IfNotPresent
  restartPolicy: Always
)");
    laptop.files.write("web.yaml", R"(apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - name: http
    port: 80
)");
    const std::string out = laptop.transcript(R"(minikube start
kubectl apply -f dnsutils.yaml
kubectl create deployment web --image=nginx --replicas=2
kubectl apply -f web.yaml
kubectl create service externalname ext --external-name=my.database.example.com
sleep 60
kubectl get pods dnsutils
kubectl exec -i -t dnsutils -- nslookup kubernetes.default
kubectl exec -i -t dnsutils -- nslookup nothing-here
kubectl exec -i -t dnsutils -- nslookup example.com
kubectl exec -i -t dnsutils -- nslookup ext
kubectl exec -i -t dnsutils -- nslookup -type=srv _http._tcp.web
kubectl exec -i -t dnsutils -- nslookup host.minikube.internal
kubectl exec dnsutils -- dig kubernetes.default.svc.cluster.local
kubectl exec dnsutils -- dig +short web.default.svc.cluster.local
kubectl exec dnsutils -- dig +short SRV _http._tcp.web.default.svc.cluster.local
kubectl exec dnsutils -- dig SRV _http._tcp.web.default.svc.cluster.local
kubectl exec dnsutils -- dig kubernetes.default
kubectl exec dnsutils -- dig +search kubernetes.default
kubectl exec dnsutils -- dig nope.default.svc.cluster.local
kubectl exec dnsutils -- dig ext.default.svc.cluster.local)");
    CHECK(test::matchesGolden("pod_dnsutils.txt", out));
}

TEST_CASE("DNS message sizes count compressed names as servers write them", "[network][dns]") {
    // Header 12, question 38+4, answer (pointer 2 + 10 + 4), OPT 11.
    CHECK(network::dnsMessageSize("kubernetes.default.svc.cluster.local.",
                                  {{"kubernetes.default.svc.cluster.local", "A", "", ""}, {"", "OPT", "", ""}}) == 81);
    // An SRV target that is a suffix of the question costs a pointer.
    CHECK(network::dnsMessageSize("_http._tcp.web.default.svc.cluster.local.",
                                  {{"_http._tcp.web.default.svc.cluster.local", "SRV", "web.default.svc.cluster.local", ""}}) ==
          12 + 42 + 4 + 2 + 10 + 6 + 2);
}
