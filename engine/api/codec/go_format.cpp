#include "api/codec/go_format.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace kp::codec {
namespace {

// Shortest decimal digits of |v|: value = 0.d1d2...dn * 10^pointPos (Go's decimal "dp").
struct ShortestDigits {
    std::string digits;  // no leading/trailing zeros; "" for zero
    int pointPos = 0;
};

ShortestDigits shortestDigits(double v, int bitSize) {
    ShortestDigits out;
    if (v == 0)
        return out;
    // Shortest digits that read back to the same value: try 1, 2, ... significant digits with
    // correctly rounded printf. (libc++ 14, which emscripten 3.1.6 ships, has no floating-point
    // std::to_chars.) Go's strconv picks the same digits: the closest shortest representation.
    char buf[64];
    const double a = bitSize == 32 ? static_cast<double>(static_cast<float>(std::fabs(v))) : std::fabs(v);
    int len = 0;
    for (int precision = 0; precision < 17; ++precision) {
        len = std::snprintf(buf, sizeof buf, "%.*e", precision, a);
        if (bitSize == 32 ? std::strtof(buf, nullptr) == static_cast<float>(a) : std::strtod(buf, nullptr) == a)
            break;
    }
    std::string_view text(buf, static_cast<std::size_t>(len));  // "1.2345e+06"
    std::size_t e = text.find('e');
    for (char c : text.substr(0, e))
        if (c != '.')
            out.digits.push_back(c);
    while (out.digits.size() > 1 && out.digits.back() == '0')
        out.digits.pop_back();
    int exp10 = std::stoi(std::string(text.substr(e + 1)));
    out.pointPos = exp10 + 1;
    return out;
}

std::string formatE(bool neg, const ShortestDigits& d) {
    std::string s = neg ? "-" : "";
    s.push_back(d.digits.empty() ? '0' : d.digits[0]);
    if (d.digits.size() > 1) {
        s.push_back('.');
        s.append(d.digits, 1, std::string::npos);
    }
    int exp = d.digits.empty() ? 0 : d.pointPos - 1;
    s.push_back('e');
    s.push_back(exp < 0 ? '-' : '+');
    int a = exp < 0 ? -exp : exp;
    if (a < 10)
        s.push_back('0');
    s += std::to_string(a);
    return s;
}

std::string formatF(bool neg, const ShortestDigits& d) {
    std::string s = neg ? "-" : "";
    int nd = static_cast<int>(d.digits.size());
    if (d.pointPos > 0) {
        for (int i = 0; i < d.pointPos; ++i)
            s.push_back(i < nd ? d.digits[static_cast<std::size_t>(i)] : '0');
    } else {
        s.push_back('0');
    }
    int frac = nd - d.pointPos;
    if (frac > 0) {
        s.push_back('.');
        for (int i = 0; i < frac; ++i) {
            int idx = d.pointPos + i;
            s.push_back(idx < 0 ? '0' : d.digits[static_cast<std::size_t>(idx)]);
        }
    }
    return s;
}

// Length and validity of the UTF-8 sequence at s[i]; `size` is the maximal subpart when invalid.
struct Utf8Step {
    std::size_t size;
    bool valid;
    uint32_t rune;
};

Utf8Step utf8Step(std::string_view s, std::size_t i) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    if (c < 0x80)
        return {1, true, c};
    std::size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    uint32_t rune;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
        rune = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        rune = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0;
        if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        rune = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F;
    } else {
        return {1, false, 0xFFFD};
    }
    std::size_t k = 1;
    for (; k < need; ++k) {
        if (i + k >= s.size())
            return {k, false, 0xFFFD};
        unsigned char cc = b(i + k);
        unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
        if (cc < l || cc > h)
            return {k, false, 0xFFFD};
        rune = (rune << 6) | (cc & 0x3F);
    }
    return {need, true, rune};
}

void appendUtf8(std::string& out, uint32_t r) {
    if (r < 0x80) {
        out.push_back(static_cast<char>(r));
    } else if (r < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (r >> 6)));
        out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
    } else if (r < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (r >> 12)));
        out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (r >> 18)));
        out.push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
    }
}

// A rough unicode.IsPrint: everything valid except C0/C1 controls, DEL and a few format characters.
bool isPrintRune(uint32_t r) {
    if (r < 0x20 || (r >= 0x7F && r < 0xA0))
        return false;
    if (r == 0xAD || r == 0x2028 || r == 0x2029 || r == 0xFEFF || (r >= 0x200B && r <= 0x200F))
        return false;
    if (r == 0xFFFE || r == 0xFFFF)
        return false;
    return true;
}

}  // namespace

std::string formatFloat(double v, char fmt, int bitSize) {
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    bool neg = std::signbit(v);
    ShortestDigits d = shortestDigits(v, bitSize);
    if (fmt == 'e')
        return formatE(neg, d);
    if (fmt == 'f')
        return formatF(neg, d);
    // 'g' with shortest precision: exponent form when the exponent is < -4 or >= 6 (Go uses 6
    // as the precision for this decision when printing the shortest representation).
    int exp = d.digits.empty() ? -1 : d.pointPos - 1;
    if (!d.digits.empty() && (exp < -4 || exp >= 6))
        return formatE(neg, d);
    return formatF(neg, d);
}

std::string formatJsonFloat(double v) {
    double a = std::fabs(v);
    if (a != 0 && (a < 1e-6 || a >= 1e21)) {
        std::string s = formatFloat(v, 'e');
        std::size_t n = s.size();
        if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0')
            s.erase(n - 2, 1);
        return s;
    }
    return formatFloat(v, 'f');
}

std::string quoteGo(std::string_view s) {
    static const char* hex = "0123456789abcdef";
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size();) {
        Utf8Step st = utf8Step(s, i);
        if (!st.valid) {
            for (std::size_t k = 0; k < st.size; ++k) {
                unsigned char c = static_cast<unsigned char>(s[i + k]);
                out += "\\x";
                out.push_back(hex[c >> 4]);
                out.push_back(hex[c & 15]);
            }
            i += st.size;
            continue;
        }
        uint32_t r = st.rune;
        i += st.size;
        switch (r) {
            case '"': out += "\\\""; continue;
            case '\\': out += "\\\\"; continue;
            case '\a': out += "\\a"; continue;
            case '\b': out += "\\b"; continue;
            case '\f': out += "\\f"; continue;
            case '\n': out += "\\n"; continue;
            case '\r': out += "\\r"; continue;
            case '\t': out += "\\t"; continue;
            case '\v': out += "\\v"; continue;
            default: break;
        }
        if (isPrintRune(r)) {
            appendUtf8(out, r);
            continue;
        }
        char buf[16];
        if (r < 0x80)
            std::snprintf(buf, sizeof buf, "\\x%02x", r);
        else if (r < 0x10000)
            std::snprintf(buf, sizeof buf, "\\u%04x", r);
        else
            std::snprintf(buf, sizeof buf, "\\U%08x", r);
        out += buf;
    }
    out += "\"";
    return out;
}

std::string toValidUtf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        Utf8Step st = utf8Step(s, i);
        if (st.valid)
            out.append(s.substr(i, st.size));
        else
            out += "\xEF\xBF\xBD";
        i += st.size;
    }
    return out;
}

bool isValidUtf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        Utf8Step st = utf8Step(s, i);
        if (!st.valid)
            return false;
        i += st.size;
    }
    return true;
}

}  // namespace kp::codec
