// kubectl exec: runs a command in a container's simulated process (`-- env`, `-- cat file`,
// `-- curl localhost:8080`). `-it ... -- sh|bash` opens an interactive session: the shell then
// sends each line to the container until `exit`.
// Upstream: kubectl pkg/cmd/exec/exec.go; error texts of the docker runtime (OCI exec).
#include "cli/args.h"
#include "cli/interactive_shell.h"
#include "cli/kubectl/kubectl.h"
#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/pod_commands.h"
#include "cli/kubectl/pod_for_object.h"
#include "kubelet/kubelets.h"
#include "network/tcp_tools.h"

namespace kp::cli {

AttachRequest resolveExecTarget(KubectlContext& ctx, const std::string& target, std::string container, bool quiet,
                                CommandResult& res) {
    AttachRequest t;
    const std::string ns = ctx.defaultNamespace;
    PodTarget found = podForObject(ctx, ns, target, PodPreference::ForAttach, "attach to", res);
    if (!found.pod)
        return t;
    const Json& pod = *found.pod;
    const std::string podName = stringAt(pod, "metadata.name");
    const std::string phase = stringAt(pod, "status.phase");
    if (phase == "Succeeded" || phase == "Failed") {
        res.append(CommandResult::failure("error: cannot exec into a container in a completed pod; current phase is " + phase + "\n"));
        return t;
    }
    if (stringAt(pod, "spec.nodeName").empty()) {
        res.append(CommandResult::failure("Error from server (BadRequest): pod " + podName + " does not have a host assigned\n"));
        return t;
    }
    if (container.empty()) {
        container = defaultContainerOf(pod, AnnotationMiss::Fail, quiet, res);
        if (container.empty())
            return t;
    }
    bool known = false;
    for (const Json& c : pod["spec"].value("containers", Json::array()))
        known = known || c.value("name", std::string("")) == container;
    if (!known) {
        res.append(CommandResult::failure("error: unable to upgrade connection: container " + container + " not found in pod " +
                                          podName + "_" + ns + "\n"));
        return t;
    }
    kubelet::Kubelets* kubelets = ctx.cluster.kubelets();
    runtime::Process* process = kubelets ? kubelets->process(ns, podName, container) : nullptr;
    if (!process || process->exited()) {
        res.append(CommandResult::failure("error: unable to upgrade connection: container not found (\"" + container + "\")\n"));
        return t;
    }
    t.ok = true;
    t.ns = ns;
    t.pod = podName;
    t.container = container;
    t.hostname = stringAt(pod, "spec.hostname").empty() ? podName : stringAt(pod, "spec.hostname");
    return t;
}

CommandResult execInContainer(KubectlContext& ctx, const AttachRequest& t, const std::vector<std::string>& argv,
                              const runtime::sh::CommandIO& io) {
    CommandResult res;
    kubelet::Kubelets* kubelets = ctx.cluster.kubelets();
    runtime::Process* process = kubelets ? kubelets->process(t.ns, t.pod, t.container) : nullptr;
    if (!process)
        return CommandResult::failure("error: unable to upgrade connection: container not found (\"" + t.container + "\")\n");
    bool found = true;
    int code = process->exec(argv, ctx.cluster.now(), res.out, res.err, &found, io);
    kubelets->containerChanged(t.ns, t.pod);
    if (!found) {
        res.err += "OCI runtime exec failed: exec failed: unable to start container process: exec: \"" + argv[0] +
                   "\": executable file not found in $PATH: unknown\n";
        code = 126;
    }
    if (code != 0)
        res.err += "command terminated with exit code " + std::to_string(code) + "\n";
    res.exitCode = code;
    return res;
}

namespace {

// `kubectl exec -it POD -- redis-cli [-h HOST] [-p PORT]` with no command: redis-cli's prompt,
// one command per line until `exit` or `quit`. Other programs run once (program left empty).
AttachRequest interactiveProgram(const AttachRequest& target, const std::vector<std::string>& command) {
    AttachRequest session = target;
    const std::string& prog = command[0];
    if (prog != "redis-cli" && prog != "/usr/local/bin/redis-cli")
        return target;
    const network::RedisCliOptions o =
        network::parseRedisCliArgs(std::vector<std::string>(command.begin() + 1, command.end()), true);
    if (o.version || !o.error.empty() || o.commandAt + 1 < command.size())
        return target;  // a command given on the line (or a bad option): it runs once
    session.program = command;
    // A database other than 0 shows in brackets: "127.0.0.1:6379[2]> ".
    session.prompt = o.host + ":" + std::to_string(o.port) + (o.db == 0 ? "" : "[" + std::to_string(o.db) + "]") + "> ";
    return session;
}

}  // namespace

void declareExecFlags(CommandFlags& flags) {
    flags.string("container", "c")
        .stringSlice("filename", "f")
        .duration("pod-running-timeout", "", "1m0s")
        .boolean("quiet", "q")
        .boolean("stdin", "i")
        .boolean("tty", "t");
}

CommandResult kubectlExec(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl exec");
    declareExecFlags(flags);
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    ctx.defaultNamespace = commandNamespace(ctx, flags);
    const std::vector<std::string>& words = flags.args();
    const int dash = flags.argsLenAtDash();
    std::string target;
    std::vector<std::string> command;
    if (!words.empty() && dash != 0)
        target = words[0];
    if (dash == 0 || dash == 1)
        command.assign(words.begin() + dash, words.end());
    else if (words.size() > 1)
        return usageErrorResult("kubectl exec",
                                "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
    if (target.empty())
        // SIMPLIFICATION: -f FILENAME (exec into the pod a manifest names) is not read.
        return errorResult("pod, type/name or --filename must be specified");
    if (command.empty())
        return errorResult("you must specify at least one command for the container");
    AttachRequest t = resolveExecTarget(ctx, target, flags.str("container"), flags.on("quiet"), res);
    if (!t.ok)
        return res;
    const bool interactive = flags.on("stdin");
    const bool tty = flags.on("tty");
    const std::string& prog = command[0];
    const bool shell = opensInteractiveShell(command);
    if (interactive && tty && shell) {
        // Check that the shell exists in the image before attaching.
        CommandResult probe = execInContainer(ctx, t, {prog, "-c", "true"});
        if (probe.exitCode == 126)
            return res.append(probe);
        res.attach = t;
        res.attach.shell = prog;
        res.attach.hasBash = prog.find("bash") != std::string::npos;
        return res;
    }
    if (interactive && tty) {
        AttachRequest session = interactiveProgram(t, command);
        if (!session.program.empty()) {
            CommandResult probe = execInContainer(ctx, t, {prog, "--version"});
            if (probe.exitCode == 126)
                return res.append(probe);
            // redis-cli connects as it starts: when it cannot, it says so and waits "not connected".
            CommandResult connect = execInContainer(ctx, t, session.program, runtime::sh::CommandIO{"", true});
            if (connect.err.rfind(network::kRedisConnectFailure, 0) == 0) {
                res.err += connect.err.substr(0, connect.err.find('\n') + 1);
                session.disconnected = true;
            }
            res.attach = session;
            return res;
        }
    }
    // Without -i the command's input is empty, as with kubectl's closed stdin.
    res.errBeforeOut = res.err.size();  // "Defaulted container ..." comes before the output
    return res.append(execInContainer(ctx, t, command, runtime::sh::CommandIO{interactive ? ctx.stdinText : "", tty}));
}

}  // namespace kp::cli
