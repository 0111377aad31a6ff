// kubectl's imperative commands (create <generator>, run, expose, scale, autoscale, label,
// annotate, set, rollout) as golden transcripts through the Shell. The expected texts were
// checked against the real kubectl v1.32 (client-side dry runs offline, the rest against a
// logging API stub); `kp_tests --update-golden` rewrites tests/golden/kubectl_imperative*.txt.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <sstream>

#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/hash.h"
#include "cli/memory_file_system.h"
#include "cli/shell.h"
#include "controller/controller.h"
#include "scheduler/scheduler.h"
#include "shell_transcript.h"
#include "test_support.h"

using namespace kp;
using test::transcript;

namespace {

// Plays the deployment controller's status part for `rollout status`: every second it moves a
// Deployment's status one step towards "rolled out" (generation observed, one more updated
// replica, old replicas gone, one more available), so that each step is one watch event.
class FakeRolloutProgress final : public Controller {
public:
    FakeRolloutProgress(ApiServer& server, const Clock& clock) : client_(server, "deployment-controller"), clock_(clock) {}
    std::string_view name() const override { return "fake-rollout"; }
    std::vector<std::string> watches() const override { return {"deployments.apps"}; }
    void onEvent(const WatchEvent& e) override {
        if (e.type != WatchEventType::Deleted)
            queue().add(stringAt(*e.object, "metadata.namespace") + "/" + stringAt(*e.object, "metadata.name"));
    }
    ReconcileResult reconcile(const std::string& key) override {
        const size_t slash = key.find('/');
        ObjectPtr d = client_.server().store().get("deployments.apps", key.substr(0, slash), key.substr(slash + 1));
        if (!d || stringAt(*d, "metadata.labels.progress") != "fake")
            return ReconcileResult::done();
        // Our own status write comes back as an event: take one step per second only.
        if (auto it = nextStep_.find(key); it != nextStep_.end() && clock_.now() < it->second)
            return ReconcileResult::requeueAfter(it->second - clock_.now());
        Json next = *d;
        Json& st = next["status"];
        const int64_t want = intAt(*d, "spec.replicas", 1);
        if (intAt(*d, "status.observedGeneration") < intAt(*d, "metadata.generation")) {
            st["observedGeneration"] = intAt(*d, "metadata.generation");
        } else if (intAt(*d, "status.updatedReplicas") < want) {
            st["updatedReplicas"] = intAt(*d, "status.updatedReplicas") + 1;
            st["replicas"] = intAt(*d, "status.updatedReplicas") + 2;
        } else if (intAt(*d, "status.replicas") > want) {
            st["replicas"] = want;
        } else if (intAt(*d, "status.availableReplicas") < want) {
            st["availableReplicas"] = intAt(*d, "status.availableReplicas") + 1;
        } else {
            return ReconcileResult::done();
        }
        client_.updateStatus(next);
        nextStep_[key] = clock_.now() + Duration::seconds(1);
        return ReconcileResult::requeueAfter(Duration::seconds(1));
    }

private:
    Client client_;
    const Clock& clock_;
    std::map<std::string, Time> nextStep_;
};

// The one place that wires the stand-ins and parallel components into the clusters below.
Cluster& withFakeRollouts(Cluster& c) {
    auto comp = std::make_unique<Component>("fake-deployment-controller", c.store(), c.clock());
    comp->add(std::make_unique<FakeRolloutProgress>(c.apiServer(), c.clock()));
    c.addComponent(std::move(comp));
    c.runUntilIdle();
    return c;
}

Cluster& withScheduler(Cluster& c) {
    auto comp = std::make_unique<Component>("kube-scheduler", c.store(), c.clock());
    comp->add(std::make_unique<scheduler::Scheduler>(c.apiServer(), c.clock(), c.rng()));
    c.addComponent(std::move(comp));
    c.runUntilIdle();
    return c;
}

// A ReplicaSet of deployment `d` as the deployment controller would have made it.
Json replicaSetOf(const Json& d, const std::string& hash, int revision, const std::string& image,
                  const std::string& changeCause = "") {
    Json rs = {{"apiVersion", "apps/v1"},
               {"kind", "ReplicaSet"},
               {"metadata",
                {{"name", stringAt(d, "metadata.name") + "-" + hash},
                 {"namespace", "default"},
                 {"labels", {{"app", stringAt(d, "metadata.name")}, {"pod-template-hash", hash}}},
                 {"annotations", {{"deployment.kubernetes.io/revision", std::to_string(revision)}}},
                 {"ownerReferences",
                  Json::array({{{"apiVersion", "apps/v1"},
                                {"kind", "Deployment"},
                                {"name", stringAt(d, "metadata.name")},
                                {"uid", stringAt(d, "metadata.uid")},
                                {"controller", true},
                                {"blockOwnerDeletion", true}}})}}},
               {"spec", {{"replicas", 0}, {"selector", d["spec"]["selector"]}, {"template", d["spec"]["template"]}}}};
    rs["spec"]["template"]["metadata"]["labels"]["pod-template-hash"] = hash;
    rs["spec"]["template"]["spec"]["containers"][0]["image"] = image;
    if (!changeCause.empty())
        rs["metadata"]["annotations"]["kubernetes.io/change-cause"] = changeCause;
    return rs;
}

}  // namespace

