// Commands that name a workload or Service where a pod is meant (logs, exec, port-forward): the
// pod kubectl picks, its notices, and the terminal order of stderr notices and output.
// Golden transcript.
#include <catch2/catch.hpp>

#include "cli/command_result.h"
#include "cli/kubectl/pod_for_object.h"
#include "laptop.h"
#include "test_support.h"

using namespace kp;

namespace {

ObjectPtr pod(const std::string& name, const std::string& phase, bool ready, const std::string& readySince, int restarts,
              const std::string& created, const std::string& node = "minikube") {
    Json p = {{"metadata", {{"name", name}, {"creationTimestamp", created}}},
              {"spec", {{"nodeName", node}}},
              {"status",
               {{"phase", phase},
                {"conditions", Json::array({{{"type", "Ready"}, {"status", ready ? "True" : "False"},
                                             {"lastTransitionTime", readySince}}})},
                {"containerStatuses", Json::array({{{"name", "c"}, {"restartCount", restarts}}})}}}};
    return std::make_shared<const Json>(std::move(p));
}

std::vector<std::string> names(const std::vector<ObjectPtr>& pods) {
    std::vector<std::string> out;
    for (const ObjectPtr& p : pods)
        out.push_back(stringAt(*p, "metadata.name"));
    return out;
}

}  // namespace

TEST_CASE("logs and exec prefer pods as kubectl's ByLogging and ActivePods orders do", "[cli][kubectl][pod-target]") {
    const std::vector<ObjectPtr> pods = {
        pod("pending", "Pending", false, "", 0, "2025-01-15T10:00:00Z", ""),
        pod("young", "Running", true, "2025-01-15T10:05:00Z", 0, "2025-01-15T10:04:00Z"),
        pod("old", "Running", true, "2025-01-15T10:01:00Z", 0, "2025-01-15T10:00:30Z"),
        pod("crashy", "Running", true, "2025-01-15T10:01:00Z", 3, "2025-01-15T10:00:30Z"),
        pod("unready", "Running", false, "", 0, "2025-01-15T10:00:10Z"),
    };
    std::vector<ObjectPtr> forLogs = pods, forAttach = pods;
    cli::sortPodsByPreference(forLogs, cli::PodPreference::ForLogs);
    cli::sortPodsByPreference(forAttach, cli::PodPreference::ForAttach);
    // Logs: ready longest first, and among those the one with more restarts (its logs matter).
    CHECK(names(forLogs) == std::vector<std::string>{"crashy", "old", "young", "unready", "pending"});
    // Attach: ready longest first, fewer restarts first.
    CHECK(names(forAttach) == std::vector<std::string>{"old", "crashy", "young", "unready", "pending"});
}

TEST_CASE("a terminal shows stderr and stdout in the order they were written", "[cli][shell]") {
    cli::CommandResult notice{0, "output\n", "Defaulted container \"a\" out of: a, b\n"};
    notice.errBeforeOut = notice.err.size();
    CHECK(notice.terminalText() == "Defaulted container \"a\" out of: a, b\noutput\n");
    cli::CommandResult late{1, "table\n", "error: late\n"};
    CHECK(late.terminalText() == "table\nerror: late\n");
    // `a; b`: an error of a command that printed nothing comes before the next one's output.
    cli::CommandResult script;
    script.appendStreams(cli::CommandResult{1, "", "error: first\n"});
    script.appendStreams(cli::CommandResult{0, "second\n", ""});
    script.appendStreams(cli::CommandResult{1, "", "error: third\n"});
    CHECK(script.terminalText() == "error: first\nsecond\nerror: third\n");
}

TEST_CASE("kubectl logs and exec and port-forward reach pods through workloads and Services", "[cli][kubectl][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start
kubectl create deployment web --image=nginx --replicas=3
kubectl create deployment redis --image=redis
kubectl expose deployment redis --port=6379
kubectl create configmap settings --from-literal=a=b
sleep 40
kubectl exec deploy/web -- hostname
kubectl exec svc/redis -- redis-cli ping
kubectl exec cm/settings -- ls
kubectl exec deploy/missing -- ls
kubectl exec web -- ls
kubectl exec deploy/web ls
kubectl exec
kubectl exec deploy/web
kubectl logs deploy/web --tail=2
kubectl logs -l app=web --prefix
kubectl logs -l app=web --tail=1 --prefix --timestamps
kubectl logs -l app=nothing
kubectl logs -l app=web deploy/web
kubectl logs deploy/web --all-pods --tail=1
kubectl logs deploy/web -c nope
kubectl logs deploy/web --all-containers -c nginx
kubectl logs deploy/web --since=1m --since-time=2025-01-15T10:00:00Z
kubectl logs -f -l app=web --max-log-requests=2
kubectl logs deploy/web --bogus
kubectl get podz; echo next
kubectl port-forward svc/redis 7000:6379 &
printf 'SET greeting hello\r\nGET greeting\r\n' | nc -q 1 127.0.0.1 7000
kubectl exec deploy/redis -- redis-cli get greeting
)");
    CHECK(test::matchesGolden("kubectl_pod_target.txt", out));
}

TEST_CASE("parent commands print their subcommands and run bare they print help and fail", "[cli][kubectl][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start
kubectl create service --help
kubectl create svc
kubectl create secret
kubectl rollout
kubectl set
kubectl create --help | grep -A10 "Available Commands"
minikube start --help | grep -A4 "Options:"
minikube start --help | grep -c "^    --"
minikube service --help | grep -A2 -- "--url"
minikube addons list --help | grep -A1 -- "--output"
minikube addons enable --help
)");
    CHECK(test::matchesGolden("kubectl_parent_commands.txt", out));
}

TEST_CASE("kubectl exec -it into redis-cli reads one command per line until exit", "[cli][kubectl][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(minikube start
kubectl create deployment redis --image=redis
sleep 30
kubectl exec -it deploy/redis -- redis-cli
set visits 1
INCR visits
get visits
get nothing
lpush list a b
lrange list 0 -1
bogus command
exit
kubectl exec -it deploy/redis -- redis-cli -n 2
quit
kubectl exec -it deploy/redis -- redis-cli get visits
kubectl exec -it deploy/redis -- redis-cli -p 6390
ping
quit
)");
    CHECK(test::matchesGolden("kubectl_exec_redis_cli.txt", out));
}
