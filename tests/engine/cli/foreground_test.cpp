// Commands that keep running: kubectl get -w, minikube tunnel, minikube dashboard. In a script
// they wait out --request-timeout or go on in the background; in an interactive shell (the page's
// terminal) they keep the terminal until they end or the learner presses Ctrl+C.
#include <catch2/catch.hpp>

#include "laptop.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("kubectl get -w prints the list, then one line per change until --request-timeout", "[kubectl][watch]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start >/dev/null
kubectl get pods -w --request-timeout=3s
kubectl create deployment web --image=nginx:1.27 --replicas=2
kubectl get pods -w --request-timeout=15s
kubectl run crash --image=busybox:1.37 -- sh -c "exit 1"
kubectl get pod crash --watch-only --output-watch-events --request-timeout=40
kubectl get deploy web -w -o name --request-timeout=2s
kubectl get pods,svc -w
kubectl get pods -w --request-timeout=abc
kubectl get nodes -w
kubectl get pods)");
    CHECK(test::matchesGolden("kubectl_get_watch.txt", out));
    // The changes come one line each, aligned on their own (kubectl flushes after every event).
    CHECK(out.find("1/1   Running   0     ") != std::string::npos);
    CHECK(out.find("EVENT") != std::string::npos);
}

TEST_CASE("a watch in the background (&) sees pods terminate: Terminating, then the terminal phase, then gone",
          "[kubectl][watch]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start >/dev/null
kubectl create deployment web --image=nginx:1.27 --replicas=3
kubectl rollout status deployment/web >/dev/null
kubectl get pods -w --request-timeout=40s &
kubectl scale deployment web --replicas=1
kubectl run sleeper --image=busybox:1.37 -- sleep 3600
kubectl wait --for=condition=Ready pod/sleeper >/dev/null
kubectl get pod sleeper -w -o custom-columns=NAME:.metadata.name,PHASE:.status.phase,GRACE:.metadata.deletionGracePeriodSeconds --request-timeout=40s &
kubectl delete pod sleeper --wait=false
sleep 45
kubectl get pods -o jsonpath-as-json='{.items[*].metadata.name}'
kubectl get pods -o jsonpath-as-json='{range .items[*]}{.metadata.name}{end}'
kubectl get pods -o jsonpath-as-json
kubectl get pods -o jsonpath-file=missing.txt)");
    CHECK(test::matchesGolden("kubectl_get_watch_terminating.txt", out));
    // nginx stops at once on SIGTERM: Completed; busybox sleep ignores it and is killed after
    // the 30 s grace period: Error.
    CHECK(out.find("1/1   Terminating   0") != std::string::npos);
    CHECK(out.find("0/1   Completed   0") != std::string::npos);
    CHECK(out.find("sleeper   Failed   0") != std::string::npos);
}

TEST_CASE("interactive: get -w keeps the terminal, prints as time passes and stops on Ctrl+C", "[kubectl][watch]") {
    test::Laptop laptop;
    laptop.shell.setInteractive(true);
    REQUIRE(laptop.shell.run("minikube start").exitCode == 0);
    cli::CommandResult r = laptop.shell.run("kubectl get pods -w");
    CHECK(r.out.empty());  // no pods yet, and no "No resources found" in watch mode
    REQUIRE(laptop.shell.busy());

    // A second terminal shares the cluster, the files and ~/.minikube.
    cli::Shell second(laptop.cluster, laptop.files);
    REQUIRE(second.run("kubectl run hello --image=nginx").exitCode == 0);
    cli::Shell::Progress p = laptop.shell.poll();
    CHECK(p.out.find("NAME    READY   STATUS    RESTARTS   AGE\nhello   0/1     Pending   0          0s\n") == 0);
    CHECK_FALSE(p.ended);

    laptop.cluster.advance(Duration::seconds(30));
    p = laptop.shell.poll();
    CHECK(p.out.find("hello   1/1   Running   0     ") != std::string::npos);
    CHECK(p.out.find("NAME") == std::string::npos);  // the header is printed once

    CHECK(laptop.shell.interrupt().empty());
    CHECK_FALSE(laptop.shell.busy());
    CHECK(laptop.shell.run("echo $?").out == "130\n");
    // Nothing more arrives after Ctrl+C.
    REQUIRE(second.run("kubectl delete pod hello --wait=false").exitCode == 0);
    laptop.cluster.advance(Duration::seconds(30));
    CHECK(laptop.shell.poll().out.empty());
}

