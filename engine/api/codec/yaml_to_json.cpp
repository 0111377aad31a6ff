// [SECTION] index: pre-checks (reader errors, nesting depth, tabs, unclosed quotes) / value
// building from yaml-cpp events (typing, anchors, merge keys, alias budget) / yaml-cpp error
// translation / entry point.
#include "api/codec/yaml_to_json.h"
#include "base/base64.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <vector>

#include "api/codec/go_format.h"
#include "api/codec/limits.h"
#include "api/codec/yaml_resolve.h"

namespace kp::codec {
namespace {

const char* const kPrefix = "error converting YAML to JSON: ";

std::string atLine(int line, const std::string& message) {
    if (line <= 0)
        return "yaml: " + message;
    return "yaml: line " + std::to_string(line) + ": " + message;
}

// go-yaml prints no line for a problem on the first line (it tests the 0-based line against 0),
// the 1-based line for scanner errors and the 0-based line for parser errors.
std::string scannerError(int line0, const std::string& message) { return atLine(line0 == 0 ? 0 : line0 + 1, message); }
std::string parserError(int line0, const std::string& message) { return atLine(line0, message); }

// [SECTION] pre-checks -------------------------------------------------------------------------

// go-yaml's reader accepts tab, LF, CR, printable ASCII, NEL and the printable Unicode ranges;
// anything else stops it before parsing ("yaml: control characters are not allowed").
// Returns the reader's message, or "".
// SIMPLIFICATION: go-yaml notices a bad byte only when its reader gets there, so a syntax error
// earlier in the same document may win there; we report the reader error first.
std::string readerError(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t width = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (width == 0)
            return "invalid leading UTF-8 octet";
        if (i + width > s.size())
            return "incomplete UTF-8 octet sequence";
        uint32_t r = width == 1 ? c : c & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07);
        for (std::size_t k = 1; k < width; ++k) {
            unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80)
                return "invalid trailing UTF-8 octet";
            r = (r << 6) | (cc & 0x3F);
        }
        if ((width == 2 && r < 0x80) || (width == 3 && r < 0x800) || (width == 4 && r < 0x10000))
            return "invalid length of a UTF-8 sequence";
        if ((r >= 0xD800 && r <= 0xDFFF) || r > 0x10FFFF)
            return "invalid Unicode character";
        bool allowed = r == 0x09 || r == 0x0A || r == 0x0D || (r >= 0x20 && r <= 0x7E) || r == 0x85 ||
                       (r >= 0xA0 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF);
        if (!allowed)
            return "control characters are not allowed";
        i += width;
    }
    return "";
}

// A light line scanner over the raw text, used before yaml-cpp sees it. It finds:
//  - nesting deeper than kMaxYamlDepth (indentation levels plus open flow brackets), because
//    yaml-cpp recurses once per level;
//  - mistakes yaml-cpp accepts or words differently, reported as go-yaml does:
//    tabs used as indentation ("found character that cannot start any token"), a quoted scalar
//    still open at the end ("found unexpected end of stream"), escapes go-yaml lacks ("\/"),
//    empty flow entries ("[1,,2]"), a line without ':' among keys ("could not find expected
//    ':'"), a '-' item after "key: value" ("did not find expected key") and a key after the
//    items of a sequence ("did not find expected '-' indicator").
// It does not understand all of YAML: it follows quotes only where a value can start and skips
// block scalar bodies by indentation; whatever it lets through is still parsed by yaml-cpp.
class PreScanner {
public:
    explicit PreScanner(std::string_view text) : text_(text) {}

    std::string run() {
        std::size_t pos = 0;
        int line = 0;
        while (pos <= text_.size()) {
            std::size_t end = text_.find('\n', pos);
            if (end == std::string_view::npos)
                end = text_.size();
            ++line;
            if (std::string err = scanLine(text_.substr(pos, end - pos), line); !err.empty())
                return err;
            if (end == text_.size())
                break;
            pos = end + 1;
        }
        if (quote_ != 0) {
            // go-yaml reports the position of the end of the stream.
            int newlines = 0;
            for (char c : text_)
                newlines += c == '\n' ? 1 : 0;
            return scannerError(newlines, "found unexpected end of stream");
        }
        return "";
    }

private:
    enum class LineKind { Other, KeyWithValue, KeyOpen, Dash };

