#include "runtime/resp.h"

#include <cctype>
#include <cstdlib>

#include "base/text.h"
namespace kp::runtime::resp {

Value status(std::string s) { return Value{Value::Type::Status, std::move(s), 0, {}}; }
Value error(std::string s) { return Value{Value::Type::Error, std::move(s), 0, {}}; }
Value integer(int64_t n) { return Value{Value::Type::Integer, "", n, {}}; }
Value bulk(std::string s) { return Value{Value::Type::Bulk, std::move(s), 0, {}}; }
Value nil() { return Value{}; }
Value array(std::vector<Value> elements) { return Value{Value::Type::Array, "", 0, std::move(elements)}; }

std::string encode(const Value& v) {
    switch (v.type) {
    case Value::Type::Status: return "+" + v.text + "\r\n";
    case Value::Type::Error: return "-" + v.text + "\r\n";
    case Value::Type::Integer: return ":" + std::to_string(v.integer) + "\r\n";
    case Value::Type::Bulk: return "$" + std::to_string(v.text.size()) + "\r\n" + v.text + "\r\n";
    case Value::Type::Nil: return "$-1\r\n";
    case Value::Type::Array: {
        std::string out = "*" + std::to_string(v.elements.size()) + "\r\n";
        for (const Value& e : v.elements)
            out += encode(e);
        return out;
    }
    }
    return "";
}

std::string encodeCommand(const std::vector<std::string>& argv) {
    std::vector<Value> parts;
    for (const std::string& a : argv)
        parts.push_back(bulk(a));
    return encode(array(std::move(parts)));
}

namespace {

// The line from pos up to CRLF (pos moves past it), or nullopt when there is no CRLF yet.
std::optional<std::string> line(const std::string& bytes, size_t& pos) {
    const size_t end = bytes.find("\r\n", pos);
    if (end == std::string::npos)
        return std::nullopt;
    std::string l = bytes.substr(pos, end - pos);
    pos = end + 2;
    return l;
}

bool parseInteger(const std::string& s, int64_t& out) {
    if (s.empty() || s.size() > 19)
        return false;
    size_t i = s[0] == '-' ? 1 : 0;
    if (i == s.size())
        return false;
    for (size_t k = i; k < s.size(); ++k)
        if (!std::isdigit(static_cast<unsigned char>(s[k])))
            return false;
    out = std::strtoll(s.c_str(), nullptr, 10);
    return true;
}

std::optional<Value> parseDepth(const std::string& bytes, size_t& pos, int depth) {
    if (pos >= bytes.size() || depth > 64)
        return std::nullopt;
    size_t p = pos;
    const char kind = bytes[p++];
    std::optional<std::string> head = line(bytes, p);
    if (!head)
        return std::nullopt;
    Value v;
    int64_t n = 0;
    switch (kind) {
    case '+': v = status(*head); break;
    case '-': v = error(*head); break;
    case ':':
        if (!parseInteger(*head, n))
            return std::nullopt;
        v = integer(n);
        break;
    case '$':
        if (!parseInteger(*head, n))
            return std::nullopt;
        if (n < 0) {
            v = nil();
            break;
        }
        if (bytes.size() < p + static_cast<size_t>(n) + 2)
            return std::nullopt;
        v = bulk(bytes.substr(p, static_cast<size_t>(n)));
        p += static_cast<size_t>(n) + 2;
        break;
    case '*':
        if (!parseInteger(*head, n))
            return std::nullopt;
        if (n < 0) {
            v = nil();
            break;
        }
        v = array({});
        for (int64_t i = 0; i < n; ++i) {
            std::optional<Value> e = parseDepth(bytes, p, depth + 1);
            if (!e)
                return std::nullopt;
            v.elements.push_back(std::move(*e));
        }
        break;
    default: return std::nullopt;
    }
    pos = p;
    return v;
}

// Splits an inline command line as redis-server does; false on unbalanced quotes.
bool splitInline(const std::string& l, std::vector<std::string>& words) {
    size_t i = 0;
    while (true) {
        while (i < l.size() && std::isspace(static_cast<unsigned char>(l[i])))
            ++i;
        if (i == l.size())
            return true;
        std::string word;
        bool inDouble = false, inSingle = false, done = false;
        while (!done) {
            if (inDouble) {
                if (i == l.size())
                    return false;
                if (l[i] == '\\' && i + 3 < l.size() && l[i + 1] == 'x' && hexDigitValue(l[i + 2]) >= 0 && hexDigitValue(l[i + 3]) >= 0) {
                    word += static_cast<char>(hexDigitValue(l[i + 2]) * 16 + hexDigitValue(l[i + 3]));
                    i += 3;
                } else if (l[i] == '\\' && i + 1 < l.size()) {
                    const char c = l[++i];
                    word += c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c == 'b' ? '\b' : c == 'a' ? '\a' : c;
                } else if (l[i] == '"') {
                    // A closing quote must be followed by a space or the end.
                    if (i + 1 < l.size() && !std::isspace(static_cast<unsigned char>(l[i + 1])))
                        return false;
                    done = true;
                } else {
                    word += l[i];
                }
            } else if (inSingle) {
                if (i == l.size())
                    return false;
                if (l[i] == '\\' && i + 1 < l.size() && l[i + 1] == '\'') {
                    word += '\'';
                    ++i;
                } else if (l[i] == '\'') {
                    if (i + 1 < l.size() && !std::isspace(static_cast<unsigned char>(l[i + 1])))
                        return false;
                    done = true;
                } else {
                    word += l[i];
                }
            } else if (i == l.size()) {
                break;
            } else if (std::isspace(static_cast<unsigned char>(l[i]))) {
                done = true;
            } else if (l[i] == '"') {
                inDouble = true;
            } else if (l[i] == '\'') {
                inSingle = true;
            } else {
                word += l[i];
            }
            if (i < l.size())
                ++i;
        }
        words.push_back(std::move(word));
    }
}

}  // namespace

std::optional<Value> parse(const std::string& bytes, size_t& pos) { return parseDepth(bytes, pos, 0); }

std::optional<std::vector<std::string>> nextCommand(const std::string& bytes, size_t& pos, std::string* protocolError) {
    while (pos < bytes.size()) {
        if (bytes[pos] == '*') {
            size_t p = pos + 1;
            std::optional<std::string> head = line(bytes, p);
            if (!head)
                return std::nullopt;
            int64_t n = 0;
            if (!parseInteger(*head, n) || n > 1024 * 1024) {
                *protocolError = "ERR Protocol error: invalid multibulk length";
                return std::nullopt;
            }
            std::vector<std::string> argv;
            for (int64_t i = 0; i < n; ++i) {
                if (p >= bytes.size())
                    return std::nullopt;
                if (bytes[p] != '$') {
                    *protocolError = std::string("ERR Protocol error: expected '$', got '") + bytes[p] + "'";
                    return std::nullopt;
                }
                ++p;
                std::optional<std::string> len = line(bytes, p);
                int64_t size = 0;
                if (!len)
                    return std::nullopt;
                if (!parseInteger(*len, size) || size < 0 || size > 512LL * 1024 * 1024) {
                    *protocolError = "ERR Protocol error: invalid bulk length";
                    return std::nullopt;
                }
                if (bytes.size() < p + static_cast<size_t>(size) + 2)
                    return std::nullopt;
                argv.push_back(bytes.substr(p, static_cast<size_t>(size)));
                p += static_cast<size_t>(size) + 2;
            }
            pos = p;
            if (argv.empty())
                continue;
            return argv;
        }
        // Inline: up to LF (a CR before it is dropped).
        const size_t end = bytes.find('\n', pos);
        if (end == std::string::npos)
            return std::nullopt;
        std::string l = bytes.substr(pos, end - pos);
        if (!l.empty() && l.back() == '\r')
            l.pop_back();
        pos = end + 1;
        std::vector<std::string> words;
        if (!splitInline(l, words)) {
            *protocolError = "ERR Protocol error: unbalanced quotes in request";
            return std::nullopt;
        }
        if (!words.empty())
            return words;
    }
    return std::nullopt;
}

}  // namespace kp::runtime::resp