TEST_CASE("interactive: a watch with --request-timeout ends by itself", "[kubectl][watch]") {
    test::Laptop laptop;
    laptop.shell.setInteractive(true);
    REQUIRE(laptop.shell.run("minikube start").exitCode == 0);
    laptop.shell.run("kubectl get nodes -w --request-timeout=10s");
    REQUIRE(laptop.shell.busy());
    laptop.cluster.advance(Duration::seconds(9));
    CHECK_FALSE(laptop.shell.poll().ended);
    laptop.cluster.advance(Duration::seconds(1));
    cli::Shell::Progress p = laptop.shell.poll();
    CHECK(p.ended);
    CHECK(p.exitCode == 0);
    CHECK_FALSE(laptop.shell.busy());
}

TEST_CASE("interactive: only the last command of a line keeps the terminal", "[kubectl][watch]") {
    test::Laptop laptop;
    laptop.shell.setInteractive(true);
    REQUIRE(laptop.shell.run("minikube start").exitCode == 0);
    // In a pipe, the watch waits out its timeout and its lines go down the pipe.
    cli::CommandResult r = laptop.shell.run("kubectl get nodes -w --request-timeout=2s | grep -c minikube");
    CHECK(r.out == "1\n");
    CHECK_FALSE(laptop.shell.busy());
    r = laptop.shell.run("kubectl get nodes -w --request-timeout=2s; echo done");
    CHECK(r.out.find("done\n") != std::string::npos);
    CHECK_FALSE(laptop.shell.busy());
}

TEST_CASE("minikube tunnel in a terminal tab: reports after 5 s, patches new LoadBalancers, Ctrl+C cleans up",
          "[minikube][tunnel]") {
    test::Laptop laptop;
    laptop.shell.setInteractive(true);
    REQUIRE(laptop.shell.run("minikube start").exitCode == 0);
    cli::Shell first(laptop.cluster, laptop.files);
    REQUIRE(first.run("kubectl create deployment web --image=nginx").exitCode == 0);
    REQUIRE(first.run("kubectl expose deployment web --type=LoadBalancer --port=80").exitCode == 0);

    CHECK(laptop.shell.run("minikube tunnel").out.empty());
    REQUIRE(laptop.shell.busy());
    CHECK(first.run("kubectl get svc web -o jsonpath={.status.loadBalancer.ingress[0].ip}").out.empty());
    laptop.cluster.advance(Duration::seconds(5));
    std::string report = laptop.shell.poll().out;
    CHECK(report.find("\tservices: [web]\n") != std::string::npos);
    const std::string clusterIP = first.run("kubectl get svc web -o jsonpath={.spec.clusterIP}").out;
    CHECK(first.run("kubectl get svc web -o jsonpath={.status.loadBalancer.ingress[0].ip}").out == clusterIP);

    // Unchanged status: nothing printed. A new LoadBalancer: patched and reported on the next check.
    laptop.cluster.advance(Duration::seconds(20));
    CHECK(laptop.shell.poll().out.empty());
    REQUIRE(first.run("kubectl expose deployment web --type=LoadBalancer --port=8080 --name=web2").exitCode == 0);
    laptop.cluster.advance(Duration::seconds(5));
    CHECK(laptop.shell.poll().out.find("\tservices: [web, web2]\n") != std::string::npos);

    laptop.shell.interrupt();
    CHECK(first.run("kubectl get svc web -o jsonpath={.status.loadBalancer.ingress}").out.empty());
    CHECK(first.run("kubectl get svc web2 -o jsonpath={.status.loadBalancer.ingress}").out.empty());
}

TEST_CASE("minikube tunnel ends when the machine stops", "[minikube][tunnel]") {
    test::Laptop laptop;
    laptop.shell.setInteractive(true);
    REQUIRE(laptop.shell.run("minikube start").exitCode == 0);
    laptop.shell.run("minikube tunnel");
    cli::Shell other(laptop.cluster, laptop.files);
    laptop.cluster.advance(Duration::seconds(5));
    CHECK(laptop.shell.poll().out.find("minikube: Running") != std::string::npos);
    REQUIRE(other.run("minikube stop").exitCode == 0);
    laptop.cluster.advance(Duration::seconds(5));
    cli::Shell::Progress p = laptop.shell.poll();
    CHECK(p.out.find("\tminikube: Stopped\n") != std::string::npos);
    CHECK(p.ended);
}

