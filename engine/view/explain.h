// explain(): everything the inspector shows about one object, computed on demand when the learner
// clicks it: its YAML (managedFields hidden, as kubectl does without --show-managed-fields), its
// conditions, its owner chain, the events about it, and "why":
//  - for a pod, the scheduler's last attempt: per node, the filter plugin that rejected it and
//    the plugin's reason, or its score;
//  - for a pod or a Service, why each endpoint is (not) ready.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "view/cluster_view.h"

namespace kp::view {

struct ConditionView {
    std::string type;
    std::string status;
    std::string reason;
    std::string message;
    std::string lastTransitionTime;
};

// One node in a scheduling attempt.
struct NodeVerdict {
    std::string node;
    bool passed = false;     // passed every filter plugin
    std::string plugin;      // the filter plugin that rejected it
    std::string reason;      // that plugin's reasons
    bool scored = false;
    int64_t score = 0;       // sum of normalized * weight
    bool selected = false;
};

struct SchedulingExplanation {
    Time time;
    int attempt = 0;
    std::string result;        // Scheduled, Unschedulable, Error, Skipped
    std::string selectedNode;
    std::string message;       // the Scheduled / FailedScheduling event message
    std::string preFilterPlugin;
    std::string preemption;
    std::vector<NodeVerdict> nodes;  // in evaluation order
};

// Why a pod is, or is not, a ready endpoint of a Service.
struct EndpointExplanation {
    std::string service;  // Service name (in the pod's namespace)
    std::string pod;
    bool listed = false;  // the pod is in the Service's EndpointSlices
    bool ready = false;
    std::string why;      // one sentence
};

struct Explanation {
    bool found = false;
    std::string kind;     // "Pod"
    std::string resource; // "pods"
    std::string namespace_;
    std::string name;
    std::string yaml;
    std::vector<ConditionView> conditions;
    std::vector<OwnerRef> owners;     // nearest first
    std::vector<EventView> events;    // oldest first
    std::optional<SchedulingExplanation> scheduling;  // pods the scheduler has tried
    std::vector<EndpointExplanation> endpoints;       // pods (per Service) and Services (per pod)
};

// `kind` is anything kubectl accepts as a resource name: "pod", "pods", "po", "Service",
// "deployments.apps". `ns` is ignored for cluster-scoped kinds.
Explanation explain(const Cluster& cluster, const std::string& kind, const std::string& ns, const std::string& name);

// Why `pod` is (not) a ready endpoint of `service`, in one sentence.
EndpointExplanation explainEndpoint(const Cluster& cluster, const Json& service, const Json& pod);

Json toJson(const Explanation& e);

}  // namespace kp::view
