// Upstream: github.com/robfig/cron/v3 parser.go (Parse, getField, getRange, parseDescriptor),
// spec.go (SpecSchedule.Next, dayMatches), constantdelay.go (Every).
#include "controller/cronjob/cron_schedule.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <vector>

#include "apiserver/validation/cron_schedule.h"

namespace kp::cronjob {
namespace {

constexpr uint64_t kStarBit = uint64_t(1) << 63;

struct Bounds {
    unsigned min, max;
    const std::map<std::string, unsigned>* names;
};
const std::map<std::string, unsigned> kMonthNames = {{"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"may", 5}, {"jun", 6},
                                                     {"jul", 7}, {"aug", 8}, {"sep", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12}};
const std::map<std::string, unsigned> kDayNames = {{"sun", 0}, {"mon", 1}, {"tue", 2}, {"wed", 3}, {"thu", 4}, {"fri", 5}, {"sat", 6}};
const Bounds kSeconds{0, 59, nullptr}, kMinutes{0, 59, nullptr}, kHours{0, 23, nullptr}, kDom{1, 31, nullptr},
    kMonths{1, 12, &kMonthNames}, kDow{0, 6, &kDayNames};

// [SECTION] civil time (proleptic Gregorian, seconds since the epoch)

struct Civil {
    int64_t year;
    int month, day, hour, minute, second;
};

int64_t daysFromCivil(int64_t y, int m, int d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Civil civilFromSeconds(int64_t s) {
    int64_t days = s / 86400, rem = s % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    const int64_t z = days + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return Civil{yoe + era * 400 + (m <= 2), m, d, static_cast<int>(rem / 3600), static_cast<int>(rem % 3600 / 60),
                 static_cast<int>(rem % 60)};
}

// time.Date: normalises month overflow.
int64_t secondsFromCivil(int64_t y, int m, int d, int hh, int mm, int ss) {
    y += (m - 1) / 12;
    m = (m - 1) % 12 + 1;
    return daysFromCivil(y, m, 1) * 86400 + int64_t(d - 1) * 86400 + hh * 3600 + mm * 60 + ss;
}

int weekday(int64_t s) {  // 0 = Sunday; 1970-01-01 was a Thursday
    int64_t days = s / 86400;
    if (s % 86400 < 0)
        --days;
    return static_cast<int>(((days % 7) + 7 + 4) % 7);
}

// [SECTION] parsing (the spec is known to be valid: cronScheduleError said so)

unsigned intOrName(const std::string& expr, const Bounds& r) {
    if (r.names) {
        std::string lower = expr;
        for (char& c : lower)
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
        if (auto it = r.names->find(lower); it != r.names->end())
            return it->second;
    }
    return static_cast<unsigned>(std::stoul(expr));
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    for (;;) {
        const size_t pos = s.find(sep, start);
        out.push_back(s.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
        if (pos == std::string::npos)
            return out;
        start = pos + 1;
    }
}

uint64_t bits(unsigned min, unsigned max, unsigned step) {
    uint64_t b = 0;
    for (unsigned i = min; i <= max; i += step)
        b |= uint64_t(1) << i;
    return b;
}

uint64_t rangeBits(const std::string& expr, const Bounds& r) {
    const std::vector<std::string> rangeAndStep = split(expr, '/');
    const std::vector<std::string> lowAndHigh = split(rangeAndStep[0], '-');
    unsigned start = 0, end = 0, step = 1;
    uint64_t extra = 0;
    if (lowAndHigh[0] == "*" || lowAndHigh[0] == "?") {
        start = r.min;
        end = r.max;
        extra = kStarBit;
    } else {
        start = intOrName(lowAndHigh[0], r);
        end = lowAndHigh.size() == 2 ? intOrName(lowAndHigh[1], r) : start;
    }
    if (rangeAndStep.size() == 2) {
        step = static_cast<unsigned>(std::stoul(rangeAndStep[1]));
        if (lowAndHigh.size() == 1)
            end = r.max;
        if (step > 1)
            extra = 0;  // "*/5" restricts the field
    }
    return bits(start, end, step) | extra;
}

uint64_t fieldBits(const std::string& field, const Bounds& r) {
    uint64_t b = 0;
    for (const std::string& expr : split(field, ','))
        if (!expr.empty())
            b |= rangeBits(expr, r);
    return b;
}

uint64_t all(const Bounds& r) { return bits(r.min, r.max, 1) | kStarBit; }

std::vector<std::string> fieldsOf(const std::string& s) {
    std::vector<std::string> out;
    size_t i = 0;
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
    while (i < s.size()) {
        while (i < s.size() && space(s[i]))
            ++i;
        const size_t start = i;
        while (i < s.size() && !space(s[i]))
            ++i;
        if (i > start)
            out.push_back(s.substr(start, i - start));
    }
    return out;
}

// time.ParseDuration (already validated) in milliseconds.
int64_t parseGoDurationMs(std::string s) {
    bool negative = false;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        s.erase(0, 1);
    }
    double totalNs = 0;
    size_t i = 0;
    while (i < s.size()) {
        size_t j = i;
        while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.'))
            ++j;
        const double value = j > i ? std::stod(s.substr(i, j - i)) : 0;
        size_t k = j;
        while (k < s.size() && !((s[k] >= '0' && s[k] <= '9') || s[k] == '.'))
            ++k;
        const std::string unit = s.substr(j, k - j);
        double scale = 0;
        if (unit == "ns")
            scale = 1;
        else if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs")
            scale = 1e3;
        else if (unit == "ms")
            scale = 1e6;
        else if (unit == "s")
            scale = 1e9;
        else if (unit == "m")
            scale = 60e9;
        else if (unit == "h")
            scale = 3600e9;
        totalNs += value * scale;
        i = k;
    }
    const int64_t ms = static_cast<int64_t>(totalNs / 1e6);
    return negative ? -ms : ms;
}

}  // namespace

TimeZone lookupTimeZone(std::string_view name) {
    static const std::map<std::string, int, std::less<>> kFixed = {
        {"", 0}, {"UTC", 0}, {"Local", 0}, {"Etc/UTC", 0}, {"Etc/UCT", 0}, {"UCT", 0}, {"GMT", 0}, {"Etc/GMT", 0},
        {"Etc/Greenwich", 0}, {"Zulu", 0}, {"Etc/Zulu", 0}, {"Asia/Shanghai", 480}, {"Asia/Chongqing", 480},
        {"Asia/Harbin", 480}, {"Asia/Urumqi", 360}, {"PRC", 480}, {"Asia/Hong_Kong", 480}, {"Asia/Macau", 480},
        {"Asia/Taipei", 480}, {"Asia/Singapore", 480}, {"Asia/Kuala_Lumpur", 480}, {"Asia/Manila", 480},
        {"Asia/Tokyo", 540}, {"Asia/Seoul", 540}, {"Asia/Kolkata", 330}, {"Asia/Calcutta", 330}, {"Asia/Dubai", 240},
        {"Asia/Jakarta", 420}, {"Asia/Bangkok", 420}, {"Asia/Ho_Chi_Minh", 420}};
    TimeZone z;
    z.name = std::string(name);
    if (auto it = kFixed.find(name); it != kFixed.end()) {
        z.offsetMinutes = it->second;
        return z;
    }
    // Etc/GMT+N is N hours *behind* UTC (POSIX sign).
    if (name.rfind("Etc/GMT", 0) == 0 && name.size() > 8 && (name[7] == '+' || name[7] == '-')) {
        const int hours = std::atoi(std::string(name.substr(8)).c_str());
        if (hours >= 0 && hours <= 14) {
            z.offsetMinutes = (name[7] == '+' ? -hours : hours) * 60;
            return z;
        }
    }
    z.known = false;
    return z;
}

std::string formatRFC3339In(Time t, const TimeZone& zone) {
    if (zone.offsetMinutes == 0)
        return formatRFC3339(t);
    std::string local = formatRFC3339(t + Duration::minutes(zone.offsetMinutes));
    local.pop_back();  // the "Z"
    const int off = zone.offsetMinutes < 0 ? -zone.offsetMinutes : zone.offsetMinutes;
    char buf[8];
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", zone.offsetMinutes < 0 ? '-' : '+', off / 60, off % 60);
    return local + buf;
}

std::optional<CronSchedule> CronSchedule::parseStandard(std::string_view specView, std::string* error) {
    if (std::string e = validation::cronScheduleError(specView); !e.empty()) {
        if (error)
            *error = e;
        return std::nullopt;
    }
    CronSchedule s;
    std::string spec(specView);
    if (spec.rfind("TZ=", 0) == 0 || spec.rfind("CRON_TZ=", 0) == 0) {
        const size_t space = spec.find(' ');
        const size_t eq = spec.find('=');
        s.zone_ = lookupTimeZone(spec.substr(eq + 1, space - eq - 1));
        spec = space == std::string::npos ? "" : spec.substr(space + 1);
        while (!spec.empty() && (spec.front() == ' ' || spec.front() == '\t'))
            spec.erase(spec.begin());
        while (!spec.empty() && (spec.back() == ' ' || spec.back() == '\t'))
            spec.pop_back();
    }
    if (!spec.empty() && spec[0] == '@') {
        s.second_ = 1;  // second 0
        s.minute_ = 1;
        s.hour_ = all(kHours);
        s.dom_ = all(kDom);
        s.month_ = all(kMonths);
        s.dow_ = all(kDow);
        if (spec == "@yearly" || spec == "@annually") {
            s.hour_ = 1;
            s.dom_ = 1 << 1;
            s.month_ = 1 << 1;
        } else if (spec == "@monthly") {
            s.hour_ = 1;
            s.dom_ = 1 << 1;
        } else if (spec == "@weekly") {
            s.hour_ = 1;
            s.dow_ = 1;
        } else if (spec == "@daily" || spec == "@midnight") {
            s.hour_ = 1;
        } else if (spec.rfind("@every ", 0) == 0) {
            s.every_ = true;
            int64_t ms = parseGoDurationMs(spec.substr(7));
            if (ms < 1000)
                ms = 1000;
            s.delay_ = Duration::millis(ms - ms % 1000);
        }
        return s;
    }
    const std::vector<std::string> f = fieldsOf(spec);
    s.second_ = 1;
    s.minute_ = fieldBits(f[0], kMinutes);
    s.hour_ = fieldBits(f[1], kHours);
    s.dom_ = fieldBits(f[2], kDom);
    s.month_ = fieldBits(f[3], kMonths);
    s.dow_ = fieldBits(f[4], kDow);
    return s;
}

Time CronSchedule::next(Time t) const {
    if (every_) {
        // ConstantDelaySchedule: from the start of t's second.
        const int64_t second = t.ms >= 0 ? t.ms / 1000 * 1000 : (t.ms - 999) / 1000 * 1000;
        return Time{second} + delay_;
    }
    // Work in the zone's wall clock (no daylight saving: a fixed offset).
    const Duration offset = Duration::minutes(zone_.offsetMinutes);
    const Time local = nextSpec(t + offset);
    return local.isZero() ? local : local - offset;
}

// Upstream: spec.go#SpecSchedule.Next, on whole seconds in a fixed-offset zone.
Time CronSchedule::nextSpec(Time from) const {
    auto matches = [](uint64_t field, int value) { return (field >> value) & 1; };
    auto dayMatches = [&](int64_t s) {
        const Civil c = civilFromSeconds(s);
        const bool domMatch = matches(dom_, c.day), dowMatch = matches(dow_, weekday(s));
        if ((dom_ & kStarBit) || (dow_ & kStarBit))
            return domMatch && dowMatch;
        return domMatch || dowMatch;
    };
    // The earliest candidate is the next whole second.
    int64_t t = (from.ms >= 0 ? from.ms / 1000 : (from.ms - 999) / 1000) + 1;
    bool added = false;
    const int64_t yearLimit = civilFromSeconds(t).year + 5;

wrap:
    if (civilFromSeconds(t).year > yearLimit)
        return Time{};
    while (!matches(month_, civilFromSeconds(t).month)) {
        Civil c = civilFromSeconds(t);
        if (!added) {
            added = true;
            t = secondsFromCivil(c.year, c.month, 1, 0, 0, 0);
            c = civilFromSeconds(t);
        }
        t = secondsFromCivil(c.year, c.month + 1, c.day, c.hour, c.minute, c.second);
        if (civilFromSeconds(t).month == 1)
            goto wrap;
    }
    while (!dayMatches(t)) {
        Civil c = civilFromSeconds(t);
        if (!added) {
            added = true;
            t = secondsFromCivil(c.year, c.month, c.day, 0, 0, 0);
        }
        t += 86400;
        if (civilFromSeconds(t).day == 1)
            goto wrap;
    }
    while (!matches(hour_, civilFromSeconds(t).hour)) {
        if (!added) {
            added = true;
            t -= t % 3600;
        }
        t += 3600;
        if (civilFromSeconds(t).hour == 0)
            goto wrap;
    }
    while (!matches(minute_, civilFromSeconds(t).minute)) {
        if (!added) {
            added = true;
            t -= t % 60;
        }
        t += 60;
        if (civilFromSeconds(t).minute == 0)
            goto wrap;
    }
    while (!matches(second_, civilFromSeconds(t).second)) {
        added = true;
        t += 1;
        if (civilFromSeconds(t).second == 0)
            goto wrap;
    }
    return Time{t * 1000};
}

}  // namespace kp::cronjob