    // What happened last at one indentation column of the current block structure.
    struct Column {
        int col;
        LineKind last;
        bool hasKey;  // a key line appeared at this column (the sequence there is indentless)
    };

    std::string_view text_;
    char quote_ = 0;              // inside a quoted scalar that spans lines
    int blockScalarIndent_ = -1;  // inside a block scalar whose header line had this indent
    int flowDepth_ = 0;
    char lastFlowToken_ = 0;      // last of '[', '{', ',' or 'v' (a value) inside flow collections
    std::vector<int> indents_;
    std::vector<Column> columns_;

    static bool canStartValue(char previous) {
        return previous == 0 || previous == ':' || previous == ',' || previous == '[' || previous == '{' ||
               previous == '-' || previous == '?' || previous == '&' || previous == '!';
    }

    // Records a structural line (key or dash) at `col` and checks it against its siblings.
    std::string structure(int col, LineKind kind, int line) {
        while (!columns_.empty() && columns_.back().col > col)
            columns_.pop_back();
        if (columns_.empty() || columns_.back().col < col) {
            columns_.push_back(Column{col, kind, kind == LineKind::KeyWithValue || kind == LineKind::KeyOpen});
            return "";
        }
        Column& sibling = columns_.back();
        bool isKey = kind == LineKind::KeyWithValue || kind == LineKind::KeyOpen;
        if (kind == LineKind::Dash && sibling.last == LineKind::KeyWithValue)
            return parserError(line - 1, "did not find expected key");
        if (isKey && sibling.last == LineKind::Dash && !sibling.hasKey)
            return parserError(line - 1, "did not find expected '-' indicator");
        if (kind == LineKind::Other) {
            if (sibling.hasKey)
                return scannerError(line, "could not find expected ':'");
            return "";
        }
        sibling.last = kind;
        sibling.hasKey = sibling.hasKey || isKey;
        return "";
    }

