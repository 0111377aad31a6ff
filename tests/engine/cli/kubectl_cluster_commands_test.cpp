// kubectl cluster-info, config, api-resources/api-versions, taint, wait and explain: golden
// transcripts of their success and error paths on the laptop (minikube, ~/.kube/config), plus
// unit tests of taint parsing and of wait's use of virtual time.
#include <catch2/catch.hpp>

#include "cli/kubectl/kubeconfig.h"
#include "cli/kubectl/taint.h"
#include "laptop.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("kubectl cluster-info names the control plane and CoreDNS", "[kubectl][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(kubectl cluster-info
minikube start
kubectl cluster-info
kubectl cluster-info -n default
kubectl cluster-info dump
minikube stop
kubectl cluster-info)");
    CHECK(test::matchesGolden("kubectl_cluster_info.txt", out));
}

TEST_CASE("kubectl config reads and edits the kubeconfig minikube writes", "[kubectl][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(kubectl config view
kubectl config current-context
kubectl config get-contexts
kubectl config view --minify
minikube start
kubectl config view
kubectl config view --minify -o jsonpath={.clusters[0].cluster.server}
kubectl config view --minify -o jsonpath='{..namespace}'
kubectl config view -o json
kubectl config current-context
kubectl config get-contexts
kubectl config get-contexts -o name
kubectl config get-contexts nope
kubectl config set-context --current --namespace=kube-system
kubectl get pods
kubectl config get-contexts
kubectl config set-context other --namespace=default
kubectl config set-context
kubectl config set-context a b
kubectl config use-context nope
kubectl config use-context other
kubectl config current-context
kubectl config use-context minikube
kubectl get pods --context=nope
kubectl get deployments --context other
kubectl config set-context minikube --namespace=default
kubectl config view -o yaml --raw
kubectl config nope
kubectl config get-clusters
kubectl config get-users
kubectl config rename-context other sandbox
kubectl config rename-context nope x
kubectl config rename-context sandbox minikube
kubectl config delete-context sandbox
kubectl config delete-context sandbox
kubectl config delete-user nobody
minikube stop
kubectl config current-context
minikube delete
kubectl config view)");
    CHECK(test::matchesGolden("kubectl_config.txt", out));
}

TEST_CASE("the kubeconfig is a file of the learner's home and the context namespace is the default", "[kubectl]") {
    test::Laptop laptop;
    laptop.shell.run("minikube start");
    REQUIRE(laptop.files.readFile(cli::KubeconfigPaths{}.globalPath));
    CHECK(laptop.files.readFile(cli::KubeconfigPaths{}.globalPath)->find("server: https://192.168.49.2:8443") != std::string::npos);
    laptop.shell.run("kubectl config set-context --current --namespace=kube-system");
    cli::CommandResult r = laptop.shell.run("kubectl get pods -o name");
    CHECK(r.out.find("pod/etcd-minikube") != std::string::npos);
    laptop.shell.run("kubectl run web --image=nginx");
    CHECK(laptop.shell.run("kubectl get pod web -n kube-system -o name").out == "pod/web\n");
    laptop.shell.run("minikube delete");
    CHECK(cli::currentContext(cli::loadKubeconfig(laptop.files)).empty());
    CHECK(cli::findNamedEntry(cli::loadKubeconfig(laptop.files), "clusters", "minikube") == nullptr);
    // --keep-context writes the entries but leaves the current context alone.
    laptop.shell.run("minikube start --keep-context");
    CHECK(cli::findNamedEntry(cli::loadKubeconfig(laptop.files), "contexts", "minikube") != nullptr);
    CHECK(cli::currentContext(cli::loadKubeconfig(laptop.files)).empty());
}

TEST_CASE("kubectl config view hides certificate data and secrets unless --raw", "[kubectl]") {
    test::Laptop laptop;
    laptop.files.write(cli::KubeconfigPaths{}.globalPath, R"(apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: QUJD
    server: https://1.2.3.4
  name: c
contexts:
- context:
    cluster: c
    user: u
  name: x
current-context: x
kind: Config
users:
- name: u
  user:
    client-certificate-data: QUJD
    client-key-data: QUJD
    token: abc
    password: pw
    username: me
)");
    // kubectl 1.32's output for this file.
    CHECK(laptop.shell.run("kubectl config view").out == R"(apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://1.2.3.4
  name: c
contexts:
- context:
    cluster: c
    user: u
  name: x
current-context: x
kind: Config
preferences: {}
users:
- name: u
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
    password: REDACTED
    token: REDACTED
    username: me
)");
    const std::string json = laptop.shell.run("kubectl config view -o json").out;
    CHECK(json.find(R"(            "user": {
                "client-certificate-data": "DATA+OMITTED",
                "client-key-data": "DATA+OMITTED",
                "token": "REDACTED",
                "username": "me",
                "password": "REDACTED"
            })") != std::string::npos);
    CHECK(laptop.shell.run("kubectl config view --raw").out.find("token: abc") != std::string::npos);
}

