#include "base/printf_format.h"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "base/text.h"
namespace kp {
namespace {

bool isOctal(char c) { return c >= '0' && c <= '7'; }

// A numeric argument as printf reads it: integers (decimal, 0x hex, 0 octal), 'c for a
// character's code. *ok is false when it is not a number (then the value read so far is used).
long long integerArgument(const std::string& s, bool* ok) {
    *ok = true;
    if (s.empty())
        return 0;
    if (s[0] == '\'' || s[0] == '"')
        return s.size() > 1 ? static_cast<unsigned char>(s[1]) : 0;
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(s.c_str(), &end, 0);
    if (end == s.c_str() || *end != '\0' || errno != 0)
        *ok = false;
    return v;
}

double floatArgument(const std::string& s, bool* ok) {
    *ok = true;
    if (s.empty())
        return 0;
    if (s[0] == '\'' || s[0] == '"')
        return s.size() > 1 ? static_cast<unsigned char>(s[1]) : 0;
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (end == s.c_str() || *end != '\0')
        *ok = false;
    return v;
}

// %q: a word the shell reads back as the same string.
std::string shellQuote(const std::string& s) {
    if (s.empty())
        return "''";
    std::string out;
    for (char c : s) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && std::string("_-./=:,@%+").find(c) == std::string::npos)
            out += '\\';
        out += c;
    }
    return out;
}

}  // namespace

std::string expandBackslashEscapes(const std::string& s, bool inFormat, bool* stop) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 == s.size()) {
            out += s[i];
            continue;
        }
        const char e = s[++i];
        switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'v': out += '\v'; break;
        case 'e':
        case 'E': out += '\x1b'; break;
        case '\\': out += '\\'; break;
        case '"': out += inFormat ? "\"" : "\\\""; break;
        case '\'': out += inFormat ? "'" : "\\'"; break;
        case 'c':
            if (!inFormat) {
                if (stop)
                    *stop = true;
                return out;
            }
            out += "\\c";
            break;
        case 'x': {
            int value = 0, digits = 0;
            while (digits < 2 && i + 1 < s.size() && hexDigitValue(s[i + 1]) >= 0) {
                value = value * 16 + hexDigitValue(s[++i]);
                ++digits;
            }
            if (digits == 0)
                out += "\\x";
            else
                out += static_cast<char>(value);
            break;
        }
        default:
            if (isOctal(e)) {
                // A format takes \NNN; %b takes \0NNN (and \NNN, as bash does).
                size_t j = i;
                const bool leadingZero = !inFormat && e == '0';
                int value = leadingZero ? 0 : e - '0';
                for (int digits = leadingZero ? 0 : 1; digits < 3 && j + 1 < s.size() && isOctal(s[j + 1]); ++digits)
                    value = value * 8 + (s[++j] - '0');
                i = j;
                out += static_cast<char>(value & 0xff);
            } else {
                out += '\\';
                out += e;
            }
        }
    }
    return out;
}

PrintfResult formatPrintf(const std::string& format, const std::vector<std::string>& args) {
    PrintfResult r;
    size_t next = 0;
    bool stop = false;
    do {
        const size_t firstArg = next;
        for (size_t j = 0; j < format.size() && !stop; ++j) {
            const char c = format[j];
            if (c == '\\') {
                size_t end = j + 1;
                // One escape: hand the shortest complete sequence to the expander.
                if (end < format.size()) {
                    if (format[end] == 'x') {
                        while (end + 1 < format.size() && end - j < 3 && hexDigitValue(format[end + 1]) >= 0)
                            ++end;
                    } else if (isOctal(format[end])) {
                        while (end + 1 < format.size() && end - j < 3 && isOctal(format[end + 1]))
                            ++end;
                    }
                }
                r.out += expandBackslashEscapes(format.substr(j, end - j + 1), true);
                j = end;
                continue;
            }
            if (c != '%' || j + 1 == format.size()) {
                r.out += c;
                continue;
            }
            if (format[j + 1] == '%') {
                r.out += '%';
                ++j;
                continue;
            }
            // %[flags][width][.precision]conversion
            size_t k = j + 1;
            std::string spec = "%";
            while (k < format.size() && std::string("-+ #0").find(format[k]) != std::string::npos)
                spec += format[k++];
            auto number = [&] {
                if (k < format.size() && format[k] == '*') {
                    ++k;
                    bool ok = true;
                    spec += std::to_string(next < args.size() ? integerArgument(args[next++], &ok) : 0);
                    return;
                }
                while (k < format.size() && std::isdigit(static_cast<unsigned char>(format[k])))
                    spec += format[k++];
            };
            number();
            if (k < format.size() && format[k] == '.') {
                spec += format[k++];
                number();
            }
            if (k == format.size()) {
                r.out += format.substr(j);
                break;
            }
            const char conv = format[k];
            j = k;
            const bool have = next < args.size();
            const std::string arg = have ? args[next++] : "";
            char buf[512];
            bool ok = true;
            switch (conv) {
            case 's':
            case 'b':
            case 'q': {
                std::string text = conv == 'b' ? expandBackslashEscapes(arg, false, &stop) : conv == 'q' ? shellQuote(arg) : arg;
                std::snprintf(buf, sizeof buf, (spec + "s").c_str(), text.c_str());
                r.out += text.size() < 400 ? std::string(buf) : text;
                break;
            }
            case 'c':
                if (!arg.empty()) {
                    std::snprintf(buf, sizeof buf, (spec + "c").c_str(), arg[0]);
                    r.out += buf;
                }
                break;
            case 'd':
            case 'i': {
                long long v = integerArgument(arg, &ok);
                std::snprintf(buf, sizeof buf, (spec + "lld").c_str(), v);
                r.out += buf;
                break;
            }
            case 'u':
            case 'o':
            case 'x':
            case 'X': {
                long long v = integerArgument(arg, &ok);
                std::snprintf(buf, sizeof buf, (spec + "ll" + conv).c_str(), static_cast<unsigned long long>(v));
                r.out += buf;
                break;
            }
            case 'e':
            case 'E':
            case 'f':
            case 'F':
            case 'g':
            case 'G': {
                double v = floatArgument(arg, &ok);
                std::snprintf(buf, sizeof buf, (spec + conv).c_str(), v);
                r.out += buf;
                break;
            }
            default:
                r.err += std::string("`") + conv + "': invalid format character\n";
                r.exitCode = 1;
                return r;
            }
            if (!ok) {
                r.err += arg + ": invalid number\n";
                r.exitCode = 1;
            }
        }
        if (next == firstArg)
            break;  // the format consumed no argument: print it once
    } while (next < args.size() && !stop);
    return r;
}

}  // namespace kp
