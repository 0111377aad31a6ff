#include "controller/job/pod_failure_policy.h"

#include <vector>

namespace kp::job {
namespace {

bool exitCodeMatches(int64_t code, const Json& req) {
    const std::string op = req.value("operator", "");
    const Json values = req.value("values", Json::array());
    bool listed = false;
    for (const Json& v : values)
        if (v.is_number_integer() && v.get<int64_t>() == code)
            listed = true;
    if (op == "In")
        return listed;
    if (op == "NotIn")
        return !listed;
    return false;
}

// The first terminated container of `list` whose non-zero exit code matches.
const Json* matchingContainer(const Json& pod, const char* list, const Json& req) {
    const Json* statuses = findPath(pod, std::string("status.") + list);
    if (!statuses || !statuses->is_array())
        return nullptr;
    const std::string wanted = req.value("containerName", "");
    for (const Json& s : *statuses) {
        const Json* terminated = findPath(s, "state.terminated");
        if (!terminated || !terminated->is_object())
            continue;  // still running or waiting: no exit code yet
        if (!wanted.empty() && s.value("name", "") != wanted)
            continue;
        const int64_t code = terminated->value("exitCode", 0);
        if (code != 0 && exitCodeMatches(code, req))
            return &s;
    }
    return nullptr;
}

const Json* matchingCondition(const Json& pod, const Json& patterns) {
    const Json* conds = findPath(pod, "status.conditions");
    if (!conds || !conds->is_array() || !patterns.is_array())
        return nullptr;
    for (const Json& c : *conds)
        for (const Json& p : patterns)
            if (c.value("type", "") == p.value("type", "") && c.value("status", "") == p.value("status", ""))
                return &c;
    return nullptr;
}

}  // namespace

// Upstream: pod_failure_policy.go#matchPodFailurePolicy
PodFailurePolicyMatch matchPodFailurePolicy(const Json* podFailurePolicy, const Json& failedPod) {
    PodFailurePolicyMatch m;
    if (!podFailurePolicy || !podFailurePolicy->is_object())
        return m;
    const Json rules = podFailurePolicy->value("rules", Json::array());
    const std::string ns = stringAt(failedPod, "metadata.namespace"), name = stringAt(failedPod, "metadata.name");
    int index = 0;
    for (const Json& rule : rules) {
        const std::string action = rule.value("action", "");
        std::string failMessage;
        bool matched = false;
        if (rule.contains("onExitCodes") && rule["onExitCodes"].is_object()) {
            const Json* c = matchingContainer(failedPod, "containerStatuses", rule["onExitCodes"]);
            if (!c)
                c = matchingContainer(failedPod, "initContainerStatuses", rule["onExitCodes"]);
            if (c) {
                matched = true;
                failMessage = "Container " + c->value("name", "") + " for pod " + ns + "/" + name +
                              " failed with exit code " + std::to_string((*c)["state"]["terminated"].value("exitCode", 0)) +
                              " matching " + action + " rule at index " + std::to_string(index);
            }
        } else if (rule.contains("onPodConditions")) {
            if (const Json* cond = matchingCondition(failedPod, rule["onPodConditions"])) {
                matched = true;
                failMessage = "Pod " + ns + "/" + name + " has condition " + cond->value("type", "") + " matching " +
                              action + " rule at index " + std::to_string(index);
            }
        }
        ++index;
        if (!matched)
            continue;
        if (action == "Ignore") {
            m.countFailed = false;
            m.action = action;
            return m;
        }
        if (action == "FailIndex" || action == "Count") {
            m.action = action;
            return m;
        }
        if (action == "FailJob") {
            m.failJobMessage = failMessage;
            m.action = action;
            return m;
        }
        // An unknown action matches nothing (upstream's switch falls through to the next rule).
    }
    return m;
}

std::optional<std::string> failJobMessage(const Json& job, const std::vector<const Json*>& failedPods) {
    const Json* pfp = findPath(job, "spec.podFailurePolicy");
    if (!pfp || pfp->is_null())
        return std::nullopt;
    for (const Json* p : failedPods)
        if (auto m = matchPodFailurePolicy(pfp, *p).failJobMessage)
            return m;
    return std::nullopt;
}

}  // namespace kp::job
