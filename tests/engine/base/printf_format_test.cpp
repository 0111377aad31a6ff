// printf as bash's builtin prints it: conversions with flags, width and precision, escapes in the
// format and in %b arguments, the format reused for extra arguments, and invalid numbers.
#include <catch2/catch.hpp>

#include "base/printf_format.h"

using kp::formatPrintf;

TEST_CASE("printf formats conversions with flags, width and precision", "[base][printf]") {
    CHECK(formatPrintf("%5s|%-5s|%05d|%x|%X|%o|%.2f|%e\\n", {"ab", "cd", "42", "255", "255", "8", "3.14159", "1500"}).out ==
          "   ab|cd   |00042|ff|FF|10|3.14|1.500000e+03\n");
    CHECK(formatPrintf("%d %d %d\\n", {"0x1f", "010", "'A"}).out == "31 8 65\n");
    CHECK(formatPrintf("%c%c", {"hello", "world"}).out == "hw");
    CHECK(formatPrintf("%q\\n", {"a b'c"}).out == "a\\ b\\'c\n");
    CHECK(formatPrintf("%*d|%-*s|\\n", {"4", "7", "3", "x"}).out == "   7|x  |\n");
    CHECK(formatPrintf("100%%\\n", {}).out == "100%\n");
}

TEST_CASE("printf reuses its format while arguments remain and fills missing ones", "[base][printf]") {
    CHECK(formatPrintf("%s\\n", {"a", "b", "c"}).out == "a\nb\nc\n");
    CHECK(formatPrintf("%s=%s\\n", {"k1", "v1", "k2"}).out == "k1=v1\nk2=\n");
    CHECK(formatPrintf("no args %s|%d\\n", {}).out == "no args |0\n");
    CHECK(formatPrintf("static\\n", {"ignored"}).out == "static\n");
}

TEST_CASE("printf expands escapes in the format and in %b arguments", "[base][printf]") {
    CHECK(formatPrintf("x\\x41\\101\\tz\\r\\n", {}).out == "xAA\tz\r\n");
    CHECK(formatPrintf("%b|%s\\n", {"a\\tb\\0101", "a\\tb"}).out == "a\tbA|a\\tb\n");
    CHECK(formatPrintf("%b", {"stop\\chere"}).out == "stop");
    CHECK(formatPrintf("GET / HTTP/1.0\\r\\n\\r\\n", {}).out == "GET / HTTP/1.0\r\n\r\n");
}

TEST_CASE("printf reports invalid numbers and keeps going", "[base][printf]") {
    kp::PrintfResult r = formatPrintf("%d|%d\\n", {"abc", "7"});
    CHECK(r.out == "0|7\n");
    CHECK(r.err == "abc: invalid number\n");
    CHECK(r.exitCode == 1);
    kp::PrintfResult bad = formatPrintf("%y\\n", {"1"});
    CHECK(bad.err == "`y': invalid format character\n");
    CHECK(bad.exitCode == 1);
}
