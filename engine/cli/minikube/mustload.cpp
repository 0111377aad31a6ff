// Profile lookups and the machine's nodes (pkg/minikube/mustload, pkg/minikube/config).
#include <algorithm>
#include <cstdio>

#include "cli/minikube/commands.h"
#include "cluster/machine_nodes.h"

namespace kp::cli::minikube {

namespace reason {
Kind usage() { return kind("MK_USAGE", kExProgramUsage); }
Kind kind(const std::string& id, int exitCode, Style style) {
    Kind k;
    k.id = id;
    k.exitCode = exitCode;
    k.style = style;
    return k;
}
}  // namespace reason

bool Invocation::parse(const std::vector<FlagSpec>& specs, int& code) {
    if (flagsWanted) {
        *flagsWanted = specs;
        code = 0;
        return false;
    }
    if (auto err = parseFlags(args, specs, flags)) {
        // cobra prints the flag error and a hint, and minikube exits with ExProgramUsage.
        out.stderrText("Error: " + *err + "\nSee '" + commandPath + " --help' for usage.\n");
        code = reason::kExProgramUsage;
        return false;
    }
    return true;
}

std::string Invocation::takeSubcommand() {
    int i = firstPositional(args);
    if (i < 0)
        return "";
    std::string sub = args[static_cast<size_t>(i)];
    args.erase(args.begin() + i);
    return sub;
}

std::string Invocation::profile() const {
    if (flags.changed("profile"))
        return flags.get("profile");
    auto it = ctx.state.settings.find("profile");
    if (it != ctx.state.settings.end() && !it->second.empty())
        return it->second;
    return kDefaultProfile;
}

bool isKIC(const std::string& driver) { return driver == "docker" || driver == "podman"; }

std::string machineType(const std::string& driver) {
    if (isKIC(driver))
        return "container";
    if (driver == "ssh")
        return "bare metal machine";
    if (driver == "none")
        return "bare metal machine";
    return "VM";
}

std::string nodeIdName(int id) {
    char text[16];
    std::snprintf(text, sizeof text, "m%02d", id);
    return text;
}

std::string machineName(const std::string& profile, int index) {
    return index == 0 ? profile : profile + "-" + nodeIdName(index + 1);
}

const MachineNode* findNode(const std::vector<MachineNode>& nodes, const std::string& profile, const std::string& name) {
    for (const MachineNode& n : nodes)
        if (n.name == name || (!n.controlPlane && name == nodeIdName(n.id)) || (n.controlPlane && name == profile))
            return &n;
    return nullptr;
}

std::string exampleCommand(const std::string& profile, const std::string& action) {
    if (profile != kDefaultProfile)
        return "minikube " + action + " -p " + profile;
    return "minikube " + action;
}

std::vector<MachineNode> machineNodes(MinikubeContext& ctx) {
    std::vector<MachineNode> nodes;
    if (ctx.cluster.machineState() == MachineState::Absent)
        return nodes;
    const MinikubeConfig& cfg = ctx.cluster.minikubeConfig();
    const int count = cfg.nodes + ctx.state.addedNodes;
    const std::vector<int>& deleted = ctx.state.deletedNodeIds;
    for (int i = 0; i < count; ++i) {
        if (std::find(deleted.begin(), deleted.end(), i + 1) != deleted.end())
            continue;
        MachineNode n;
        n.id = i + 1;
        n.name = machineName(cfg.profile, i);
        n.controlPlane = i == 0;
        n.ip = machineIP(cfg.driver, i);
        if (ObjectPtr node = ctx.cluster.store().get("nodes", "", n.name)) {
            if (const Json* addrs = findPath(*node, "status.addresses"); addrs && addrs->is_array())
                for (const Json& a : *addrs)
                    if (a.value("type", "") == "InternalIP")
                        n.ip = a.value("address", n.ip);
        }
        nodes.push_back(n);
    }
    return nodes;
}

bool profileExists(MinikubeContext& ctx, const std::string& profile) {
    return ctx.cluster.machineState() != MachineState::Absent && ctx.cluster.minikubeConfig().profile == profile;
}

namespace {

// mustload.exitTip: always "To start a cluster", whatever the action.
int exitTip(Invocation& inv, const std::string& action, const std::string& profile, int code) {
    inv.out.step(Style::Workaround, "To start a cluster, run: \"" + exampleCommand(profile, action) + "\"");
    return inv.out.exitCode(code);
}

}  // namespace

// Upstream: pkg/minikube/mustload/mustload.go#Partial.
int mustLoadPartial(Invocation& inv, const std::string& profile) {
    if (profileExists(inv.ctx, profile))
        return 0;
    inv.out.step(Style::Shrug,
                 "Profile \"" + profile + "\" not found. Run \"minikube profile list\" to view all profiles.");
    return exitTip(inv, "start", profile, reason::kExGuestNotFound);
}

// Upstream: pkg/minikube/mustload/mustload.go#running (first control-plane node).
int mustLoadRunning(Invocation& inv, const std::string& profile) {
    if (int code = mustLoadPartial(inv, profile))
        return code;
    if (inv.cluster().machineState() == MachineState::Stopped) {
        inv.out.step(Style::Shrug, "The control-plane node " + machineName(profile, 0) +
                                       " host is not running: state=Stopped");
        return exitTip(inv, "start", profile, reason::kExGuestNotRunning);
    }
    return 0;
}

// Upstream: pkg/minikube/mustload/mustload.go#Healthy.
int mustLoadHealthy(Invocation& inv, const std::string& profile) {
    if (int code = mustLoadRunning(inv, profile))
        return code;
    if (inv.cluster().machineState() == MachineState::Paused) {
        inv.out.step(Style::Shrug, "The control-plane node " + machineName(profile, 0) + " apiserver is paused");
        return exitTip(inv, "unpause", profile, reason::kExControlPlaneNotRunning);
    }
    return 0;
}

}  // namespace kp::cli::minikube
