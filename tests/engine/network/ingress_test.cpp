// Ingress with minikube's ingress addon (ingress-nginx): what `minikube addons enable ingress`
// deploys, which Ingress rule a request meets (hosts, Prefix/Exact/ImplementationSpecific,
// defaultBackend, 404), 503 without endpoints, the address the controller publishes, the
// flows in the event log, and the Kubernetes docs' "Set up Ingress on Minikube" task end to end.
#include <catch2/catch.hpp>

#include "cli/memory_file_system.h"
#include "cli/shell.h"
#include "cluster/cluster.h"
#include "network/ingress.h"
#include "network/traffic.h"
#include "shell_transcript.h"
#include "test_support.h"

using namespace kp;
using test::transcript;

namespace {

Json ingress(const std::string& name, const std::string& rulesJson, const std::string& extraSpec = "") {
    return Json::parse(R"({"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":")" + name +
                       R"("},"spec":{)" + extraSpec + (extraSpec.empty() ? "" : ",") + R"("rules":)" + rulesJson + "}}");
}

std::string path(const std::string& p, const std::string& type, const std::string& svc) {
    return R"({"path":")" + p + R"(","pathType":")" + type + R"(","backend":{"service":{"name":")" + svc +
           R"(","port":{"number":80}}}})";
}

std::string routedTo(const Cluster& cluster, const std::string& host, const std::string& target) {
    network::IngressRoute r = network::routeIngress(cluster.store(), host, target);
    return r.kind == network::IngressRoute::Kind::NotFound ? "404" : r.service;
}

ClusterConfig laptop() {
    ClusterConfig config = ClusterConfig::fullCluster();
    config.startRunning = false;
    return config;
}

const char* kExampleIngress = R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: example-ingress
spec:
  ingressClassName: nginx
  rules:
    - host: hello-world.example
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 8080)";

}  // namespace

