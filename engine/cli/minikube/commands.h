// The pieces minikube's verbs share: one invocation (context, output, parsed command line),
// the profile lookups of pkg/minikube/mustload, the machine's nodes, and every verb's entry.
#pragma once
#include <string>
#include <vector>

#include "cli/minikube/flags.h"
#include "cli/minikube/minikube.h"
#include "cli/minikube/output.h"

namespace kp::cli::minikube {

constexpr const char* kMinikubeVersion = "v1.35.0";
constexpr const char* kMinikubeCommit = "dd5d320e41b5451cdf3c01891bc4e13d189586ed-dirty";
constexpr const char* kKicVersion = "v0.0.46";
constexpr const char* kDefaultProfile = "minikube";

// Reasons the verbs exit with (pkg/minikube/reason/reason.go, exitcodes.go).
namespace reason {
Kind usage();                 // MK_USAGE, 14
Kind kind(const std::string& id, int exitCode, Style style = Style::Failure);
constexpr int kExGuestNotRunning = 83;
constexpr int kExGuestNotFound = 85;
constexpr int kExControlPlaneError = 100;
constexpr int kExControlPlaneNotRunning = 103;
constexpr int kExProgramUsage = 14;
}  // namespace reason

struct Invocation {
    MinikubeContext& ctx;
    Output& out;
    std::vector<std::string> args;  // the verb's own arguments (after "start", "addons enable", ...)
    std::string commandPath;        // "minikube start", "minikube addons enable"
    ParsedFlags flags;              // filled by parse()
    // Set while `--help` asks which flags the verb takes: parse() stores its specs here and
    // stops the verb (see verbHelp).
    std::vector<FlagSpec>* flagsWanted = nullptr;

    // Parses args against the verb's flags; on error prints cobra's message and returns false
    // with `code` set.
    bool parse(const std::vector<FlagSpec>& specs, int& code);
    // The profile the command is about: -p/--profile, else `minikube config set profile`, else
    // "minikube" (viper's ClusterFlagValue).
    std::string profile() const;
    // Removes and returns the first word that is not a flag (skipping the values of global
    // flags like "-p NAME"): the subcommand of "minikube addons -p x enable", "" when none.
    std::string takeSubcommand();
    Cluster& cluster() { return ctx.cluster; }
    MinikubeState& state() { return ctx.state; }
};

// One node of the machine: "minikube", "minikube-m02", ...
struct MachineNode {
    int id = 1;                 // node.ID: 1 for the primary, 2 for m02, ...
    std::string name;
    std::string ip;
    bool controlPlane = false;
};

// The profile's nodes in creation order. Names and IPs come from the Node objects when the
// cluster has registered them (status.addresses InternalIP), else from minikube's defaults
// (docker network 192.168.49.2, .3, ...; VirtualBox host-only network 192.168.59.100, .101, ...).
std::vector<MachineNode> machineNodes(MinikubeContext& ctx);
std::string machineName(const std::string& profile, int index);  // index 0 = primary
// A node's ID as minikube spells it: "m02" for node 2 (the machine name's suffix, what
// `minikube node stop m02` and `minikube ssh -n m02` accept).
std::string nodeIdName(int id);
// node.Retrieve: the node called NAME ("minikube-m02"), its ID ("m02"), or the profile for the
// primary; nullptr when none is.
const MachineNode* findNode(const std::vector<MachineNode>& nodes, const std::string& profile, const std::string& name);
bool isKIC(const std::string& driver);                           // docker, podman
std::string machineType(const std::string& driver);              // "container", "VM"
// `minikube <action>` or `minikube <action> -p <profile>` (mustload.ExampleCmd).
std::string exampleCommand(const std::string& profile, const std::string& action);

// pkg/minikube/mustload. Each returns 0 when the command may go on, else prints minikube's
// message and returns the exit code.
bool profileExists(MinikubeContext& ctx, const std::string& profile);
int mustLoadPartial(Invocation& inv, const std::string& profile);
int mustLoadRunning(Invocation& inv, const std::string& profile);
int mustLoadHealthy(Invocation& inv, const std::string& profile);

// Verbs (one file each). They return the exit code.
int runStart(Invocation& inv);
int runStatus(Invocation& inv);
int runStop(Invocation& inv);
int runDelete(Invocation& inv);
int runPause(Invocation& inv);
int runUnpause(Invocation& inv);
int runIP(Invocation& inv);
int runVersion(Invocation& inv);
int runKubectl(Invocation& inv);
int runService(Invocation& inv);
int runServiceList(Invocation& inv);
int runDashboard(Invocation& inv);
int runAddons(Invocation& inv);        // addons list|enable|disable
int runDockerEnv(Invocation& inv);
int runNode(Invocation& inv);          // node add|list
int runTunnel(Invocation& inv);
int runSsh(Invocation& inv);           // ssh [-n NODE] -- COMMAND
int runConfig(Invocation& inv);        // config set|get|unset|view
int runProfile(Invocation& inv);       // profile [NAME] | profile list
int runUpdateContext(Invocation& inv);

// help.cpp: the root usage text and cobra's "unknown command" error.
std::string rootHelp(int terminalColumns);
int unknownCommand(Invocation& inv, const std::string& command);
// Short help of a verb for `minikube VERB --help`.
// `minikube VERB --help`: the verb's description, subcommands, flags (`specs`, of the command
// `flagsPath` names: "minikube addons list") and usage.
int verbHelp(Invocation& inv, const std::string& verb, const std::vector<FlagSpec>& specs = {},
             const std::string& flagsPath = "");

}  // namespace kp::cli::minikube
