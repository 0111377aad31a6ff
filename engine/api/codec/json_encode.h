// JSON output byte-for-byte as Go's encoding/json writes it, which is what kubectl prints:
//   - keys sorted (kp::Json keeps them sorted), no spaces in compact form;
//   - HTML-sensitive characters escaped: < > & as \u003c \u003e \u0026, also U+2028/U+2029;
//   - control characters as \b \f \n \r \t or \u00XX (lowercase hex), DEL and non-ASCII kept raw;
//   - invalid UTF-8 bytes as \ufffd;
//   - floats as Go prints float64 (1000000, 1e+21, 1e-7, 0.000001); integers above int64's range
//     are printed as float64, as they are after Kubernetes' unstructured decoding.
// Upstream: encoding/json encode.go (Marshal, MarshalIndent); cli-runtime printers/json.go.
#pragma once
#include <string>
#include <string_view>

#include "base/json.h"

namespace kp::codec {

// json.Marshal: compact. kubectl stores this (plus "\n") in the
// kubectl.kubernetes.io/last-applied-configuration annotation.
std::string marshalJson(const Json& value);

// json.MarshalIndent(value, "", indent), no trailing newline.
std::string marshalJsonIndent(const Json& value, std::string_view indent = "    ");

// `kubectl get -o json`: MarshalIndent with 4 spaces, then a newline.
std::string printJson(const Json& value);

// One JSON number or string token as Go writes it (used by the YAML encoder too).
std::string jsonNumberText(const Json& number);
void appendJsonString(std::string& out, std::string_view s);

}  // namespace kp::codec
