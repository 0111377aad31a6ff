// `minikube delete`: removes the profile's machines, their folders under ~/.minikube/machines
// and the profile (cmd/minikube/cmd/delete.go#deleteProfile). With the docker driver minikube
// first removes the containers by label, then the folders; VMs are deleted through their
// driver, which removes the folders itself.
#include "cli/minikube/commands.h"
#include "cli/minikube/timings.h"

namespace kp::cli::minikube {
namespace {

void forgetProfile(MinikubeState& state) {
    state.addons.clear();
    state.addedNodes = 0;
    state.deletedNodeIds.clear();
    state.controlPlaneStoppedAlone = false;
    state.diskMB = 20000;
    state.kubeContextActive = false;
    state.movedManifests.clear();  // the next machine has all of its manifests
    state.kubeletStartedMs.clear();
}

// One existing profile. `containersGone`: `delete --all` removed every minikube container
// beforehand, so none is left to delete one by one.
void deleteProfile(Invocation& inv, bool containersGone) {
    Output& out = inv.out;
    Cluster& cluster = inv.cluster();
    const std::string profile = cluster.minikubeConfig().profile;
    const std::string driver = cluster.minikubeConfig().driver;
    const std::string machines = inv.ctx.host.home + "/.minikube/machines/";
    std::vector<MachineNode> nodes = machineNodes(inv.ctx);
    if (isKIC(driver)) {
        out.step(Style::DeletingHost, "Deleting \"" + profile + "\" in " + driver + " ...");
        if (!containersGone)
            for (const MachineNode& n : nodes)
                out.step(Style::DeletingHost, "Deleting container \"" + n.name + "\" ...");
        // The machine folders are left for minikube to remove after the containers.
        for (const MachineNode& n : nodes)
            out.step(Style::DeletingHost, "Removing " + machines + n.name + " ...");
    } else {
        for (const MachineNode& n : nodes)
            out.step(Style::DeletingHost, "Deleting \"" + n.name + "\" in " + driver + " ...");
    }
    cluster.advance(timing::kDeleteNode * static_cast<int64_t>(nodes.size()));
    cluster.destroy();
    forgetProfile(inv.state());
    out.step(Style::Deleted, "Removed all traces of the \"" + profile + "\" cluster.");
}

}  // namespace

int runDelete(Invocation& inv) {
    int code = 0;
    if (!inv.parse({{"all", 0, FlagType::Bool, "false"},
                    {"purge", 0, FlagType::Bool, "false"},
                    {"output", 'o', FlagType::String, "text"}},
                   code))
        return code;
    Output& out = inv.out;
    if (!inv.flags.positional.empty())
        return out.exitMessage(reason::usage(), "Usage: minikube delete");

    if (inv.flags.getBool("all")) {
        if (inv.cluster().machineState() != MachineState::Absent)
            deleteProfile(inv, true);
        out.step(Style::DeletingHost, "Successfully deleted all profiles");
    } else {
        const std::string profile = inv.profile();
        if (profileExists(inv.ctx, profile)) {
            deleteProfile(inv, false);
        } else {
            out.errStep(Style::Meh, "\"" + profile + "\" profile does not exist, trying anyways.");
            out.step(Style::Deleted, "Removed all traces of the \"" + profile + "\" cluster.");
        }
    }
    if (inv.flags.getBool("purge")) {
        // SIMPLIFICATION: the notice about kicbase images left in Docker is not printed.
        out.step(Style::Deleted, "Successfully purged minikube directory located at - [" + inv.ctx.host.home + "/.minikube]");
        inv.state().settings.clear();
    }
    return 0;
}

}  // namespace kp::cli::minikube
