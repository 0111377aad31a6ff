// Workload printers: deployments, replicasets, statefulsets, daemonsets, jobs, cronjobs,
// controllerrevisions, horizontalpodautoscalers (upstream printers.go, v1.32).
#include <catch2/catch.hpp>

#include "engine/apiserver/printers/printers_test_util.h"

using namespace kp;
using Cells = std::vector<std::string>;

namespace {

const char* kTemplate = R"("template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[
    {"name":"web","image":"nginx:1.27"},{"name":"log","image":"busybox"}]}})";

std::string meta(const std::string& name, const std::string& created = "2025-01-15T10:00:00Z") {
    return R"("metadata":{"name":")" + name + R"(","namespace":"default","creationTimestamp":")" + created + R"("})";
}

}  // namespace

TEST_CASE("deployments show READY ready/desired, UP-TO-DATE, AVAILABLE and wide containers", "[printers]") {
    CHECK(test::columnNames("deployments.apps") ==
          Cells{"Name", "Ready", "Up-to-date", "Available", "Age", "Containers*", "Images*", "Selector*"});
    auto obj = "{" + meta("hello") + R"(,"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web","tier":"fe"},
        "matchExpressions":[{"key":"env","operator":"In","values":["prod","dev"]}]},)" +
               kTemplate + R"(},"status":{"replicas":3,"updatedReplicas":3,"readyReplicas":2,"availableReplicas":2}})";
    CHECK(test::rowCells("deployments.apps", obj) ==
          Cells{"hello", "2/3", "3", "2", "10m", "web,log", "nginx:1.27,busybox", "app=web,env in (dev,prod),tier=fe"});
    auto fresh = "{" + meta("fresh") + R"(,"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},)" +
                 kTemplate + R"(},"status":{}})";
    CHECK(test::rowCells("deployments.apps", fresh, false) == Cells{"fresh", "0/2", "0", "0", "10m"});
}

TEST_CASE("replicasets show DESIRED CURRENT READY as integers", "[printers]") {
    auto obj = "{" + meta("hello-7d4b9c8f6d") + R"(,"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web",
        "pod-template-hash":"7d4b9c8f6d"}},)" +
               kTemplate + R"(},"status":{"replicas":2,"readyReplicas":1}})";
    Json table = printers::toTable(test::resourceNamed("replicasets.apps"), std::vector<Json>{Json::parse(obj)},
                                   test::printNow());
    CHECK(table["rows"][0]["cells"] == Json::array({"hello-7d4b9c8f6d", 2, 2, 1, "10m", "web,log", "nginx:1.27,busybox",
                                                    "app=web,pod-template-hash=7d4b9c8f6d"}));
}

TEST_CASE("statefulsets and daemonsets print their counts", "[printers]") {
    auto sts = "{" + meta("db") + R"(,"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},)" + kTemplate +
               R"(},"status":{"replicas":2,"readyReplicas":1}})";
    CHECK(test::rowCells("statefulsets.apps", sts) == Cells{"db", "1/3", "10m", "web,log", "nginx:1.27,busybox"});

    CHECK(test::columnNames("daemonsets.apps") == Cells{"Name", "Desired", "Current", "Ready", "Up-to-date",
                                                        "Available", "Node Selector", "Age", "Containers*", "Images*",
                                                        "Selector*"});
    auto ds = "{" + meta("kube-proxy") + R"(,"spec":{"selector":{"matchLabels":{"k8s-app":"kube-proxy"}},
        "template":{"spec":{"nodeSelector":{"kubernetes.io/os":"linux"},"containers":[{"name":"kube-proxy",
        "image":"registry.k8s.io/kube-proxy:v1.32.0"}]}}},"status":{"desiredNumberScheduled":1,
        "currentNumberScheduled":1,"numberReady":1,"updatedNumberScheduled":1,"numberAvailable":1}})";
    CHECK(test::rowCells("daemonsets.apps", ds) == Cells{"kube-proxy", "1", "1", "1", "1", "1",
                                                         "kubernetes.io/os=linux", "10m", "kube-proxy",
                                                         "registry.k8s.io/kube-proxy:v1.32.0", "k8s-app=kube-proxy"});
    auto noSelector = "{" + meta("x") + R"(,"spec":{"template":{"spec":{"containers":[]}}}})";
    CHECK(test::rowCells("daemonsets.apps", noSelector)[6] == "<none>");
}

