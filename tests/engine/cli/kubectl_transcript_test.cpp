// Golden transcripts: a script of commands and the exact terminal output, through the Shell.
// `kp_tests --update-golden` rewrites tests/golden/*.txt; review every regeneration.
#include <catch2/catch.hpp>

#include <sstream>

#include "cli/memory_file_system.h"
#include "cli/shell.h"
#include "shell_transcript.h"
#include "test_support.h"

using namespace kp;
using test::transcript;

namespace {

const char* kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
  labels:
    app: hello
spec:
  replicas: 2
  selector:
    matchLabels:
      app: hello
  template:
    metadata:
      labels:
        app: hello
    spec:
      containers:
      - name: web
        image: k8s.gcr.io/echoserver:1.10
        ports:
        - containerPort: 8080
)";

}  // namespace

TEST_CASE("apply, read back, patch three ways and delete a Deployment", "[cli][golden]") {
    Cluster cluster;
    cli::MemoryFileSystem fs;
    fs.write("hello.yaml", kDeployment);
    std::string v2 = kDeployment;
    v2.replace(v2.find("replicas: 2"), 11, "replicas: 3");
    v2.replace(v2.find("echoserver:1.10"), 15, "echoserver:1.4");
    fs.write("hello-v2.yaml", v2);
    cli::Shell shell(cluster, fs);
    std::string out = transcript(shell, R"(kubectl apply -f hello.yaml
kubectl apply -f hello.yaml
kubectl get deployment hello -o yaml
kubectl apply -f hello-v2.yaml
kubectl get deploy hello -o json
kubectl patch deployment hello -p '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}'
kubectl patch deployment hello --type merge -p '{"metadata":{"labels":{"tier":"frontend"}}}'
kubectl patch deployment hello --type json -p '[{"op":"replace","path":"/spec/replicas","value":5}]'
kubectl patch deployment hello --type json -p '[{"op":"replace","path":"/spec/nope","value":5}]'
kubectl patch deployment hello --type merge -p '{"metadata":{"labels":{"tier":"frontend"}}}'
kubectl get deployment hello -o yaml
kubectl get deployments
kubectl get deploy,svc -o name
kubectl get podz
kubectl get deployment missing
kubectl delete deployment hello
kubectl delete deployment hello
kubectl create -f hello.yaml
kubectl create -f hello.yaml
kubectl delete -f hello.yaml --cascade=orphan
nope)");
    CHECK(test::matchesGolden("kubectl_apply_patch_delete.txt", out));
}

TEST_CASE("invalid manifests fail with kubectl's messages", "[cli][golden]") {
    Cluster cluster;
    cli::MemoryFileSystem fs;
    std::string bad = kDeployment;
    bad.replace(bad.find("name: hello"), 11, "name: Hello_World");
    fs.write("bad-name.yaml", bad);
    fs.write("unknown-field.yaml", std::string(kDeployment) + "  paused: true\n  foo: bar\n");
    fs.write("broken.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   labels: {}\n");
    fs.write("nokind.yaml", "metadata:\n  name: x\n");
    fs.write("crd.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");
    cli::Shell shell(cluster, fs);
    std::string out = transcript(shell, R"(kubectl apply -f bad-name.yaml
kubectl apply -f unknown-field.yaml
kubectl apply -f broken.yaml
kubectl apply -f nokind.yaml
kubectl apply -f crd.yaml
kubectl apply -f missing.yaml)");
    CHECK(test::matchesGolden("kubectl_invalid_manifests.txt", out));
}

TEST_CASE("hostile manifests get clear errors and the cluster keeps working", "[cli][golden][hostile]") {
    Cluster cluster;
    cli::MemoryFileSystem fs;
    // A billion-laughs alias bomb.
    std::string bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
    const char* names = "abcdefghi";
    for (int i = 1; i < 9; ++i) {
        bomb += std::string(1, names[i]) + ": &" + names[i] + " [";
        for (int j = 0; j < 9; ++j)
            bomb += std::string(j ? "," : "") + "*" + names[i - 1];
        bomb += "]\n";
    }
    fs.write("bomb.yaml", bomb);
    // 10,000-deep nesting, flow and block.
    fs.write("deep-flow.yaml", std::string(10000, '[') + std::string(10000, ']') + "\n");
    std::string block;
    for (int i = 0; i < 10000; ++i)
        block += std::string(static_cast<size_t>(i) * 2, ' ') + "k:\n";
    fs.write("deep-block.yaml", block);
    // A ConfigMap just over the 3 MiB request limit.
    fs.write("huge.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  blob: \"" +
                              std::string(3 * 1024 * 1024, 'x') + "\"\n");
    fs.write("tab.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n");
    fs.write("ok.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\ndata:\n  a: \"1\"\n");
    cli::Shell shell(cluster, fs);
    std::string out = transcript(shell, R"(kubectl apply -f bomb.yaml
kubectl apply -f deep-flow.yaml
kubectl apply -f deep-block.yaml
kubectl create -f huge.yaml
kubectl apply -f tab.yaml
kubectl apply -f ok.yaml
kubectl get configmap fine -o name
kubectl get cm huge
kubectl 'unterminated
kubectl get)");
    CHECK(test::matchesGolden("kubectl_hostile_input.txt", out));
}

// kubectl apply --prune: what an earlier apply made and the folder no longer holds is deleted;
// objects made otherwise (kubectl create) stay; kubectl's checks of the prune flags.
TEST_CASE("apply --prune deletes what was applied before and is no longer in the files", "[cli][golden]") {
    Cluster cluster;
    cli::MemoryFileSystem fs;
    cli::Shell shell(cluster, fs);
    std::string out = transcript(shell, R"(mkdir app
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    app: x\n' > app/a.yaml
printf 'apiVersion: v1\nkind: Service\nmetadata:\n  name: b\n  labels:\n    app: x\nspec:\n  ports:\n  - port: 80\n' > app/b.yaml
kubectl create configmap manual
kubectl label configmap manual app=x
kubectl apply -f app/ --prune
kubectl apply -f app/ -l app=x --prune --all
kubectl apply -f app/ -l app=x --prune --force
kubectl apply -f app/ -l app=x --prune --server-side
kubectl apply -f app/ -l app=x --prune
rm app/b.yaml
kubectl apply -f app/ -l app=x --prune --dry-run=client
kubectl apply -f app/ -l app=x --prune
kubectl get configmaps,services -l app=x)");
    CHECK(test::matchesGolden("kubectl_apply_prune.txt", out));
}
