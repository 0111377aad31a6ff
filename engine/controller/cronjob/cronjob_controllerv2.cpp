// [SECTION] events   CronJob and Job events -> keys (a schedule change requeues at the new time)
// [SECTION] sync     status bookkeeping, then at most one Job for the most recent activation
// [SECTION] cleanup  history limits
#include "controller/cronjob/cronjob_controllerv2.h"

#include <algorithm>
#include <set>

#include "api/labels.h"
#include "api/owner_refs.h"
#include "controller/cronjob/utils.h"
#include "controller/job/job_util.h"

namespace kp::cronjob {
namespace {

std::string keyOf(const Json& obj) { return stringAt(obj, "metadata.namespace") + "/" + stringAt(obj, "metadata.name"); }

std::optional<std::string> timeZoneOf(const Json& cj) {
    const Json* tz = findPath(cj, "spec.timeZone");
    if (!tz || !tz->is_string())
        return std::nullopt;
    return tz->get<std::string>();
}

}  // namespace

CronJobController::CronJobController(ApiServer& server, VirtualClock& clock)
    : client_(server, "cronjob-controller"),
      store_(server.store()),
      recorder_(server, "cronjob-controller"),
      clock_(clock),
      delayed_(clock, queue()) {}

// [SECTION] events

void CronJobController::onEvent(const WatchEvent& event) {
    if (event.resource == "cronjobs.batch")
        onCronJobEvent(event);
    else if (event.resource == "jobs.batch")
        onJobEvent(event);
}

// Upstream: cronjob_controllerv2.go#updateCronJob (and the add/delete handlers).
void CronJobController::onCronJobEvent(const WatchEvent& event) {
    const Json& cj = *event.object;
    const std::string key = keyOf(cj);
    if (event.type == WatchEventType::Deleted) {
        seen_.erase(key);
        queue().add(key);
        return;
    }
    SeenCronJob now{stringAt(cj, "spec.schedule"), timeZoneOf(cj)};
    auto it = seen_.find(key);
    const bool scheduleChanged = event.type == WatchEventType::Modified && it != seen_.end() &&
                                 (it->second.schedule != now.schedule || it->second.timeZone != now.timeZone);
    seen_[key] = now;
    if (!scheduleChanged) {
        queue().add(key);
        return;
    }
    // A new schedule: wake up at its next activation (earlier than the old one, if it is).
    std::string error;
    auto schedule = CronSchedule::parseStandard(formatSchedule(cj, false), &error);
    if (!schedule) {
        recorder_.event(cj, "Warning", "UnParseableCronJobSchedule", "unparseable schedule for cronjob: " + now.schedule);
        return;
    }
    delayed_.addAfter(key, nextScheduleTimeDuration(cj, clock_.now(), *schedule));
}

// Upstream: cronjob_controllerv2.go#addJob, #updateJob, #deleteJob
void CronJobController::onJobEvent(const WatchEvent& event) {
    const Json& job = *event.object;
    const std::string key = keyOf(job);
    const std::string ns = stringAt(job, "metadata.namespace");
    std::optional<JobOwner> old;
    if (auto it = jobOwner_.find(key); it != jobOwner_.end())
        old = it->second;
    const Json* ref = owner::controllerRef(job);
    if (event.type == WatchEventType::Deleted || !ref)
        jobOwner_.erase(key);
    else
        jobOwner_[key] = JobOwner{ref->value("kind", ""), ref->value("name", ""), ref->value("uid", "")};

    if (event.type == WatchEventType::Modified && old && (!ref || ref->value("uid", "") != old->uid))
        if (ObjectPtr cj = resolveControllerRef(ns, old->kind, old->name, old->uid))
            queue().add(keyOf(*cj));
    if (!ref)
        return;
    if (ObjectPtr cj = resolveControllerRef(ns, ref->value("kind", ""), ref->value("name", ""), ref->value("uid", "")))
        queue().add(keyOf(*cj));
}

ObjectPtr CronJobController::resolveControllerRef(const std::string& ns, const std::string& kind, const std::string& name,
                                                  const std::string& uid) const {
    if (kind != "CronJob")
        return nullptr;
    ObjectPtr cj = store_.get("cronjobs.batch", ns, name);
    if (!cj || stringAt(*cj, "metadata.uid") != uid)
        return nullptr;
    return cj;
}

// Upstream: cronjob_controllerv2.go#formatSchedule
std::string CronJobController::formatSchedule(const Json& cj, bool recordWarnings) {
    const std::string schedule = stringAt(cj, "spec.schedule");
    if (schedule.find("TZ") != std::string::npos) {
        if (recordWarnings)
            recorder_.event(cj, "Warning", "UnsupportedSchedule",
                            "CRON_TZ or TZ used in schedule \"" + schedule +
                                "\" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details");
        return schedule;
    }
    if (auto tz = timeZoneOf(cj))
        return "TZ=" + *tz + " " + schedule;
    return schedule;
}

// [SECTION] sync

// Upstream: cronjob_controllerv2.go#sync
ReconcileResult CronJobController::reconcile(const std::string& key) {
    const size_t slash = key.find('/');
    const std::string ns = key.substr(0, slash), name = key.substr(slash + 1);
    ObjectPtr shared = store_.get("cronjobs.batch", ns, name);
    if (!shared)
        return ReconcileResult::done();

    // getJobsToBeReconciled: Jobs whose controller reference names this CronJob.
    std::vector<ObjectPtr> jobs;
    for (const ObjectPtr& j : store_.list("jobs.batch", ns))
        if (const Json* ref = owner::controllerRef(*j); ref && ref->value("name", "") == name)
            jobs.push_back(j);

    Json cj = *shared;
    const bool updateAfterCleanup = cleanupFinishedJobs(cj, jobs);
    SyncResult result = syncCronJob(cj, jobs);
    if (updateAfterCleanup || result.updateStatus) {
        ApiResponse r = client_.updateStatus(cj);
        if (!r.ok())
            return ReconcileResult::requeue();
    }
    if (result.requeueAfter) {
        queue().forget(key);
        delayed_.addAfter(key, *result.requeueAfter);
        return ReconcileResult::done();
    }
    // Only a suspended CronJob or an unusable schedule ends here without a wake-up.
    return result.error ? ReconcileResult::requeue() : ReconcileResult::done();
}

// Upstream: cronjob_controllerv2.go#syncCronJob
CronJobController::SyncResult CronJobController::syncCronJob(Json& cj, const std::vector<ObjectPtr>& jobs) {
    SyncResult res;
    const Time now = clock_.now();
    const std::string ns = stringAt(cj, "metadata.namespace");

    // 1. Reconcile status.active with the Jobs that exist.
    std::set<std::string> childUids;
    for (const ObjectPtr& j : jobs) {
        const std::string uid = stringAt(*j, "metadata.uid");
        childUids.insert(uid);
        const bool found = inActiveList(cj, uid);
        std::string finishedType;
        const bool finished = job::isJobFinished(*j, &finishedType);
        if (!found && !finished) {
            recorder_.event(cj, "Warning", "UnexpectedJob",
                            "Saw a job that the controller did not create or forgot: " + stringAt(*j, "metadata.name"));
        } else if (found && finished) {
            deleteFromActiveList(cj, uid);
            recorder_.event(cj, "Normal", "SawCompletedJob",
                            "Saw completed job: " + stringAt(*j, "metadata.name") + ", status: " + finishedType);
            res.updateStatus = true;
        } else if (job::isJobSucceeded(*j)) {
            // A succeeded Job need not be active to move lastSuccessfulTime.
            const std::string completed = stringAt(*j, "status.completionTime");
            auto completedAt = parseRFC3339(completed);
            auto last = parseRFC3339(stringAt(cj, "status.lastSuccessfulTime"));
            if (!last && !completed.empty()) {
                cj["status"]["lastSuccessfulTime"] = completed;
                res.updateStatus = true;
            } else if (completedAt && last && *completedAt > *last) {
                cj["status"]["lastSuccessfulTime"] = completed;
                res.updateStatus = true;
            }
        }
    }
    if (const Json* active = findPath(cj, "status.active"); active && active->is_array()) {
        const Json refs = *active;
        for (const Json& ref : refs) {
            if (childUids.count(ref.value("uid", "")))
                continue;
            if (store_.get("jobs.batch", ref.value("namespace", ns), ref.value("name", "")))
                continue;  // not ours by reference but it exists
            recorder_.event(cj, "Normal", "MissingJob", "Active job went missing: " + ref.value("name", ""));
            deleteFromActiveList(cj, ref.value("uid", ""));
            res.updateStatus = true;
        }
    }
    if (findPath(cj, "metadata.deletionTimestamp"))
        return res;  // being deleted: status only

    // 2. Can anything run?
    if (boolAt(cj, "spec.suspend"))
        return res;
    const std::string scheduleText = formatSchedule(cj, true);
    std::string error;
    auto schedule = CronSchedule::parseStandard(scheduleText, &error);
    if (!schedule) {
        recorder_.event(cj, "Warning", "UnparseableSchedule",
                        "unparseable schedule: " + labels::goQuote(stringAt(cj, "spec.schedule")) + " : " + error);
        return res;
    }
    MostRecent recent = mostRecentScheduleTime(cj, now, *schedule, true);
    if (!recent.error.empty()) {
        recorder_.event(cj, "Warning", "InvalidSchedule", "invalid schedule: " + stringAt(cj, "spec.schedule") + " : " + recent.error);
        return res;
    }
    if (!recent.mostRecent || *recent.mostRecent > now) {
        // Nothing due (a wake-up right after a restart): sleep until the next activation.
        res.requeueAfter = nextScheduleTimeDuration(cj, now, *schedule);
        return res;
    }
    if (recent.missed == MissedSchedules::Many)
        recorder_.event(cj, "Warning", "TooManyMissedTimes",
                        "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
    const Time scheduledTime = *recent.mostRecent;

    const Json* deadline = findPath(cj, "spec.startingDeadlineSeconds");
    if (deadline && deadline->is_number_integer() && scheduledTime + Duration::seconds(deadline->get<int64_t>()) < now) {
        recorder_.event(cj, "Warning", "MissSchedule", "Missed scheduled time to start a job: " + formatRFC1123Z(scheduledTime));
        res.requeueAfter = nextScheduleTimeDuration(cj, now, *schedule);
        return res;
    }
    const std::string name = jobName(cj, scheduledTime);
    if (inActiveListByName(cj, ns, name) || parseRFC3339(stringAt(cj, "status.lastScheduleTime")) == std::optional<Time>(scheduledTime)) {
        res.requeueAfter = nextScheduleTimeDuration(cj, now, *schedule);
        return res;  // this activation already ran
    }
    const std::string policy = stringAt(cj, "spec.concurrencyPolicy", "Allow");
    const Json* active = findPath(cj, "status.active");
    const bool hasActive = active && active->is_array() && !active->empty();
    if (policy == "Forbid" && hasActive) {
        recorder_.event(cj, "Normal", "JobAlreadyActive",
                        "Not starting job because prior execution is running and concurrency policy is Forbid");
        res.requeueAfter = nextScheduleTimeDuration(cj, now, *schedule);
        return res;
    }
    if (policy == "Replace" && hasActive) {
        const Json refs = *active;
        for (const Json& ref : refs) {
            ObjectPtr running = store_.get("jobs.batch", ref.value("namespace", ns), ref.value("name", ""));
            if (!running) {
                recorder_.event(cj, "Warning", "FailedGet",
                                "Get job: jobs.batch \"" + ref.value("name", "") + "\" not found");
                res.error = true;
                return res;
            }
            if (!deleteJob(cj, *running)) {
                res.error = true;
                return res;
            }
            res.updateStatus = true;
        }
    }

    // 3. Create the Job.
    const TimeZone zone = lookupTimeZone(timeZoneOf(cj).value_or(""));
    Json request = jobFromTemplate(cj, scheduledTime, zone);
    ApiResponse r = client_.create(request);
    bool alreadyExisted = false;
    Json created = r.object;
    if (!r.ok()) {
        if (job::isNamespaceTerminating(r.status)) {
            res.error = true;
            return res;
        }
        if (!r.status.isAlreadyExists()) {
            recorder_.event(cj, "Warning", "FailedCreate", "Error creating job: " + r.status.message());
            res.error = true;
            return res;
        }
        // Made by an earlier sync that could not record it, or by someone else.
        alreadyExisted = true;
        ObjectPtr existing = store_.get("jobs.batch", ns, name);
        if (!existing) {
            res.error = true;
            return res;
        }
        created = *existing;
        if (!owner::isControlledBy(created, stringAt(cj, "metadata.uid")))
            return res;
        if (inActiveList(cj, stringAt(created, "metadata.uid")))
            return res;
    }
    if (!alreadyExisted)
        recorder_.event(cj, "Normal", "SuccessfulCreate", "Created job " + stringAt(created, "metadata.name"));
    Json& status = cj["status"];
    if (!status.is_object())
        status = Json::object();
    if (!status.contains("active") || !status["active"].is_array())
        status["active"] = Json::array();
    status["active"].push_back(EventRecorder::objectReference(created));
    status["lastScheduleTime"] = formatRFC3339(scheduledTime);
    res.updateStatus = true;
    res.requeueAfter = nextScheduleTimeDuration(cj, now, *schedule);
    return res;
}

// [SECTION] cleanup

// Upstream: cronjob_controllerv2.go#cleanupFinishedJobs
bool CronJobController::cleanupFinishedJobs(Json& cj, const std::vector<ObjectPtr>& jobs) {
    const Json* successfulLimit = findPath(cj, "spec.successfulJobsHistoryLimit");
    const Json* failedLimit = findPath(cj, "spec.failedJobsHistoryLimit");
    const bool hasSuccessful = successfulLimit && successfulLimit->is_number_integer();
    const bool hasFailed = failedLimit && failedLimit->is_number_integer();
    if (!hasSuccessful && !hasFailed)
        return false;
    std::vector<ObjectPtr> succeeded, failed;
    for (const ObjectPtr& j : jobs) {
        std::string type;
        if (!job::isJobFinished(*j, &type))
            continue;
        (type == job::kJobComplete ? succeeded : failed).push_back(j);
    }
    bool update = false;
    if (hasSuccessful && removeOldestJobs(cj, succeeded, successfulLimit->get<int64_t>()))
        update = true;
    if (hasFailed && removeOldestJobs(cj, failed, failedLimit->get<int64_t>()))
        update = true;
    return update;
}

bool CronJobController::removeOldestJobs(Json& cj, std::vector<ObjectPtr> jobs, int64_t maxJobs) {
    const int64_t numToDelete = static_cast<int64_t>(jobs.size()) - maxJobs;
    if (numToDelete <= 0)
        return false;
    std::sort(jobs.begin(), jobs.end(), [](const ObjectPtr& a, const ObjectPtr& b) { return jobStartedBefore(*a, *b); });
    bool update = false;
    for (int64_t i = 0; i < numToDelete; ++i)
        if (deleteJob(cj, *jobs[static_cast<size_t>(i)]))
            update = true;
    return update;
}

// Upstream: cronjob_controllerv2.go#deleteJob (Background propagation: the pods follow).
bool CronJobController::deleteJob(Json& cj, const Json& job) {
    DeleteOptions opts;
    opts.propagationPolicy = PropagationPolicy::Background;
    ApiResponse r = client_.remove(client_.resource("jobs.batch"), stringAt(job, "metadata.namespace"),
                                   stringAt(job, "metadata.name"), opts);
    if (!r.ok()) {
        recorder_.event(cj, "Warning", "FailedDelete", "Deleted job: " + r.status.message());
        return false;
    }
    deleteFromActiveList(cj, stringAt(job, "metadata.uid"));
    recorder_.event(cj, "Normal", "SuccessfulDelete", "Deleted job " + stringAt(job, "metadata.name"));
    return true;
}

}  // namespace kp::cronjob
