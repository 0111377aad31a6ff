// batch/v1 JobStatus as the controller works on it, and how it serialises: the omitempty rules
// decide what `kubectl get job -o yaml` shows. A running Job reads
//   status: {active: 1, ready: 0, startTime: ..., terminating: 0, uncountedTerminatedPods: {}}
// (active/succeeded/failed vanish at 0; ready and terminating are pointers and stay at 0;
// uncountedTerminatedPods is a pointer to a struct whose empty lists vanish).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "base/json.h"

namespace kp::job {

struct JobStatus {
    Json conditions = Json::array();
    std::string startTime;       // RFC 3339, "" = unset
    std::string completionTime;  // RFC 3339, "" = unset
    int active = 0;
    int succeeded = 0;
    int failed = 0;
    std::optional<int> terminating;
    std::optional<int> ready;
    std::string completedIndexes;
    std::optional<std::string> failedIndexes;
    bool hasUncounted = false;  // uncountedTerminatedPods present (possibly empty)
    std::vector<std::string> uncountedSucceeded;
    std::vector<std::string> uncountedFailed;
};

JobStatus parseJobStatus(const Json& job);
// Writes `status` into job["status"], keeping fields the controller does not model.
void writeJobStatus(Json& job, const JobStatus& status);

}  // namespace kp::job
