// `kubectl get pods` cells for pods in exact states (upstream printPod, v1.32).
#include <catch2/catch.hpp>

#include "apiserver/printers/pod.h"
#include "engine/apiserver/printers/printers_test_util.h"

using namespace kp;
using Cells = std::vector<std::string>;

namespace {

// A pod created at 10:00:00 (10m before printNow()) with the given spec and status bodies.
std::string pod(const std::string& spec, const std::string& status, const std::string& extraMeta = "") {
    return R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default",)" + extraMeta +
           R"("creationTimestamp":"2025-01-15T10:00:00Z"},"spec":)" + spec + R"(,"status":)" + status + "}";
}

const std::string kOneContainer = R"({"containers":[{"name":"app","image":"nginx"}]})";

Cells narrow(const std::string& obj) {
    Cells c = test::rowCells("pods", obj);
    c.resize(5);
    return c;
}

}  // namespace

TEST_CASE("pod columns are NAME READY STATUS RESTARTS AGE and four wide ones", "[printers]") {
    CHECK(test::columnNames("pods") ==
          Cells{"Name", "Ready", "Status", "Restarts", "Age", "IP*", "Node*", "Nominated Node*", "Readiness Gates*"});
    auto cols = printers::columnsFor(test::resourceNamed("pods"));
    CHECK(cols[0].format == "name");
    CHECK(cols[3].type == "string");
}

TEST_CASE("a pod nobody scheduled yet is Pending with <none> wide cells", "[printers]") {
    CHECK(test::rowCells("pods", pod(kOneContainer, R"({"phase":"Pending"})")) ==
          Cells{"web", "0/1", "Pending", "0", "10m", "<none>", "<none>", "<none>", "<none>"});
}

TEST_CASE("a scheduled pod whose container is being created shows ContainerCreating", "[printers]") {
    auto cells = test::rowCells(
        "pods", pod(R"({"nodeName":"minikube","containers":[{"name":"app","image":"nginx"}]})",
                    R"({"phase":"Pending","containerStatuses":[{"name":"app","ready":false,"restartCount":0,
                        "state":{"waiting":{"reason":"ContainerCreating"}}}]})"));
    CHECK(cells == Cells{"web", "0/1", "ContainerCreating", "0", "10m", "<none>", "minikube", "<none>", "<none>"});
}

TEST_CASE("a running ready pod shows Running, its IP and node", "[printers]") {
    auto cells = test::rowCells("pods", pod(R"({"nodeName":"minikube","containers":[{"name":"app","image":"nginx"}]})",
                                            R"({"phase":"Running","podIP":"10.244.0.5","podIPs":[{"ip":"10.244.0.5"}],
                        "conditions":[{"type":"Ready","status":"True"}],
                        "containerStatuses":[{"name":"app","ready":true,"restartCount":0,
                        "state":{"running":{"startedAt":"2025-01-15T10:00:05Z"}}}]})"));
    CHECK(cells == Cells{"web", "1/1", "Running", "0", "10m", "10.244.0.5", "minikube", "<none>", "<none>"});
}

TEST_CASE("a crashing container shows CrashLoopBackOff and when it last restarted", "[printers]") {
    auto obj = pod(kOneContainer, R"({"phase":"Running","containerStatuses":[{"name":"app","ready":false,
        "restartCount":2,"state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 20s"}},
        "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"2025-01-15T10:05:00Z"}}}]})");
    CHECK(narrow(obj) == Cells{"web", "0/1", "CrashLoopBackOff", "2 (5m ago)", "10m"});
}

TEST_CASE("a container that just exited shows its reason: Error, Completed, OOMKilled", "[printers]") {
    auto terminated =
        [](const std::string& phase, const std::string& state) {
            return narrow(pod(kOneContainer, R"({"phase":")" + phase +
                                                 R"(","containerStatuses":[{"name":"app","ready":false,"restartCount":0,
            "state":{"terminated":)" + state + "}}]}"));
        };
    CHECK(terminated("Failed", R"({"exitCode":1,"reason":"Error"})")[2] == "Error");
    CHECK(terminated("Succeeded", R"({"exitCode":0,"reason":"Completed"})")[2] == "Completed");
    CHECK(terminated("Running", R"({"exitCode":137,"reason":"OOMKilled"})")[2] == "OOMKilled");
    CHECK(terminated("Failed", R"({"exitCode":3})")[2] == "ExitCode:3");
    CHECK(terminated("Failed", R"({"exitCode":137,"signal":9})")[2] == "Signal:9");
}

