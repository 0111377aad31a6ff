// Counting finished pods without losing or double-counting any ("tracking with finalizers"):
//  1. a finished pod that still has the tracking finalizer is written into
//     status.uncountedTerminatedPods (succeeded/failed UIDs) - first status write;
//  2. its finalizer is removed (the pod may now disappear);
//  3. the UIDs whose finalizer is gone move into status.succeeded/failed - second status write;
//  4. with the counters settled and no pod terminating, the final condition is added (Complete
//     with completionTime, or Failed) and the Completed / failure event is recorded.
// Indexed Jobs count succeeded pods by index (status.completedIndexes) instead of by UID.
// Upstream: job_controller.go#trackJobStatusAndRemoveFinalizers, #flushUncountedAndRemoveFinalizers,
// #cleanUncountedPodsWithoutFinalizers, #enactJobFinished, #recordJobFinished.
#include <algorithm>

#include "controller/job/job_controller.h"
#include "controller/job/job_util.h"
#include "controller/job/pod_failure_policy.h"

namespace kp::job {
namespace {

// Moves the UIDs whose pods lost their finalizer from the uncounted lists into the counters.
bool cleanUncountedPodsWithoutFinalizers(JobStatus& status, const std::set<std::string>& uidsWithFinalizer) {
    bool updated = false;
    auto keep = [&](std::vector<std::string>& uids, int& counter) {
        std::vector<std::string> still;
        for (const std::string& uid : uids)
            if (uidsWithFinalizer.count(uid))
                still.push_back(uid);
        if (still.size() == uids.size())
            return;
        updated = true;
        counter += static_cast<int>(uids.size() - still.size());
        uids = std::move(still);
    };
    keep(status.uncountedSucceeded, status.succeeded);
    keep(status.uncountedFailed, status.failed);
    return updated;
}

bool isSuccessCriteriaMet(const std::optional<Json>& cond) {
    return cond && cond->value("type", "") == kJobSuccessCriteriaMet && cond->value("status", "") == "True";
}

}  // namespace

bool JobController::updateJobStatus(SyncCtx& ctx) {
    writeJobStatus(ctx.job, ctx.status);
    ApiResponse r = client_.updateStatus(ctx.job);
    if (!r.ok())
        return false;
    ctx.job = r.object;
    return true;
}

// Upstream: job_controller.go#trackJobStatusAndRemoveFinalizers. Returns false on an API error.
bool JobController::trackJobStatusAndRemoveFinalizers(SyncCtx& ctx, bool needsFlush) {
    const Json& job = ctx.job;
    const bool indexed = isIndexedJob(job);
    const int completions = static_cast<int>(intAt(job, "spec.completions"));
    const Json* pfp = findPath(job, "spec.podFailurePolicy");
    if (indexed)
        std::stable_sort(ctx.pods.begin(), ctx.pods.end(),
                         [](const ObjectPtr& a, const ObjectPtr& b) { return completionIndex(*a) < completionIndex(*b); });

    std::set<std::string> uidsWithFinalizer;
    for (const ObjectPtr& p : ctx.pods)
        if (hasJobTrackingFinalizer(*p))
            uidsWithFinalizer.insert(stringAt(*p, "metadata.uid"));
    if (cleanUncountedPodsWithoutFinalizers(ctx.status, uidsWithFinalizer))
        needsFlush = true;

    std::vector<ObjectPtr> podsToRemoveFinalizer;
    std::vector<int> newSucceededIndexes;
    bool reachedMaxUncountedPods = false;
    for (const ObjectPtr& p : ctx.pods) {
        if (!hasJobTrackingFinalizer(*p))
            continue;  // counted by an earlier sync
        const std::string uid = stringAt(*p, "metadata.uid");
        const bool considerFailed = isPodFailed(*p, job);
        // canRemoveFinalizer: the Job is finishing or being deleted, or the pod is finished.
        const bool succeeded = stringAt(*p, "status.phase") == "Succeeded";
        if (!findPath(job, "metadata.deletionTimestamp") && !ctx.finishedCondition && !succeeded && !considerFailed)
            continue;
        podsToRemoveFinalizer.push_back(p);
        if (succeeded && !ctx.uncountedFailed.count(uid)) {
            if (indexed) {
                const int ix = completionIndex(*p);
                if (ix != kUnknownCompletionIndex && ix < completions && !ctx.prevSucceededIndexes.has(ix)) {
                    newSucceededIndexes.push_back(ix);
                    needsFlush = true;
                }
            } else if (!ctx.uncountedSucceeded.count(uid)) {
                needsFlush = true;
                ctx.status.uncountedSucceeded.push_back(uid);
            }
        } else if (considerFailed || (ctx.finishedCondition && !isSuccessCriteriaMet(ctx.finishedCondition))) {
            // When the Job is failing, every unfinished pod counts as failed.
            const int ix = completionIndex(*p);
            if (!ctx.uncountedFailed.count(uid) && (!indexed || (ix != kUnknownCompletionIndex && ix < completions))) {
                if (pfp && !pfp->is_null()) {
                    if (matchPodFailurePolicy(pfp, *p).countFailed) {
                        needsFlush = true;
                        ctx.status.uncountedFailed.push_back(uid);
                    }
                } else {
                    needsFlush = true;
                    ctx.status.uncountedFailed.push_back(uid);
                }
            }
        }
        if (newSucceededIndexes.size() + ctx.status.uncountedSucceeded.size() + ctx.status.uncountedFailed.size() >=
            static_cast<size_t>(kMaxUncountedPods)) {
            // Keep status small and this sync short; the next sync continues.
            reachedMaxUncountedPods = true;
            break;
        }
    }
    if (indexed) {
        std::sort(newSucceededIndexes.begin(), newSucceededIndexes.end());
        ctx.succeededIndexes = ctx.succeededIndexes.withOrderedIndexes(newSucceededIndexes);
        const std::string text = ctx.succeededIndexes.toString();
        if (text != ctx.status.completedIndexes)
            needsFlush = true;
        ctx.status.succeeded = ctx.succeededIndexes.total();
        ctx.status.completedIndexes = text;
    }
    if (ctx.finishedCondition && ctx.finishedCondition->value("type", "") == kJobFailureTarget) {
        // The interim condition is written before the finalizers go; Failed follows.
        ctx.status.conditions.push_back(*ctx.finishedCondition);
        needsFlush = true;
        ctx.finishedCondition = newCondition(kJobFailed, "True", ctx.finishedCondition->value("reason", ""),
                                             ctx.finishedCondition->value("message", ""), clock_.now());
    }
    if (isSuccessCriteriaMet(ctx.finishedCondition)) {
        Json cond = *ctx.finishedCondition;
        const bool present = std::any_of(ctx.status.conditions.begin(), ctx.status.conditions.end(), [](const Json& c) {
            return c.value("type", "") == kJobSuccessCriteriaMet && c.value("status", "") == "True";
        });
        if (!present) {
            ctx.status.conditions.push_back(cond);
            needsFlush = true;
        }
        ctx.finishedCondition = newCondition(kJobComplete, "True", cond.value("reason", ""), cond.value("message", ""), clock_.now());
    }
    if (!flushUncountedAndRemoveFinalizers(ctx, podsToRemoveFinalizer, uidsWithFinalizer, needsFlush))
        return false;
    const bool jobFinished = !reachedMaxUncountedPods && enactJobFinished(ctx);
    if (jobFinished)
        needsFlush = true;
    if (needsFlush) {
        if (!updateJobStatus(ctx))
            return false;
        if (jobFinished)
            recordJobFinished(ctx.job, *ctx.finishedCondition);
    }
    return true;
}

// Upstream: job_controller.go#flushUncountedAndRemoveFinalizers
bool JobController::flushUncountedAndRemoveFinalizers(SyncCtx& ctx, const std::vector<ObjectPtr>& podsToRemoveFinalizer,
                                                      std::set<std::string>& uidsWithFinalizer, bool& needsFlush) {
    if (needsFlush) {
        if (!updateJobStatus(ctx))
            return false;
        // The back-off record moves only with a written status, so a retried sync counts again.
        backoff_.update(ctx.newBackoffRecord);
        needsFlush = false;
    }
    bool removeError = false;
    for (const ObjectPtr& p : podsToRemoveFinalizer) {
        if (removeTrackingFinalizer(*p))
            uidsWithFinalizer.erase(stringAt(*p, "metadata.uid"));
        else
            removeError = true;
    }
    if (cleanUncountedPodsWithoutFinalizers(ctx.status, uidsWithFinalizer))
        needsFlush = true;
    if (removeError) {
        if (needsFlush)
            updateJobStatus(ctx);
        return false;
    }
    return true;
}

// Upstream: job_controller.go#enactJobFinished
bool JobController::enactJobFinished(SyncCtx& ctx) {
    if (!ctx.finishedCondition)
        return false;
    if (!ctx.status.uncountedSucceeded.empty() || !ctx.status.uncountedFailed.empty())
        return false;  // counters not settled yet
    if (ctx.terminating > 0)
        return false;  // delayTerminalCondition: wait until the pods are gone
    const Json& cond = *ctx.finishedCondition;
    ensureJobConditionStatus(ctx.status.conditions, cond.value("type", ""), cond.value("status", ""), cond.value("reason", ""),
                             cond.value("message", ""), clock_.now());
    if (cond.value("type", "") == kJobComplete)
        ctx.status.completionTime = cond.value("lastTransitionTime", formatRFC3339(clock_.now()));
    return true;
}

// Upstream: job_controller.go#recordJobFinished
void JobController::recordJobFinished(const Json& job, const Json& finishedCondition) {
    if (finishedCondition.value("type", "") == kJobComplete) {
        const Json* completions = findPath(job, "spec.completions");
        if (completions && completions->is_number_integer() && intAt(job, "status.succeeded") > completions->get<int64_t>())
            recorder_.event(job, "Warning", "TooManySucceededPods", "Too many succeeded pods running after completion count reached");
        recorder_.event(job, "Normal", "Completed", "Job completed");
        return;
    }
    recorder_.event(job, "Warning", finishedCondition.value("reason", ""), finishedCondition.value("message", ""));
}

}  // namespace kp::job