TEST_CASE("kubectl create generators print the objects kubectl's client-side dry run prints", "[kubectl][golden]") {
    Cluster cluster;
    cli::MemoryFileSystem fs;
    fs.write("greeting.txt", "hello\nworld\n");
    fs.write("cfgdir/one", "x\n");
    fs.write("cfgdir/two.txt", "y\n");
    fs.write("app.env", "# settings\nA=1\n  B=two words\n\nC\n");
    fs.write("bad.env", "A=1\nexport C=3\n");
    cli::Shell shell(cluster, fs);
    std::string out = transcript(shell, R"(kubectl create deployment hello-minikube --image=k8s.gcr.io/echoserver:1.10 --dry-run=client -o yaml
kubectl create deployment hello-minikube --image=k8s.gcr.io/echoserver:1.10 --dry-run=client -o json
kubectl create deployment web --image=nginx:1.25 --replicas=3 --port=80 --dry-run=client -o yaml
kubectl create deployment web --image=nginx --image=redis:6 -n demo --dry-run=client -o yaml
kubectl create deployment web --image=busybox --dry-run=client -o yaml -- sleep 3600
kubectl create deployment web --image=registry.k8s.io/Foo_Bar:1.0 --dry-run=client -o yaml
kubectl create deploy web --image=nginx -r 2 --dry-run=client
kubectl create deployment web --image=nginx --dry-run=client -o name
kubectl create deployment web --image=nginx --dry-run
kubectl create namespace demo --dry-run=client -o yaml
kubectl create ns demo --dry-run=client -o json
kubectl create configmap cfg --from-literal=a=1 --from-literal=b=two --dry-run=client -o yaml
kubectl create configmap cfg --from-literal=a=1 --dry-run=client -o json
kubectl create configmap c --from-file=greeting.txt --from-file=g=greeting.txt --dry-run=client -o yaml
kubectl create configmap c --from-file=cfgdir --dry-run=client -o yaml
kubectl create configmap c --from-env-file=app.env --dry-run=client -o yaml
kubectl create configmap c --from-literal=a=1 --append-hash --dry-run=client -o yaml
kubectl create cm c --dry-run=client -o yaml
kubectl create secret generic s --from-literal=user=admin --from-literal=pw=p@ss --dry-run=client -o yaml
kubectl create secret generic s --from-literal=user=admin --dry-run=client -o json
kubectl create secret generic s --type=kubernetes.io/basic-auth --from-file=greeting.txt --dry-run=client -o yaml
kubectl create secret docker-registry reg --docker-server=r.example.com --docker-username=u --docker-password=p --docker-email=e@x --dry-run=client -o yaml
kubectl create secret docker-registry reg --docker-username=u --docker-password=p --dry-run=client -o yaml
kubectl create service nodeport x --tcp=5678:8080 --dry-run=client -o yaml
kubectl create service nodeport x --tcp=5678:8080 --dry-run=client -o json
kubectl create service clusterip x --tcp=80:8080 --tcp=443 --dry-run=client -o yaml
kubectl create service clusterip x --clusterip=None --dry-run=client -o yaml
kubectl create service nodeport x --tcp=80:8080 --node-port=30080 --dry-run=client -o yaml
kubectl create service loadbalancer x --tcp=80:http --dry-run=client -o yaml
kubectl create service externalname x --external-name=example.com --tcp=80 --dry-run=client -o json
kubectl create svc clusterip x --tcp=80 --dry-run=client
kubectl create serviceaccount sa1 --dry-run=client -o yaml
kubectl create sa sa1 --dry-run=client -o json
kubectl create job j --image=busybox --dry-run=client -o yaml
kubectl create job j --image=busybox --dry-run=client -o json -- echo hi
kubectl create cronjob cj --image=busybox --schedule="*/1 * * * *" --dry-run=client -o yaml -- date
kubectl create cronjob cj --image=busybox --schedule="*/1 * * * *" --restart=Never --dry-run=client -o json
kubectl create cj cj --image=busybox --schedule="* * * * *" --dry-run=client
kubectl create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert" --dry-run=client -o yaml
kubectl create ingress ing --class=nginx --rule="/path*=svc:http" --rule="foo.com/*=svc2:80" --default-backend=defsvc:8080 --annotation=a=b --dry-run=client -o json
kubectl create ingress ing --rule="foo.com/=svc:80,tls" --dry-run=client -o yaml)");
    CHECK(test::matchesGolden("kubectl_imperative_create_dry_run.txt", out));
}

