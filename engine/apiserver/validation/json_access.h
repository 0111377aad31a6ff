// Read-only accessors for the JSON objects being validated. Validation runs after strict
// decoding, but a field may still be absent or null; these helpers make absent, null and
// wrong-typed values read as the Go zero value, which is what the internal structs hold.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "base/json.h"

namespace kp::validation {

// The member `key` of `obj`, or a null Json when `obj` is not an object or lacks it.
const Json& member(const Json& obj, std::string_view key);
// True when `key` is present and not null (a Go pointer that is set).
bool has(const Json& obj, std::string_view key);
std::string str(const Json& obj, std::string_view key);
int64_t integer(const Json& obj, std::string_view key, int64_t fallback = 0);
bool boolean(const Json& obj, std::string_view key);
// Number of elements of an array member (0 when absent); number of keys of an object member.
size_t count(const Json& obj, std::string_view key);
// Iteration helpers: an empty array / object when the member is absent or mistyped.
const Json& array(const Json& obj, std::string_view key);
const Json& object(const Json& obj, std::string_view key);

// apiequality.Semantic.DeepEqual on the JSON forms: Kubernetes treats an empty slice or map as
// equal to a nil one, so null members and empty arrays/objects compare equal to absent ones.
bool semanticallyEqual(const Json& a, const Json& b);
// `v` without null members and without empty arrays/objects (recursively).
Json withoutEmpty(const Json& v);

}  // namespace kp::validation
