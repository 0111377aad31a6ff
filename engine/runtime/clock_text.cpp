#include "runtime/clock_text.h"

#include <cstdio>

namespace kp::runtime {
namespace {

struct Civil {
    long long year;
    int month, day, hour, minute, second, weekday, yearDay;
};

// Days-to-civil conversion (Howard Hinnant's public-domain algorithm), UTC.
Civil toCivil(Time t) {
    long long ms = t.ms;
    long long days = ms >= 0 ? ms / 86'400'000 : -((-ms + 86'399'999) / 86'400'000);
    long long rem = ms - days * 86'400'000;
    Civil c{};
    c.hour = static_cast<int>(rem / 3'600'000);
    c.minute = static_cast<int>(rem / 60'000 % 60);
    c.second = static_cast<int>(rem / 1000 % 60);
    c.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
    long long z = days + 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    c.year = static_cast<long long>(yoe) + era * 400 + (c.month <= 2);
    static const int cumulative[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    bool leap = (c.year % 4 == 0 && c.year % 100 != 0) || c.year % 400 == 0;
    c.yearDay = cumulative[c.month - 1] + c.day + (leap && c.month > 2 ? 1 : 0);
    return c;
}

const char* const kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};

}  // namespace

std::string formatTime(Time t, std::string_view format) {
    Civil c = toCivil(t);
    std::string out;
    char buf[32];
    auto num = [&](const char* fmt, long long v) {
        std::snprintf(buf, sizeof buf, fmt, v);
        out += buf;
    };
    for (size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%' || i + 1 == format.size()) {
            out += format[i];
            continue;
        }
        char f = format[++i];
        switch (f) {
        case 'Y': num("%lld", c.year); break;
        case 'y': num("%02lld", c.year % 100); break;
        case 'm': num("%02lld", c.month); break;
        case 'd': num("%02lld", c.day); break;
        case 'e': num("%2lld", c.day); break;
        case 'H': num("%02lld", c.hour); break;
        case 'I': num("%02lld", (c.hour + 11) % 12 + 1); break;
        case 'M': num("%02lld", c.minute); break;
        case 'S': num("%02lld", c.second); break;
        case 'j': num("%03lld", c.yearDay); break;
        case 'a': out += std::string(kDays[c.weekday]).substr(0, 3); break;
        case 'A': out += kDays[c.weekday]; break;
        case 'b':
        case 'h': out += std::string(kMonths[c.month - 1]).substr(0, 3); break;
        case 'B': out += kMonths[c.month - 1]; break;
        case 'p': out += c.hour < 12 ? "AM" : "PM"; break;
        case 's': num("%lld", (t.ms >= 0 ? t.ms : t.ms - 999) / 1000); break;
        case 'N': num("%09lld", (t.ms % 1000 + 1000) % 1000 * 1000000); break;
        case 'Z': out += "UTC"; break;
        case 'z': out += "+0000"; break;
        case 'T': out += formatTime(t, "%H:%M:%S"); break;
        case 'D': out += formatTime(t, "%m/%d/%y"); break;
        case 'F': out += formatTime(t, "%Y-%m-%d"); break;
        case 'R': out += formatTime(t, "%H:%M"); break;
        case 'c': out += formatTime(t, "%a %b %e %H:%M:%S %Y"); break;
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case '%': out += '%'; break;
        default:
            out += '%';
            out += f;
        }
    }
    return out;
}

}  // namespace kp::runtime
