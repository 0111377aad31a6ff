// syncJob: one level-triggered pass over a Job.
//  1. Read the Job and claim its pods; count active, ready, terminating, newly finished pods.
//  2. Decide whether the Job is finishing: an earlier SuccessCriteriaMet/FailureTarget, a FailJob
//     rule, more failures than backoffLimit, activeDeadlineSeconds, a met successPolicy.
//  3. Finishing: delete the active pods. Otherwise manageJob creates or deletes pods, and the Job
//     is complete once enough pods succeeded and none is active; suspend/resume conditions.
//  4. Track: count finished pods through uncountedTerminatedPods, remove their finalizers, and
//     add the final condition once no pod is left terminating (tracking.cpp).
#include "api/pod_util.h"
#include "controller/job/job_controller.h"
#include "controller/job/job_util.h"
#include "controller/job/pod_failure_policy.h"

#include <algorithm>

namespace kp::job {
namespace {

bool pastBackoffLimitOnFailure(const Json& job, const std::vector<ObjectPtr>& pods, int64_t backoffLimit) {
    if (stringAt(job, "spec.template.spec.restartPolicy") != "OnFailure")
        return false;
    int64_t restarts = 0;
    for (const ObjectPtr& p : pods) {
        const std::string phase = stringAt(*p, "status.phase");
        if (phase != "Running" && phase != "Pending")
            continue;
        for (const char* list : {"initContainerStatuses", "containerStatuses"})
            if (const Json* statuses = findPath(*p, std::string("status.") + list); statuses && statuses->is_array())
                for (const Json& s : *statuses)
                    restarts += s.value("restartCount", 0);
    }
    if (backoffLimit == 0)
        return restarts > 0;
    return restarts >= backoffLimit;
}

const Json* trueCondition(const Json& job, const char* type) {
    const Json* c = findCondition(job, type);
    return c && c->value("status", "") == "True" ? c : nullptr;
}

}  // namespace

std::optional<Json> JobController::newFailureCondition(const std::string& reason, const std::string& message) const {
    // delayTerminalCondition(): with JobManagedBy / JobPodReplacementPolicy on (1.32 defaults)
    // the Job first gets FailureTarget; Failed follows once its pods are gone.
    return newCondition(kJobFailureTarget, "True", reason, message, clock_.now());
}

bool JobController::pastActiveDeadline(const Json& job) const {
    const Json* ads = findPath(job, "spec.activeDeadlineSeconds");
    auto start = parseRFC3339(stringAt(job, "status.startTime"));
    if (!ads || !ads->is_number_integer() || !start || jobSuspended(job))
        return false;
    return clock_.now() - *start >= Duration::seconds(ads->get<int64_t>());
}

// Upstream: job_controller.go#syncJob
ReconcileResult JobController::syncJob(const std::string& key) {
    const size_t slash = key.find('/');
    const std::string ns = key.substr(0, slash), name = key.substr(slash + 1);
    ObjectPtr shared = store_.get("jobs.batch", ns, name);
    if (!shared) {
        backoff_.remove(key);
        return ReconcileResult::done();
    }
    if (managedByExternalController(*shared))
        return ReconcileResult::done();
    if (isJobFinished(*shared)) {
        backoff_.remove(key);
        return ReconcileResult::done();
    }
    const std::string mode = stringAt(*shared, "spec.completionMode");
    if (!mode.empty() && mode != "NonIndexed" && mode != "Indexed") {
        recorder_.event(*shared, "Warning", "UnknownCompletionMode", "Skipped Job sync because completion mode is unknown");
        return ReconcileResult::done();
    }

    // 1. Pods and counts.
    SyncCtx ctx;
    ctx.key = key;
    ctx.job = *shared;
    ctx.status = parseJobStatus(ctx.job);
    ctx.status.hasUncounted = true;  // upstream initialises a nil uncountedTerminatedPods to {}
    if (!getPodsForJob(ctx.job, ctx.pods))
        return ReconcileResult::requeue();
    std::sort(ctx.pods.begin(), ctx.pods.end(),
              [](const ObjectPtr& a, const ObjectPtr& b) { return stringAt(*a, "metadata.name") < stringAt(*b, "metadata.name"); });
    for (const ObjectPtr& p : ctx.pods) {
        if (pod::isActive(*p)) {
            ctx.activePods.push_back(p);
            if (pod::isReady(*p))
                ++ctx.ready;
        }
        if (isPodTerminating(*p))
            ++ctx.terminating;
    }
    ctx.uncountedSucceeded.insert(ctx.status.uncountedSucceeded.begin(), ctx.status.uncountedSucceeded.end());
    ctx.uncountedFailed.insert(ctx.status.uncountedFailed.begin(), ctx.status.uncountedFailed.end());
    const Json& job = ctx.job;
    const bool indexed = isIndexedJob(job);
    const int completions = static_cast<int>(intAt(job, "spec.completions"));
    const Json* completionsField = findPath(job, "spec.completions");
    const bool hasCompletions = completionsField && completionsField->is_number_integer();
    const Json* pfp = findPath(job, "spec.podFailurePolicy");

    // getNewFinishedPods: pods still carrying the finalizer and not yet listed as uncounted.
    std::vector<ObjectPtr> newSucceeded, newFailed;
    for (const ObjectPtr& p : ctx.pods) {
        if (!hasJobTrackingFinalizer(*p))
            continue;
        if (indexed) {
            const int ix = completionIndex(*p);
            if (ix == kUnknownCompletionIndex || ix >= completions)
                continue;
        }
        const std::string uid = stringAt(*p, "metadata.uid");
        if (stringAt(*p, "status.phase") == "Succeeded" && !ctx.uncountedSucceeded.count(uid))
            newSucceeded.push_back(p);
        if (isPodFailed(*p, job) && !ctx.uncountedFailed.count(uid))
            newFailed.push_back(p);
    }
    int newFailedCounted = static_cast<int>(newFailed.size());
    if (pfp && !pfp->is_null())
        for (const ObjectPtr& p : newFailed)
            if (!matchPodFailurePolicy(pfp, *p).countFailed)
                --newFailedCounted;
    ctx.succeeded = ctx.status.succeeded + static_cast<int>(newSucceeded.size()) + static_cast<int>(ctx.uncountedSucceeded.size());
    ctx.failed = ctx.status.failed + newFailedCounted + static_cast<int>(ctx.uncountedFailed.size());

    // A Job starts when it is first synced unsuspended.
    if (ctx.status.startTime.empty() && !jobSuspended(job))
        ctx.status.startTime = formatRFC3339(clock_.now());
    ctx.newBackoffRecord = backoff_.newBackoffRecord(key, newSucceeded, newFailed);

    // 2. Is the Job finishing?
    bool manageError = false;
    const int64_t backoffLimit = intAt(job, "spec.backoffLimit", 6);
    if (const Json* met = trueCondition(job, kJobSuccessCriteriaMet))
        ctx.finishedCondition = *met;
    if (!ctx.finishedCondition) {
        std::vector<const Json*> failedPods;
        for (const ObjectPtr& p : ctx.pods)
            if (isPodFailed(*p, job))
                failedPods.push_back(p.get());
        if (const Json* target = trueCondition(job, kJobFailureTarget))
            ctx.finishedCondition = newCondition(kJobFailed, "True", target->value("reason", ""), target->value("message", ""), clock_.now());
        else if (auto message = failJobMessage(job, failedPods))
            ctx.finishedCondition = newCondition(kJobFailureTarget, "True", "PodFailurePolicy", *message, clock_.now());
    }
    if (!ctx.finishedCondition) {
        Json withStart = job;
        withStart["status"]["startTime"] = ctx.status.startTime;
        const Json* ads = findPath(job, "spec.activeDeadlineSeconds");
        if (ctx.failed > backoffLimit || pastBackoffLimitOnFailure(job, ctx.pods, backoffLimit)) {
            ctx.finishedCondition = newFailureCondition("BackoffLimitExceeded", "Job has reached the specified backoff limit");
        } else if (pastActiveDeadline(withStart)) {
            ctx.finishedCondition = newFailureCondition("DeadlineExceeded", "Job was active longer than specified deadline");
        } else if (ads && ads->is_number_integer() && !jobSuspended(job)) {
            // Sync again when the deadline passes.
            const Time start = parseRFC3339(ctx.status.startTime).value_or(clock_.now());
            delayed_.addAfter(key, (start + Duration::seconds(ads->get<int64_t>())) - clock_.now());
        }
    }
    if (indexed) {
        ctx.prevSucceededIndexes = OrderedIntervals::parse(ctx.status.completedIndexes, completions);
        std::set<int> newIndexes;
        for (const ObjectPtr& p : ctx.pods) {
            const int ix = completionIndex(*p);
            if (stringAt(*p, "status.phase") == "Succeeded" && ix != kUnknownCompletionIndex && ix < completions &&
                hasJobTrackingFinalizer(*p))
                newIndexes.insert(ix);
        }
        ctx.succeededIndexes = ctx.prevSucceededIndexes.withOrderedIndexes(std::vector<int>(newIndexes.begin(), newIndexes.end()));
        ctx.succeeded = ctx.succeededIndexes.total();
        if (!ctx.finishedCondition) {
            if (const Json* policy = findPath(job, "spec.successPolicy"); policy && policy->is_object()) {
                std::string message = matchSuccessPolicy(*policy, completions, ctx.succeededIndexes);
                if (!message.empty())
                    ctx.finishedCondition = newCondition(kJobSuccessCriteriaMet, "True", "SuccessPolicy", message, clock_.now());
            }
        }
    }

    // 3. Act.
    int active = static_cast<int>(ctx.activePods.size());
    bool suspendCondChanged = false;
    if (ctx.finishedCondition) {
        auto [deletedReady, deleted] = deleteActivePods(job, ctx.activePods, manageError);
        if (deleted != active)
            ctx.finishedCondition.reset();  // some pods are still there: not finished yet
        active -= deleted;
        ctx.terminating += deleted;
        ctx.ready -= deletedReady;
    } else {
        bool manageJobCalled = false;
        if (!findPath(job, "metadata.deletionTimestamp")) {
            active = manageJob(ctx, manageError);
            manageJobCalled = true;
        }
        const bool complete = hasCompletions ? ctx.succeeded >= completions && active == 0 : ctx.succeeded > 0 && active == 0;
        if (complete) {
            ctx.finishedCondition = newCondition(kJobSuccessCriteriaMet, "True", "", "", clock_.now());
        } else if (manageJobCalled) {
            if (jobSuspended(job)) {
                if (ensureJobConditionStatus(ctx.status.conditions, kJobSuspended, "True", "JobSuspended", "Job suspended", clock_.now())) {
                    suspendCondChanged = true;
                    recorder_.event(job, "Normal", "Suspended", "Job suspended");
                }
            } else if (ensureJobConditionStatus(ctx.status.conditions, kJobSuspended, "False", "JobResumed", "Job resumed", clock_.now())) {
                suspendCondChanged = true;
                recorder_.event(job, "Normal", "Resumed", "Job resumed");
                // activeDeadlineSeconds counts continuous activity: a resumed Job starts again.
                ctx.status.startTime = formatRFC3339(clock_.now());
            }
        }
    }

    // 4. Track.
    const bool needsStatusUpdate = suspendCondChanged || active != ctx.status.active || ctx.status.ready != ctx.ready ||
                                   ctx.status.terminating != ctx.terminating;
    ctx.status.active = active;
    ctx.status.ready = ctx.ready;
    ctx.status.terminating = ctx.terminating;
    if (!trackJobStatusAndRemoveFinalizers(ctx, needsStatusUpdate))
        return ReconcileResult::requeue();
    return manageError ? ReconcileResult::requeue() : ReconcileResult::done();
}

}  // namespace kp::job