TEST_CASE("jobs show STATUS, COMPLETIONS and DURATION", "[printers]") {
    CHECK(test::columnNames("jobs.batch") ==
          Cells{"Name", "Status", "Completions", "Duration", "Age", "Containers*", "Images*", "Selector*"});
    auto job = [](const std::string& spec, const std::string& status, const std::string& extraMeta = "") {
        return R"({"metadata":{"name":"pi",)" + extraMeta + R"("creationTimestamp":"2025-01-15T10:00:00Z"},"spec":)" +
               spec + R"(,"status":)" + status + "}";
    };
    const std::string single = R"({"completions":1,"parallelism":1,"template":{"spec":{"containers":[
        {"name":"pi","image":"perl:5.34"}]}},"selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"u1"}}})";
    CHECK(test::rowCells("jobs.batch", job(single, R"({"startTime":"2025-01-15T10:00:02Z","succeeded":1,
        "completionTime":"2025-01-15T10:00:37Z","conditions":[{"type":"SuccessCriteriaMet","status":"True"},
        {"type":"Complete","status":"True"}]})")) ==
          Cells{"pi", "Complete", "1/1", "35s", "10m", "pi", "perl:5.34", "batch.kubernetes.io/controller-uid=u1"});
    CHECK(test::rowCells("jobs.batch", job(single, R"({"startTime":"2025-01-15T10:08:00Z","active":1})"), false) ==
          Cells{"pi", "Running", "0/1", "2m", "10m"});
    CHECK(test::rowCells("jobs.batch", job(single, "{}"), false) == Cells{"pi", "Running", "0/1", "", "10m"});
    CHECK(test::rowCells("jobs.batch", job(single, R"({"conditions":[{"type":"Failed","status":"True"}]})"))[1] ==
          "Failed");
    CHECK(test::rowCells("jobs.batch", job(single, R"({"conditions":[{"type":"Suspended","status":"True"}]})"))[1] ==
          "Suspended");
    CHECK(
        test::rowCells("jobs.batch", job(single, R"({"conditions":[{"type":"FailureTarget","status":"True"}]})"))[1] ==
        "FailureTarget");
    CHECK(test::rowCells("jobs.batch", job(single, "{}", R"("deletionTimestamp":"2025-01-15T10:10:00Z",)"))[1] ==
          "Terminating");
    CHECK(test::rowCells("jobs.batch", job(R"({"parallelism":3,"template":{"spec":{"containers":[]}}})",
                                           R"({"succeeded":2})"))[2] == "2/1 of 3");
    CHECK(test::rowCells("jobs.batch", job(R"({"parallelism":1,"template":{"spec":{"containers":[]}}})", "{}"))[2] ==
          "0/1");
}

TEST_CASE("cronjobs show SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE", "[printers]") {
    CHECK(test::columnNames("cronjobs.batch") == Cells{"Name", "Schedule", "Timezone", "Suspend", "Active",
                                                       "Last Schedule", "Age", "Containers*", "Images*", "Selector*"});
    auto cj = "{" + meta("hello") + R"(,"spec":{"schedule":"*/1 * * * *","suspend":false,"jobTemplate":{"spec":{
        "template":{"spec":{"containers":[{"name":"hello","image":"busybox:1.28"}]}}}}},
        "status":{"active":[{"name":"hello-1"}],"lastScheduleTime":"2025-01-15T10:09:00Z"}})";
    CHECK(test::rowCells("cronjobs.batch", cj) ==
          Cells{"hello", "*/1 * * * *", "<none>", "False", "1", "60s", "10m", "hello", "busybox:1.28", "<none>"});
    auto never = "{" + meta("later") + R"(,"spec":{"schedule":"0 0 * * *","timeZone":"Etc/UTC",
        "jobTemplate":{"spec":{"template":{"spec":{"containers":[]}}}}}})";
    CHECK(test::rowCells("cronjobs.batch", never, false) ==
          Cells{"later", "0 0 * * *", "Etc/UTC", "<unset>", "0", "<none>", "10m"});
}

TEST_CASE("controllerrevisions name their controller as kind.group/name", "[printers]") {
    auto cr = "{" + meta("fluentd-5d4b9") + R"(,"revision":2})";
    CHECK(test::rowCells("controllerrevisions.apps", cr) == Cells{"fluentd-5d4b9", "<none>", "2", "10m"});
    Json owned = Json::parse(cr);
    owned["metadata"]["ownerReferences"] =
        Json::parse(R"([{"apiVersion":"apps/v1","kind":"DaemonSet","name":"fluentd","uid":"u","controller":true}])");
    CHECK(test::rowCells("controllerrevisions.apps", owned.dump())[1] == "daemonset.apps/fluentd");
}

TEST_CASE("horizontalpodautoscalers show REFERENCE TARGETS MINPODS MAXPODS REPLICAS", "[printers]") {
    auto hpa =
        "{" + meta("web") + R"(,"spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},
        "minReplicas":1,"maxReplicas":10,"metrics":[
          {"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}},
          {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"500Mi"}}},
          {"type":"Pods","pods":{"metric":{"name":"qps"},"target":{"type":"AverageValue","averageValue":"1k"}}}]},
        "status":{"currentReplicas":2,"currentMetrics":[
          {"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":12,"averageValue":"120m"}}}]}})";
    CHECK(test::rowCells("horizontalpodautoscalers.autoscaling", hpa) ==
          Cells{"web", "Deployment/web", "cpu: 12%/50%, memory: <unknown>/500Mi + 1 more...", "1", "10", "2", "10m"});
    auto v1 = "{" + meta("old") + R"(,"spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":5,
        "targetCPUUtilizationPercentage":80},"status":{"currentReplicas":1}})";
    CHECK(test::rowCells("horizontalpodautoscalers.autoscaling", v1) ==
          Cells{"old", "Deployment/web", "cpu: <unknown>/80%", "<unset>", "5", "1", "10m"});
    auto none =
        "{" + meta("bare") + R"(,"spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":3}})";
    CHECK(test::rowCells("horizontalpodautoscalers.autoscaling", none)[2] == "<none>");
}
