// minikube v1.35.0 as a learner types it: `minikube start`, `status`, `stop`, `delete`,
// `pause`/`unpause`, `ip`, `version`, `kubectl -- ...`, `service`, `dashboard`, `addons`,
// `docker-env`, `node add|list`, `tunnel`, `config`, `profile list`, `help`. Output text, emoji,
// tables, exit codes and reason IDs are minikube's; the machine underneath is the Cluster's
// MachineState (Absent/Running/Stopped/Paused).
//
// One file per verb (start.cpp, status.cpp, ...), as in cmd/minikube/cmd. How long a verb
// takes in virtual time is listed in timings.h.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/json.h"
#include "cli/command_result.h"
#include "cluster/cluster.h"

namespace kp::cli {

// What minikube remembers between commands besides the machine itself: the profile's addon
// toggles and disk size (~/.minikube/profiles/<name>/config.json) and the global settings of
// `minikube config set` (~/.minikube/config/config.json). Lives as long as the terminal.
struct MinikubeState {
    std::map<std::string, bool> addons;           // addon name -> enabled (absent = addon default)
    std::map<std::string, std::string> settings;  // `minikube config set NAME VALUE`
    int diskMB = 20000;                           // --disk-size of the profile
    int addedNodes = 0;                           // `minikube node add` since the profile was created
    std::vector<int> deletedNodeIds;              // `minikube node delete`: node IDs (2 = m02) gone
    bool controlPlaneStoppedAlone = false;        // `minikube node stop <primary>`: workers still up
    bool kubeContextActive = false;               // kubeconfig's current-context is the profile
    // Static pod manifests moved out of the control plane's /etc/kubernetes/manifests with
    // `minikube ssh`: manifest file name -> the path it was moved to.
    std::map<std::string, std::string> movedManifests;
    // `sudo systemctl start|restart kubelet` on a node: node name -> when its kubelet last started
    // (virtual ms), what `ps` shows for it then instead of the machine's boot.
    std::map<std::string, int64_t> kubeletStartedMs;

    Json toJson() const;
    bool fromJson(const Json& j);
};

// Facts about the learner's computer that minikube prints or depends on.
struct MinikubeHost {
    std::string platform = "Ubuntu 22.04";  // "😄  minikube v1.35.0 on Ubuntu 22.04"
    std::string home = "/root";             // ~/.minikube is under it (the playground shell is root)
    std::string user = "root";
    std::string kubectlPath = "/usr/local/bin/kubectl";
    std::string kubectlVersion = "1.32.0";  // for the version-skew warning of `minikube start`
};

struct MinikubeContext {
    MinikubeContext(Cluster& cluster, MinikubeState& state) : cluster(cluster), state(state) {}

    Cluster& cluster;
    MinikubeState& state;
    MinikubeHost host;
    // `minikube kubectl -- ARGS`: runs kubectl with ARGS (wired to the shell's kubectl).
    std::function<CommandResult(const std::vector<std::string>& args)> kubectl;
    // The shell's environment (MINIKUBE_ACTIVE_DOCKERD makes `status` print "docker-env: in-use").
    std::function<std::string(const std::string& name)> getenv;
    // Called after an addon is enabled or disabled on a running machine, so that its objects can
    // be applied or removed (dashboard, metrics-server, ingress, ...).
    std::function<void(const std::string& addon, bool enabled)> onAddonChanged;
    // Called by `minikube node add` with the new node's name and IP, to register it.
    std::function<void(int index)> onNodeAdded;  // machine index (0 = primary, 1 = m02, ...)
    // What keeps running after the command returns (`tunnel`, `dashboard`): the shell keeps it
    // in the foreground of the terminal until Ctrl+C.
    ForegroundPtr foreground;
    // `minikube ssh` without a command: the terminal attaches to the node's login shell.
    AttachRequest attach;
    // Opens a URL in the learner's browser (`minikube dashboard`, `minikube service`); unset: none.
    std::function<void(const std::string& url)> openBrowser;
    // False inside $(...) or a pipe: `docker-env` then prints only the script.
    bool stdoutIsTerminal = true;
    // kubectl-style help wraps at 80/100/120 columns in a terminal that wide; 0 = no wrapping.
    int terminalColumns = 0;

    // Filled by runMinikube: stdout and stderr interleaved in the order written, which is
    // what a terminal shows (CommandResult keeps the two streams apart).
    std::string terminal;
};

// Runs `minikube ARGS...` (args without the leading "minikube").
CommandResult runMinikube(MinikubeContext& ctx, const std::vector<std::string>& args);

}  // namespace kp::cli
