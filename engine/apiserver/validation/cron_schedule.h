// The CronJob schedule parser's error messages: Kubernetes validates spec.schedule with
// github.com/robfig/cron/v3 ParseStandard (5 fields, or a descriptor like "@hourly" or
// "@every 1h30m") and shows its error text:
//   spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]
#pragma once
#include <string>
#include <string_view>

namespace kp::validation {

// Returns "" when the schedule parses, otherwise the parser's error message.
// SIMPLIFICATION: a TZ=/CRON_TZ= prefix accepts any zone name (there is no time zone database).
std::string cronScheduleError(std::string_view spec);

// Go's time.ParseDuration error for `s`, or "" when it parses ("1h30m", "90s", "1.5h").
std::string goDurationError(std::string_view s);

}  // namespace kp::validation
