// [SECTION] Decimal digit-string arithmetic (magnitudes only)
// [SECTION] Parsing                       (apimachinery pkg/api/resource/quantity.go ParseQuantity, suffix.go)
// [SECTION] Printing                      (quantity.go CanonicalizeBytes, amount.go AsCanonicalBytes)
// [SECTION] Values, comparison, arithmetic
// [SECTION] JSON
#include "api/quantity.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace kp::resource {

namespace {

// ---------------------------------------------------------------------------------------------
// [SECTION] Decimal digit-string arithmetic (magnitudes only)
// ---------------------------------------------------------------------------------------------
// A magnitude is a string of decimal digits. Quantities keep theirs normalised (no leading
// or trailing zeros, empty for zero) next to a power-of-ten exponent.

constexpr int64_t kMaxAlignDigits = 4096;

void normalize(std::string& digits, int64_t& exponent) {
    size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos) {
        digits.clear();
        exponent = 0;
        return;
    }
    digits.erase(0, first);
    size_t last = digits.find_last_not_of('0');
    exponent += int64_t(digits.size() - 1 - last);
    digits.erase(last + 1);
}

// Compares plain integers written without leading zeros.
int cmpDigits(const std::string& a, const std::string& b) {
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    int c = a.compare(b);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
}

// Compares normalised non-zero magnitudes a*10^ea and b*10^eb without expanding them.
int cmpMagnitude(const std::string& a, int64_t ea, const std::string& b, int64_t eb) {
    int64_t topA = int64_t(a.size()) + ea;  // position just above the leading digit
    int64_t topB = int64_t(b.size()) + eb;
    if (topA != topB)
        return topA < topB ? -1 : 1;
    int c = a.compare(b);  // same leading position: digit by digit; a prefix is the smaller
    return c < 0 ? -1 : c > 0 ? 1 : 0;
}

std::string addDigits(const std::string& a, const std::string& b) {
    std::string out;
    int carry = 0;
    for (size_t i = 0; i < std::max(a.size(), b.size()) || carry; ++i) {
        int sum = carry;
        if (i < a.size())
            sum += a[a.size() - 1 - i] - '0';
        if (i < b.size())
            sum += b[b.size() - 1 - i] - '0';
        out += char('0' + sum % 10);
        carry = sum / 10;
    }
    std::reverse(out.begin(), out.end());
    return out;
}

// a - b for a >= b.
std::string subDigits(const std::string& a, const std::string& b) {
    std::string out;
    int borrow = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        int d = (a[a.size() - 1 - i] - '0') - borrow - (i < b.size() ? b[b.size() - 1 - i] - '0' : 0);
        borrow = d < 0 ? 1 : 0;
        out += char('0' + (d + 10) % 10);
    }
    std::reverse(out.begin(), out.end());
    size_t first = out.find_first_not_of('0');
    return first == std::string::npos ? "0" : out.substr(first);
}

std::string mulSmall(const std::string& a, uint64_t m) {
    std::string out;
    uint64_t carry = 0;
    for (size_t i = a.size(); i-- > 0;) {
        uint64_t v = uint64_t(a[i] - '0') * m + carry;
        out += char('0' + v % 10);
        carry = v / 10;
    }
    for (; carry; carry /= 10)
        out += char('0' + carry % 10);
    std::reverse(out.begin(), out.end());
    size_t first = out.find_first_not_of('0');
    return first == std::string::npos ? "0" : out.substr(first);
}

std::string divSmall(const std::string& a, uint64_t d, uint64_t& remainder) {
    std::string out;
    remainder = 0;
    for (char c : a) {
        remainder = remainder * 10 + uint64_t(c - '0');
        out += char('0' + remainder / d);
        remainder %= d;
    }
    size_t first = out.find_first_not_of('0');
    return first == std::string::npos ? "0" : out.substr(first);
}

std::string increment(std::string a) {
    for (size_t i = a.size(); i-- > 0;) {
        if (a[i] != '9') {
            ++a[i];
            return a;
        }
        a[i] = '0';
    }
    return "1" + a;
}