TEST_CASE("kubectl create generators fail with kubectl's messages", "[kubectl][golden]") {
    Cluster cluster;
    cli::MemoryFileSystem fs;
    fs.write("bad.env", "A=1\nexport C=3\n");
    cli::Shell shell(cluster, fs);
    std::string out = transcript(shell, R"(kubectl create deployment x --foo
kubectl create deployment x --image
kubectl create deployment x -r
kubectl create deployment x -r abc --image=n
kubectl create deployment x -z --image=n
kubectl create deployment x --image=n --port=abc
kubectl create deployment
kubectl create deployment x
kubectl create deployment a b --image=nginx
kubectl create deployment web --image=nginx --image=busybox --dry-run=client -o yaml -- sleep 1
kubectl create deployment web --image=nginx --dry-run=bogus
kubectl create deployment web --image=nginx -o bogus
kubectl create configmap c --from-literal=a --dry-run=client -o yaml
kubectl create configmap c --from-literal=a=1 --from-literal=a=2 --dry-run=client -o yaml
kubectl create configmap c --from-file=missing.txt --dry-run=client -o yaml
kubectl create configmap c --from-literal=bad/key=1 --dry-run=client -o yaml
kubectl create configmap c --from-literal=a=1 --from-env-file=bad.env --dry-run=client -o yaml
kubectl create configmap c --from-env-file=bad.env --dry-run=client -o yaml
kubectl create secret docker-registry reg --dry-run=client -o yaml
kubectl create secret tls t --dry-run=client -o yaml
kubectl create secret foo x
kubectl create secret generic
kubectl create service clusterip x --dry-run=client -o yaml
kubectl create service nodeport x --dry-run=client -o yaml
kubectl create service clusterip x --tcp=abc --dry-run=client -o yaml
kubectl create service nodeport x --tcp=99999 --dry-run=client -o yaml
kubectl create service nodeport x --tcp=80:Bad_Name --dry-run=client -o yaml
kubectl create service nodeport x --tcp=80:0 --dry-run=client -o yaml
kubectl create service externalname x --dry-run=client -o yaml
kubectl create service clusterip --tcp=80
kubectl create service foo x
kubectl create job j --dry-run=client -o yaml
kubectl create job j --image=busybox --from=cronjob/x --dry-run=client -o yaml
kubectl create cronjob cj --image=busybox --dry-run=client -o yaml
kubectl create ingress ing --rule="bad" --dry-run=client -o yaml
kubectl create ingress ing --dry-run=client -o yaml
kubectl create ingress ing --rule="foo.com/x=svc" --dry-run=client -o yaml
kubectl create foo
kubectl create)");
    CHECK(test::matchesGolden("kubectl_imperative_create_errors.txt", out));
}

