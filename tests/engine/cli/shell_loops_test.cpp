// Loops, `if`, `read` and `test` in the terminal's shell: the forms learners type around kubectl
// (`for p in $(kubectl get pods -o name); do ...; done`, `kubectl get pods | while read ...`).
// The shell-only lines and every error text were checked against bash 5.2 (interactive).
#include <catch2/catch.hpp>

#include "laptop.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("for while and if loops run kubectl commands as bash does", "[shell][golden]") {
    test::Laptop laptop;
    const std::string out = test::transcript(laptop.shell, R"(minikube start >/dev/null
kubectl create deployment web --image=nginx --replicas=3
kubectl rollout status deployment/web >/dev/null
for i in 1 2 3; do kubectl create configmap cm-$i --from-literal=n=$i; done
for p in $(kubectl get pods -o name); do kubectl label $p checked=yes; done
kubectl get pods -o name | while read p; do echo "pod: ${p#pod/}"; done
kubectl get pods --no-headers | cut -d ' ' -f 1 | cut -c 1-14 | sort | uniq -c
kubectl get pods | while read name ready rest; do echo "$name is $ready"; done
for cm in cm-1 cm-x; do if kubectl get configmap $cm >/dev/null 2>&1; then echo "$cm exists"; else echo "$cm missing"; fi; done
for ns in default kube-system
do
  echo "== $ns"
  kubectl get deploy -n $ns -o name
done
while read name value; do kubectl create configmap $name --from-literal=value=$value; done <<EOF
alpha 1
beta 2
EOF
kubectl get configmaps -o name | grep -c cm-
for i in 1 2 3; do for j in a b; do echo $i$j; continue 2; done; done
for i in 1 2 3; do [ $i = 2 ] && break; echo $i; done
x=unset; echo a | read x; echo "[$x]"
read -r a b <<< "1 2 3"; echo "[$a][$b]"
IFS=: read x y <<< "a:b:c"; echo "[$x][$y]"
i=0; until [ $i = 3 ]; do i=$(echo $i | tr 012 123); echo $i; done
if [ -z "" ]; then echo empty; elif true; then echo no; fi
for i in 1 2; echo $i; done
for i in 1; do done
for 1 in a; do echo; done
if true; fi
done
for i in 1; do echo $i; done x
break
for i in 1; do break 0; echo no; done
[ a -lt 3 ]
[ 1 -lt 2
read 1x <<< a
for i in 1 2; do echo $i)", true);
    CHECK(test::matchesGolden("shell_loops.txt", out));
}

TEST_CASE("a while loop stops at the iteration cap instead of hanging", "[shell]") {
    test::Laptop laptop;
    cli::CommandResult r = laptop.shell.run("n=; while true; do n=${n}x; done; echo ${#n}");
    CHECK(r.out == "1000\n");
    CHECK(r.err == "bash: loop stopped after 1000 iterations (kubeplay limit)\n");
}
