// Every goal predicate a lesson can wait for, each seen false and then true on a real cluster.
#include <catch2/catch.hpp>

#include "laptop.h"
#include "lesson/goal.h"

using namespace kp;
using namespace kp::lesson;

namespace {

Goal goalFrom(const std::string& json) {
    std::string error;
    Goal g = parseGoal(Json::parse(json), error);
    INFO(error);
    REQUIRE(error.empty());
    return g;
}

// A laptop whose commands are recorded as the lesson tracker records them.
struct Laptop : test::Laptop {
    bool holds(const std::string& json) {
        return evaluate(goalFrom(json), GoalContext{cluster, records, since, &files}).holds;
    }
    void run(const std::string& line) {
        cli::CommandResult r = shell.run(line);
        records.push_back({line, r.terminalText()});
    }
    std::vector<CommandRecord> records;
    uint64_t since = 0;
};

}  // namespace

TEST_CASE("machine follows minikube start, stop and delete", "[lesson][goal]") {
    Laptop l;
    CHECK(l.holds(R"({"machine": "Absent"})"));
    CHECK_FALSE(l.holds(R"({"machine": "Running"})"));
    l.run("minikube start");
    CHECK(l.holds(R"({"machine": "Running"})"));
    l.run("minikube stop");
    CHECK(l.holds(R"({"machine": "Stopped"})"));
}

TEST_CASE("exists, absent and field read objects through kubectl's resource names", "[lesson][goal]") {
    Laptop l;
    l.run("minikube start");
    const std::string exists = R"({"exists": {"resource": "deploy", "name": "web"}})";
    const std::string absent = R"({"absent": {"resource": "deployments.apps", "name": "web"}})";
    const std::string replicas = R"({"field": {"resource": "deployment", "name": "web", "jsonpath": "{.spec.replicas}", "equals": "3"}})";
    CHECK_FALSE(l.holds(exists));
    CHECK(l.holds(absent));
    CHECK_FALSE(l.holds(replicas));
    l.run("kubectl create deployment web --image=nginx --replicas=2");
    CHECK(l.holds(exists));
    CHECK_FALSE(l.holds(absent));
    CHECK_FALSE(l.holds(replicas));
    l.run("kubectl scale deployment web --replicas=3");
    CHECK(l.holds(replicas));
    CHECK(l.holds(R"({"field": {"resource": "deployments", "name": "web", "jsonpath": "{.spec.template.spec.containers[0].image}", "matches": "^nginx"}})"));
    // Cluster-scoped resources ignore the namespace.
    CHECK(l.holds(R"({"exists": {"resource": "nodes", "name": "minikube"}})"));
    CHECK(l.holds(R"({"field": {"resource": "no", "name": "minikube", "jsonpath": "{.status.conditions[?(@.type==\"Ready\")].status}", "equals": "True"}})"));
}

TEST_CASE("count filters by selector, phase and readiness", "[lesson][goal]") {
    Laptop l;
    l.run("minikube start");
    l.run("kubectl create deployment web --image=nginx --replicas=2");
    const std::string twoRunning = R"({"count": {"resource": "pods", "selector": "app=web", "phase": "Running", "ready": true, "equals": 2}})";
    const std::string twoPods = R"({"count": {"resource": "pods", "selector": "app=web", "equals": 2}})";
    l.cluster.runUntilIdle();
    CHECK(l.holds(twoPods));
    CHECK_FALSE(l.holds(twoRunning));
    l.cluster.advance(Duration::seconds(30));
    CHECK(l.holds(twoRunning));
    CHECK(l.holds(R"({"count": {"resource": "pods", "namespace": "kube-system", "selector": "k8s-app=kube-dns", "atLeast": 1}})"));
    CHECK_FALSE(l.holds(R"({"count": {"resource": "pods", "selector": "app=other", "atLeast": 1}})"));
}

TEST_CASE("output looks at what the terminal printed since the step began", "[lesson][goal]") {
    Laptop l;
    const std::string refused = R"({"output": {"contains": "The connection to the server"}})";
    const std::string onlyKubectl = R"({"output": {"command": "^kubectl", "contains": "refused"}})";
    CHECK_FALSE(l.holds(refused));
    l.run("echo refused");
    CHECK_FALSE(l.holds(onlyKubectl));
    l.run("kubectl get pods");
    CHECK(l.holds(refused));
    CHECK(l.holds(onlyKubectl));
    l.records.clear();  // a new step
    CHECK_FALSE(l.holds(refused));
}

TEST_CASE("output can match a regular expression; file reads the learner's files", "[lesson][goal]") {
    Laptop l;
    const std::string uid = R"({"output": {"command": "jsonpath", "matches": "^[0-9a-f]{8}-[0-9a-f]{4}-"}})";
    const std::string file = R"({"file": {"path": "web.yaml", "contains": "replicas: 3"}})";
    l.run("minikube start");
    CHECK_FALSE(l.holds(uid));
    l.run("kubectl get node minikube -o jsonpath='{.metadata.uid}'");
    CHECK(l.holds(uid));
    CHECK_FALSE(l.holds(file));
    l.run("kubectl create deployment web --image=nginx --replicas=3 --dry-run=client -o yaml > web.yaml");
    CHECK(l.holds(file));
    CHECK(l.holds(R"({"file": {"path": "web.yaml"}})"));
    CHECK_FALSE(l.holds(R"({"file": {"path": "other.yaml"}})"));
}

TEST_CASE("event finds a Kubernetes Event by reason and object", "[lesson][goal]") {
    Laptop l;
    l.run("minikube start");
    const std::string pulled = R"({"event": {"reason": "Pulled", "kind": "Pod", "name": "web-"}})";
    const std::string backoff = R"({"event": {"reason": "Failed", "messageContains": "ErrImagePull"}})";
    CHECK_FALSE(l.holds(pulled));
    l.run("kubectl create deployment web --image=nginx");
    l.run("kubectl create deployment broken --image=nginx:no-such-tag");
    l.cluster.advance(Duration::seconds(30));
    CHECK(l.holds(pulled));
    CHECK(l.holds(backoff));
}

TEST_CASE("request sees traffic that reached a matching pod after the step began", "[lesson][goal]") {
    Laptop l;
    l.run("minikube start");
    l.run("kubectl create deployment web --image=nginx");
    l.run("kubectl expose deployment web --type=NodePort --port=80");
    l.cluster.advance(Duration::seconds(30));
    const std::string web = R"({"request": {"selector": "app=web"}})";
    const std::string other = R"({"request": {"selector": "app=other"}})";
    CHECK_FALSE(l.holds(web));
    l.run("curl -s $(minikube service web --url)");
    CHECK(l.holds(web));
    CHECK_FALSE(l.holds(other));
    CHECK_FALSE(l.holds(R"({"request": {"namespace": "kube-system"}})"));
    l.since = l.cluster.eventLog().lastSeq();  // a new step: older traffic does not count
    CHECK_FALSE(l.holds(web));
}

TEST_CASE("component tells a stopped process from a running one", "[lesson][goal]") {
    Laptop l;
    l.run("minikube start");
    const std::string stopped = R"({"component": {"name": "kube-scheduler", "running": false}})";
    const std::string running = R"({"component": {"name": "kube-scheduler"}})";
    CHECK(l.holds(running));
    CHECK_FALSE(l.holds(stopped));
    l.cluster.component("kube-scheduler")->setEnabled(false);
    CHECK(l.holds(stopped));
    CHECK_FALSE(l.holds(running));
}

TEST_CASE("all, any and not combine goals", "[lesson][goal]") {
    Laptop l;
    CHECK(l.holds(R"({"any": [{"machine": "Running"}, {"machine": "Absent"}]})"));
    CHECK_FALSE(l.holds(R"({"all": [{"machine": "Running"}, {"machine": "Absent"}]})"));
    CHECK(l.holds(R"({"not": {"machine": "Running"}})"));
    GoalResult r = evaluate(goalFrom(R"({"all": [{"machine": "Running"}, {"machine": "Absent"}]})"),
                            GoalContext{l.cluster, l.records, 0});
    CHECK(r.description == "the minikube machine is Running; the minikube machine is Absent");
}

TEST_CASE("the live check reads in Chinese too, with the same figures", "[lesson][goal]") {
    Laptop l;
    l.run("minikube start");
    l.run("kubectl create deployment web --image=nginx --replicas=2");
    l.cluster.runUntilIdle();
    const auto check = [&](const std::string& json) {
        return evaluate(goalFrom(json), GoalContext{l.cluster, l.records, 0, &l.files});
    };
    GoalResult count = check(R"({"count": {"resource": "pods", "selector": "app=web", "phase": "Running", "ready": true, "atLeast": 3}})");
    CHECK(count.description == "at least 3 pods with app=web Running and ready (now 0)");
    CHECK(count.descriptionZh == "至少 3 个 pods（app=web） Running 且就绪（现在 0 个）");
    GoalResult all = check(R"({"all": [{"exists": {"resource": "deploy", "name": "web", "namespace": "demo"}},
                                        {"not": {"component": {"name": "kube-scheduler", "running": false}}}]})");
    CHECK(all.descriptionZh == "deployments/web（命名空间 demo） 存在；并非：kube-scheduler 已停止");
    CHECK(check(R"({"output": {"contains": "Hostname:"}})").descriptionZh == "终端显示“Hostname:”");
    CHECK(check(R"({"machine": "Running"})").descriptionZh == "minikube 虚拟机的状态是 Running");
}

