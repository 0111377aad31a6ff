// The pod-failure back-off of a Job: after N consecutive failed pods (no success in between) the
// next pod is created only 10 s × 2^(N-1) after the last failure, capped at 10 min.
// Concrete example: failures at 10:00:05 and 10:00:30 (N=2): the replacement waits 20 s after
// 10:00:30, i.e. until 10:00:50.
// A success resets the count; failures that finished after the last success still count.
// Upstream: pkg/controller/job/backoff_utils.go.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/time.h"
#include "store/object_store.h"

namespace kp::job {

// DefaultJobPodFailureBackOff / MaxJobPodFailureBackOff (job_controller.go). Older releases
// (<= 1.27) capped at 6 min; the pod failure back-off constants of 1.28+ cap at 10 min.
inline constexpr Duration kDefaultPodFailureBackOff = Duration::seconds(10);
inline constexpr Duration kMaxPodFailureBackOff = Duration::minutes(10);

struct BackoffRecord {
    std::string key;
    int failuresAfterLastSuccess = 0;
    std::optional<Time> lastFailureTime;
};

// When a pod finished: its containers' latest terminated.finishedAt (if all terminated), else its
// Ready=False transition, else deletionTimestamp - grace period, else its creation.
Time podFinishedTime(const Json& pod);

// The delay still to wait before creating a pod, 0 when none.
Duration remainingBackoff(int failures, std::optional<Time> lastFailure, Time now,
                          Duration base = kDefaultPodFailureBackOff, Duration cap = kMaxPodFailureBackOff);

// Records per Job key (kept in the controller's memory, as upstream).
class BackoffStore {
public:
    // The record after this sync's newly finished pods are taken into account.
    BackoffRecord newBackoffRecord(const std::string& key, std::vector<ObjectPtr> newSucceeded,
                                   std::vector<ObjectPtr> newFailed) const;
    void update(const BackoffRecord& record) { records_[record.key] = record; }
    void remove(const std::string& key) { records_.erase(key); }

private:
    std::map<std::string, BackoffRecord> records_;
};

}  // namespace kp::job
