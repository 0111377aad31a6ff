// printf(1) as the shells run it (bash's builtin, busybox's applet): the format's backslash
// escapes, conversions %s %b %c %d %i %u %o %x %X %e %f %g %q %% with flags, width and precision,
// and the format reused while arguments remain.
#pragma once
#include <string>
#include <vector>

namespace kp {

struct PrintfResult {
    std::string out;
    std::string err;  // "<arg>: invalid number" lines, without the program prefix
    int exitCode = 0;
};

PrintfResult formatPrintf(const std::string& format, const std::vector<std::string>& args);

// The backslash escapes of a format or of a %b argument (\n \t \\ \0NNN \xHH ...). *stop is set
// by \c (print nothing more).
std::string expandBackslashEscapes(const std::string& s, bool inFormat, bool* stop = nullptr);

}  // namespace kp
