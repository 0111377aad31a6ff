// Virtual time printed the way programs inside containers print it: the `date` command
// ("Wed Jan 15 10:00:00 UTC 2025", `date +%Y-%m-%d`), nginx's error log ("2025/01/15 10:00:00")
// and access log ("15/Jan/2025:10:00:00 +0000"). Containers run in UTC.
#pragma once
#include <string>
#include <string_view>

#include "base/time.h"

namespace kp::runtime {

// strftime with the conversions scripts use: %Y %m %d %H %M %S %y %e %j %a %A %b %B %h %p %s %Z %z
// %T %D %F %R %c %n %t %%. Unknown conversions print as written.
std::string formatTime(Time t, std::string_view format);

// `date` with no format: "Wed Jan 15 10:00:00 UTC 2025".
inline std::string dateText(Time t) { return formatTime(t, "%a %b %e %H:%M:%S %Z %Y"); }

}  // namespace kp::runtime
