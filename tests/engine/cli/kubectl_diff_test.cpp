// kubectl diff -f: the live objects against the server's dry run of the apply, printed by
// `diff -u -N` over two folders; exit 0 when nothing would change, 1 when something would, 2
// for kubectl's own errors. Secret data is masked. Golden.
#include <catch2/catch.hpp>

#include "cli/unified_diff.h"
#include "laptop.h"
#include "test_support.h"

using namespace kp;

namespace {

const char* kWeb = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
)";

}  // namespace

TEST_CASE("kubectl diff shows what apply would change, and says so in its exit status", "[kubectl][diff][golden]") {
    test::Laptop laptop;
    REQUIRE(laptop.files.writeFile("web.yaml", kWeb));
    const std::string out = laptop.transcript(R"(minikube start >/dev/null
kubectl diff -f web.yaml | head -8
kubectl apply -f web.yaml
kubectl diff -f web.yaml
echo $?
sed -i 's/replicas: 2/replicas: 3/; s/1.14.2/1.16.1/' web.yaml
kubectl diff -f web.yaml
echo $?
kubectl get deployment web -o jsonpath='{.spec.replicas}{"\n"}'
kubectl diff
kubectl diff -f missing.yaml
kubectl create secret generic s --from-literal=a=1 --from-literal=b=2
kubectl get secret s -o yaml > s.yaml
sed -i 's/MQ==/Mw==/' s.yaml
kubectl diff -f s.yaml 2>/dev/null)");
    CHECK(test::matchesGolden("kubectl_diff.txt", out));
    CHECK(out.find("-  replicas: 2\n+  replicas: 3\n") != std::string::npos);
    CHECK(out.find("-  generation: 1\n+  generation: 2\n") != std::string::npos);
    CHECK(out.find("a: '*** (before)'") != std::string::npos);
    CHECK(out.find("Mw==\n") == std::string::npos);  // the data itself is masked
}

TEST_CASE("unified hunks: context, merged changes, empty sides and a missing last newline", "[diff]") {
    CHECK(cli::unifiedHunks("a\nb\n", "a\nb\n").empty());
    CHECK(cli::unifiedHunks("", "x\ny\n") == "@@ -0,0 +1,2 @@\n+x\n+y\n");
    CHECK(cli::unifiedHunks("x\n", "") == "@@ -1 +0,0 @@\n-x\n");
    // One change in the middle keeps 3 lines on each side.
    CHECK(cli::unifiedHunks("1\n2\n3\n4\n5\n6\n7\n", "1\n2\n3\nX\n5\n6\n7\n") ==
          "@@ -1,7 +1,7 @@\n 1\n 2\n 3\n-4\n+X\n 5\n 6\n 7\n");
    // Changes 7 equal lines apart are two hunks; 6 apart are one.
    const std::string base = "a\n1\n2\n3\n4\n5\n6\n7\nb\n";
    CHECK(cli::unifiedHunks(base, "A\n1\n2\n3\n4\n5\n6\n7\nB\n") ==
          "@@ -1,4 +1,4 @@\n-a\n+A\n 1\n 2\n 3\n@@ -6,4 +6,4 @@\n 5\n 6\n 7\n-b\n+B\n");
    CHECK(cli::unifiedHunks("a\n1\n2\n3\n4\n5\n6\nb\n", "A\n1\n2\n3\n4\n5\n6\nB\n") ==
          "@@ -1,8 +1,8 @@\n-a\n+A\n 1\n 2\n 3\n 4\n 5\n 6\n-b\n+B\n");
    CHECK(cli::unifiedHunks("a\n", "a") == "@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file\n");
}

TEST_CASE("unified hunks of long texts: a new file and one changed line cost no more than their edits", "[diff]") {
    std::string big;
    for (int i = 0; i < 200000; ++i)
        big += "line " + std::to_string(i) + "\n";
    const std::string added = cli::unifiedHunks("", big);
    CHECK(added.rfind("@@ -0,0 +1,200000 @@\n+line 0\n", 0) == 0);
    CHECK(added.size() == big.size() + 200000 + std::string("@@ -0,0 +1,200000 @@\n").size());
    std::string changed = big;
    changed.replace(changed.find("line 100000\n"), 12, "LINE 100000\n");
    CHECK(cli::unifiedHunks(big, changed) ==
          "@@ -99998,7 +99998,7 @@\n line 99997\n line 99998\n line 99999\n-line 100000\n+LINE 100000\n line 100001\n"
          " line 100002\n line 100003\n");
}

// kubectl apply --server-side sends the manifest whole; the server merges it and records the
// "kubectl" manager's fields, so a field another manager set since (kubectl scale) is a conflict
// until --force-conflicts takes it over. diff --server-side shows the same dry run.
TEST_CASE("kubectl apply and diff --server-side go through server-side apply and its conflicts", "[kubectl][diff][golden]") {
    test::Laptop laptop;
    REQUIRE(laptop.files.writeFile("web.yaml", kWeb));
    const std::string out = laptop.transcript(R"(minikube start >/dev/null
kubectl apply --server-side -f web.yaml
kubectl get deployment web -o jsonpath='{range .metadata.managedFields[*]}{.manager} {.operation}{"\n"}{end}' --show-managed-fields
kubectl get deployment web -o jsonpath='{.metadata.annotations}{"\n"}'
kubectl apply --server-side -f web.yaml
kubectl scale deployment web --replicas=3
sed -i 's/1.14.2/1.16.1/' web.yaml
kubectl diff --server-side -f web.yaml
echo $?
kubectl apply --server-side -f web.yaml
kubectl apply --server-side --dry-run=server --force-conflicts -f web.yaml
kubectl get deployment web -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].image}{"\n"}'
kubectl diff --server-side --force-conflicts -f web.yaml | grep '^[-+] '
kubectl apply --server-side --force-conflicts -f web.yaml
kubectl get deployment web -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].image}{"\n"}'
kubectl apply -f web.yaml --force-conflicts
kubectl apply --server-side --dry-run=client -f web.yaml)");
    CHECK(test::matchesGolden("kubectl_apply_server_side.txt", out));
    CHECK(out.find("deployment.apps/web serverside-applied\n") != std::string::npos);
    CHECK(out.find("error: Apply failed with 1 conflict: conflict with \"kubectl-scale\" using apps/v1: .spec.replicas\n"
                   "Please review the fields above") != std::string::npos);
    CHECK(out.find("2 nginx:1.16.1\n") != std::string::npos);  // forced: the manifest's replicas win
}

// The shell's diff prints what GNU diff prints for the same files (checked against diff 3.10).
TEST_CASE("the shell's diff compares two files as GNU diff does", "[shell][diff][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(printf "a\nb\nc\n" > d1
printf "a\nB\nc\nd\n" > d2
printf "x" > d3
diff d1 d2
diff -q d1 d2
diff -u d1 d2
diff d1 d3
cat d2 | diff d1 -
diff -s d1 d1
diff d1 nope
diff d1)");
    CHECK(test::matchesGolden("shell_diff.txt", out));
    CHECK(out.find("$ diff d1 d2\n2c2\n< b\n---\n> B\n3a4\n> d\n[exit 1]\n") != std::string::npos);
}
