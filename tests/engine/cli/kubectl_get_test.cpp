// Golden transcript of `kubectl get` in its human forms (server-side Tables printed the way
// kubectl v1.32 prints them), through the Shell. Pods on a node without a kubelet keep the
// exact states the test writes, so their STATUS/READY/RESTARTS cells are fixed.
// `kp_tests --update-golden` rewrites tests/golden/kubectl_get_printers.txt; review it.
#include <catch2/catch.hpp>

#include <sstream>

#include "cli/memory_file_system.h"
#include "cli/shell.h"
#include "shell_transcript.h"
#include "test_support.h"

using namespace kp;
using test::transcript;

namespace {

const char* kDemo = R"(apiVersion: v1
kind: Namespace
metadata:
  name: demo
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
  namespace: demo
  labels:
    app: hello
spec:
  replicas: 3
  paused: true
  selector:
    matchLabels:
      app: hello
  template:
    metadata:
      labels:
        app: hello
    spec:
      containers:
      - name: echo
        image: k8s.gcr.io/echoserver:1.10
      - name: sidecar
        image: busybox:1.36
---
apiVersion: v1
kind: Service
metadata:
  name: hello
  namespace: demo
spec:
  type: NodePort
  selector:
    app: hello
  ports:
  - port: 8080
    nodePort: 31234
---
apiVersion: v1
kind: Service
metadata:
  name: lb
  namespace: demo
spec:
  type: LoadBalancer
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: 8080
    nodePort: 30080
  - name: https
    port: 443
    nodePort: 30443
---
apiVersion: v1
kind: Service
metadata:
  name: db
  namespace: demo
spec:
  type: ExternalName
  externalName: db.example.com
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: demo
data:
  mode: fast
  level: "3"
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
  namespace: demo
data:
  user: YWRtaW4=
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
  namespace: demo
spec:
  schedule: "0 3 * * *"
  suspend: true
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: backup
            image: busybox:1.36
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
  namespace: demo
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
)";

const char* kNode = R"(apiVersion: v1
kind: Node
metadata:
  name: node-2
  labels:
    kubernetes.io/hostname: node-2
    node-role.kubernetes.io/worker: ""
spec:
  unschedulable: true
)";

// A pod bound to node-2 (no kubelet runs there) in the given state.
void addPod(Cluster& c, const std::string& name, const std::string& labels, const std::string& spec,
            const std::string& status) {
    Client client = c.client("test");
    ApiResponse created =
        client.create(Json::parse(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":")" + name +
                                  R"(","namespace":"demo","labels":)" + labels + R"(},"spec":)" + spec + "}"));
    REQUIRE(created.ok());
    Json pod = created.object;
    pod["status"] = Json::parse(status);
    REQUIRE(client.updateStatus(pod).ok());
}

std::string ago(Cluster& c, int seconds) {
    return formatRFC3339(c.now() - Duration::seconds(seconds));
}

