// The Job controller's event handlers, pod index and pod claiming.
// [SECTION] events   watch events -> keys (immediate for Job spec changes, batched for the rest)
// [SECTION] pods     which pods a Job owns (adoption and release), orphans' finalizers
#include "controller/job/job_controller.h"

#include "api/labels.h"
#include "api/owner_refs.h"
#include "api/pod_util.h"
#include "controller/controller_ref_manager.h"
#include "controller/job/job_util.h"

namespace kp::job {
namespace {

constexpr const char* kOrphanPodPrefix = "pod:";

std::string keyOf(const Json& obj) { return stringAt(obj, "metadata.namespace") + "/" + stringAt(obj, "metadata.name"); }

std::optional<int64_t> activeDeadlineSeconds(const Json& job) {
    const Json* ads = findPath(job, "spec.activeDeadlineSeconds");
    if (!ads || !ads->is_number_integer())
        return std::nullopt;
    return ads->get<int64_t>();
}

}  // namespace

JobController::JobController(ApiServer& server, VirtualClock& clock)
    : client_(server, "job-controller"),
      store_(server.store()),
      recorder_(server, "job-controller"),
      clock_(clock),
      delayed_(clock, queue()) {}

ReconcileResult JobController::reconcile(const std::string& key) {
    if (key.rfind(kOrphanPodPrefix, 0) == 0)
        return syncOrphanPod(key.substr(std::char_traits<char>::length(kOrphanPodPrefix)));
    return syncJob(key);
}

// [SECTION] events

void JobController::onEvent(const WatchEvent& event) {
    if (event.resource == "jobs.batch")
        onJobEvent(event);
    else if (event.resource == "pods")
        onPodEvent(event);
}

// Upstream: job_controller.go#addJob, #updateJob, #deleteJob
void JobController::onJobEvent(const WatchEvent& event) {
    const Json& job = *event.object;
    const std::string key = keyOf(job);
    if (event.type == WatchEventType::Deleted) {
        seenJobs_.erase(key);
        queue().add(key);
        cleanupPodFinalizers(job);
        return;
    }
    const int64_t generation = intAt(job, "metadata.generation");
    auto seen = seenJobs_.find(key);
    const bool added = seen == seenJobs_.end() || event.type == WatchEventType::Added;
    SeenJob previous = added ? SeenJob{} : seen->second;
    seenJobs_[key] = SeenJob{generation, activeDeadlineSeconds(job)};
    if (added) {
        queue().add(key);
        return;
    }
    // A spec change syncs now; status updates (mostly our own) are batched like pod events.
    if (generation == previous.generation)
        enqueueBatched(key);
    else
        queue().add(key);
    // The Job must not look finished while pods keep their finalizers: a backup sweep.
    if (isJobFinished(job))
        cleanupPodFinalizers(job);
    // A new activeDeadlineSeconds on a started Job: sync when it runs out.
    const std::optional<int64_t> ads = activeDeadlineSeconds(job);
    auto start = parseRFC3339(stringAt(job, "status.startTime"));
    if (start && ads && previous.activeDeadlineSeconds != ads)
        delayed_.addAfter(key, (*start + Duration::seconds(*ads)) - clock_.now());
}

void JobController::indexPod(const std::string& podKey, const Json* pod) {
    if (auto it = podOwner_.find(podKey); it != podOwner_.end()) {
        auto owned = podsByOwner_.find(it->second.uid);
        if (owned != podsByOwner_.end() && owned->second.erase(podKey) && owned->second.empty())
            podsByOwner_.erase(owned);
        podOwner_.erase(it);
    }
    const std::string ns = podKey.substr(0, podKey.find('/'));
    if (auto orphans = orphanPods_.find(ns); orphans != orphanPods_.end()) {
        orphans->second.erase(podKey);
        if (orphans->second.empty())
            orphanPods_.erase(orphans);
    }
    if (!pod)
        return;
    if (const Json* ref = owner::controllerRef(*pod)) {
        // Only Job-owned pods: a pod another kind controls (a ReplicaSet's, a DaemonSet's) never
        // resolves to a Job (resolveControllerRef), so remembering its owner would only cost
        // memory for every pod of the cluster.
        if (ref->value("kind", "") != "Job")
            return;
        OwnerRef o{ref->value("kind", ""), ref->value("name", ""), ref->value("uid", "")};
        podsByOwner_[o.uid].insert(podKey);
        podOwner_[podKey] = std::move(o);
        return;
    }
    orphanPods_[ns].insert(podKey);
}

// Upstream: job_controller.go#addPod, #updatePod, #deletePod
void JobController::onPodEvent(const WatchEvent& event) {
    const Json& pod = *event.object;
    const std::string podKey = keyOf(pod);
    const std::string ns = stringAt(pod, "metadata.namespace");
    std::optional<OwnerRef> oldOwner;
    if (auto it = podOwner_.find(podKey); it != podOwner_.end())
        oldOwner = it->second;

    if (event.type == WatchEventType::Deleted) {
        indexPod(podKey, nullptr);
        podDeleted(pod, true);
        return;
    }
    indexPod(podKey, &pod);
    if (pod::isTerminating(pod)) {
        // A graceful deletion: the Job may replace the pod now, not when it is finally gone.
        podDeleted(pod, false);
        return;
    }
    const Json* ref = owner::controllerRef(pod);
    if (event.type == WatchEventType::Modified && oldOwner && (!ref || ref->value("uid", "") != oldOwner->uid)) {
        Json old = {{"kind", oldOwner->kind}, {"name", oldOwner->name}, {"uid", oldOwner->uid}};
        if (ObjectPtr job = resolveControllerRef(ns, old))
            enqueueBatched(keyOf(*job));
    }
    if (ref) {
        if (ObjectPtr job = resolveControllerRef(ns, *ref))
            enqueueBatched(keyOf(*job));
        return;
    }
    // An orphan: its finalizer goes; a Job whose selector matches may adopt it.
    if (hasJobTrackingFinalizer(pod))
        queue().add(kOrphanPodPrefix + podKey);
    for (const std::string& jobKey : jobsSelecting(pod))
        enqueueBatched(jobKey);
}

void JobController::podDeleted(const Json& pod, bool final) {
    (void)final;  // upstream uses it for finalizer-removal expectations, which we do not need
    const std::string podKey = keyOf(pod);
    const Json* ref = owner::controllerRef(pod);
    const bool hasFinalizer = hasJobTrackingFinalizer(pod);
    if (!ref) {
        if (hasFinalizer)
            queue().add(kOrphanPodPrefix + podKey);
        return;
    }
    ObjectPtr job = resolveControllerRef(stringAt(pod, "metadata.namespace"), *ref);
    if (!job || isJobFinished(*job)) {
        if (hasFinalizer)
            queue().add(kOrphanPodPrefix + podKey);
        return;
    }
    enqueueBatched(keyOf(*job));
}

ObjectPtr JobController::resolveControllerRef(const std::string& ns, const Json& ref) const {
    if (ref.value("kind", "") != "Job")
        return nullptr;
    ObjectPtr job = store_.get("jobs.batch", ns, ref.value("name", ""));
    if (!job || stringAt(*job, "metadata.uid") != ref.value("uid", ""))
        return nullptr;
    return job;
}

// Upstream: JobLister.GetPodJobs (Jobs whose non-empty selector matches the pod's labels).
std::vector<std::string> JobController::jobsSelecting(const Json& pod) const {
    std::vector<std::string> out;
    for (const ObjectPtr& job : store_.list("jobs.batch", stringAt(pod, "metadata.namespace"))) {
        const Json* sel = findPath(*job, "spec.selector");
        if (!sel)
            continue;
        std::string err;
        auto selector = labels::labelSelectorAsSelector(*sel, &err);
        if (!selector || selector->empty() || selector->isNothing() || !selector->matchesLabelsOf(pod))
            continue;
        out.push_back(keyOf(*job));
    }
    return out;
}

// Upstream: job_controller.go#cleanupPodFinalizers
void JobController::cleanupPodFinalizers(const Json& job) {
    auto owned = podsByOwner_.find(stringAt(job, "metadata.uid"));
    if (owned == podsByOwner_.end())
        return;
    const std::string ns = stringAt(job, "metadata.namespace");
    for (const std::string& podKey : owned->second) {
        const std::string name = podKey.substr(podKey.find('/') + 1);
        ObjectPtr pod = store_.get("pods", ns, name);
        if (pod && hasJobTrackingFinalizer(*pod))
            queue().add(kOrphanPodPrefix + podKey);
    }
}

// [SECTION] pods

// Upstream: job_controller.go#getPodsForJob and controller_ref_manager.go#ClaimPods: owned pods
// that still match stay, owned ones that no longer match are released, matching orphans are
// adopted (with the tracking finalizer). Returns false on an API error.
bool JobController::getPodsForJob(const Json& job, std::vector<ObjectPtr>& pods) {
    std::string err;
    const Json* sel = findPath(job, "spec.selector");
    auto selector = sel ? labels::labelSelectorAsSelector(*sel, &err) : std::optional<labels::Selector>(labels::Selector::nothing());
    if (!selector)
        return false;
    const std::string ns = stringAt(job, "metadata.namespace");
    std::set<std::string> candidates;
    if (auto it = podsByOwner_.find(stringAt(job, "metadata.uid")); it != podsByOwner_.end())
        candidates = it->second;
    if (auto it = orphanPods_.find(ns); it != orphanPods_.end())
        candidates.insert(it->second.begin(), it->second.end());
    std::vector<ObjectPtr> existing;
    for (const std::string& podKey : candidates)
        if (ObjectPtr pod = store_.get("pods", ns, podKey.substr(podKey.find('/') + 1)))
            existing.push_back(pod);
    controller::ClaimOptions options;
    options.finalizers = {kJobTrackingFinalizer};
    controller::ClaimResult claim = controller::claimObjects(client_, job, *selector, "pods", existing, options);
    pods.insert(pods.end(), claim.claimed.begin(), claim.claimed.end());
    return claim.error.empty();
}

// Upstream: job_controller.go#syncOrphanPod
ReconcileResult JobController::syncOrphanPod(const std::string& podKey) {
    const size_t slash = podKey.find('/');
    const std::string ns = podKey.substr(0, slash), name = podKey.substr(slash + 1);
    ObjectPtr pod = store_.get("pods", ns, name);
    if (!pod)
        return ReconcileResult::done();
    if (const Json* ref = owner::controllerRef(*pod)) {
        if (ref->value("kind", "") != "Job" || ref->value("apiVersion", "") != "batch/v1")
            return ReconcileResult::done();  // someone else's pod
        ObjectPtr job = resolveControllerRef(ns, *ref);
        if (job && managedByExternalController(*job))
            return ReconcileResult::done();
        if (job && !isJobFinished(*job))
            return ReconcileResult::done();  // adopted meanwhile
    }
    return removeTrackingFinalizer(*pod) ? ReconcileResult::done() : ReconcileResult::requeue();
}

bool JobController::removeTrackingFinalizer(const Json& pod) {
    const std::string patch = removeTrackingFinalizerPatch(pod);
    if (patch.empty())
        return true;
    ApiResponse r = client_.patch(client_.resource("pods"), stringAt(pod, "metadata.namespace"),
                                  stringAt(pod, "metadata.name"), PatchType::StrategicMergePatch, patch);
    return r.ok() || r.status.isNotFound();
}

}  // namespace kp::job