    std::string scanLine(std::string_view l, int line) {
        std::size_t i = 0;
        bool blockStart = quote_ == 0 && flowDepth_ == 0;  // the line starts in block context
        if (quote_ == 0) {
            while (i < l.size() && l[i] == ' ')
                ++i;
            // "..." ends the document; go-yaml stops reading there, like a blank line for us.
            bool blank = i == l.size() || l[i] == '#' || l[i] == '\r' || (i == 0 && l.substr(0, 3) == "...");
            if (blockScalarIndent_ >= 0) {
                bool inside = blank || (i < l.size() && static_cast<int>(i) > blockScalarIndent_) ||
                              (i < l.size() && l[i] == '\t');
                if (inside)
                    return "";
                blockScalarIndent_ = -1;
            }
            if (i < l.size() && l[i] == '\t' && flowDepth_ == 0) {
                std::size_t j = i;
                while (j < l.size() && (l[j] == '\t' || l[j] == ' '))
                    ++j;
                if (j < l.size() && l[j] != '#' && l[j] != '\r')
                    return scannerError(line - 1, "found character that cannot start any token");
            }
            if (blank)
                return "";
            if (flowDepth_ == 0) {
                int col = static_cast<int>(i);
                while (!indents_.empty() && indents_.back() > col)
                    indents_.pop_back();
                if (indents_.empty() || indents_.back() < col)
                    indents_.push_back(col);
            }
        }
        int lineIndent = static_cast<int>(i);
        int contentCol = lineIndent;       // column after leading "- " entries
        bool dashLine = false;
        bool keyFound = false, keyHasValue = false;
        bool plainStart = false;           // the line (after dashes) starts a plain scalar
        char previous = 0;  // last significant character on this line
        for (; i < l.size(); ++i) {
            char c = l[i];
            if (quote_ != 0) {
                if (quote_ == '"' && c == '\\') {
                    // go-yaml knows fewer escapes than yaml-cpp (no "\/").
                    char e = i + 1 < l.size() ? l[i + 1] : '\n';
                    if (std::string_view("0abt\tnvfre \"'\\N_LPxuU\n\r").find(e) == std::string_view::npos)
                        return scannerError(line - 1, "found unknown escape character");
                    ++i;
                    continue;
                }
                if (c == quote_) {
                    if (quote_ == '\'' && i + 1 < l.size() && l[i + 1] == '\'') {
                        ++i;
                        continue;
                    }
                    quote_ = 0;
                    previous = 'q';
                    if (flowDepth_ > 0)
                        lastFlowToken_ = 'v';
                }
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r')
                continue;
            if (c == '#' && (i == 0 || l[i - 1] == ' ' || l[i - 1] == '\t'))
                break;
            bool atContentStart = blockStart && static_cast<int>(i) == contentCol;
            if (c == '-' && (i + 1 == l.size() || l[i + 1] == ' ') && (previous == 0 || previous == '-') &&
                flowDepth_ == 0) {
                // "- - x": each dash opens a sequence one level deeper.
                if (blockStart && !dashLine && static_cast<int>(i) == lineIndent) {
                    if (std::string err = structure(lineIndent, LineKind::Dash, line); !err.empty())
                        return err;
                    dashLine = true;
                }
                indents_.push_back(static_cast<int>(i) + 1);
                contentCol = static_cast<int>(i) + 2;
                previous = '-';
                if (flowDepth_ + static_cast<int>(indents_.size()) > kMaxYamlDepth)
                    return scannerError(line - 1, "exceeded max depth of " + std::to_string(kMaxYamlDepth));
                continue;
            }
            if (atContentStart && std::string_view("[]{}\"'|>?:*&!%@`,#").find(c) == std::string_view::npos)
                plainStart = true;
            if ((c == '"' || c == '\'') && canStartValue(previous)) {
                quote_ = c;
                continue;
            }
            if (flowDepth_ > 0 && c == ',' && (lastFlowToken_ == ',' || lastFlowToken_ == '['))
                return parserError(line - 1, "did not find expected node content");
            if ((c == '|' || c == '>') && (previous == ':' || previous == '-' || previous == 0) && flowDepth_ == 0) {
                blockScalarIndent_ = lineIndent;
                if (keyFound)
                    keyHasValue = true;
                break;
            }
            if (c == '[' || c == '{') {
                ++flowDepth_;
                lastFlowToken_ = c;
            } else if ((c == ']' || c == '}') && flowDepth_ > 0) {
                --flowDepth_;
                lastFlowToken_ = 'v';
            } else if (flowDepth_ > 0) {
                lastFlowToken_ = c == ',' ? ',' : c == ':' ? lastFlowToken_ : 'v';
            }
            if (flowDepth_ + static_cast<int>(indents_.size()) > kMaxYamlDepth)
                return scannerError(line - 1, "exceeded max depth of " + std::to_string(kMaxYamlDepth));
            if (c == ':' && (i + 1 == l.size() || l[i + 1] == ' ' || l[i + 1] == '\r' || flowDepth_ > 0)) {
                if (flowDepth_ == 0 && !keyFound) {
                    keyFound = true;
                } else if (flowDepth_ == 0 && keyFound) {
                    keyHasValue = true;
                }
                previous = ':';
                continue;
            }
            if (keyFound && c != '&' && c != '!')
                keyHasValue = true;
            // Inside a plain scalar nothing can start a quoted value until an indicator.
            previous = (c == ',' || c == '[' || c == '{' || c == '?' || c == '&' || c == '!') &&
                               (previous == 0 || previous == ':' || previous == ',' || previous == '[' ||
                                previous == '{' || previous == '-' || previous == '?')
                           ? c
                           : 'x';
            if (c == '&' || c == '!') {
                // Anchor or tag: skip its name; a value may follow.
                while (i + 1 < l.size() && l[i + 1] != ' ')
                    ++i;
                previous = '&';
            }
        }
        if (!blockStart || quote_ != 0)
            return "";
        if (keyFound)
            return structure(contentCol, keyHasValue ? LineKind::KeyWithValue : LineKind::KeyOpen, line);
        if (plainStart && flowDepth_ == 0 && !dashLine)
            return structure(contentCol, LineKind::Other, line);
        return "";
    }
};

// [SECTION] value building ------------------------------------------------------------------------

enum class NodeType { Null, Bool, Int, Uint, Float, String, Map, Seq };

// A finished node: its JSON value and what go-yaml knew about it (needed for keys and merges).
struct Node {
    Json value;
    NodeType type = NodeType::Null;
    bool mergeKey = false;   // plain "<<" or !!merge
    double floatValue = 0;   // for Float keys
    uint64_t uintValue = 0;  // for Uint keys
    int line = 0;            // 0-based line where the node starts
};

// Go's %#v for the values go-yaml produces (used in a few error messages).
std::string goSyntax(const Node& n);
std::string goSyntaxJson(const Json& v) {
    switch (v.type()) {
        case Json::value_t::string: return quoteGo(v.get_ref<const std::string&>());
        case Json::value_t::boolean: return v.get<bool>() ? "true" : "false";
        case Json::value_t::number_integer: return std::to_string(v.get<int64_t>());
        case Json::value_t::number_unsigned: return std::to_string(v.get<uint64_t>());
        case Json::value_t::number_float: return formatFloat(v.get<double>(), 'g');
        case Json::value_t::array: {
            std::string s = "[]interface {}{";
            bool first = true;
            for (const Json& item : v) {
                s += first ? "" : ", ";
                s += item.is_null() ? "interface {}(nil)" : goSyntaxJson(item);
                first = false;
            }
            return s + "}";
        }
        case Json::value_t::object: {
            std::string s = "map[interface {}]interface {}{";
            bool first = true;
            for (auto it = v.begin(); it != v.end(); ++it) {
                s += first ? "" : ", ";
                s += quoteGo(it.key()) + ":" + (it.value().is_null() ? "interface {}(nil)" : goSyntaxJson(it.value()));
                first = false;
            }
            return s + "}";
        }
        default: return "<nil>";
    }
}
std::string goSyntax(const Node& n) {
    if (n.type == NodeType::Uint) {
        std::ostringstream s;
        s << "0x" << std::hex << n.uintValue;
        return s.str();
    }
    if (n.type == NodeType::Float)
        return formatFloat(n.floatValue, 'g');
    return goSyntaxJson(n.value);
}

// go-yaml's alias budget (decode.go allowedAliasRatio): up to 99% of decoded nodes may come
// from alias expansion in small documents, sliding to 10% for documents of 4,000,000 nodes.
double allowedAliasRatio(double decodeCount) {
    if (decodeCount <= 400000)
        return 0.99;
    if (decodeCount >= 4000000)
        return 0.10;
    return 0.99 - 0.89 * ((decodeCount - 400000) / 3600000.0);
}

struct Anchor {
    std::string name;
    bool complete = false;
    Node node;
    uint64_t size = 0;  // nodes go-yaml decodes when expanding it
};

class Builder final : public YAML::EventHandler {
public:
    explicit Builder(bool strict) : strict_(strict) {}

