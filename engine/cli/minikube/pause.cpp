// `minikube pause` / `unpause`: freezes (thaws) the containers of the control plane and of the
// default namespaces, and stops (starts) the kubelet (cmd/minikube/cmd/pause.go, unpause.go).
// The count is what `docker ps` lists: each pod's containers plus its sandbox ("pause") one.
#include "cli/minikube/commands.h"
#include "cli/minikube/timings.h"

namespace kp::cli::minikube {
namespace {

// minikube's DefaultNamespaces.
const std::vector<std::string> kDefaultNamespaces = {"kube-system", "kubernetes-dashboard", "storage-gluster",
                                                     "istio-operator"};

std::vector<std::string> namespacesToPause(Invocation& inv, bool& all) {
    all = inv.flags.getBool("all-namespaces");
    if (all)
        return {};
    return inv.flags.changed("namespaces") ? inv.flags.list("namespaces") : kDefaultNamespaces;
}

// Running containers (and sandboxes) of pods in `namespaces` ({} = all) on the machine.
int countContainers(Invocation& inv, const std::vector<std::string>& namespaces, bool all) {
    int count = 0;
    for (const ObjectPtr& pod : inv.cluster().store().list("pods")) {
        const std::string ns = stringAt(*pod, "metadata.namespace");
        bool selected = all;
        for (const std::string& n : namespaces)
            selected = selected || n == ns;
        if (!selected || stringAt(*pod, "spec.nodeName").empty())
            continue;
        if (const Json* cs = findPath(*pod, "spec.containers"); cs && cs->is_array())
            count += static_cast<int>(cs->size()) + 1;
    }
    return count;
}

std::string joinNames(const std::vector<std::string>& names) {
    std::string s;
    for (const std::string& n : names)
        s += (s.empty() ? "" : ", ") + n;
    return s;
}

int pauseOrUnpause(Invocation& inv, bool pause) {
    int code = 0;
    if (!inv.parse({{"namespaces", 'n', FlagType::StringSlice, ""},
                    {"all-namespaces", 'A', FlagType::Bool, "false"},
                    {"output", 'o', FlagType::String, "text"}},
                   code))
        return code;
    const std::string profile = inv.profile();
    if (int c = mustLoadRunning(inv, profile))
        return c;
    bool all = false;
    std::vector<std::string> namespaces = namespacesToPause(inv, all);
    if (!all && namespaces.empty())
        return inv.out.exitMessage(reason::usage(), "Use -A to specify all namespaces");

    Cluster& cluster = inv.cluster();
    // Containers already in the requested state are not counted.
    const bool alreadyDone = (cluster.machineState() == MachineState::Paused) == pause;
    for (const MachineNode& n : machineNodes(inv.ctx))
        inv.out.step(Style::Pause, std::string(pause ? "Pausing" : "Unpausing") + " node " + n.name + " ... ");
    const int count = alreadyDone ? 0 : countContainers(inv, namespaces, all);
    if (pause)
        cluster.pause();
    else
        cluster.unpause();
    cluster.advance(timing::kPause);

    const std::string verb = pause ? "Paused " : "Unpaused ";
    const Style style = pause ? Style::Unpause : Style::Pause;
    if (all)
        inv.out.step(style, verb + std::to_string(count) + " containers");
    else
        inv.out.step(style, verb + std::to_string(count) + " containers in: " + joinNames(namespaces));
    return 0;
}

}  // namespace

int runPause(Invocation& inv) { return pauseOrUnpause(inv, true); }
int runUnpause(Invocation& inv) { return pauseOrUnpause(inv, false); }

}  // namespace kp::cli::minikube
