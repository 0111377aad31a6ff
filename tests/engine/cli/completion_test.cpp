// Shell completion (cli/completion.h): `kubectl __complete` as cobra's protocol V2 answers it,
// `kubectl completion SHELL`, and the page's Tab, which asks the same engine function. The
// __complete answers were checked against kubectl 1.32 (KUBECONFIG pointing at no server for
// the client-only ones).
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "cli/completion.h"
#include "laptop.h"
#include "test_support.h"

using namespace kp;

namespace {

std::vector<std::string> tab(test::Laptop& laptop, const std::string& line) {
    return cli::completeLine(laptop.cluster, laptop.files, line).candidates;
}

using Words = std::vector<std::string>;

}  // namespace

TEST_CASE("kubectl completion and __complete", "[kubectl][completion][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(kubectl completion
kubectl completion foo
kubectl completion bash zsh
kubectl completion -h
kubectl completion bash | head -3
kubectl completion zsh | head -2
kubectl completion fish | head -2
kubectl completion powershell | head -2
kubectl completion bash > ~/completion.bash.inc
head -1 ~/completion.bash.inc
ls
source ~/completion.bash.inc
source <(kubectl completion bash)
source
. nofile
echo 'echo sourced $HOME' > hello.sh
. hello.sh
kubectl __complete ""
kubectl __completeNoDesc r
kubectl __complete get ""
kubectl __complete get po
kubectl __complete -n ""
kubectl __complete get pods --output ""
kubectl __complete get --output=j
kubectl __complete run x -o ""
kubectl __complete
kubectl __complete get -o=y
kubectl __complete create ""
kubectl __complete rollout ""
kubectl __complete rollout status d
kubectl __complete rollout zz
kubectl __complete scale ""
kubectl __complete scale --replicas=2 ""
kubectl __complete create deployment web ""
kubectl __completeNoDesc create deployment web --
kubectl __completeNoDesc create deployment web --image=nginx --r
kubectl __complete set image ""
kubectl __complete taint ""
kubectl __complete get pods -f ""
kubectl __complete get pods -l ""
kubectl __complete get pods --help ""
kubectl __complete logs ""
kubectl __complete completion ""
kubectl __complete version ""
kubectl __complete nosuch ""
kubectl __completeNoDesc get --a
kubectl __completeNoDesc get --h
kubectl __completeNoDesc --n
kubectl __completeNoDesc -n default c
kubectl __completeNoDesc get -A --a
kubectl __completeNoDesc get -f x.yaml --f
minikube start >/dev/null
kubectl create deployment web --image=nginx --replicas=2 >/dev/null
kubectl expose deployment web --port=80 >/dev/null
kubectl completion bash > ~/.kube/completion.bash.inc
ls ~/.kube
kubectl __complete get po
kubectl __complete get pods,se
kubectl __complete get pods ""
kubectl __complete get deployments web ""
kubectl __complete get deploy/
kubectl __complete get deploy/web s
kubectl __complete -n ""
kubectl __complete get pods -n kube-system kube-s
kubectl __complete -n kube-system get pods kube-s
kubectl __complete get pods --namespace=kube-system etcd
kubectl __complete logs -n kube-system ""
kubectl __complete logs deployments/
kubectl __complete describe node ""
kubectl __complete cordon ""
kubectl __complete top node ""
kubectl __complete rollout status deployment ""
kubectl __complete port-forward svc/web ""
kubectl __complete config use-context ""
kubectl __complete --context ""
kubectl get pods -o name | wc -l)");
    CHECK(test::matchesGolden("kubectl_completion.txt", out));
}

TEST_CASE("the page's Tab completes what kubectl __complete answers", "[completion]") {
    test::Laptop laptop;
    laptop.transcript("minikube start >/dev/null\nkubectl create deployment web --image=nginx >/dev/null");
    for (const char* line : {"kubectl ", "kubectl get ", "kubectl get po", "kubectl get pods ", "kubectl -n ",
                             "kubectl get pods -n kube-system kube-", "kubectl get -o ", "kubectl create ",
                             "kubectl rollout status ", "kubectl logs ", "kubectl get deploy/", "kubectl get --all"}) {
        INFO(line);
        std::string request = std::string(line).substr(std::string("kubectl ").size());
        std::string last = request.substr(request.rfind(' ') == std::string::npos ? 0 : request.rfind(' ') + 1);
        request = "kubectl __completeNoDesc " + request + (last.empty() ? "\"\"" : "");
        std::istringstream lines(laptop.shell.run(request).out);
        Words fromKubectl;
        for (std::string w; std::getline(lines, w);)
            if (!w.empty() && w[0] != ':')
                fromKubectl.push_back(w);
        std::sort(fromKubectl.begin(), fromKubectl.end());
        CHECK(tab(laptop, line) == fromKubectl);
    }
}

