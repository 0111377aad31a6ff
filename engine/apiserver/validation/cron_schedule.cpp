// CronJob schedule parsing errors.
// Upstream: github.com/robfig/cron/v3 parser.go (Parse, normalizeFields, getRange,
//           mustParseInt, parseDescriptor) and spec.go (field bounds), as vendored by
//           Kubernetes 1.32; Go's strconv.Atoi and time.ParseDuration error texts.
#include "apiserver/validation/cron_schedule.h"

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace kp::validation {

namespace {

struct Bounds {
    unsigned min;
    unsigned max;
    std::map<std::string, unsigned> names;
};

const Bounds kMinutes{0, 59, {}};
const Bounds kHours{0, 23, {}};
const Bounds kDom{1, 31, {}};
const Bounds kMonths{1, 12, {{"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"may", 5}, {"jun", 6},
                             {"jul", 7}, {"aug", 8}, {"sep", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12}}};
const Bounds kDow{0, 6, {{"sun", 0}, {"mon", 1}, {"tue", 2}, {"wed", 3}, {"thu", 4}, {"fri", 5}, {"sat", 6}}};

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        const size_t pos = s.find(sep, start);
        parts.emplace_back(s.substr(start, pos == std::string_view::npos ? s.npos : pos - start));
        if (pos == std::string_view::npos)
            return parts;
        start = pos + 1;
    }
}

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// strings.Fields
std::vector<std::string> fields(std::string_view s) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && isSpace(s[i]))
            ++i;
        const size_t start = i;
        while (i < s.size() && !isSpace(s[i]))
            ++i;
        if (i > start)
            out.emplace_back(s.substr(start, i - start));
    }
    return out;
}

std::string toLower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// strconv.Atoi, with its error text.
std::optional<int64_t> atoi(const std::string& s, std::string* error) {
    size_t i = 0;
    bool negative = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        negative = s[0] == '-';
        i = 1;
    }
    if (i >= s.size()) {
        *error = "strconv.Atoi: parsing \"" + s + "\": invalid syntax";
        return std::nullopt;
    }
    int64_t n = 0;
    bool overflow = false;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') {
            *error = "strconv.Atoi: parsing \"" + s + "\": invalid syntax";
            return std::nullopt;
        }
        if (n > (INT64_MAX - (s[i] - '0')) / 10)
            overflow = true;
        else
            n = n * 10 + (s[i] - '0');
    }
    if (overflow) {
        *error = "strconv.Atoi: parsing \"" + s + "\": value out of range";
        return std::nullopt;
    }
    return negative ? -n : n;
}

// mustParseInt: a non-negative int, or an error naming the expression.
std::optional<unsigned> mustParseInt(const std::string& expr, std::string* error) {
    std::string atoiError;
    const auto n = atoi(expr, &atoiError);
    if (!n) {
        *error = "failed to parse int from " + expr + ": " + atoiError;
        return std::nullopt;
    }
    if (*n < 0) {
        *error = "negative number (" + std::to_string(*n) + ") not allowed: " + expr;
        return std::nullopt;
    }
    return static_cast<unsigned>(*n > 0xFFFFFFFFLL ? 0xFFFFFFFFLL : *n);
}

std::optional<unsigned> parseIntOrName(const std::string& expr, const Bounds& r, std::string* error) {
    if (!r.names.empty()) {
        auto it = r.names.find(toLower(expr));
        if (it != r.names.end())
            return it->second;
    }
    return mustParseInt(expr, error);
}

// getRange: number | number "-" number [ "/" number ], or "*"/"?".
std::string checkRange(const std::string& expr, const Bounds& r) {
    const std::vector<std::string> rangeAndStep = split(expr, '/');
    const std::vector<std::string> lowAndHigh = split(rangeAndStep[0], '-');
    const bool singleDigit = lowAndHigh.size() == 1;
    unsigned start = 0, end = 0, step = 1;
    std::string error;
    if (lowAndHigh[0] == "*" || lowAndHigh[0] == "?") {
        start = r.min;
        end = r.max;
    } else {
        const auto s = parseIntOrName(lowAndHigh[0], r, &error);
        if (!s)
            return error;
        start = *s;
        if (lowAndHigh.size() == 1) {
            end = start;
        } else if (lowAndHigh.size() == 2) {
            const auto e = parseIntOrName(lowAndHigh[1], r, &error);
            if (!e)
                return error;
            end = *e;
        } else {
            return "too many hyphens: " + expr;
        }
    }
    if (rangeAndStep.size() == 2) {
        const auto s = mustParseInt(rangeAndStep[1], &error);
        if (!s)
            return error;
        step = *s;
        if (singleDigit)
            end = r.max;  // "N/step" means "N-max/step"
    } else if (rangeAndStep.size() > 2) {
        return "too many slashes: " + expr;
    }
    if (start < r.min)
        return "beginning of range (" + std::to_string(start) + ") below minimum (" + std::to_string(r.min) + "): " + expr;
    if (end > r.max)
        return "end of range (" + std::to_string(end) + ") above maximum (" + std::to_string(r.max) + "): " + expr;
    if (start > end)
        return "beginning of range (" + std::to_string(start) + ") beyond end of range (" + std::to_string(end) + "): " + expr;
    if (step == 0)
        return "step of range should be a positive number: " + expr;
    return "";
}

