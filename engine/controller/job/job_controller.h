// JobController ("job-controller") runs a Job's pods to completion:
//   - keeps min(parallelism, completions - succeeded) pods active; NonIndexed pods are named
//     "<job>-<5 chars>", Indexed ones "<job>-<index>-<5 chars>" with the completion index in an
//     annotation and a label, hostname "<job>-<index>" and JOB_COMPLETION_INDEX in the env;
//   - every pod carries the batch.kubernetes.io/job-tracking finalizer until the controller has
//     counted it (status.uncountedTerminatedPods, then succeeded/failed);
//   - failed pods are replaced after the pod-failure back-off (10 s doubling, see
//     backoff_utils.h); more than backoffLimit failures, activeDeadlineSeconds, a FailJob rule of
//     podFailurePolicy fail the Job: first the interim FailureTarget condition while the active
//     pods are deleted, then Failed once no pod is terminating;
//   - success: SuccessCriteriaMet, then Complete (with completionTime) once no pod terminates;
//   - suspend deletes the active pods and sets the Suspended condition; resuming resets startTime.
// Timing: pod events and the Job's own status updates sync the Job 1 s later (syncJobBatchPeriod);
// Job creation and spec changes sync at once.
// Events (source job-controller): SuccessfulCreate "Created pod: x", SuccessfulDelete "Deleted pod:
// x", Completed "Job completed", BackoffLimitExceeded "Job has reached the specified backoff
// limit", DeadlineExceeded "Job was active longer than specified deadline", Suspended, Resumed.
// Upstream: pkg/controller/job/job_controller.go (with 1.32's default feature gates:
// JobPodReplacementPolicy, JobManagedBy, JobSuccessPolicy, PodIndexLabel on).
//
// SIMPLIFICATION: no expectations caches (our store reads are never stale).
// SIMPLIFICATION: backoffLimitPerIndex / maxFailedIndexes (JobBackoffLimitPerIndex) are not
// implemented: such Jobs fall back to the global backoffLimit.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "client/client.h"
#include "client/event_recorder.h"
#include "controller/controller.h"
#include "controller/job/backoff_utils.h"
#include "controller/job/delaying_queue.h"
#include "controller/job/indexed_job_utils.h"
#include "controller/job/job_status.h"

namespace kp::job {

class JobController final : public Controller {
public:
    JobController(ApiServer& server, VirtualClock& clock);

    std::string_view name() const override { return "job-controller"; }
    std::vector<std::string> watches() const override { return {"jobs.batch", "pods"}; }
    void onEvent(const WatchEvent& event) override;
    // Keys: "<namespace>/<name>" of a Job; "pod:<namespace>/<name>" of a pod whose tracking
    // finalizer must go (its Job is gone or finished: upstream's orphan queue).
    ReconcileResult reconcile(const std::string& key) override;

    static constexpr Duration kSyncJobBatchPeriod = Duration::seconds(1);
    static constexpr int kMaxUncountedPods = 500;
    static constexpr int kMaxPodCreateDeletePerSync = 500;

    const DelayingQueue& delayed() const { return delayed_; }

private:
    // One syncJob's working state (upstream syncJobCtx).
    struct SyncCtx {
        std::string key;
        Json job;  // working copy; its status is written from `status`
        JobStatus status;
        std::vector<ObjectPtr> pods;
        std::vector<ObjectPtr> activePods;
        std::optional<Json> finishedCondition;
        int succeeded = 0;
        int failed = 0;
        OrderedIntervals prevSucceededIndexes;
        OrderedIntervals succeededIndexes;
        BackoffRecord newBackoffRecord;
        std::set<std::string> uncountedSucceeded;  // as read at the start of the sync
        std::set<std::string> uncountedFailed;
        int terminating = 0;
        int ready = 0;
    };

    // [events] job_controller.cpp
    void onJobEvent(const WatchEvent& event);
    void onPodEvent(const WatchEvent& event);
    void podDeleted(const Json& pod, bool final);
    void enqueueBatched(const std::string& jobKey) { delayed_.addAfter(jobKey, kSyncJobBatchPeriod); }
    ObjectPtr resolveControllerRef(const std::string& ns, const Json& ref) const;
    std::vector<std::string> jobsSelecting(const Json& pod) const;
    void cleanupPodFinalizers(const Json& job);
    void indexPod(const std::string& podKey, const Json* pod);

    // [pods] job_controller.cpp
    bool getPodsForJob(const Json& job, std::vector<ObjectPtr>& pods);
    ReconcileResult syncOrphanPod(const std::string& podKey);

    // [sync] sync_job.cpp
    ReconcileResult syncJob(const std::string& key);
    std::optional<Json> newFailureCondition(const std::string& reason, const std::string& message) const;
    bool pastActiveDeadline(const Json& job) const;

    // [manage] manage_job.cpp
    // Returns the new number of active pods; `error` is set when an API call failed.
    int manageJob(SyncCtx& ctx, bool& error);
    // Deletes pods (finalizer first); returns {deletedReady, deleted}.
    std::pair<int, int> deleteJobPods(const Json& job, const std::vector<ObjectPtr>& pods, bool& error);
    std::pair<int, int> deleteActivePods(const Json& job, const std::vector<ObjectPtr>& pods, bool& error);
    bool createPod(const Json& job, Json podTemplate, int completionIndex);

    // [tracking] tracking.cpp
    bool trackJobStatusAndRemoveFinalizers(SyncCtx& ctx, bool needsFlush);
    bool flushUncountedAndRemoveFinalizers(SyncCtx& ctx, const std::vector<ObjectPtr>& podsToRemoveFinalizer,
                                           std::set<std::string>& uidsWithFinalizer, bool& needsFlush);
    bool enactJobFinished(SyncCtx& ctx);
    void recordJobFinished(const Json& job, const Json& finishedCondition);
    bool updateJobStatus(SyncCtx& ctx);
    bool removeTrackingFinalizer(const Json& pod);

    Client client_;
    ObjectStore& store_;  // reads (upstream: listers)
    EventRecorder recorder_;
    VirtualClock& clock_;
    DelayingQueue delayed_;
    BackoffStore backoff_;

    // Indexes kept from watch events (upstream: informer listers).
    struct OwnerRef {
        std::string kind, name, uid;
    };
    std::map<std::string, OwnerRef> podOwner_;                  // pod key -> its controller (none: absent)
    std::map<std::string, std::set<std::string>> podsByOwner_;  // controller uid -> pod keys
    std::map<std::string, std::set<std::string>> orphanPods_;   // namespace -> pod keys without controller
    struct SeenJob {
        int64_t generation = 0;
        std::optional<int64_t> activeDeadlineSeconds;
    };
    std::map<std::string, SeenJob> seenJobs_;  // job key -> what the last event showed
};

}  // namespace kp::job
