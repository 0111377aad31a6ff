// What the Go JSON decoders of Kubernetes value types accept, and the exact error text they
// return otherwise. The apiserver puts these texts verbatim into its 400 responses
// (`Pod in version "v1" cannot be handled as a Pod: <text>`), so learners see them.
//
// Each check returns "" when Go would accept the value.
#pragma once
#include <string>
#include <string_view>

namespace kp::schema {

// resource.Quantity: "500m", "128Mi", "1e3", "0.5". The texts are ErrFormatWrong
// ("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
// and ErrSuffix ("unable to parse quantity's suffix").
// Upstream: apimachinery pkg/api/resource/quantity.go#ParseQuantity
std::string quantityError(std::string_view text);

// metav1.Time (RFC 3339: "2006-01-02T15:04:05Z07:00") or, with `micro`, metav1.MicroTime
// ("2006-01-02T15:04:05.000000Z07:00"). The texts are Go's time.ParseError, e.g.
// `parsing time "2024-1-02" as "2006-01-02T15:04:05Z07:00": cannot parse "1-02" as "01"`.
// Upstream: Go time/format.go#parse
std::string timeError(std::string_view text, bool micro);

// []byte fields hold standard base64 with padding; \r and \n are skipped.
// The text is `illegal base64 data at input byte N`.
// Upstream: Go encoding/base64/base64.go#decodeQuantum
std::string base64Error(std::string_view text);

// A float64 as Go's encoding/json writes it: "1.5", "3", "1e+21", "1e-7". kubectl converts
// YAML to JSON with it, so this is the literal the apiserver quotes in "number 1.5".
std::string goFormatFloat(double value);

}  // namespace kp::schema
