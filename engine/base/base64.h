// Standard base64 (RFC 4648, "+/" alphabet) for bytes the engine keeps as text: Secret data,
// kubeconfig certificate fields, environment values from Secrets.
#pragma once
#include <string>
#include <string_view>

namespace kp {

// Decodes standard base64, skipping every character outside the alphabet (padding, line
// breaks). For text already checked (schema::base64Error) or known to be well formed.
// The value of a base64 digit ("+/" alphabet), or -1 for any other character.
inline int base64DigitValue(char c) {
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

// Decodes standard base64, skipping every character outside the alphabet (padding, line
// breaks). For text already checked (schema::base64Error) or known to be well formed.
inline std::string base64DecodeLenient(std::string_view text) {
    std::string out;
    int bits = 0;
    unsigned buffer = 0;
    for (char c : text) {
        const int v = base64DigitValue(c);
        if (v < 0)
            continue;
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xff);
        }
    }
    return out;
}

}  // namespace kp
