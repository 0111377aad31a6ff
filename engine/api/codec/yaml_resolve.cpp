#include "api/codec/yaml_resolve.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

namespace kp::codec {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

int digitValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

// strconv.ParseUint(s, 0, 64) without sign handling. Returns false on syntax or range error.
bool parseUintBase0(std::string_view s, uint64_t& out) {
    if (s.empty())
        return false;
    int base = 10;
    if (s[0] == '0') {
        char p = s.size() >= 3 ? static_cast<char>(s[1] | 0x20) : 0;
        if (p == 'b') {
            base = 2;
            s.remove_prefix(2);
        } else if (p == 'o') {
            base = 8;
            s.remove_prefix(2);
        } else if (p == 'x') {
            base = 16;
            s.remove_prefix(2);
        } else {
            base = 8;
            s.remove_prefix(1);
        }
    }
    uint64_t n = 0;
    for (char c : s) {
        int d = digitValue(c);
        if (d >= base)
            return false;
        if (n > (std::numeric_limits<uint64_t>::max() - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base))
            return false;
        n = n * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
    }
    out = n;
    return true;
}

// strconv.ParseInt(s, 0, 64).
bool parseIntBase0(std::string_view s, int64_t& out) {
    if (s.empty())
        return false;
    bool neg = false;
    if (s[0] == '+' || s[0] == '-') {
        neg = s[0] == '-';
        s.remove_prefix(1);
    }
    uint64_t u = 0;
    if (!parseUintBase0(s, u))
        return false;
    const uint64_t cutoff = uint64_t{1} << 63;
    if (!neg && u >= cutoff)
        return false;
    if (neg && u > cutoff)
        return false;
    out = neg ? static_cast<int64_t>(0 - u) : static_cast<int64_t>(u);
    return true;
}

// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool matchesYamlStyleFloat(std::string_view s) {
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        ++i;
    if (i < s.size() && s[i] == '.') {
        ++i;
        std::size_t start = i;
        while (i < s.size() && isDigit(s[i]))
            ++i;
        if (i == start)
            return false;
    } else {
        std::size_t start = i;
        while (i < s.size() && isDigit(s[i]))
            ++i;
        if (i == start)
            return false;
        if (i < s.size() && s[i] == '.') {
            ++i;
            while (i < s.size() && isDigit(s[i]))
                ++i;
        }
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-'))
            ++i;
        std::size_t start = i;
        while (i < s.size() && isDigit(s[i]))
            ++i;
        if (i == start)
            return false;
    }
    return i == s.size();
}

// strconv.ParseFloat on text already known to be decimal: fails only on overflow.
bool parseDecimalFloat(std::string_view s, double& out) {
    std::string copy(s);
    errno = 0;
    double v = std::strtod(copy.c_str(), nullptr);
    if (std::isinf(v))
        return false;
    out = v;
    return true;
}

// Reads 1 or 2 digits (Go's getnum with fixed=false).
bool readNum12(std::string_view s, std::size_t& i, int& out) {
    if (i >= s.size() || !isDigit(s[i]))
        return false;
    out = s[i++] - '0';
    if (i < s.size() && isDigit(s[i]))
        out = out * 10 + (s[i++] - '0');
    return true;
}

int daysIn(int month, int year) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

}  // namespace

bool isYamlTimestamp(std::string_view s) {
    // Quick check as go-yaml: four digits then '-'.
    if (s.size() < 5 || !isDigit(s[0]) || !isDigit(s[1]) || !isDigit(s[2]) || !isDigit(s[3]) || s[4] != '-')
        return false;
    int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    std::size_t i = 5;
    int month = 0, day = 0;
    if (!readNum12(s, i, month) || i >= s.size() || s[i] != '-')
        return false;
    ++i;
    if (!readNum12(s, i, day))
        return false;
    if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year))
        return false;
    if (i == s.size())
        return true;  // 2006-1-2
    char sep = s[i];
    if (sep != 'T' && sep != 't' && sep != ' ')
        return false;
    ++i;
    int hour = 0, minute = 0, second = 0;
    if (!readNum12(s, i, hour) || i >= s.size() || s[i] != ':')
        return false;
    ++i;
    if (!readNum12(s, i, minute) || i >= s.size() || s[i] != ':')
        return false;
    ++i;
    if (!readNum12(s, i, second))
        return false;
    if (hour >= 24 || minute >= 60 || second >= 60)
        return false;
    if (i + 1 < s.size() && (s[i] == '.' || s[i] == ',') && isDigit(s[i + 1])) {
        ++i;
        while (i < s.size() && isDigit(s[i]))
            ++i;
    }
    if (sep == ' ')
        return i == s.size();
    // Z07:00: "Z" or ±hh:mm.
    if (i < s.size() && s[i] == 'Z')
        return i + 1 == s.size();
    if (s.size() - i != 6 || (s[i] != '+' && s[i] != '-') || s[i + 3] != ':')
        return false;
    if (!isDigit(s[i + 1]) || !isDigit(s[i + 2]) || !isDigit(s[i + 4]) || !isDigit(s[i + 5]))
        return false;
    int zh = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
    int zm = (s[i + 4] - '0') * 10 + (s[i + 5] - '0');
    return zh <= 24 && zm <= 60;
}