TEST_CASE("the page's Tab completes commands names flags and files", "[completion]") {
    test::Laptop laptop;
    laptop.files.writeFile("web.yaml", "");
    laptop.files.writeFile("notes.txt", "");
    SECTION("before the cluster runs: no names, no resource types") {
        CHECK(tab(laptop, "kubectl get no").empty());
        CHECK(tab(laptop, "kubectl get pods --all-n") == Words{"--all-namespaces"});
        CHECK(tab(laptop, "kubectl create deploy") == Words{"deployment"});
        CHECK(tab(laptop, "kubectl comp") == Words{"completion"});
        CHECK(tab(laptop, "kubectl completion b") == Words{"bash"});
        CHECK(tab(laptop, "kubectl get -o j") == Words{"json", "jsonpath", "jsonpath-as-json", "jsonpath-file"});
        CHECK(tab(laptop, "kubectl get --output=y") == Words{"--output=yaml"});
        // -f takes manifest files (json, yaml, yml) and folders; a command without a completion
        // function gets every file, as bash's default completion.
        CHECK(tab(laptop, "kubectl apply -f ") == Words{"web.yaml"});
        CHECK(tab(laptop, "kubectl explain ") == Words{"notes.txt", "web.yaml"});
        CHECK(tab(laptop, "cat w") == Words{"web.yaml"});
        CHECK(tab(laptop, "kubectl get pods > n") == Words{"notes.txt"});
        laptop.transcript("mkdir -p ~/.kube\nkubectl completion bash > ~/.kube/completion.bash.inc");
        CHECK(tab(laptop, "source ~/.kube/c") == Words{"~/.kube/completion.bash.inc"});
    }
    SECTION("the shell's own commands come from its dispatch tables") {
        CHECK(tab(laptop, "hist") == Words{"history"});
        CHECK(tab(laptop, "mkd") == Words{"mkdir"});
        CHECK(tab(laptop, "tou") == Words{"touch"});
        CHECK(tab(laptop, "di") == Words{"diff"});
        CHECK(tab(laptop, "wh") == Words{"while"});
        CHECK(tab(laptop, "kubectl get pods | gr") == Words{"grep"});
    }
    SECTION("minikube and docker from their help") {
        CHECK(tab(laptop, "minikube st") == Words{"start", "status", "stop"});
        CHECK(tab(laptop, "minikube start --image-mirror") == Words{"--image-mirror-country"});
        CHECK(tab(laptop, "docker i") == Words{"images", "inspect"});
        CHECK(tab(laptop, "docker ") == Words{"exec", "images", "inspect", "logs", "ps"});
    }
    SECTION("with the cluster: resource types and object names from the store") {
        laptop.transcript("minikube start >/dev/null");
        CHECK(tab(laptop, "kubectl get no") == Words{"nodes"});
        CHECK(tab(laptop, "kubectl get nodes m") == Words{"minikube"});
        CHECK(tab(laptop, "kubectl get pods -n kube-system kube-s") == Words{"kube-scheduler-minikube"});
        CHECK(tab(laptop, "kubectl -v 6 --namespace=kube-system get pods kube-s") == Words{"kube-scheduler-minikube"});
        CHECK(tab(laptop, "kubectl get ns kube-p") == Words{"kube-public"});
        CHECK(tab(laptop, "kubectl -n kube-n") == Words{"kube-node-lease"});
        CHECK(tab(laptop, "minikube node stop m") == Words{"minikube"});
        CHECK(tab(laptop, "minikube service ku") == Words{"kubernetes"});
        // The kubeconfig context's namespace is where names come from, as for kubectl itself.
        laptop.transcript("kubectl config set-context --current --namespace=kube-system >/dev/null");
        CHECK(tab(laptop, "kubectl get pods kube-s") == Words{"kube-scheduler-minikube"});
        // No names once the server is gone (minikube stop removes the context too).
        laptop.transcript("minikube stop >/dev/null");
        CHECK(tab(laptop, "kubectl get nodes m").empty());
    }
}

TEST_CASE("every command the Tab offers first runs in the shell", "[completion][shell]") {
    test::Laptop laptop;
    const Words names = cli::shellCommandNames();
    CHECK(std::is_sorted(names.begin(), names.end()));
    for (const char* expected : {"kubectl", "minikube", "docker", "curl", "nc", "echo", "cd", "history", "grep",
                                 "diff", "mkdir", "touch", "read", "for", "while"})
        CHECK(std::find(names.begin(), names.end(), expected) != names.end());
    for (const std::string& name : names) {
        INFO(name);
        if (name == "exit" || name == "read" || name == "yes")
            continue;  // these would end the shell or wait for input
        const cli::CommandResult r = laptop.shell.run(name + " </dev/null");
        CHECK(r.exitCode != 127);
        CHECK(r.terminalText().find("command not found") == std::string::npos);
    }
}
