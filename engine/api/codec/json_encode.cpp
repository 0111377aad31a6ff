#include "api/codec/json_encode.h"

#include <cmath>
#include <cstdint>
#include <limits>

#include "api/codec/go_format.h"
#include "base/json_text.h"

namespace kp::codec {
namespace {

void writeValue(std::string& out, const Json& v, std::string_view indent, int depth);

void newline(std::string& out, std::string_view indent, int depth) {
    if (indent.empty())
        return;
    out.push_back('\n');
    for (int i = 0; i < depth; ++i)
        out.append(indent);
}

void writeObject(std::string& out, const Json& v, std::string_view indent, int depth) {
    if (v.empty()) {
        out += "{}";
        return;
    }
    out.push_back('{');
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first)
            out.push_back(',');
        first = false;
        newline(out, indent, depth + 1);
        appendJsonString(out, it.key());
        out.push_back(':');
        if (!indent.empty())
            out.push_back(' ');
        writeValue(out, it.value(), indent, depth + 1);
    }
    newline(out, indent, depth);
    out.push_back('}');
}

void writeArray(std::string& out, const Json& v, std::string_view indent, int depth) {
    if (v.empty()) {
        out += "[]";
        return;
    }
    out.push_back('[');
    bool first = true;
    for (const Json& item : v) {
        if (!first)
            out.push_back(',');
        first = false;
        newline(out, indent, depth + 1);
        writeValue(out, item, indent, depth + 1);
    }
    newline(out, indent, depth);
    out.push_back(']');
}

void writeValue(std::string& out, const Json& v, std::string_view indent, int depth) {
    switch (v.type()) {
        case Json::value_t::object: writeObject(out, v, indent, depth); return;
        case Json::value_t::array: writeArray(out, v, indent, depth); return;
        case Json::value_t::string: appendJsonString(out, v.get_ref<const std::string&>()); return;
        case Json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; return;
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
        case Json::value_t::number_float: out += jsonNumberText(v); return;
        case Json::value_t::binary:
            if (isPackedJsonText(v)) {  // a packed subtree prints as the value it holds
                writeValue(out, unpackJsonText(v), indent, depth);
                return;
            }
            out += "null";
            return;
        default: out += "null"; return;  // null, discarded
    }
}

}  // namespace

std::string jsonNumberText(const Json& n) {
    if (n.is_number_integer() && !n.is_number_unsigned())
        return std::to_string(n.get<int64_t>());
    if (n.is_number_unsigned()) {
        uint64_t u = n.get<uint64_t>();
        if (u <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
            return std::to_string(u);
        // Kubernetes' unstructured decoding turns integers beyond int64 into float64.
        return formatJsonFloat(static_cast<double>(u));
    }
    double f = n.get<double>();
    // SIMPLIFICATION: Go refuses to marshal NaN/±Inf ("json: unsupported value"); our decoders
    // never produce them, so a value built in code prints as null instead of failing.
    if (!std::isfinite(f))
        return "null";
    return formatJsonFloat(f);
}

void appendJsonString(std::string& out, std::string_view s) {
    static const char* hex = "0123456789abcdef";
    out.push_back('"');
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&') {
                out.push_back(static_cast<char>(c));
                continue;
            }
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                default:
                    out += "\\u00";
                    out.push_back(hex[c >> 4]);
                    out.push_back(hex[c & 15]);
            }
            continue;
        }
        // Multi-byte: copy valid sequences, one \ufffd per invalid byte (utf8.DecodeRuneInString).
        std::size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        std::string_view seq = s.substr(i, need);
        if (need == 1 || seq.size() != need || !isValidUtf8(seq)) {
            out += "\\ufffd";
            ++i;
            continue;
        }
        if (seq == "\xE2\x80\xA8") {
            out += "\\u2028";
        } else if (seq == "\xE2\x80\xA9") {
            out += "\\u2029";
        } else {
            out.append(seq);
        }
        i += need;
    }
    out.push_back('"');
}

std::string marshalJson(const Json& value) {
    std::string out;
    writeValue(out, value, "", 0);
    return out;
}

std::string marshalJsonIndent(const Json& value, std::string_view indent) {
    std::string out;
    writeValue(out, value, indent, 0);
    return out;
}

std::string printJson(const Json& value) {
    return marshalJsonIndent(value, "    ") + "\n";
}

}  // namespace kp::codec
