// kubectl run NAME --image=IMAGE [--port] [--labels] [--env]... [--annotations]...
// [--restart=Always|OnFailure|Never] [--command] [--image-pull-policy] [--expose]
// [-i] [-t] [--attach] [--rm] [--dry-run] [-o] [-- COMMAND/ARGS...]
// The pod generator (BasicPod): label run=NAME unless --labels, one container named NAME,
// words after "--" as args (or as the command with --command), dnsPolicy ClusterFirst,
// restartPolicy from --restart.
// Attached runs (-i/--attach) wait in virtual time for the pod to run or finish, print the
// container's output, wait for the exit code with --restart=Never|OnFailure, and delete the pod
// with --rm (`pod "x" deleted`).
// Upstream: kubectl pkg/cmd/run/run.go (Run, getRestartPolicy, handleAttachPod, waitForPod,
// podRunningAndReady, podCompleted), pkg/generate/versioned/run.go (BasicPod.Generate).
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/print_flags.h"
#include "cli/kubectl/run_attach.h"
#include "apiserver/validation/name_validation.h"
#include "runtime/image_reference.h"

namespace kp::cli {
namespace {

// Builds the pod as BasicPod does; "" or the generator's error.
std::string generatePod(const CommandFlags& flags, const std::string& name, const std::vector<std::string>& podArgs,
                        const std::string& restartPolicy, Json& pod) {
    Json labels = {{"run", name}};
    if (!flags.str("labels").empty())
        if (std::string err = parseLabelSpec(flags.str("labels"), labels); !err.empty())
            return err;
    Json annotations = Json::object();
    std::string invalid;
    for (const std::string& a : flags.list("annotations")) {
        size_t eq = a.find('=');
        if (eq == std::string::npos || eq == 0)
            invalid += (invalid.empty() ? "" : ", ") + a;
        else
            annotations[a.substr(0, eq)] = a.substr(eq + 1);
    }
    if (!invalid.empty())
        return "invalid annotations format: " + invalid;
    Json env = Json::array();
    for (const std::string& e : flags.list("env")) {
        size_t eq = e.find('=');
        if (eq == std::string::npos || eq == 0 || !validation::isEnvVarName(e.substr(0, eq)).empty())
            return "invalid env: " + e;
        env.push_back({{"name", e.substr(0, eq)}, {"value", e.substr(eq + 1)}});
    }
    Json container = {{"name", name}, {"image", flags.str("image")}, {"resources", Json::object()}};
    const bool stdinOn = flags.on("stdin");
    if (stdinOn) {
        container["stdin"] = true;
        if (!flags.on("leave-stdin-open"))
            container["stdinOnce"] = true;
    }
    if (flags.on("tty"))
        container["tty"] = true;
    if (flags.on("privileged"))
        container["securityContext"] = {{"privileged", true}};
    if (!podArgs.empty())
        container[flags.on("command") ? "command" : "args"] = podArgs;
    if (!env.empty())
        container["env"] = env;
    if (!flags.str("image-pull-policy").empty())
        container["imagePullPolicy"] = flags.str("image-pull-policy");
    if (!flags.str("port").empty()) {
        const std::string& p = flags.str("port");
        char* end = nullptr;
        long long port = std::strtoll(p.c_str(), &end, 10);
        if (*end != '\0')
            return "strconv.Atoi: parsing \"" + p + "\": invalid syntax";
        container["ports"] = Json::array({{{"containerPort", port}}});
    }
    Json meta = {{"name", name}, {"creationTimestamp", nullptr}, {"labels", labels}};
    if (!annotations.empty())
        meta["annotations"] = annotations;
    pod = {
        {"apiVersion", "v1"},
        {"kind", "Pod"},
        {"metadata", meta},
        {"spec", {{"containers", Json::array({container})}, {"restartPolicy", restartPolicy}, {"dnsPolicy", "ClusterFirst"}}},
        {"status", Json::object()},
    };
    return "";
}

// The Service `--expose` creates next to the pod (generator ServiceV2: selector = the pod's
// labels, one TCP port = --port).
Json generateService(const Json& pod, int64_t port) {
    const Json& labels = pod["metadata"]["labels"];
    return {
        {"apiVersion", "v1"},
        {"kind", "Service"},
        {"metadata", {{"name", stringAt(pod, "metadata.name")}, {"creationTimestamp", nullptr}}},
        {"spec",
         {{"ports", Json::array({{{"protocol", "TCP"}, {"port", port}, {"targetPort", port}}})}, {"selector", labels}}},
        {"status", {{"loadBalancer", Json::object()}}},
    };
}

}  // namespace

CommandResult kubectlRun(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl run");
    addPrintFlags(flags);
    addDryRunFlag(flags);
    flags.stringArray("annotations").string("image").required("image").string("image-pull-policy").boolean("rm");
    flags.stringArray("env").string("port").string("labels", "l").boolean("stdin", "i").boolean("tty", "t");
    flags.boolean("attach").boolean("leave-stdin-open").string("restart", "", "Always").boolean("command");
    flags.boolean("expose").boolean("quiet", "q").boolean("privileged").string("field-manager", "", "kubectl-run");
    flags.boolean("save-config").string("overrides").string("override-type", "", "merge");
    flags.duration("pod-running-timeout", "", "1m0s");
    flags.string("cascade", "", "background").integer("grace-period", "", -1).boolean("force").boolean("wait");
    CommandResult failure;
    if (!parseCommandFlags(ctx, flags, args, failure))
        return failure;
    const std::vector<std::string>& words = flags.args();
    if (words.empty() || flags.argsLenAtDash() == 0)
        return usageErrorResult("kubectl run", "NAME is required for run");
    const std::string name = words[0];
    const std::vector<std::string> podArgs(words.begin() + 1, words.end());
    const std::string image = flags.str("image");
    std::string refError;
    if (!runtime::parseImageReference(image, &refError))
        return errorResult("Invalid image name \"" + image + "\": invalid reference format");
    const bool interactive = flags.on("stdin");
    if (flags.on("tty") && !interactive)
        return usageErrorResult("kubectl run", "-i/--stdin is required for containers with -t/--tty=true");
    if (flags.on("expose") && flags.str("port").empty())
        return usageErrorResult("kubectl run", "--port must be set when exposing a service");

    CommandResult res;
    DryRunStrategy dryRun;
    if (!getDryRunStrategy(ctx, flags, dryRun, res))
        return res;
    const bool attach = flags.changed("attach") ? flags.on("attach") : interactive;
    Printer printer;
    std::string err;
    if (!Printer::make(flags, "created", dryRun, printer, err))
        return res.append(CommandResult::failure(err));
    std::string restart = flags.str("restart");
    if (restart.empty())
        restart = interactive ? "OnFailure" : "Always";
    if (restart != "Always" && restart != "OnFailure" && restart != "Never")
        return res.append(usageErrorResult("kubectl run", "invalid restart policy: " + restart));
    if (flags.on("rm") && !attach)
        return res.append(usageErrorResult("kubectl run", "--rm should only be used for attached containers"));
    if (attach && dryRun != DryRunStrategy::None)
        return res.append(usageErrorResult(
            "kubectl run",
            "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)"));
    const std::string pullPolicy = flags.str("image-pull-policy");
    if (!pullPolicy.empty() && pullPolicy != "Always" && pullPolicy != "IfNotPresent" && pullPolicy != "Never")
        return res.append(usageErrorResult("kubectl run", "invalid image pull policy: " + pullPolicy));

    Json pod;
    if (std::string genErr = generatePod(flags, name, podArgs, restart, pod); !genErr.empty())
        return res.append(errorResult(genErr));
    // SIMPLIFICATION: --overrides is accepted but not applied.
    const std::string ns = commandNamespace(ctx, flags);
    const bool enforce = namespaceEnforced(flags);
    WriteOptions opts;
    opts.actor = "kubectl";
    opts.fieldManager = flags.str("field-manager");
    opts.dryRun = dryRun == DryRunStrategy::Server;
    const ResourceRegistry& reg = ctx.cluster.apiServer().resources();

    Json created = pod;
    if (dryRun == DryRunStrategy::Client) {
        if (enforce)
            created["metadata"]["namespace"] = ns;
    } else {
        ApiResponse resp = ctx.cluster.apiServer().create(*reg.byKind("v1", "Pod"), ns, pod, opts);
        for (const std::string& w : resp.warnings)
            res.err += "Warning: " + w + "\n";
        if (!resp.ok())
            return res.append(CommandResult::failure(serverErrorText(resp.status)));
        created = resp.object;
        ctx.cluster.runUntilIdle();
    }
    if (flags.on("expose")) {
        Json svc = generateService(pod, std::strtoll(flags.str("port").c_str(), nullptr, 10));
        if (dryRun == DryRunStrategy::Client) {
            if (enforce)
                svc["metadata"]["namespace"] = ns;
            res.out += printer.print(svc);
        } else {
            ApiResponse resp = ctx.cluster.apiServer().create(*reg.byKind("v1", "Service"), ns, svc, opts);
            if (!resp.ok())
                res.append(CommandResult::failure(serverErrorText(resp.status)));
            else
                res.out += printer.print(resp.object);
        }
        if (printer.format() == "yaml")
            res.out += "---\n";
    }
    if (!attach) {
        res.out += printer.print(created);
        return res;
    }
    AttachRun a;
    a.ns = ns;
    a.pod = name;
    a.restartPolicy = restart;
    a.interactive = interactive;
    a.tty = flags.on("tty");
    a.quiet = flags.on("quiet");
    a.leaveStdinOpen = flags.on("leave-stdin-open");
    a.remove = flags.on("rm");
    a.timeout = flags.dur("pod-running-timeout");
    return res.append(runAttached(ctx, a));
}

}  // namespace kp::cli