TEST_CASE("kubectl create sends generated objects to the apiserver and wraps its errors", "[kubectl][golden]") {
    Cluster cluster;
    cli::MemoryFileSystem fs;
    cli::Shell shell(cluster, fs);
    std::string out = transcript(shell, R"(kubectl create deployment hello-minikube --image=k8s.gcr.io/echoserver:1.10
kubectl create deployment hello-minikube --image=k8s.gcr.io/echoserver:1.10
kubectl get deployment hello-minikube -o yaml
kubectl create deployment web --image=nginx -n nowhere
kubectl create deployment Bad_Name --image=nginx
kubectl create deployment probe --image=nginx --dry-run=server -o name
kubectl get deployments -o name
kubectl create namespace demo
kubectl create namespace demo
kubectl create configmap cfg --from-literal=a=1 -n demo
kubectl create configmap cfg --from-literal=a=1 -n demo
kubectl create secret generic s --from-literal=k=v
kubectl create secret generic s --from-literal=k=v
kubectl create service nodeport hello-minikube --tcp=8080:8080
kubectl create service nodeport hello-minikube --tcp=8080:8080
kubectl create serviceaccount builder
kubectl create job once --image=busybox -- echo hi
kubectl create cronjob tick --image=busybox --schedule="*/5 * * * *"
kubectl create job manual --from=cronjob/tick -o yaml
kubectl create job manual2 --from=cronjob/missing
kubectl create ingress web --rule="hello.info/*=hello-minikube:8080"
kubectl create deployment saved --image=nginx --save-config
kubectl get deployment saved -o yaml)");
    CHECK(test::matchesGolden("kubectl_imperative_create.txt", out));
}

TEST_CASE("kubectl run creates a pod as the BasicPod generator builds it", "[kubectl][golden]") {
    Cluster cluster;
    cli::MemoryFileSystem fs;
    cli::Shell shell(cluster, fs);
    std::string out = transcript(shell, R"(kubectl run nginx --image=nginx --dry-run=client -o json
kubectl run nginx --image=nginx --port=80 --labels=app=web,tier=fe --env=A=1 --env=B=2 --restart=Never --dry-run=client -o yaml
kubectl run bb --image=busybox --command --dry-run=client -o yaml -- sh -c "echo hi"
kubectl run bb --image=busybox --dry-run=client -o yaml -- echo hi
kubectl run bb --image=busybox --restart=OnFailure -n demo --dry-run=client -o yaml
kubectl run bb --image=busybox --dry-run=client
kubectl run bb --image=busybox --dry-run=client -o name
kubectl run bb --image=busybox --dry-run=server
kubectl run bb --image=busybox
kubectl run bb --image=busybox
kubectl get pod bb -o yaml
kubectl run web --image=nginx --port=80 --expose
kubectl run bb --image=busybox --restart=Bad
kubectl run --image=busybox
kubectl run bb
kubectl run bb --image=busybox --rm
kubectl run bb --image=busybox -t
kubectl run bb --image=busybox -i --dry-run=client
kubectl run bb --image=busybox --env=X --dry-run=client
kubectl run bb --image=busybox --labels=bad --dry-run=client
kubectl run bb --image=busybox --port=abc --dry-run=client
kubectl run bb --image=busybox --image-pull-policy=Sometimes
kubectl run bb --image=BusyBox
kubectl run bb --image=busybox --foo)");
    CHECK(test::matchesGolden("kubectl_imperative_run.txt", out));
}