TEST_CASE("minikube dashboard keeps the terminal and opens the dashboard view", "[minikube][dashboard]") {
    test::Laptop laptop;
    laptop.shell.setInteractive(true);
    std::string opened;
    laptop.shell.onOpenBrowser = [&](const std::string& url) { opened = url; };
    REQUIRE(laptop.shell.run("minikube start").exitCode == 0);
    cli::CommandResult r = laptop.shell.run("minikube dashboard");
    CHECK(r.out.find("/api/v1/namespaces/kubernetes-dashboard/services/http:kubernetes-dashboard:/proxy/") !=
          std::string::npos);
    CHECK(opened.find("http://127.0.0.1:") == 0);
    CHECK(laptop.shell.busy());
    laptop.shell.interrupt();
    CHECK_FALSE(laptop.shell.busy());
    // --url only prints the URL: nothing is opened.
    opened.clear();
    laptop.shell.run("minikube dashboard --url");
    CHECK(opened.empty());
}

TEST_CASE("kubectl port-forward and proxy serve the laptop's loopback until Ctrl+C", "[kubectl][port-forward]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start >/dev/null
kubectl create deployment hello-minikube --image=kicbase/echo-server:1.0
kubectl expose deployment hello-minikube --type=NodePort --port=8080
sleep 20
curl -s http://localhost:7080/
kubectl port-forward service/hello-minikube 7080:8080
curl -s http://localhost:7080/
kubectl port-forward service/hello-minikube 7080:8080
kubectl port-forward service/hello-minikube 7081:9999
kubectl port-forward nope 7082:80
kubectl port-forward
kubectl proxy
curl -s localhost:8001/version
curl -s localhost:8001/api/v1/namespaces/default/services/hello-minikube:8080/proxy/
curl -s localhost:8001/nothing)");
    CHECK(test::matchesGolden("kubectl_port_forward.txt", out));

    // In a terminal tab: the ports close on Ctrl+C.
    test::Laptop tab;
    tab.shell.setInteractive(true);
    cli::Shell other(tab.cluster, tab.files);
    REQUIRE(tab.shell.run("minikube start").exitCode == 0);
    REQUIRE(other.run("kubectl run web --image=nginx --port=80").exitCode == 0);
    other.run("sleep 20");
    cli::CommandResult r = tab.shell.run("kubectl port-forward pod/web 8080:80");
    CHECK(r.out == "Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n");
    REQUIRE(tab.shell.busy());
    CHECK(other.run("curl -s localhost:8080").out.find("Welcome to nginx!") != std::string::npos);
    CHECK(tab.shell.poll().out == "Handling connection for 8080\n");
    tab.shell.interrupt();
    r = other.run("curl localhost:8080");
    CHECK(r.exitCode == 7);
}

TEST_CASE("the apiserver's REST paths answer through kubectl proxy and kubectl get --raw", "[kubectl][proxy]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start >/dev/null
kubectl create configmap app --from-literal=color=blue
kubectl label configmap app tier=web
kubectl proxy
curl -s localhost:8001/api/v1/namespaces/default/configmaps/app
curl -s "localhost:8001/api/v1/namespaces/default/configmaps?labelSelector=tier%3Dweb&pretty=false"
curl -s localhost:8001/api/v1/namespaces/default/configmaps/nope
curl -s localhost:8001/api/v1/foos
curl -s localhost:8001/healthz
curl -s localhost:8001/api
curl -s localhost:8001/api/v1 | grep -A 12 '"name": "configmaps"'
kubectl get --raw /api/v1/namespaces/default/configmaps/app
kubectl get --raw /api/v1/namespaces/default/configmaps/nope
kubectl get --raw /api/v1/foos
kubectl get --raw /apis/apps/v1/namespaces/default/deployments
kubectl get --raw /version
kubectl get pods --raw /api
kubectl get --raw /api -o yaml
kubectl get --raw api)");
    CHECK(test::matchesGolden("kubectl_rest_reads.txt", out));
}

TEST_CASE("kubectl logs -f follows the container until it stops or Ctrl+C", "[kubectl][logs]") {
    test::Laptop laptop;
    laptop.shell.setInteractive(true);
    REQUIRE(laptop.shell.run("minikube start").exitCode == 0);
    cli::Shell other(laptop.cluster, laptop.files);
    REQUIRE(other.run("kubectl run once --image=busybox:1.37 --restart=Never -- sh -c \"echo hello; sleep 10; echo bye\"")
                .exitCode == 0);
    other.run("sleep 3");
    cli::CommandResult r = laptop.shell.run("kubectl logs -f once");
    CHECK(r.out == "hello\n");
    REQUIRE(laptop.shell.busy());
    laptop.cluster.advance(Duration::seconds(5));
    CHECK(laptop.shell.poll().out.empty());
    laptop.cluster.advance(Duration::seconds(10));
    cli::Shell::Progress p = laptop.shell.poll();
    CHECK(p.out == "bye\n");
    CHECK(p.ended);  // the container stopped: the stream ended

    REQUIRE(other.run("kubectl run web --image=nginx").exitCode == 0);
    other.run("sleep 10");
    laptop.shell.run("kubectl logs -f web");
    REQUIRE(laptop.shell.busy());
    laptop.shell.interrupt();
    CHECK_FALSE(laptop.shell.busy());
}

