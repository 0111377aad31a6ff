// `minikube ssh [-n NODE] [-- COMMAND]`: a command on a node's shell, or without one a login shell
// the terminal stays attached to (cmd/minikube/cmd/ssh.go).
// The node knows the commands the fault lessons use:
//   ls /etc/kubernetes/manifests            the control plane's static pod manifests
//   sudo mv /etc/kubernetes/manifests/kube-scheduler.yaml /etc/kubernetes/   stops the scheduler
//   (the kubelet removes a static pod whose manifest is gone; moving it back starts it again)
//   sudo systemctl stop|start|restart|is-active kubelet
//   hostname, whoami, pwd, uname, echo, docker ps|exec, crictl ps|pods|images, ps [aux|-ef|-e], ip addr|link|route
#include "cli/docker/docker.h"
#include "cli/minikube/commands.h"
#include "cli/minikube/node_tools.h"
#include "cli/memory_file_system.h"
#include "cli/sh/coreutils.h"
#include "cluster/system_workloads.h"
#include "kubelet/kubelets.h"

namespace kp::cli::minikube {
namespace {

constexpr const char* kManifestDir = "/etc/kubernetes/manifests";
const char* const kStaticPods[] = {"etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"};

// The words of a command as bash splits them: blanks separate words outside quotes; quotes
// group and are removed.
// SIMPLIFICATION: no escapes, expansions or globbing.
std::vector<std::string> words(const std::string& line) {
    std::vector<std::string> out;
    std::string w;
    bool inWord = false;
    char quote = 0;
    for (char c : line) {
        if (quote) {
            if (c == quote)
                quote = 0;
            else
                w += c;
        } else if (c == '"' || c == '\'') {
            quote = c;
            inWord = true;
        } else if (c == ' ' || c == '\t') {
            if (inWord)
                out.push_back(w);
            w.clear();
            inWord = false;
        } else {
            w += c;
            inWord = true;
        }
    }
    if (inWord)
        out.push_back(w);
    return out;
}

// Splits at each `sep` outside quotes.
std::vector<std::string> splitUnquoted(const std::string& line, char sep) {
    std::vector<std::string> parts(1);
    char quote = 0;
    for (char c : line) {
        if (quote && c == quote)
            quote = 0;
        else if (!quote && (c == '"' || c == '\''))
            quote = c;
        else if (!quote && c == sep) {
            parts.emplace_back();
            continue;
        }
        parts.back() += c;
    }
    return parts;
}

std::string trimSlash(std::string p) {
    while (p.size() > 1 && p.back() == '/')
        p.pop_back();
    return p;
}

// The node's shell for one command line.
class NodeShell {
public:
    NodeShell(Invocation& inv, const MachineNode& node) : inv_(inv), node_(node) {}
    // The commands that run after this one in its pipeline (what `ps` sees alongside itself).
    void setPipeline(std::vector<std::string> others) { pipeline_ = std::move(others); }

    int run(std::vector<std::string> argv) {
        if (!argv.empty() && argv[0] == "sudo")
            argv.erase(argv.begin());
        if (argv.empty())
            return 0;
        const std::string& cmd = argv[0];
        if (cmd == "hostname")
            return print(node_.name + "\n");
        if (cmd == "echo") {  // bash's builtin: words joined by spaces; -n drops the newline
            const bool newline = !(argv.size() > 1 && argv[1] == "-n");
            std::string text;
            for (size_t i = newline ? 1 : 2; i < argv.size(); ++i)
                text += (text.empty() ? "" : " ") + argv[i];
            return print(text + (newline ? "\n" : ""));
        }
        // kicbase logs in as user docker, home /home/docker.
        if (cmd == "whoami")
            return print("docker\n");
        if (cmd == "pwd")
            return print("/home/docker\n");
        if (cmd == "uname" && argv.size() == 1)
            return print("Linux\n");
        if (cmd == "ls")
            return ls(argv);
        if (cmd == "mv")
            return mv(argv);
        if (cmd == "systemctl")
            return systemctl(argv);
        if (cmd == "ps")
            return nodePs(inv_, node_, argv, pipeline_);
        if (cmd == "ip")
            return nodeIp(inv_, node_, argv);
        if (cmd == "docker" || cmd == "crictl") {
            docker::DockerContext ctx{inv_.cluster(), [](const std::string&) { return std::string(); }, node_.name, ""};
            const std::vector<std::string> args(argv.begin() + 1, argv.end());
            CommandResult r = cmd == "docker" ? docker::run(ctx, args) : docker::crictl(ctx, args);
            if (r.attach.ok)
                inv_.ctx.attach = r.attach;  // `docker exec -it ID sh`: the terminal enters the container
            inv_.out.stdoutText(r.out);
            inv_.out.stderrText(r.err);
            return r.exitCode;
        }
        // SIMPLIFICATION: the node's other commands are not simulated; the exit status is bash's
        // and minikube adds nothing (its own wording for a failed remote command is unverified).
        inv_.out.stderrText("bash: line 1: " + cmd + ": command not found\n");
        return 127;
    }

private:
    int print(const std::string& text) {
        inv_.out.stdoutText(text);
        return 0;
    }