    std::optional<Node> result;
    std::string decodeError;  // go-yaml decode-phase error (after a successful parse)
    std::string sigsError;    // sigs.k8s.io/yaml conversion error (null/uint map keys)
    std::string jsonError;    // json.Marshal error (NaN, ±Inf)
    std::vector<std::string> strictErrors;

    void OnDocumentStart(const YAML::Mark&) override { decodeCount_ = 1; }
    void OnDocumentEnd() override {}

    void OnAnchor(const YAML::Mark&, const std::string& name) override { pendingAnchorName_ = name; }

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        Node n;
        n.line = mark.line;
        finishScalar(std::move(n), anchor);
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        Node n = typedScalar(tag, value);
        n.line = mark.line;
        finishScalar(std::move(n), anchor);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        ++decodeCount_;
        if (failed())
            return;
        Anchor& a = anchors_[anchor];
        if (!a.complete) {
            fail("anchor '" + a.name + "' value contains itself");
            return;
        }
        decodeCount_ += a.size;
        aliasCount_ += a.size;
        if (excessiveAliasing()) {
            fail("document contains excessive aliasing");
            return;
        }
        Node copy = a.node;
        copy.line = mark.line;
        deliver(std::move(copy));
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(NodeType::Seq, Json::array(), mark, anchor);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(NodeType::Map, Json::object(), mark, anchor);
    }
    void OnMapEnd() override { close(); }

private:
    struct Frame {
        Node node;
        YAML::anchor_t anchor = 0;
        uint64_t countAtStart = 0;
        std::optional<Node> key;
    };