TEST_CASE("kubectl api-resources and api-versions list what the apiserver serves", "[kubectl][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start
kubectl api-resources
kubectl api-resources --namespaced=false
kubectl api-resources --api-group=apps -o wide
kubectl api-resources --api-group= --no-headers -o name
kubectl api-resources --verbs=list,watch --sort-by=kind --namespaced=true --api-group=batch
kubectl api-resources -o yaml
kubectl api-resources --sort-by=age
kubectl api-resources pods
kubectl api-versions)");
    CHECK(test::matchesGolden("kubectl_api_resources.txt", out));
}

TEST_CASE("kubectl taint adds, replaces and removes node taints", "[kubectl][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start --nodes=2
sleep 10
kubectl taint nodes minikube-m02 dedicated=gpu:NoSchedule
kubectl taint nodes minikube-m02 dedicated=ml:NoSchedule
kubectl taint nodes minikube-m02 dedicated=ml:NoSchedule --overwrite
kubectl taint nodes minikube-m02 spot=true:PreferNoSchedule
kubectl get node minikube-m02 -o jsonpath={.spec.taints}
kubectl describe node minikube-m02 | grep Schedule
kubectl taint nodes minikube-m02 dedicated:NoSchedule-
kubectl taint nodes minikube-m02 dedicated-
kubectl taint nodes minikube-m02 spot-
kubectl taint nodes minikube-m02 other- nope:NoSchedule-
kubectl taint nodes --all role=edge:NoExecute
kubectl taint nodes -l kubernetes.io/hostname=minikube role-
kubectl taint nodes minikube-m02 role:NoExecute- --dry-run=client
kubectl taint nodes nope a=b:NoSchedule
kubectl taint nodes minikube-m02 a=b:Sometimes
kubectl taint nodes minikube-m02 a=b
kubectl taint nodes minikube-m02 a=b:NoSchedule a-
kubectl taint nodes minikube-m02
kubectl taint nodes a=b:NoSchedule
kubectl taint pods web a=b:NoSchedule
kubectl taint nodes --all -l x=y a=b:NoSchedule
kubectl taint nodes minikube-m02 a=b:NoSchedule other)");
    CHECK(test::matchesGolden("kubectl_taint.txt", out));
}

TEST_CASE("taint specs parse as kubectl parses them", "[kubectl][taint]") {
    using cli::taint::parseTaints;
    SECTION("additions and removals") {
        auto p = parseTaints({"dedicated=gpu:NoSchedule", "spot:PreferNoSchedule", "old-", "x:NoExecute-"});
        REQUIRE(p.error.empty());
        REQUIRE(p.toAdd.size() == 2);
        CHECK(p.toAdd[0].toString() == "dedicated=gpu:NoSchedule");
        CHECK(p.toAdd[1].toString() == "spot:PreferNoSchedule");
        REQUIRE(p.toRemove.size() == 2);
        CHECK(p.toRemove[0].toString() == "old");
        CHECK(p.toRemove[1].toString() == "x:NoExecute");
    }
    SECTION("errors") {
        CHECK(parseTaints({"a=b:Never"}).error == "invalid taint effect: Never, unsupported taint effect");
        // Without an effect the whole text is the key, which is not a valid name.
        CHECK(parseTaints({"a=b"}).error.rfind("invalid taint spec: a=b, name part must consist of", 0) == 0);
        CHECK(parseTaints({"a=b=c:NoSchedule"}).error == "invalid taint spec: a=b=c:NoSchedule");
        CHECK(parseTaints({"a:b:c"}).error == "invalid taint spec: a:b:c");
        CHECK(parseTaints({"a=1:NoSchedule", "a=2:NoSchedule"}).error ==
              "duplicated taints with the same key and effect: {a 2 NoSchedule <nil>}");
        CHECK(parseTaints({"-bad=x:NoSchedule"}).error.rfind("invalid taint spec: -bad=x:NoSchedule, ", 0) == 0);
    }
    SECTION("reorganizing a node's taints") {
        using cli::taint::Taint;
        std::vector<Taint> current{{"a", "1", "NoSchedule", ""}, {"b", "", "NoExecute", ""}};
        auto u = cli::taint::reorganizeTaints(current, true, {{"a", "2", "NoSchedule", ""}}, {{"b", "", "", ""}});
        REQUIRE(u.taints.size() == 1);
        CHECK(u.taints[0].toString() == "a=2:NoSchedule");
        CHECK(u.operation == "modified");
        auto added = cli::taint::reorganizeTaints(current, false, {{"c", "", "NoSchedule", ""}}, {});
        CHECK(added.operation == "tainted");
        CHECK(added.taints.size() == 3);
        auto missing = cli::taint::reorganizeTaints(current, false, {}, {{"zzz", "", "NoSchedule", ""}});
        CHECK(missing.operation == "untainted");
        REQUIRE(missing.errors.size() == 1);
        CHECK(missing.errors[0] == "taint \"zzz:NoSchedule\" not found");
    }
}

