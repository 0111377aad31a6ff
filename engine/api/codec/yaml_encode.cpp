// [SECTION] index: value preparation (the JSON round trip) / key order / emitter (a port of
// go-yaml v2's emitter state for block documents) / entry points.
#include "api/codec/yaml_encode.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "api/codec/go_format.h"
#include "api/codec/json_encode.h"
#include "api/codec/yaml_resolve.h"
#include "base/json_text.h"

namespace kp::codec {
namespace {

// [SECTION] value preparation ---------------------------------------------------------------

struct EncodeError {
    std::string message;
};

uint32_t decodeRune(std::string_view s, std::size_t i, std::size_t& width) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    width = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (width == 1)
        return c;
    uint32_t r = c & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < width; ++k)
        r = (r << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    return r;
}

// What go-yaml reads back from the JSON text Go wrote for `s`:
//  1. invalid UTF-8 bytes became U+FFFD (one per byte, json.Marshal);
//  2. DEL, C1 controls (except NEL) and U+FFFE/U+FFFF are left raw by Go's JSON and rejected
//     by go-yaml's reader;
//  3. a raw NEL is a line break inside a double-quoted scalar and is folded like one:
//     "a\u0085b" -> "a b", two NELs -> "\n".
std::string roundTripString(std::string_view in) {
    std::string s;
    s.reserve(in.size());
    for (std::size_t i = 0; i < in.size();) {
        unsigned char c = static_cast<unsigned char>(in[i]);
        std::size_t need = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
        if (need == 0 || i + need > in.size() || !isValidUtf8(in.substr(i, need))) {
            s += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        s.append(in.substr(i, need));
        i += need;
    }
    bool hasNel = false;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t w = 0;
        uint32_t r = decodeRune(s, i, w);
        if (r == 0x7F || (r >= 0x80 && r <= 0x9F && r != 0x85) || r == 0xFFFE || r == 0xFFFF)
            throw EncodeError{"yaml: control characters are not allowed"};
        hasNel = hasNel || r == 0x85;
        i += w;
    }
    if (!hasNel)
        return s;
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        bool isNel = s.compare(i, 2, "\xC2\x85") == 0;
        if (s[i] != ' ' && !isNel) {
            out.push_back(s[i++]);
            continue;
        }
        std::string spaces;
        int breaks = 0;
        while (i < s.size()) {
            if (s[i] == ' ') {
                if (breaks == 0)
                    spaces.push_back(' ');
                ++i;
            } else if (s.compare(i, 2, "\xC2\x85") == 0) {
                ++breaks;
                i += 2;
            } else {
                break;
            }
        }
        if (breaks == 0)
            out += spaces;
        else if (breaks == 1)
            out.push_back(' ');
        else
            out.append(static_cast<std::size_t>(breaks - 1), '\n');
    }
    return out;
}

// The plain text of a number after kubectl's JSON round trip: Go writes the JSON number, go-yaml
// re-reads it as an int when it looks like one and prints floats with strconv 'g'.
std::string numberText(const Json& n) {
    std::string jsonText = jsonNumberText(n);
    if (jsonText == "null")
        return jsonText;
    ResolvedScalar r = resolvePlainScalar(jsonText);
    switch (r.kind) {
        case ScalarKind::Int: return std::to_string(r.intValue);
        case ScalarKind::Uint: return std::to_string(r.uintValue);
        case ScalarKind::Float: return formatFloat(r.floatValue, 'g');
        default: return jsonText;
    }
}

// [SECTION] key order --------------------------------------------------------------------------

bool isAsciiDigit(uint32_t r) { return r >= '0' && r <= '9'; }

// unicode.IsLetter, approximated: ASCII letters, and non-ASCII characters outside the
// punctuation/symbol blocks.
// SIMPLIFICATION: no full Unicode category table; keys in Kubernetes objects are ASCII in practice.
bool isLetterRune(uint32_t r) {
    if (r < 0x80)
        return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
    if (r < 0xC0)
        return r == 0xAA || r == 0xB5 || r == 0xBA;
    if (r == 0xD7 || r == 0xF7)
        return false;
    if (r >= 0x2000 && r <= 0x2BFF)
        return false;
    if (r >= 0x3000 && r <= 0x303F)
        return false;
    if (r >= 0xFF00 && r <= 0xFF20)
        return false;
    return true;
}

