// Taints and tolerations as the node controllers read them: which taint a toleration covers,
// whether a pod tolerates a node, and the well-known taint keys the node lifecycle controller
// manages. Taints and tolerations stay JSON ({key, value, effect, timeAdded} / {key, operator,
// value, effect, tolerationSeconds}).
// Upstream: pkg/util/taints/taints.go, k8s.io/api core/v1 toleration.go (ToleratesTaint),
// component-helpers scheduling/corev1 helpers.go (FindMatchingUntoleratedTaint),
// pkg/apis/core/v1/helper (GetMatchingTolerations).
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "base/json.h"

namespace kp::taints {

// Well-known taint keys (k8s.io/api core/v1 well_known_taints.go).
inline constexpr const char* kNotReady = "node.kubernetes.io/not-ready";
inline constexpr const char* kUnreachable = "node.kubernetes.io/unreachable";
inline constexpr const char* kUnschedulable = "node.kubernetes.io/unschedulable";
inline constexpr const char* kMemoryPressure = "node.kubernetes.io/memory-pressure";
inline constexpr const char* kDiskPressure = "node.kubernetes.io/disk-pressure";
inline constexpr const char* kPIDPressure = "node.kubernetes.io/pid-pressure";
inline constexpr const char* kNetworkUnavailable = "node.kubernetes.io/network-unavailable";
inline constexpr const char* kOutOfService = "node.kubernetes.io/out-of-service";

// {key, effect} (no value, no timeAdded): the shape the controllers add and look for.
Json make(const std::string& key, const std::string& effect);

// Same key and effect (Taint.MatchTaint): how taints are compared, values and timeAdded aside.
bool matches(const Json& a, const Json& b);
// Whether `taints` (a JSON array or null) holds a taint with the key and effect of `taint`.
bool exists(const Json& taints, const Json& taint);
bool keyExists(const Json& taints, const std::string& key);
// The taints of `node.spec.taints` with the given effect, in their order.
std::vector<Json> withEffect(const Json& node, const std::string& effect);

// Toleration.ToleratesTaint:
//  - an empty toleration effect matches every effect, an empty key every key (with Exists);
//  - operator Exists ignores the value, Equal (or empty) requires the same value.
bool toleratesTaint(const Json& toleration, const Json& taint);
// Whether any toleration of the list tolerates the taint.
bool toleratedBy(const Json& tolerations, const Json& taint);
// The first taint accepted by `filter` that no toleration tolerates, or nullptr.
const Json* findUntolerated(const Json& taints, const Json& tolerations,
                            const std::function<bool(const Json&)>& filter);
// GetMatchingTolerations: true when every taint is tolerated; `used` gets, per taint, the first
// toleration that tolerates it (the ones whose tolerationSeconds count).
bool matchingTolerations(const std::vector<Json>& taints, const Json& tolerations, std::vector<Json>& used);

}  // namespace kp::taints
