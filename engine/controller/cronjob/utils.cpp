#include "controller/cronjob/utils.h"

#include "api/owner_refs.h"

namespace kp::cronjob {
namespace {

constexpr Duration kNextScheduleDelta = Duration::millis(100);

Time timeAt(const Json& obj, std::string_view path) {
    auto t = parseRFC3339(stringAt(obj, path));
    return t ? *t : Time{};
}

}  // namespace

// Upstream: utils.go#mostRecentScheduleTime
MostRecent mostRecentScheduleTime(const Json& cj, Time now, const CronSchedule& schedule, bool includeStartingDeadlineSeconds) {
    MostRecent r;
    r.earliest = timeAt(cj, "metadata.creationTimestamp");
    if (auto last = parseRFC3339(stringAt(cj, "status.lastScheduleTime")))
        r.earliest = *last;
    const Json* deadline = findPath(cj, "spec.startingDeadlineSeconds");
    if (includeStartingDeadlineSeconds && deadline && deadline->is_number_integer()) {
        // Nothing before this point is scheduled any more.
        const Time schedulingDeadline = now - Duration::seconds(deadline->get<int64_t>());
        if (schedulingDeadline > r.earliest)
            r.earliest = schedulingDeadline;
    }
    const Time t1 = schedule.next(r.earliest);
    const Time t2 = schedule.next(t1);
    if (!t1.isZero() && now < t1)
        return r;
    if (!t2.isZero() && now < t2) {
        r.mostRecent = t1;
        return r;
    }
    // "59 23 31 2 *" parses but never fires (no activation: zero times).
    const int64_t between = t1.isZero() || t2.isZero() ? 0 : ((t2 - t1).ms + 500) / 1000;
    if (between < 1) {
        r.error = "time difference between two schedules is less than 1 second";
        return r;
    }
    // A rough count of the activations between t1 and now, then the exact latest one from a
    // little before it (irregular schedules like "30 6-16/4 * * 1-5" need the cron library).
    const int64_t elapsed = (now - t1).ms / 1000;
    const int64_t missed = elapsed / between + 1;
    const Time potentialEarliest = t1 + Duration::seconds((missed - 1 - 1) * between);
    std::optional<Time> latest;
    for (Time t = schedule.next(potentialEarliest); !t.isZero() && t <= now; t = schedule.next(t))
        latest = t;
    if (missed > 100)
        r.missed = MissedSchedules::Many;
    else if (missed > 0)
        r.missed = MissedSchedules::Few;
    r.mostRecent = latest;
    return r;
}

// Upstream: utils.go#nextScheduleTimeDuration
Duration nextScheduleTimeDuration(const Json& cj, Time now, const CronSchedule& schedule) {
    MostRecent r = mostRecentScheduleTime(cj, now, schedule, false);
    Time from = now;
    if (r.error.empty()) {
        if (r.mostRecent)
            from = *r.mostRecent;
        else if (r.missed == MissedSchedules::None)
            from = r.earliest;
    }
    return (schedule.next(from) + kNextScheduleDelta) - now;
}

std::string jobName(const Json& cj, Time scheduledTime) {
    const int64_t seconds = scheduledTime.ms >= 0 ? scheduledTime.ms / 1000 : (scheduledTime.ms - 999) / 1000;
    return stringAt(cj, "metadata.name") + "-" + std::to_string(seconds / 60);
}

// Upstream: utils.go#getJobFromTemplate2
Json jobFromTemplate(const Json& cj, Time scheduledTime, const TimeZone& zone) {
    const Json tmpl = cj.value("spec", Json::object()).value("jobTemplate", Json::object());
    const Json tmeta = tmpl.value("metadata", Json::object());
    Json labels = tmeta.value("labels", Json::object());
    Json annotations = tmeta.value("annotations", Json::object());
    annotations["batch.kubernetes.io/cronjob-scheduled-timestamp"] = formatRFC3339In(scheduledTime, zone);
    Json meta = {{"name", jobName(cj, scheduledTime)},
                 {"namespace", stringAt(cj, "metadata.namespace")},
                 {"annotations", annotations},
                 {"ownerReferences", Json::array({owner::newControllerRef(cj)})}};
    if (!labels.empty())
        meta["labels"] = labels;
    return Json{{"apiVersion", "batch/v1"}, {"kind", "Job"}, {"metadata", meta}, {"spec", tmpl.value("spec", Json::object())}};
}

bool inActiveList(const Json& cj, const std::string& uid) {
    const Json* active = findPath(cj, "status.active");
    if (!active || !active->is_array())
        return false;
    for (const Json& ref : *active)
        if (ref.value("uid", "") == uid)
            return true;
    return false;
}

bool inActiveListByName(const Json& cj, const std::string& ns, const std::string& name) {
    const Json* active = findPath(cj, "status.active");
    if (!active || !active->is_array())
        return false;
    for (const Json& ref : *active)
        if (ref.value("name", "") == name && ref.value("namespace", "") == ns)
            return true;
    return false;
}

void deleteFromActiveList(Json& cj, const std::string& uid) {
    Json* active = cj.contains("status") ? &cj["status"] : nullptr;
    if (!active || !active->contains("active") || !(*active)["active"].is_array())
        return;
    Json kept = Json::array();
    for (const Json& ref : (*active)["active"])
        if (ref.value("uid", "") != uid)
            kept.push_back(ref);
    // An empty list is omitted (omitempty).
    if (kept.empty())
        active->erase("active");
    else
        (*active)["active"] = kept;
}

bool jobStartedBefore(const Json& a, const Json& b) {
    auto sa = parseRFC3339(stringAt(a, "status.startTime"));
    auto sb = parseRFC3339(stringAt(b, "status.startTime"));
    if (!sa && sb)
        return false;
    if (sa && !sb)
        return true;
    if ((!sa && !sb) || *sa == *sb)
        return stringAt(a, "metadata.name") < stringAt(b, "metadata.name");
    return *sa < *sb;
}

}  // namespace kp::cronjob
