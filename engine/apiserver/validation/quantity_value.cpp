// Quantity parsing and canonical printing for validation messages.
// Upstream: apimachinery pkg/api/resource/quantity.go (ParseQuantity, CanonicalizeBytes) and
//           amount.go (AsCanonicalBytes, AsCanonicalBase1024Bytes).
#include "apiserver/validation/quantity_value.h"

#include <algorithm>
#include <cmath>

namespace kp::validation {

namespace {

constexpr QuantityInt kNanoPerUnit = 1000000000;
// Beyond this the multiplications below could overflow 128 bits.
constexpr QuantityInt kLimit = static_cast<QuantityInt>(1) << 120;

std::string toString(QuantityInt v) {
    if (v == 0)
        return "0";
    const bool negative = v < 0;
    std::string digits;
    while (v != 0) {
        const int d = static_cast<int>(v % 10);
        digits.push_back(static_cast<char>('0' + (d < 0 ? -d : d)));
        v /= 10;
    }
    if (negative)
        digits.push_back('-');
    std::reverse(digits.begin(), digits.end());
    return digits;
}

bool multiply(QuantityInt& v, QuantityInt factor) {
    if (v > kLimit / factor || v < -kLimit / factor)
        return false;
    v *= factor;
    return true;
}

// Division rounded towards +infinity (Go rounds quantities up).
QuantityInt divideCeil(QuantityInt v, QuantityInt d) {
    QuantityInt q = v / d;
    if (v % d != 0 && v > 0)
        ++q;
    return q;
}

QuantityInt pow10(int n) {
    QuantityInt p = 1;
    for (int i = 0; i < n; ++i)
        p *= 10;
    return p;
}

}  // namespace

std::optional<Quantity> parseQuantity(std::string_view s) {
    if (s.empty())
        return std::nullopt;
    size_t i = 0;
    bool negative = false;
    if (s[i] == '+' || s[i] == '-') {
        negative = s[i] == '-';
        ++i;
    }
    QuantityInt mantissa = 0;
    int fractionDigits = 0;
    bool seenDot = false;
    bool seenDigit = false;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '.') {
            if (seenDot)
                return std::nullopt;
            seenDot = true;
            continue;
        }
        if (c < '0' || c > '9')
            break;
        seenDigit = true;
        if (!multiply(mantissa, 10))
            return std::nullopt;
        mantissa += c - '0';
        if (seenDot)
            ++fractionDigits;
    }
    if (!seenDigit)
        return std::nullopt;
    const std::string_view suffix = s.substr(i);

    Quantity q;
    int exponent10 = -fractionDigits;  // value = mantissa * 10^exponent10 * binaryFactor
    QuantityInt binaryFactor = 1;
    static const std::string_view kBinary[] = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    static const std::string_view kDecimal[] = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
    bool matched = false;
    for (int k = 0; k < 6 && !matched; ++k) {
        if (suffix == kBinary[k]) {
            q.format = QuantityFormat::BinarySI;
            binaryFactor = static_cast<QuantityInt>(1) << (10 * (k + 1));
            matched = true;
        }
    }
    for (int k = 0; k < 10 && !matched; ++k) {
        if (suffix == kDecimal[k]) {
            q.format = QuantityFormat::DecimalSI;
            exponent10 += 3 * (k - 3);
            matched = true;
        }
    }
    if (!matched) {
        if (suffix.size() < 2 || (suffix[0] != 'e' && suffix[0] != 'E'))
            return std::nullopt;
        size_t j = 1;
        bool expNegative = false;
        if (suffix[j] == '+' || suffix[j] == '-') {
            expNegative = suffix[j] == '-';
            ++j;
        }
        if (j >= suffix.size())
            return std::nullopt;
        int e = 0;
        for (; j < suffix.size(); ++j) {
            if (suffix[j] < '0' || suffix[j] > '9' || e > 1000)
                return std::nullopt;
            e = e * 10 + (suffix[j] - '0');
        }
        q.format = QuantityFormat::DecimalExponent;
        exponent10 += expNegative ? -e : e;
    }

    QuantityInt nano = mantissa;
    if (!multiply(nano, binaryFactor))
        return std::nullopt;
    const int scale = exponent10 + 9;  // nano = value * 10^9
    if (scale >= 0) {
        if (scale > 38 || !multiply(nano, pow10(scale)))
            return std::nullopt;
    } else {
        if (-scale > 38)
            nano = nano == 0 ? 0 : 1;
        else
            nano = divideCeil(nano, pow10(-scale));
    }
    q.nano = negative ? -nano : nano;
    return q;
}

