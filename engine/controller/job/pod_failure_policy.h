// spec.podFailurePolicy: rules, in order, that decide what a failed pod means.
//  - onExitCodes {containerName?, operator In|NotIn, values}: a terminated container (or init
//    container) with a non-zero exit code that matches;
//  - onPodConditions [{type, status}]: a pod condition that matches;
//  - action FailJob (fail the Job now, with a message naming the container or condition),
//    Ignore (not counted towards backoffLimit), Count (counted, the default), FailIndex.
// Upstream: pkg/controller/job/pod_failure_policy.go.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "base/json.h"

namespace kp::job {

struct PodFailurePolicyMatch {
    std::optional<std::string> failJobMessage;  // set when a FailJob rule matched
    bool countFailed = true;                     // false when an Ignore rule matched
    std::optional<std::string> action;           // the matched rule's action
};

PodFailurePolicyMatch matchPodFailurePolicy(const Json* podFailurePolicy, const Json& failedPod);

// The message of the first failed pod that matches a FailJob rule, if any (getFailJobMessage).
std::optional<std::string> failJobMessage(const Json& job, const std::vector<const Json*>& failedPods);

}  // namespace kp::job