TEST_CASE("a finished pod's row carries the Completed condition", "[printers]") {
    auto obj = pod(kOneContainer, R"({"phase":"Succeeded","containerStatuses":[{"name":"app","ready":false,
        "restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]})");
    Json table = printers::toTable(test::resourceNamed("pods"), std::vector<Json>{Json::parse(obj)}, test::printNow());
    CHECK(table["rows"][0]["conditions"] == Json::parse(R"([{"type":"Completed","status":"True","reason":"Succeeded",
                           "message":"The pod has completed successfully."}])"));
}

TEST_CASE("image pull failures show ErrImagePull then ImagePullBackOff", "[printers]") {
    auto waiting = [](const std::string& reason) {
        return narrow(pod(kOneContainer, R"({"phase":"Pending","containerStatuses":[{"name":"app","ready":false,
            "restartCount":0,"state":{"waiting":{"reason":")" +
                                             reason + R"("}}}]})"))[2];
    };
    CHECK(waiting("ErrImagePull") == "ErrImagePull");
    CHECK(waiting("ImagePullBackOff") == "ImagePullBackOff");
    CHECK(waiting("CreateContainerConfigError") == "CreateContainerConfigError");
}

TEST_CASE("init containers show Init:i/n while they run and PodInitializing after", "[printers]") {
    const std::string spec =
        R"({"initContainers":[{"name":"setup","image":"busybox"},{"name":"migrate","image":"busybox"}],
            "containers":[{"name":"app","image":"nginx"}]})";
    SECTION("the first one running") {
        auto obj = pod(spec, R"({"phase":"Pending","initContainerStatuses":[
            {"name":"setup","ready":false,"restartCount":0,"state":{"running":{}}},
            {"name":"migrate","ready":false,"restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}],
            "containerStatuses":[{"name":"app","ready":false,"restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}]})");
        CHECK(narrow(obj) == Cells{"web", "0/1", "Init:0/2", "0", "10m"});
    }
    SECTION("the second one waiting after the first finished") {
        auto obj = pod(spec, R"({"phase":"Pending","initContainerStatuses":[
            {"name":"setup","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
            {"name":"migrate","ready":false,"restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}]})");
        CHECK(narrow(obj)[2] == "Init:1/2");
    }
    SECTION("all done, app container starting") {
        auto obj = pod(spec, R"({"phase":"Pending","conditions":[{"type":"Initialized","status":"True"}],
            "initContainerStatuses":[
            {"name":"setup","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
            {"name":"migrate","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}],
            "containerStatuses":[{"name":"app","ready":false,"restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}]})");
        CHECK(narrow(obj)[2] == "PodInitializing");
    }
}

TEST_CASE("a failing init container shows Init:<reason> and its restarts", "[printers]") {
    const std::string spec = R"({"initContainers":[{"name":"setup","image":"busybox"}],
                                 "containers":[{"name":"app","image":"nginx"}]})";
    auto obj = pod(spec, R"({"phase":"Pending","initContainerStatuses":[{"name":"setup","ready":false,"restartCount":3,
        "state":{"waiting":{"reason":"CrashLoopBackOff"}},
        "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"2025-01-15T10:09:00Z"}}}]})");
    CHECK(narrow(obj) == Cells{"web", "0/1", "Init:CrashLoopBackOff", "3 (60s ago)", "10m"});

    auto exited = pod(spec, R"({"phase":"Pending","initContainerStatuses":[{"name":"setup","ready":false,
        "restartCount":0,"state":{"terminated":{"exitCode":2}}}]})");
    CHECK(narrow(exited)[2] == "Init:ExitCode:2");
    auto errored = pod(spec, R"({"phase":"Pending","initContainerStatuses":[{"name":"setup","ready":false,
        "restartCount":0,"state":{"terminated":{"exitCode":1,"reason":"Error"}}}]})");
    CHECK(narrow(errored)[2] == "Init:Error");
}

TEST_CASE("sidecars count in READY and RESTARTS of a running pod", "[printers]") {
    auto obj = pod(
        R"({"initContainers":[{"name":"log","image":"fluent","restartPolicy":"Always"}],
                       "containers":[{"name":"app","image":"nginx"}]})",
        R"({"phase":"Running","conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"}],
        "initContainerStatuses":[{"name":"log","ready":true,"started":true,"restartCount":1,"state":{"running":{}},
            "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"2025-01-15T09:58:00Z"}}}],
        "containerStatuses":[{"name":"app","ready":true,"restartCount":0,"state":{"running":{}}}]})");
    CHECK(narrow(obj) == Cells{"web", "2/2", "Running", "1 (12m ago)", "10m"});
}

