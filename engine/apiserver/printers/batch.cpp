// batch/v1: jobs, cronjobs.
#include "apiserver/printers/printer.h"

namespace kp::printers {
namespace {

// COMPLETIONS: "1/3" (succeeded/completions); without completions "0/1", or "0/1 of 3" when
// several pods run in parallel.
std::string jobCompletions(const Json& job) {
    const std::string succeeded = std::to_string(intAt(job, "status.succeeded"));
    if (const Json* c = findPath(job, "spec.completions"); c && c->is_number_integer())
        return succeeded + "/" + std::to_string(c->get<int64_t>());
    const int64_t parallelism = intAt(job, "spec.parallelism");
    if (parallelism > 1)
        return succeeded + "/1 of " + std::to_string(parallelism);
    return succeeded + "/1";
}

// DURATION: nothing before the job starts, time running so far, or start to completion.
std::string jobDuration(const Json& job, Time now) {
    auto start = parseRFC3339(stringAt(job, "status.startTime"));
    if (!start)
        return "";
    auto completion = parseRFC3339(stringAt(job, "status.completionTime"));
    return humanDuration((completion ? *completion : now) - *start);
}

// STATUS. Upstream: printers.go#printJob
std::string jobStatus(const Json& job) {
    if (hasTrueCondition(job, "status.conditions", "Complete"))
        return "Complete";
    if (hasTrueCondition(job, "status.conditions", "Failed"))
        return "Failed";
    if (isBeingDeleted(job))
        return "Terminating";
    if (hasTrueCondition(job, "status.conditions", "Suspended"))
        return "Suspended";
    if (hasTrueCondition(job, "status.conditions", "FailureTarget"))
        return "FailureTarget";
    return "Running";
}

void jobRow(const Json& job, const PrintContext& ctx, Row& row) {
    row.cells = {stringAt(job, "metadata.name"), jobStatus(job), jobCompletions(job), jobDuration(job, ctx.now),
                 age(job, ctx.now)};
    if (!ctx.wide)
        return;
    auto [names, images] = containerCells(arrayAt(job, "spec.template.spec.containers"));
    row.cells.insert(row.cells.end(), {names, images, formatSelector(findPath(job, "spec.selector"))});
}

void cronJobRow(const Json& cj, const PrintContext& ctx, Row& row) {
    std::string last = stringAt(cj, "status.lastScheduleTime");
    std::string timeZone = stringAt(cj, "spec.timeZone");
    row.cells = {stringAt(cj, "metadata.name"),
                 stringAt(cj, "spec.schedule"),
                 findPath(cj, "spec.timeZone") && findPath(cj, "spec.timeZone")->is_string() ? timeZone : "<none>",
                 boolPtr(cj, "spec.suspend"),
                 static_cast<int64_t>(sizeAt(cj, "status.active")),
                 last.empty() ? "<none>" : since(last, ctx.now),
                 age(cj, ctx.now)};
    if (!ctx.wide)
        return;
    auto [names, images] = containerCells(arrayAt(cj, "spec.jobTemplate.spec.template.spec.containers"));
    row.cells.insert(row.cells.end(), {names, images, formatSelector(findPath(cj, "spec.jobTemplate.spec.selector"))});
}

}  // namespace

void addBatchPrinters(PrinterMap& m) {
    m["jobs.batch"] = Printer{
        {
            nameColumn(),
            column("Status", "string", "Complete, Failed, Terminating, Suspended, FailureTarget or Running."),
            column("Completions", "string", fieldDoc("batch/v1.JobStatus", "succeeded")),
            column("Duration", "string", "How long the job ran (or has been running)."),
            ageColumn(),
            containersColumn(),
            imagesColumn(),
            column("Selector", "string", fieldDoc("batch/v1.JobSpec", "selector"), 1),
        },
        jobRow,
    };
    m["cronjobs.batch"] = Printer{
        {
            nameColumn(),
            column("Schedule", "string", fieldDoc("batch/v1.CronJobSpec", "schedule")),
            column("Timezone", "string", fieldDoc("batch/v1.CronJobSpec", "timeZone")),
            column("Suspend", "boolean", fieldDoc("batch/v1.CronJobSpec", "suspend")),
            column("Active", "integer", fieldDoc("batch/v1.CronJobStatus", "active")),
            column("Last Schedule", "string", fieldDoc("batch/v1.CronJobStatus", "lastScheduleTime")),
            ageColumn(),
            containersColumn(),
            imagesColumn(),
            column("Selector", "string", fieldDoc("batch/v1.JobSpec", "selector"), 1),
        },
        cronJobRow,
    };
}

}  // namespace kp::printers
