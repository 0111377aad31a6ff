#include "controller/job/backoff_utils.h"

#include <algorithm>

#include "api/pod_util.h"

namespace kp::job {
namespace {

std::optional<Time> finishTimeFromContainers(const Json& pod) {
    const Json* statuses = findPath(pod, "status.containerStatuses");
    if (!statuses || !statuses->is_array())
        return std::nullopt;
    std::optional<Time> latest;
    for (const Json& s : *statuses) {
        const Json* terminated = findPath(s, "state.terminated");
        if (!terminated || !terminated->is_object())
            return std::nullopt;
        auto at = parseRFC3339(terminated->value("finishedAt", ""));
        if (!at || at->isZero())
            return std::nullopt;
        if (!latest || *latest < *at)
            latest = at;
    }
    return latest;
}

}  // namespace

// Upstream: backoff_utils.go#getFinishedTime
Time podFinishedTime(const Json& pod) {
    if (auto t = finishTimeFromContainers(pod))
        return *t;
    if (const Json* ready = pod::condition(pod, "Ready"); ready && ready->value("status", "") == "False") {
        if (auto t = parseRFC3339(ready->value("lastTransitionTime", "")); t && !t->isZero())
            return *t;
    }
    if (auto deleted = parseRFC3339(stringAt(pod, "metadata.deletionTimestamp")))
        return *deleted - Duration::seconds(intAt(pod, "metadata.deletionGracePeriodSeconds"));
    auto created = parseRFC3339(stringAt(pod, "metadata.creationTimestamp"));
    return created ? *created : Time{};
}

// Upstream: backoff_utils.go#getRemainingTimeForFailuresCount
Duration remainingBackoff(int failures, std::optional<Time> lastFailure, Time now, Duration base, Duration cap) {
    if (failures == 0 || !lastFailure)
        return {};
    Duration backoff = base;
    for (int i = 1; i < failures; ++i) {
        backoff = backoff * 2;
        if (backoff >= cap) {
            backoff = cap;
            break;
        }
    }
    const Duration elapsed = now - *lastFailure;
    if (backoff < elapsed)
        return {};
    return backoff - elapsed;
}

// Upstream: backoff_utils.go#newBackoffRecord
BackoffRecord BackoffStore::newBackoffRecord(const std::string& key, std::vector<ObjectPtr> newSucceeded,
                                             std::vector<ObjectPtr> newFailed) const {
    BackoffRecord record;
    record.key = key;
    if (auto it = records_.find(key); it != records_.end())
        record = it->second;
    auto byFinish = [](const ObjectPtr& a, const ObjectPtr& b) { return podFinishedTime(*a) < podFinishedTime(*b); };
    std::stable_sort(newSucceeded.begin(), newSucceeded.end(), byFinish);
    std::stable_sort(newFailed.begin(), newFailed.end(), byFinish);

    if (newSucceeded.empty()) {
        if (newFailed.empty())
            return record;
        record.failuresAfterLastSuccess += static_cast<int>(newFailed.size());
        record.lastFailureTime = podFinishedTime(*newFailed.back());
        return record;
    }
    record.failuresAfterLastSuccess = 0;
    record.lastFailureTime.reset();
    const Time lastSuccess = podFinishedTime(*newSucceeded.back());
    for (auto it = newFailed.rbegin(); it != newFailed.rend(); ++it) {
        const Time failed = podFinishedTime(**it);
        if (!(failed > lastSuccess))
            break;
        if (!record.lastFailureTime)
            record.lastFailureTime = failed;
        ++record.failuresAfterLastSuccess;
    }
    return record;
}

}  // namespace kp::job
