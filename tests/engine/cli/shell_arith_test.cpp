// Arithmetic in the terminal's shell: $((...)), ((...)), let and for ((...)), as bash 5.2
// evaluates them, and
// brace expansion ({1..3}, {a,b}, file{1,2}.yaml, {01..10}), and GNU seq and yes (texts checked
// against coreutils 9.1).
// Every line and error text was checked against bash 5.2 (interactive): an error in $((...))
// prints bash's message, sets $? to 1 and discards the rest of the command line.
#include <catch2/catch.hpp>

#include "cli/sh/arith.h"
#include "laptop.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("Arithmetic expansion and the (( )) command work as in bash", "[shell][golden]") {
    test::Laptop laptop;
    const std::string out = test::transcript(laptop.shell, R"SH(minikube start >/dev/null
kubectl create deployment web --image=nginx --replicas=2 >/dev/null
n=$(kubectl get pods -o name | wc -l); echo "pods: $n, twice: $((n * 2))"
kubectl scale deployment web --replicas=$((n + 1))
echo $((6*7)) $(( (3+4) * 2 )) $((10 % 3)) $(( 1 - -1 )) $((7/2)) $((-7/2)) $((2**10))
i=5; echo $((i+1)) $(( i * 2 )) $((i)) $(( $i + 1 ))
v=3+4; echo $((v*2)); unset u; echo $((u+1))
((i++)); echo $i rc=$?
((0)); echo rc=$?
(( i = i * 2 )); echo $i
let i=i+1 j=2; echo $i $j rc=$?
let; echo rc=$?
((1/0)); echo rc=$?
echo "$((2*3))" '$((2*3))'
echo $((1/0)); echo not printed
echo rc=$?
echo a $((2+)) b
echo $(( 1/0 ))
echo $((08)) $((0x1f))
echo $((5/0+1))
echo $((1 2 3))
echo $((1 @ 2))
echo $((3 = 4))
echo $((3 ** -1))
w=w; echo $((w))
echo $((a=5, a*2)) $a
i=3; echo $((i+=2)) $((i-=1)) $((i*=3)) $((i/=2)) $((i%=4)) $i
echo $((0 && 1/0)) $((1 || 1/0)) $((0 ? 1/0 : 5)) $((9223372036854775807+1))
for k in 1 2 3; do echo $((k * k)); done
c=0; while ((c < 3)); do echo "round $c"; ((c++)); done
for ((i=1; i<=2; i++)); do kubectl create configmap arith-$i --from-literal=n=$((i * 10)); done
for ((i=0;i<2;i++)) do echo x$i; done
for (( ; ; )); do echo once; break; done
for ((i=0; i<3)); do echo $i; done
for ((i=0; 1/0; i++)); do echo $i; done; echo rc=$?
n=2; for ((i=n; i>0; i--)); do echo $i; done
for ((i=0; i<$n; i++))
do
  echo multi $i
done)SH",
                                             true);
    CHECK(test::matchesGolden("shell_arith.txt", out));
}

TEST_CASE("Arithmetic evaluation reports bash's errors", "[shell]") {
    cli::sh::ArithVariables vars{[](const std::string& n) { return n == "x" ? std::string("21") : std::string(); },
                                 nullptr};
    CHECK(cli::sh::evaluateArithmetic(" x * 2 ", vars).value == 42);
    CHECK(cli::sh::evaluateArithmetic("2/(1-1)", vars).error == "2/(1-1): division by 0 (error token is \"(1-1)\")");
    CHECK(cli::sh::evaluateArithmetic("1 +", vars).error == "1 +: syntax error: operand expected (error token is \"+\")");
    CHECK(cli::sh::evaluateArithmetic("2#102", vars).error ==
          "2#102: value too great for base (error token is \"2#102\")");
    CHECK(cli::sh::evaluateArithmetic("4#12", vars).value == 6);
    CHECK(cli::sh::evaluateArithmetic("5 -- 2", vars).value == 7);
}

TEST_CASE("Brace expansion makes words as bash does", "[shell][golden]") {
    test::Laptop laptop;
    const std::string out = test::transcript(laptop.shell, R"SH(minikube start >/dev/null
for i in {1..3}; do kubectl create configmap cm-$i --from-literal=n=$i; done
kubectl get configmap cm-{1,3} -o name
kubectl delete configmap cm-{1..3}
echo {1..3} {a,b,c} file{1,2}.yaml {01..10} "{1..3}" {3..1} {a..e} {1..10..3}
echo {x} {} {1..} a{,b} {a,b}{1,2} x{a,{b,c}}y {,} {a,}
echo '{a,b}' \{a,b\} {a\,b,c} ${HOME}{a,b} {$HOME,x} $(echo {1,2})
echo {1..a} {a..e..2} {1..3..0} {-3..3} {+1..3} {-01..3} {5..1..2} {1..5..-2} {1..010}
echo {1..3}{a..b} {{1..2},x} a{b}c{d,e} pre{1..2}post {1...3} {..3} {a..b
echo ab{"c,d"} ab{"c",d} {a,"b c"}
x={a,b}; echo $x)SH");
    CHECK(test::matchesGolden("shell_braces.txt", out));
}

TEST_CASE("seq and yes print as GNU coreutils does", "[shell][golden]") {
    test::Laptop laptop;
    const std::string out = test::transcript(laptop.shell, R"SH(minikube start >/dev/null
for i in $(seq 2); do kubectl create namespace team-$i; done
seq -s ' ' -w 8 10; seq 3 | tail -1; seq 2 5; seq 1 2 9; seq -s, 3; seq 5 1; seq -3 -1; seq 10 -3 1
seq -w -5 5 | head -3; seq 1 0.5 3; seq 0.1 0.1 0.3; seq 1.5 3; seq -f %03g 3; seq -f 'n=%.2f' 2; seq -- -1 1
seq
seq abc
seq 1 2 3 4
seq 1 0 3
seq -x
seq --foo 3
seq -s
seq -f %d 3
seq -f abc 3
seq -f %03g -w 3
yes | head -3
yes a b | head -2
yes | wc -l
yes -x
yes --foo
yes ok | tail -1)SH");
    CHECK(test::matchesGolden("shell_seq_yes.txt", out));
}
