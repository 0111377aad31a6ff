// kubectl create job NAME --image=IMAGE [-- COMMAND args...] | --from=cronjob/NAME
// --image: one container named NAME, restartPolicy Never. --from: the CronJob's jobTemplate
// with the annotation cronjob.kubernetes.io/instantiate=manual and a controller reference to
// the CronJob (without blockOwnerDeletion, as kubectl does).
// Upstream: kubectl pkg/cmd/create/create_job.go (createJob, createJobFromCronJob, Validate).
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/create_generated.h"
#include "cli/kubectl/resource_args.h"

namespace kp::cli {

CommandResult createJob(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl create job");
    addGeneratorFlags(flags);
    flags.string("image").string("from");
    GeneratorRun run;
    CommandResult failure;
    if (!prepareGenerator(ctx, flags, args, run, failure))
        return failure;
    const std::string image = flags.str("image"), from = flags.str("from");
    const std::vector<std::string> command(flags.args().begin() + 1, flags.args().end());
    if (image.empty() == from.empty())
        return errorResult("either --image or --from must be specified");
    if (!command.empty() && !from.empty())
        return errorResult("cannot specify --from and command");

    Json job;
    if (!image.empty()) {
        Json container = {{"name", run.name}, {"image", image}, {"resources", Json::object()}};
        if (!command.empty())
            container["command"] = command;
        job = {
            {"apiVersion", "batch/v1"},
            {"kind", "Job"},
            {"metadata", {{"name", run.name}, {"creationTimestamp", nullptr}}},
            {"spec",
             {{"template",
               {{"metadata", {{"creationTimestamp", nullptr}}},
                {"spec", {{"containers", Json::array({container})}, {"restartPolicy", "Never"}}}}}}},
            {"status", Json::object()},
        };
    } else {
        ResourceQuery q;
        q.args = {from};
        q.ns = run.ns;
        ResourceResult found = resolveResources(ctx, q);
        if (!found.ok())
            return CommandResult::failure(found.error);
        if (!found.itemErrors.empty())
            return CommandResult::failure(found.itemErrors.front());
        if (found.targets.size() != 1)
            return errorResult("from must be an existing cronjob");
        const Json& cronJob = found.targets[0].object;
        if (stringAt(cronJob, "kind") != "CronJob")
            return errorResult("unknown object type *v1." + stringAt(cronJob, "kind"));
        const Json tmpl = findPath(cronJob, "spec.jobTemplate") ? *findPath(cronJob, "spec.jobTemplate") : Json::object();
        Json annotations = {{"cronjob.kubernetes.io/instantiate", "manual"}};
        if (const Json* a = findPath(tmpl, "metadata.annotations"); a && a->is_object())
            for (auto it = a->begin(); it != a->end(); ++it)
                annotations[it.key()] = it.value();
        Json meta = {{"name", run.name},
                     {"creationTimestamp", nullptr},
                     {"annotations", annotations},
                     {"ownerReferences",
                      Json::array({{{"apiVersion", "batch/v1"},
                                    {"kind", "CronJob"},
                                    {"name", stringAt(cronJob, "metadata.name")},
                                    {"uid", stringAt(cronJob, "metadata.uid")},
                                    {"controller", true}}})}};
        if (const Json* l = findPath(tmpl, "metadata.labels"); l && l->is_object() && !l->empty())
            meta["labels"] = *l;
        job = {{"apiVersion", "batch/v1"},
               {"kind", "Job"},
               {"metadata", meta},
               {"spec", tmpl.value("spec", Json::object())},
               {"status", Json::object()}};
    }
    if (run.enforceNamespace)
        job["metadata"]["namespace"] = run.ns;
    return createGenerated(ctx, flags, run, std::move(job), "failed to create job: ");
}

}  // namespace kp::cli
