// Go-compatible acceptance checks and error texts for Quantity, Time, base64 and float
// literals (see unmarshal_errors.h). Each function follows the upstream algorithm step by
// step because the error text depends on where exactly the scan stops.
#include "api/schema/unmarshal_errors.h"

#include "api/codec/go_format.h"
#include "base/base64.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace kp::schema {

// [SECTION] Quantity

namespace {

const char kQuantityFormatWrong[] =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const char kQuantitySuffix[] = "unable to parse quantity's suffix";

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// strconv.ParseInt(s, 10, 64) succeeds.
bool parsesAsInt64(std::string_view s) {
    bool negative = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    if (s.empty())
        return false;
    for (char c : s) {
        if (!isDigit(c))
            return false;
    }
    while (s.size() > 1 && s[0] == '0')
        s.remove_prefix(1);
    if (s.size() != 19)
        return s.size() < 19;
    return s <= std::string_view(negative ? "9223372036854775808" : "9223372036854775807");
}

bool isKnownSuffix(std::string_view suffix) {
    static const std::string_view kSuffixes[] = {"",  "n",  "u",  "m",  "k",  "M",  "G",  "T",
                                                 "P", "E",  "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    for (std::string_view s : kSuffixes) {
        if (s == suffix)
            return true;
    }
    // A decimal exponent: "e3", "E-2".
    return suffix.size() > 1 && (suffix[0] == 'e' || suffix[0] == 'E') && parsesAsInt64(suffix.substr(1));
}

std::string_view trimSpace(std::string_view s) {
    auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

}  // namespace

// Upstream: apimachinery pkg/api/resource/quantity.go#parseQuantityString (a fast scanner:
// sign, digits, optional fraction, then a suffix of [eEinumkKMGTP]* with an optional signed
// number). Anything else is ErrFormatWrong; an unknown suffix is ErrSuffix.
std::string quantityError(std::string_view text) {
    std::string_view str = trimSpace(text);
    if (str.empty())
        return kQuantityFormatWrong;
    if (str == "0")
        return "";
    size_t pos = 0;
    const size_t end = str.size();
    if (str[0] == '-' || str[0] == '+')
        ++pos;
    while (pos < end && str[pos] == '0')
        ++pos;
    if (pos >= end)
        return "";  // only zeros (or a bare sign): the value is 0
    while (pos < end && isDigit(str[pos]))
        ++pos;
    if (pos >= end)
        return "";
    if (str[pos] == '.') {
        ++pos;
        while (pos < end && isDigit(str[pos]))
            ++pos;
        if (pos >= end)
            return "";
    }
    size_t suffixStart = pos;
    while (pos < end && str[pos] != '\0' && std::strchr("eEinumkKMGTP", str[pos]) != nullptr)
        ++pos;
    if (pos < end && (str[pos] == '-' || str[pos] == '+'))
        ++pos;
    while (pos < end && isDigit(str[pos]))
        ++pos;
    if (pos < end)
        return kQuantityFormatWrong;  // a character that belongs nowhere
    if (!isKnownSuffix(str.substr(suffixStart)))
        return kQuantitySuffix;
    return "";
}

// [SECTION] Time

namespace {

// Go's time.quote: bytes outside printable ASCII become \xNN.
std::string goTimeQuote(std::string_view s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c >= 0x80 || c < ' ') {
            char buf[5];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
            continue;
        }
        if (c == '"' || c == '\\')
            out += '\\';
        out += static_cast<char>(c);
    }
    return out + "\"";
}

bool digitAt(std::string_view s, size_t i) { return i < s.size() && isDigit(s[i]); }

// getnum: one or two digits; `fixed` requires two.
bool getnum(std::string_view& s, bool fixed, int& out) {
    if (!digitAt(s, 0))
        return false;
    if (!digitAt(s, 1)) {
        if (fixed)
            return false;
        out = s[0] - '0';
        s.remove_prefix(1);
        return true;
    }
    out = (s[0] - '0') * 10 + (s[1] - '0');
    s.remove_prefix(2);
    return true;
}

bool isLeap(int year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

int daysIn(int month, int year) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && isLeap(year))
        return 29;
    return kDays[month - 1];
}

// One element of the layout: the literal before it and the element itself.
struct LayoutChunk {
    std::string_view prefix;
    std::string_view element;  // "2006", "01", ..., "" at the end
};

}  // namespace