    bool strict_;
    std::vector<Frame> stack_;
    std::map<YAML::anchor_t, Anchor> anchors_;
    std::string pendingAnchorName_;
    uint64_t decodeCount_ = 0;
    uint64_t aliasCount_ = 0;

    bool failed() const { return !decodeError.empty(); }
    void fail(std::string message) {
        if (decodeError.empty())
            decodeError = "yaml: " + std::move(message);
    }

    bool excessiveAliasing() const {
        return aliasCount_ > 100 && decodeCount_ > 1000 &&
               static_cast<double>(aliasCount_) / static_cast<double>(decodeCount_) >
                   allowedAliasRatio(static_cast<double>(decodeCount_));
    }

    void registerAnchor(YAML::anchor_t anchor) {
        if (anchor == 0)
            return;
        Anchor& a = anchors_[anchor];
        a = Anchor{};
        a.name = pendingAnchorName_;
        pendingAnchorName_.clear();
    }

    void completeAnchor(YAML::anchor_t anchor, const Node& node, uint64_t size) {
        if (anchor == 0)
            return;
        Anchor& a = anchors_[anchor];
        a.complete = true;
        a.node = node;
        a.size = size;
    }

    void open(NodeType type, Json value, const YAML::Mark& mark, YAML::anchor_t anchor) {
        ++decodeCount_;
        registerAnchor(anchor);
        Frame f;
        f.node.type = type;
        f.node.value = failed() ? Json() : std::move(value);
        f.node.line = mark.line;
        f.anchor = anchor;
        f.countAtStart = decodeCount_ - 1;
        stack_.push_back(std::move(f));
    }

    void close() {
        Frame f = std::move(stack_.back());
        stack_.pop_back();
        if (failed())
            return;
        completeAnchor(f.anchor, f.node, decodeCount_ - f.countAtStart);
        deliver(std::move(f.node));
    }

    void finishScalar(Node n, YAML::anchor_t anchor) {
        ++decodeCount_;
        registerAnchor(anchor);
        if (failed())
            return;
        completeAnchor(anchor, n, 1);
        deliver(std::move(n));
    }

    // Upstream: goyaml.v2/decode.go#scalar and resolve.go#resolve (explicit tags).
    Node typedScalar(const std::string& tag, const std::string& text) {
        static const std::string kLong = "tag:yaml.org,2002:";
        Node n;
        if (tag == "!" || (tag != "?" && tag.rfind(kLong, 0) != 0)) {
            n.type = NodeType::String;  // quoted, block or custom-tagged: a string
            n.value = text;
            return n;
        }
        std::string shortTag = tag == "?" ? "" : tag.substr(kLong.size());
        if (shortTag == "str" || shortTag == "timestamp") {
            n.type = NodeType::String;
            n.value = text;
            return n;
        }
        if (shortTag == "binary") {
            std::string decoded;
            if (!decodeBase64(text, decoded))
                fail("!!binary value contains invalid base64 data");
            n.type = NodeType::String;
            n.value = toValidUtf8PerByte(decoded);
            return n;
        }
        if (shortTag == "merge") {
            n.type = NodeType::String;
            n.value = text;
            n.mergeKey = true;
            return n;
        }
        ResolvedScalar r = resolvePlainScalar(text);
        if (shortTag.empty() && text == "<<")
            n.mergeKey = true;
        if (!shortTag.empty() && shortTag != "int" && shortTag != "float" && shortTag != "bool" &&
            shortTag != "null") {
            n.type = NodeType::String;  // !!seq, !!map, !!set ... on a scalar: kept as text
            n.value = text;
            return n;
        }
        if (!shortTag.empty() && !tagAccepts(shortTag, r)) {
            fail("cannot decode !!" + resolvedTagName(r) + " `" + text + "` as a !!" + shortTag);
            return n;
        }
        if (shortTag == "float" && r.kind == ScalarKind::Int) {
            r.kind = ScalarKind::Float;
            r.floatValue = static_cast<double>(r.intValue);
        }
        switch (r.kind) {
            case ScalarKind::Null: n.type = NodeType::Null; break;
            case ScalarKind::Bool:
                n.type = NodeType::Bool;
                n.value = r.boolValue;
                break;
            case ScalarKind::Int:
                n.type = NodeType::Int;
                n.value = r.intValue;
                break;
            case ScalarKind::Uint:
                // Beyond int64: JSON carries the digits, Kubernetes reads them back as float64.
                n.type = NodeType::Uint;
                n.uintValue = r.uintValue;
                n.value = static_cast<double>(r.uintValue);
                break;
            case ScalarKind::Float: n = floatNode(r.floatValue); break;
            default:
                n.type = NodeType::String;
                n.value = text;
                n.mergeKey = n.mergeKey && shortTag.empty();
        }
        return n;
    }