std::vector<uint32_t> runesOf(const std::string& s) {
    std::vector<uint32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t w = 0;
        out.push_back(decodeRune(s, i, w));
        i += w;
    }
    return out;
}

}  // namespace

bool yamlKeyLess(const std::string& a, const std::string& b) {
    std::vector<uint32_t> ar = runesOf(a), br = runesOf(b);
    for (std::size_t i = 0; i < ar.size() && i < br.size(); ++i) {
        if (ar[i] == br[i])
            continue;
        bool al = isLetterRune(ar[i]), bl = isLetterRune(br[i]);
        if (al && bl)
            return ar[i] < br[i];
        if (al || bl)
            return bl;
        // Compare the digit runs starting here as numbers; a run that continues a number
        // with a non-zero digit before a '0' counts as larger.
        int64_t an = 0, bn = 0;
        if (ar[i] == '0' || br[i] == '0') {
            for (std::size_t j = i; j-- > 0 && isAsciiDigit(ar[j]);) {
                if (ar[j] != '0') {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        std::size_t ai = i, bi = i;
        for (; ai < ar.size() && isAsciiDigit(ar[ai]); ++ai)
            an = an * 10 + static_cast<int64_t>(ar[ai] - '0');
        for (; bi < br.size() && isAsciiDigit(br[bi]); ++bi)
            bn = bn * 10 + static_cast<int64_t>(br[bi] - '0');
        if (an != bn)
            return an < bn;
        if (ai != bi)
            return ai < bi;
        return ar[i] < br[i];
    }
    return ar.size() < br.size();
}

namespace {

// [SECTION] emitter ----------------------------------------------------------------------------

enum class Style { Plain, SingleQuoted, DoubleQuoted, Literal };

bool isBreakAt(std::string_view v, std::size_t i) {
    if (i >= v.size())
        return false;
    unsigned char c = static_cast<unsigned char>(v[i]);
    if (c == '\r' || c == '\n')
        return true;
    if (c == 0xC2 && i + 1 < v.size() && static_cast<unsigned char>(v[i + 1]) == 0x85)
        return true;
    return c == 0xE2 && i + 2 < v.size() && static_cast<unsigned char>(v[i + 1]) == 0x80 &&
           (static_cast<unsigned char>(v[i + 2]) == 0xA8 || static_cast<unsigned char>(v[i + 2]) == 0xA9);
}
bool isSpaceAt(std::string_view v, std::size_t i) { return i < v.size() && v[i] == ' '; }
bool isBlankAt(std::string_view v, std::size_t i) { return i < v.size() && (v[i] == ' ' || v[i] == '\t'); }
bool isBlankOrEnd(std::string_view v, std::size_t i) { return i >= v.size() || isBlankAt(v, i) || isBreakAt(v, i); }

std::size_t widthAt(std::string_view v, std::size_t i) {
    unsigned char c = static_cast<unsigned char>(v[i]);
    if ((c & 0x80) == 0)
        return 1;
    if ((c & 0xE0) == 0xC0)
        return 2;
    if ((c & 0xF0) == 0xE0)
        return 3;
    return 4;
}

// go-yaml's is_printable: 4-byte characters (emoji), C1 controls, BOM and U+FFFE/F are not.
bool isPrintableAt(std::string_view v, std::size_t i) {
    auto b = [&](std::size_t k) { return k < v.size() ? static_cast<unsigned char>(v[k]) : 0; };
    unsigned char c = b(i);
    return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c == 0xC2 && b(i + 1) >= 0xA0) || (c > 0xC2 && c < 0xED) ||
           (c == 0xED && b(i + 1) < 0xA0) || c == 0xEE ||
           (c == 0xEF && !(b(i + 1) == 0xBB && b(i + 2) == 0xBF) &&
            !(b(i + 1) == 0xBF && (b(i + 2) == 0xBE || b(i + 2) == 0xBF)));
}

bool startsWithBom(std::string_view v) { return v.size() >= 3 && v.substr(0, 3) == "\xEF\xBB\xBF"; }

struct ScalarAnalysis {
    bool multiline = false;
    bool flowPlainAllowed = false;
    bool blockPlainAllowed = true;
    bool singleQuotedAllowed = true;
    bool blockAllowed = false;
};

// Upstream: goyaml.v2/emitterc.go#yaml_emitter_analyze_scalar
ScalarAnalysis analyzeScalar(std::string_view v) {
    ScalarAnalysis a;
    if (v.empty())
        return a;
    bool blockIndicators = false, flowIndicators = false, lineBreaks = false, special = false;
    bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
    bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
    if (v.size() >= 3 && (v.substr(0, 3) == "---" || v.substr(0, 3) == "...")) {
        blockIndicators = true;
        flowIndicators = true;
    }
    bool precededByWhitespace = true;
    for (std::size_t i = 0, w = 0; i < v.size(); i += w) {
        w = widthAt(v, i);
        bool followedByWhitespace = i + w >= v.size() || isBlankAt(v, i + w);
        char c = v[i];
        if (i == 0) {
            switch (c) {
                case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!':
                case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
                    flowIndicators = true;
                    blockIndicators = true;
                    break;
                case '?': case ':':
                    flowIndicators = true;
                    if (followedByWhitespace)
                        blockIndicators = true;
                    break;
                case '-':
                    if (followedByWhitespace) {
                        flowIndicators = true;
                        blockIndicators = true;
                    }
                    break;
                default: break;
            }
        } else {
            switch (c) {
                case ',': case '?': case '[': case ']': case '{': case '}': flowIndicators = true; break;
                case ':':
                    flowIndicators = true;
                    if (followedByWhitespace)
                        blockIndicators = true;
                    break;
                case '#':
                    if (precededByWhitespace) {
                        flowIndicators = true;
                        blockIndicators = true;
                    }
                    break;
                default: break;
            }
        }
        if (!isPrintableAt(v, i))
            special = true;
        if (isSpaceAt(v, i)) {
            if (i == 0)
                leadingSpace = true;
            if (i + w == v.size())
                trailingSpace = true;
            if (previousBreak)
                breakSpace = true;
            previousSpace = true;
            previousBreak = false;
        } else if (isBreakAt(v, i)) {
            lineBreaks = true;
            if (i == 0)
                leadingBreak = true;
            if (i + w == v.size())
                trailingBreak = true;
            if (previousSpace)
                spaceBreak = true;
            previousSpace = false;
            previousBreak = true;
        } else {
            previousSpace = false;
            previousBreak = false;
        }
        precededByWhitespace = isBlankOrEnd(v, i);
    }
    a.multiline = lineBreaks;
    a.flowPlainAllowed = a.blockPlainAllowed = a.singleQuotedAllowed = a.blockAllowed = true;
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak)
        a.flowPlainAllowed = a.blockPlainAllowed = false;
    if (trailingSpace)
        a.blockAllowed = false;
    if (breakSpace)
        a.flowPlainAllowed = a.blockPlainAllowed = a.singleQuotedAllowed = false;
    if (spaceBreak || special)
        a.flowPlainAllowed = a.blockPlainAllowed = a.singleQuotedAllowed = a.blockAllowed = false;
    if (lineBreaks)
        a.flowPlainAllowed = a.blockPlainAllowed = false;
    if (flowIndicators)
        a.flowPlainAllowed = false;
    if (blockIndicators)
        a.blockPlainAllowed = false;
    return a;
}

// go-yaml's key comparison is not transitive ("9" < "10" < "1a" < "9"), so the order depends on
// the sort algorithm. Go's sort.Sort runs an insertion sort for up to 12 elements; we do the same.
// SIMPLIFICATION: larger maps use a stable sort instead of Go's pdqsort; the orders differ only
// for such cyclic key sets.
void sortKeys(std::vector<std::pair<std::string, const Json*>>& entries) {
    if (entries.size() > 12) {
        std::stable_sort(entries.begin(), entries.end(),
                         [](const auto& a, const auto& b) { return yamlKeyLess(a.first, b.first); });
        return;
    }
    for (std::size_t i = 1; i < entries.size(); ++i)
        for (std::size_t j = i; j > 0 && yamlKeyLess(entries[j].first, entries[j - 1].first); --j)
            std::swap(entries[j], entries[j - 1]);
}

class Emitter {
public:
    std::string out;

    void document(const Json& root) {
        emitNode(root, /*root=*/true, false, false, false);
        writeIndent();  // document end
    }

private:
    static constexpr int kBestIndent = 2;
    static constexpr int kBestWidth = 80;

    int column_ = 0;
    int indent_ = -1;
    std::vector<int> indents_;
    bool whitespace_ = true;
    bool indention_ = true;
    int flowLevel_ = 0;
    bool mappingContext_ = false;
    bool simpleKeyContext_ = false;

    // --- low-level writers (column counts characters, not bytes)
    void put(char c) {
        out.push_back(c);
        ++column_;
    }
    void putBreak() {
        out.push_back('\n');
        column_ = 0;
    }
    void writeChar(std::string_view v, std::size_t& i) {
        std::size_t w = widthAt(v, i);
        out.append(v.substr(i, w));
        ++column_;
        i += w;
    }
    void writeBreak(std::string_view v, std::size_t& i) {
        if (v[i] == '\n') {
            putBreak();
            ++i;
            return;
        }
        writeChar(v, i);
        column_ = 0;
    }
    void increaseIndent(bool flow, bool indentless) {
        indents_.push_back(indent_);
        if (indent_ < 0)
            indent_ = flow ? kBestIndent : 0;
        else if (!indentless)
            indent_ += kBestIndent;
    }
    void popIndent() {
        indent_ = indents_.back();
        indents_.pop_back();
    }
    void writeIndent() {
        int indent = indent_ < 0 ? 0 : indent_;
        if (!indention_ || column_ > indent || (column_ == indent && !whitespace_))
            putBreak();
        while (column_ < indent)
            put(' ');
        whitespace_ = true;
        indention_ = true;
    }
    void writeIndicator(std::string_view indicator, bool needWhitespace, bool isWhitespace, bool isIndention) {
        if (needWhitespace && !whitespace_)
            put(' ');
        for (std::size_t i = 0; i < indicator.size();)
            writeChar(indicator, i);
        whitespace_ = isWhitespace;
        indention_ = indention_ && isIndention;
    }

    // --- nodes
    void emitNode(const Json& v, bool root, bool sequence, bool mapping, bool simpleKey) {
        (void)root;
        (void)sequence;
        mappingContext_ = mapping;
        simpleKeyContext_ = simpleKey;
        if (isPackedJsonText(v)) {  // a packed subtree prints as the value it holds
            emitNode(unpackJsonText(v), root, sequence, mapping, simpleKey);
            return;
        }
        if (v.is_object()) {
            emitMapping(v);
            return;
        }
        if (v.is_array()) {
            emitSequence(v);
            return;
        }
        if (v.is_string()) {
            emitString(roundTripString(v.get_ref<const std::string&>()));
            return;
        }
        if (v.is_boolean()) {
            emitScalar(v.get<bool>() ? "true" : "false", Style::Plain);
            return;
        }
        if (v.is_number()) {
            emitScalar(numberText(v), Style::Plain);
            return;
        }
        emitScalar("null", Style::Plain);
    }

    // Upstream: goyaml.v2/encode.go#stringv: literal when the text has a newline, plain when it
    // reads back as the same string, double-quoted otherwise.
    void emitString(const std::string& s) {
        bool canUsePlain = resolvePlainScalar(s).kind == ScalarKind::String && !isBase60Float(s);
        Style style = s.find('\n') != std::string::npos ? Style::Literal
                      : canUsePlain                     ? Style::Plain
                                                        : Style::DoubleQuoted;
        emitScalar(s, style);
    }

    void emitFlowEmpty(std::string_view open, std::string_view close) {
        writeIndicator(open, true, true, false);
        increaseIndent(true, false);
        ++flowLevel_;
        --flowLevel_;
        popIndent();
        writeIndicator(close, false, false, false);
    }

    void emitSequence(const Json& v) {
        if (flowLevel_ > 0 || v.empty()) {
            emitFlowEmpty("[", "]");
            return;
        }
        increaseIndent(false, mappingContext_ && !indention_);
        for (const Json& item : v) {
            writeIndent();
            writeIndicator("-", true, false, true);
            emitNode(item, false, true, false, false);
        }
        popIndent();
    }

    void emitMapping(const Json& v) {
        if (flowLevel_ > 0 || v.empty()) {
            emitFlowEmpty("{", "}");
            return;
        }
        // Keys as go-yaml reads them back, in go-yaml's order (a later duplicate wins).
        std::vector<std::pair<std::string, const Json*>> entries;
        for (auto it = v.begin(); it != v.end(); ++it) {
            std::string key = roundTripString(it.key());
            auto same = std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.first == key; });
            if (same != entries.end())
                same->second = &it.value();
            else
                entries.emplace_back(std::move(key), &it.value());
        }
        sortKeys(entries);
        increaseIndent(false, false);
        for (const auto& [key, value] : entries) {
            writeIndent();
            ScalarAnalysis ka = analyzeScalar(key);
            bool simple = !ka.multiline && key.size() <= 128;
            if (simple) {
                emitNode(Json(key), false, false, true, true);
                writeIndicator(":", false, false, false);
            } else {
                writeIndicator("?", true, false, true);
                emitNode(Json(key), false, false, true, false);
                writeIndent();
                writeIndicator(":", true, false, true);
            }
            emitNode(*value, false, false, true, false);
        }
        popIndent();
    }

    // Upstream: goyaml.v2/emitterc.go#yaml_emitter_select_scalar_style and _emit_scalar.
    void emitScalar(const std::string& value, Style style) {
        ScalarAnalysis a = analyzeScalar(value);
        if (simpleKeyContext_ && a.multiline)
            style = Style::DoubleQuoted;
        if (style == Style::Plain) {
            if ((flowLevel_ > 0 && !a.flowPlainAllowed) || (flowLevel_ == 0 && !a.blockPlainAllowed))
                style = Style::SingleQuoted;
            if (value.empty() && (flowLevel_ > 0 || simpleKeyContext_))
                style = Style::SingleQuoted;
        }
        if (style == Style::SingleQuoted && !a.singleQuotedAllowed)
            style = Style::DoubleQuoted;
        if (style == Style::Literal && (!a.blockAllowed || flowLevel_ > 0 || simpleKeyContext_))
            style = Style::DoubleQuoted;
        increaseIndent(true, false);
        bool allowBreaks = !simpleKeyContext_;
        switch (style) {
            case Style::Plain: writePlain(value, allowBreaks); break;
            case Style::SingleQuoted: writeSingleQuoted(value, allowBreaks); break;
            case Style::DoubleQuoted: writeDoubleQuoted(value, allowBreaks); break;
            case Style::Literal: writeLiteral(value); break;
        }
        popIndent();
    }

    void writePlain(std::string_view v, bool allowBreaks) {
        if (!whitespace_)
            put(' ');
        bool spaces = false, breaks = false;
        for (std::size_t i = 0; i < v.size();) {
            if (isSpaceAt(v, i)) {
                if (allowBreaks && !spaces && column_ > kBestWidth && !isSpaceAt(v, i + 1)) {
                    writeIndent();
                    ++i;
                } else {
                    writeChar(v, i);
                }
                spaces = true;
            } else if (isBreakAt(v, i)) {
                if (!breaks && v[i] == '\n')
                    putBreak();
                writeBreak(v, i);
                indention_ = true;
                breaks = true;
            } else {
                if (breaks)
                    writeIndent();
                writeChar(v, i);
                indention_ = false;
                spaces = false;
                breaks = false;
            }
        }
        whitespace_ = false;
        indention_ = false;
    }

    void writeSingleQuoted(std::string_view v, bool allowBreaks) {
        writeIndicator("'", true, false, false);
        bool spaces = false, breaks = false;
        for (std::size_t i = 0; i < v.size();) {
            if (isSpaceAt(v, i)) {
                if (allowBreaks && !spaces && column_ > kBestWidth && i > 0 && i < v.size() - 1 &&
                    !isSpaceAt(v, i + 1)) {
                    writeIndent();
                    ++i;
                } else {
                    writeChar(v, i);
                }
                spaces = true;
            } else if (isBreakAt(v, i)) {
                if (!breaks && v[i] == '\n')
                    putBreak();
                writeBreak(v, i);
                indention_ = true;
                breaks = true;
            } else {
                if (breaks)
                    writeIndent();
                if (v[i] == '\'')
                    put('\'');
                writeChar(v, i);
                indention_ = false;
                spaces = false;
                breaks = false;
            }
        }
        writeIndicator("'", false, false, false);
        whitespace_ = false;
        indention_ = false;
    }

    void writeDoubleQuoted(std::string_view v, bool allowBreaks) {
        static const char* hex = "0123456789ABCDEF";
        bool spaces = false;
        writeIndicator("\"", true, false, false);
        bool bom = startsWithBom(v);  // go-yaml's is_bom looks at the start of the value
        for (std::size_t i = 0; i < v.size();) {
            if (!isPrintableAt(v, i) || bom || isBreakAt(v, i) || v[i] == '"' || v[i] == '\\') {
                std::size_t w = 0;
                uint32_t r = decodeRune(v, i, w);
                i += w;
                put('\\');
                switch (r) {
                    case 0x00: put('0'); break;
                    case 0x07: put('a'); break;
                    case 0x08: put('b'); break;
                    case 0x09: put('t'); break;
                    case 0x0A: put('n'); break;
                    case 0x0B: put('v'); break;
                    case 0x0C: put('f'); break;
                    case 0x0D: put('r'); break;
                    case 0x1B: put('e'); break;
                    case 0x22: put('"'); break;
                    case 0x5C: put('\\'); break;
                    case 0x85: put('N'); break;
                    case 0xA0: put('_'); break;
                    case 0x2028: put('L'); break;
                    case 0x2029: put('P'); break;
                    default: {
                        int digits = r <= 0xFF ? 2 : r <= 0xFFFF ? 4 : 8;
                        put(r <= 0xFF ? 'x' : r <= 0xFFFF ? 'u' : 'U');
                        for (int k = (digits - 1) * 4; k >= 0; k -= 4)
                            put(hex[(r >> k) & 0x0F]);
                    }
                }
                spaces = false;
            } else if (isSpaceAt(v, i)) {
                if (allowBreaks && !spaces && column_ > kBestWidth && i > 0 && i < v.size() - 1) {
                    writeIndent();
                    if (isSpaceAt(v, i + 1))
                        put('\\');
                    ++i;
                } else {
                    writeChar(v, i);
                }
                spaces = true;
            } else {
                writeChar(v, i);
                spaces = false;
            }
        }
        writeIndicator("\"", false, false, false);
        whitespace_ = false;
        indention_ = false;
    }

    // Upstream: goyaml.v2/emitterc.go#yaml_emitter_write_block_scalar_hints
    void writeBlockScalarHints(std::string_view v) {
        if (isSpaceAt(v, 0) || isBreakAt(v, 0))
            writeIndicator(std::string(1, static_cast<char>('0' + kBestIndent)), false, false, false);
        char chomp = 0;
        if (v.empty()) {
            chomp = '-';
        } else {
            std::size_t i = v.size() - 1;
            while ((static_cast<unsigned char>(v[i]) & 0xC0) == 0x80)
                --i;
            if (!isBreakAt(v, i)) {
                chomp = '-';
            } else if (i == 0) {
                chomp = '+';
            } else {
                --i;
                while ((static_cast<unsigned char>(v[i]) & 0xC0) == 0x80)
                    --i;
                if (isBreakAt(v, i))
                    chomp = '+';
            }
        }
        if (chomp)
            writeIndicator(std::string(1, chomp), false, false, false);
    }

    void writeLiteral(std::string_view v) {
        writeIndicator("|", true, false, false);
        writeBlockScalarHints(v);
        putBreak();
        indention_ = true;
        whitespace_ = true;
        bool breaks = true;
        for (std::size_t i = 0; i < v.size();) {
            if (isBreakAt(v, i)) {
                writeBreak(v, i);
                indention_ = true;
                breaks = true;
            } else {
                if (breaks)
                    writeIndent();
                writeChar(v, i);
                indention_ = false;
                breaks = false;
            }
        }
    }
};

}  // namespace

// [SECTION] entry points -------------------------------------------------------------------------

YamlOutput toYaml(const Json& value) {
    YamlOutput result;
    try {
        Emitter e;
        e.document(value);
        result.text = std::move(e.out);
    } catch (const EncodeError& err) {
        result.error = err.message;
    }
    return result;
}

std::string toYamlText(const Json& value) {
    YamlOutput y = toYaml(value);
    return y.ok() ? y.text : "error: " + y.error + "\n";
}

}  // namespace kp::codec