TEST_CASE("kubectl wait blocks in virtual time until the condition holds", "[kubectl][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start
kubectl run web --image=nginx
kubectl wait --for=condition=Ready pod/web
kubectl wait --for=condition=ready=True pod/web --timeout=0
kubectl wait --for=jsonpath={.status.phase}=Running pod/web
kubectl wait --for=jsonpath='{.status.phase}'=Pending pod/web --timeout=3s
kubectl create deployment hello --image=nginx --replicas=2
kubectl wait --for=condition=Available deployment/hello --timeout=60s
kubectl wait --for=condition=Ready pods -l app=hello
kubectl wait --for=condition=Ready pods --all
kubectl run broken --image=nginx:no-such-tag
kubectl wait --for=condition=Ready pod/broken --timeout=5s
kubectl wait --for=condition=Ready pod/broken --timeout=0
kubectl run sleeper --image=busybox -- sleep 3600
kubectl wait --for=condition=Ready pod/sleeper
kubectl delete pod sleeper --wait=false
kubectl wait --for=delete pod/sleeper --timeout=5s
kubectl wait --for=delete pod/sleeper --timeout=60s
kubectl wait --for=delete pod/sleeper
kubectl wait --for=create pod/later --timeout=2s
kubectl wait --for=condition=Ready pod/nope
kubectl wait --for=condition=Ready pods -l app=nope
kubectl wait --for=sleepy pod/broken
kubectl wait pod/broken
kubectl wait --for=jsonpath={.status.phase}= pod/broken
kubectl wait --for=condition=Ready)");
    CHECK(test::matchesGolden("kubectl_wait.txt", out));
}

TEST_CASE("kubectl wait moves the clock only as far as it must", "[kubectl][wait]") {
    test::Laptop laptop;
    laptop.shell.run("minikube start");
    SECTION("a condition that holds returns at once") {
        laptop.shell.run("kubectl run web --image=nginx");
        REQUIRE(laptop.shell.run("kubectl wait --for=condition=Ready pod/web --timeout=120s").exitCode == 0);
        const Time before = laptop.cluster.now();
        CHECK(laptop.shell.run("kubectl wait --for=condition=Ready pod/web").exitCode == 0);
        CHECK(laptop.cluster.now() == before);
    }
    SECTION("a pod that becomes ready ends the wait within a step of it") {
        laptop.shell.run("kubectl run web --image=nginx");
        const Time before = laptop.cluster.now();
        REQUIRE(laptop.shell.run("kubectl wait --for=condition=Ready pod/web --timeout=120s").exitCode == 0);
        const Duration waited = laptop.cluster.now() - before;
        CHECK(waited.ms > 0);
        CHECK(waited.ms < 60000);
    }
    SECTION("a negative timeout on a condition that never holds gives up after 30 minutes") {
        laptop.shell.run("kubectl run broken --image=nginx:no-such-tag");
        const Time before = laptop.cluster.now();
        cli::CommandResult r = laptop.shell.run("kubectl wait --for=condition=Ready pod/broken --timeout=-1s");
        CHECK(r.err == "error: timed out waiting for the condition on pods/broken\n");
        CHECK((laptop.cluster.now() - before).ms == 30 * 60 * 1000);
    }
    SECTION("a timeout spends exactly the timeout") {
        laptop.shell.run("kubectl run broken --image=nginx:no-such-tag");
        const Time before = laptop.cluster.now();
        cli::CommandResult r = laptop.shell.run("kubectl wait --for=condition=Ready pod/broken --timeout=7s");
        CHECK(r.exitCode == 1);
        CHECK(r.err == "error: timed out waiting for the condition on pods/broken\n");
        CHECK((laptop.cluster.now() - before).ms == 7000);
    }
}