TEST_CASE("ingress-nginx picks the rule nginx would: hosts, path types, longest match, defaultBackend", "[network][ingress]") {
    Cluster cluster;
    Client c = cluster.client("test");
    REQUIRE(c.create(Json::parse(R"({"apiVersion":"networking.k8s.io/v1","kind":"IngressClass",
        "metadata":{"name":"nginx"},"spec":{"controller":"k8s.io/ingress-nginx"}})")).ok());

    SECTION("host routing: exact names before wildcards, a port in Host is ignored") {
        REQUIRE(c.create(ingress("hosts", "[{\"host\":\"foo.bar.com\",\"http\":{\"paths\":[" + path("/", "Prefix", "foo") +
                                              "]}},{\"host\":\"*.bar.com\",\"http\":{\"paths\":[" + path("/", "Prefix", "wild") +
                                              "]}}]",
                                 R"("ingressClassName":"nginx")"))
                    .ok());
        CHECK(routedTo(cluster, "foo.bar.com", "/") == "foo");
        CHECK(routedTo(cluster, "FOO.bar.com:80", "/x") == "foo");
        CHECK(routedTo(cluster, "baz.bar.com", "/") == "wild");
        CHECK(routedTo(cluster, "bar.com", "/") == "404");
        CHECK(routedTo(cluster, "192.168.49.2", "/") == "404");
    }

    SECTION("Prefix matches whole path elements, Exact only itself, ImplementationSpecific is a string prefix") {
        REQUIRE(c.create(ingress("paths", "[{\"http\":{\"paths\":[" + path("/foo", "Prefix", "prefix") + "," +
                                              path("/foo", "Exact", "exact") + "," + path("/img", "ImplementationSpecific", "impl") +
                                              "," + path("/foo/bar/", "Prefix", "deeper") + "]}}]"))
                    .ok());
        CHECK(routedTo(cluster, "anything", "/foo") == "exact");
        CHECK(routedTo(cluster, "anything", "/foo/") == "prefix");
        CHECK(routedTo(cluster, "anything", "/foo/x?y=1") == "prefix");
        CHECK(routedTo(cluster, "anything", "/foobar") == "404");
        CHECK(routedTo(cluster, "anything", "/foo/bar") == "deeper");
        CHECK(routedTo(cluster, "anything", "/foo/bar/baz") == "deeper");
        CHECK(routedTo(cluster, "anything", "/foo/barn") == "prefix");
        CHECK(routedTo(cluster, "anything", "/imgs/a.png") == "impl");
        CHECK(routedTo(cluster, "anything", "/img") == "impl");
        CHECK(routedTo(cluster, "anything", "/") == "404");
    }

    SECTION("the defaultBackend takes what no path matches; other classes are not nginx's") {
        REQUIRE(c.create(ingress("fanout", "[{\"host\":\"foo.bar.com\",\"http\":{\"paths\":[" + path("/foo", "Prefix", "s1") +
                                               "]}}]",
                                 R"("defaultBackend":{"service":{"name":"fallback","port":{"number":80}}})"))
                    .ok());
        REQUIRE(c.create(ingress("other", "[{\"host\":\"other.com\",\"http\":{\"paths\":[" + path("/", "Prefix", "o") + "]}}]",
                                 R"("ingressClassName":"nginx-example")"))
                    .ok());
        CHECK(routedTo(cluster, "foo.bar.com", "/foo/1") == "s1");
        CHECK(routedTo(cluster, "foo.bar.com", "/bar") == "fallback");
        CHECK(routedTo(cluster, "unknown.com", "/") == "404");  // rules and a backend: not the catch-all
        // An Ingress with a defaultBackend and no rules configures the catch-all server.
        REQUIRE(c.create(Json::parse(R"({"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"catchall"},
            "spec":{"defaultBackend":{"service":{"name":"everything","port":{"number":80}}}}})")).ok());
        CHECK(routedTo(cluster, "unknown.com", "/") == "everything");
        CHECK(routedTo(cluster, "other.com", "/") == "everything");  // not served: the catch-all answers
        CHECK(routedTo(cluster, "foo.bar.com", "/bar") == "fallback");
        CHECK_FALSE(network::servedByIngressNginx(cluster.store(), *cluster.store().get("ingresses.networking.k8s.io", "default", "other")));
    }

    SECTION("the oldest Ingress keeps a host and path both define") {
        REQUIRE(c.create(ingress("first", "[{\"host\":\"a.com\",\"http\":{\"paths\":[" + path("/", "Prefix", "one") + "]}}]")).ok());
        cluster.advance(Duration::seconds(1));
        REQUIRE(c.create(ingress("second", "[{\"host\":\"a.com\",\"http\":{\"paths\":[" + path("/", "Prefix", "two") + "," +
                                               path("/two", "Prefix", "two") + "]}}]"))
                    .ok());
        CHECK(routedTo(cluster, "a.com", "/") == "one");
        CHECK(routedTo(cluster, "a.com", "/two") == "two");
    }
}

TEST_CASE("rewrite-target makes a server's paths regular expressions and rewrites the URI", "[network][ingress]") {
    Cluster cluster;
    Client c = cluster.client("test");
    Json ing = ingress("rewrite", "[{\"host\":\"rw.example\",\"http\":{\"paths\":[" +
                                      path("/something(/|$)(.*)", "ImplementationSpecific", "echo") + "," +
                                      path("/exact", "Exact", "exact") + "," + path("/Other", "Prefix", "other") + "]}}]");
    ing["metadata"]["annotations"] = {{"nginx.ingress.kubernetes.io/rewrite-target", "/$2"}};
    REQUIRE(c.create(ing).ok());
    network::IngressRoute r = network::routeIngress(cluster.store(), "rw.example", "/something/new/x?q=1");
    CHECK(r.service == "echo");
    CHECK(r.rewrittenTarget == "/new/x?q=1");
    CHECK(network::routeIngress(cluster.store(), "rw.example", "/SOMETHING").rewrittenTarget == "/");
    CHECK(routedTo(cluster, "rw.example", "/exact") == "exact");
    CHECK(routedTo(cluster, "rw.example", "/otherwise") == "other");  // a regex now: "^/Other", any case
    CHECK(routedTo(cluster, "rw.example", "/nothing") == "404");
}

TEST_CASE("nginx's own error pages are byte for byte", "[network][ingress]") {
    CHECK(network::nginxErrorPage(404) ==
          "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n"
          "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
    CHECK(network::nginxErrorPage(404).size() == 146);
    CHECK(network::nginxErrorPage(503) ==
          "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n"
          "<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
}

TEST_CASE("The ingress addon routes by host and path, answers 404 and 503, and publishes the node IP", "[network][ingress]") {
    Cluster cluster(laptop());
    cli::MemoryFileSystem fs;
    cli::Shell shell(cluster, fs);
    REQUIRE(shell.run("minikube start").exitCode == 0);
    REQUIRE(shell.run("minikube addons enable ingress").exitCode == 0);

    SECTION("the addon's objects") {
        const ObjectStore& s = cluster.store();
        CHECK(s.get("namespaces", "", "ingress-nginx"));
        CHECK(s.get("serviceaccounts", "ingress-nginx", "ingress-nginx"));
        CHECK(s.get("serviceaccounts", "ingress-nginx", "ingress-nginx-admission"));
        CHECK(s.get("roles.rbac.authorization.k8s.io", "ingress-nginx", "ingress-nginx"));
        CHECK(s.get("clusterrolebindings.rbac.authorization.k8s.io", "", "ingress-nginx-admission"));
        CHECK(s.get("configmaps", "ingress-nginx", "ingress-nginx-controller"));
        ObjectPtr svc = s.get("services", "ingress-nginx", "ingress-nginx-controller");
        REQUIRE(svc);
        CHECK(stringAt(*svc, "spec.type") == "NodePort");
        CHECK(s.get("services", "ingress-nginx", "ingress-nginx-controller-admission"));
        ObjectPtr deploy = s.get("deployments.apps", "ingress-nginx", "ingress-nginx-controller");
        REQUIRE(deploy);
        const Json& container = (*deploy)["spec"]["template"]["spec"]["containers"][0];
        CHECK(container["image"] ==
              "registry.k8s.io/ingress-nginx/controller:v1.11.3@sha256:d56f135b6462cfc476447cfe564b83a45e8bb7da2774963b00d12161112270b7");
        CHECK(container["ports"][0]["hostPort"] == 80);
        ObjectPtr cls = s.get("ingressclasses.networking.k8s.io", "", "nginx");
        REQUIRE(cls);
        CHECK(stringAt(*cls, "metadata.annotations.ingressclass\\.kubernetes\\.io/is-default-class") == "");
        CHECK((*cls)["metadata"]["annotations"]["ingressclass.kubernetes.io/is-default-class"] == "true");
        const std::string pods = shell.run("kubectl get pods -n ingress-nginx").out;
        CHECK(pods.find("ingress-nginx-admission-create-") != std::string::npos);
        CHECK(pods.find("0/1     Completed") != std::string::npos);
        CHECK(pods.find("ingress-nginx-controller-") != std::string::npos);
        CHECK(shell.run("kubectl get jobs -n ingress-nginx").out.find("ingress-nginx-admission-patch") != std::string::npos);
        // What the create job writes: the webhook's certificate Secret.
        ObjectPtr secret = s.get("secrets", "ingress-nginx", "ingress-nginx-admission");
        REQUIRE(secret);
        CHECK((*secret)["data"].size() == 3);

        REQUIRE(shell.run("minikube addons disable ingress").exitCode == 0);
        cluster.advance(Duration::seconds(60));
        CHECK_FALSE(s.get("deployments.apps", "ingress-nginx", "ingress-nginx-controller"));
        CHECK_FALSE(s.get("ingressclasses.networking.k8s.io", "", "nginx"));
        CHECK_FALSE(s.get("clusterroles.rbac.authorization.k8s.io", "", "ingress-nginx"));
        CHECK(shell.run("kubectl get pods -n ingress-nginx").err.find("No resources found") != std::string::npos);
    }

    SECTION("traffic through the controller") {
        fs.write("example-ingress.yaml", kExampleIngress);
        // Ingresses pass the controller's admission webhook, which answers once it is ready.
        cluster.advance(Duration::seconds(20));
        REQUIRE(shell.run("kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0").exitCode == 0);
        REQUIRE(shell.run("kubectl expose deployment web --type=NodePort --port=8080").exitCode == 0);
        REQUIRE(shell.run("kubectl create service clusterip empty --tcp=80:80").exitCode == 0);
        REQUIRE(shell.run("kubectl apply -f example-ingress.yaml").exitCode == 0);
        REQUIRE(shell.run("kubectl create ingress empty --rule=empty.example/*=empty:80").exitCode == 0);
        cluster.advance(Duration::seconds(5));
        // DefaultIngressClass: created without a class, it gets the default one.
        CHECK(stringAt(*cluster.store().get("ingresses.networking.k8s.io", "default", "empty"), "spec.ingressClassName") == "nginx");

        // The address comes with the controller's next status sync (every 60 s).
        CHECK(stringAt(*cluster.store().get("ingresses.networking.k8s.io", "default", "example-ingress"),
                       "status.loadBalancer.ingress") == "");
        CHECK(!findPath(*cluster.store().get("ingresses.networking.k8s.io", "default", "example-ingress"),
                        "status.loadBalancer.ingress"));
        cluster.advance(Duration::seconds(120));
        ObjectPtr ing = cluster.store().get("ingresses.networking.k8s.io", "default", "example-ingress");
        REQUIRE(findPath(*ing, "status.loadBalancer.ingress"));
        CHECK((*ing)["status"]["loadBalancer"]["ingress"][0]["ip"] == "192.168.49.2");
        CHECK(shell.run("kubectl get ingress example-ingress").out.find("192.168.49.2") != std::string::npos);

        const uint64_t before = cluster.eventLog().lastSeq();
        cli::CommandResult hello = shell.run("curl -s http://192.168.49.2/ -H \"Host: hello-world.example\"");
        CHECK(hello.out.rfind("Hello, world!\nVersion: 1.0.0\nHostname: web-", 0) == 0);
        CHECK(shell.run("curl -s --resolve hello-world.example:80:192.168.49.2 http://hello-world.example/v2").out.rfind("Hello, world!", 0) == 0);

        cli::CommandResult notFound = shell.run("curl -i http://192.168.49.2/");
        CHECK(notFound.out.rfind("HTTP/1.1 404 Not Found\r\n", 0) == 0);
        CHECK(notFound.out.find(network::nginxErrorPage(404)) != std::string::npos);
        cli::CommandResult unavailable = shell.run("curl -i http://192.168.49.2/ -H \"Host: empty.example\"");
        CHECK(unavailable.out.rfind("HTTP/1.1 503 Service Temporarily Unavailable\r\n", 0) == 0);
        CHECK(unavailable.out.find(network::nginxErrorPage(503)) != std::string::npos);

        // TLS ends at the controller, with its self-signed certificate.
        CHECK(shell.run("curl -s https://192.168.49.2/ -H \"Host: hello-world.example\"").exitCode == 60);
        CHECK(shell.run("curl https://192.168.49.2/ -H \"Host: hello-world.example\"").err.rfind(
                  "curl: (60) SSL certificate problem: self-signed certificate\n", 0) == 0);
        CHECK(shell.run("curl -sk https://hello-world.example/ --resolve hello-world.example:443:192.168.49.2").out.rfind(
                  "Hello, world!", 0) == 0);

        // The flows: laptop -> controller (hostPort) and controller -> Service -> pod.
        std::vector<const LogRecord*> flows;
        for (const LogRecord& r : cluster.eventLog().records())
            if (r.seq > before && r.type == "flow")
                flows.push_back(&r);
        REQUIRE(flows.size() >= 2);
        CHECK(flows[0]->actor == "192.168.49.1");
        CHECK(flows[0]->detail.find("dst=192.168.49.2:80 via=HostPort") != std::string::npos);
        CHECK(flows[0]->detail.find("pod=ingress-nginx/ingress-nginx-controller-") != std::string::npos);
        CHECK(flows[0]->detail.find("result=response status=200") != std::string::npos);
        CHECK(flows[1]->actor.str().rfind("pod/ingress-nginx/ingress-nginx-controller-", 0) == 0);
        CHECK(flows[1]->resource == "ingresses.networking.k8s.io");
        CHECK(flows[1]->name == "example-ingress");
        CHECK(flows[1]->detail.find("vip=" + stringAt(*cluster.store().get("services", "default", "web"), "spec.clusterIP") + ":8080") !=
              std::string::npos);
        CHECK(flows[1]->detail.find("pod=default/web-") != std::string::npos);
        CHECK(flows[1]->detail.find("status=200") != std::string::npos);
        bool saw503 = false;
        for (const LogRecord* f : flows)
            saw503 = saw503 || (f->name == "empty" && f->detail.find("status=503") != std::string::npos);
        CHECK(saw503);

        // The controller's access log.
        const std::string logs = shell.run("kubectl logs -n ingress-nginx deployment/ingress-nginx-controller").out;
        CHECK(logs.find("\"GET / HTTP/1.1\" 200 ") != std::string::npos);
        CHECK(logs.find("[default-web-8080] []") != std::string::npos);
        CHECK(logs.find("[upstream-default-backend] [] 127.0.0.1:8181") != std::string::npos);
    }
}

TEST_CASE("Flows: a NodePort request is recorded with its endpoint and status", "[network][flow]") {
    Cluster cluster(laptop());
    cli::MemoryFileSystem fs;
    cli::Shell shell(cluster, fs);
    REQUIRE(shell.run("minikube start").exitCode == 0);
    REQUIRE(shell.run("kubectl create deployment hello --image=kicbase/echo-server:1.0").exitCode == 0);
    REQUIRE(shell.run("kubectl expose deployment hello --type=NodePort --port=8080").exitCode == 0);
    cluster.advance(Duration::seconds(20));
    const std::string nodePort =
        std::to_string((*cluster.store().get("services", "default", "hello"))["spec"]["ports"][0]["nodePort"].get<int64_t>());
    REQUIRE(shell.run("curl -s http://192.168.49.2:" + nodePort).exitCode == 0);
    REQUIRE(shell.run("curl -s http://nowhere.example/").exitCode == 6);
    const auto& records = cluster.eventLog().records();
    std::vector<LogRecord> flows;
    for (const LogRecord& r : records)
        if (r.type == "flow")
            flows.push_back(r);
    REQUIRE(flows.size() == 3);
    CHECK(flows[0].verb == "http");
    CHECK(flows[0].resource == "services");
    CHECK(flows[0].namespace_ == "default");
    CHECK(flows[0].name == "hello");
    CHECK(flows[0].detail.find("dst=192.168.49.2:" + nodePort + " via=NodePort endpoint=10.244.0.") != std::string::npos);
    CHECK(flows[0].detail.find("pod=default/hello-") != std::string::npos);
    CHECK(flows[0].detail.find("result=response status=200") != std::string::npos);
    const auto fields = network::flowFields(flows[0].detail);
    CHECK(fields.at("via") == "NodePort");
    CHECK(fields.at("status") == "200");
    CHECK(fields.at("pod").rfind("default/hello-", 0) == 0);
    CHECK(flows[1].verb == "dns");
    CHECK(flows[1].detail == "query=nowhere.example type=A answer=- rcode=NXDOMAIN resolver=127.0.0.53");
    CHECK(flows[2].verb == "http");
    CHECK(flows[2].detail.find("result=unresolved") != std::string::npos);
}

TEST_CASE("Set up Ingress on Minikube with the NGINX Ingress Controller, as the Kubernetes docs run it", "[network][ingress][golden]") {
    Cluster cluster(laptop());
    cli::MemoryFileSystem fs;
    cli::Shell shell(cluster, fs);
    fs.write("example-ingress.yaml", kExampleIngress);
    std::string out = transcript(shell, R"SH(minikube start
minikube addons enable ingress
kubectl get pods -n ingress-nginx
kubectl get ingressclass
kubectl describe ingressclass nginx
kubectl get svc -n ingress-nginx
kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0
kubectl expose deployment web --type=NodePort --port=8080
sleep 20
kubectl get deployment web
kubectl get service web
curl $(minikube service web --url)
kubectl apply -f example-ingress.yaml
kubectl get ingress
sleep 60
kubectl get ingress
curl --resolve "hello-world.example:80:$( minikube ip )" -i http://hello-world.example
curl http://192.168.49.2/ -H "Host: hello-world.example"
kubectl create deployment web2 --image=gcr.io/google-samples/hello-app:2.0
kubectl expose deployment web2 --port=8080 --type=NodePort
sleep 20)SH");
    // The task then edits example-ingress.yaml to add /v2 for web2 and applies it again.
    fs.write("example-ingress.yaml", std::string(kExampleIngress) + R"(
          - path: /v2
            pathType: Prefix
            backend:
              service:
                name: web2
                port:
                  number: 8080
)");
    out += transcript(shell, R"SH(kubectl apply -f example-ingress.yaml
curl --resolve "hello-world.example:80:$( minikube ip )" -i http://hello-world.example
curl --resolve "hello-world.example:80:$( minikube ip )" -i http://hello-world.example/v2
curl -i http://192.168.49.2/
kubectl scale deployment web2 --replicas=0
sleep 5
curl -s http://192.168.49.2/v2 -H "Host: hello-world.example"
kubectl describe ingress example-ingress
kubectl logs -n ingress-nginx deployment/ingress-nginx-controller
minikube addons disable ingress
sleep 30
kubectl get ingress)SH");
    CHECK(test::matchesGolden("ingress_minikube.txt", out));
}

TEST_CASE("A hostPort on a node IP reaches its pod", "[network][flow]") {
    ClusterConfig config = ClusterConfig::fullCluster();
    config.startRunning = false;
    Cluster cluster(config);
    cli::MemoryFileSystem fs;
    cli::Shell shell(cluster, fs);
    REQUIRE(shell.run("minikube start").exitCode == 0);
    fs.write("hostport.yaml", R"(apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx
    ports:
    - containerPort: 80
      hostPort: 8088
)");
    REQUIRE(shell.run("kubectl apply -f hostport.yaml").exitCode == 0);
    cluster.advance(Duration::seconds(20));
    cli::CommandResult r = shell.run("curl -s http://192.168.49.2:8088/");
    CHECK(r.out.find("<title>Welcome to nginx!</title>") != std::string::npos);
    CHECK(cluster.eventLog().records().back().detail.find("dst=192.168.49.2:8088 via=HostPort endpoint=") != std::string::npos);
    CHECK(shell.run("curl -s http://192.168.49.2:8089/").exitCode == 7);  // nothing listens on the node
}

TEST_CASE("Flows: a lookup and a request from inside a pod", "[network][flow]") {
    ClusterConfig config = ClusterConfig::fullCluster();
    config.startRunning = false;
    Cluster cluster(config);
    cli::MemoryFileSystem fs;
    cli::Shell shell(cluster, fs);
    REQUIRE(shell.run("minikube start").exitCode == 0);
    REQUIRE(shell.run("kubectl create deployment web --image=nginx").exitCode == 0);
    REQUIRE(shell.run("kubectl expose deployment web --port=80").exitCode == 0);
    REQUIRE(shell.run("kubectl run bb --image=busybox:1.28 -- sleep 3600").exitCode == 0);
    cluster.advance(Duration::seconds(30));
    const std::string podIP = stringAt(*cluster.store().get("pods", "default", "bb"), "status.podIP");
    const std::string vip = stringAt(*cluster.store().get("services", "default", "web"), "spec.clusterIP");
    const uint64_t before = cluster.eventLog().lastSeq();
    REQUIRE(shell.run("kubectl exec bb -- nslookup web").exitCode == 0);
    REQUIRE(shell.run("kubectl exec bb -- wget -qO- http://web").exitCode == 0);
    std::vector<LogRecord> flows;
    for (const LogRecord& r : cluster.eventLog().records())
        if (r.seq > before && r.type == "flow")
            flows.push_back(r);
    REQUIRE(flows.size() >= 3);
    CHECK(flows[0].actor == podIP);
    CHECK(flows[0].detail == "query=web type=A answer=" + vip + " rcode=NOERROR resolver=10.96.0.10");
    const LogRecord& http = flows.back();
    CHECK(http.verb == "http");
    CHECK(http.name == "web");
    CHECK(network::flowFields(http.detail).at("via") == "ClusterIP");
    CHECK(network::flowFields(http.detail).at("dst") == vip + ":80");
    CHECK(network::flowFields(http.detail).at("status") == "200");
}

