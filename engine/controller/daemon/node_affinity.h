// Whether a pod's required node placement (spec.nodeSelector and the required node affinity)
// admits a node, as the DaemonSet controller checks before creating a daemon pod there.
// Upstream: component-helpers scheduling/corev1/nodeaffinity (GetRequiredNodeAffinity, Match),
// scheduling/corev1/helpers.go (MatchNodeSelectorTerms).
#pragma once
#include "base/json.h"

namespace kp::daemon {

// One node selector requirement against the node's labels (matchExpressions): In, NotIn
// (also true without the label), Exists, DoesNotExist, Gt, Lt (integer compare). An unknown
// operator or malformed values never match.
bool matchesLabelRequirement(const Json& requirement, const Json& nodeLabels);
// One requirement against the node's fields (matchFields): only metadata.name with In / NotIn.
bool matchesFieldRequirement(const Json& requirement, const Json& node);
// A NodeSelector ({nodeSelectorTerms: [...]}): any term whose requirements all match; a term
// with no requirements matches nothing.
bool matchesNodeSelector(const Json& nodeSelector, const Json& node);
// spec.nodeSelector (every label equal) and
// spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.
bool requiredNodeAffinityMatches(const Json& podSpec, const Json& node);

}  // namespace kp::daemon