    std::vector<std::string> manifests() {
        std::vector<std::string> out;
        if (!node_.controlPlane)
            return out;
        for (const char* pod : kStaticPods) {
            const std::string file = std::string(pod) + ".yaml";
            if (!inv_.state().movedManifests.count(file))
                out.push_back(file);
        }
        return out;
    }

    int ls(const std::vector<std::string>& argv) {
        std::vector<std::string> paths;
        for (size_t i = 1; i < argv.size(); ++i)
            if (argv[i][0] != '-')
                paths.push_back(trimSlash(argv[i]));
        if (paths.empty())
            return 0;  // docker's home folder is empty
        int code = 0;
        for (const std::string& path : paths) {
            std::vector<std::string> entries;
            if (path == kManifestDir) {
                entries = manifests();
            } else if (path == "/etc/kubernetes") {
                entries = {"addons", "admin.conf", "controller-manager.conf", "kubelet.conf", "manifests",
                           "scheduler.conf", "super-admin.conf"};
            } else {
                inv_.out.stderrText("ls: cannot access '" + path + "': No such file or directory\n");
                code = 2;
                continue;
            }
            for (const auto& [file, where] : inv_.state().movedManifests)
                if (trimSlash(where.substr(0, where.rfind('/'))) == path)
                    entries.push_back(where.substr(where.rfind('/') + 1));
            std::sort(entries.begin(), entries.end());
            for (const std::string& e : entries)
                inv_.out.stdoutText(e + "\n");
        }
        return code;
    }

    // The kubelet's file source: a manifest leaving the folder stops its static pod, one coming
    // back starts it. SIMPLIFICATION: the kubelet notices at once instead of at its next 20 s
    // file check; etcd and kube-apiserver keep serving when their manifests move.
    void staticPodChanged(const std::string& file, bool present) {
        const std::string pod = file.substr(0, file.size() - 5);
        Cluster& cluster = inv_.cluster();
        Component* component = cluster.component(pod);
        if (pod != "kube-scheduler" && pod != "kube-controller-manager")
            return;
        Client kubelet = cluster.client("kubelet");
        if (!present) {
            if (component)
                component->setEnabled(false);
            kubelet.remove(kubelet.resource("pods"), "kube-system", pod + "-" + node_.name);
        } else {
            if (ObjectPtr node = cluster.store().get("nodes", "", node_.name))
                system_workloads::createStaticPods(kubelet, *node, cluster.minikubeConfig(), cluster.now(), pod);
            if (component)
                component->setEnabled(true);
        }
        cluster.runUntilIdle();
    }

    int mv(const std::vector<std::string>& argv) {
        if (argv.size() != 3) {
            inv_.out.stderrText("mv: missing destination file operand after '" + (argv.size() > 1 ? argv[1] : "") + "'\n");
            return 1;
        }
        const std::string src = trimSlash(argv[1]);
        std::string dst = trimSlash(argv[2]);
        const std::string name = src.substr(src.rfind('/') + 1);
        std::map<std::string, std::string>& moved = inv_.state().movedManifests;
        const bool toFolder = dst == "/etc/kubernetes" || dst == "/tmp" || dst == "/root" || dst == "/home/docker" ||
                              dst == kManifestDir;
        if (toFolder)
            dst += "/" + name;
        const std::vector<std::string> present = manifests();
        if (src.rfind(std::string(kManifestDir) + "/", 0) == 0 &&
            std::find(present.begin(), present.end(), name) != present.end()) {
            if (dst.rfind(std::string(kManifestDir) + "/", 0) == 0)
                return 0;  // renamed within the folder: the kubelet sees the same pod
            moved[name] = dst;
            staticPodChanged(name, false);
            return 0;
        }
        for (auto it = moved.begin(); it != moved.end(); ++it) {
            if (it->second != src)
                continue;
            if (dst.rfind(std::string(kManifestDir) + "/", 0) == 0) {
                const std::string file = it->first;
                moved.erase(it);
                staticPodChanged(file, true);
            } else {
                it->second = dst;
            }
            return 0;
        }
        inv_.out.stderrText("mv: cannot stat '" + argv[1] + "': No such file or directory\n");
        return 1;
    }

