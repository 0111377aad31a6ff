#include "base/time.h"

#include <cstdio>

namespace kp {
namespace {

// Howard Hinnant's days-from-civil algorithm (public domain arithmetic).
int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Civil {
    int64_t year;
    unsigned month, day, hour, minute, second, millis, weekday;
};

Civil toCivil(Time t) {
    int64_t ms = t.ms;
    int64_t days = ms >= 0 ? ms / 86'400'000 : -((-ms + 86'399'999) / 86'400'000);
    int64_t rem = ms - days * 86'400'000;
    Civil c{};
    c.hour = static_cast<unsigned>(rem / 3'600'000);
    c.minute = static_cast<unsigned>(rem / 60'000 % 60);
    c.second = static_cast<unsigned>(rem / 1000 % 60);
    c.millis = static_cast<unsigned>(rem % 1000);
    c.weekday = static_cast<unsigned>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday (4)
    int64_t z = days + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    c.day = doy - (153 * mp + 2) / 5 + 1;
    c.month = mp < 10 ? mp + 3 : mp - 9;
    c.year = static_cast<int64_t>(yoe) + era * 400 + (c.month <= 2);
    return c;
}

// Writes v (< 100) as two digits.
void put2(char* p, unsigned v) {
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
}

// "YYYY-MM-DDTHH:MM:SS" into p (19 characters), for years 0-9999. Written by hand: every API
// write stamps one or two of these, and snprintf costs ten times as much.
void putDateTime(char* p, const Civil& c) {
    const unsigned y = static_cast<unsigned>(c.year);
    put2(p, y / 100);
    put2(p + 2, y % 100);
    p[4] = '-';
    put2(p + 5, c.month);
    p[7] = '-';
    put2(p + 8, c.day);
    p[10] = 'T';
    put2(p + 11, c.hour);
    p[13] = ':';
    put2(p + 14, c.minute);
    p[16] = ':';
    put2(p + 17, c.second);
}

bool fourDigitYear(const Civil& c) { return c.year >= 0 && c.year <= 9999; }

}  // namespace

std::string formatRFC3339(Time t) {
    Civil c = toCivil(t);
    if (fourDigitYear(c)) {
        char buf[20];
        putDateTime(buf, c);
        buf[19] = 'Z';
        return std::string(buf, sizeof buf);
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02uZ", static_cast<long long>(c.year), c.month,
                  c.day, c.hour, c.minute, c.second);
    return buf;
}

std::string formatRFC3339Micro(Time t) {
    Civil c = toCivil(t);
    if (fourDigitYear(c)) {
        char buf[27];  // "YYYY-MM-DDTHH:MM:SS.mmm000Z": virtual time has millisecond steps
        putDateTime(buf, c);
        buf[19] = '.';
        buf[20] = static_cast<char>('0' + c.millis / 100);
        put2(buf + 21, c.millis % 100);
        buf[23] = buf[24] = buf[25] = '0';
        buf[26] = 'Z';
        return std::string(buf, sizeof buf);
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02u.%06uZ", static_cast<long long>(c.year), c.month,
                  c.day, c.hour, c.minute, c.second, c.millis * 1000);
    return buf;
}

std::string formatRFC3339Nano(Time t) {
    Civil c = toCivil(t);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02u", static_cast<long long>(c.year), c.month, c.day,
                  c.hour, c.minute, c.second);
    std::string out = buf;
    if (c.millis != 0) {
        char frac[8];
        std::snprintf(frac, sizeof frac, ".%03u", c.millis % 1000u);  // millis < 1000: four characters
        std::string f = frac;
        while (f.back() == '0')
            f.pop_back();
        out += f;
    }
    return out + "Z";
}

std::string formatRFC1123Z(Time t) {
    static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    Civil c = toCivil(t);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s, %02u %s %04lld %02u:%02u:%02u +0000", kDays[c.weekday], c.day,
                  kMonths[c.month - 1], static_cast<long long>(c.year), c.hour, c.minute, c.second);
    return buf;
}

std::optional<Time> parseRFC3339(std::string_view s) {
    auto digits = [&](size_t pos, size_t n, int& out) {
        if (pos + n > s.size())
            return false;
        out = 0;
        for (size_t i = pos; i < pos + n; ++i) {
            if (s[i] < '0' || s[i] > '9')
                return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    int y, mo, d, h, mi, se;
    if (s.size() < 20 || !digits(0, 4, y) || s[4] != '-' || !digits(5, 2, mo) || s[7] != '-' || !digits(8, 2, d) ||
        (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(11, 2, h) || s[13] != ':' || !digits(14, 2, mi) ||
        s[16] != ':' || !digits(17, 2, se))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
        return std::nullopt;
    size_t pos = 19;
    int64_t millis = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int64_t scale = 100;
        size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            millis += (s[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == start)
            return std::nullopt;
    }
    int64_t offsetMinutes = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh, om;
        if (!digits(pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(pos + 4, 2, om))
            return std::nullopt;
        offsetMinutes = (oh * 60 + om) * (s[pos] == '+' ? 1 : -1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size())
        return std::nullopt;
    int64_t days = daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
    int64_t secs = days * 86400 + h * 3600 + mi * 60 + se - offsetMinutes * 60;
    return Time{secs * 1000 + millis};
}

std::string humanDuration(Duration d) {
    // Upstream: apimachinery/pkg/util/duration/duration.go#HumanDuration
    int64_t seconds = d.ms / 1000;
    if (seconds < -1)
        return "<invalid>";
    if (seconds < 0)
        return "0s";
    if (seconds < 60 * 2)
        return std::to_string(seconds) + "s";
    int64_t minutes = seconds / 60;
    if (minutes < 10) {
        int64_t s = seconds % 60;
        if (s == 0)
            return std::to_string(minutes) + "m";
        return std::to_string(minutes) + "m" + std::to_string(s) + "s";
    }
    if (minutes < 60 * 3)
        return std::to_string(minutes) + "m";
    int64_t hours = seconds / 3600;
    if (hours < 8) {
        int64_t m = minutes % 60;
        if (m == 0)
            return std::to_string(hours) + "h";
        return std::to_string(hours) + "h" + std::to_string(m) + "m";
    }
    if (hours < 48)
        return std::to_string(hours) + "h";
    if (hours < 24 * 8) {
        int64_t h = hours % 24;
        if (h == 0)
            return std::to_string(hours / 24) + "d";
        return std::to_string(hours / 24) + "d" + std::to_string(h) + "h";
    }
    if (hours < 24 * 365 * 2)
        return std::to_string(hours / 24) + "d";
    if (hours < 24 * 365 * 8) {
        int64_t dy = hours / 24 % 365;
        if (dy == 0)
            return std::to_string(hours / 24 / 365) + "y";
        return std::to_string(hours / 24 / 365) + "y" + std::to_string(dy) + "d";
    }
    return std::to_string(hours / 24 / 365) + "y";
}

std::string translateTimestampSince(Time t, Time now) {
    if (t.isZero())
        return "<unknown>";
    return humanDuration(now - t);
}

}  // namespace kp
