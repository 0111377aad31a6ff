// `minikube profile [NAME]` and `minikube profile list` (cmd/minikube/cmd/config/profile.go,
// profile_list.go).
#include <cctype>

#include "cli/minikube/commands.h"
#include "cli/minikube/table_writer.h"

namespace kp::cli::minikube {
namespace {

// The profile's state as `profile list` names it (cluster.GetState: HTTP-like codes).
std::string statusName(MachineState s) {
    switch (s) {
    case MachineState::Running: return "OK";
    case MachineState::Stopped: return "Stopped";
    case MachineState::Paused: return "Paused";
    case MachineState::Absent: return "Nonexistent";
    }
    return "Unknown";
}

int profileList(Invocation& inv) {
    int code = 0;
    if (!inv.parse({{"output", 'o', FlagType::String, "table"}, {"light", 'l', FlagType::Bool, "false"}}, code))
        return code;
    Output& out = inv.out;
    Cluster& cluster = inv.cluster();
    const std::string output = inv.flags.get("output");
    const bool exists = cluster.machineState() != MachineState::Absent;
    const MinikubeConfig& cfg = cluster.minikubeConfig();
    if (output == "json") {
        // SIMPLIFICATION: minikube prints each profile's whole config; the summary fields are kept.
        std::string valid = "[]";
        if (exists)
            valid = "[{\"Name\":" + Json(cfg.profile).dump() + ",\"Status\":\"" +
                    (inv.flags.getBool("light") ? "Skipped" : statusName(cluster.machineState())) + "\"}]";
        out.stdoutText("{\"invalid\":[],\"valid\":" + valid + "}");
        return 0;
    }
    if (output != "table")
        return out.exitMessage(reason::usage(), "invalid output format: " + output + ". Valid values: 'table', 'json'");
    if (!exists) {
        Kind k = reason::kind("MK_USAGE_NO_PROFILE", reason::kExProgramUsage, Style::Caching);
        k.advice = "You can create one using 'minikube start'.\n\t\t";
        return out.exitMessage(k, "No minikube profile was found.");
    }
    std::vector<MachineNode> nodes = machineNodes(inv.ctx);
    const std::string status = inv.flags.getBool("light") ? "Skipped" : statusName(cluster.machineState());
    std::vector<std::string> row = {cfg.profile,
                                    cfg.driver,
                                    cfg.containerRuntime,
                                    nodes.empty() ? "" : nodes[0].ip,
                                    "8443",
                                    cfg.kubernetesVersion,
                                    status,
                                    std::to_string(nodes.size()),
                                    cfg.profile == inv.profile() ? "*" : "",
                                    inv.state().kubeContextActive ? "*" : ""};
    out.stdoutText(renderTable({"Profile", "VM Driver", "Runtime", "IP", "Port", "Version", "Status", "Nodes",
                                "Active Profile", "Active Kubecontext"},
                               {row}, false));
    return 0;
}

bool profileNameValid(const std::string& name) {
    if (name.empty() || !std::isalnum(static_cast<unsigned char>(name.front())))
        return false;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.')
            return false;
    return true;
}

}  // namespace

int runProfile(Invocation& inv) {
    const std::string sub = inv.takeSubcommand();
    if (sub == "list") {
        inv.commandPath += " list";
        return profileList(inv);
    }
    int code = 0;
    if (!inv.parse({}, code))
        return code;
    Output& out = inv.out;
    if (sub.empty()) {
        out.ln(inv.profile());
        return 0;
    }
    if (!inv.flags.positional.empty())
        return out.exitMessage(reason::usage(), "usage: minikube profile [MINIKUBE_PROFILE_NAME]");
    std::string profile = sub;
    if (!profileNameValid(profile)) {
        out.warning("Profile name '" + profile + "' is not valid");
        return out.exitMessage(reason::usage(),
                               "Only alphanumeric and dashes '-' are permitted. Minimum 1 character, starting with alphanumeric.");
    }
    if (profile == "default")
        profile = kDefaultProfile;
    if (!profileExists(inv.ctx, profile)) {
        out.errStep(Style::Tip, "if you want to create a profile you can by this command: minikube start -p " + profile);
        return 0;
    }
    inv.state().settings["profile"] = profile;
    inv.state().kubeContextActive = true;
    out.step(Style::Success, "minikube profile was successfully set to " + profile);
    return 0;
}

// `minikube update-context`: points kubectl's context at the profile again.
int runUpdateContext(Invocation& inv) {
    int code = 0;
    if (!inv.parse({}, code))
        return code;
    const std::string profile = inv.profile();
    if (int c = mustLoadRunning(inv, profile))
        return c;
    if (inv.state().kubeContextActive) {
        inv.out.step(Style::Meh, "No changes required for the \"" + profile + "\" context");
    } else {
        inv.out.step(Style::Celebrate, "\"" + profile + "\" context has been updated to point to " +
                                           machineNodes(inv.ctx)[0].ip + ":8443");
        inv.state().kubeContextActive = true;
    }
    inv.out.step(Style::Kubectl, "Current context is \"" + profile + "\"");
    return 0;
}

}  // namespace kp::cli::minikube