// Outputs and error texts checked against kubectl v1.32 talking to a discovery-only API stub.
TEST_CASE("kubectl run --overrides patches the generated pod before it is created", "[kubectl][golden]") {
    Cluster cluster;
    cli::MemoryFileSystem fs;
    cli::Shell shell(cluster, fs);
    std::string out = transcript(shell, R"(kubectl run nginx --image=nginx --dry-run=client -o yaml --overrides='{"spec":{"nodeName":"minikube","containers":[{"name":"nginx","image":"nginx:1.27","args":["a"]}],"foo":1},"metadata":{"labels":{"run":null,"app":"x"}}}'
kubectl run nginx --image=nginx --dry-run=client -o yaml --override-type=strategic --overrides='{"spec":{"containers":[{"name":"nginx","stdin":true},{"name":"side","image":"busybox"}]}}'
kubectl run nginx --image=nginx --dry-run=client -o yaml --override-type=json --overrides='[{"op":"add","path":"/spec/hostNetwork","value":true}]'
kubectl run nginx --image=nginx --dry-run=client -o json --overrides='{"spec":null}'
kubectl run nginx --image=nginx --dry-run=client -o json --overrides='{"metadata":{"labels":null,"annotations":{"a":null}}}'
kubectl run nginx --image=nginx --dry-run=client -o json --override-type=strategic --overrides='{"spec":{"containers":[{"name":"nginx","$patch":"delete"}]}}'
kubectl run nginx --image=nginx --dry-run=client --override-type=json --overrides='[{"op":"remove","path":"/spec/foo"}]'
kubectl run nginx --image=nginx --dry-run=client --override-type=json --overrides='{'
kubectl run nginx --image=nginx --dry-run=client --override-type=strategic --overrides='{'
kubectl run nginx --image=nginx --dry-run=client --overrides='{'
kubectl run nginx --image=nginx --dry-run=client --override-type=xml --overrides='{}'
kubectl run nginx --image=nginx --dry-run=client --overrides='{"spec":{"containers":"x"}}'
kubectl run nginx --image=nginx --dry-run=client --overrides='{"kind":null}'
kubectl run nginx --image=nginx --dry-run=client --overrides='{"apiVersion":"v2"}'
kubectl run nginx --image=nginx --dry-run=client --overrides='[1]'
kubectl run nginx --image=nginx --overrides='{"metadata":{"name":"other"}}'
kubectl get pods -o name)");
    CHECK(test::matchesGolden("kubectl_run_overrides.txt", out));
}

TEST_CASE("kubectl run -i --rm waits for the pod, prints its output and deletes it", "[kubectl][golden]") {
    ClusterConfig config;
    config.nodes = true;
    Cluster cluster(config);
    withScheduler(cluster);
    cli::MemoryFileSystem fs;
    cli::Shell shell(cluster, fs);
    std::string out = transcript(shell, R"(kubectl run hello --image=busybox -i --rm --restart=Never -- echo hello from the pod
kubectl get pods hello -o name
kubectl run fail --image=busybox -i --rm --restart=Never -- sh -c "echo bye; exit 3"
kubectl run stuck --image=nginx:nope -i --rm --restart=Never --pod-running-timeout=20s
kubectl get pods stuck -o name)");
    CHECK(test::matchesGolden("kubectl_imperative_run_attach.txt", out));
}