void addDemoPods(Cluster& c) {
    const std::string oneContainer = R"({"nodeName":"node-2","containers":[{"name":"app","image":"nginx:1.27"}]})";
    addPod(c, "web", R"({"app":"web","tier":"frontend"})", oneContainer,
           R"({"phase":"Running","podIP":"10.244.1.5","podIPs":[{"ip":"10.244.1.5"}],
               "conditions":[{"type":"Ready","status":"True"}],"containerStatuses":[{"name":"app","ready":true,
               "restartCount":0,"image":"nginx:1.27","imageID":"","state":{"running":{"startedAt":")" +
               ago(c, 60) + R"("}}}]})");
    addPod(c, "crash", R"({"app":"web"})",
           R"({"nodeName":"node-2","containers":[{"name":"app","image":"busybox:1.36"}]})",
           R"({"phase":"Running","podIP":"10.244.1.6","podIPs":[{"ip":"10.244.1.6"}],"containerStatuses":[
               {"name":"app","ready":false,"restartCount":2,"image":"busybox:1.36","imageID":"",
               "state":{"waiting":{"reason":"CrashLoopBackOff"}},
               "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":")" +
               ago(c, 300) + R"("}}}]})");
    addPod(c, "setup", R"({"app":"db"})",
           R"({"nodeName":"node-2","initContainers":[{"name":"migrate","image":"busybox:1.36"}],
               "containers":[{"name":"app","image":"postgres:16"}]})",
           R"({"phase":"Pending","initContainerStatuses":[{"name":"migrate","ready":false,"restartCount":0,
               "image":"busybox:1.36","imageID":"","state":{"running":{}}}],"containerStatuses":[{"name":"app",
               "ready":false,"restartCount":0,"image":"postgres:16","imageID":"",
               "state":{"waiting":{"reason":"PodInitializing"}}}]})");
    addPod(c, "done", R"({"app":"batch"})", oneContainer,
           R"({"phase":"Succeeded","containerStatuses":[{"name":"app","ready":false,"restartCount":0,
               "image":"nginx:1.27","imageID":"","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]})");
    addPod(c, "pull", R"({"app":"web"})", R"({"nodeName":"node-2","containers":[{"name":"app","image":"nginx:nope"}]})",
           R"({"phase":"Pending","containerStatuses":[{"name":"app","ready":false,"restartCount":0,
               "image":"nginx:nope","imageID":"","state":{"waiting":{"reason":"ErrImagePull"}}}]})");

    Client client = c.client("test");
    ApiResponse node = client.get(client.resource("nodes"), "", "node-2");
    REQUIRE(node.ok());
    Json n = node.object;
    n["status"] = Json::parse(R"({"conditions":[{"type":"Ready","status":"False","reason":"KubeletNotReady",
        "message":"container runtime network not ready"}],"addresses":[{"type":"InternalIP","address":"192.168.49.3"},
        {"type":"Hostname","address":"node-2"}],"nodeInfo":{"kubeletVersion":"v1.32.0","osImage":"Ubuntu 22.04.5 LTS",
        "kernelVersion":"5.15.0-1057-azure","containerRuntimeVersion":"docker://27.4.1","architecture":"amd64",
        "operatingSystem":"linux","bootID":"","machineID":"","systemUUID":"","kubeProxyVersion":""}})");
    REQUIRE(client.updateStatus(n).ok());
}

}  // namespace

TEST_CASE("kubectl get prints server-side tables as kubectl 1.32 does", "[cli][golden][printers]") {
    Cluster c;
    cli::MemoryFileSystem fs;
    fs.write("demo.yaml", kDemo);
    fs.write("node.yaml", kNode);
    cli::Shell shell(c, fs);
    std::string out = transcript(shell, R"(kubectl get pods -n demo
kubectl apply -f demo.yaml
kubectl apply -f node.yaml
sleep 75)");
    addDemoPods(c);
    out += transcript(shell, R"(kubectl get pods -n demo
kubectl get pods -n demo -o wide
kubectl get po -n demo --show-labels
kubectl get pods -n demo -L app -Ltier
kubectl get pods -n demo --no-headers
kubectl get pods -n demo --sort-by=.spec.containers[0].image
kubectl get pods -n demo --sort-by=.metadata.nope
kubectl get pods -n demo -o name
kubectl get pods -A -l app=web
kubectl get pod web crash -n demo
kubectl get pod web missing -n demo
kubectl get pod/web svc/hello -n demo
kubectl get pod web -A
kubectl get deploy,svc -n demo
kubectl get deployments -n demo -owide
kubectl get svc -n demo -o wide
kubectl get all -n demo
kubectl get cm,secrets -n demo
kubectl get cronjobs -n demo -o wide
kubectl get roles -n demo
kubectl get node node-2
kubectl get node node-2 -o wide
kubectl get ns demo
kubectl get pods -n empty
kubectl get pods -A -l app=nothing
kubectl get pods -n demo -l app=nothing -o yaml
kubectl get pods -n demo -o name -l app=nothing
kubectl get pods -n demo --server-print=false
kubectl get pods -n demo -o foo
kubectl get pods -n demo -o jsonpath={.items}
kubectl get pods -n demo -o yaml --show-labels)");
    CHECK(test::matchesGolden("kubectl_get_printers.txt", out));
}