TEST_CASE("kubectl explain prints the schema in kubectl's plaintext layout", "[kubectl][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start
kubectl explain pods
kubectl explain deployment.spec
kubectl explain pod.spec.restartPolicy
kubectl explain pods.spec.volumes.hostPath
kubectl explain po.metadata.labels
kubectl explain svc.spec.ports --recursive
kubectl explain deploy.spec.strategy --recursive
kubectl explain hpa --api-version=autoscaling/v1
kubectl explain deployments.apps
kubectl explain hpa --api-version=autoscaling/v9
kubectl explain pods.spec.nope
kubectl explain nope
kubectl explain
kubectl explain pods svc)");
    CHECK(test::matchesGolden("kubectl_explain.txt", out));
}

// The same files and commands give kubectl 1.32's output letter for letter (checked against the
// real kubectl): entries merge with the first file winning, changes go back to the file each
// entry came from, new ones to the first file that exists.
TEST_CASE("KUBECONFIG lists several files and --kubeconfig names one", "[kubectl][golden]") {
    test::Laptop laptop;
    laptop.files.write("a.yaml", R"(apiVersion: v1
kind: Config
clusters:
- name: dev
  cluster:
    server: https://10.0.0.1:6443
contexts:
- name: dev
  context:
    cluster: dev
    user: dev
    namespace: team-a
users:
- name: dev
  user:
    token: secret
)");
    laptop.files.write("b.yaml", R"(apiVersion: v1
kind: Config
clusters:
- name: dev
  cluster:
    server: https://10.9.9.9:6443
- name: prod
  cluster:
    server: https://10.0.0.2:6443
contexts:
- name: prod
  context:
    cluster: prod
    user: prod
current-context: prod
users:
- name: prod
  user:
    token: other
)");
    const std::string out = laptop.transcript(R"(export KUBECONFIG=a.yaml:b.yaml
kubectl config view
kubectl config get-contexts
kubectl config current-context
kubectl config use-context dev
cat a.yaml
cat b.yaml
kubectl config set-context qa --cluster=prod --user=prod --namespace=qa
cat a.yaml
kubectl config delete-context prod
cat b.yaml
unset KUBECONFIG
kubectl --kubeconfig=new.yaml config set-context x --cluster=y
cat new.yaml
kubectl --kubeconfig=missing.yaml get pods
echo rc=$?
KUBECONFIG=gone1.yaml:gone2.yaml kubectl config set-context z --cluster=w
cat gone2.yaml
echo "[$KUBECONFIG]"
minikube start --memory=2048 >/dev/null 2>&1
kubectl -n kube-system get deploy -o name
kubectl --context=minikube --namespace kube-system get sa default -o name
kubectl config --kubeconfig=b.yaml get-contexts
KUBECONFIG=a.yaml kubectl get pods
kubectl --foo get pods
kubectl -n)");
    CHECK(test::matchesGolden("kubectl_kubeconfig_files.txt", out));
}