TEST_CASE("kubectl expose derives the Service from the exposed object", "[kubectl][golden]") {
    Cluster cluster;
    cli::MemoryFileSystem fs;
    fs.write("noport.yaml", R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: noport
spec:
  selector:
    matchExpressions:
    - {key: app, operator: In, values: [a]}
  template:
    metadata:
      labels:
        app: a
    spec:
      containers:
      - name: web
        image: nginx
)");
    cli::Shell shell(cluster, fs);
    std::string out = transcript(shell, R"(kubectl create deployment hello --image=k8s.gcr.io/echoserver:1.10 --port=8080
kubectl create -f noport.yaml
kubectl run web-1 --image=nginx --labels=app=web
kubectl expose deployment hello --dry-run=client -o yaml
kubectl expose deployment hello --port=80 --target-port=8080 --type=NodePort --dry-run=client -o json
kubectl expose deploy/hello --name=h2 --port=80 --protocol=UDP --selector=x=y --dry-run=client -o yaml
kubectl expose deployment hello --port=80 --external-ip=1.2.3.4 --session-affinity=ClientIP --labels=a=b --cluster-ip=None --dry-run=client -o yaml
kubectl expose deployment hello --dry-run=client
kubectl expose deployment hello --type=NodePort
kubectl expose deployment hello
kubectl get service hello -o yaml
kubectl expose deployment noport
kubectl expose pod web-1
kubectl expose pod web-1 --port=80 --dry-run=client -o yaml
kubectl expose service hello --name=hello-copy --port=9090 --dry-run=client -o yaml
kubectl expose deployment missing
kubectl expose
kubectl expose deployment
kubectl expose namespace default --port=80
kubectl expose deployment hello --session-affinity=Sticky --dry-run=client)");
    CHECK(test::matchesGolden("kubectl_imperative_expose.txt", out));
}

TEST_CASE("kubectl scale goes through the scale subresource and autoscale creates a v1 HPA", "[kubectl][golden]") {
    Cluster cluster;
    cli::MemoryFileSystem fs;
    cli::Shell shell(cluster, fs);
    std::string out = transcript(shell, R"(kubectl create deployment hello --image=nginx
kubectl create deployment other --image=nginx
kubectl run web-1 --image=nginx
kubectl scale deployment hello --replicas=4
kubectl scale deployments/hello --replicas=3 --dry-run=client
kubectl scale deploy hello --replicas=2 --dry-run=server
kubectl get deployment hello -o yaml | grep "replicas:"
kubectl scale deploy hello --replicas=5 --current-replicas=2
kubectl scale deploy hello --replicas=5 --current-replicas=4
kubectl scale deploy hello --replicas=6 --resource-version=1
kubectl scale deploy hello other --replicas=1
kubectl scale deploy --all --replicas=2 -o name
kubectl scale deploy hello
kubectl scale deploy hello --replicas=-1
kubectl scale deploy hello --replicas=abc
kubectl scale deploy missing --replicas=2
kubectl scale pod web-1 --replicas=2
kubectl scale --replicas=2
kubectl autoscale deployment hello --max=5 --dry-run=client -o yaml
kubectl autoscale deployment hello --min=2 --max=5 --cpu-percent=80 --dry-run=client -o json
kubectl autoscale deployment hello --max=5 --dry-run=client
kubectl autoscale deployment hello --min=2 --max=5
kubectl autoscale deployment hello --max=5
kubectl autoscale deployment hello
kubectl autoscale deployment hello --max=1 --min=3
kubectl autoscale pod web-1 --max=3)");
    CHECK(test::matchesGolden("kubectl_imperative_scale.txt", out));
}

TEST_CASE("kubectl label and annotate change metadata with kubectl's overwrite rules", "[kubectl][golden]") {
    Cluster cluster;
    cli::MemoryFileSystem fs;
    cli::Shell shell(cluster, fs);
    std::string out = transcript(shell, R"(kubectl run web-1 --image=nginx --labels=app=web
kubectl run web-2 --image=nginx --labels=app=web
kubectl label pod web-1 version=v1
kubectl label pod web-1 version=v2
kubectl label pods web-1 version=v1 --overwrite
kubectl label pod web-1 version-
kubectl label pod web-1 version-
kubectl label pod web-1 a=1 b=2 -o name
kubectl label pod web-1 --list
kubectl label pod web-1
kubectl label pod web-1 a=b=c
kubectl label pod web-1 x=1 x-
kubectl label pod web-1 app=other a=x
kubectl label pods --all tier=fe
kubectl label pods -l app=web tier=be --overwrite
kubectl label pods -l app=nomatch tier=be
kubectl label pod missing web-1 a=1
kubectl label pod web-1 c=d --dry-run=client
kubectl label pod web-1 c=d --dry-run=server
kubectl label pod web-1 "bad key=1"
kubectl label pod web-1 z=1 pod
kubectl label pod web-1 k=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
kubectl label pod web-1 version=v1 --resource-version=1
kubectl label pods version=v1 --resource-version=1
kubectl label pods tier=x
kubectl label pods --all --list
kubectl annotate pod web-1 note="hello world"
kubectl annotate pod web-1 note=again
kubectl annotate pod web-1 note=again --overwrite
kubectl annotate pod web-1 --list
kubectl annotate pod web-1 note-
kubectl annotate pod web-1 a=1 a-
kubectl annotate pod web-1 =x
kubectl annotate pod web-1
kubectl annotate pods --all kubernetes.io/change-cause=one
kubectl annotate pods --all kubernetes.io/change-cause=two
kubectl get pod web-2 -o yaml)");
    CHECK(test::matchesGolden("kubectl_imperative_label.txt", out));
}

