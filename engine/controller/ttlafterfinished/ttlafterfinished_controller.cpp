#include "controller/ttlafterfinished/ttlafterfinished_controller.h"

#include "controller/job/job_util.h"

namespace kp::ttlafterfinished {
namespace {

// needsCleanup: a TTL is set and the Job finished.
bool needsCleanup(const Json& job) {
    const Json* ttl = findPath(job, "spec.ttlSecondsAfterFinished");
    return ttl && ttl->is_number_integer() && job::isJobFinished(job);
}

}  // namespace

// Upstream: ttlafterfinished_controller.go#addJob, #updateJob
void TTLAfterFinishedController::onEvent(const WatchEvent& event) {
    if (event.type == WatchEventType::Deleted)
        return;
    const Json& job = *event.object;
    if (findPath(job, "metadata.deletionTimestamp") || !needsCleanup(job))
        return;
    queue().add(stringAt(job, "metadata.namespace") + "/" + stringAt(job, "metadata.name"));
}

// Upstream: ttlafterfinished_controller.go#processJob, #processTTL, #timeLeft
ReconcileResult TTLAfterFinishedController::reconcile(const std::string& key) {
    const size_t slash = key.find('/');
    const std::string ns = key.substr(0, slash), name = key.substr(slash + 1);
    ObjectPtr job = client_.server().store().get("jobs.batch", ns, name);
    if (!job || findPath(*job, "metadata.deletionTimestamp") || !needsCleanup(*job))
        return ReconcileResult::done();
    auto finishedAt = job::jobFinishTime(*job);
    if (!finishedAt)
        return ReconcileResult::done();  // "unable to find the time when the Job finished"
    const Time expireAt = *finishedAt + Duration::seconds(intAt(*job, "spec.ttlSecondsAfterFinished"));
    if (expireAt > clock_.now()) {
        delayed_.addAfter(key, expireAt - clock_.now());
        return ReconcileResult::done();
    }
    // Expired: delete it (and, first, its pods), unless it was replaced meanwhile.
    DeleteOptions opts;
    opts.propagationPolicy = PropagationPolicy::Foreground;
    opts.preconditionUid = stringAt(*job, "metadata.uid");
    ApiResponse r = client_.remove(client_.resource("jobs.batch"), ns, name, opts);
    if (!r.ok() && !r.status.isNotFound() && !r.status.isConflict())
        return ReconcileResult::requeue();
    return ReconcileResult::done();
}

}  // namespace kp::ttlafterfinished
