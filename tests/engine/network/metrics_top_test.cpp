// The metrics-server addon and `kubectl top`: the API is missing without the addon, unavailable
// while metrics-server starts, "not available yet" until two scrapes saw a pod, then kubectl's
// columns with the containers' usage.
#include <catch2/catch.hpp>

#include "cli/memory_file_system.h"
#include "cli/shell.h"
#include "cluster/cluster.h"
#include "laptop.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("kubectl top follows the metrics-server addon's life", "[metrics][top]") {
    ClusterConfig config = ClusterConfig::fullCluster();
    config.startRunning = false;
    Cluster cluster(config);
    cli::MemoryFileSystem fs;
    cli::Shell shell(cluster, fs);
    REQUIRE(shell.run("minikube start").exitCode == 0);
    CHECK(shell.run("kubectl top pods").err == "error: Metrics API not available\n");

    REQUIRE(shell.run("minikube addons enable metrics-server").exitCode == 0);
    ObjectPtr deploy = cluster.store().get("deployments.apps", "kube-system", "metrics-server");
    REQUIRE(deploy);
    CHECK((*deploy)["spec"]["template"]["spec"]["containers"][0]["image"] ==
          "registry.k8s.io/metrics-server/metrics-server:v0.7.2@sha256:ffcb2bf004d6aa0a17d90e0247cf94f2865c8901dcab4427034c341951c239f9");
    CHECK(cluster.store().get("services", "kube-system", "metrics-server"));
    CHECK(cluster.store().get("clusterroles.rbac.authorization.k8s.io", "", "system:metrics-server"));
    CHECK(shell.run("kubectl top nodes").err ==
          "Error from server (ServiceUnavailable): the server is currently unable to handle the request (get nodes.metrics.k8s.io)\n");

    REQUIRE(shell.run("kubectl create deployment web --image=nginx").exitCode == 0);
    cluster.advance(Duration::seconds(30));
    CHECK(shell.run("kubectl top pods").err == "error: metrics not available yet\n");
    CHECK(shell.run("kubectl top pods -n empty").err == "No resources found in empty namespace.\n");
    cluster.advance(Duration::seconds(120));

    cli::CommandResult pods = shell.run("kubectl top pods");
    REQUIRE(pods.exitCode == 0);
    CHECK(pods.out.rfind("NAME                   CPU(cores)   MEMORY(bytes)   \nweb-", 0) == 0);
    CHECK(pods.out.find("   0m           3Mi             \n") != std::string::npos);

    cli::CommandResult nodes = shell.run("kubectl top nodes");
    REQUIRE(nodes.exitCode == 0);
    CHECK(nodes.out.rfind("NAME       CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   \nminikube   ", 0) == 0);

    cli::CommandResult containers = shell.run("kubectl top pods -A --containers --sort-by=cpu --no-headers");
    REQUIRE(containers.exitCode == 0);
    CHECK(containers.out.rfind("kube-system   kube-apiserver-minikube", 0) == 0);
    CHECK(shell.run("kubectl top pod nope").err == "Error from server (NotFound): podmetrics.metrics.k8s.io \"default/nope\" not found\n");
    CHECK(shell.run("kubectl top pods --sort-by=disk").err == "error: --sort-by accepts only cpu or memory\n");

    REQUIRE(shell.run("minikube addons disable metrics-server").exitCode == 0);
    cluster.advance(Duration::seconds(60));
    CHECK(shell.run("kubectl top pods").err == "error: Metrics API not available\n");
}