TEST_CASE("kubectl set image, env and resources patch the pod template", "[kubectl][golden]") {
    Cluster cluster;
    cli::MemoryFileSystem fs;
    cli::Shell shell(cluster, fs);
    std::string out = transcript(shell, R"(kubectl create deployment hello --image=nginx:1.25 --image=busybox
kubectl set image deployment/hello nginx=nginx:1.26
kubectl set image deployment/hello nginx=nginx:1.26
kubectl set image deployment/hello nope=nginx
kubectl set image deployment/hello "*=busybox:1.36" --dry-run=client -o yaml
kubectl set image deployment hello busybox=busybox:1.37 --dry-run=server
kubectl get deployment hello -o yaml | grep "image:"
kubectl set image deployment/hello
kubectl set image deployment/hello web
kubectl set image deployment/missing web=nginx
kubectl set image
kubectl set env deployment/hello FOO=bar
kubectl set env deployment/hello FOO=bar
kubectl set env deployment/hello -c nginx A=1 B=2
kubectl set env deployment/hello --list
kubectl set env deployment/hello FOO-
kubectl set env deployment/hello -c nginx A=2 --overwrite=false
kubectl set env deployment/hello 1BAD=x
kubectl set env deployment/hello -c nothing X=1
kubectl set resources deployment/hello --limits=cpu=200m,memory=512Mi --requests=cpu=0.1
kubectl set resources deployment/hello -c nginx --limits=cpu=200m
kubectl set resources deployment/hello
kubectl set resources deployment/hello --limits=cpu
kubectl get deployment hello -o yaml
kubectl set foo
kubectl set)");
    CHECK(test::matchesGolden("kubectl_imperative_set.txt", out));
}

TEST_CASE("kubectl rollout reads and changes a Deployment's rollout", "[kubectl][golden]") {
    Cluster cluster;
    withFakeRollouts(cluster);
    Client client = cluster.client("deployment-controller");
    cli::MemoryFileSystem fs;
    cli::Shell shell(cluster, fs);
    std::string out = transcript(shell, R"(kubectl create deployment hello --image=nginx:1.25 --replicas=3
kubectl rollout history deployment/hello
kubectl rollout undo deployment/hello
kubectl rollout status deployment/hello --watch=false
kubectl rollout status deployment/hello --timeout=3s)");

    // The deployment controller's part: two revisions, the second one current.
    ObjectPtr d = cluster.store().get("deployments.apps", "default", "hello");
    REQUIRE(d);
    REQUIRE(client.create(replicaSetOf(*d, "5d9c7b8f6c", 1, "nginx:1.24", "first")).ok());
    REQUIRE(client.create(replicaSetOf(*d, "7c6d8f9b5d", 2, "nginx:1.25")).ok());
    Json withRevision = *d;
    withRevision["metadata"]["annotations"]["deployment.kubernetes.io/revision"] = "2";
    REQUIRE(client.update(withRevision).ok());
    cluster.runUntilIdle();

    out += transcript(shell, R"(kubectl rollout history deployment/hello
kubectl rollout history deployment/hello --revision=1
kubectl rollout history deployment/hello --revision=7
kubectl rollout history deploy hello -o name
kubectl rollout undo deployment/hello --to-revision=2
kubectl rollout undo deployment/hello --to-revision=9
kubectl rollout undo deployment/hello --dry-run=client
kubectl rollout undo deployment/hello
kubectl get deployment hello -o yaml | grep "image:"
kubectl rollout pause deployment/hello
kubectl rollout pause deployment/hello
kubectl rollout undo deployment/hello
kubectl rollout restart deployment/hello
kubectl rollout resume deployment/hello
kubectl rollout resume deployment/hello
kubectl rollout restart deployment/hello
kubectl rollout restart deployment/hello
kubectl get deployment hello -o yaml | grep restartedAt
kubectl label deployment hello progress=fake
kubectl rollout status deployment/hello
kubectl rollout status deploy hello --revision=1
kubectl rollout status deploy/missing
kubectl rollout status
kubectl rollout status deploy --revision=-1
kubectl run web-1 --image=nginx
kubectl rollout status pod/web-1
kubectl rollout history pod/web-1
kubectl rollout undo pod/web-1
kubectl rollout pause pod/web-1
kubectl rollout restart pod/web-1
kubectl rollout foo deploy/hello)");
    CHECK(test::matchesGolden("kubectl_imperative_rollout.txt", out));
}

