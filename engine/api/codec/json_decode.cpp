#include "api/codec/json_decode.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <vector>

#include "api/codec/go_format.h"
#include "api/codec/limits.h"
#include "base/text.h"

namespace kp::codec {
namespace {

bool isJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Go's quoteChar: 'x', '\'', '"', '\n', '\x01', 'ÿ' (a byte >= 0x80 is shown as that code point).
std::string quoteChar(unsigned char c) {
    if (c == '\'')
        return "'\\''";
    if (c == '"')
        return "'\"'";
    std::string rune;
    if (c < 0x80) {
        rune.push_back(static_cast<char>(c));
    } else {
        rune.push_back(static_cast<char>(0xC0 | (c >> 6)));
        rune.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
    std::string q = quoteGo(rune);
    return "'" + q.substr(1, q.size() - 2) + "'";
}

struct Failure {
    enum Kind { Syntax, Eof, Type } kind;
    std::size_t pos = 0;  // offending byte
    std::string message;
};

// Parses one value starting at `pos` (leading whitespace allowed) with Go's scanner rules.
// Builds the value with an explicit stack; never recurses.
class ValueParser {
public:
    ValueParser(std::string_view text, std::size_t pos) : t_(text), pos_(pos) {}

    std::optional<Failure> failure;
    std::size_t end() const { return pos_; }

    // Returns false at a clean end of input (only whitespace left) without a failure.
    bool parse(Json& out) {
        skipSpace();
        if (pos_ >= t_.size())
            return false;
        struct Level {
            Json value;
            bool isObject;
            std::string key;
            bool expectKey;  // object: waiting for a key (or '}' right after '{')
        };
        std::vector<Level> stack;
        bool justOpened = false;
        for (;;) {
            // --- a value (or the close of an empty container)
            skipSpace();
            if (pos_ >= t_.size())
                return eof();
            char c = t_[pos_];
            Json value;
            bool haveValue = false;
            if (!stack.empty() && stack.back().isObject && stack.back().expectKey) {
                if (c == '}' && justOpened) {
                    ++pos_;
                    value = std::move(stack.back().value);
                    stack.pop_back();
                    haveValue = true;
                } else if (c != '"') {
                    return syntax(pos_, "looking for beginning of object key string");
                } else {
                    std::string key;
                    if (!readString(key))
                        return true;
                    stack.back().key = std::move(key);
                    stack.back().expectKey = false;
                    skipSpace();
                    if (pos_ >= t_.size())
                        return eof();
                    if (t_[pos_] != ':')
                        return syntax(pos_, "after object key");
                    ++pos_;
                    justOpened = false;
                    continue;
                }
            } else if (c == ']' && justOpened && !stack.empty() && !stack.back().isObject) {
                ++pos_;
                value = std::move(stack.back().value);
                stack.pop_back();
                haveValue = true;
            }
            justOpened = false;
            if (!haveValue) {
                if (c == '{' || c == '[') {
                    if (static_cast<int>(stack.size()) + 1 > kMaxJsonDepth)
                        return syntax(pos_, "exceeded max depth");
                    ++pos_;
                    stack.push_back(Level{c == '{' ? Json::object() : Json::array(), c == '{', "", c == '{'});
                    justOpened = true;
                    continue;
                }
                if (!readScalar(value))
                    return true;
            }
            // --- after a value: attach it, then close containers as their ends arrive
            for (;;) {
                if (stack.empty()) {
                    out = std::move(value);
                    return true;
                }
                Level& top = stack.back();
                if (top.isObject)
                    top.value[top.key] = std::move(value);
                else
                    top.value.push_back(std::move(value));
                skipSpace();
                if (pos_ >= t_.size())
                    return eof();
                char d = t_[pos_];
                if (d == ',') {
                    ++pos_;
                    if (top.isObject)
                        top.expectKey = true;
                    break;
                }
                if ((top.isObject && d == '}') || (!top.isObject && d == ']')) {
                    ++pos_;
                    value = std::move(top.value);
                    stack.pop_back();
                    continue;
                }
                return syntax(pos_, top.isObject ? "after object key:value pair" : "after array element");
            }
        }
    }

private:
    std::string_view t_;
    std::size_t pos_;

    void skipSpace() {
        while (pos_ < t_.size() && isJsonSpace(t_[pos_]))
            ++pos_;
    }
    bool syntax(std::size_t at, const std::string& context) {
        failure = Failure{Failure::Syntax, at,
                          "invalid character " + quoteChar(static_cast<unsigned char>(t_[at])) + " " + context};
        return true;
    }
    bool eof() {
        failure = Failure{Failure::Eof, t_.size(), ""};
        return true;
    }

    bool readScalar(Json& out) {
        char c = t_[pos_];
        if (c == '"') {
            std::string s;
            if (!readString(s))
                return false;
            out = std::move(s);
            return true;
        }
        if (c == '-' || isDigit(c))
            return readNumber(out);
        if (c == 't')
            return readLiteral("true", Json(true), out);
        if (c == 'f')
            return readLiteral("false", Json(false), out);
        if (c == 'n')
            return readLiteral("null", Json(nullptr), out);
        syntax(pos_, "looking for beginning of value");
        return false;
    }

    bool readLiteral(std::string_view word, Json value, Json& out) {
        for (std::size_t k = 1; k < word.size(); ++k) {
            std::size_t at = pos_ + k;
            if (at >= t_.size()) {
                eof();
                return false;
            }
            if (t_[at] != word[k]) {
                syntax(at, "in literal " + std::string(word) + " (expecting '" + std::string(1, word[k]) + "')");
                return false;
            }
        }
        pos_ += word.size();
        out = std::move(value);
        return true;
    }

    bool readNumber(Json& out) {
        std::size_t start = pos_;
        bool isFloat = false;
        auto need = [&](const char* context) {
            if (pos_ >= t_.size()) {
                eof();
                return false;
            }
            if (!isDigit(t_[pos_])) {
                syntax(pos_, context);
                return false;
            }
            return true;
        };
        if (t_[pos_] == '-') {
            ++pos_;
            if (!need("in numeric literal"))
                return false;
        }
        if (t_[pos_] == '0') {
            ++pos_;
        } else {
            while (pos_ < t_.size() && isDigit(t_[pos_]))
                ++pos_;
        }
        if (pos_ < t_.size() && t_[pos_] == '.') {
            isFloat = true;
            ++pos_;
            if (!need("after decimal point in numeric literal"))
                return false;
            while (pos_ < t_.size() && isDigit(t_[pos_]))
                ++pos_;
        }
        if (pos_ < t_.size() && (t_[pos_] == 'e' || t_[pos_] == 'E')) {
            isFloat = true;
            ++pos_;
            if (pos_ < t_.size() && (t_[pos_] == '+' || t_[pos_] == '-'))
                ++pos_;
            if (!need("in exponent of numeric literal"))
                return false;
            while (pos_ < t_.size() && isDigit(t_[pos_]))
                ++pos_;
        }
        std::string text(t_.substr(start, pos_ - start));
        if (!isFloat) {
            errno = 0;
            char* endp = nullptr;
            long long v = std::strtoll(text.c_str(), &endp, 10);
            if (errno == 0) {
                out = static_cast<int64_t>(v);
                return true;
            }
        }
        double d = std::strtod(text.c_str(), nullptr);
        if (std::isinf(d)) {
            failure = Failure{Failure::Type, start, "json: cannot unmarshal number " + text + " into Go value of type float64"};
            return false;
        }
        out = d;
        return true;
    }

    // Reads a string starting at the opening quote; Go's unquote rules for escapes and UTF-8.
    bool readString(std::string& out) {
        std::size_t i = pos_ + 1;
        std::string raw;
        for (;;) {
            if (i >= t_.size()) {
                eof();
                return false;
            }
            unsigned char c = static_cast<unsigned char>(t_[i]);
            if (c == '"')
                break;
            if (c < 0x20) {
                syntax(i, "in string literal");
                return false;
            }
            if (c != '\\') {
                raw.push_back(static_cast<char>(c));
                ++i;
                continue;
            }
            if (i + 1 >= t_.size()) {
                eof();
                return false;
            }
            char e = t_[i + 1];
            switch (e) {
                case '"': raw.push_back('"'); break;
                case '\\': raw.push_back('\\'); break;
                case '/': raw.push_back('/'); break;
                case 'b': raw.push_back('\b'); break;
                case 'f': raw.push_back('\f'); break;
                case 'n': raw.push_back('\n'); break;
                case 'r': raw.push_back('\r'); break;
                case 't': raw.push_back('\t'); break;
                case 'u': {
                    uint32_t r = 0;
                    if (!readHex4(i + 2, r))
                        return false;
                    i += 6;
                    if (r >= 0xD800 && r < 0xDC00 && i + 1 < t_.size() && t_[i] == '\\' && t_[i + 1] == 'u') {
                        uint32_t low = 0;
                        if (!readHex4(i + 2, low))
                            return false;
                        if (low >= 0xDC00 && low < 0xE000) {
                            r = 0x10000 + ((r - 0xD800) << 10) + (low - 0xDC00);
                            i += 6;
                        }
                    }
                    if (r >= 0xD800 && r < 0xE000)
                        r = 0xFFFD;
                    appendRune(raw, r);
                    continue;
                }
                default: syntax(i + 1, "in string escape code"); return false;
            }
            i += 2;
        }
        pos_ = i + 1;
        out = replaceInvalidPerByte(raw);
        return true;
    }

    bool readHex4(std::size_t at, uint32_t& r) {
        for (std::size_t k = 0; k < 4; ++k) {
            if (at + k >= t_.size()) {
                eof();
                return false;
            }
            int h = hexDigitValue(t_[at + k]);
            if (h < 0) {
                syntax(at + k, "in \\u hexadecimal character escape");
                return false;
            }
            r = (r << 4) | static_cast<uint32_t>(h);
        }
        return true;
    }

    static void appendRune(std::string& out, uint32_t r) {
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

    static std::string replaceInvalidPerByte(const std::string& s) {
        if (isValidUtf8(s))
            return s;
        std::string out;
        for (std::size_t i = 0; i < s.size();) {
            unsigned char c = static_cast<unsigned char>(s[i]);
            std::size_t need = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
            if (need == 0 || i + need > s.size() || !isValidUtf8(std::string_view(s).substr(i, need))) {
                out += "\xEF\xBF\xBD";
                ++i;
                continue;
            }
            out.append(s, i, need);
            i += need;
        }
        return out;
    }
};

}  // namespace

JsonParseResult parseJson(std::string_view text) {
    JsonParseResult result;
    ValueParser p(text, 0);
    Json value;
    bool got = p.parse(value);
    if (p.failure) {
        result.error = p.failure->kind == Failure::Eof ? "unexpected end of JSON input" : p.failure->message;
        return result;
    }
    if (!got) {
        result.error = "unexpected end of JSON input";
        return result;
    }
    std::size_t i = p.end();
    while (i < text.size() && isJsonSpace(text[i]))
        ++i;
    if (i < text.size()) {
        result.error = "invalid character " + quoteChar(static_cast<unsigned char>(text[i])) + " after top-level value";
        return result;
    }
    result.value = std::move(value);
    return result;
}

DecodeResult decodeJsonStream(std::string_view text) {
    DecodeResult result;
    std::size_t pos = 0;
    std::size_t counted = 0;
    int line = 1;
    for (;;) {
        ValueParser p(text, pos);
        Json value;
        bool got = p.parse(value);
        if (p.failure) {
            if (p.failure->kind == Failure::Eof)
                result.error = "unexpected EOF";
            else if (p.failure->kind == Failure::Type)
                result.error = p.failure->message;
            else
                result.error = "json: offset " + std::to_string(p.failure->pos + 1) + ": " + p.failure->message;
            return result;
        }
        if (!got)
            return result;
        std::size_t start = pos;
        while (start < text.size() && isJsonSpace(text[start]))
            ++start;
        for (; counted < start; ++counted)
            line += text[counted] == '\n' ? 1 : 0;
        pos = p.end();
        if (!value.is_null())
            result.documents.push_back(YamlDocument{std::move(value), line});
    }
}

}  // namespace kp::codec