TEST_CASE("stress containers use what they ask for, capped by their limits", "[metrics][top]") {
    ClusterConfig config = ClusterConfig::fullCluster();
    config.startRunning = false;
    Cluster cluster(config);
    cli::MemoryFileSystem fs;
    cli::Shell shell(cluster, fs);
    REQUIRE(shell.run("minikube start").exitCode == 0);
    REQUIRE(shell.run("minikube addons enable metrics-server").exitCode == 0);
    fs.write("memory-demo.yaml", R"(apiVersion: v1
kind: Pod
metadata:
  name: memory-demo
spec:
  containers:
  - name: memory-demo-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "100Mi"
      limits:
        memory: "200Mi"
        cpu: "500m"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"]
)");
    REQUIRE(shell.run("kubectl apply -f memory-demo.yaml").exitCode == 0);
    cluster.advance(Duration::seconds(180));
    cli::CommandResult top = shell.run("kubectl top pod memory-demo");
    REQUIRE(top.exitCode == 0);
    CHECK(top.out == "NAME          CPU(cores)   MEMORY(bytes)   \nmemory-demo   500m         151Mi           \n");
    // The Metrics API writes its quantities in canonical form, as resource.Quantity's String()
    // does: 500000000 nanocores is "500m", 151 MiB of bytes is "151Mi".
    cli::CommandResult raw =
        shell.run("kubectl get --raw /apis/metrics.k8s.io/v1beta1/namespaces/default/pods/memory-demo");
    REQUIRE(raw.exitCode == 0);
    CHECK(raw.out.find(R"("usage":{"cpu":"500m","memory":"151Mi"})") != std::string::npos);
}

TEST_CASE("The Metrics API goes through its APIService to metrics-server", "[metrics][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start
kubectl get --raw /apis/metrics.k8s.io/v1beta1/nodes
kubectl top nodes
minikube addons enable metrics-server
kubectl get apiservice v1beta1.metrics.k8s.io
kubectl get --raw /apis/metrics.k8s.io/v1beta1/nodes
sleep 20
kubectl get apiservice v1beta1.metrics.k8s.io
kubectl get --raw /apis/metrics.k8s.io/v1beta1
kubectl get --raw /apis/metrics.k8s.io/v1beta1/nodes
kubectl top nodes
sleep 120
kubectl get --raw /apis/metrics.k8s.io/v1beta1/nodes/minikube
kubectl get --raw /apis/metrics.k8s.io/v1beta1/nodes/nope
kubectl get --raw /apis/metrics.k8s.io/v1beta1/namespaces/kube-system/pods/nope
kubectl get --raw /apis/metrics.k8s.io/v1beta1/namespaces/default/pods
kubectl top nodes
kubectl scale deployment metrics-server -n kube-system --replicas=0
sleep 5
kubectl get apiservice v1beta1.metrics.k8s.io
kubectl get --raw /apis/metrics.k8s.io/v1beta1/nodes
kubectl top nodes)");
    CHECK(test::matchesGolden("metrics_api.txt", out));
}

// Discovery through the aggregator: the Metrics API's resources appear in api-resources, and kubectl
// get reads them (metrics-server's Table: NAME, CPU, MEMORY, WINDOW) once its APIService is
// available; before, client-go reports the group version as stale.
TEST_CASE("kubectl api-resources and get list the Metrics API once its APIService is available", "[metrics][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start >/dev/null
kubectl api-resources --api-group=metrics.k8s.io
minikube addons enable metrics-server >/dev/null
kubectl api-resources --api-group=metrics.k8s.io
kubectl api-versions | grep metrics
sleep 20
kubectl api-resources --api-group=metrics.k8s.io
kubectl api-resources --namespaced=false | grep -A1 metrics
kubectl api-resources -o name | grep metrics
kubectl api-versions | grep metrics
kubectl get nodes.metrics.k8s.io
sleep 120
kubectl get nodes.metrics.k8s.io
kubectl get nodemetrics minikube -o name
kubectl get pods.metrics.k8s.io -A
kubectl get podmetrics -n kube-system etcd-minikube
kubectl get pods.metrics.k8s.io
kubectl get pods.metrics.k8s.io nope
kubectl get nodes.metrics.k8s.io/minikube -o json)");
    CHECK(test::matchesGolden("metrics_api_resources.txt", out));
}