    static bool tagAccepts(const std::string& shortTag, const ResolvedScalar& r) {
        if (shortTag == "int")
            return r.kind == ScalarKind::Int || r.kind == ScalarKind::Uint;
        if (shortTag == "float")
            return r.kind == ScalarKind::Float || r.kind == ScalarKind::Int;
        if (shortTag == "bool")
            return r.kind == ScalarKind::Bool;
        return r.kind == ScalarKind::Null;
    }

    static std::string resolvedTagName(const ResolvedScalar& r) {
        switch (r.kind) {
            case ScalarKind::Null: return "null";
            case ScalarKind::Bool: return "bool";
            case ScalarKind::Int:
            case ScalarKind::Uint: return "int";
            case ScalarKind::Float: return "float";
            case ScalarKind::Timestamp: return "timestamp";
            default: return "str";
        }
    }

    // A YAML float after sigs.k8s.io/yaml writes it as JSON and Kubernetes reads it back:
    // integral values below 1e21 are written without a fraction and read back as integers.
    Node floatNode(double f) {
        Node n;
        n.type = NodeType::Float;
        n.floatValue = f;
        if (std::isnan(f)) {
            if (jsonError.empty())
                jsonError = "json: unsupported value: NaN";
            return n;
        }
        if (std::isinf(f)) {
            if (jsonError.empty())
                jsonError = std::string("json: unsupported value: ") + (f > 0 ? "+Inf" : "-Inf");
            return n;
        }
        if (std::trunc(f) == f && std::fabs(f) < 9.2233720368547758e18)
            n.value = static_cast<int64_t>(f);
        else
            n.value = f;
        return n;
    }

    static bool decodeBase64(const std::string& in, std::string& out) {
        std::string clean;
        for (char c : in)
            if (c != '\n' && c != '\r')
                clean.push_back(c);
        if (clean.size() % 4 != 0)
            return false;
        for (std::size_t i = 0; i < clean.size(); i += 4) {
            int v[4];
            int pad = 0;
            for (int k = 0; k < 4; ++k) {
                char c = clean[i + static_cast<std::size_t>(k)];
                if (c == '=' && i + 4 == clean.size() && k >= 2) {
                    v[k] = 0;
                    ++pad;
                    continue;
                }
                if (pad > 0)
                    return false;
                v[k] = base64DigitValue(c);
                if (v[k] < 0)
                    return false;
            }
            uint32_t bits = (static_cast<uint32_t>(v[0]) << 18) | (static_cast<uint32_t>(v[1]) << 12) |
                            (static_cast<uint32_t>(v[2]) << 6) | static_cast<uint32_t>(v[3]);
            out.push_back(static_cast<char>((bits >> 16) & 0xFF));
            if (pad < 2)
                out.push_back(static_cast<char>((bits >> 8) & 0xFF));
            if (pad < 1)
                out.push_back(static_cast<char>(bits & 0xFF));
        }
        return true;
    }