TEST_CASE("a pod with one finished and one running container shows Running or NotReady", "[printers]") {
    const std::string spec = R"({"containers":[{"name":"a","image":"x"},{"name":"b","image":"y"}]})";
    auto status = [](const std::string& readyCondition) {
        return R"({"phase":"Running","conditions":[{"type":"Ready","status":")" + readyCondition +
               R"("}],"containerStatuses":[
            {"name":"a","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
            {"name":"b","ready":true,"restartCount":0,"state":{"running":{}}}]})";
    };
    // Containers are visited last to first, so "a" (Completed) has the last word.
    CHECK(narrow(pod(spec, status("True"))) == Cells{"web", "1/2", "Running", "0", "10m"});
    CHECK(narrow(pod(spec, status("False")))[2] == "NotReady");
}

TEST_CASE("a pod being deleted shows Terminating, or Unknown when its node was lost", "[printers]") {
    const std::string running = R"({"phase":"Running","containerStatuses":[{"name":"app","ready":true,
        "restartCount":0,"state":{"running":{}}}]})";
    const std::string deleting = R"("deletionTimestamp":"2025-01-15T10:10:30Z","deletionGracePeriodSeconds":30,)";
    CHECK(narrow(pod(kOneContainer, running, deleting)) == Cells{"web", "1/1", "Terminating", "0", "10m"});

    const std::string lost = R"({"phase":"Running","reason":"NodeLost","containerStatuses":[{"name":"app",
        "ready":false,"restartCount":0,"state":{"running":{}}}]})";
    CHECK(narrow(pod(kOneContainer, lost, deleting))[2] == "Unknown");

    const std::string done = R"({"phase":"Succeeded","containerStatuses":[{"name":"app","ready":false,
        "restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]})";
    CHECK(narrow(pod(kOneContainer, done, deleting))[2] == "Completed");
}

TEST_CASE("a pod's own reason and scheduling gates replace the phase", "[printers]") {
    CHECK(narrow(pod(kOneContainer, R"({"phase":"Failed","reason":"Evicted"})"))[2] == "Evicted");
    CHECK(narrow(pod(kOneContainer, R"({"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False",
        "reason":"SchedulingGated"}]})"))[2] == "SchedulingGated");
}

TEST_CASE("readiness gates show how many of them are true", "[printers]") {
    auto obj = pod(R"({"readinessGates":[{"conditionType":"example.com/a"},{"conditionType":"example.com/b"}],
                       "containers":[{"name":"app","image":"nginx"}]})",
                   R"({"phase":"Running","nominatedNodeName":"node-2","conditions":[
                       {"type":"example.com/a","status":"True"},{"type":"example.com/b","status":"False"}]})");
    auto cells = test::rowCells("pods", obj);
    CHECK(cells[7] == "node-2");
    CHECK(cells[8] == "1/2");
}

TEST_CASE("summarizePod gives the visualizer the same words as the STATUS column", "[printers]") {
    Json p = Json::parse(pod(kOneContainer, R"({"phase":"Running","containerStatuses":[{"name":"app","ready":false,
        "restartCount":4,"state":{"waiting":{"reason":"CrashLoopBackOff"}},
        "lastState":{"terminated":{"exitCode":1,"finishedAt":"2025-01-15T10:09:50Z"}}}]})"));
    printers::PodSummary s = printers::summarizePod(p);
    CHECK(s.status == "CrashLoopBackOff");
    CHECK(printers::formatReady(s) == "0/1");
    CHECK(printers::formatRestarts(s, test::printNow()) == "4 (10s ago)");
}
