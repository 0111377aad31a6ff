// Taints and tolerations as the scheduler reads them (core/v1 Taint, Toleration), and the
// matching rules of k8s.io/api core/v1 toleration.go and component-helpers scheduling/corev1.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "base/json.h"

namespace kp::scheduler::framework {

struct Taint {
    std::string key, value, effect;  // effect: NoSchedule, PreferNoSchedule, NoExecute
};

struct Toleration {
    std::string key, op, value, effect;  // op: "" (= Equal), Equal, Exists
    bool operator==(const Toleration&) const = default;
};

std::vector<Taint> parseTaints(const Json& taints);
std::vector<Toleration> parseTolerations(const Json& tolerations);

// Toleration.ToleratesTaint: an empty effect matches every effect, an empty key (with Exists)
// every key; Equal compares values, Exists ignores them; any other operator never matches.
bool toleratesTaint(const Toleration& t, const Taint& taint);
bool tolerationsTolerateTaint(const std::vector<Toleration>& tolerations, const Taint& taint);

// The first NoSchedule/NoExecute taint (in the node's order) that no toleration tolerates
// (FindMatchingUntoleratedTaint with DoNotScheduleTaintsFilterFunc).
std::optional<Taint> findUntoleratedDoNotScheduleTaint(const std::vector<Taint>& taints,
                                                       const std::vector<Toleration>& tolerations);

}  // namespace kp::scheduler::framework
