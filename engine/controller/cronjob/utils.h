// The CronJob controller's arithmetic on schedules and its Job naming.
// Upstream: pkg/controller/cronjob/utils.go.
#pragma once
#include <optional>
#include <string>

#include "base/json.h"
#include "base/time.h"
#include "controller/cronjob/cron_schedule.h"

namespace kp::cronjob {

enum class MissedSchedules { None, Few, Many };

struct MostRecent {
    Time earliest;               // lastScheduleTime, or the CronJob's creation
    std::optional<Time> mostRecent;  // the latest schedule time <= now, if any since `earliest`
    MissedSchedules missed = MissedSchedules::None;
    std::string error;           // "time difference between two schedules is less than 1 second"
};

// mostRecentScheduleTime: the latest activation since lastScheduleTime (or creation; or, with
// includeStartingDeadlineSeconds, not before now - startingDeadlineSeconds) that is not after now.
// More than 100 activations in between are "Many" (the TooManyMissedTimes warning).
// Concrete example: "*/1 * * * *", created 10:00:00, now 10:03:30 -> earliest 10:00:00,
// mostRecent 10:03:00, 3 missed (Few).
MostRecent mostRecentScheduleTime(const Json& cj, Time now, const CronSchedule& schedule, bool includeStartingDeadlineSeconds);

// When to sync again: the activation after the most recent one, plus 100 ms (nextScheduleDelta),
// minus now. Concrete example: created 10:00:00 with "*/1 * * * *", now 10:00:00 -> 60.1 s.
Duration nextScheduleTimeDuration(const Json& cj, Time now, const CronSchedule& schedule);

// The Job name for an activation: "<cronjob>-<minutes since the epoch>", e.g. hello-28948921 for
// 2025-01-15T10:01:00Z. The name doubles as a lock against creating the same run twice.
std::string jobName(const Json& cj, Time scheduledTime);

// getJobFromTemplate2: labels and annotations of spec.jobTemplate, the scheduled-timestamp
// annotation (CronJobsScheduledAnnotation), the CronJob as controller, spec.jobTemplate.spec.
Json jobFromTemplate(const Json& cj, Time scheduledTime, const TimeZone& zone);

// Whether status.active lists the job (by uid / by namespace and name).
bool inActiveList(const Json& cj, const std::string& uid);
bool inActiveListByName(const Json& cj, const std::string& ns, const std::string& name);
void deleteFromActiveList(Json& cj, const std::string& uid);

// byJobStartTime: jobs with a startTime first, oldest first, then by name.
bool jobStartedBefore(const Json& a, const Json& b);

}  // namespace kp::cronjob
