// `minikube node add` and `minikube node list` (cmd/minikube/cmd/node_add.go, node_list.go).
#include <cstdio>

#include "cli/minikube/commands.h"
#include "cli/minikube/timings.h"
#include "cluster/machine_nodes.h"

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

}  // namespace

int runNode(Invocation& inv) {
    const std::string sub = inv.takeSubcommand();
    inv.commandPath += sub.empty() ? "" : " " + sub;
    if (sub == "add")
        return nodeAdd(inv);
    if (sub == "list")
        return nodeList(inv);
    if (sub == "start" || sub == "stop" || sub == "delete") {
        // SIMPLIFICATION: nodes start, stop and go away with the whole machine only.
        inv.out.stderrText("minikube node " + sub + ": not available in kubeplay\n");
        return 1;
    }
    return inv.out.exitMessage(reason::usage(), "Usage: minikube node [add|start|stop|delete|list]");
}

}  // namespace kp::cli::minikube
