// manageJob: how many pods a Job should have running, and the pod creations and deletions that
// get it there.
// Concrete example: completions 5, parallelism 2, 3 succeeded, 1 active -> want min(5-3, 2) = 2
// active -> create 1 pod. With completions unset (a work queue), parallelism pods run until one
// succeeds; after that the others are left to finish.
#include <algorithm>

#include "api/owner_refs.h"
#include "api/pod_util.h"
#include "controller/job/job_controller.h"
#include "controller/job/job_util.h"

namespace kp::job {
namespace {

constexpr int kSlowStartInitialBatchSize = 1;  // controller.SlowStartInitialBatchSize

std::vector<ObjectPtr> activePodsForRemoval(const Json& job, std::vector<ObjectPtr> pods, int rmAtLeast) {
    if (isIndexedJob(job))
        return indexedActivePodsForRemoval(std::move(pods), static_cast<int>(intAt(job, "spec.completions")), rmAtLeast);
    std::sort(pods.begin(), pods.end(), [](const ObjectPtr& a, const ObjectPtr& b) { return activePodLess(*a, *b); });
    pods.resize(std::min(pods.size(), static_cast<size_t>(std::max(rmAtLeast, 0))));
    return pods;
}

}  // namespace

// Upstream: job_controller.go#manageJob
int JobController::manageJob(SyncCtx& ctx, bool& error) {
    const Json& job = ctx.job;
    int active = static_cast<int>(ctx.activePods.size());
    const int parallelism = static_cast<int>(intAt(job, "spec.parallelism", 1));

    if (jobSuspended(job)) {
        auto [removedReady, removed] = deleteJobPods(job, activePodsForRemoval(job, ctx.activePods, active), error);
        ctx.terminating += removed;
        ctx.ready -= removedReady;
        return active - removed;
    }

    int wantActive = 0;
    const Json* completionsField = findPath(job, "spec.completions");
    if (!completionsField || !completionsField->is_number_integer()) {
        // A work queue: parallelism pods until the first success, then let the rest finish.
        wantActive = ctx.succeeded > 0 ? active : parallelism;
    } else {
        // Never more pods than completions remain.
        wantActive = completionsField->get<int>() - ctx.succeeded;
        if (wantActive > parallelism)
            wantActive = parallelism;
        if (wantActive < 0)
            wantActive = 0;
    }

    const int rmAtLeast = std::max(active - wantActive, 0);
    std::vector<ObjectPtr> podsToDelete = activePodsForRemoval(job, ctx.activePods, rmAtLeast);
    if (static_cast<int>(podsToDelete.size()) > kMaxPodCreateDeletePerSync)
        podsToDelete.resize(kMaxPodCreateDeletePerSync);
    if (!podsToDelete.empty()) {
        // One sync either deletes or creates, deletion first (an Indexed Job may need both).
        auto [removedReady, removed] = deleteJobPods(job, podsToDelete, error);
        ctx.terminating += removed;
        ctx.ready -= removedReady;
        return active - removed;
    }

    const int terminating = onlyReplaceFailedPods(job) ? ctx.terminating : 0;
    int diff = wantActive - terminating - active;
    if (diff <= 0)
        return active;

    const Duration remaining = remainingBackoff(ctx.newBackoffRecord.failuresAfterLastSuccess,
                                                ctx.newBackoffRecord.lastFailureTime, clock_.now());
    if (remaining.ms > 0) {
        // enqueueSyncJobWithDelay: never sooner than the batch period.
        delayed_.addAfter(ctx.key, std::max(remaining, kSyncJobBatchPeriod));
        // Upstream returns 0 here, so status.active reads 0 while the back-off lasts.
        return 0;
    }
    diff = std::min(diff, kMaxPodCreateDeletePerSync);

    std::vector<int> indexesToAdd;
    const bool indexed = isIndexedJob(job);
    if (indexed) {
        std::vector<ObjectPtr> terminatingPods;
        if (onlyReplaceFailedPods(job))
            for (const ObjectPtr& p : ctx.pods)
                if (isPodTerminating(*p))
                    terminatingPods.push_back(p);
        indexesToAdd = firstPendingIndexes(ctx.activePods, terminatingPods, ctx.succeededIndexes, diff,
                                           static_cast<int>(intAt(job, "spec.completions")));
        diff = static_cast<int>(indexesToAdd.size());
    }

    active += diff;
    Json podTemplate = job.value("spec", Json::object()).value("template", Json::object());
    if (indexed)
        addCompletionIndexEnvVariables(podTemplate);
    Json& finalizers = podTemplate["metadata"]["finalizers"];
    if (!finalizers.is_array())
        finalizers = Json::array();
    if (std::find(finalizers.begin(), finalizers.end(), kJobTrackingFinalizer) == finalizers.end())
        finalizers.push_back(kJobTrackingFinalizer);

    // Slow start: batches of 1, 2, 4, ... that stop after a failing batch (a quota or a bad
    // template would fail every create).
    size_t next = 0;
    for (int batchSize = std::min(diff, kSlowStartInitialBatchSize); diff > 0; batchSize = std::min(2 * batchSize, diff)) {
        int failed = 0;
        for (int i = 0; i < batchSize; ++i) {
            const int ix = next < indexesToAdd.size() ? indexesToAdd[next++] : kUnknownCompletionIndex;
            if (!createPod(job, podTemplate, ix)) {
                --active;
                ++failed;
            }
        }
        const int skipped = diff - batchSize;
        if (failed > 0) {
            error = true;
            if (skipped > 0) {
                active -= skipped;
                break;
            }
        }
        diff -= batchSize;
    }
    return active;
}

// Upstream: controller_utils.go#GetPodFromTemplate + RealPodControl.CreatePodsWithGenerateName.
// Returns false when the create failed (the namespace being deleted does not count).
bool JobController::createPod(const Json& job, Json podTemplate, int completionIndex) {
    const std::string jobName = stringAt(job, "metadata.name");
    Json& tmeta = podTemplate["metadata"];
    std::string generateName = jobName + "-";
    if (completionIndex != kUnknownCompletionIndex) {
        const std::string ix = std::to_string(completionIndex);
        tmeta["annotations"][kJobCompletionIndexAnnotation] = ix;
        tmeta["labels"][kJobCompletionIndexAnnotation] = ix;
        podTemplate["spec"]["hostname"] = jobName + "-" + ix;
        generateName = podGenerateNameWithIndex(jobName, completionIndex);
    }
    Json meta = {{"generateName", generateName}, {"namespace", stringAt(job, "metadata.namespace")}};
    for (const char* field : {"labels", "annotations", "finalizers"})
        if (tmeta.contains(field) && !tmeta[field].empty())
            meta[field] = tmeta[field];
    meta["ownerReferences"] = Json::array({owner::newControllerRef(job)});
    if (!meta.contains("labels"))
        return false;  // "unable to create pods, no labels" (no event upstream either)
    Json pod = {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", meta}, {"spec", podTemplate.value("spec", Json::object())}};
    ApiResponse r = client_.create(pod);
    if (!r.ok()) {
        if (isNamespaceTerminating(r.status))
            return true;
        recorder_.event(job, "Warning", "FailedCreate", "Error creating: " + r.status.message());
        return false;
    }
    recorder_.event(job, "Normal", "SuccessfulCreate", "Created pod: " + stringAt(r.object, "metadata.name"));
    return true;
}

// Upstream: job_controller.go#deleteJobPods (finalizer first, then the DELETE).
std::pair<int, int> JobController::deleteJobPods(const Json& job, const std::vector<ObjectPtr>& pods, bool& error) {
    int deletedReady = 0, deleted = static_cast<int>(pods.size());
    for (const ObjectPtr& p : pods) {
        if (!removeTrackingFinalizer(*p)) {
            --deleted;
            error = true;
            continue;
        }
        const std::string podName = stringAt(*p, "metadata.name");
        ApiResponse r = client_.remove(client_.resource("pods"), stringAt(*p, "metadata.namespace"), podName);
        if (r.ok()) {
            recorder_.event(job, "Normal", "SuccessfulDelete", "Deleted pod: " + podName);
        } else if (!r.status.isNotFound()) {
            recorder_.event(job, "Warning", "FailedDelete", "Error deleting: " + r.status.message());
            --deleted;
            error = true;
        }
        if (pod::isReady(*p))
            ++deletedReady;
    }
    return {deletedReady, deleted};
}

// Upstream: job_controller.go#deleteActivePods (finalizers stay: tracking removes them).
std::pair<int, int> JobController::deleteActivePods(const Json& job, const std::vector<ObjectPtr>& pods, bool& error) {
    int deletedReady = 0, deleted = static_cast<int>(pods.size());
    for (const ObjectPtr& p : pods) {
        const std::string podName = stringAt(*p, "metadata.name");
        ApiResponse r = client_.remove(client_.resource("pods"), stringAt(*p, "metadata.namespace"), podName);
        if (r.ok()) {
            recorder_.event(job, "Normal", "SuccessfulDelete", "Deleted pod: " + podName);
        } else if (!r.status.isNotFound()) {
            recorder_.event(job, "Warning", "FailedDelete", "Error deleting: " + r.status.message());
            --deleted;
            error = true;
        }
        if (pod::isReady(*p))
            ++deletedReady;
    }
    return {deletedReady, deleted};
}

}  // namespace kp::job
