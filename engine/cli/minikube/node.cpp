// `minikube node add|list|stop|start|delete` (cmd/minikube/cmd/node_add.go, node_list.go,
// node_stop.go, node_start.go, node_delete.go). Stopping a worker powers its machine off: its kubelet stops renewing the node's
// Lease, so the node lifecycle controller marks it NotReady and later evicts its pods.
#include <algorithm>

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

    // The new node's ID follows the last node's, even when a deleted node had it before.
    std::vector<MachineNode> nodes = machineNodes(inv.ctx);
    const int newId = nodes.back().id + 1;
    const int index = newId - 1;
    const std::string id = nodeIdName(newId);
    const MinikubeConfig& cfg = inv.cluster().minikubeConfig();
    out.step(Style::Happy, "Adding node " + id + " to cluster " + profile + " as [" + roles + "]");
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

    std::vector<int>& deleted = inv.state().deletedNodeIds;
    if (auto again = std::find(deleted.begin(), deleted.end(), newId); again != deleted.end())
        deleted.erase(again);
    else
        inv.state().addedNodes++;
    if (inv.ctx.onNodeAdded)
        inv.ctx.onNodeAdded(index);
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
    inv.out.step(Style::Stopping, "Stopping node \"" + n->name + "\"  ...");
    const bool running = n->controlPlane ? cluster.machineState() == MachineState::Running
                                         : kubelets && kubelets->isRunning(n->name);
    if (isKIC(cluster.minikubeConfig().driver) && running)
        inv.out.step(Style::Shutdown, "Powering off \"" + n->name + "\" via SSH ...");
    if (n->controlPlane && running) {
        // The control plane's machine goes: the apiserver, etcd, the scheduler and the
        // controllers with it. The workers keep running but can reach nothing.
        // SIMPLIFICATION: their kubelets freeze with the control plane (nothing they do could
        // reach the API anyway), so their containers keep running unobserved.
        if (kubelets)
            kubelets->setRunning(n->name, false);
        cluster.stop();
        inv.state().controlPlaneStoppedAlone = true;
    } else if (kubelets && running) {
        kubelets->setRunning(n->name, false);
    }
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
    const bool wholeProfileStopped = cluster.machineState() == MachineState::Stopped && !inv.state().controlPlaneStoppedAlone;
    const bool running = n->controlPlane ? cluster.machineState() == MachineState::Running
                                         : kubelets && kubelets->isRunning(n->name) && !wholeProfileStopped;
    if (!kubelets || running) {
        inv.out.step(Style::Check, n->name + " is already running");
        return 0;
    }
    if (!n->controlPlane && cluster.machineState() != MachineState::Running) {
        // SIMPLIFICATION: a worker starts only next to a running control plane here.
        return inv.out.exitMessage(reason::kind("GUEST_NODE_START", 80),
                                   "start the control plane first: minikube node start " + machineNodes(inv.ctx)[0].name);
    }
    const MinikubeConfig& cfg = cluster.minikubeConfig();
    const std::string profile = inv.profile();
    // SIMPLIFICATION: the docker runtime's lines; the flow is node add's with the machine restarted.
    inv.out.step(Style::ThumbsUp, "Starting \"" + n->name + "\" " +
                                      (n->controlPlane ? "primary control-plane" : "worker") + " node in \"" +
                                      profile + "\" cluster");
    if (isKIC(cfg.driver))
        inv.out.step(Style::Pulling, std::string("Pulling base image ") + kKicVersion + " ...");
    inv.out.step(Style::Restarting, "Restarting existing " + cfg.driver + (isKIC(cfg.driver) ? " container" : " VM") +
                                        " for \"" + n->name + "\" ...");
    inv.out.step(Style::Docker, "Preparing Kubernetes " + cfg.kubernetesVersion + " on Docker " +
                                    (isKIC(cfg.driver) ? "27.4.1" : "27.4.0") + " ...");
    inv.out.step(Style::HealthCheck, "Verifying Kubernetes components...");
    if (n->controlPlane) {
        // The other machines stay as they were: powered off with the whole profile, or running.
        if (wholeProfileStopped)
            for (const MachineNode& other : machineNodes(inv.ctx))
                if (!other.controlPlane)
                    kubelets->setRunning(other.name, false);
        cluster.start(cfg);
        inv.state().controlPlaneStoppedAlone = false;
    }
    kubelets->setRunning(n->name, true);
    cluster.advance(isKIC(cfg.driver) ? timing::kWorkerContainer : timing::kWorkerVM);
    inv.out.step(Style::Happy, "Successfully started node " + n->name + "!");
    return 0;
}

// node.Delete: drain the node from the control plane, reset it (its kubelet and containers go),
// delete the Node object, then delete the machine.
int nodeDelete(Invocation& inv) {
    int code = 0;
    if (!inv.parse({}, code))
        return code;
    if (inv.flags.positional.empty())
        return inv.out.exitMessage(reason::usage(), "Usage: minikube node delete NODE_NAME");
    const std::string name = inv.flags.positional[0];
    const std::string profile = inv.profile();
    if ((code = mustLoadHealthy(inv, profile)))
        return code;
    Output& out = inv.out;
    out.step(Style::DeletingHost, "Deleting node " + name + " from cluster " + profile);
    std::vector<MachineNode> nodes = machineNodes(inv.ctx);
    const MachineNode* n = findNode(nodes, profile, name);
    if (!n)
        return out.exitError(reason::kind("GUEST_NODE_DELETE", 80), "deleting node",
                             "retrieve node: Could not find node " + name);
    if (n->controlPlane) {
        // SIMPLIFICATION: minikube v1.35 goes on and tears the only control plane down, which
        // leaves a profile that can no longer be used; kubeplay keeps the cluster and says why.
        return out.exitError(reason::kind("GUEST_NODE_DELETE", 80), "deleting node",
                             "the primary control-plane node can only go with the whole cluster: minikube delete");
    }
    // What minikube runs on the control plane (output not shown): evictions are skipped and each
    // pod gets 1 s; the pods stay Terminating once the kubelet is gone, until the pod garbage
    // collector removes them from the deleted node.
    if (inv.ctx.kubectl)
        inv.ctx.kubectl({"drain", n->name, "--force", "--grace-period=1", "--skip-wait-for-delete-timeout=1",
                         "--disable-eviction", "--ignore-daemonsets", "--delete-emptydir-data"});
    Cluster& cluster = inv.cluster();
    if (kubelet::Kubelets* kubelets = cluster.kubelets())
        kubelets->removeNode(n->name);  // kubeadm reset, then the Node object's deletion
    cluster.runUntilIdle();
    out.step(Style::DeletingHost, "Deleting \"" + n->name + "\" in " + cluster.minikubeConfig().driver + " ...");
    cluster.advance(timing::kDeleteNode);
    inv.state().deletedNodeIds.push_back(n->id);
    out.step(Style::Deleted, "Node " + name + " was successfully deleted.");
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
    if (sub == "delete")
        return nodeDelete(inv);
    return inv.out.exitMessage(reason::usage(), "Usage: minikube node [add|start|stop|delete|list]");
}

}  // namespace kp::cli::minikube
