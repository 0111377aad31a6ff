// kubectl exec: runs a command in a container's simulated process (`-- env`, `-- cat file`,
// `-- curl localhost:8080`). `-it ... -- sh|bash` opens an interactive session: the shell then
// sends each line to the container until `exit`.
// Upstream: kubectl pkg/cmd/exec/exec.go; error texts of the docker runtime (OCI exec).
#include "cli/args.h"
#include "cli/kubectl/kubectl.h"
#include "cli/kubectl/pod_commands.h"
#include "kubelet/kubelets.h"

namespace kp::cli {

AttachRequest resolveExecTarget(KubectlContext& ctx, const std::string& podName, std::string container, CommandResult& res) {
    AttachRequest t;
    const std::string ns = ctx.defaultNamespace;
    ApiResponse got = ctx.cluster.apiServer().get(*ctx.cluster.apiServer().resources().byGroupResourceName("pods"), ns, podName);
    if (!got.ok()) {
        res.append(CommandResult::failure(serverErrorText(got.status)));
        return t;
    }
    const Json& pod = got.object;
    const std::string phase = stringAt(pod, "status.phase");
    if (phase == "Succeeded" || phase == "Failed") {
        res.append(CommandResult::failure("error: cannot exec into a container in a completed pod; current phase is " + phase + "\n"));
        return t;
    }
    if (stringAt(pod, "spec.nodeName").empty()) {
        res.append(CommandResult::failure("Error from server (BadRequest): pod " + podName + " does not have a host assigned\n"));
        return t;
    }
    const Json containers = pod.value("spec", Json::object()).value("containers", Json::array());
    if (container.empty() && !containers.empty()) {
        container = containers[0].value("name", std::string(""));
        if (containers.size() > 1) {
            std::string names;
            for (const Json& c : containers)
                names += (names.empty() ? "" : ", ") + c.value("name", std::string(""));
            res.err += "Defaulted container \"" + container + "\" out of: " + names + "\n";
        }
    }
    bool known = false;
    for (const Json& c : containers)
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

CommandResult kubectlExec(KubectlContext& ctx, const std::vector<std::string>& args) {
    std::string err;
    ParsedArgs a = parseArgs(args, {"i", "t", "it", "ti", "stdin", "tty", "q", "quiet"}, err);
    if (!err.empty())
        return CommandResult::failure("error: " + err + "\n");
    ctx.defaultNamespace = a.get("n", a.get("namespace", ctx.defaultNamespace));
    std::vector<std::string> command = a.afterDashDash;
    CommandResult res;
    if (a.positional.empty())
        return CommandResult::failure("error: expected 'exec POD_NAME COMMAND [ARG1] [ARG2] ... [ARGN]'.\n"
                                      "POD_NAME and COMMAND are required arguments for the exec command\n"
                                      "See 'kubectl exec -h' for help and examples\n");
    if (command.empty() && a.positional.size() > 1) {
        res.err += "kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec "
                   "[POD] -- [COMMAND] instead.\n";
        command.assign(a.positional.begin() + 1, a.positional.end());
    }
    if (command.empty())
        return CommandResult::failure("error: you must specify at least one command for the container\n");
    std::string target = a.positional[0];
    if (size_t slash = target.find('/'); slash != std::string::npos) {
        // deploy/NAME and friends: the first pod of the workload.
        // SIMPLIFICATION: only pod/NAME is resolved here.
        target = target.substr(slash + 1);
    }
    AttachRequest t = resolveExecTarget(ctx, target, a.get("c", a.get("container", "")), res);
    if (!t.ok)
        return res;
    const bool interactive = a.has("i") || a.has("it") || a.has("ti") || a.has("stdin");
    const bool tty = a.has("t") || a.has("it") || a.has("ti") || a.has("tty");
    const std::string& prog = command[0];
    const bool shell = command.size() == 1 && (prog == "sh" || prog == "bash" || prog == "/bin/sh" || prog == "/bin/bash" ||
                                               prog == "ash" || prog == "/bin/ash");
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
    // Without -i the command's input is empty, as with kubectl's closed stdin.
    return res.append(execInContainer(ctx, t, command, runtime::sh::CommandIO{interactive ? ctx.stdinText : "", tty}));
}

}  // namespace kp::cli
