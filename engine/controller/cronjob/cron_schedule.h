// A CronJob's spec.schedule, parsed the way github.com/robfig/cron/v3 ParseStandard does it, and
// its next activation time.
//   - 5 fields: minute hour day-of-month month day-of-week; each a list of "*", "?", "N",
//     "N-M", "*/S", "N/S" (= N-max/S), "N-M/S"; month and weekday names (jan, mon) in any case;
//   - descriptors @yearly/@annually, @monthly, @weekly, @daily/@midnight, @hourly, @every <dur>;
//   - when both day fields are restricted (neither starts with "*"), a day matches either
//     ("0 0 1 * mon" = the 1st and every Monday); otherwise both must match;
//   - a TZ=<zone> / CRON_TZ=<zone> prefix picks the zone (the controller adds one for
//     spec.timeZone).
// Error texts come from validation::cronScheduleError (the same parser's words).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/time.h"

namespace kp::cronjob {

// A time zone the controller can compute in. SIMPLIFICATION: there is no time zone database:
// UTC and a table of zones without daylight saving time (Asia/Shanghai, Asia/Tokyo, ...) are
// known; any other name is computed as UTC.
struct TimeZone {
    std::string name;    // as given ("" = the controller's local zone, UTC)
    int offsetMinutes = 0;
    bool known = true;
};
TimeZone lookupTimeZone(std::string_view name);
// RFC 3339 in the zone: "2025-01-15T10:01:00Z" (UTC) or "2025-01-15T18:01:00+08:00".
std::string formatRFC3339In(Time t, const TimeZone& zone);

class CronSchedule {
public:
    // ParseStandard. On failure returns nullopt and the parser's message in *error.
    static std::optional<CronSchedule> parseStandard(std::string_view spec, std::string* error);

    // The next activation strictly after `t` (at whole seconds), or a zero Time when none is found
    // within five years (e.g. "0 0 30 2 *").
    Time next(Time t) const;

private:
    Time nextSpec(Time t) const;

    bool every_ = false;
    Duration delay_;
    uint64_t second_ = 0, minute_ = 0, hour_ = 0, dom_ = 0, month_ = 0, dow_ = 0;
    TimeZone zone_;
};

}  // namespace kp::cronjob
