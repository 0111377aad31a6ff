#include "controller/job/job_util.h"

#include <algorithm>

#include "api/pod_util.h"

namespace kp::job {
namespace {

// A timestamp field as virtual time; zero when absent or malformed.
Time timeAt(const Json& obj, std::string_view path) {
    auto t = parseRFC3339(stringAt(obj, path));
    return t ? *t : Time{};
}

Time readyTime(const Json& pod) {
    const Json* c = pod::condition(pod, "Ready");
    if (!c)
        return {};
    auto t = parseRFC3339(c->value("lastTransitionTime", ""));
    return t ? *t : Time{};
}

int64_t maxContainerRestarts(const Json& pod) {
    int64_t most = 0;
    if (const Json* statuses = findPath(pod, "status.containerStatuses"); statuses && statuses->is_array())
        for (const Json& s : *statuses)
            most = std::max<int64_t>(most, s.value("restartCount", 0));
    return most;
}

// afterOrZero: a zero time counts as the latest.
bool afterOrZero(Time a, Time b) {
    if (a.isZero() || b.isZero())
        return a.isZero();
    return a > b;
}

int phaseOrdinal(const std::string& phase) {
    if (phase == "Pending")
        return 0;
    if (phase == "Unknown")
        return 1;
    if (phase == "Running")
        return 2;
    return 0;  // upstream's map lookup yields 0 for anything else
}

}  // namespace

const Json* findCondition(const Json& job, std::string_view type) {
    const Json* conds = findPath(job, "status.conditions");
    if (!conds || !conds->is_array())
        return nullptr;
    for (const Json& c : *conds)
        if (c.is_object() && c.value("type", "") == type)
            return &c;
    return nullptr;
}

bool isJobFinished(const Json& job, std::string* type) {
    const Json* conds = findPath(job, "status.conditions");
    if (!conds || !conds->is_array())
        return false;
    for (const Json& c : *conds) {
        if (!c.is_object() || c.value("status", "") != "True")
            continue;
        const std::string t = c.value("type", "");
        if (t == kJobComplete || t == kJobFailed) {
            if (type)
                *type = t;
            return true;
        }
    }
    return false;
}

bool isJobSucceeded(const Json& job) {
    std::string type;
    return isJobFinished(job, &type) && type == kJobComplete;
}

std::optional<Time> jobFinishTime(const Json& job) {
    const Json* conds = findPath(job, "status.conditions");
    if (!conds || !conds->is_array())
        return std::nullopt;
    for (const Json& c : *conds) {
        if (!c.is_object() || c.value("status", "") != "True")
            continue;
        const std::string t = c.value("type", "");
        if (t != kJobComplete && t != kJobFailed)
            continue;
        return parseRFC3339(c.value("lastTransitionTime", ""));
    }
    return std::nullopt;
}

Json newCondition(std::string_view type, std::string_view status, std::string_view reason,
                  std::string_view message, Time now) {
    Json c = {{"type", type},
              {"status", status},
              {"lastProbeTime", formatRFC3339(now)},
              {"lastTransitionTime", formatRFC3339(now)}};
    if (!reason.empty())
        c["reason"] = reason;
    if (!message.empty())
        c["message"] = message;
    return c;
}

// Upstream: job_controller.go#ensureJobConditionStatus
bool ensureJobConditionStatus(Json& conditions, std::string_view type, std::string_view status,
                              std::string_view reason, std::string_view message, Time now) {
    if (!conditions.is_array())
        conditions = Json::array();
    for (Json& c : conditions) {
        if (!c.is_object() || c.value("type", "") != type)
            continue;
        if (c.value("status", "") != status || c.value("reason", "") != reason || c.value("message", "") != message) {
            c = newCondition(type, status, reason, message, now);
            return true;
        }
        return false;
    }
    // Going from no condition to a False one says nothing.
    if (status == "False")
        return false;
    conditions.push_back(newCondition(type, status, reason, message, now));
    return true;
}

bool hasJobTrackingFinalizer(const Json& pod) {
    const Json* fins = findPath(pod, "metadata.finalizers");
    if (!fins || !fins->is_array())
        return false;
    return std::any_of(fins->begin(), fins->end(), [](const Json& f) { return f == kJobTrackingFinalizer; });
}

std::string removeTrackingFinalizerPatch(const Json& pod) {
    if (!hasJobTrackingFinalizer(pod))
        return "";
    return Json{{"metadata", {{"$deleteFromPrimitiveList/finalizers", Json::array({kJobTrackingFinalizer})}}}}.dump();
}

bool managedByExternalController(const Json& job) {
    const Json* m = findPath(job, "spec.managedBy");
    return m && m->is_string() && m->get<std::string>() != kJobControllerName;
}

bool jobSuspended(const Json& job) { return boolAt(job, "spec.suspend"); }

bool isIndexedJob(const Json& job) { return stringAt(job, "spec.completionMode") == "Indexed"; }

bool onlyReplaceFailedPods(const Json& job) {
    if (stringAt(job, "spec.podReplacementPolicy") == "Failed")
        return true;
    const Json* pfp = findPath(job, "spec.podFailurePolicy");
    return pfp && !pfp->is_null();
}

bool isPodFailed(const Json& pod, const Json& job) {
    const std::string phase = stringAt(pod, "status.phase");
    if (phase == "Failed")
        return true;
    if (onlyReplaceFailedPods(job))
        return false;
    return pod::isTerminating(pod) && phase != "Succeeded";
}

bool isPodTerminating(const Json& pod) { return !pod::isTerminal(pod) && pod::isTerminating(pod); }

// Upstream: controller_utils.go#ActivePods.Less
bool activePodLess(const Json& a, const Json& b) {
    const std::string nodeA = stringAt(a, "spec.nodeName"), nodeB = stringAt(b, "spec.nodeName");
    if (nodeA != nodeB && (nodeA.empty() || nodeB.empty()))
        return nodeA.empty();
    const int phaseA = phaseOrdinal(stringAt(a, "status.phase")), phaseB = phaseOrdinal(stringAt(b, "status.phase"));
    if (phaseA != phaseB)
        return phaseA < phaseB;
    const bool readyA = pod::isReady(a), readyB = pod::isReady(b);
    if (readyA != readyB)
        return !readyA;
    if (readyA && readyB) {
        const Time ta = readyTime(a), tb = readyTime(b);
        if (ta != tb)
            return afterOrZero(ta, tb);
    }
    const int64_t restartsA = maxContainerRestarts(a), restartsB = maxContainerRestarts(b);
    if (restartsA != restartsB)
        return restartsA > restartsB;
    const Time createdA = timeAt(a, "metadata.creationTimestamp"), createdB = timeAt(b, "metadata.creationTimestamp");
    if (createdA != createdB)
        return afterOrZero(createdA, createdB);
    return stringAt(a, "metadata.name") < stringAt(b, "metadata.name");
}

bool isNamespaceTerminating(const Status& s) {
    const std::string suffix = "because it is being terminated";
    const std::string& m = s.message();
    return m.size() >= suffix.size() && m.compare(m.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace kp::job