    // json.Marshal writes one U+FFFD per invalid byte.
    static std::string toValidUtf8PerByte(const std::string& s) {
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

    // sigs.k8s.io/yaml turns non-string keys into strings; null and uint64 keys it cannot.
    std::optional<std::string> keyString(const Node& key, const Node& value) {
        switch (key.type) {
            case NodeType::String: return key.value.get<std::string>();
            case NodeType::Int: return std::to_string(key.value.get<int64_t>());
            case NodeType::Bool: return std::string(key.value.get<bool>() ? "true" : "false");
            case NodeType::Float: {
                if (std::isnan(key.floatValue))
                    return std::string(".nan");
                if (std::isinf(key.floatValue))
                    return std::string(key.floatValue > 0 ? ".inf" : "-.inf");
                return formatFloat(key.floatValue, 'g', 32);
            }
            case NodeType::Uint:
                if (sigsError.empty())
                    sigsError = "unsupported map key of type: uint64, key: " + goSyntax(key) +
                                ", value: " + goSyntax(value);
                return std::nullopt;
            default:
                if (sigsError.empty())
                    sigsError = "unsupported map key of type: %!s(<nil>), key: <nil>, value: " +
                                (value.type == NodeType::Null ? std::string("<nil>") : goSyntax(value));
                return std::nullopt;
        }
    }

    void setKey(Json& object, const std::string& key, Json value, int valueLine, const Node& keyNode) {
        if (strict_ && object.contains(key)) {
            std::string repr = keyNode.type == NodeType::String ? quoteGo(key) : goSyntax(keyNode);
            strictErrors.push_back("line " + std::to_string(valueLine + 1) + ": key " + repr + " already set in map");
            return;
        }
        object[key] = std::move(value);
    }

    // Upstream: goyaml.v2/decode.go#merge: a map, or a list of maps where earlier ones win.
    void merge(Frame& frame, const Node& value) {
        auto mergeOne = [&](const Json& source) {
            for (auto it = source.begin(); it != source.end(); ++it) {
                Node k;
                k.type = NodeType::String;
                k.value = it.key();
                setKey(frame.node.value, it.key(), it.value(), value.line, k);
            }
        };
        if (value.value.is_object()) {
            mergeOne(value.value);
            return;
        }
        if (value.type == NodeType::Seq) {
            for (const Json& item : value.value)
                if (!item.is_object()) {
                    fail("map merge requires map or sequence of maps as the value");
                    return;
                }
            for (auto it = value.value.rbegin(); it != value.value.rend(); ++it)
                mergeOne(*it);
            return;
        }
        fail("map merge requires map or sequence of maps as the value");
    }

    void deliver(Node n) {
        if (failed())
            return;
        if (stack_.empty()) {
            result = std::move(n);
            return;
        }
        Frame& parent = stack_.back();
        if (parent.node.type == NodeType::Seq) {
            parent.node.value.push_back(std::move(n.value));
            return;
        }
        if (!parent.key) {
            if (n.type == NodeType::Map || n.type == NodeType::Seq) {
                fail("invalid map key: " + goSyntax(n));
                return;
            }
            if (n.mergeKey)
                --decodeCount_;  // go-yaml does not decode the "<<" key itself
            parent.key = std::move(n);
            return;
        }
        Node key = std::move(*parent.key);
        parent.key.reset();
        if (key.mergeKey) {
            merge(parent, n);
            return;
        }
        std::optional<std::string> k = keyString(key, n);
        if (!k)
            return;
        setKey(parent.node.value, *k, std::move(n.value), n.line, key);
    }
};

// [SECTION] yaml-cpp error translation -------------------------------------------------------------

std::string anchorNameAt(std::string_view text, std::size_t pos) {
    if (pos >= text.size() || text[pos] != '*')
        return "";
    std::size_t end = pos + 1;
    while (end < text.size() && text[end] != ' ' && text[end] != '\n' && text[end] != '\r' && text[end] != '\t' &&
           text[end] != ',' && text[end] != ']' && text[end] != '}' && text[end] != '[' && text[end] != '{')
        ++end;
    return std::string(text.substr(pos + 1, end - pos - 1));
}

// go-yaml prints scanner errors with the 1-based line of the problem and parser errors with the
// 0-based line of the offending token (a long-standing off-by-one that kubectl users see).
std::string translateParserError(const YAML::ParserException& e, std::string_view text) {
    const std::string& msg = e.msg;
    int line0 = e.mark.line;
    auto starts = [&](const char* prefix) { return msg.rfind(prefix, 0) == 0; };
    if (msg == YAML::ErrorMsg::UNKNOWN_ANCHOR)
        return "yaml: unknown anchor '" + anchorNameAt(text, static_cast<std::size_t>(e.mark.pos)) + "' referenced";
    if (msg == YAML::ErrorMsg::MAP_VALUE)
        return scannerError(line0, "mapping values are not allowed in this context");
    if (msg == YAML::ErrorMsg::MAP_KEY)
        return scannerError(line0, "mapping keys are not allowed in this context");
    if (msg == YAML::ErrorMsg::BLOCK_ENTRY)
        return scannerError(line0, "block sequence entries are not allowed in this context");
    if (msg == YAML::ErrorMsg::TAB_IN_INDENTATION || msg == YAML::ErrorMsg::UNKNOWN_TOKEN)
        return scannerError(line0, "found character that cannot start any token");
    if (msg == YAML::ErrorMsg::EOF_IN_SCALAR)
        return scannerError(line0, "found unexpected end of stream");
    if (starts(YAML::ErrorMsg::INVALID_ESCAPE))
        return scannerError(line0, "found unknown escape character");
    if (starts(YAML::ErrorMsg::INVALID_UNICODE))
        return scannerError(line0, "found invalid Unicode character escape code");
    if (msg == YAML::ErrorMsg::INVALID_HEX)
        return scannerError(line0, "did not find expected hexdecimal number");
    if (msg == YAML::ErrorMsg::END_OF_MAP)
        return parserError(line0, "did not find expected key");
    if (msg == YAML::ErrorMsg::END_OF_SEQ)
        return parserError(line0, "did not find expected '-' indicator");
    if (msg == YAML::ErrorMsg::END_OF_MAP_FLOW)
        return parserError(line0, "did not find expected ',' or '}'");
    if (msg == YAML::ErrorMsg::END_OF_SEQ_FLOW)
        return parserError(line0, "did not find expected ',' or ']'");
    if (msg == YAML::ErrorMsg::FLOW_END)  // a stray ']' or '}' in a block mapping
        return parserError(line0, "did not find expected key");
    // SIMPLIFICATION: other yaml-cpp messages are passed through in go-yaml's shape.
    return scannerError(line0, msg);
}

}  // namespace