TEST_CASE("goal mistakes in a lesson file are reported, not ignored", "[lesson][goal]") {
    auto errorOf = [](const std::string& json) {
        std::string error;
        parseGoal(Json::parse(json), error);
        return error;
    };
    CHECK(errorOf(R"({"exist": {"resource": "pods", "name": "x"}})") == "goal: unknown predicate \"exist\"");
    CHECK(errorOf(R"({"exists": {"resource": "potatoes", "name": "x"}})") == "goal: exists: unknown resource \"potatoes\"");
    CHECK(errorOf(R"({"exists": {"resource": "pods"}})") == "goal: exists needs a name");
    CHECK(errorOf(R"({"exists": {"resource": "pods", "name": "x", "nmae": "y"}})") == "goal: exists has no parameter \"nmae\"");
    CHECK(errorOf(R"({"field": {"resource": "pods", "name": "x", "jsonpath": "{.a}"}})") ==
          "goal: field needs a jsonpath and one of equals or matches");
    CHECK(errorOf(R"({"machine": "Up"})") == "goal: machine must be Running, Stopped, Paused or Absent");
    CHECK(errorOf(R"({"count": {"resource": "pods", "selector": "a in (b"}})").rfind("goal: count: selector: ", 0) == 0);
    CHECK(errorOf(R"({"all": []})") == "goal: all needs a list of goals");
    CHECK(errorOf(R"({"output": {"matches": "("}})") == "goal: output: matches is not a valid regular expression");
    CHECK(errorOf(R"({"output": {"command": "x"}})") == "goal: output needs one of contains or matches");
    CHECK(errorOf(R"({"exists": {"resource": "pods", "name": "x"}, "absent": {}})").rfind("goal: expected a mapping with one predicate", 0) == 0);
}