TEST_CASE("kubectl's flag parser follows pflag", "[kubectl]") {
    auto parse = [](std::vector<std::string> args, std::string& err) {
        cli::CommandFlags f("kubectl run");
        f.string("image").boolean("stdin", "i").boolean("tty", "t").integer("replicas", "r", 1).stringSlice("tcp");
        f.stringArray("env").duration("timeout");
        f.parse(args, err);
        return f;
    };
    std::string err;
    SECTION("grouped shorthands, attached values and -- ") {
        cli::CommandFlags f = parse({"bb", "-it", "-r3", "--tcp=80,443", "--tcp", "8080", "--env=A=1,2", "--", "sh", "-c", "x"}, err);
        CHECK(err.empty());
        CHECK(f.on("stdin"));
        CHECK(f.on("tty"));
        CHECK(f.num("replicas") == 3);
        CHECK(f.list("tcp") == std::vector<std::string>{"80", "443", "8080"});
        CHECK(f.list("env") == std::vector<std::string>{"A=1,2"});
        CHECK(f.args() == std::vector<std::string>{"bb", "sh", "-c", "x"});
        CHECK(f.argsLenAtDash() == 1);
        CHECK(f.str("namespace").empty());
    }
    SECTION("errors carry pflag's words") {
        parse({"--timeout=5"}, err);
        CHECK(err == "Error: invalid argument \"5\" for \"--timeout\" flag: time: missing unit in duration \"5\"\n"
                     "See 'kubectl run --help' for usage.\n");
        parse({"-q"}, err);
        CHECK(err == "Error: unknown shorthand flag: 'q' in -q\nSee 'kubectl run --help' for usage.\n");
        parse({"--stdin=maybe"}, err);
        CHECK(err == "Error: invalid argument \"maybe\" for \"-i, --stdin\" flag: strconv.ParseBool: parsing "
                     "\"maybe\": invalid syntax\nSee 'kubectl run --help' for usage.\n");
    }
    SECTION("Go durations") {
        Duration d;
        CHECK(cli::parseGoDuration("1m30s", d).empty());
        CHECK(d == Duration::seconds(90));
        CHECK(cli::parseGoDuration("1.5h", d).empty());
        CHECK(d == Duration::minutes(90));
        CHECK(cli::parseGoDuration("abc", d) == "time: invalid duration \"abc\"");
        CHECK(cli::parseGoDuration("3x", d) == "time: unknown unit \"x\" in duration \"3x\"");
    }
}

TEST_CASE("kubectl create --append-hash names objects with kubectl's hash", "[kubectl]") {
    // Known SHA-256 vectors, then the suffix real kubectl prints for `--from-literal=a=1`.
    CHECK(cli::sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(cli::sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    Json cm = {{"metadata", {{"name", "c"}}}, {"data", {{"a", "1"}}}};
    CHECK(cli::configMapHash(cm) == "9dtcmmmm5t");
}