std::string magnitudeOf(int64_t v) {
    uint64_t m = v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v);
    return std::to_string(m);
}

// The magnitude as int64 (with the sign applied), or nullopt when it does not fit.
std::optional<int64_t> toInt64(const std::string& magnitude, bool negative) {
    static const std::string kMax = std::to_string(std::numeric_limits<int64_t>::max());
    static const std::string kMinMagnitude = "9223372036854775808";
    if (cmpDigits(magnitude, negative ? kMinMagnitude : kMax) > 0)
        return std::nullopt;
    uint64_t m = std::strtoull(magnitude.c_str(), nullptr, 10);
    if (!negative)
        return int64_t(m);
    return m == uint64_t(std::numeric_limits<int64_t>::max()) + 1 ? std::numeric_limits<int64_t>::min() : -int64_t(m);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Parsing
// ---------------------------------------------------------------------------------------------

struct QuantityString {
    bool positive = true;
    std::string num;     // integer digits, leading zeros dropped ("0" when none)
    std::string denom;   // fraction digits as typed
    std::string suffix;
    bool hasDigits = false;  // any digit before the suffix (upstream's inf.Dec path needs one)
};

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isSuffixChar(char c) { return std::string_view("eEinumkKMGTP").find(c) != std::string_view::npos; }

// Upstream: apimachinery pkg/api/resource/quantity.go#parseQuantityString
// Splits "[+-]digits[.digits]suffix"; returns false for ErrFormatWrong.
bool splitQuantityString(std::string_view s, QuantityString& out) {
    size_t pos = 0;
    const size_t end = s.size();
    if (pos < end && (s[0] == '-' || s[0] == '+')) {
        out.positive = s[0] != '-';
        ++pos;
    }
    while (pos < end && s[pos] == '0')
        ++pos;
    out.hasDigits = pos > 0 && s[pos - 1] == '0';
    if (pos >= end) {
        out.num = "0";  // only zeros (or nothing) after the sign: the value zero
        return true;
    }
    size_t numStart = pos;
    while (pos < end && isDigit(s[pos]))
        ++pos;
    out.num = std::string(s.substr(numStart, pos - numStart));
    out.hasDigits = out.hasDigits || !out.num.empty();
    if (pos >= end)
        return true;
    if (out.num.empty())
        out.num = "0";
    if (s[pos] == '.') {
        size_t denomStart = ++pos;
        while (pos < end && isDigit(s[pos]))
            ++pos;
        out.denom = std::string(s.substr(denomStart, pos - denomStart));
        out.hasDigits = out.hasDigits || !out.denom.empty();
        if (pos >= end)
            return true;
    }
    size_t suffixStart = pos;
    while (pos < end && isSuffixChar(s[pos]))
        ++pos;
    if (pos < end && (s[pos] == '-' || s[pos] == '+'))
        ++pos;
    while (pos < end && isDigit(s[pos]))
        ++pos;
    if (pos < end)
        return false;
    out.suffix = std::string(s.substr(suffixStart));
    return true;
}

struct SuffixMeaning {
    int base = 10;        // 10 or 2
    int64_t exponent = 0;
    Format format = Format::DecimalSI;
};

// strconv.ParseInt(s, 10, 64).
std::optional<int64_t> parseInt64(std::string_view s) {
    size_t i = 0;
    bool negative = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        negative = s[0] == '-';
        i = 1;
    }
    if (i == s.size())
        return std::nullopt;
    std::string digits;
    for (; i < s.size(); ++i) {
        if (!isDigit(s[i]))
            return std::nullopt;
        digits += s[i];
    }
    size_t first = digits.find_first_not_of('0');
    return toInt64(first == std::string::npos ? "0" : digits.substr(first), negative);
}

