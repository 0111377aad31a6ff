// Small questions the Job controller (and the CronJob and TTL-after-finished controllers) ask
// about Jobs and their pods: is the Job finished, its conditions, the tracking finalizer, the
// order in which active pods are removed.
// Upstream: pkg/controller/job/util/utils.go, pkg/controller/job/job_controller.go
// (ensureJobConditionStatus, newCondition, isPodFailed), pkg/controller/controller_utils.go
// (ActivePods, FilterActivePods).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status.h"
#include "base/time.h"

namespace kp::job {

// batch/v1 names.
inline constexpr const char* kJobTrackingFinalizer = "batch.kubernetes.io/job-tracking";
inline constexpr const char* kJobCompletionIndexAnnotation = "batch.kubernetes.io/job-completion-index";
inline constexpr const char* kJobControllerName = "kubernetes.io/job-controller";  // spec.managedBy default

// Condition types and reasons (batch/v1 types.go).
inline constexpr const char* kJobComplete = "Complete";
inline constexpr const char* kJobFailed = "Failed";
inline constexpr const char* kJobSuspended = "Suspended";
inline constexpr const char* kJobFailureTarget = "FailureTarget";
inline constexpr const char* kJobSuccessCriteriaMet = "SuccessCriteriaMet";

// The status.conditions entry of `type` (any status), or nullptr.
const Json* findCondition(const Json& job, std::string_view type);
// Finished = a Complete or Failed condition with status True. `type` gets which one.
bool isJobFinished(const Json& job, std::string* type = nullptr);
bool isJobSucceeded(const Json& job);  // Complete=True
// When the Job finished: the lastTransitionTime of its Complete/Failed=True condition.
std::optional<Time> jobFinishTime(const Json& job);

// {type, status, lastProbeTime: now, lastTransitionTime: now, reason?, message?}: reason and
// message are omitted when empty, as batch/v1 JobCondition serialises them (omitempty).
Json newCondition(std::string_view type, std::string_view status, std::string_view reason,
                  std::string_view message, Time now);
// Upstream ensureJobConditionStatus: replaces the condition of `type` when its status, reason or
// message differ; appends it when missing unless status is False. Returns whether it changed.
bool ensureJobConditionStatus(Json& conditions, std::string_view type, std::string_view status,
                              std::string_view reason, std::string_view message, Time now);

bool hasJobTrackingFinalizer(const Json& pod);
// The JSON of the strategic merge patch that removes the tracking finalizer, or "" when absent.
std::string removeTrackingFinalizerPatch(const Json& pod);

// spec.managedBy names another controller (JobManagedBy): this controller keeps its hands off.
bool managedByExternalController(const Json& job);
// spec.suspend is true.
bool jobSuspended(const Json& job);
bool isIndexedJob(const Json& job);
// Pods are replaced only once they reached a terminal phase (podReplacementPolicy Failed, or a
// podFailurePolicy is set). Upstream: onlyReplaceFailedPods.
bool onlyReplaceFailedPods(const Json& job);
// Failed phase; or, unless only failed pods are replaced, deleted before succeeding (orphaned
// pods that never reach a terminal phase count as failures). Upstream: isPodFailed.
bool isPodFailed(const Json& pod, const Json& job);
// Not terminal and being deleted (controller.FilterTerminatingPods).
bool isPodTerminating(const Json& pod);

// controller.ActivePods ordering: the pod to remove first sorts first.
//  1. unassigned < assigned; 2. Pending < Unknown < Running; 3. not ready < ready;
//  4. ready for less time < more time; 5. more restarts < fewer; 6. newer < older.
// SIMPLIFICATION: upstream's sort is not stable; equal pods are ordered by name here.
bool activePodLess(const Json& a, const Json& b);

// The create error says the namespace is being deleted (creations there are pointless).
bool isNamespaceTerminating(const Status& s);

}  // namespace kp::job
