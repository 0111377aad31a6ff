#include "controller/job/job_status.h"

namespace kp::job {
namespace {

std::vector<std::string> stringList(const Json& obj, const char* key) {
    std::vector<std::string> out;
    if (!obj.is_object() || !obj.contains(key) || !obj[key].is_array())
        return out;
    for (const Json& v : obj[key])
        if (v.is_string())
            out.push_back(v.get<std::string>());
    return out;
}

std::optional<int> optionalInt(const Json& status, const char* key) {
    if (!status.contains(key) || !status[key].is_number_integer())
        return std::nullopt;
    return status[key].get<int>();
}

void setOrErase(Json& status, const char* key, bool keep, Json value) {
    if (keep)
        status[key] = std::move(value);
    else
        status.erase(key);
}

}  // namespace

JobStatus parseJobStatus(const Json& job) {
    JobStatus s;
    const Json status = job.value("status", Json::object());
    if (!status.is_object())
        return s;
    if (status.contains("conditions") && status["conditions"].is_array())
        s.conditions = status["conditions"];
    s.startTime = status.value("startTime", "");
    s.completionTime = status.value("completionTime", "");
    s.active = status.value("active", 0);
    s.succeeded = status.value("succeeded", 0);
    s.failed = status.value("failed", 0);
    s.terminating = optionalInt(status, "terminating");
    s.ready = optionalInt(status, "ready");
    s.completedIndexes = status.value("completedIndexes", "");
    if (status.contains("failedIndexes") && status["failedIndexes"].is_string())
        s.failedIndexes = status["failedIndexes"].get<std::string>();
    if (status.contains("uncountedTerminatedPods") && status["uncountedTerminatedPods"].is_object()) {
        s.hasUncounted = true;
        s.uncountedSucceeded = stringList(status["uncountedTerminatedPods"], "succeeded");
        s.uncountedFailed = stringList(status["uncountedTerminatedPods"], "failed");
    }
    return s;
}

void writeJobStatus(Json& job, const JobStatus& s) {
    Json& status = job["status"];
    if (!status.is_object())
        status = Json::object();
    setOrErase(status, "conditions", !s.conditions.empty(), s.conditions);
    setOrErase(status, "startTime", !s.startTime.empty(), s.startTime);
    setOrErase(status, "completionTime", !s.completionTime.empty(), s.completionTime);
    setOrErase(status, "active", s.active != 0, s.active);
    setOrErase(status, "succeeded", s.succeeded != 0, s.succeeded);
    setOrErase(status, "failed", s.failed != 0, s.failed);
    setOrErase(status, "terminating", s.terminating.has_value(), s.terminating.value_or(0));
    setOrErase(status, "ready", s.ready.has_value(), s.ready.value_or(0));
    setOrErase(status, "completedIndexes", !s.completedIndexes.empty(), s.completedIndexes);
    setOrErase(status, "failedIndexes", s.failedIndexes.has_value(), s.failedIndexes.value_or(""));
    if (!s.hasUncounted) {
        status.erase("uncountedTerminatedPods");
        return;
    }
    Json uncounted = Json::object();
    if (!s.uncountedSucceeded.empty())
        uncounted["succeeded"] = s.uncountedSucceeded;
    if (!s.uncountedFailed.empty())
        uncounted["failed"] = s.uncountedFailed;
    status["uncountedTerminatedPods"] = uncounted;
}

}  // namespace kp::job