// Upstream: apimachinery pkg/api/resource/suffix.go#interpret
std::optional<SuffixMeaning> interpretSuffix(std::string_view s) {
    struct Entry {
        std::string_view suffix;
        SuffixMeaning meaning;
    };
    static const Entry kSuffixes[] = {
        {"", {10, 0, Format::DecimalSI}},    {"n", {10, -9, Format::DecimalSI}},  {"u", {10, -6, Format::DecimalSI}},
        {"m", {10, -3, Format::DecimalSI}},  {"k", {10, 3, Format::DecimalSI}},   {"M", {10, 6, Format::DecimalSI}},
        {"G", {10, 9, Format::DecimalSI}},   {"T", {10, 12, Format::DecimalSI}},  {"P", {10, 15, Format::DecimalSI}},
        {"E", {10, 18, Format::DecimalSI}},  {"Ki", {2, 10, Format::BinarySI}},   {"Mi", {2, 20, Format::BinarySI}},
        {"Gi", {2, 30, Format::BinarySI}},   {"Ti", {2, 40, Format::BinarySI}},   {"Pi", {2, 50, Format::BinarySI}},
        {"Ei", {2, 60, Format::BinarySI}},
    };
    for (const auto& e : kSuffixes)
        if (e.suffix == s)
            return e.meaning;
    if (s.size() > 1 && (s[0] == 'e' || s[0] == 'E')) {
        auto parsed = parseInt64(s.substr(1));
        if (!parsed)
            return std::nullopt;
        // Upstream narrows the exponent to int32.
        return SuffixMeaning{10, int64_t(static_cast<int32_t>(static_cast<uint32_t>(uint64_t(*parsed)))),
                             Format::DecimalExponent};
    }
    return std::nullopt;
}

// Where upstream takes its int64 path ("precision" left and scale >= nano, no overflow), and
// whether it then keeps the typed string because it is already canonical: binary values whose
// number is not a multiple of 8, decimal ones with an exponent multiple of 3, no trailing
// "000" and no leading zero ("100m", "1500", "1e3" yes; "1000", "0.5", "1.5G" no).
struct FastPath {
    bool taken = false;
    bool keepsText = false;
};

FastPath int64FastPath(const QuantityString& parts, const SuffixMeaning& meaning) {
    std::string shifted = parts.num + parts.denom;
    int64_t precision = -1;
    int64_t scale = -int64_t(parts.denom.size());
    uint64_t mantissa = 1;
    if (meaning.format != Format::BinarySI) {
        scale += meaning.exponent;
        precision = 18 - int64_t(shifted.size());
    } else if (parts.denom.empty()) {
        mantissa = uint64_t(1) << meaning.exponent;
        precision = 15 - int64_t(parts.num.size()) - meaning.exponent * 3 / 10 - 1;
    }
    if (precision < 0 || scale < -9)
        return {};
    uint64_t value = std::strtoull(shifted.c_str(), nullptr, 10);  // at most 18 digits here
    if (mantissa != 1 && value > uint64_t(std::numeric_limits<int64_t>::max()) / mantissa)
        return {};
    FastPath fast;
    fast.taken = true;
    if (meaning.format == Format::BinarySI) {
        fast.keepsText = meaning.exponent % 10 == 0 && (value & 0x07) != 0;
    } else {
        bool trailing000 = shifted.size() >= 3 && shifted.compare(shifted.size() - 3, 3, "000") == 0;
        fast.keepsText = scale % 3 == 0 && !trailing000 && shifted[0] != '0';
    }
    return fast;
}

// Rounds a normalised non-zero magnitude up (away from zero) to a multiple of 10^-9.
void roundUpToNano(std::string& digits, int64_t& exponent) {
    if (exponent >= -9)
        return;
    int64_t drop = -9 - exponent;  // digits below nano; the last one is non-zero
    digits = drop >= int64_t(digits.size()) ? "1" : increment(digits.substr(0, digits.size() - size_t(drop)));
    exponent = -9;
    normalize(digits, exponent);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Printing
// ---------------------------------------------------------------------------------------------

std::string_view decimalSuffix(int64_t exponent) {
    switch (exponent) {
    case -9: return "n";
    case -6: return "u";
    case -3: return "m";
    case 0: return "";
    case 3: return "k";
    case 6: return "M";
    case 9: return "G";
    case 12: return "T";
    case 15: return "P";
    case 18: return "E";
    default: return "";  // upstream finds no suffix and prints none ("1000E" prints "1")
    }
}

std::string_view binarySuffix(int64_t exponent) {
    switch (exponent) {
    case 10: return "Ki";
    case 20: return "Mi";
    case 30: return "Gi";
    case 40: return "Ti";
    case 50: return "Pi";
    case 60: return "Ei";
    default: return "";
    }
}

}  // namespace

