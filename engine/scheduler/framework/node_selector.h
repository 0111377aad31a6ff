// Node selection terms as component-helpers scheduling/corev1/nodeaffinity parses them:
// spec.nodeSelector plus requiredDuringSchedulingIgnoredDuringExecution (RequiredNodeAffinity),
// and the weighted preferredDuringSchedulingIgnoredDuringExecution terms (PreferredSchedulingTerms).
//
// Rules a learner meets:
//  - terms are ORed, the requirements inside a term ANDed; a term with no requirements matches
//    nothing;
//  - matchExpressions use In, NotIn, Exists, DoesNotExist, Gt, Lt (integer compare) on labels;
//    matchFields only know metadata.name (In/NotIn with one value);
//  - a term whose expressions do not parse keeps only its field part (upstream's lazy errors).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/labels.h"
#include "base/json.h"

namespace kp::scheduler::framework {

struct NodeSelectorTerm {
    std::optional<labels::Selector> matchLabels;  // nullopt: no (valid) expressions
    // metadata.name requirements: (value, in?) pairs, all must hold. `hasFields` false = none.
    bool hasFields = false;
    bool fieldsValid = true;
    std::vector<std::pair<std::string, bool>> nameRequirements;

    bool matches(const labels::Set& nodeLabels, const std::string& nodeName) const;
};

// Parses a NodeSelectorTerm JSON object.
NodeSelectorTerm parseNodeSelectorTerm(const Json& term);

// nodeaffinity.RequiredNodeAffinity: spec.nodeSelector AND any required term.
struct RequiredNodeAffinity {
    std::optional<labels::Selector> nodeSelector;         // from spec.nodeSelector
    std::optional<std::vector<NodeSelectorTerm>> terms;   // from the required node affinity

    bool matches(const labels::Set& nodeLabels, const std::string& nodeName) const;
    bool empty() const { return !nodeSelector && !terms; }
};

RequiredNodeAffinity parseRequiredNodeAffinity(const Json& podSpec);

struct PreferredSchedulingTerm {
    int64_t weight = 0;
    NodeSelectorTerm term;
};

// Terms with weight 0 are dropped, as upstream does.
std::vector<PreferredSchedulingTerm> parsePreferredSchedulingTerms(const Json& podSpec);

}  // namespace kp::scheduler::framework
