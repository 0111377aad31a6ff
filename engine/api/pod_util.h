// Small questions every component asks about a Pod (k8s.io/kubernetes pkg/api/v1/pod and
// kubectl's podutils): is it ready, available, active; read and set its conditions.
#pragma once
#include <string_view>

#include "base/json.h"
#include "base/time.h"

namespace kp::pod {

// The status.conditions entry of `type`, or nullptr.
const Json* condition(const Json& pod, std::string_view type);
// Sets or replaces a condition {type, status, reason?, message?}. lastTransitionTime moves
// only when status changes (upstream UpdatePodCondition); lastProbeTime stays null. Returns
// whether anything changed. Conditions keep their first-set order.
bool setCondition(Json& pod, Json cond, Time now);

bool isReady(const Json& pod);              // Ready condition is True
// Ready for at least minReadySeconds (upstream IsPodAvailable).
bool isAvailable(const Json& pod, int64_t minReadySeconds, Time now);
bool isTerminal(const Json& pod);           // phase Succeeded or Failed
bool isTerminating(const Json& pod);        // has metadata.deletionTimestamp
// Counted by controllers as existing: not terminal and not being deleted (controller.IsPodActive).
bool isActive(const Json& pod);

}  // namespace kp::pod
