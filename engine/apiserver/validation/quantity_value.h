// Just enough of resource.Quantity for validation: parse "500m", "1.5Gi", "2e3" or a JSON
// number, compare, and print the canonical form Kubernetes uses in messages (Quantity.String():
// "0.5" prints as "500m", "2000" as "2k", "0.5Gi" as "512Mi").
// SIMPLIFICATION: values are held in nano-units in a 128-bit integer; quantities beyond about
// 10^29 (which Kubernetes would hold as arbitrary-precision decimals) are not parsed.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/json.h"

namespace kp::validation {

__extension__ typedef __int128 QuantityInt;

enum class QuantityFormat { DecimalSI, BinarySI, DecimalExponent };

struct Quantity {
    QuantityInt nano = 0;  // value * 10^9
    QuantityFormat format = QuantityFormat::DecimalSI;
};

std::optional<Quantity> parseQuantity(std::string_view text);
// A JSON string is parsed as above; a JSON number is a DecimalSI quantity.
std::optional<Quantity> quantityFromJson(const Json& value);

// Quantity.String(): the canonical text.
std::string quantityString(const Quantity& q);
int compareQuantities(const Quantity& a, const Quantity& b);  // -1, 0, 1
int quantitySign(const Quantity& q);
// Value() and MilliValue(): rounded up, as Kubernetes does.
int64_t quantityValue(const Quantity& q);
int64_t quantityMilliValue(const Quantity& q);

}  // namespace kp::validation
