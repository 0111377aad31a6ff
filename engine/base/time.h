// Virtual time. The engine has no wall clock: every timestamp is a kp::Time on the
// cluster's VirtualClock. Kubernetes serialises metav1.Time as RFC 3339 with whole
// seconds ("2024-05-01T10:00:00Z") and metav1.MicroTime with microseconds.
#pragma once
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kp {

// A span of virtual time, in milliseconds.
struct Duration {
    int64_t ms = 0;

    static constexpr Duration millis(int64_t v) { return {v}; }
    static constexpr Duration seconds(int64_t v) { return {v * 1000}; }
    static constexpr Duration minutes(int64_t v) { return {v * 60'000}; }
    static constexpr Duration hours(int64_t v) { return {v * 3'600'000}; }

    constexpr int64_t wholeSeconds() const { return ms / 1000; }
    constexpr auto operator<=>(const Duration&) const = default;
    constexpr Duration operator+(Duration o) const { return {ms + o.ms}; }
    constexpr Duration operator-(Duration o) const { return {ms - o.ms}; }
    constexpr Duration operator*(int64_t k) const { return {ms * k}; }
};

// A point in virtual time: milliseconds since the Unix epoch. Zero means "unset".
struct Time {
    int64_t ms = 0;

    constexpr bool isZero() const { return ms == 0; }
    constexpr auto operator<=>(const Time&) const = default;
    constexpr Time operator+(Duration d) const { return {ms + d.ms}; }
    constexpr Time operator-(Duration d) const { return {ms - d.ms}; }
    constexpr Duration operator-(Time o) const { return {ms - o.ms}; }
};

// "2024-05-01T10:00:00Z" (metav1.Time: seconds are truncated).
std::string formatRFC3339(Time t);
// "2024-05-01T10:00:00.123000Z" (metav1.MicroTime).
std::string formatRFC3339Micro(Time t);
// Go's time.RFC3339Nano: fractional seconds without trailing zeros ("...:05.12Z", "...:05Z").
std::string formatRFC3339Nano(Time t);
// "Wed, 01 May 2024 10:00:00 +0000" (kubectl describe).
std::string formatRFC1123Z(Time t);
// Accepts RFC 3339 with or without fractional seconds and with Z or a numeric offset.
std::optional<Time> parseRFC3339(std::string_view text);

// kubectl's AGE column (apimachinery HumanDuration): "5s", "2m3s", "5h", "3d4h", "2y10d".
std::string humanDuration(Duration d);
// Age of a timestamp as kubectl prints it: "<unknown>" for zero, "<invalid>" in the future.
std::string translateTimestampSince(Time t, Time now);

}  // namespace kp
