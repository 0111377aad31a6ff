// kubectl create cronjob NAME --image=IMAGE --schedule='*/1 * * * *' [--restart=OnFailure|Never]
// [-- COMMAND args...]: one container named NAME in the job template (also named NAME),
// restartPolicy OnFailure unless --restart says otherwise.
// Upstream: kubectl pkg/cmd/create/create_cronjob.go (createCronJob).
#include "cli/kubectl/create_generated.h"

namespace kp::cli {

CommandResult createCronJob(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl create cronjob");
    addGeneratorFlags(flags);
    flags.string("image").required("image").string("schedule").required("schedule").string("restart");
    GeneratorRun run;
    CommandResult failure;
    if (!prepareGenerator(ctx, flags, args, run, failure))
        return failure;
    const std::vector<std::string> command(flags.args().begin() + 1, flags.args().end());
    const std::string restart = flags.str("restart").empty() ? "OnFailure" : flags.str("restart");
    Json container = {{"name", run.name}, {"image", flags.str("image")}, {"resources", Json::object()}};
    if (!command.empty())
        container["command"] = command;
    Json cronJob = {
        {"apiVersion", "batch/v1"},
        {"kind", "CronJob"},
        {"metadata", {{"name", run.name}, {"creationTimestamp", nullptr}}},
        {"spec",
         {{"schedule", flags.str("schedule")},
          {"jobTemplate",
           {{"metadata", {{"name", run.name}, {"creationTimestamp", nullptr}}},
            {"spec",
             {{"template",
               {{"metadata", {{"creationTimestamp", nullptr}}},
                {"spec", {{"containers", Json::array({container})}, {"restartPolicy", restart}}}}}}}}}}},
        {"status", Json::object()},
    };
    if (run.enforceNamespace)
        cronJob["metadata"]["namespace"] = run.ns;
    return createGenerated(ctx, flags, run, std::move(cronJob), "failed to create cronjob: ");
}

}  // namespace kp::cli