std::string timeError(std::string_view text, bool micro) {
    const std::string_view layout = micro ? "2006-01-02T15:04:05.000000Z07:00" : "2006-01-02T15:04:05Z07:00";
    const LayoutChunk rfc3339[] = {{"", "2006"}, {"-", "01"}, {"-", "02"},     {"T", "15"},
                                   {":", "04"},  {":", "05"}, {"", "Z07:00"}, {"", ""}};
    const LayoutChunk rfc3339Micro[] = {{"", "2006"}, {"-", "01"}, {"-", "02"},      {"T", "15"},     {":", "04"},
                                        {":", "05"},  {"", ".000000"}, {"", "Z07:00"}, {"", ""}};
    const LayoutChunk* chunks = micro ? rfc3339Micro : rfc3339;

    auto cannotParse = [&](std::string_view valueElem, std::string_view layoutElem) {
        return "parsing time " + goTimeQuote(text) + " as " + goTimeQuote(layout) + ": cannot parse " +
               goTimeQuote(valueElem) + " as " + goTimeQuote(layoutElem);
    };
    auto withMessage = [&](const std::string& message) { return "parsing time " + goTimeQuote(text) + message; };

    std::string_view value = text;
    int year = 0, month = 0, day = 0;
    for (int i = 0;; ++i) {
        const LayoutChunk& chunk = chunks[i];
        // The literal before the element must match exactly.
        for (size_t k = 0; k < chunk.prefix.size(); ++k) {
            if (value.empty() || value[0] != chunk.prefix[k])
                return cannotParse(value, chunk.prefix);
            value.remove_prefix(1);
        }
        if (chunk.element.empty()) {
            if (!value.empty())
                return withMessage(": extra text: " + goTimeQuote(value));
            break;
        }
        const std::string_view hold = value;
        std::string_view elem = chunk.element;
        std::string range;
        bool ok = true;
        int n = 0;
        if (elem == "2006") {
            ok = value.size() >= 4 && digitAt(value, 0) && digitAt(value, 1) && digitAt(value, 2) && digitAt(value, 3);
            if (ok) {
                year = std::atoi(std::string(value.substr(0, 4)).c_str());
                value.remove_prefix(4);
            }
        } else if (elem == "01") {
            ok = getnum(value, true, month);
            if (ok && (month <= 0 || month > 12))
                range = "month";
        } else if (elem == "02") {
            ok = getnum(value, true, day);
        } else if (elem == "15") {
            ok = getnum(value, false, n);
            if (n >= 24)
                range = "hour";
        } else if (elem == "04") {
            ok = getnum(value, true, n);
            if (n >= 60)
                range = "minute";
        } else if (elem == "05") {
            ok = getnum(value, true, n);
            if (ok && n >= 60) {
                range = "second";
            } else if (ok && !micro && value.size() >= 2 && (value[0] == '.' || value[0] == ',') && digitAt(value, 1)) {
                // A fraction the layout does not mention is accepted (Go allows it after seconds).
                size_t k = 2;
                while (digitAt(value, k))
                    ++k;
                value.remove_prefix(k);
            }
        } else if (elem == ".000000") {
            ok = value.size() >= 7 && (value[0] == '.' || value[0] == ',');
            for (size_t k = 1; ok && k < 7; ++k)
                ok = digitAt(value, k);
            if (ok)
                value.remove_prefix(7);
        } else {  // "Z07:00"
            if (!value.empty() && value[0] == 'Z') {
                value.remove_prefix(1);
            } else if (value.size() < 6 || value[3] != ':') {
                ok = false;
            } else {
                std::string_view hh = value.substr(1, 2), mm = value.substr(4, 2);
                int hr = 0, mi = 0;
                ok = getnum(hh, true, hr) && getnum(mm, true, mi) && (value[0] == '+' || value[0] == '-');
                if (hr > 24)
                    range = "time zone offset hour";
                if (mi > 60)
                    range = "time zone offset minute";
                value.remove_prefix(6);
            }
        }
        if (!range.empty())
            return withMessage(": " + range + " out of range");
        if (!ok)
            return cannotParse(hold, elem);
    }
    if (day < 1 || day > daysIn(month, year))
        return withMessage(": day out of range");
    return "";
}

// [SECTION] base64

namespace {

std::string corruptAt(size_t offset) { return "illegal base64 data at input byte " + std::to_string(offset); }

}  // namespace

// Decodes quantum by quantum (4 characters) like base64.StdEncoding.Decode, reporting the
// offset Go reports: e.g. "abc" (missing padding) fails at byte 0, "ab!d" at byte 2.
std::string base64Error(std::string_view src) {
    size_t si = 0;
    while (si < src.size()) {
        int j = 0;
        for (; j < 4; ++j) {
            if (si == src.size()) {
                if (j == 0)
                    return "";
                return corruptAt(si - j);  // standard encoding requires padding
            }
            unsigned char in = src[si++];
            if (base64DigitValue(static_cast<char>(in)) >= 0)
                continue;
            if (in == '\n' || in == '\r') {
                --j;
                continue;
            }
            if (in != '=')
                return corruptAt(si - 1);
            // Padding: only valid as the 3rd and 4th characters of the last quantum.
            if (j == 0 || j == 1)
                return corruptAt(si - 1);
            if (j == 2) {
                while (si < src.size() && (src[si] == '\n' || src[si] == '\r'))
                    ++si;
                if (si == src.size())
                    return corruptAt(src.size());
                if (src[si] != '=')
                    return corruptAt(si - 1);
                ++si;
            }
            while (si < src.size() && (src[si] == '\n' || src[si] == '\r'))
                ++si;
            if (si < src.size())
                return corruptAt(si);  // trailing garbage after padding
            return "";
        }
    }
    return "";
}

// [SECTION] float literals

std::string goFormatFloat(double value) {
    // encoding/json's float text, which UnmarshalTypeError quotes ("number 1.5").
    return codec::formatJsonFloat(value);
}

}  // namespace kp::schema