TEST_CASE("interactive: kubectl wait keeps the terminal as time passes, ends when the condition holds, stops on Ctrl+C",
          "[kubectl][wait]") {
    test::Laptop laptop;
    laptop.shell.setInteractive(true);
    REQUIRE(laptop.shell.run("minikube start").exitCode == 0);
    REQUIRE(laptop.shell.run("kubectl run web --image=nginx").exitCode == 0);
    const Time start = laptop.cluster.now();
    cli::CommandResult r = laptop.shell.run("kubectl wait --for=condition=Ready pod/web --timeout=120s");
    CHECK(r.out.empty());
    REQUIRE(laptop.shell.busy());
    // Virtual time did not jump: the wait follows the cluster as the page advances it.
    CHECK(laptop.cluster.now() == start);
    laptop.cluster.advance(Duration::seconds(1));
    CHECK_FALSE(laptop.shell.poll().ended);
    laptop.cluster.advance(Duration::seconds(30));
    cli::Shell::Progress p = laptop.shell.poll();
    CHECK(p.ended);
    CHECK(p.exitCode == 0);
    CHECK(p.out == "pod/web condition met\n");

    // Ctrl+C stops a wait that would go on.
    laptop.shell.run("kubectl wait --for=delete pod/web --timeout=60s");
    REQUIRE(laptop.shell.busy());
    laptop.cluster.advance(Duration::seconds(5));
    CHECK_FALSE(laptop.shell.poll().ended);
    laptop.shell.interrupt();
    CHECK(laptop.shell.run("echo $?").out == "130\n");
    // A deadline reached in the page ends it with kubectl's error.
    laptop.shell.run("kubectl wait --for=condition=Ready=false pod/web --timeout=10s");
    laptop.cluster.advance(Duration::seconds(10));
    p = laptop.shell.poll();
    CHECK(p.ended);
    CHECK(p.exitCode == 1);
    CHECK(p.out == "error: timed out waiting for the condition on pods/web\n");
}

TEST_CASE("a script's kubectl wait stops the clock where the condition holds", "[kubectl][wait]") {
    test::Laptop laptop;
    REQUIRE(laptop.shell.run("minikube start").exitCode == 0);
    REQUIRE(laptop.shell.run("kubectl run web --image=nginx").exitCode == 0);
    const Time start = laptop.cluster.now();
    cli::CommandResult r = laptop.shell.run("kubectl wait --for=condition=Ready pod/web --timeout=300s");
    CHECK(r.exitCode == 0);
    CHECK(r.out == "pod/web condition met\n");
    CHECK(laptop.cluster.now() - start < Duration::seconds(60));
}

TEST_CASE("kill 1 from kubectl exec stops a main process that handles SIGTERM; kill -9 1 and a shell's PID 1 stay",
          "[kubectl][exec]") {
    test::Laptop laptop;
    REQUIRE(laptop.shell.run("minikube start").exitCode == 0);
    REQUIRE(laptop.shell.run("kubectl run web --image=nginx").exitCode == 0);
    REQUIRE(laptop.shell.run("kubectl run box --image=busybox -- sleep 3600").exitCode == 0);
    laptop.cluster.advance(Duration::seconds(30));
    const std::string restarts = "kubectl get pod web -o jsonpath='{.status.containerStatuses[0].restartCount}'";
    CHECK(laptop.shell.run("kubectl exec web -- kill -9 1").exitCode == 0);
    laptop.cluster.advance(Duration::seconds(5));
    CHECK(laptop.shell.run(restarts).out == "0");
    CHECK(laptop.shell.run("kubectl exec web -- sh -c 'kill 1'").exitCode == 0);
    laptop.cluster.advance(Duration::seconds(5));
    CHECK(laptop.shell.run(restarts).out == "1");
    CHECK(laptop.shell.run("kubectl get pod web -o jsonpath='{.status.containerStatuses[0].lastState.terminated.reason}'")
              .out == "Completed");
    CHECK(laptop.shell.run("kubectl exec box -- kill 1").exitCode == 0);
    laptop.cluster.advance(Duration::seconds(5));
    CHECK(laptop.shell.run("kubectl get pod box -o jsonpath='{.status.containerStatuses[0].restartCount}'").out == "0");
}
