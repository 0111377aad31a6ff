// ingress-nginx's validating webhook (network/ingress_admission.h) and the apiserver's call to
// it through the simulated network (Traffic::callWebhook): host/path collisions, warnings, the
// texts a learner sees when the controller is not there, and the flows in the event log.
#include <catch2/catch.hpp>

#include "cli/memory_file_system.h"
#include "cli/shell.h"
#include "cluster/cluster.h"
#include "network/ingress_admission.h"
#include "network/traffic.h"
#include "shell_transcript.h"
#include "test_support.h"

using namespace kp;
using test::transcript;

namespace {

Json ingress(const std::string& name, const std::string& host, const std::string& path, const std::string& pathType = "Prefix",
             const std::string& extraMeta = "") {
    return Json::parse(R"({"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":")" + name +
                       R"(","namespace":"default")" + extraMeta + R"(},"spec":{"ingressClassName":"nginx","rules":[{)" +
                       (host.empty() ? "" : R"("host":")" + host + R"(",)") + R"("http":{"paths":[{"path":")" + path +
                       R"(","pathType":")" + pathType + R"(","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}})");
}

ClusterConfig laptop() {
    ClusterConfig config = ClusterConfig::fullCluster();
    config.startRunning = false;
    return config;
}

const char* kIngress = R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: %NAME%
spec:
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
              number: 8080
)";

std::string manifest(const std::string& name) {
    std::string m = kIngress;
    m.replace(m.find("%NAME%"), 6, name);
    return m;
}

std::vector<LogRecord> webhookFlows(const Cluster& cluster) {
    std::vector<LogRecord> out;
    for (const LogRecord& r : cluster.eventLog().records())
        if (r.type == "flow" && r.detail.find("webhook=") != std::string::npos)
            out.push_back(r);
    return out;
}

}  // namespace

