// `minikube ip [-n NODE]`: the node's IP on stdout (cmd/minikube/cmd/ip.go).
#include "cli/minikube/commands.h"

namespace kp::cli::minikube {

int runIP(Invocation& inv) {
    int code = 0;
    if (!inv.parse({{"node", 'n', FlagType::String, ""}}, code))
        return code;
    const std::string profile = inv.profile();
    if (int c = mustLoadRunning(inv, profile))
        return c;
    const std::string wanted = inv.flags.get("node");
    for (const MachineNode& n : machineNodes(inv.ctx)) {
        if (wanted.empty() ? n.controlPlane : (n.name == wanted || n.name == profile + "-" + wanted)) {
            inv.out.ln(n.ip);
            return 0;
        }
    }
    return inv.out.exitError(reason::kind("GUEST_NODE_RETRIEVE", reason::kExGuestNotFound), "retrieving node",
                             "Could not find node " + wanted);
}

}  // namespace kp::cli::minikube