std::string_view formatName(Format f) {
    switch (f) {
    case Format::DecimalExponent: return "DecimalExponent";
    case Format::BinarySI: return "BinarySI";
    case Format::DecimalSI: return "DecimalSI";
    }
    return "";
}

// Upstream: apimachinery pkg/api/resource/quantity.go#ParseQuantity
// 1. split the string and interpret the suffix; on upstream's int64 path, keep the typed text
//    if it is already canonical;
// 2. compute the exact value: digits * 10^(exponent - len(denom)), times 2^exponent for binary
//    suffixes;
// 3. on upstream's inf.Dec path, round up to nano units, cap binary values at MaxInt64 and let
//    binary values below 1 print as decimal.
std::optional<Quantity> Quantity::parse(std::string_view text, std::string* error) {
    auto fail = [&](std::string_view message) -> std::optional<Quantity> {
        if (error)
            *error = std::string(message);
        return std::nullopt;
    };
    if (text.empty())
        return fail(kErrFormatWrong);
    if (text == "0") {
        Quantity q;
        q.cached_ = "0";
        return q;
    }

    // 1. Split and interpret.
    QuantityString parts;
    if (!splitQuantityString(text, parts))
        return fail(kErrFormatWrong);
    auto meaning = interpretSuffix(parts.suffix);
    if (!meaning)
        return fail(kErrSuffix);

    Quantity q;
    q.format_ = meaning->format;
    q.negative_ = !parts.positive;
    FastPath fast = int64FastPath(parts, *meaning);
    if (fast.keepsText)
        q.cached_ = std::string(text);

    // 2. The exact value. Binary exponents are multiples of 10: 2^exponent = 1024^(exponent/10).
    q.digits_ = parts.num + parts.denom;
    q.exponent_ = -int64_t(parts.denom.size());
    if (meaning->base == 2) {
        for (int64_t i = 0; i < meaning->exponent; i += 10)
            q.digits_ = mulSmall(q.digits_, 1024);
    } else {
        q.exponent_ += meaning->exponent;
    }
    normalize(q.digits_, q.exponent_);
    if (q.digits_.empty())
        q.negative_ = false;
    if (fast.taken)
        return q;

    // 3. Upstream's inf.Dec path.
    if (!parts.hasDigits)
        return fail(kErrNumeric);  // e.g. "Pi", "-Ei": nothing for inf.Dec to read
    if (q.digits_.empty())
        return q;
    roundUpToNano(q.digits_, q.exponent_);
    if (q.format_ == Format::BinarySI) {
        static const std::string kMaxInt64 = std::to_string(std::numeric_limits<int64_t>::max());
        if (cmpMagnitude(q.digits_, q.exponent_, kMaxInt64, 0) > 0) {
            q.digits_ = kMaxInt64;
            q.exponent_ = 0;
        }
        if (cmpMagnitude(q.digits_, q.exponent_, "1", 0) < 0)
            q.format_ = Format::DecimalSI;  // binary values below 1 print as decimal
    }
    return q;
}

Quantity Quantity::fromInt64(int64_t value, Format format) {
    Quantity q;
    q.format_ = format;
    q.negative_ = value < 0;
    q.digits_ = magnitudeOf(value);
    normalize(q.digits_, q.exponent_);
    if (q.digits_.empty())
        q.negative_ = false;
    return q;
}

Quantity Quantity::fromMilli(int64_t milliValue, Format format) {
    Quantity q = fromInt64(milliValue, format);
    if (!q.isZero())
        q.exponent_ -= 3;
    return q;
}

Quantity Quantity::fromScaled(int64_t value, int32_t scale) {
    Quantity q = fromInt64(value, Format::DecimalSI);
    if (!q.isZero())
        q.exponent_ += scale;
    return q;
}

