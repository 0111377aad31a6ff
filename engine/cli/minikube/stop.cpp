// `minikube stop`: stops every node of the profile, last node first, and removes the profile's
// kubectl context (cmd/minikube/cmd/stop.go, pkg/minikube/machine/stop.go). Containers are
// powered off first; VMs just stop.
#include "cli/minikube/commands.h"
#include "cli/minikube/timings.h"
#include "kubelet/kubelets.h"

namespace kp::cli::minikube {

int runStop(Invocation& inv) {
    int code = 0;
    if (!inv.parse({{"all", 0, FlagType::Bool, "false"},
                    {"keep-context-active", 0, FlagType::Bool, "false"},
                    {"schedule", 0, FlagType::Duration, "0s"},
                    {"cancel-scheduled", 0, FlagType::Bool, "false"},
                    {"output", 'o', FlagType::String, "text"}},
                   code))
        return code;
    Output& out = inv.out;
    Cluster& cluster = inv.cluster();
    if (inv.flags.getBool("cancel-scheduled")) {
        out.step(Style::Stopped, "All existing scheduled stops cancelled");
        return 0;
    }
    // SIMPLIFICATION: --schedule stops at once instead of in a background process later.

    std::vector<std::string> profiles;
    if (!inv.flags.getBool("all"))
        profiles.push_back(inv.profile());
    else if (cluster.machineState() != MachineState::Absent)
        profiles.push_back(cluster.minikubeConfig().profile);

    int stopped = 0;
    for (const std::string& profile : profiles) {
        if (int c = mustLoadPartial(inv, profile))
            return c;
        const std::string driver = cluster.minikubeConfig().driver;
        const bool hostRunning = cluster.machineState() != MachineState::Stopped;
        std::vector<MachineNode> nodes = machineNodes(inv.ctx);
        stopped = 0;
        for (auto n = nodes.rbegin(); n != nodes.rend(); ++n) {
            out.step(Style::Stopping, "Stopping node \"" + n->name + "\"  ...");
            // A worker stopped on its own (`minikube node stop`) is not powered off again.
            const bool running = n->controlPlane || !cluster.kubelets() ? hostRunning
                                                                        : hostRunning && cluster.kubelets()->isRunning(n->name);
            if (isKIC(driver) && running)
                out.step(Style::Shutdown, "Powering off \"" + n->name + "\" via SSH ...");
            cluster.advance(timing::kStopNode);
            ++stopped;
        }
        cluster.stop();
        inv.state().controlPlaneStoppedAlone = false;
        inv.state().kubeletStartedMs.clear();  // powered off: the kubelet starts with the machine
        if (!inv.flags.getBool("keep-context-active"))
            inv.state().kubeContextActive = false;
    }
    out.step(Style::Stopped, std::to_string(stopped) + " node" + (stopped > 1 ? "s" : "") + " stopped.");
    return 0;
}

}  // namespace kp::cli::minikube
