// `minikube node add|list|stop|start` (cmd/minikube/cmd/node_add.go, node_list.go, node_stop.go,
// node_start.go). Stopping a worker powers its machine off: its kubelet stops renewing the node's
// Lease, so the node lifecycle controller marks it NotReady and later evicts its pods.
#include <cstdio>

#include "cli/minikube/commands.h"
#include "cli/minikube/timings.h"
#include "cluster/machine_nodes.h"
#include "kubelet/kubelets.h"

namespace kp::cli::minikube {
namespace {

int nodeAdd(Invocation& inv) {
    int code = 0;
    if (!inv.parse({{"control-plane", 0, FlagType::Bool, "false"},
                    {"worker", 0, FlagType::Bool, "true"},
                    {"delete-on-failure", 0, FlagType::Bool, "false"}},
                   code))
        return code;
    Output& out = inv.out;
    const std::string profile = inv.profile();
    if (int c = mustLoadHealthy(inv, profile))
        return c;
    const bool controlPlane = inv.flags.getBool("control-plane");
    const bool worker = inv.flags.getBool("worker");
    if (controlPlane)
        out.errStep(Style::Failure, "Adding a control-plane node to a non-HA (non-multi-control plane) cluster is not currently supported. Please first delete the cluster and use 'minikube start --ha' to create new one.");
    std::string roles;
    if (worker)
        roles += "worker";
    if (controlPlane)
        roles += std::string(roles.empty() ? "" : " ") + "control-plane";

    std::vector<MachineNode> nodes = machineNodes(inv.ctx);
    const int index = static_cast<int>(nodes.size());
    char id[16];
    std::snprintf(id, sizeof id, "m%02d", index + 1);
    const MinikubeConfig& cfg = inv.cluster().minikubeConfig();
    out.step(Style::Happy, std::string("Adding node ") + id + " to cluster " + profile + " as [" + roles + "]");
    // The first extra node: minikube lowers the memory of new machines to 2200 MB unless the
    // user set one, and warns when the cluster was not created for several nodes.
    int memory = cfg.memoryMB;
    if (nodes.size() == 1) {
        if (!inv.state().settings.count("memory"))
            memory = 2200;
        if (cfg.nodes == 1)
            out.warning("Cluster was created without any CNI, adding a node to it might cause broken networking.");
    }
    const std::string machine = machineName(profile, index);
    out.step(Style::ThumbsUp, "Starting \"" + machine + "\" worker node in \"" + profile + "\" cluster");
    if (isKIC(cfg.driver)) {
        out.step(Style::Pulling, std::string("Pulling base image ") + kKicVersion + " ...");
        out.step(Style::StartingVM, "Creating " + cfg.driver + " container (CPUs=" + std::to_string(cfg.cpus) +
                                        ", Memory=" + std::to_string(memory) + "MB) ...");
    } else {
        out.step(Style::StartingVM, "Creating " + cfg.driver + " VM (CPUs=" + std::to_string(cfg.cpus) + ", Memory=" +
                                        std::to_string(memory) + "MB, Disk=" + std::to_string(inv.state().diskMB) + "MB) ...");
    }
    const std::string runtime = cfg.containerRuntime == "containerd" ? "containerd" : cfg.containerRuntime == "crio" ? "CRI-O" : "Docker";
    const Style style = cfg.containerRuntime == "containerd" ? Style::Containerd
                        : cfg.containerRuntime == "crio"     ? Style::CRIO
                                                             : Style::Docker;
    const std::string version = cfg.containerRuntime == "containerd" ? (isKIC(cfg.driver) ? "1.7.24" : "1.7.23")
                                : cfg.containerRuntime == "crio"     ? (isKIC(cfg.driver) ? "1.24.6" : "1.29.1")
                                                                     : (isKIC(cfg.driver) ? "27.4.1" : "27.4.0");
    out.step(style, "Preparing Kubernetes " + cfg.kubernetesVersion + " on " + runtime + " " + version + " ...");
    out.step(Style::HealthCheck, "Verifying Kubernetes components...");

    inv.state().addedNodes++;
    if (inv.ctx.onNodeAdded)
        inv.ctx.onNodeAdded(machine, machineIP(cfg.driver, index));
    inv.cluster().advance(isKIC(cfg.driver) ? timing::kWorkerContainer : timing::kWorkerVM);
    out.step(Style::Ready, std::string("Successfully added ") + id + " to " + profile + "!");
    return 0;
}

int nodeList(Invocation& inv) {
    int code = 0;
    if (!inv.parse({}, code))
        return code;
    if (!inv.flags.positional.empty())
        return inv.out.exitMessage(reason::usage(), "Usage: minikube node list");
    if (int c = mustLoadPartial(inv, inv.profile()))
        return c;
    for (const MachineNode& n : machineNodes(inv.ctx))
        inv.out.stdoutText(n.name + "\t" + n.ip + "\n");
    return 0;
}

// node.Retrieve: "m02" or the machine name "minikube-m02".
const MachineNode* findNode(const std::vector<MachineNode>& nodes, const std::string& profile, const std::string& name) {
    for (size_t i = 0; i < nodes.size(); ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "m%02zu", i + 1);
        if (nodes[i].name == name || (i > 0 && name == id) || (i == 0 && name == profile))
            return &nodes[i];
    }
    return nullptr;
}

// Resolves the NODE_NAME argument of node stop/start, or exits as minikube does.
const MachineNode* nodeArgument(Invocation& inv, const std::string& verb, std::vector<MachineNode>& nodes, int& code) {
    if (inv.flags.positional.empty()) {
        code = inv.out.exitMessage(reason::usage(), "Usage: minikube node " + verb + " NODE_NAME");
        return nullptr;
    }
    if ((code = mustLoadPartial(inv, inv.profile())))
        return nullptr;
    nodes = machineNodes(inv.ctx);
    const std::string name = inv.flags.positional[0];
    const MachineNode* n = findNode(nodes, inv.profile(), name);
    if (!n)
        code = inv.out.exitError(reason::kind("GUEST_NODE_RETRIEVE", 85), "retrieving node", "Could not find node " + name);
    return n;
}

int nodeStop(Invocation& inv) {
    int code = 0;
    if (!inv.parse({}, code))
        return code;
    std::vector<MachineNode> nodes;
    const MachineNode* n = nodeArgument(inv, "stop", nodes, code);
    if (!n)
        return code;
    Cluster& cluster = inv.cluster();
    kubelet::Kubelets* kubelets = cluster.kubelets();
    if (n->controlPlane) {
        // SIMPLIFICATION: the control plane's machine stops only with the whole profile.
        inv.out.stderrText("minikube node stop: stopping the control-plane node is not available in kubeplay (use minikube stop)\n");
        return 1;
    }
    inv.out.step(Style::Stopping, "Stopping node \"" + n->name + "\"  ...");
    const bool running = kubelets && kubelets->isRunning(n->name);
    if (isKIC(cluster.minikubeConfig().driver) && running)
        inv.out.step(Style::Shutdown, "Powering off \"" + n->name + "\" via SSH ...");
    if (kubelets && running)
        kubelets->setRunning(n->name, false);
    cluster.advance(timing::kStopNode);
    inv.out.step(Style::Stopped, "Successfully stopped node " + n->name);
    return 0;
}

int nodeStart(Invocation& inv) {
    int code = 0;
    if (!inv.parse({{"delete-on-failure", 0, FlagType::Bool, "false"}}, code))
        return code;
    std::vector<MachineNode> nodes;
    const MachineNode* n = nodeArgument(inv, "start", nodes, code);
    if (!n)
        return code;
    Cluster& cluster = inv.cluster();
    kubelet::Kubelets* kubelets = cluster.kubelets();
    if (!kubelets || kubelets->isRunning(n->name) || cluster.machineState() != MachineState::Running) {
        inv.out.step(Style::Check, n->name + " is already running");
        return 0;
    }
    const MinikubeConfig& cfg = cluster.minikubeConfig();
    const std::string profile = inv.profile();
    // SIMPLIFICATION: the docker runtime's lines; the flow is node add's with the machine restarted.
    inv.out.step(Style::ThumbsUp, "Starting \"" + n->name + "\" worker node in \"" + profile + "\" cluster");
    if (isKIC(cfg.driver))
        inv.out.step(Style::Pulling, std::string("Pulling base image ") + kKicVersion + " ...");
    inv.out.step(Style::Restarting, "Restarting existing " + cfg.driver + (isKIC(cfg.driver) ? " container" : " VM") +
                                        " for \"" + n->name + "\" ...");
    inv.out.step(Style::Docker, "Preparing Kubernetes " + cfg.kubernetesVersion + " on Docker " +
                                    (isKIC(cfg.driver) ? "27.4.1" : "27.4.0") + " ...");
    inv.out.step(Style::HealthCheck, "Verifying Kubernetes components...");
    kubelets->setRunning(n->name, true);
    cluster.advance(isKIC(cfg.driver) ? timing::kWorkerContainer : timing::kWorkerVM);
    inv.out.step(Style::Happy, "Successfully started node " + n->name + "!");
    return 0;
}

}  // namespace

int runNode(Invocation& inv) {
    const std::string sub = inv.takeSubcommand();
    inv.commandPath += sub.empty() ? "" : " " + sub;
    if (sub == "add")
        return nodeAdd(inv);
    if (sub == "list")
        return nodeList(inv);
    if (sub == "stop")
        return nodeStop(inv);
    if (sub == "start")
        return nodeStart(inv);
    if (sub == "delete") {
        // SIMPLIFICATION: nodes go away with the whole machine only.
        inv.out.stderrText("minikube node " + sub + ": not available in kubeplay\n");
        return 1;
    }
    return inv.out.exitMessage(reason::usage(), "Usage: minikube node [add|start|stop|delete|list]");
}

}  // namespace kp::cli::minikube