std::optional<Quantity> quantityFromJson(const Json& value) {
    if (value.is_string())
        return parseQuantity(std::string_view(value.get<std::string>()));
    if (value.is_number_integer()) {
        Quantity q;
        q.nano = static_cast<QuantityInt>(value.get<int64_t>()) * kNanoPerUnit;
        return q;
    }
    if (value.is_number_float()) {
        const double d = value.get<double>();
        if (!std::isfinite(d) || std::fabs(d) > 1e20)
            return std::nullopt;
        Quantity q;
        q.nano = static_cast<QuantityInt>(std::ceil(d * 1e9));
        return q;
    }
    return std::nullopt;
}

// Upstream: Quantity.CanonicalizeBytes.
std::string quantityString(const Quantity& q) {
    if (q.nano == 0)
        return "0";
    QuantityFormat format = q.format;
    if (format == QuantityFormat::BinarySI) {
        const QuantityInt limit = 1024 * kNanoPerUnit;
        // Small values and values with a fraction print as decimal, to avoid rounding.
        if ((q.nano > -limit && q.nano < limit) || q.nano % kNanoPerUnit != 0)
            format = QuantityFormat::DecimalSI;
    }
    if (format == QuantityFormat::BinarySI) {
        QuantityInt amount = q.nano / kNanoPerUnit;
        int exponent = 0;
        while (amount != 0 && amount % 1024 == 0 && exponent < 6) {
            amount /= 1024;
            ++exponent;
        }
        static const char* kSuffix[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
        return toString(amount) + kSuffix[exponent];
    }
    // AsCanonicalBytes: strip factors of ten, then lower the exponent to a multiple of three.
    QuantityInt amount = q.nano;
    int exponent = -9;
    while (amount != 0 && amount % 10 == 0) {
        amount /= 10;
        ++exponent;
    }
    const int rem = ((exponent % 3) + 3) % 3;
    for (int k = 0; k < rem; ++k) {
        amount *= 10;
        --exponent;
    }
    std::string suffix;
    if (format == QuantityFormat::DecimalExponent) {
        if (exponent != 0)
            suffix = "e" + std::to_string(exponent);
    } else {
        switch (exponent) {
        case -9: suffix = "n"; break;
        case -6: suffix = "u"; break;
        case -3: suffix = "m"; break;
        case 0: break;
        case 3: suffix = "k"; break;
        case 6: suffix = "M"; break;
        case 9: suffix = "G"; break;
        case 12: suffix = "T"; break;
        case 15: suffix = "P"; break;
        case 18: suffix = "E"; break;
        default: suffix = "e" + std::to_string(exponent);
        }
    }
    return toString(amount) + suffix;
}

int compareQuantities(const Quantity& a, const Quantity& b) { return a.nano < b.nano ? -1 : (a.nano > b.nano ? 1 : 0); }

int quantitySign(const Quantity& q) { return q.nano < 0 ? -1 : (q.nano > 0 ? 1 : 0); }

int64_t quantityValue(const Quantity& q) { return static_cast<int64_t>(divideCeil(q.nano, kNanoPerUnit)); }

int64_t quantityMilliValue(const Quantity& q) { return static_cast<int64_t>(divideCeil(q.nano, 1000000)); }

}  // namespace kp::validation
