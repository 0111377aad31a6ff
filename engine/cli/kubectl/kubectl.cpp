#include "cli/kubectl/kubectl.h"

#include <algorithm>
#include <map>

#include "cli/cobra_suggestions.h"
#include "cli/completion.h"
#include "cli/describe/describe.h"
#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/help.h"
#include "cli/kubectl/pod_commands.h"

namespace kp::cli {
namespace {

using Handler = CommandResult (*)(KubectlContext&, const std::vector<std::string>&);

const std::map<std::string, Handler>& commandTable() {
    static const std::map<std::string, Handler> table = {
        {"annotate", kubectlAnnotate}, {"apply", kubectlApply},       {"autoscale", kubectlAutoscale},
        {"cordon", kubectlCordon},     {"uncordon", kubectlUncordon},
        {"drain", kubectlDrain},       {"replace", kubectlReplace},   {"diff", kubectlDiff},   {"edit", kubectlEdit},
        {"create", kubectlCreate},     {"delete", kubectlDelete},     {"describe", kubectlDescribe},
        {"exec", kubectlExec},         {"expose", kubectlExpose},     {"get", kubectlGet},
        {"label", kubectlLabel},       {"logs", kubectlLogs},         {"patch", kubectlPatch},
        {"rollout", kubectlRollout},   {"run", kubectlRun},           {"scale", kubectlScale},
        {"set", kubectlSet},           {"top", kubectlTop},           {"version", kubectlVersion},
        {"api-resources", kubectlApiResources}, {"api-versions", kubectlApiVersions},
        {"cluster-info", kubectlClusterInfo},   {"config", kubectlConfig},
        {"explain", kubectlExplain},            {"taint", kubectlTaint},
        {"wait", kubectlWait},
        {"port-forward", kubectlPortForward},   {"proxy", kubectlProxy},
        {"completion", kubectlCompletion},
        // cobra's hidden commands the completion scripts call.
        {"__complete", kubectlComplete},        {"__completeNoDesc", kubectlCompleteNoDesc},
    };
    return table;
}

}  // namespace

bool isKubectlCommand(const std::string& name) { return commandTable().count(name) > 0; }

bool globalFlagsAfterCommand(const std::vector<std::string>& commandLine, std::vector<std::string>& args,
                             CommandResult& error) {
    args = commandLine;
    if (commandLine.empty() || commandLine[0].size() < 2 || commandLine[0][0] != '-' || commandLine[0] == "--")
        return true;
    CommandFlags global("kubectl");
    global.stopAtFirstArg();
    std::string message;
    if (!global.parse(commandLine, message)) {
        // An unknown flag there is taken for a plugin's (kubectl's plugin handler reports it).
        const std::string unknown = "Error: unknown flag: ";
        const std::string unknownShort = "Error: unknown shorthand flag: ";
        if (message.rfind(unknown, 0) == 0 || message.rfind(unknownShort, 0) == 0)
            for (const std::string& a : commandLine) {
                CommandFlags alone("kubectl");
                std::string e;
                if (!alone.parse({a}, e) && (e.rfind(unknown, 0) == 0 || e.rfind(unknownShort, 0) == 0)) {
                    message = "Error: flags cannot be placed before plugin name: " + a + "\n";
                    break;
                }
            }
        error = CommandResult::failure(message);
        return false;
    }
    const std::vector<std::string>& rest = global.args();
    args.clear();
    if (rest.empty())
        return true;  // flags only: the overview
    const size_t flagCount = commandLine.size() - rest.size();
    args.push_back(rest[0]);
    args.insert(args.end(), commandLine.begin(), commandLine.begin() + static_cast<long>(flagCount));
    args.insert(args.end(), rest.begin() + 1, rest.end());
    return true;
}

CommandResult runKubectl(KubectlContext& ctx, const std::vector<std::string>& commandLine) {
    std::vector<std::string> args;
    if (CommandResult error; !globalFlagsAfterCommand(commandLine, args, error))
        return error;
    if (args.empty() || args[0] == "--help" || args[0] == "-h")
        return {0, kubectlOverview(), ""};
    if (std::string help; parentCommandHelp(args, help))
        return {0, help, ""};
    // Commands that read their arguments without CommandFlags: --help before the command runs
    // (create's generators answer it themselves).
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--" || (args[0] == "create" && !a.empty() && a[0] != '-'))
            break;
        CommandFlags flags("kubectl " + args[0]);
        if ((a == "--help" || a == "-h") && helpFlagsOf(args[0], flags))
            return {0, commandHelp(flags), ""};
    }
    // Those commands' flags are declared for --help (helpFlagsOf); a flag not among them is
    // cobra's unknown-flag error, as for every other command.
    if (args[0] == "get" || args[0] == "describe" || args[0] == "apply" || args[0] == "delete" || args[0] == "diff" ||
        args[0] == "patch") {
        CommandFlags flags("kubectl " + args[0]);
        std::string message;
        if (helpFlagsOf(args[0], flags) && !flags.parse(std::vector<std::string>(args.begin() + 1, args.end()), message) &&
            (message.rfind("Error: unknown flag: ", 0) == 0 || message.rfind("Error: unknown shorthand flag: ", 0) == 0))
            return CommandResult::failure(message);
    }
    auto it = commandTable().find(args[0]);
    if (it == commandTable().end()) {
        // kubectl lists its commands in its help groups' order (cobra's sorting is off); alpha
        // has no commands in 1.32 and is not suggested.
        static const std::vector<std::string> kCommands = {
                "create", "expose", "run", "set", "explain", "get", "edit", "delete", "rollout", "scale", "autoscale",
                "certificate", "cluster-info", "top", "cordon", "uncordon", "drain", "taint", "describe", "logs",
                "attach", "exec", "port-forward", "proxy", "cp", "auth", "debug", "events", "diff", "apply", "patch",
                "replace", "wait", "kustomize", "label", "annotate", "completion", "config", "plugin", "version",
                "api-versions", "api-resources", "options"};
        // SIMPLIFICATION: kubectl's commands that kubeplay lacks (cp, auth, debug, ...) say so.
        if (std::find(kCommands.begin(), kCommands.end(), args[0]) != kCommands.end())
            return CommandResult::failure("error: \"kubectl " + args[0] + "\" is not simulated by kubeplay\n");
        const std::string suggestions = commandSuggestions(args[0], kCommands);
        return CommandResult::failure("Error: unknown command \"" + args[0] + "\" for \"kubectl\"\n" +
                                      (suggestions.empty() ? "" : "\nDid you mean this?\n" + suggestions + "\n"));
    }
    return it->second(ctx, std::vector<std::string>(args.begin() + 1, args.end()));
}

}  // namespace kp::cli