// [SECTION] entry point ------------------------------------------------------------------------------

YamlToJsonResult yamlToJson(std::string_view text, bool strict) {
    YamlToJsonResult out;
    if (std::string err = readerError(text); !err.empty()) {
        out.error = std::string(kPrefix) + "yaml: " + err;
        return out;
    }
    if (std::string err = PreScanner(text).run(); !err.empty()) {
        out.error = kPrefix + err;
        return out;
    }
    Builder builder(strict);
    try {
        std::istringstream in{std::string(text)};
        YAML::Parser parser(in);
        parser.HandleNextDocument(builder);
    } catch (const YAML::DeepRecursion& e) {
        out.error = kPrefix + scannerError(e.mark.line, "exceeded max depth of " + std::to_string(kMaxYamlDepth));
        return out;
    } catch (const YAML::ParserException& e) {
        out.error = kPrefix + translateParserError(e, text);
        return out;
    } catch (const YAML::Exception& e) {
        out.error = kPrefix + scannerError(e.mark.line, e.msg);
        return out;
    }
    if (!builder.decodeError.empty()) {
        out.error = kPrefix + builder.decodeError;
        return out;
    }
    if (!builder.strictErrors.empty()) {
        std::string joined = "yaml: unmarshal errors:";
        for (const std::string& e : builder.strictErrors)
            joined += "\n  " + e;
        out.error = kPrefix + joined;
        return out;
    }
    if (!builder.sigsError.empty()) {
        out.error = kPrefix + builder.sigsError;
        return out;
    }
    if (!builder.jsonError.empty()) {
        out.error = kPrefix + builder.jsonError;
        return out;
    }
    if (builder.result)
        out.value = std::move(builder.result->value);
    return out;
}

}  // namespace kp::codec
