// Resource quantities ("100m", "128Mi", "1.5G", "2e3") as apimachinery pkg/api/resource
// parses, compares, adds and prints them. The printed form is what kubectl shows everywhere
// (`describe node` Allocated resources, `get -o yaml` of a pod's resources), so String()
// follows upstream's canonicalisation exactly:
// - the number is written with no fractional part, its exponent moved down to a multiple of 3
//   and spelled with the format's suffix: "0.5" -> "500m", "1.5G" -> "1500M", "1000" -> "1k";
// - binary quantities use the largest power of 1024 that divides them: "1024Mi" -> "1Gi",
//   "1000Mi" stays "1000Mi", "1.5Gi" -> "1536Mi"; below 1024 or fractional they print decimal;
// - values are rounded *up* (away from zero) to nano units when parsed: "0.1n" -> "1n";
// - a string that is already canonical is kept as typed, sign and leading zeros included
//   ("1e3" stays "1e3", "+1" stays "+1", "1Gi" stays "1Gi").
//
// Representation: an exact decimal (sign, decimal digit string, power-of-ten exponent), no
// floating point. Limits (SIMPLIFICATION): exponents are held as int64 (upstream wraps int32
// in absurd cases like "1.5e-2147483648"); add/sub of operands more than 4096 decimal places
// apart keep only the larger one instead of materialising the exact sum.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/json.h"

namespace kp::resource {

// resource.Format: how a quantity prints.
enum class Format {
    DecimalExponent,  // 12e6
    BinarySI,         // 12Mi (12 * 2^20)
    DecimalSI,        // 12M  (12 * 10^6)
};
std::string_view formatName(Format f);  // "DecimalExponent", "BinarySI", "DecimalSI"

// Parse error texts (ErrFormatWrong, ErrNumeric, ErrSuffix).
inline constexpr std::string_view kErrFormatWrong =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
inline constexpr std::string_view kErrNumeric = "unable to parse numeric part of quantity";
inline constexpr std::string_view kErrSuffix = "unable to parse quantity's suffix";

class Quantity {
public:
    Quantity() = default;  // zero, DecimalSI

    // resource.ParseQuantity. Accepts [+-]digits[.digits][suffix] with suffixes
    // n u m "" k M G T P E (decimal), Ki Mi Gi Ti Pi Ei (binary), e<N>/E<N> (exponent).
    // On failure returns nullopt with one of the kErr* texts in *error.
    static std::optional<Quantity> parse(std::string_view text, std::string* error);
    // resource.NewQuantity / NewMilliQuantity / NewScaledQuantity (value * 10^scale, DecimalSI).
    static Quantity fromInt64(int64_t value, Format format);
    static Quantity fromMilli(int64_t milliValue, Format format);
    static Quantity fromScaled(int64_t value, int32_t scale);

    // String(): see the file comment. Zero prints "0".
    std::string toString() const;

    // Value()/MilliValue()/ScaledValue(scale): the value in units of 10^scale, rounded up
    // (negative values away from zero). 0 when it does not fit in int64, as upstream's int64
    // path returns.
    int64_t value() const { return scaledValue(0); }
    int64_t milliValue() const { return scaledValue(-3); }
    int64_t scaledValue(int32_t scale) const;

    // -1, 0, 1 by value; format and spelling do not matter ("1Gi" == "1073741824").
    int cmp(const Quantity& other) const;
    int cmpInt64(int64_t v) const;
    bool equal(const Quantity& other) const { return cmp(other) == 0; }

    // Exact arithmetic for resource accounting. A zero quantity takes the other's format
    // first (so summing from Quantity() keeps "Mi" memory binary).
    void add(const Quantity& y);
    void sub(const Quantity& y);
    void neg();

    bool isZero() const { return digits_.empty(); }
    int sign() const { return isZero() ? 0 : negative_ ? -1 : 1; }
    Format format() const { return format_; }

    // The API form: always a JSON string of toString().
    Json toJson() const { return Json(toString()); }
    // Decoding a field of type Quantity: strings (surrounding spaces trimmed) and JSON numbers
    // (their decimal text, e.g. 1 -> "1", 0.5 -> "0.5") are parsed; null is zero.
    static std::optional<Quantity> fromJson(const Json& j, std::string* error);

private:
    bool negative_ = false;
    std::string digits_;     // magnitude: no leading or trailing zeros; empty for zero
    int64_t exponent_ = 0;   // value = digits_ * 10^exponent_
    Format format_ = Format::DecimalSI;
    std::string cached_;     // the typed string when it was already canonical (upstream's q.s)
};

}  // namespace kp::resource
