// `minikube docker-env`: the shell script that points the docker CLI at the Docker Engine
// inside the minikube node (cmd/minikube/cmd/docker-env.go, pkg/minikube/shell/shell.go).
// `eval $(minikube docker-env)` runs it; evaluating it is the shell's business.
//
// Inside $(...) stdout is not a terminal: minikube then prints nothing but the script, and a
// failure prints "false exit code N" so that the eval fails too.
#include "cli/minikube/commands.h"

namespace kp::cli::minikube {
namespace {

// How one shell sets and unsets a variable, and the hint printed after the script.
struct ShellSyntax {
    const char* name;
    const char* prefix;
    const char* delimiter;
    const char* suffix;
    const char* unsetPrefix;
    const char* unsetDelimiter;
    const char* unsetSuffix;
};

constexpr ShellSyntax kShells[] = {
    {"bash", "export ", "=\"", "\"\n", "unset ", "", ";\n"},
    {"fish", "set -gx ", " \"", "\";\n", "set -e ", "", ";\n"},
    {"powershell", "$Env:", " = \"", "\"\n", "Remove-Item Env:\\\\", "", "\n"},
    {"cmd", "SET ", "=", "\n", "SET ", "=", "\n"},
    {"emacs", "(setenv \"", "\" \"", "\")\n", "(setenv \"", "\" nil", ")\n"},
    {"tcsh", "setenv ", " \"", "\";\n", "unsetenv ", "", ";\n"},
    {"none", "", "=", "\n", "", "", "\n"},
};

// Unknown shells (zsh, sh, ...) get bash's syntax.
const ShellSyntax& shellSyntax(const std::string& name) {
    for (const ShellSyntax& s : kShells)
        if (name == s.name)
            return s;
    return kShells[0];
}

std::string usageHint(const std::string& shell, const std::string& command) {
    const std::string plz = "To point your shell to minikube's docker-daemon, run:";
    if (shell == "fish")
        return "\n# " + plz + "\n# " + command + " | source\n";
    if (shell == "powershell")
        return "# " + plz + "\n# & " + command + " --shell powershell | Invoke-Expression\n";
    if (shell == "cmd")
        return "REM " + plz + "\nREM @FOR /f \"tokens=*\" %i IN ('" + command + " --shell cmd') DO @%i\n";
    if (shell == "emacs")
        return ";; " + plz + "\n;; (with-temp-buffer (shell-command \"" + command + "\" (current-buffer)) (eval-buffer))\n";
    if (shell == "tcsh")
        return "\n: \"" + plz + "\"\n: eval `" + command + "`\n";
    if (shell == "none")
        return "";
    return "\n# " + plz + "\n# eval $(" + command + ")\n";
}

std::string detectShell(Invocation& inv) {
    if (inv.flags.changed("shell"))
        return inv.flags.get("shell");
    std::string sh = inv.ctx.getenv ? inv.ctx.getenv("SHELL") : "";
    if (sh.empty())
        return "bash";
    size_t slash = sh.rfind('/');
    return slash == std::string::npos ? sh : sh.substr(slash + 1);
}

}  // namespace

int runDockerEnv(Invocation& inv) {
    int code = 0;
    if (!inv.parse({{"no-proxy", 0, FlagType::Bool, "false"},
                    {"ssh-host", 0, FlagType::Bool, "false"},
                    {"ssh-add", 0, FlagType::Bool, "false"},
                    {"shell", 0, FlagType::String, ""},
                    {"output", 'o', FlagType::String, ""},
                    {"unset", 'u', FlagType::Bool, "false"}},
                   code))
        return code;
    Output& out = inv.out;
    const std::string shell = detectShell(inv);
    const ShellSyntax& syn = shellSyntax(shell);
    const bool noProxy = inv.flags.getBool("no-proxy");
    if (inv.flags.getBool("unset")) {
        std::vector<std::string> names = {"DOCKER_TLS_VERIFY", "DOCKER_HOST",   "DOCKER_CERT_PATH",
                                          "MINIKUBE_ACTIVE_DOCKERD", "SSH_AUTH_SOCK", "SSH_AGENT_PID"};
        if (noProxy)
            names.push_back("NO_PROXY");
        for (const std::string& n : names)
            out.stdoutText(std::string(syn.unsetPrefix) + n + syn.unsetDelimiter + syn.unsetSuffix);
        return 0;
    }
    if (!inv.ctx.stdoutIsTerminal) {
        out.setSilent(true);
        out.setShell(true);
    }
    const std::string profile = inv.profile();
    if (int c = mustLoadRunning(inv, profile))
        return c;
    std::vector<MachineNode> nodes = machineNodes(inv.ctx);
    if (nodes.size() > 1)
        return out.exitMessage(reason::kind("ENV_MULTINODE_CONFLICT", 81),
                               "The docker-env command is incompatible with multi-node clusters. Use the 'registry' add-on: https://minikube.sigs.k8s.io/docs/handbook/registry/");
    const MinikubeConfig& cfg = inv.cluster().minikubeConfig();
    if (cfg.containerRuntime != "docker") {
        // SIMPLIFICATION: containerd's docker-env (nerdctld over SSH) is not simulated.
        return out.exitMessage(reason::usage(), "the docker-env command only supports the docker and containerd runtimes");
    }
    // A Linux host reaches the node's Docker Engine directly on its IP, port 2376.
    const std::string host = "tcp://" + nodes[0].ip + ":2376";
    std::vector<std::pair<std::string, std::string>> vars = {
        {"DOCKER_TLS_VERIFY", "1"},
        {"DOCKER_HOST", host},
        {"DOCKER_CERT_PATH", inv.ctx.host.home + "/.minikube/certs"},
        {"MINIKUBE_ACTIVE_DOCKERD", profile},
    };
    if (noProxy) {
        std::string value = inv.ctx.getenv ? inv.ctx.getenv("NO_PROXY") : "";
        if (value.empty())
            value = nodes[0].ip;
        else if (value.find(nodes[0].ip) == std::string::npos)
            value += "," + nodes[0].ip;
        vars.push_back({"NO_PROXY", value});
    }
    std::string script;
    for (const auto& [k, v] : vars)
        script += std::string(syn.prefix) + k + syn.delimiter + v + syn.suffix;
    script += usageHint(shell, "minikube -p " + profile + " docker-env");
    out.stdoutText(script);
    return 0;
}

}  // namespace kp::cli::minikube