// set-cluster, set-credentials, set and unset on the same files give kubectl 1.32's output and
// files letter for letter (checked against the real kubectl; only the map addresses in "can't
// set a map" and the stack trace after a panic differ). Paths of new files are written relative
// to the kubeconfig file when they lie in its folder.
TEST_CASE("kubectl config set-cluster set-credentials set and unset edit entries", "[kubectl][golden]") {
    test::Laptop laptop;
    laptop.files.write("a.yaml", R"(apiVersion: v1
kind: Config
clusters:
- name: dev
  cluster:
    server: https://10.0.0.1:6443
contexts:
- name: dev
  context:
    cluster: dev
    user: dev
current-context: dev
users:
- name: dev
  user:
    token: secret
)");
    laptop.files.write("b.yaml", R"(apiVersion: v1
kind: Config
clusters:
- name: prod
  cluster:
    server: https://10.0.0.2:6443
contexts:
- name: prod
  context:
    cluster: prod
    user: prod
users:
- name: prod
  user:
    token: other
)");
    laptop.files.write("ca.crt", "CERTDATA\n");
    const std::string out = laptop.transcript(R"(export KUBECONFIG=a.yaml:b.yaml
kubectl config set-cluster prod --server=https://10.0.0.3:6443 --certificate-authority=certs/ca.crt
kubectl config set-cluster staging --server=https://10.0.0.4:6443 --tls-server-name=api.staging
kubectl config set-cluster staging --server=https://10.0.0.5:6443 --proxy-url=http://proxy:3128
kubectl config set-cluster test --certificate-authority=ca.crt --embed-certs
kubectl config set-cluster test --insecure-skip-tls-verify
kubectl config set-credentials prod --client-certificate=certs/prod.crt --client-key=/etc/prod.key
kubectl config set-credentials qa --username=qa --password=secret
kubectl config set-credentials qa --token=t0k3n
kubectl config set-credentials ci --exec-command=./bin/get-token --exec-api-version=client.authentication.k8s.io/v1 --exec-arg=--region,eu --exec-env=A=1 --exec-env=B=2
kubectl config set-credentials ci --exec-env=A- --exec-provide-cluster-info --exec-interactive-mode=Never
kubectl config set-credentials oidc --auth-provider=oidc --auth-provider-arg=client-id=web,client-secret=s3
kubectl config set-credentials oidc --auth-provider-arg=client-secret-
kubectl config set-credentials dev --client-certificate=ca.crt --embed-certs
kubectl config set contexts.prod.namespace web
kubectl config set contexts.qa.cluster staging
kubectl config set clusters.10.0.0.9.server https://10.0.0.9
kubectl config set users.qa.client-key-data raw-key --set-raw-bytes
kubectl config set users.qa.client-certificate-data Q0VSVERBVEEK
kubectl config set clusters.staging.insecure-skip-tls-verify True
kubectl config set preferences.colors true
kubectl config set current-context prod
cat a.yaml
cat b.yaml
kubectl config view -o json
kubectl config unset users.prod
kubectl config unset clusters.prod.certificate-authority
kubectl config unset contexts.prod.namespace
kubectl config unset clusters.10.0.0.9
kubectl config unset preferences
kubectl config unset current-context
cat a.yaml
cat b.yaml
kubectl config get-clusters
kubectl config get-users
kubectl config set-cluster
kubectl config set-cluster ""
kubectl config set-cluster x --embed-certs
kubectl config set-cluster x --embed-certs --certificate-authority=nope.crt
kubectl config set-cluster x --insecure-skip-tls-verify --certificate-authority=ca.crt
kubectl config set-cluster x --insecure-skip-tls-verify=maybe
kubectl config set-credentials x --token=t --username=u
kubectl config set-credentials x --embed-certs
kubectl config set-credentials x --embed-certs --client-key=nope.key
kubectl config set-credentials x --exec-interactive-mode=Sometimes
kubectl config set-credentials x --auth-provider-arg=bad 2>&1 >/dev/null
kubectl config set-credentials 2>&1 >/dev/null
kubectl config set current-context ""
kubectl config set current-context 2>&1 >/dev/null
kubectl config set nope x
kubectl config set preferences.nope x
kubectl config set preferences x
kubectl config set clusters.dev.server.port 1
kubectl config set clusters.dev x
kubectl config set users.dev.exec.command x
kubectl config set users.dev.act-as-groups x
kubectl config set users.dev.client-key-data abc
kubectl config set clusters.dev.insecure-skip-tls-verify yes
kubectl config set clusters.dev.extensions.x y
kubectl config unset users.nobody.token
kubectl config unset 2>&1 >/dev/null
kubectl config --help
kubectl config >/dev/null 2>&1
kubectl config use-context 2>&1 >/dev/null
kubectl config rename-context a 2>&1 >/dev/null
kubectl config delete-cluster
kubectl config delete-user
kubectl config set-context --current -n x
unset KUBECONFIG
kubectl --kubeconfig=k.yaml config set-cluster k --server=https://k:6443
kubectl config --kubeconfig=k.yaml set-credentials k --token=t
cat k.yaml
minikube start --memory=2048 >/dev/null 2>&1
kubectl config set-cluster minikube --proxy-url=http://proxy:3128
kubectl config set-credentials minikube --client-key=.minikube/profiles/minikube/client.key
kubectl config view --minify)");
    CHECK(test::matchesGolden("kubectl_config_set.txt", out));
}
