// The `minikube` command: finds the verb the way cobra does (the first word that is not a flag
// or a global flag's value), handles help, and runs the verb's file.
#include "cli/minikube/minikube.h"

#include <algorithm>

#include "cli/minikube/commands.h"

namespace kp::cli {

Json MinikubeState::toJson() const {
    Json j{{"addons", addons},
           {"settings", settings},
           {"diskMB", diskMB},
           {"addedNodes", addedNodes},
           {"deletedNodeIds", deletedNodeIds},
           {"controlPlaneStoppedAlone", controlPlaneStoppedAlone},
           {"kubeContextActive", kubeContextActive}};
    if (!kubeletStartedMs.empty())
        j["kubeletStartedMs"] = kubeletStartedMs;
    return j;
}

bool MinikubeState::fromJson(const Json& j) {
    if (!j.is_object())
        return false;
    MinikubeState s;
    if (auto it = j.find("addons"); it != j.end() && it->is_object())
        for (const auto& [k, v] : it->items())
            if (v.is_boolean())
                s.addons[k] = v.get<bool>();
    if (auto it = j.find("settings"); it != j.end() && it->is_object())
        for (const auto& [k, v] : it->items())
            if (v.is_string())
                s.settings[k] = v.get<std::string>();
    s.diskMB = j.value("diskMB", 20000);
    s.addedNodes = j.value("addedNodes", 0);
    if (auto it = j.find("deletedNodeIds"); it != j.end() && it->is_array())
        for (const Json& id : *it)
            if (id.is_number_integer())
                s.deletedNodeIds.push_back(id.get<int>());
    s.kubeContextActive = j.value("kubeContextActive", false);
    s.controlPlaneStoppedAlone = j.value("controlPlaneStoppedAlone", false);
    if (auto it = j.find("kubeletStartedMs"); it != j.end() && it->is_object())
        for (const auto& [k, v] : it->items())
            if (v.is_number_integer())
                s.kubeletStartedMs[k] = v.get<int64_t>();
    *this = s;
    return true;
}

namespace {

using minikube::Invocation;

struct Verb {
    const char* name;
    int (*run)(Invocation&);
};

constexpr Verb kVerbs[] = {
    {"start", minikube::runStart},
    {"status", minikube::runStatus},
    {"stop", minikube::runStop},
    {"delete", minikube::runDelete},
    {"pause", minikube::runPause},
    {"unpause", minikube::runUnpause},
    {"resume", minikube::runUnpause},  // unpause's alias
    {"ip", minikube::runIP},
    {"version", minikube::runVersion},
    {"kubectl", minikube::runKubectl},
    {"service", minikube::runService},
    {"dashboard", minikube::runDashboard},
    {"addons", minikube::runAddons},
    {"docker-env", minikube::runDockerEnv},
    {"node", minikube::runNode},
    {"tunnel", minikube::runTunnel},
    {"ssh", minikube::runSsh},
    {"config", minikube::runConfig},
    {"profile", minikube::runProfile},
    {"update-context", minikube::runUpdateContext},
};

// Real minikube commands the simulation does not offer.
// SIMPLIFICATION: they answer with a kubeplay note instead of their minikube behaviour.
constexpr const char* kUnsimulated[] = {"podman-env", "cache", "image",  "mount",        "cp",
                                        "ssh-key",    "ssh-host", "logs", "update-check", "options", "completion",
                                        "license"};

bool wantsHelp(const std::vector<std::string>& args) {
    for (const std::string& a : args) {
        if (a == "--")
            return false;
        if (a == "-h" || a == "--help" || a == "--help=true")
            return true;
    }
    return false;
}

int dispatch(Invocation& inv, const std::string& verb) {
    minikube::Output& out = inv.out;
    if (verb.empty()) {
        // `minikube` alone (or with only flags): the root command has no action, cobra prints help.
        int code = 0;
        if (!inv.parse({}, code))
            return code;
        out.stdoutText(minikube::rootHelp(inv.ctx.terminalColumns));
        return 0;
    }
    if (verb == "help") {
        const std::string topic = inv.takeSubcommand();
        if (topic.empty())
            out.stdoutText(minikube::rootHelp(inv.ctx.terminalColumns));
        else
            minikube::verbHelp(inv, topic);
        return 0;
    }
    if (wantsHelp(inv.args)) {
        // The verb's flags: run it against a throwaway output until it parses its command line.
        std::vector<minikube::FlagSpec> specs;
        std::string flagsPath;
        for (const Verb& v : kVerbs)
            if (verb == v.name) {
                minikube::Output scratch;
                Invocation probe{inv.ctx, scratch, inv.args, inv.commandPath, {}};
                probe.flagsWanted = &specs;
                v.run(probe);
                flagsPath = probe.commandPath;  // "minikube addons list" once the verb took its subcommand
            }
        return minikube::verbHelp(inv, verb, specs, flagsPath);
    }
    for (const Verb& v : kVerbs) {
        if (verb != v.name)
            continue;
        if (verb == "service") {
            int i = minikube::firstPositional(inv.args);
            if (i >= 0 && inv.args[static_cast<size_t>(i)] == "list") {
                inv.args.erase(inv.args.begin() + i);
                inv.commandPath += " list";
                return minikube::runServiceList(inv);
            }
        }
        return v.run(inv);
    }
    for (const char* name : kUnsimulated) {
        if (verb == name) {
            out.stderrText("minikube " + verb + ": not available in kubeplay\n");
            return 1;
        }
    }
    return minikube::unknownCommand(inv, verb);
}

}  // namespace

CommandResult runMinikube(MinikubeContext& ctx, const std::vector<std::string>& args) {
    minikube::Output out(args, ctx.host.user);
    std::vector<std::string> rest = args;
    std::string verb;
    const int i = minikube::firstPositional(rest);
    if (i >= 0) {
        verb = rest[static_cast<size_t>(i)];
        rest.erase(rest.begin() + i);
    }
    Invocation inv{ctx, out, rest, verb.empty() ? "minikube" : "minikube " + verb, {}};
    const int code = dispatch(inv, verb);
    ctx.terminal = out.terminal();
    CommandResult result;
    result.exitCode = code;
    result.out = out.out();
    result.err = out.err();
    result.attach = ctx.attach;
    return result;
}

}  // namespace kp::cli
