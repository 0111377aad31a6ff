// What the containers of one pod share, as the Kubernetes docs show it: an emptyDir volume
// written by one container and served by another, and `ps` with shareProcessNamespace (the
// sandbox's /pause as PID 1) or without it. Golden transcript.
#include <catch2/catch.hpp>

#include "laptop.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("containers of a pod share emptyDir volumes and, when asked, their processes", "[kubelet][golden]") {
    test::Laptop laptop;
    laptop.files.write("two-container-pod.yaml", R"(apiVersion: v1
kind: Pod
metadata:
  name: two-containers
spec:
  restartPolicy: Never
  volumes:
  - name: shared-data
    emptyDir: {}
  containers:
  - name: nginx-container
    image: nginx
    volumeMounts:
    - name: shared-data
      mountPath: /usr/share/nginx/html
  - name: debian-container
    image: debian
    volumeMounts:
    - name: shared-data
      mountPath: /pod-data
    command: ["/bin/sh"]
    args: ["-c", "echo Hello from the debian container > /pod-data/index.html"]
)");
    laptop.files.write("share-process-namespace.yaml", R"(apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  shareProcessNamespace: true
  containers:
  - name: nginx
    image: nginx
  - name: shell
    image: busybox:1.28
    command: ["sleep", "3600"]
    stdin: true
    tty: true
)");
    const std::string out = laptop.transcript(R"(minikube start
kubectl apply -f two-container-pod.yaml
kubectl apply -f share-process-namespace.yaml
kubectl run solo --image=busybox --restart=Never -- sleep 3600
kubectl run empty --image=nginx --overrides='{"spec":{"volumes":[{"name":"v","emptyDir":{}}]}}'
sleep 20
kubectl get pods
kubectl exec two-containers -c nginx-container -- curl -s localhost
kubectl exec two-containers -c nginx-container -- sh -c "echo changed >> /usr/share/nginx/html/index.html"
kubectl exec two-containers -c nginx-container -- cat /usr/share/nginx/html/index.html
kubectl exec nginx -c shell -- ps ax
kubectl exec solo -- ps
kubectl exec nginx -c nginx -- ps)");
    CHECK(test::matchesGolden("pod_sharing.txt", out));
}

// "Use environment variables to define arguments" (Kubernetes docs): the kubelet replaces $(VAR)
// in command and args with the container's environment; $$ escapes, unknown names stay.
TEST_CASE("the kubelet expands $(VAR) in a container's command and args", "[kubelet]") {
    test::Laptop laptop;
    laptop.shell.run("minikube start");
    laptop.files.write("env-args.yaml", R"yaml(apiVersion: v1
kind: Pod
metadata:
  name: env-args
spec:
  restartPolicy: Never
  containers:
  - name: main
    image: busybox
    env:
    - name: MESSAGE
      value: "hello world"
    command: ["/bin/echo"]
    args: ["$(MESSAGE)", "$$(MESSAGE)", "$(UNSET)", "$(KUBERNETES_SERVICE_HOST)"]
)yaml");
    laptop.shell.run("kubectl apply -f env-args.yaml");
    laptop.shell.run("sleep 10");
    CHECK(laptop.shell.run("kubectl logs env-args").out == "hello world $(MESSAGE) $(UNSET) 10.96.0.1\n");
}

// The runtime receives the expanded command line, so `ps` in the container shows it.
TEST_CASE("ps in a container shows the command line after $(VAR) expansion", "[kubelet]") {
    test::Laptop laptop;
    laptop.shell.run("minikube start");
    laptop.files.write("env-sleep.yaml", R"yaml(apiVersion: v1
kind: Pod
metadata:
  name: env-sleep
spec:
  containers:
  - name: main
    image: busybox
    env:
    - name: SECONDS_TO_SLEEP
      value: "3600"
    command: ["sleep"]
    args: ["$(SECONDS_TO_SLEEP)"]
)yaml");
    laptop.shell.run("kubectl apply -f env-sleep.yaml");
    laptop.shell.run("sleep 10");
    CHECK(laptop.shell.run("kubectl exec env-sleep -- ps").out ==
          "PID   USER     TIME  COMMAND\n"
          "    1 root      0:00 sleep 3600\n"
          "    7 root      0:00 ps\n");
}