// Upstream: apimachinery pkg/api/resource/quantity.go#CanonicalizeBytes
std::string Quantity::toString() const {
    if (!cached_.empty())
        return cached_;
    if (isZero())
        return "0";
    std::string sign = negative_ ? "-" : "";

    Format format = format_;
    if (format == Format::BinarySI) {
        bool small = cmpInt64(-1024) > 0 && cmpInt64(1024) < 0;
        bool fractional = exponent_ < 0;
        bool huge = int64_t(digits_.size()) + exponent_ > kMaxAlignDigits;  // SIMPLIFICATION: guard
        if (small || fractional || huge)
            format = Format::DecimalSI;
    }

    if (format == Format::BinarySI) {
        // The largest power of 1024 dividing the integer value.
        std::string n = digits_ + std::string(size_t(exponent_), '0');
        int64_t times = 0;
        while (cmpDigits(n, "1024") >= 0) {
            uint64_t remainder = 0;
            std::string quotient = divSmall(n, 1024, remainder);
            if (remainder != 0)
                break;
            n = quotient;
            ++times;
        }
        return sign + n + std::string(binarySuffix(times * 10));
    }

    // Decimal: move the exponent down to a multiple of 3 (12e4 -> 120e3).
    int64_t down = ((exponent_ % 3) + 3) % 3;
    std::string number = digits_ + std::string(size_t(down), '0');
    int64_t exponent = exponent_ - down;
    if (format == Format::DecimalSI)
        return sign + number + std::string(decimalSuffix(exponent));
    return sign + number + (exponent == 0 ? "" : "e" + std::to_string(exponent));
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Values, comparison, arithmetic
// ---------------------------------------------------------------------------------------------

// Upstream: apimachinery pkg/api/resource/amount.go#AsScaledInt64 (int64 path: round away
// from zero, 0 on overflow).
// SIMPLIFICATION: upstream's inf.Dec path rounds negative values towards +inf and returns
// wrapped garbage on overflow; negative quantities do not occur in resource accounting.
int64_t Quantity::scaledValue(int32_t scale) const {
    if (isZero())
        return 0;
    int64_t shift = exponent_ - scale;
    std::string magnitude;
    if (shift >= 0) {
        if (int64_t(digits_.size()) + shift > 19)
            return 0;
        magnitude = digits_ + std::string(size_t(shift), '0');
    } else if (-shift >= int64_t(digits_.size())) {
        magnitude = "1";  // 0 < |value| < 1 unit: rounds up to one
    } else {
        // Normalised digits end in a non-zero digit, so dropping any of them rounds up.
        magnitude = increment(digits_.substr(0, digits_.size() - size_t(-shift)));
    }
    return toInt64(magnitude, negative_).value_or(0);
}

int Quantity::cmp(const Quantity& other) const {
    if (sign() != other.sign())
        return sign() < other.sign() ? -1 : 1;
    if (isZero())
        return 0;
    int c = cmpMagnitude(digits_, exponent_, other.digits_, other.exponent_);
    return negative_ ? -c : c;
}

int Quantity::cmpInt64(int64_t v) const { return cmp(fromInt64(v, Format::DecimalSI)); }

// Upstream: apimachinery pkg/api/resource/quantity.go#Add
void Quantity::add(const Quantity& y) {
    cached_.clear();
    if (isZero())
        format_ = y.format_;
    if (y.isZero())
        return;
    if (isZero()) {
        negative_ = y.negative_;
        digits_ = y.digits_;
        exponent_ = y.exponent_;
        return;
    }
    int64_t low = std::min(exponent_, y.exponent_);
    int64_t width = std::max(int64_t(digits_.size()) + exponent_, int64_t(y.digits_.size()) + y.exponent_) - low;
    if (width > kMaxAlignDigits) {
        // SIMPLIFICATION: operands too far apart to add exactly here; keep the larger one.
        if (cmpMagnitude(y.digits_, y.exponent_, digits_, exponent_) > 0) {
            negative_ = y.negative_;
            digits_ = y.digits_;
            exponent_ = y.exponent_;
        }
        return;
    }
    std::string a = digits_ + std::string(size_t(exponent_ - low), '0');
    std::string b = y.digits_ + std::string(size_t(y.exponent_ - low), '0');
    if (negative_ == y.negative_) {
        digits_ = addDigits(a, b);
    } else {
        int c = cmpDigits(a, b);
        if (c == 0) {
            digits_.clear();
        } else if (c > 0) {
            digits_ = subDigits(a, b);
        } else {
            digits_ = subDigits(b, a);
            negative_ = y.negative_;
        }
    }
    exponent_ = low;
    normalize(digits_, exponent_);
    if (digits_.empty())
        negative_ = false;
}

// Upstream: apimachinery pkg/api/resource/quantity.go#Sub
void Quantity::sub(const Quantity& y) {
    Quantity negated = y;
    negated.neg();
    add(negated);
}

void Quantity::neg() {
    cached_.clear();
    if (!isZero())
        negative_ = !negative_;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] JSON
// ---------------------------------------------------------------------------------------------

namespace {

// The text Go's encoding/json writes for a float64: shortest round-trip digits, plain
// notation for 1e-6 <= |x| < 1e21, else exponent notation like "1e+21" / "1e-7".
std::string goFloatText(double x) {
    if (x == 0)
        return "0";
    char buf[64];
    int precision = 1;
    for (; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*e", precision - 1, x);
        if (std::strtod(buf, nullptr) == x)
            break;
    }
    std::string e(buf);  // "-d.ddde+XX"
    size_t ePos = e.find('e');
    std::string mantissa = e.substr(0, ePos);
    int exponent = std::atoi(e.c_str() + ePos + 1);
    bool negative = mantissa[0] == '-';
    std::string digits;
    for (char c : mantissa)
        if (isDigit(c))
            digits += c;
    double ax = std::fabs(x);
    std::string out = negative ? "-" : "";
    if (ax < 1e-6 || ax >= 1e21) {
        out += digits.substr(0, 1);
        if (digits.size() > 1)
            out += "." + digits.substr(1);
        char exp[16];
        std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
        std::string expText(exp);
        if (exponent < 0 && expText.size() == 4 && expText[2] == '0')
            expText.erase(2, 1);  // encoding/json writes e-7, not e-07
        return out + expText;
    }
    int pointAt = exponent + 1;  // digits before the decimal point
    if (pointAt <= 0)
        return out + "0." + std::string(size_t(-pointAt), '0') + digits;
    if (pointAt >= int(digits.size()))
        return out + digits + std::string(size_t(pointAt) - digits.size(), '0');
    return out + digits.substr(0, size_t(pointAt)) + "." + digits.substr(size_t(pointAt));
}

std::string trimSpace(std::string s) {
    const char* ws = " \t\n\r\v\f";
    size_t first = s.find_first_not_of(ws);
    if (first == std::string::npos)
        return "";
    return s.substr(first, s.find_last_not_of(ws) - first + 1);
}

}  // namespace

// Upstream: apimachinery pkg/api/resource/quantity.go#UnmarshalJSON
// SIMPLIFICATION: upstream parses a JSON number's raw text; Json keeps only the value, so a
// float is re-spelled as encoding/json would write it ("1e3" arrives as 1000 and prints "1k",
// upstream keeps "1e3"). Objects sent by kubectl carry quantities as strings or such re-spelled
// numbers, so this only shows for hand-written JSON.
std::optional<Quantity> Quantity::fromJson(const Json& j, std::string* error) {
    if (j.is_null())
        return Quantity();
    std::string text;
    if (j.is_string())
        text = j.get<std::string>();
    else if (j.is_number_integer() || j.is_number_unsigned())
        text = j.dump();
    else if (j.is_number_float())
        text = goFloatText(j.get<double>());
    else
        text = j.dump();  // true, {...}: upstream hands the raw text to the parser, which rejects it
    return parse(trimSpace(text), error);
}

}  // namespace kp::resource
