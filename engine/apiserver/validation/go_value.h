// Go fmt renderings of the values Kubernetes puts into validation messages. Upstream prints a
// bad value with %q for strings, %v for numbers and bools, and %#v for everything else, so a
// learner sees `map[string]string{"app":"x"}` or `intstr.IntOrString{Type:0, IntVal:0, StrVal:""}`.
// These helpers rebuild that text from the JSON form of the value.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "base/json.h"

namespace kp::validation {

// strconv.Quote: `"a\"b\n"`; printable UTF-8 kept, control bytes and invalid UTF-8 escaped.
std::string goQuote(std::string_view s);

// %#v of map[string]string: `map[string]string{"a":"1", "b":"2"}` (keys sorted), or
// `map[string]string(nil)` when `m` is absent/null.
std::string goStringMap(const Json& m);
// %#v of []string: `[]string{"a", "b"}`, or `[]string(nil)` when absent/null.
std::string goStringSlice(const Json& a);
// %#v of intstr.IntOrString built from 8080 or "http" (absent = zero value).
std::string goIntOrString(const Json& v);
// %#v of a dereferenced *metav1.LabelSelector: `v1.LabelSelector{MatchLabels:..., MatchExpressions:...}`.
std::string goLabelSelector(const Json& selector);
// %v of a metav1.Time ("2024-05-01 10:00:00 +0000 UTC") from its RFC 3339 JSON form.
std::string goTime(std::string_view rfc3339);

// The default rendering field.Error uses for a JSON scalar: strings quoted, numbers and bools
// bare, null as "null". Objects of strings print as map[string]string, arrays of strings as
// []string.
// SIMPLIFICATION: other objects and arrays print as compact JSON; upstream would print the
// internal Go struct with %#v, which has no JSON counterpart.
std::string goDefault(const Json& v);

}  // namespace kp::validation
