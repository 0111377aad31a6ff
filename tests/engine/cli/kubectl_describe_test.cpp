// kubectl describe layouts (kubectl pkg/describe): checked against pages a real kubectl 1.32
// prints for the same objects.
#include <catch2/catch.hpp>

#include "cli/describe/describe.h"
#include "cli/memory_file_system.h"
#include "cli/shell.h"
#include "cli/tabwriter.h"
#include "laptop.h"
#include "test_support.h"

using namespace kp;

namespace {

cli::CommandResult describe(Cluster& c, std::vector<std::string> args) {
    cli::MemoryFileSystem fs;
    cli::KubectlContext ctx{c, fs, ""};
    return cli::kubectlDescribe(ctx, args);
}

}  // namespace

TEST_CASE("TabWriter aligns describe blocks exactly like Go's text/tabwriter", "[describe]") {
    // Expected text produced by Go 1.22 text/tabwriter with (0, 8, 2, ' ', 0).
    cli::TabWriter w(2);
    w.write("Name:\tnginx\nNamespace:\tdefault\nLabels:\tapp=web\n\tpod-template-hash=abc\nContainers:\n  nginx:\n"
            "    Image:\tnginx\n    Port:\t80/TCP\nConditions:\n  Type\tStatus\n  Ready \tTrue \n  PodScheduled \tTrue \n"
            "Events:\t<none>\nlast\tcell");
    CHECK(w.str() ==
          "Name:       nginx\n"
          "Namespace:  default\n"
          "Labels:     app=web\n"
          "            pod-template-hash=abc\n"
          "Containers:\n"
          "  nginx:\n"
          "    Image:  nginx\n"
          "    Port:   80/TCP\n"
          "Conditions:\n"
          "  Type           Status\n"
          "  Ready          True \n"
          "  PodScheduled   True \n"
          "Events:          <none>\n"
          "last             cell");
}

TEST_CASE("describe namespace prints the quota and limit range notes", "[describe]") {
    Cluster c;
    auto r = describe(c, {"namespace", "default"});
    CHECK(r.err == "");
    CHECK(r.out ==
          "Name:         default\n"
          "Labels:       kubernetes.io/metadata.name=default\n"
          "Annotations:  <none>\n"
          "Status:       Active\n"
          "\n"
          "No resource quota.\n"
          "\n"
          "No LimitRange resource.\n");
}

TEST_CASE("describe pod shows a pending pod as a real cluster does before scheduling", "[describe]") {
    Cluster c;
    Client client = c.client("test");
    REQUIRE(client.create(Json::parse(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"web"}},
        "spec":{"containers":[{"name":"nginx","image":"nginx:1.27","ports":[{"containerPort":80}]}]}})")).ok());
    auto r = describe(c, {"pod", "web"});
    CHECK(r.err == "");
    // Volume name suffix is random (seeded); compare around it.
    std::string out = r.out;
    size_t at = out.find("kube-api-access-");
    REQUIRE(at != std::string::npos);
    std::string suffix = out.substr(at + 16, 5);
    auto expected = std::string(
        "Name:             web\n"
        "Namespace:        default\n"
        "Priority:         0\n"
        "Service Account:  default\n"
        "Node:             <none>\n"
        "Labels:           app=web\n"
        "Annotations:      <none>\n"
        "Status:           Pending\n"
        "IP:               \n"
        "IPs:              <none>\n"
        "Containers:\n"
        "  nginx:\n"
        "    Image:        nginx:1.27\n"
        "    Port:         80/TCP\n"
        "    Host Port:    0/TCP\n"
        "    Environment:  <none>\n"
        "    Mounts:\n"
        "      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-SUFFX (ro)\n"
        "Volumes:\n"
        "  kube-api-access-SUFFX:\n"
        "    Type:                    Projected (a volume that contains injected data from multiple sources)\n"
        "    TokenExpirationSeconds:  3607\n"
        "    ConfigMapName:           kube-root-ca.crt\n"
        "    ConfigMapOptional:       <nil>\n"
        "    DownwardAPI:             true\n"
        "QoS Class:                   BestEffort\n"
        "Node-Selectors:              <none>\n"
        "Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n"
        "                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n"
        "Events:                      <none>\n");
    for (size_t p; (p = expected.find("SUFFX")) != std::string::npos;)
        expected.replace(p, 5, suffix);
    CHECK(out == expected);
}

TEST_CASE("describe with a name prefix describes every match; a miss is NotFound", "[describe]") {
    Cluster c;
    Client client = c.client("test");
    for (const char* n : {"hello-1", "hello-2"})
        REQUIRE(client.create(Json{{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", n}}}, {"data", {{"k", "v"}}}}).ok());
    auto r = describe(c, {"configmap", "hello"});
    CHECK(r.err == "");
    CHECK(r.out.find("Name:         hello-1\n") != std::string::npos);
    CHECK(r.out.find("Name:         hello-2\n") != std::string::npos);
    auto miss = describe(c, {"configmap", "nope"});
    CHECK(miss.exitCode == 1);
    CHECK(miss.err == "Error from server (NotFound): configmaps \"nope\" not found\n");
    CHECK(describe(c, {"pods"}).err == "No resources found in default namespace.\n");
}

// Every kind the beginner material describes, through the shell as a learner types it: pods
// (all, one, TYPE/NAME), deployments, replicasets, services, endpoints (kubectl's
// EndpointsDescriber: addresses and ports per subset), configmaps, secrets, jobs (JobDescriber:
// parallelism, completions, start/completion/duration, pod statuses), namespaces, and the errors
// for a missing object, an unknown type, no type and unknown flags (cobra's, also for get and
// delete, which read their arguments with the older parser).
TEST_CASE("describe covers the kinds of the beginner material", "[describe][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start >/dev/null
kubectl create deployment web --image=nginx --replicas=2 --port=80
kubectl expose deployment web --port=80 --type=NodePort
kubectl create configmap cfg --from-literal=color=blue --from-literal=size=2
kubectl create secret generic pw --from-literal=password=s3cret
kubectl create job once --image=busybox:1.37 -- echo hi
kubectl run lonely --image=nginx:1.27 --labels=tier=front
sleep 30
kubectl describe pods
kubectl describe pod lonely
kubectl describe deployment
kubectl describe deployments/web
kubectl describe services/web
kubectl describe rs
kubectl describe endpoints web
kubectl describe configmap cfg
kubectl describe secret pw
kubectl describe job once
kubectl describe ns default
kubectl describe pod nope
kubectl describe podz
kubectl describe
kubectl describe pods --bogus
kubectl get pods -Q
kubectl delete pod lonely --now --bogus)");
    CHECK(test::matchesGolden("kubectl_describe.txt", out));
}
