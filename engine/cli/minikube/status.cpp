// `minikube status`: one block per node (cmd/minikube/cmd/status.go, pkg/minikube/cluster/
// status.go#NodeStatus). The exit code encodes what is not running in its bits: 1 the host,
// 2 the cluster (kubelet/apiserver), 4 kubeconfig; so a stopped cluster exits 7, a paused one 2.
#include "cli/minikube/commands.h"
#include "kubelet/kubelets.h"

namespace kp::cli::minikube {
namespace {

struct NodeStatus {
    std::string name;
    bool worker = false;
    std::string host, kubelet, apiserver, kubeconfig;
    bool dockerEnvInUse = false;
};

NodeStatus nodeStatus(Invocation& inv, const MachineNode& n) {
    NodeStatus st;
    st.name = n.name;
    st.worker = !n.controlPlane;
    switch (inv.cluster().machineState()) {
    case MachineState::Absent:
        st.host = st.kubelet = st.apiserver = st.kubeconfig = "Nonexistent";
        return st;
    case MachineState::Stopped:
        // A host that is not running says so for every component. With only the control
        // plane's machine stopped (`minikube node stop minikube`), the workers still run.
        if (st.worker && inv.state().controlPlaneStoppedAlone)
            break;
        st.host = st.kubelet = st.apiserver = st.kubeconfig = "Stopped";
        return st;
    case MachineState::Paused:
        // `minikube pause` stops the kubelet and freezes the control-plane containers.
        st.host = "Running";
        st.kubelet = "Stopped";
        st.apiserver = "Paused";
        st.kubeconfig = "Configured";
        break;
    case MachineState::Running:
        st.host = st.kubelet = st.apiserver = "Running";
        st.kubeconfig = "Configured";
        break;
    }
    // A worker powered off with `minikube node stop`.
    const kubelet::Kubelets* kubelets = inv.cluster().kubelets();
    if (st.worker && kubelets && !kubelets->isRunning(n.name)) {
        st.host = st.kubelet = st.apiserver = st.kubeconfig = "Stopped";
        return st;
    }
    if (inv.cluster().machineState() == MachineState::Stopped)  // a worker without its control plane
        st.host = st.kubelet = "Running";
    if (st.worker)
        st.apiserver = st.kubeconfig = "Irrelevant";
    st.dockerEnvInUse = inv.ctx.getenv && !inv.ctx.getenv("MINIKUBE_ACTIVE_DOCKERD").empty();
    return st;
}

// The default --format template (control plane) and the worker one.
std::string statusText(const NodeStatus& st) {
    std::string s = st.name + "\n";
    if (st.worker)
        return s + "type: Worker\nhost: " + st.host + "\nkubelet: " + st.kubelet + "\n\n";
    s += "type: Control Plane\nhost: " + st.host + "\nkubelet: " + st.kubelet + "\napiserver: " + st.apiserver +
         "\nkubeconfig: " + st.kubeconfig + "\n";
    if (st.dockerEnvInUse)
        s += "docker-env: in-use\n";
    return s + "\n";
}

// encoding/json of cluster.Status: fields in struct order, empty optional ones left out.
std::string statusJSON(const NodeStatus& st) {
    auto q = [](const std::string& v) { return Json(v).dump(); };
    std::string j = "{\"Name\":" + q(st.name) + ",\"Host\":" + q(st.host) + ",\"Kubelet\":" + q(st.kubelet) +
                    ",\"APIServer\":" + q(st.apiserver) + ",\"Kubeconfig\":" + q(st.kubeconfig) +
                    ",\"Worker\":" + (st.worker ? "true" : "false");
    if (st.dockerEnvInUse)
        j += ",\"DockerEnv\":\"in-use\"";
    return j + "}";
}

// Upstream: cmd/minikube/cmd/status.go#exitCode.
int exitCodeOf(const std::vector<NodeStatus>& statuses) {
    int c = 0;
    for (const NodeStatus& st : statuses) {
        if (st.host != "Running")
            c |= 1;
        if ((st.apiserver != "Running" && st.apiserver != "Irrelevant") || st.kubelet != "Running")
            c |= 2;
        if (st.kubeconfig != "Configured" && st.kubeconfig != "Irrelevant")
            c |= 4;
    }
    return c;
}

}  // namespace

int runStatus(Invocation& inv) {
    int code = 0;
    if (!inv.parse({{"format", 'f', FlagType::String, ""},
                    {"output", 'o', FlagType::String, "text"},
                    {"layout", 'l', FlagType::String, "nodes"},
                    {"node", 'n', FlagType::String, ""},
                    {"watch", 'w', FlagType::Duration, "1s"}},
                   code))
        return code;
    std::string output = inv.flags.get("output");
    for (char& c : output)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (output != "text" && inv.flags.changed("format"))
        return inv.out.exitMessage(reason::usage(), "Cannot use both --output and --format options");
    const std::string profile = inv.profile();
    if (int c = mustLoadPartial(inv, profile))
        return c;

    std::vector<NodeStatus> statuses;
    const std::string only = inv.flags.get("node");
    for (const MachineNode& n : machineNodes(inv.ctx))
        if (only.empty() || n.name == only || n.name == profile + "-" + only)
            statuses.push_back(nodeStatus(inv, n));
    if (!only.empty() && statuses.empty())
        return inv.out.exitError(reason::kind("GUEST_NODE_RETRIEVE", reason::kExGuestNotFound), "retrieving node",
                                 "Could not find node " + only);

    if (output == "json") {
        // A single node is printed as an object, several as an array (kept for compatibility).
        std::string j;
        for (const NodeStatus& st : statuses)
            j += (j.empty() ? "" : ",") + statusJSON(st);
        inv.out.stdoutText(statuses.size() == 1 ? j : "[" + j + "]");
        return inv.out.exitCode(exitCodeOf(statuses));
    }
    if (output != "text")
        return inv.out.exitMessage(reason::usage(), "invalid output format: " + output + ". Valid values: 'text', 'json'");
    for (const NodeStatus& st : statuses)
        inv.out.stdoutText(statusText(st));
    return inv.out.exitCode(exitCodeOf(statuses));
}

}  // namespace kp::cli::minikube