bool isBase60Float(std::string_view s) {
    // ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
    if (s.empty() || s.find(':') == std::string_view::npos)
        return false;
    std::size_t i = 0;
    if (s[i] == '+' || s[i] == '-')
        ++i;
    if (i >= s.size() || !isDigit(s[i]))
        return false;
    ++i;
    while (i < s.size() && (isDigit(s[i]) || s[i] == '_'))
        ++i;
    int groups = 0;
    while (i < s.size() && s[i] == ':') {
        ++i;
        // [0-5]?[0-9]: one digit, or two digits with the first in 0-5.
        if (i >= s.size() || !isDigit(s[i]))
            return false;
        if (i + 1 < s.size() && isDigit(s[i + 1]) && s[i] <= '5')
            i += 2;
        else
            i += 1;
        ++groups;
    }
    if (groups == 0)
        return false;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && (isDigit(s[i]) || s[i] == '_'))
            ++i;
    }
    return i == s.size();
}

ResolvedScalar resolvePlainScalar(std::string_view in) {
    ResolvedScalar r;
    auto is = [&](std::initializer_list<std::string_view> words) {
        for (std::string_view w : words)
            if (in == w)
                return true;
        return false;
    };
    if (is({"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"})) {
        r.kind = ScalarKind::Bool;
        r.boolValue = true;
        return r;
    }
    if (is({"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"})) {
        r.kind = ScalarKind::Bool;
        return r;
    }
    if (is({"", "~", "null", "Null", "NULL"})) {
        r.kind = ScalarKind::Null;
        return r;
    }
    if (is({".nan", ".NaN", ".NAN"})) {
        r.kind = ScalarKind::Float;
        r.floatValue = std::numeric_limits<double>::quiet_NaN();
        return r;
    }
    if (is({".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})) {
        r.kind = ScalarKind::Float;
        r.floatValue = std::numeric_limits<double>::infinity();
        return r;
    }
    if (is({"-.inf", "-.Inf", "-.INF"})) {
        r.kind = ScalarKind::Float;
        r.floatValue = -std::numeric_limits<double>::infinity();
        return r;
    }
    char c = in[0];
    if (c == '.') {
        double f = 0;
        if (matchesYamlStyleFloat(in) && parseDecimalFloat(in, f)) {
            r.kind = ScalarKind::Float;
            r.floatValue = f;
        }
        return r;
    }
    if (!(isDigit(c) || c == '+' || c == '-'))
        return r;
    if (isYamlTimestamp(in)) {
        r.kind = ScalarKind::Timestamp;
        return r;
    }
    std::string plain;
    plain.reserve(in.size());
    for (char ch : in)
        if (ch != '_')
            plain.push_back(ch);
    int64_t i = 0;
    if (parseIntBase0(plain, i)) {
        r.kind = ScalarKind::Int;
        r.intValue = i;
        return r;
    }
    uint64_t u = 0;
    if (plain[0] != '+' && plain[0] != '-' && parseUintBase0(plain, u)) {
        r.kind = ScalarKind::Uint;
        r.uintValue = u;
        return r;
    }
    double f = 0;
    if (matchesYamlStyleFloat(plain) && parseDecimalFloat(plain, f)) {
        r.kind = ScalarKind::Float;
        r.floatValue = f;
    }
    return r;
}

}  // namespace kp::codec
