// Number and string formatting the way Go's standard library prints them. kubectl output goes
// through Go's strconv and encoding/json, so these decide how numbers look in `-o json` / `-o yaml`.
#pragma once
#include <string>
#include <string_view>

namespace kp::codec {

// strconv.FormatFloat(v, fmt, -1, bitSize): the shortest digits that read back as `v`
// (as a float32 when bitSize is 32). fmt is 'g', 'e' or 'f'.
//   formatFloat(1e6, 'g') == "1e+06", formatFloat(0.5, 'g') == "0.5", formatFloat(1e-7, 'e') == "1e-07"
// Infinities and NaN print as "+Inf", "-Inf", "NaN".
std::string formatFloat(double v, char fmt, int bitSize = 64);

// encoding/json's float text: 'f' for 1e-6 <= |v| < 1e21, else 'e' with "e-07" shortened to "e-7".
//   1000000.0 -> "1000000", 1e21 -> "1e+21", 1e-7 -> "1e-7", -0.0 -> "-0"
std::string formatJsonFloat(double v);

// strconv.Quote: a double-quoted Go string literal ("a\"b\n" -> "\"a\\\"b\\n\""), as %q and %#v print.
std::string quoteGo(std::string_view s);

// Replaces each invalid UTF-8 sequence by U+FFFD (one per maximal invalid subpart, as
// golang.org/x/text's UTF-8 decoder and Go's json encoder do).
std::string toValidUtf8(std::string_view s);
bool isValidUtf8(std::string_view s);

}  // namespace kp::codec