TEST_CASE("ingress-nginx's webhook rejects a host and path another Ingress already defines", "[network][ingress][webhook]") {
    Cluster cluster;
    Client c = cluster.client("test");
    REQUIRE(c.create(Json::parse(R"({"apiVersion":"networking.k8s.io/v1","kind":"IngressClass",
        "metadata":{"name":"nginx"},"spec":{"controller":"k8s.io/ingress-nginx"}})")).ok());
    REQUIRE(c.create(ingress("first", "hello.example", "/")).ok());
    REQUIRE(c.create(ingress("catchall", "", "/api")).ok());

    network::IngressCheck dup = network::checkIngress(cluster.store(), ingress("second", "hello.example", "/"));
    CHECK_FALSE(dup.allowed);
    CHECK(dup.message == "host \"hello.example\" and path \"/\" is already defined in ingress default/first");
    // Rules without a host belong to the catch-all server "_".
    CHECK(network::checkIngress(cluster.store(), ingress("again", "", "/api")).message ==
          "host \"_\" and path \"/api\" is already defined in ingress default/catchall");
    // Another host, another path, or the same path with another pathType: no conflict.
    CHECK(network::checkIngress(cluster.store(), ingress("second", "other.example", "/")).allowed);
    CHECK(network::checkIngress(cluster.store(), ingress("second", "hello.example", "/v2")).allowed);
    CHECK(network::checkIngress(cluster.store(), ingress("second", "hello.example", "/", "Exact")).allowed);
    // The Ingress itself, updated, collides with nothing.
    CHECK(network::checkIngress(cluster.store(), ingress("first", "hello.example", "/")).allowed);
    // A canary may share the path of the Ingress it shadows.
    CHECK(network::checkIngress(cluster.store(), ingress("canary", "hello.example", "/", "Prefix",
                                                         R"(,"annotations":{"nginx.ingress.kubernetes.io/canary":"true"})"))
              .allowed);
    // Another class is another controller's business.
    Json other = ingress("second", "hello.example", "/");
    other["spec"]["ingressClassName"] = "traefik";
    CHECK(network::checkIngress(cluster.store(), other).allowed);
    // A regex path with pathType Prefix is only a warning in v1.11.
    network::IngressCheck regex = network::checkIngress(cluster.store(), ingress("rewrite", "", "/api(/|$)(.*)"));
    CHECK(regex.allowed);
    CHECK(regex.warnings == std::vector<std::string>{"path /api(/|$)(.*) cannot be used with pathType Prefix"});
}

TEST_CASE("the apiserver reaches the controller's webhook through its Service and kube-proxy", "[network][ingress][webhook][flow]") {
    Cluster cluster(laptop());
    cli::MemoryFileSystem fs;
    cli::Shell shell(cluster, fs);
    REQUIRE(shell.run("minikube start").exitCode == 0);
    REQUIRE(shell.run("minikube addons enable ingress").exitCode == 0);
    fs.write("a.yaml", manifest("a"));
    fs.write("b.yaml", manifest("b"));
    const std::string url =
        "Post \"https://ingress-nginx-controller-admission.ingress-nginx.svc:443/networking/v1/ingresses?timeout=10s\": ";
    const std::string failed = "Error from server (InternalError): error when creating \"a.yaml\": Internal error occurred: "
                               "failed calling webhook \"validate.nginx.ingress.kubernetes.io\": failed to call webhook: " + url;
    const std::string clusterIP =
        stringAt(*cluster.store().get("services", "ingress-nginx", "ingress-nginx-controller-admission"), "spec.clusterIP");

    SECTION("not ready yet: connection refused, recorded as a refused flow") {
        cli::CommandResult r = shell.run("kubectl apply -f a.yaml");
        CHECK(r.exitCode == 1);
        CHECK(r.err == failed + "dial tcp " + clusterIP + ":443: connect: connection refused\n");
        std::vector<LogRecord> flows = webhookFlows(cluster);
        REQUIRE(flows.size() == 1);
        CHECK(flows[0].actor == "192.168.49.2");
        CHECK(flows[0].resource == "services");
        CHECK(flows[0].namespace_ == "ingress-nginx");
        CHECK(flows[0].name == "ingress-nginx-controller-admission");
        CHECK(flows[0].detail == "dst=" + clusterIP + ":443 via=ClusterIP result=refused webhook=validate.nginx.ingress.kubernetes.io "
                                                      "operation=CREATE object=default/a");
    }

    SECTION("ready: the controller accepts the first and denies the second, dry run included") {
        cluster.advance(Duration::seconds(20));
        REQUIRE(shell.run("kubectl apply -f a.yaml").exitCode == 0);
        const std::string denial =
            "admission webhook \"validate.nginx.ingress.kubernetes.io\" denied the request: host \"hello-world.example\" and "
            "path \"/\" is already defined in ingress default/a\n";
        CHECK(shell.run("kubectl apply -f b.yaml").err ==
              "Error from server (BadRequest): error when creating \"b.yaml\": " + denial);
        CHECK(shell.run("kubectl apply -f b.yaml --dry-run=server").err ==
              "Error from server (BadRequest): error when creating \"b.yaml\": " + denial);
        CHECK(shell.run("kubectl apply -f b.yaml --dry-run=client").exitCode == 0);  // the server never sees it
        std::vector<LogRecord> flows = webhookFlows(cluster);
        REQUIRE(flows.size() == 3);
        const auto first = network::flowFields(flows[0].detail);
        CHECK(first.at("via") == "ClusterIP");
        CHECK(first.at("endpoint").substr(first.at("endpoint").find(':')) == ":8443");
        CHECK(first.at("pod").rfind("ingress-nginx/ingress-nginx-controller-", 0) == 0);
        CHECK(first.at("allowed") == "true");
        CHECK(network::flowFields(flows[1].detail).at("allowed") == "false");
        CHECK(network::flowFields(flows[1].detail).at("object") == "default/b");
        // The controller's log has each review.
        const std::string logs = shell.run("kubectl logs -n ingress-nginx deploy/ingress-nginx-controller").out;
        CHECK(logs.find("main.go:107] \"successfully validated configuration, accepting\" ingress=\"default/a\"") != std::string::npos);
        CHECK(logs.find("main.go:96] \"invalid ingress configuration\" err=\"host \\\"hello-world.example\\\" and path \\\"/\\\" is "
                        "already defined in ingress default/a\" ingress=\"default/b\"") != std::string::npos);
        // Status writes (the controller publishing the address) are a subresource: no webhook call.
        cluster.advance(Duration::seconds(60));
        CHECK(webhookFlows(cluster).size() == 3);
    }

    SECTION("a missing Service, a wrong caBundle, failurePolicy Ignore") {
        cluster.advance(Duration::seconds(20));
        const std::string setName = "kubectl patch validatingwebhookconfiguration ingress-nginx-admission --type=json "
                                    "-p '[{\"op\":\"replace\",\"path\":\"/webhooks/0/clientConfig/service/name\",\"value\":\"";
        REQUIRE(shell.run(setName + "missing\"}]'").exitCode == 0);
        CHECK(shell.run("kubectl apply -f a.yaml").err ==
              "Error from server (InternalError): error when creating \"a.yaml\": Internal error occurred: failed calling "
              "webhook \"validate.nginx.ingress.kubernetes.io\": failed to call webhook: Post "
              "\"https://missing.ingress-nginx.svc:443/networking/v1/ingresses?timeout=10s\": service \"missing\" not found\n");
        REQUIRE(shell.run(setName + "ingress-nginx-controller-admission\"}]'").exitCode == 0);
        REQUIRE(shell.run("kubectl patch validatingwebhookconfiguration ingress-nginx-admission --type=json "
                          "-p '[{\"op\":\"remove\",\"path\":\"/webhooks/0/clientConfig/caBundle\"}]'").exitCode == 0);
        CHECK(shell.run("kubectl apply -f a.yaml").err ==
              failed + "tls: failed to verify certificate: x509: certificate signed by unknown authority\n");
        REQUIRE(shell.run("kubectl patch validatingwebhookconfiguration ingress-nginx-admission --type=json "
                          "-p '[{\"op\":\"replace\",\"path\":\"/webhooks/0/failurePolicy\",\"value\":\"Ignore\"}]'").exitCode == 0);
        CHECK(shell.run("kubectl apply -f a.yaml").out == "ingress.networking.k8s.io/a created\n");
    }
}

TEST_CASE("A learner meets ingress-nginx's admission webhook", "[network][ingress][webhook][golden]") {
    Cluster cluster(laptop());
    cli::MemoryFileSystem fs;
    cli::Shell shell(cluster, fs);
    fs.write("example-ingress.yaml", manifest("example-ingress"));
    fs.write("copy-ingress.yaml", manifest("copy-ingress"));
    std::string out = transcript(shell, R"SH(minikube start
minikube addons enable ingress
kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0
kubectl expose deployment web --port=8080
kubectl apply -f example-ingress.yaml
kubectl get pods -n ingress-nginx
kubectl get validatingwebhookconfigurations
kubectl get endpoints -n ingress-nginx ingress-nginx-controller-admission
sleep 15
kubectl get pods -n ingress-nginx -l app.kubernetes.io/component=controller
kubectl apply -f example-ingress.yaml
kubectl apply -f copy-ingress.yaml
kubectl apply -f copy-ingress.yaml --dry-run=server
kubectl delete pod -n ingress-nginx -l app.kubernetes.io/component=controller
kubectl apply -f copy-ingress.yaml
kubectl scale deployment ingress-nginx-controller -n ingress-nginx --replicas=0
sleep 20
kubectl create ingress other --rule=other.example/=web:8080
kubectl scale deployment ingress-nginx-controller -n ingress-nginx --replicas=1
sleep 20
kubectl create ingress other --rule=other.example/=web:8080
kubectl get ingress
kubectl logs -n ingress-nginx deployment/ingress-nginx-controller)SH");
    CHECK(test::matchesGolden("ingress_admission_webhook.txt", out));
}
