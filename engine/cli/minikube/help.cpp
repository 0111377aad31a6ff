// minikube's help and cobra's command errors. minikube lays its help out with kubectl's
// templates (k8s.io/kubectl/pkg/util/templates): the description, command groups with names
// padded to the longest command name, then the "--help" and "options" hints. In a terminal at
// least 80 columns wide the text is word-wrapped at 80, 100 or 120 columns.
#include <algorithm>

#include "cli/cobra_suggestions.h"
#include "cli/minikube/commands.h"
#include "cli/minikube/flag_usage.h"

namespace kp::cli::minikube {
namespace {

struct CommandInfo {
    const char* name;
    const char* shortHelp;
};

struct CommandGroup {
    const char* title;
    std::vector<CommandInfo> commands;
};

// cmd/minikube/cmd/root.go: the groups of `minikube help`; ungrouped commands go to "Other".
const std::vector<CommandGroup>& rootGroups() {
    static const std::vector<CommandGroup> groups = {
        {"Basic Commands:",
         {{"start", "Starts a local Kubernetes cluster"},
          {"status", "Gets the status of a local Kubernetes cluster"},
          {"stop", "Stops a running local Kubernetes cluster"},
          {"delete", "Deletes a local Kubernetes cluster"},
          {"dashboard", "Access the Kubernetes dashboard running within the minikube cluster"},
          {"pause", "pause Kubernetes"},
          {"unpause", "unpause Kubernetes"}}},
        {"Images Commands:",
         {{"docker-env", "Provides instructions to point your terminal's docker-cli to the Docker Engine inside minikube. "
                         "(Useful for building docker images directly inside minikube)"},
          {"podman-env", "Configure environment to use minikube's Podman service"},
          {"cache", "Manage cache for images"},
          {"image", "Manage images"}}},
        {"Configuration and Management Commands:",
         {{"addons", "Enable or disable a minikube addon"},
          {"config", "Modify persistent configuration values"},
          {"profile", "Get or list the current profiles (clusters)"},
          {"update-context", "Update kubeconfig in case of an IP or port change"}}},
        {"Networking and Connectivity Commands:",
         {{"service", "Returns a URL to connect to a service"}, {"tunnel", "Connect to LoadBalancer services"}}},
        {"Advanced Commands:",
         {{"mount", "Mounts the specified directory into minikube"},
          {"ssh", "Log into the minikube environment (for debugging)"},
          {"kubectl", "Run a kubectl binary matching the cluster version"},
          {"node", "Add, remove, or list additional nodes"},
          {"cp", "Copy the specified file into minikube"}}},
        {"Troubleshooting Commands:",
         {{"ssh-key", "Retrieve the ssh identity key path of the specified node"},
          {"ssh-host", "Retrieve the ssh host key of the specified node"},
          {"ip", "Retrieves the IP address of the specified node"},
          {"logs", "Returns logs to debug a local Kubernetes cluster"},
          {"update-check", "Print current and latest version number"},
          {"version", "Print the version of minikube"},
          {"options", "Show a list of global command-line options (applies to all commands)."}}},
        {"Other Commands:",
         {{"completion", "Generate command completion for a shell"},
          {"license", "Outputs the licenses of dependencies to a directory"}}},
    };
    return groups;
}

// The padding cobra uses: the longest name among a command's children (hidden ones included:
// the root has "generate-docs"), at least 11.
constexpr size_t kRootNamePadding = 14;  // "update-context"
constexpr size_t kMinNamePadding = 11;

std::string rpad(const std::string& s, size_t n) { return s.size() >= n ? s : s + std::string(n - s.size(), ' '); }

// Word wrap as github.com/mitchellh/go-wordwrap does it: break before a word that would pass
// the limit (dropping the spaces there), keep existing line breaks, leave longer words whole.
std::string wordWrap(const std::string& text, size_t limit) {
    if (limit == 0)
        return text;
    std::string out, word, spaces;
    size_t current = 0;
    auto runes = [](const std::string& s) {
        size_t n = 0;
        for (unsigned char c : s)
            n += (c & 0xC0) != 0x80;
        return n;
    };
    for (char c : text) {
        if (c == '\n') {
            if (word.empty()) {
                if (current + runes(spaces) <= limit)
                    out += spaces;
            } else {
                out += spaces + word;
            }
            spaces.clear();
            word.clear();
            out += '\n';
            current = 0;
        } else if (c == ' ' || c == '\t') {
            if (spaces.empty() || !word.empty()) {
                current += runes(spaces) + runes(word);
                out += spaces + word;
                spaces.clear();
                word.clear();
            }
            spaces += c;
        } else {
            word += c;
            if ((c & 0xC0) == 0x80)
                continue;
            if (current + runes(spaces) + runes(word) > limit && runes(word) < limit) {
                out += '\n';
                current = 0;
                spaces.clear();
            }
        }
    }
    if (word.empty()) {
        if (current + runes(spaces) <= limit)
            out += spaces;
    } else {
        out += spaces + word;
    }
    return out;
}

size_t wrapLimit(int columns) {
    if (columns >= 120)
        return 120;
    if (columns >= 100)
        return 100;
    if (columns >= 80)
        return 80;
    return 0;
}

struct VerbHelp {
    const char* verb;  // "addons", or a subcommand's path: "addons enable"
    const char* use;
    const char* longHelp;
    std::vector<CommandInfo> subcommands;
    const char* example = "";
};

const std::vector<VerbHelp>& verbHelps() {
    static const std::vector<VerbHelp> helps = {
        {"addons", "addons SUBCOMMAND [flags]",
         "addons modifies minikube addons files using subcommands like \"minikube addons enable dashboard\"",
         {{"configure", "Configures the addon w/ADDON_NAME within minikube (example: minikube addons configure "
                        "registry-creds). For a list of available addons use: minikube addons list"},
          {"disable", "Disables the addon w/ADDON_NAME within minikube (example: minikube addons disable dashboard). "
                      "For a list of available addons use: minikube addons list "},
          {"enable", "Enables the addon w/ADDON_NAME within minikube. For a list of available addons use: minikube "
                     "addons list "},
          {"images", "List image names the addon w/ADDON_NAME used. For a list of available addons use: minikube "
                     "addons list"},
          {"list", "Lists all available minikube addons as well as their current statuses (enabled/disabled)"},
          {"open", "Opens the addon w/ADDON_NAME within minikube (example: minikube addons open dashboard). For a "
                   "list of available addons use: minikube addons list "}}},
        {"addons enable", "addons enable ADDON_NAME [flags]",
         "Enables the addon w/ADDON_NAME within minikube. For a list of available addons use: minikube addons list",
         {},
         "minikube addons enable dashboard"},
        {"addons disable", "addons disable ADDON_NAME [flags]",
         "Disables the addon w/ADDON_NAME within minikube (example: minikube addons disable dashboard). For a list "
         "of available addons use: minikube addons list",
         {}},
        {"addons list", "addons list [flags]",
         "Lists all available minikube addons as well as their current statuses (enabled/disabled)",
         {}},
        {"config", "config SUBCOMMAND [flags]",
         "config modifies minikube config files using subcommands like \"minikube config set driver kvm2\"\n"
         "Configurable fields: \n\n * driver\n * vm-driver\n * container-runtime\n * feature-gates\n * v\n * cpus\n"
         " * disk-size\n * host-only-cidr\n * memory\n * log_dir\n * kubernetes-version\n * iso-url\n"
         " * WantUpdateNotification\n * WantBetaUpdateNotification\n * ReminderWaitPeriodInHours\n"
         " * WantNoneDriverWarning\n * WantVirtualBoxDriverWarning\n * profile\n * bootstrapper\n"
         " * insecure-registry\n * hyperv-virtual-switch\n * disable-driver-mounts\n * cache\n * EmbedCerts\n"
         " * native-ssh\n * rootless\n * MaxAuditEntries",
         {{"defaults", "Lists all valid default values for PROPERTY_NAME"},
          {"get", "Gets the value of PROPERTY_NAME from the minikube config file"},
          {"set", "Sets an individual value in a minikube config file"},
          {"unset", "unsets an individual value in a minikube config file"},
          {"view", "Display values currently set in the minikube config file"}}},
        {"start", "start", "Starts a local Kubernetes cluster", {}},
        {"status", "status",
         "Gets the status of a local Kubernetes cluster.\n\tExit status contains the status of minikube's VM, cluster "
         "and Kubernetes encoded on it's bits in this order from right to left.\n\tEg: 7 meaning: 1 (for minikube NOK) "
         "+ 2 (for cluster NOK) + 4 (for Kubernetes NOK)",
         {}},
        {"stop", "stop",
         "Stops a local Kubernetes cluster. This command stops the underlying VM or container, but keeps user data "
         "intact. The cluster can be started again with the \"start\" command.",
         {}},
        {"dashboard", "dashboard", "Access the Kubernetes dashboard running within the minikube cluster", {}},
        {"ip", "ip", "Retrieves the IP address of the specified node, and writes it to STDOUT.", {}},
        {"version", "version", "Print the version of minikube.", {}},
        {"service", "service [flags] SERVICE",
         "Returns the Kubernetes URL(s) for service(s) in your local cluster. In the case of multiple URLs they will be "
         "printed one at a time.",
         {}},
        {"tunnel", "tunnel",
         "tunnel creates a route to services deployed with type LoadBalancer and sets their Ingress to their ClusterIP. "
         "for a detailed example see https://minikube.sigs.k8s.io/docs/tasks/loadbalancer",
         {}},
        {"pause", "pause", "pause Kubernetes", {}},
        {"unpause", "unpause", "unpause Kubernetes", {}},
    };
    return helps;
}

}  // namespace

std::string rootHelp(int terminalColumns) {
    std::string groups;
    for (const CommandGroup& g : rootGroups()) {
        if (!groups.empty())
            groups += "\n\n";
        groups += g.title;
        for (const CommandInfo& c : g.commands)
            groups += std::string("\n  ") + rpad(c.name, kRootNamePadding) + "   " + c.shortHelp;
    }
    // Each piece is written (and wrapped) on its own, as the template writes it.
    const size_t limit = wrapLimit(terminalColumns);
    return wordWrap("minikube provisions and manages local Kubernetes clusters optimized for development workflows.", limit) +
           "\n\n" + wordWrap(groups, limit) + "\n\n" +
           wordWrap("Use \"minikube <command> --help\" for more information about a given command.", limit) + "\n";
}

int verbHelp(Invocation& inv, const std::string& verb, const std::vector<FlagSpec>& specs, const std::string& flagsPath) {
    const size_t limit = wrapLimit(inv.ctx.terminalColumns);
    // A subcommand's own help when it has one ("minikube addons enable"), else its verb's.
    const std::string prefix = "minikube ";
    const std::string path = flagsPath.rfind(prefix, 0) == 0 ? flagsPath.substr(prefix.size()) : "";
    const VerbHelp* found = nullptr;
    for (const VerbHelp& h : verbHelps())
        if (path == h.verb || (!found && verb == h.verb))
            found = &h;
    if (found) {
        const VerbHelp& h = *found;
        std::string text = wordWrap(h.longHelp, limit) + "\n\n";
        if (*h.example)
            text += "Examples:\n" + std::string(h.example) + "\n\n";
        if (!h.subcommands.empty()) {
            std::string cmds = "Available Commands:";
            for (const CommandInfo& c : h.subcommands)
                cmds += std::string("\n  ") + rpad(c.name, kMinNamePadding) + "   " + c.shortHelp;
            text += wordWrap(cmds, limit) + "\n\n";
        }
        if (!specs.empty())
            text += "Options:\n" + optionsBlock(flagsPath.empty() ? "minikube " + std::string(h.verb) : flagsPath, specs);
        std::string use = h.use;
        if (use.find("[flags]") == std::string::npos)
            use += " [flags]";
        text += "Usage:\n  minikube " + use + " [options]\n\n";
        if (!h.subcommands.empty())
            text += wordWrap(std::string("Use \"minikube ") + h.verb + " <command> --help\" for more information about a given command.", limit) + "\n";
        text += wordWrap("Use \"minikube options\" for a list of global command-line options (applies to all commands).", limit) + "\n";
        inv.out.stdoutText(text);
        return 0;
    }
    inv.out.stdoutText(rootHelp(inv.ctx.terminalColumns));
    return 0;
}

int unknownCommand(Invocation& inv, const std::string& command) {
    std::vector<std::string> names;
    for (const CommandGroup& g : rootGroups())
        for (const CommandInfo& c : g.commands)
            names.push_back(c.name);
    std::sort(names.begin(), names.end());
    const std::string suggestions = commandSuggestions(command, names);
    std::string msg = "Error: unknown command \"" + command + "\" for \"minikube\"";
    if (!suggestions.empty())
        msg += "\n\nDid you mean this?\n" + suggestions;
    inv.out.stderrText(msg + "\nRun 'minikube --help' for usage.\n");
    return reason::kExProgramUsage;
}

}  // namespace kp::cli::minikube
