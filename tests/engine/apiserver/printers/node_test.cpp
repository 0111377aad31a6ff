// `kubectl get nodes` cells (upstream printNode, v1.32).
#include <catch2/catch.hpp>

#include "apiserver/printers/node.h"
#include "engine/apiserver/printers/printers_test_util.h"

using namespace kp;
using Cells = std::vector<std::string>;

namespace {

std::string node(const std::string& labels, const std::string& spec, const std::string& readyStatus) {
    std::string conditions =
        readyStatus.empty()
            ? "[]"
            : R"([{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":")" + readyStatus + R"("}])";
    return R"({"apiVersion":"v1","kind":"Node","metadata":{"name":"minikube","labels":)" + labels +
           R"(,"creationTimestamp":"2025-01-13T10:10:00Z"},"spec":)" + spec + R"(,"status":{"conditions":)" +
           conditions +
           R"(,"addresses":[{"type":"InternalIP","address":"192.168.49.2"},{"type":"Hostname","address":"minikube"}],
           "nodeInfo":{"kubeletVersion":"v1.32.0","osImage":"Ubuntu 22.04.5 LTS","kernelVersion":"5.15.0-1057-azure",
                       "containerRuntimeVersion":"docker://27.4.1"}}})";
}

const std::string kControlPlane = R"({"node-role.kubernetes.io/control-plane":"","kubernetes.io/hostname":"minikube"})";

}  // namespace

TEST_CASE("node columns are NAME STATUS ROLES AGE VERSION and five wide ones", "[printers]") {
    CHECK(test::columnNames("nodes") == Cells{"Name", "Status", "Roles", "Age", "Version", "Internal-IP*",
                                              "External-IP*", "OS-Image*", "Kernel-Version*", "Container-Runtime*"});
}

TEST_CASE("a ready minikube node prints as on a real cluster", "[printers]") {
    CHECK(test::rowCells("nodes", node(kControlPlane, "{}", "True")) ==
          Cells{"minikube", "Ready", "control-plane", "2d", "v1.32.0", "192.168.49.2", "<none>", "Ubuntu 22.04.5 LTS",
                "5.15.0-1057-azure", "docker://27.4.1"});
}

TEST_CASE("node STATUS follows the Ready condition and cordoning", "[printers]") {
    CHECK(test::rowCells("nodes", node("{}", "{}", "False"))[1] == "NotReady");
    CHECK(test::rowCells("nodes", node("{}", "{}", "Unknown"))[1] == "NotReady");
    CHECK(test::rowCells("nodes", node("{}", "{}", ""))[1] == "Unknown");
    CHECK(test::rowCells("nodes", node("{}", R"({"unschedulable":true})", "True"))[1] == "Ready,SchedulingDisabled");
    CHECK(test::rowCells("nodes", node("{}", R"({"unschedulable":true})", "Unknown"))[1] ==
          "NotReady,SchedulingDisabled");
}

TEST_CASE("node ROLES come from node-role labels and kubernetes.io/role, sorted", "[printers]") {
    CHECK(test::rowCells("nodes", node("{}", "{}", "True"))[2] == "<none>");
    CHECK(test::rowCells("nodes", node(R"({"node-role.kubernetes.io/worker":"","node-role.kubernetes.io/":"x",
                                          "kubernetes.io/role":"infra","node-role.kubernetes.io/control-plane":""})",
                                       "{}", "True"))[2] == "control-plane,infra,worker");
}

TEST_CASE("a node without system info shows <unknown> in the wide columns", "[printers]") {
    auto cells = test::rowCells("nodes", R"({"metadata":{"name":"n1","creationTimestamp":"2025-01-15T10:09:00Z"}})");
    CHECK(cells ==
          Cells{"n1", "Unknown", "<none>", "60s", "", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"});
}

TEST_CASE("nodeStatus and nodeRoles are there for the visualizer", "[printers]") {
    Json n = Json::parse(node(kControlPlane, R"({"unschedulable":true})", "True"));
    CHECK(printers::nodeStatus(n) == "Ready,SchedulingDisabled");
    CHECK(printers::nodeRoles(n) == Cells{"control-plane"});
}
