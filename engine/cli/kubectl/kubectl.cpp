#include "cli/kubectl/kubectl.h"

#include <map>

#include "cli/describe/describe.h"
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
    };
    return table;
}

}  // namespace

CommandResult runKubectl(KubectlContext& ctx, const std::vector<std::string>& args) {
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
    auto it = commandTable().find(args[0]);
    if (it == commandTable().end())
        return CommandResult::failure("error: unknown command \"" + args[0] + "\" for \"kubectl\"\n");
    return it->second(ctx, std::vector<std::string>(args.begin() + 1, args.end()));
}

}  // namespace kp::cli