std::string checkField(const std::string& field, const Bounds& r) {
    for (const std::string& expr : split(field, ',')) {
        if (expr.empty())
            continue;  // strings.FieldsFunc drops empty pieces
        if (std::string e = checkRange(expr, r); !e.empty())
            return e;
    }
    return "";
}

std::string joinForGo(const std::vector<std::string>& v) {  // fmt %s of a []string: "[a b c]"
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i)
        out += (i ? " " : "") + v[i];
    return out + "]";
}

}  // namespace

std::string goDurationError(std::string_view s) {
    const std::string orig(s);
    auto invalid = [&] { return "time: invalid duration \"" + orig + "\""; };
    if (s == "0")
        return "";
    if (!s.empty() && (s[0] == '-' || s[0] == '+'))
        s.remove_prefix(1);
    if (s == "0")
        return "";
    if (s.empty())
        return invalid();
    static const std::vector<std::string> kUnits = {"ns", "us", "µs", "μs", "ms", "s", "m", "h"};
    while (!s.empty()) {
        size_t i = 0;
        bool digits = false;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            ++i;
            digits = true;
        }
        if (i < s.size() && s[i] == '.') {
            ++i;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
                ++i;
                digits = true;
            }
        }
        if (!digits)
            return invalid();
        s.remove_prefix(i);
        size_t u = 0;
        while (u < s.size() && s[u] != '.' && (s[u] < '0' || s[u] > '9'))
            ++u;
        if (u == 0)
            return "time: missing unit in duration \"" + orig + "\"";
        const std::string unit(s.substr(0, u));
        bool known = false;
        for (const auto& k : kUnits)
            known = known || k == unit;
        if (!known)
            return "time: unknown unit \"" + unit + "\" in duration \"" + orig + "\"";
        s.remove_prefix(u);
    }
    return "";
}

std::string cronScheduleError(std::string_view specView) {
    std::string spec(specView);
    if (spec.empty())
        return "empty spec string";
    if (spec.rfind("TZ=", 0) == 0 || spec.rfind("CRON_TZ=", 0) == 0) {
        const size_t space = spec.find(' ');
        if (space == std::string::npos)
            return "";  // SIMPLIFICATION: upstream's parser would panic on this input
        spec = spec.substr(space);
        while (!spec.empty() && isSpace(spec.front()))
            spec.erase(spec.begin());
        while (!spec.empty() && isSpace(spec.back()))
            spec.pop_back();
    }
    if (!spec.empty() && spec[0] == '@') {
        static const char* const kDescriptors[] = {"@yearly", "@annually", "@monthly", "@weekly",
                                                   "@daily", "@midnight", "@hourly"};
        for (const char* d : kDescriptors)
            if (spec == d)
                return "";
        const std::string every = "@every ";
        if (spec.rfind(every, 0) == 0) {
            const std::string e = goDurationError(spec.substr(every.size()));
            if (!e.empty())
                return "failed to parse duration " + spec + ": " + e;
            return "";
        }
        return "unrecognized descriptor: " + spec;
    }
    const std::vector<std::string> f = fields(spec);
    if (f.size() != 5)
        return "expected exactly 5 fields, found " + std::to_string(f.size()) + ": " + joinForGo(f);
    const Bounds* bounds[] = {&kMinutes, &kHours, &kDom, &kMonths, &kDow};
    for (size_t i = 0; i < 5; ++i)
        if (std::string e = checkField(f[i], *bounds[i]); !e.empty())
            return e;
    return "";
}

}  // namespace kp::validation