    int systemctl(const std::vector<std::string>& argv) {
        if (argv.size() < 3 || (argv[2] != "kubelet" && argv[2] != "kubelet.service")) {
            inv_.out.stderrText("Failed to " + (argv.size() > 1 ? argv[1] : std::string("run")) + " " +
                                (argv.size() > 2 ? argv[2] : "") + ": Unit not simulated by kubeplay.\n");
            return 5;
        }
        kubelet::Kubelets* kubelets = inv_.cluster().kubelets();
        const std::string& verb = argv[1];
        const bool running = kubelets && kubelets->isRunning(node_.name);
        if (verb == "is-active")
            return print(running ? "active\n" : "inactive\n") + (running ? 0 : 3);
        if (!kubelets)
            return 1;
        if (verb == "stop")
            kubelets->setRunning(node_.name, false);
        else if (verb == "start" || verb == "restart") {
            if (verb == "restart" && running)
                kubelets->setRunning(node_.name, false);
            if (verb == "restart" || !running)  // a new kubelet process
                inv_.state().kubeletStartedMs[node_.name] = inv_.cluster().now().ms;
            kubelets->setRunning(node_.name, true);
        } else {
            inv_.out.stderrText("Unknown command verb " + verb + ".\n");
            return 1;
        }
        inv_.cluster().runUntilIdle();
        return 0;
    }

    Invocation& inv_;
    const MachineNode& node_;
    std::vector<std::string> pipeline_;
};

// `ps aux | grep kubelet`: the first command on the node, its output through the text filters
// (grep, head, tail, wc, sort, ...) of the node's coreutils.
int runPipeline(Invocation& inv, const MachineNode& node, const std::string& text) {
    const std::vector<std::string> stages = splitUnquoted(text, '|');
    if (stages.size() == 1)
        return NodeShell(inv, node).run(words(text));
    Output first;
    Invocation sub{inv.ctx, first, inv.args, inv.commandPath, {}};
    NodeShell shell(sub, node);
    std::vector<std::string> others;
    for (size_t i = 1; i < stages.size(); ++i) {
        std::string joined;
        for (const std::string& w : words(stages[i]))
            joined += (joined.empty() ? "" : " ") + w;
        others.push_back(joined);
    }
    shell.setPipeline(others);
    int status = shell.run(words(stages[0]));
    inv.out.stderrText(first.err());
    std::string piped = first.out();
    MemoryFileSystem nodeFiles;  // the filters read their input, not the node's files
    for (size_t i = 1; i < stages.size(); ++i) {
        std::vector<std::string> argv = words(stages[i]);
        if (argv.empty()) {
            inv.out.stderrText("bash: -c: line 1: syntax error near unexpected token `|'\n");
            return 2;
        }
        sh::Utility utility = sh::findUtility(argv[0]);
        if (!utility) {
            inv.out.stderrText("bash: line 1: " + argv[0] + ": command not found\n");
            piped.clear();
            status = 127;
            continue;
        }
        CommandResult r = utility({argv[0], std::vector<std::string>(argv.begin() + 1, argv.end()), piped, nodeFiles,
                                   inv.cluster().now()});
        inv.out.stderrText(r.err);
        piped = r.out;
        status = r.exitCode;
    }
    inv.out.stdoutText(piped);
    return status;
}

}  // namespace

int runSsh(Invocation& inv) {
    int code = 0;
    if (!inv.parse({{"node", 'n', FlagType::String, ""}, {"native-ssh", 0, FlagType::Bool, "true"}}, code))
        return code;
    const std::string profile = inv.profile();
    if (int c = mustLoadHealthy(inv, profile))
        return c;
    std::vector<MachineNode> nodes = machineNodes(inv.ctx);
    const MachineNode* node = &nodes.front();
    if (const std::string wanted = inv.flags.get("node"); !wanted.empty()) {
        node = findNode(nodes, profile, wanted);
        if (!node)
            return inv.out.exitError(reason::kind("GUEST_NODE_RETRIEVE", 85), "retrieving node",
                                     "Could not find node " + wanted);
    }
    std::string line;
    for (const std::string& w : inv.flags.positional)
        line += (line.empty() ? "" : " ") + w;
    if (line.empty()) {
        // The docker user's login shell on the node (kicbase): the terminal attaches to it and
        // each line the learner types runs as `minikube ssh -n NODE -- LINE` (the program, run
        // on the laptop since no pod is named); `exit` ends it with bash's "logout".
        // SIMPLIFICATION: the node shell keeps no state between lines (no cd, no variables).
        AttachRequest& a = inv.ctx.attach;
        a.ok = true;
        a.hostname = node->name;
        a.shell = "bash";
        a.hasBash = true;
        a.program = {"minikube", "ssh", "-n", node->name, "--"};
        a.prompt = "docker@" + node->name + ":~$ ";
        return 0;
    }
    NodeShell shell(inv, *node);
    int status = 0;
    size_t start = 0;
    // cmd1 && cmd2 ; cmd3
    while (start <= line.size()) {
        size_t amp = line.find("&&", start), semi = line.find(';', start);
        size_t end = std::min(amp, semi);
        status = runPipeline(inv, *node, line.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos)
            break;
        if (end == amp && status != 0)
            break;
        start = end + (end == amp ? 2 : 1);
    }
    return status;
}

}  // namespace kp::cli::minikube
