// Go text/template for kubectl's go-template printer. See go_template.h for the subset.
//
// [SECTION] Go values and fmt
// [SECTION] Lexer (lex.go)
// [SECTION] Parse tree and parser (parse/node.go, parse/parse.go)
// [SECTION] Execution (exec.go, funcs.go)
#include "api/go_template.h"

#include "api/codec/go_format.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <vector>

namespace kp::api {

// ---------------------------------------------------------------------------------------------
// [SECTION] Go values and fmt
// ---------------------------------------------------------------------------------------------
namespace {

// The dynamic types a decoded object holds, plus `int` for template constants.
enum class Kind { Invalid, Nil, Bool, Int, Int64, Float64, String, Map, Slice };

Kind kindOf(const Json& j) {
    switch (j.type()) {
        case Json::value_t::null: return Kind::Nil;
        case Json::value_t::boolean: return Kind::Bool;
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned: return Kind::Int64;
        case Json::value_t::number_float: return Kind::Float64;
        case Json::value_t::string: return Kind::String;
        case Json::value_t::object: return Kind::Map;
        case Json::value_t::array: return Kind::Slice;
        default: return Kind::Invalid;
    }
}

const char* typeName(Kind k) {
    switch (k) {
        case Kind::Bool: return "bool";
        case Kind::Int: return "int";
        case Kind::Int64: return "int64";
        case Kind::Float64: return "float64";
        case Kind::String: return "string";
        case Kind::Map: return "map[string]interface {}";
        case Kind::Slice: return "[]interface {}";
        default: return "<nil>";
    }
}

void appendSprint(std::string& out, const Json& v) {
    switch (v.type()) {
        case Json::value_t::null: out += "<nil>"; return;
        case Json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; return;
        case Json::value_t::number_integer: out += std::to_string(v.get<int64_t>()); return;
        case Json::value_t::number_unsigned: out += std::to_string(v.get<uint64_t>()); return;
        case Json::value_t::number_float: out += codec::formatFloat(v.get<double>(), 'g'); return;
        case Json::value_t::string: out += v.get_ref<const std::string&>(); return;
        case Json::value_t::object: {
            out += "map[";
            bool first = true;
            for (auto it = v.begin(); it != v.end(); ++it) {
                if (!first)
                    out += ' ';
                first = false;
                out += it.key() + ":";
                appendSprint(out, it.value());
            }
            out += "]";
            return;
        }
        case Json::value_t::array: {
            out += "[";
            for (size_t i = 0; i < v.size(); ++i) {
                if (i)
                    out += ' ';
                appendSprint(out, v[i]);
            }
            out += "]";
            return;
        }
        default: return;
    }
}

}  // namespace

std::string goSprint(const Json& value) {
    std::string out;
    appendSprint(out, value);
    return out;
}


// ---------------------------------------------------------------------------------------------
// [SECTION] Lexer (lex.go)
// ---------------------------------------------------------------------------------------------
namespace {

enum class Tok {
    Error, Eof, Text, LeftDelim, RightDelim, Space, Field, Variable, Identifier, String, RawString, CharConstant,
    Number, Bool, Nil, Dot, Pipe, LeftParen, RightParen, Declare, Assign, Char,
    // keywords (printed as <word> in errors)
    KwIf, KwElse, KwEnd, KwRange, KwWith, KwBreak, KwContinue, KwDefine, KwTemplate, KwBlock
};

struct Token {
    Tok type = Tok::Eof;
    size_t pos = 0;
    std::string val;
    int line = 1;
};

bool isKeyword(Tok t) { return t >= Tok::KwIf || t == Tok::Dot || t == Tok::Nil; }

// item.String(): how a token appears in "unexpected X in Y".
std::string tokenString(const Token& t) {
    if (t.type == Tok::Eof)
        return "EOF";
    if (t.type == Tok::Error)
        return t.val;
    if (isKeyword(t.type))
        return "<" + t.val + ">";
    if (t.val.size() > 10)
        return codec::quoteGo(t.val.substr(0, 10)) + "...";
    return codec::quoteGo(t.val);
}

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool isAlnum(char c) { return c == '_' || std::isalnum(static_cast<unsigned char>(c)); }

class Lexer {
public:
    explicit Lexer(std::string_view in) : in_(in) {}

    std::vector<Token> run() {
        while (true) {
            if (!lexText() || (!items_.empty() && items_.back().type == Tok::Eof))
                break;
            if (!lexAction())
                break;
        }
        return std::move(items_);
    }

private:
    void emit(Tok t, size_t start, size_t end) {
        Token tok{t, start, std::string(in_.substr(start, end - start)), line_};
        for (size_t i = start; i < end; ++i)
            line_ += in_[i] == '\n';
        tok.line = startLine_;
        items_.push_back(std::move(tok));
    }
    void error(const std::string& msg, size_t pos) {
        items_.push_back({Tok::Error, pos, msg, line_});
    }
    bool atTrimLeft(size_t p) const {
        return p + 2 < in_.size() && in_[p + 2] == '-' && p + 3 < in_.size() && isSpace(in_[p + 3]);
    }
    // Right delimiter at p: "}}" or " -}}" (with any space before the dash). Returns its length.
    size_t rightDelimAt(size_t p, bool& trim) const {
        trim = false;
        if (in_.substr(p, 2) == "}}")
            return 2;
        if (p < in_.size() && isSpace(in_[p])) {
            size_t q = p;
            while (q < in_.size() && isSpace(in_[q]))
                ++q;
            if (in_.substr(q, 3) == "-}}") {
                trim = true;
                return q + 3 - p;
            }
        }
        return 0;
    }

    // Text up to the next "{{"; returns false at EOF (after emitting it).
    bool lexText() {
        size_t next = in_.find("{{", pos_);
        if (next == std::string_view::npos) {
            size_t end = in_.size();
            if (trimNext_)
                skipSpace();
            if (pos_ < end) {
                startLine_ = line_;
                emit(Tok::Text, pos_, end);
            }
            pos_ = end;
            startLine_ = line_;
            items_.push_back({Tok::Eof, pos_, "", line_});
            return false;
        }
        if (trimNext_)
            skipSpace();
        trimNext_ = false;
        size_t textEnd = next;
        if (atTrimLeft(next))
            while (textEnd > pos_ && isSpace(in_[textEnd - 1]))
                --textEnd;
        if (pos_ < textEnd && pos_ < next) {
            startLine_ = line_;
            emit(Tok::Text, pos_, textEnd);
        }
        for (size_t i = textEnd; i < next; ++i)
            line_ += in_[i] == '\n';
        pos_ = next;
        return true;
    }
    void skipSpace() {
        while (pos_ < in_.size() && isSpace(in_[pos_])) {
            line_ += in_[pos_] == '\n';
            ++pos_;
        }
        trimNext_ = false;
    }

    // From "{{" to "}}": one action's tokens. Returns false after a lexing error.
    bool lexAction() {
        const bool trim = atTrimLeft(pos_);
        size_t delimLen = trim ? 3 : 2;
        // A comment: {{/* ... */}}.
        size_t afterDelim = pos_ + delimLen + (trim ? 1 : 0);
        if (in_.substr(afterDelim, 2) == "/*") {
            size_t close = in_.find("*/", afterDelim + 2);
            if (close == std::string_view::npos) {
                error("unclosed comment", pos_);
                return false;
            }
            bool trimR = false;
            size_t r = rightDelimAt(close + 2, trimR);
            if (!r) {
                error("comment ends before closing delimiter", pos_);
                return false;
            }
            for (size_t i = pos_; i < close + 2 + r; ++i)
                line_ += in_[i] == '\n';
            pos_ = close + 2 + r;
            trimNext_ = trimR;
            return true;
        }
        startLine_ = line_;
        emit(Tok::LeftDelim, pos_, pos_ + delimLen);
        pos_ += delimLen;
        int parenDepth = 0;
        while (true) {
            bool trimR = false;
            if (size_t r = rightDelimAt(pos_, trimR); r) {
                if (parenDepth > 0) {
                    error("unclosed left paren", pos_);
                    return false;
                }
                startLine_ = line_;
                emit(Tok::RightDelim, pos_, pos_ + r);
                pos_ += r;
                trimNext_ = trimR;
                return true;
            }
            if (pos_ >= in_.size()) {
                error("unclosed action", pos_);
                return false;
            }
            startLine_ = line_;
            const char c = in_[pos_];
            const size_t start = pos_;
            if (isSpace(c)) {
                while (pos_ < in_.size() && isSpace(in_[pos_]) && !rightDelimAt(pos_, trimR))
                    ++pos_;
                if (pos_ == start) {
                    // " -}}" without anything before: handled above; a lone space before "}}".
                    ++pos_;
                }
                emit(Tok::Space, start, pos_);
                continue;
            }
            if (c == '=') {
                ++pos_;
                emit(Tok::Assign, start, pos_);
                continue;
            }
            if (c == ':') {
                if (pos_ + 1 >= in_.size() || in_[pos_ + 1] != '=') {
                    error("expected :=", pos_);
                    return false;
                }
                pos_ += 2;
                emit(Tok::Declare, start, pos_);
                continue;
            }
            if (c == '|') {
                ++pos_;
                emit(Tok::Pipe, start, pos_);
                continue;
            }
            if (c == '"' || c == '\'') {
                ++pos_;
                while (true) {
                    if (pos_ >= in_.size() || in_[pos_] == '\n') {
                        error(c == '"' ? "unterminated quoted string" : "unterminated character constant", start);
                        return false;
                    }
                    if (in_[pos_] == '\\') {
                        pos_ += 2;
                        continue;
                    }
                    if (in_[pos_++] == c)
                        break;
                }
                emit(c == '"' ? Tok::String : Tok::CharConstant, start, pos_);
                continue;
            }
            if (c == '`') {
                size_t close = in_.find('`', pos_ + 1);
                if (close == std::string_view::npos) {
                    error("unterminated raw quoted string", start);
                    return false;
                }
                pos_ = close + 1;
                emit(Tok::RawString, start, pos_);
                continue;
            }
            if (c == '$' || (c == '.' && !(pos_ + 1 < in_.size() && std::isdigit(static_cast<unsigned char>(in_[pos_ + 1]))))) {
                ++pos_;
                while (pos_ < in_.size() && isAlnum(in_[pos_]))
                    ++pos_;
                if (!atTerminator()) {
                    error(badChar(), pos_);
                    return false;
                }
                if (c == '.' && pos_ == start + 1)
                    emit(Tok::Dot, start, pos_);
                else
                    emit(c == '$' ? Tok::Variable : Tok::Field, start, pos_);
                continue;
            }
            if (c == '+' || c == '-' || c == '.' || std::isdigit(static_cast<unsigned char>(c))) {
                ++pos_;
                while (pos_ < in_.size() && (isAlnum(in_[pos_]) || in_[pos_] == '.' ||
                                             ((in_[pos_] == '+' || in_[pos_] == '-') &&
                                              (in_[pos_ - 1] == 'e' || in_[pos_ - 1] == 'E' || in_[pos_ - 1] == 'p' ||
                                               in_[pos_ - 1] == 'P'))))
                    ++pos_;
                if (!atTerminator() && !(pos_ < in_.size() && std::isalnum(static_cast<unsigned char>(in_[pos_])))) {
                    error(badChar(), pos_);
                    return false;
                }
                emit(Tok::Number, start, pos_);
                continue;
            }
            if (isAlnum(c)) {
                while (pos_ < in_.size() && isAlnum(in_[pos_]))
                    ++pos_;
                if (!atTerminator()) {
                    error(badChar(), pos_);
                    return false;
                }
                const std::string word(in_.substr(start, pos_ - start));
                static const std::map<std::string, Tok> kKeywords = {
                    {"if", Tok::KwIf},       {"else", Tok::KwElse},         {"end", Tok::KwEnd},
                    {"range", Tok::KwRange}, {"with", Tok::KwWith},         {"break", Tok::KwBreak},
                    {"continue", Tok::KwContinue}, {"define", Tok::KwDefine}, {"template", Tok::KwTemplate},
                    {"block", Tok::KwBlock}, {"nil", Tok::Nil},             {"true", Tok::Bool},
                    {"false", Tok::Bool}};
                auto kw = kKeywords.find(word);
                emit(kw == kKeywords.end() ? Tok::Identifier : kw->second, start, pos_);
                continue;
            }
            if (c == '(') {
                ++parenDepth;
                ++pos_;
                emit(Tok::LeftParen, start, pos_);
                continue;
            }
            if (c == ')') {
                if (--parenDepth < 0) {
                    error("unexpected right paren", pos_);
                    return false;
                }
                ++pos_;
                emit(Tok::RightParen, start, pos_);
                continue;
            }
            if (static_cast<unsigned char>(c) < 0x80 && std::isprint(static_cast<unsigned char>(c))) {
                ++pos_;
                emit(Tok::Char, start, pos_);
                continue;
            }
            error(badCharAt(pos_), pos_);
            return false;
        }
    }

    bool atTerminator() const {
        if (pos_ >= in_.size())
            return true;
        const char c = in_[pos_];
        if (isSpace(c) || c == '.' || c == ',' || c == '|' || c == ':' || c == ')' || c == '(' || c == '=')
            return true;
        return in_.substr(pos_, 2) == "}}";
    }
    std::string badChar() const { return badCharAt(pos_); }
    std::string badCharAt(size_t p) const {
        if (p >= in_.size())
            return "unclosed action";
        const unsigned char c = static_cast<unsigned char>(in_[p]);
        char buf[32];
        std::snprintf(buf, sizeof buf, "bad character U+%04X '%c'", c, c);
        return buf;
    }

    std::string_view in_;
    size_t pos_ = 0;
    int line_ = 1;
    int startLine_ = 1;
    bool trimNext_ = false;
    std::vector<Token> items_;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Parse tree and parser (parse/node.go, parse/parse.go)
// ---------------------------------------------------------------------------------------------

namespace {

enum class NodeType {
    Text, Action, If, Range, With, Break, Continue, List, Pipe, Command, Field, Chain, Identifier, Variable, Dot,
    Nil, Bool, Number, String
};

struct Node {
    NodeType type = NodeType::Text;
    size_t pos = 0;
    std::string text;                        // Text; Identifier; Number/String: source text
    std::string str;                         // String: unquoted value
    std::vector<std::string> idents;         // Field ("a","b"), Variable ("$x","a"), Chain fields
    std::vector<std::unique_ptr<Node>> nodes;  // List items, Pipe commands, Command args, Chain operand
    std::vector<std::unique_ptr<Node>> decls;  // Pipe variables
    bool isAssign = false;
    std::unique_ptr<Node> pipe, list, elseList;  // If/Range/With; Action uses pipe
    Json number;                             // Number's value
    Kind numberKind = Kind::Int;
    bool boolean = false;

    std::string toString() const;
};

std::string joinIdents(const std::vector<std::string>& idents) {
    std::string s;
    for (size_t i = 0; i < idents.size(); ++i)
        s += (i ? "." : "") + idents[i];
    return s;
}

std::string Node::toString() const {
    switch (type) {
        case NodeType::Field: return "." + joinIdents(idents);
        case NodeType::Variable: return joinIdents(idents);
        case NodeType::Identifier: return text;
        case NodeType::Dot: return ".";
        case NodeType::Nil: return "nil";
        case NodeType::Bool: return boolean ? "true" : "false";
        case NodeType::Number:
        case NodeType::String: return text;
        case NodeType::Chain: {
            std::string s = nodes[0]->type == NodeType::Pipe ? "(" + nodes[0]->toString() + ")" : nodes[0]->toString();
            for (const std::string& f : idents)
                s += "." + f;
            return s;
        }
        case NodeType::Command: {
            std::string s;
            for (size_t i = 0; i < nodes.size(); ++i) {
                if (i)
                    s += " ";
                s += nodes[i]->type == NodeType::Pipe ? "(" + nodes[i]->toString() + ")" : nodes[i]->toString();
            }
            return s;
        }
        case NodeType::Pipe: {
            std::string s;
            if (!decls.empty()) {
                for (size_t i = 0; i < decls.size(); ++i)
                    s += (i ? ", " : "") + decls[i]->toString();
                s += isAssign ? " = " : " := ";
            }
            for (size_t i = 0; i < nodes.size(); ++i)
                s += (i ? " | " : "") + nodes[i]->toString();
            return s;
        }
        case NodeType::Action: return "{{" + pipe->toString() + "}}";
        case NodeType::Break: return "{{break}}";
        case NodeType::Continue: return "{{continue}}";
        default: return text;
    }
}

// The functions a template may call: Go's builtins plus kubectl's two or docker's eight.
bool hasFunction(const std::string& name, TemplateFunctions set) {
    static const char* kBuiltins[] = {"and", "or", "not", "len", "index", "slice", "print", "printf", "println",
                                      "eq",  "ne", "lt",  "le",  "gt",    "ge",    "html",  "js",     "urlquery"};
    static const char* kKubectl[] = {"exists", "base64decode"};
    static const char* kDocker[] = {"json", "split", "join", "title", "lower", "upper", "pad", "truncate"};
    for (const char* f : kBuiltins)
        if (name == f)
            return true;
    if (set == TemplateFunctions::Kubectl)
        return std::find(std::begin(kKubectl), std::end(kKubectl), name) != std::end(kKubectl);
    return std::find(std::begin(kDocker), std::end(kDocker), name) != std::end(kDocker);
}

struct ParseError {
    std::string message;
};

// Go's strconv.Unquote for "..." and `...` literals and '...' character constants.
bool unquote(const std::string& lit, std::string& out) {
    if (lit.size() < 2)
        return false;
    if (lit[0] == '`') {
        out = lit.substr(1, lit.size() - 2);
        return true;
    }
    out.clear();
    for (size_t i = 1; i + 1 < lit.size(); ++i) {
        char c = lit[i];
        if (c != '\\') {
            out += c;
            continue;
        }
        if (++i + 1 > lit.size() - 1)
            return false;
        c = lit[i];
        switch (c) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case 'r': out += '\r'; break;
            case 'a': out += '\a'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'v': out += '\v'; break;
            case '\\': out += '\\'; break;
            case '"': out += '"'; break;
            case '\'': out += '\''; break;
            case 'x': {
                if (i + 2 >= lit.size())
                    return false;
                out += static_cast<char>(std::strtol(lit.substr(i + 1, 2).c_str(), nullptr, 16));
                i += 2;
                break;
            }
            default: return false;
        }
    }
    return true;
}

class Parser {
public:
    Parser(std::vector<Token> tokens, std::string name, TemplateFunctions functions)
        : toks_(std::move(tokens)), name_(std::move(name)), functions_(functions) {}

    std::unique_ptr<Node> parse() {
        auto root = std::make_unique<Node>();
        root->type = NodeType::List;
        while (peek().type != Tok::Eof) {
            std::unique_ptr<Node> n = textOrAction();
            if (isMarker(n.get(), "end"))
                errorf("unexpected {{end}}");
            if (isMarker(n.get(), "else") || isMarker(n.get(), "else if") || isMarker(n.get(), "else with"))
                errorf("unexpected {{else}}");
            if (n)
                root->nodes.push_back(std::move(n));
        }
        return root;
    }

private:
    // --- token access
    const Token& next() {
        if (i_ < toks_.size())
            cur_ = i_;
        const Token& t = toks_[std::min(i_, toks_.size() - 1)];
        if (i_ < toks_.size())
            ++i_;
        if (t.type == Tok::Error)
            errorAt(t, t.val);
        return t;
    }
    const Token& peek() {
        const Token& t = toks_[std::min(i_, toks_.size() - 1)];
        if (t.type == Tok::Error) {
            cur_ = i_;
            errorAt(t, t.val);
        }
        return t;
    }
    void backup() { --i_; }
    const Token& nextNonSpace() {
        while (peek().type == Tok::Space)
            next();
        return next();
    }
    const Token& peekNonSpace() {
        while (peek().type == Tok::Space)
            next();
        return peek();
    }

    [[noreturn]] void errorAt(const Token& t, const std::string& msg) {
        throw ParseError{"template: " + name_ + ":" + std::to_string(t.line) + ": " + msg};
    }
    [[noreturn]] void errorf(const std::string& msg) { errorAt(toks_[std::min(cur_, toks_.size() - 1)], msg); }
    [[noreturn]] void unexpected(const Token& t, const std::string& context) {
        errorAt(t, "unexpected " + tokenString(t) + " in " + context);
    }

    std::unique_ptr<Node> node(NodeType type, size_t pos) {
        auto n = std::make_unique<Node>();
        n->type = type;
        n->pos = pos;
        return n;
    }
    // Marker nodes for {{end}} and {{else}} (returned to the enclosing itemList).
    std::unique_ptr<Node> marker(const char* what, size_t pos) {
        auto n = node(NodeType::Text, pos);
        n->text = std::string("\x01") + what;
        return n;
    }
    static bool isMarker(const Node* n, const char* what) {
        return n && n->type == NodeType::Text && n->text == std::string("\x01") + what;
    }

    std::unique_ptr<Node> textOrAction() {
        const Token& t = nextNonSpace();
        if (t.type == Tok::Text) {
            auto n = node(NodeType::Text, t.pos);
            n->text = t.val;
            return n;
        }
        if (t.type == Tok::LeftDelim)
            return action();
        unexpected(t, "input");
    }

    std::unique_ptr<Node> action() {
        const Token& t = nextNonSpace();
        switch (t.type) {
            case Tok::KwElse: return elseControl();
            case Tok::KwEnd: {
                const size_t pos = t.pos;
                expectRightDelim("end");
                return marker("end", pos);
            }
            case Tok::KwIf: return control(NodeType::If, "if", true);
            case Tok::KwRange: return control(NodeType::Range, "range", false);
            case Tok::KwWith: return control(NodeType::With, "with", false);
            case Tok::KwBreak:
            case Tok::KwContinue: {
                const bool isBreak = t.type == Tok::KwBreak;
                const size_t pos = t.pos;
                if (rangeDepth_ == 0)
                    errorf(std::string("{{") + (isBreak ? "break" : "continue") + "}} outside {{range}}");
                expectRightDelim(isBreak ? "break" : "continue");
                return node(isBreak ? NodeType::Break : NodeType::Continue, pos);
            }
            case Tok::KwDefine:
            case Tok::KwTemplate:
            case Tok::KwBlock:
                // SIMPLIFICATION: named templates are not supported.
                errorf("{{" + t.val + "}} is not supported by kubeplay");
            default: break;
        }
        backup();
        const size_t pos = peekNonSpace().pos;
        auto n = node(NodeType::Action, pos);
        n->pipe = pipeline("command", Tok::RightDelim);
        return n;
    }

    void expectRightDelim(const std::string& context) {
        const Token& t = nextNonSpace();
        if (t.type != Tok::RightDelim)
            unexpected(t, context);
    }

    std::unique_ptr<Node> elseControl() {
        const Token& p = peekNonSpace();
        const size_t pos = p.pos;
        if (p.type == Tok::KwIf)
            return marker("else if", pos);  // "{{else if": the if is parsed by the enclosing control
        if (p.type == Tok::KwWith)
            return marker("else with", pos);
        expectRightDelim("else");
        return marker("else", pos);
    }

    // itemList: nodes up to {{end}} or {{else}}; returns the list and the marker that ended it.
    std::pair<std::unique_ptr<Node>, std::unique_ptr<Node>> itemList() {
        auto list = node(NodeType::List, peekNonSpace().pos);
        while (peekNonSpace().type != Tok::Eof) {
            std::unique_ptr<Node> n = textOrAction();
            if (isMarker(n.get(), "end") || isMarker(n.get(), "else") || isMarker(n.get(), "else if") ||
                isMarker(n.get(), "else with"))
                return {std::move(list), std::move(n)};
            list->nodes.push_back(std::move(n));
        }
        next();
        errorf("unexpected EOF");
    }

    std::unique_ptr<Node> control(NodeType type, const std::string& context, bool allowElseIf) {
        const size_t varMark = vars_.size();
        auto n = node(type, toks_[cur_].pos);
        n->pipe = pipeline(context, Tok::RightDelim);
        if (type == NodeType::Range)
            ++rangeDepth_;
        auto [list, end] = itemList();
        if (type == NodeType::Range)
            --rangeDepth_;
        n->list = std::move(list);
        const bool elseIf = isMarker(end.get(), "else if"), elseWith = isMarker(end.get(), "else with");
        if (elseIf || elseWith) {
            // {{else if}} / {{else with}}: the rest is one nested control sharing the {{end}}.
            if ((elseIf && !allowElseIf) || (elseWith && type != NodeType::With))
                errorf("unexpected <" + std::string(elseIf ? "if" : "with") + "> in else");
            nextNonSpace();
            auto elseList = node(NodeType::List, end->pos);
            elseList->nodes.push_back(elseIf ? control(NodeType::If, "if", true) : control(NodeType::With, "with", false));
            n->elseList = std::move(elseList);
        } else if (isMarker(end.get(), "else")) {
            auto [elseList, end2] = itemList();
            if (!isMarker(end2.get(), "end"))
                errorf("expected end; found {{else}}");
            n->elseList = std::move(elseList);
        }
        vars_.resize(varMark);
        return n;
    }

    std::unique_ptr<Node> pipeline(const std::string& context, Tok end) {
        auto pipe = node(NodeType::Pipe, peekNonSpace().pos);
        // Variable declarations: "$x :=", "$x =", "$i, $e :=" (range only).
        while (peekNonSpace().type == Tok::Variable) {
            const size_t save = i_;
            const Token v = next();
            const Token& after = peekNonSpace();
            if (after.type == Tok::Declare || after.type == Tok::Assign) {
                pipe->isAssign = after.type == Tok::Assign;
                nextNonSpace();
                auto var = node(NodeType::Variable, v.pos);
                var->idents = {v.val};
                pipe->decls.push_back(std::move(var));
                vars_.push_back(v.val);
                break;
            }
            if (after.type == Tok::Char && after.val == ",") {
                nextNonSpace();
                auto var = node(NodeType::Variable, v.pos);
                var->idents = {v.val};
                pipe->decls.push_back(std::move(var));
                vars_.push_back(v.val);
                if (context == "range" && pipe->decls.size() < 2) {
                    const Tok t = peekNonSpace().type;
                    if (t == Tok::Variable || t == Tok::RightDelim || t == Tok::RightParen)
                        continue;
                    errorf("range can only initialize variables");
                }
                errorf("too many declarations in " + context);
            }
            i_ = save;
            break;
        }
        while (true) {
            const Token& t = nextNonSpace();
            if (t.type == end) {
                checkPipeline(*pipe, context);
                return pipe;
            }
            switch (t.type) {
                case Tok::Bool: case Tok::CharConstant: case Tok::Dot: case Tok::Field: case Tok::Identifier:
                case Tok::Number: case Tok::Nil: case Tok::RawString: case Tok::String: case Tok::Variable:
                case Tok::LeftParen:
                    backup();
                    pipe->nodes.push_back(command());
                    break;
                default: unexpected(t, context);
            }
        }
    }

    void checkPipeline(const Node& pipe, const std::string& context) {
        if (pipe.nodes.empty())
            errorf("missing value for " + context);
        for (size_t i = 1; i < pipe.nodes.size(); ++i) {
            const NodeType t = pipe.nodes[i]->nodes[0]->type;
            if (t == NodeType::Bool || t == NodeType::Dot || t == NodeType::Nil || t == NodeType::Number ||
                t == NodeType::String)
                errorf("non executable command in pipeline stage " + std::to_string(i + 1));
        }
    }

    std::unique_ptr<Node> command() {
        auto cmd = node(NodeType::Command, peekNonSpace().pos);
        while (true) {
            peekNonSpace();
            if (std::unique_ptr<Node> op = operand())
                cmd->nodes.push_back(std::move(op));
            const Token& t = next();
            if (t.type == Tok::Space)
                continue;
            if (t.type == Tok::RightDelim || t.type == Tok::RightParen)
                backup();
            else if (t.type != Tok::Pipe)
                unexpected(t, "operand");
            break;
        }
        if (cmd->nodes.empty())
            errorf("empty command");
        return cmd;
    }

    std::unique_ptr<Node> operand() {
        std::unique_ptr<Node> n = term();
        if (!n)
            return nullptr;
        if (peek().type != Tok::Field)
            return n;
        auto chain = node(NodeType::Chain, peek().pos);
        while (peek().type == Tok::Field)
            chain->idents.push_back(next().val.substr(1));
        switch (n->type) {
            case NodeType::Field:
            case NodeType::Variable: {
                auto merged = node(n->type, chain->pos);
                merged->idents = n->idents;
                merged->idents.insert(merged->idents.end(), chain->idents.begin(), chain->idents.end());
                return merged;
            }
            case NodeType::Bool:
            case NodeType::String:
            case NodeType::Number:
            case NodeType::Nil:
            case NodeType::Dot: errorf("unexpected . after term " + codec::quoteGo(n->toString()));
            default: chain->nodes.push_back(std::move(n)); return chain;
        }
    }

    void useVar(const std::string& name) {
        for (const std::string& v : vars_)
            if (v == name)
                return;
        errorf("undefined variable " + codec::quoteGo(name));
    }

    std::unique_ptr<Node> term() {
        const Token& t = nextNonSpace();
        switch (t.type) {
            case Tok::Identifier: {
                if (!hasFunction(t.val, functions_))
                    errorf("function " + codec::quoteGo(t.val) + " not defined");
                auto n = node(NodeType::Identifier, t.pos);
                n->text = t.val;
                return n;
            }
            case Tok::Dot: return node(NodeType::Dot, t.pos);
            case Tok::Nil: return node(NodeType::Nil, t.pos);
            case Tok::Variable: {
                useVar(t.val);
                auto n = node(NodeType::Variable, t.pos);
                n->idents = {t.val};
                return n;
            }
            case Tok::Field: {
                auto n = node(NodeType::Field, t.pos);
                n->idents = {t.val.substr(1)};
                return n;
            }
            case Tok::Bool: {
                auto n = node(NodeType::Bool, t.pos);
                n->boolean = t.val == "true";
                return n;
            }
            case Tok::Number:
            case Tok::CharConstant: return number(t);
            case Tok::LeftParen: return pipeline("parenthesized pipeline", Tok::RightParen);
            case Tok::String:
            case Tok::RawString: {
                auto n = node(NodeType::String, t.pos);
                n->text = t.val;
                if (!unquote(t.val, n->str))
                    errorf("invalid syntax");
                return n;
            }
            default: backup(); return nullptr;
        }
    }

    std::unique_ptr<Node> number(const Token& t) {
        auto n = node(NodeType::Number, t.pos);
        n->text = t.val;
        if (t.type == Tok::CharConstant) {
            std::string s;
            if (!unquote("\"" + t.val.substr(1, t.val.size() - 2) + "\"", s) || s.empty())
                errorf("malformed character constant: " + t.val);
            n->number = static_cast<int64_t>(static_cast<unsigned char>(s[0]));
            n->numberKind = Kind::Int;
            return n;
        }
        std::string digits;
        for (char c : t.val)
            if (c != '_')
                digits += c;
        const bool hex = digits.find("0x") != std::string::npos || digits.find("0X") != std::string::npos;
        if (!hex && digits.find_first_of(".eE") != std::string::npos) {
            char* end = nullptr;
            double d = std::strtod(digits.c_str(), &end);
            if (*end)
                errorf("illegal number syntax: " + codec::quoteGo(t.val));
            n->number = d;
            n->numberKind = Kind::Float64;
            return n;
        }
        char* end = nullptr;
        const bool neg = !digits.empty() && digits[0] == '-';
        std::string body = digits.substr(!digits.empty() && (digits[0] == '-' || digits[0] == '+') ? 1 : 0);
        int base = 10;
        if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X'))
            base = 16, body = body.substr(2);
        else if (body.size() > 2 && body[0] == '0' && (body[1] == 'o' || body[1] == 'O'))
            base = 8, body = body.substr(2);
        else if (body.size() > 2 && body[0] == '0' && (body[1] == 'b' || body[1] == 'B'))
            base = 2, body = body.substr(2);
        else if (body.size() > 1 && body[0] == '0')
            base = 8;
        long long v = std::strtoll(body.c_str(), &end, base);
        if (body.empty() || *end)
            errorf("illegal number syntax: " + codec::quoteGo(t.val));
        n->number = static_cast<int64_t>(neg ? -v : v);
        n->numberKind = Kind::Int;
        return n;
    }

    std::vector<Token> toks_;
    std::string name_;
    TemplateFunctions functions_;
    size_t i_ = 0;
    size_t cur_ = 0;
    int rangeDepth_ = 0;
    std::vector<std::string> vars_ = {"$"};
};

}  // namespace

struct GoTemplate::Tree {
    std::string text;
    std::string name;
    std::unique_ptr<Node> root;
    TemplateFunctions functions = TemplateFunctions::Kubectl;
    std::function<std::string(const Json&)> json;
};

GoTemplate::GoTemplate() = default;
GoTemplate::~GoTemplate() = default;
GoTemplate::GoTemplate(GoTemplate&&) noexcept = default;
GoTemplate& GoTemplate::operator=(GoTemplate&&) noexcept = default;

bool GoTemplate::parse(std::string_view text, std::string& error, const std::string& name) {
    auto tree = std::make_unique<Tree>();
    tree->text = std::string(text);
    tree->name = name;
    tree->functions = functions_;
    tree->json = json_;
    try {
        Parser parser(Lexer(tree->text).run(), name, functions_);
        tree->root = parser.parse();
    } catch (const ParseError& e) {
        error = e.message;
        return false;
    }
    tree_ = std::move(tree);
    return true;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Execution (exec.go, funcs.go)
// ---------------------------------------------------------------------------------------------
namespace {

// A reflect.Value as text/template sees it: invalid (a missing key), or a value with a dynamic
// kind; `iface` marks a value read out of a map or slice (static type interface {}).
struct Value {
    Kind kind = Kind::Invalid;
    std::shared_ptr<const Json> owned;
    const Json* ref = nullptr;
    bool iface = false;

    static Value of(const Json& j, bool iface) {
        Value v;
        v.kind = kindOf(j);
        v.ref = &j;
        v.iface = iface;
        return v;
    }
    static Value make(Json j, Kind k = Kind::Invalid) {
        Value v;
        v.kind = k == Kind::Invalid ? kindOf(j) : k;
        v.owned = std::make_shared<const Json>(std::move(j));
        v.ref = v.owned.get();
        return v;
    }
    bool valid() const { return kind != Kind::Invalid; }
    const Json& j() const {
        static const Json null;
        return ref ? *ref : null;
    }
    // indirectInterface: an interface holding nil becomes invalid.
    Value concrete() const {
        Value v = *this;
        v.iface = false;
        if (kind == Kind::Nil)
            v.kind = Kind::Invalid;
        return v;
    }
    std::string staticType() const { return iface ? "interface {}" : typeName(kind); }
};

struct ExecError {
    std::string message;
};
struct BreakSignal {};
struct ContinueSignal {};

bool isInt(Kind k) { return k == Kind::Int || k == Kind::Int64; }

// fmt's formatting of one operand for printf.
class Printf {
public:
    static std::string sprintf(const std::string& format, const std::vector<Value>& args) {
        std::string out;
        size_t argi = 0;
        for (size_t i = 0; i < format.size(); ++i) {
            if (format[i] != '%') {
                out += format[i];
                continue;
            }
            ++i;
            bool minus = false, zero = false, plus = false, space = false, sharp = false;
            for (; i < format.size(); ++i) {
                const char c = format[i];
                if (c == '-') minus = true;
                else if (c == '0') zero = !minus;
                else if (c == '+') plus = true;
                else if (c == ' ') space = true;
                else if (c == '#') sharp = true;
                else break;
            }
            int width = -1, prec = -1;
            while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i])))
                width = (width < 0 ? 0 : width * 10) + (format[i++] - '0');
            if (i < format.size() && format[i] == '.') {
                ++i;
                prec = 0;
                while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i])))
                    prec = prec * 10 + (format[i++] - '0');
            }
            if (i >= format.size()) {
                out += "%!(NOVERB)";
                break;
            }
            const char verb = format[i];
            if (verb == '%') {
                out += '%';
                continue;
            }
            if (argi >= args.size()) {
                out += std::string("%!") + verb + "(MISSING)";
                continue;
            }
            std::string s = formatOne(verb, args[argi++], prec, plus, space, sharp);
            out += pad(s, width, minus, zero && verb != 's' && verb != 'q' && verb != 'v');
        }
        if (argi < args.size()) {
            out += "%!(EXTRA ";
            for (size_t k = argi; k < args.size(); ++k) {
                if (k > argi)
                    out += ", ";
                const Value v = args[k].concrete();
                out += v.valid() ? std::string(typeName(v.kind)) + "=" + goSprint(v.j()) : "<nil>";
            }
            out += ")";
        }
        return out;
    }

private:
    static std::string pad(const std::string& s, int width, bool left, bool zero) {
        if (width < 0 || static_cast<int>(s.size()) >= width)
            return s;
        const std::string fill(static_cast<size_t>(width) - s.size(), zero ? '0' : ' ');
        if (left)
            return s + std::string(fill.size(), ' ');
        if (zero && !s.empty() && (s[0] == '-' || s[0] == '+'))
            return s.substr(0, 1) + fill + s.substr(1);
        return fill + s;
    }
    static std::string bad(char verb, const Value& v) {
        if (!v.valid())
            return std::string("%!") + verb + "(<nil>)";
        return std::string("%!") + verb + "(" + typeName(v.kind) + "=" + goSprint(v.j()) + ")";
    }
    static std::string formatOne(char verb, const Value& arg, int prec, bool plus, bool space, bool sharp) {
        const Value v = arg.concrete();
        if (!v.valid())
            return verb == 'v' ? "<nil>" : bad(verb, v);
        const Json& j = v.j();
        if (verb == 'v')
            return goSprint(j);
        if (v.kind == Kind::Map || v.kind == Kind::Slice) {
            // fmt applies the verb to every element.
            std::string s = v.kind == Kind::Map ? "map[" : "[";
            bool first = true;
            for (auto it = j.begin(); it != j.end(); ++it) {
                if (!first)
                    s += ' ';
                first = false;
                if (v.kind == Kind::Map)
                    s += formatOne(verb, Value::make(Json(it.key())), prec, plus, space, sharp) + ":";
                s += formatOne(verb, Value::of(it.value(), false), prec, plus, space, sharp);
            }
            return s + "]";
        }
        switch (verb) {
            case 's':
                if (v.kind != Kind::String)
                    return bad(verb, v);
                return prec >= 0 ? j.get<std::string>().substr(0, static_cast<size_t>(prec)) : j.get<std::string>();
            case 'q':
                if (v.kind == Kind::String)
                    return codec::quoteGo(j.get<std::string>());
                if (isInt(v.kind))
                    return "'" + std::string(1, static_cast<char>(j.get<int64_t>())) + "'";
                return bad(verb, v);
            case 't':
                if (v.kind != Kind::Bool)
                    return bad(verb, v);
                return j.get<bool>() ? "true" : "false";
            case 'd':
            case 'x':
            case 'X':
            case 'o':
            case 'b':
            case 'c': {
                if ((verb == 'x' || verb == 'X') && v.kind == Kind::String) {
                    std::string s;
                    for (unsigned char c : j.get<std::string>()) {
                        char buf[4];
                        std::snprintf(buf, sizeof buf, verb == 'x' ? "%02x" : "%02X", c);
                        s += buf;
                    }
                    return s;
                }
                if (!isInt(v.kind))
                    return bad(verb, v);
                const int64_t n = j.get<int64_t>();
                if (verb == 'c')
                    return std::string(1, static_cast<char>(n));
                char buf[80];
                if (verb == 'b') {
                    std::string s;
                    uint64_t u = n < 0 ? static_cast<uint64_t>(-n) : static_cast<uint64_t>(n);
                    do {
                        s.insert(s.begin(), static_cast<char>('0' + (u & 1)));
                        u >>= 1;
                    } while (u);
                    return (n < 0 ? "-" : "") + s;
                }
                const char* f = verb == 'd' ? (plus ? "%+lld" : space ? "% lld" : "%lld")
                                : verb == 'x' ? (sharp ? "%#llx" : "%llx")
                                : verb == 'X' ? (sharp ? "%#llX" : "%llX")
                                              : (sharp ? "%#llo" : "%llo");
                if (n < 0 && verb != 'd') {
                    std::snprintf(buf, sizeof buf, f, static_cast<long long>(-n));
                    return std::string("-") + buf;
                }
                std::snprintf(buf, sizeof buf, f, static_cast<long long>(n));
                return buf;
            }
            case 'e':
            case 'E':
            case 'f':
            case 'F':
            case 'g':
            case 'G': {
                if (v.kind != Kind::Float64)
                    return bad(verb, v);
                const double d = j.get<double>();
                if ((verb == 'g' || verb == 'G') && prec < 0)
                    return codec::formatFloat(d, 'g');
                char fmt[16];
                std::snprintf(fmt, sizeof fmt, "%%%s.%d%c", plus ? "+" : "", prec < 0 ? 6 : prec, verb == 'F' ? 'f' : verb);
                char buf[512];
                std::snprintf(buf, sizeof buf, fmt, d);
                return buf;
            }
            default: return bad(verb, v);
        }
    }
};

// fmt.Sprint: spaces between operands when neither side is a string.
std::string sprint(const std::vector<Value>& args, bool ln) {
    std::string out;
    for (size_t i = 0; i < args.size(); ++i) {
        const Value v = args[i].concrete();
        const bool isString = v.kind == Kind::String;
        if (i > 0 && (ln || (!isString && args[i - 1].concrete().kind != Kind::String)))
            out += ' ';
        out += v.valid() ? goSprint(v.j()) : "<nil>";
    }
    return ln ? out + "\n" : out;
}

bool truth(const Value& in) {
    const Value v = in.concrete();
    switch (v.kind) {
        case Kind::Invalid:
        case Kind::Nil: return false;
        case Kind::Bool: return v.j().get<bool>();
        case Kind::Int:
        case Kind::Int64: return v.j().get<int64_t>() != 0;
        case Kind::Float64: return v.j().get<double>() != 0;
        case Kind::String: return !v.j().get_ref<const std::string&>().empty();
        case Kind::Map:
        case Kind::Slice: return !v.j().empty();
    }
    return false;
}

std::string base64Decode(const std::string& in, bool& ok) {
    static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    int val = 0, bits = -8;
    ok = in.size() % 4 == 0;
    for (size_t i = 0; i < in.size() && ok; ++i) {
        const char c = in[i];
        if (c == '=') {
            ok = i + 2 >= in.size();
            continue;
        }
        const size_t d = kAlphabet.find(c);
        if (d == std::string::npos) {
            ok = false;
            break;
        }
        val = (val << 6) + static_cast<int>(d);
        bits += 6;
        if (bits >= 0) {
            out += static_cast<char>((val >> bits) & 0xFF);
            bits -= 8;
        }
    }
    return out;
}

class Exec {
public:
    Exec(const GoTemplate::Tree& tree, std::string& out, bool missingKeyError)
        : tree_(tree), out_(out), missingKeyError_(missingKeyError) {}

    void run(const Json& data) {
        Value dot = Value::of(data, false);
        vars_.push_back({"$", dot});
        walkList(dot, *tree_.root);
    }

private:
    [[noreturn]] void errorf(const std::string& msg) {
        if (!at_)
            throw ExecError{"template: " + tree_.name + ": " + msg};
        const size_t pos = at_->pos;
        const std::string before = tree_.text.substr(0, pos);
        const size_t nl = before.rfind('\n');
        const size_t col = nl == std::string::npos ? pos : pos - nl - 1;
        int line = 1;
        for (char c : before)
            line += c == '\n';
        throw ExecError{"template: " + tree_.name + ":" + std::to_string(line) + ":" + std::to_string(col) +
                        ": executing " + codec::quoteGo(tree_.name) + " at <" + at_->toString() + ">: " + msg};
    }

    void walkList(const Value& dot, const Node& list) {
        for (const auto& n : list.nodes)
            walk(dot, *n);
    }

    void walk(const Value& dot, const Node& n) {
        switch (n.type) {
            case NodeType::Text: out_ += n.text; return;
            case NodeType::Action: {
                Value v = evalPipeline(dot, *n.pipe);
                if (n.pipe->decls.empty())
                    printValue(n, v);
                return;
            }
            case NodeType::If:
            case NodeType::With: {
                const size_t mark = vars_.size();
                Value v = evalPipeline(dot, *n.pipe);
                if (truth(v)) {
                    walkList(n.type == NodeType::With ? v : dot, *n.list);
                } else if (n.elseList) {
                    walkList(dot, *n.elseList);
                }
                vars_.resize(mark);
                return;
            }
            case NodeType::Range: walkRange(dot, n); return;
            case NodeType::Break: throw BreakSignal{};
            case NodeType::Continue: throw ContinueSignal{};
            case NodeType::List: walkList(dot, n); return;
            default: return;
        }
    }

    void walkRange(const Value& dot, const Node& n) {
        at_ = &n;
        const size_t mark = vars_.size();
        Value v = evalPipeline(dot, *n.pipe).concrete();
        const size_t mark2 = vars_.size();
        auto oneIteration = [&](const Value& index, const Value& elem) {
            if (!n.pipe->decls.empty()) {
                if (n.pipe->decls.size() == 1) {
                    vars_[mark2 - 1].second = elem;
                } else {
                    vars_[mark2 - 2].second = index;
                    vars_[mark2 - 1].second = elem;
                }
            }
            try {
                walkList(elem, *n.list);
            } catch (const ContinueSignal&) {
            }
            vars_.resize(mark2);
        };
        bool any = false;
        try {
            if (v.kind == Kind::Slice) {
                for (size_t i = 0; i < v.j().size(); ++i) {
                    any = true;
                    oneIteration(Value::make(Json(static_cast<int64_t>(i)), Kind::Int), Value::of(v.j()[i], true));
                }
            } else if (v.kind == Kind::Map) {
                for (auto it = v.j().begin(); it != v.j().end(); ++it) {
                    any = true;
                    oneIteration(Value::make(Json(it.key())), Value::of(it.value(), true));
                }
            } else if (v.valid()) {
                errorf("range can't iterate over " + goSprint(v.j()));
            }
        } catch (const BreakSignal&) {
        }
        if (!any && n.elseList)
            walkList(dot, *n.elseList);
        vars_.resize(mark);
    }

    void printValue(const Node& n, const Value& v) {
        at_ = &n;
        const Value c = v.concrete();
        out_ += c.valid() ? goSprint(c.j()) : "<no value>";
    }

    Value evalPipeline(const Value& dot, const Node& pipe) {
        at_ = &pipe;
        Value value;
        bool have = false;
        for (const auto& cmd : pipe.nodes) {
            value = evalCommand(dot, *cmd, have ? &value : nullptr);
            have = true;
            // The result of each stage loses its interface {} wrapper.
            value = value.concrete();
        }
        for (const auto& var : pipe.decls) {
            if (pipe.isAssign)
                setVar(var->idents[0], value);
            else
                vars_.push_back({var->idents[0], value});
        }
        return value;
    }

    void setVar(const std::string& name, const Value& v) {
        for (size_t i = vars_.size(); i-- > 0;)
            if (vars_[i].first == name) {
                vars_[i].second = v;
                return;
            }
        errorf("undefined variable: " + name);
    }
    Value varValue(const std::string& name) {
        for (size_t i = vars_.size(); i-- > 0;)
            if (vars_[i].first == name)
                return vars_[i].second;
        errorf("undefined variable: " + name);
    }

    void notAFunction(const Node& cmd, const Value* final) {
        if (cmd.nodes.size() > 1 || final)
            errorf("can't give argument to non-function " + cmd.nodes[0]->toString());
    }

    Value evalCommand(const Value& dot, const Node& cmd, const Value* final) {
        const Node& first = *cmd.nodes[0];
        switch (first.type) {
            case NodeType::Field: return evalFieldChain(dot, dot, first, first.idents, cmd, final);
            case NodeType::Chain: return evalChain(dot, first, cmd, final);
            case NodeType::Identifier: {
                std::vector<const Node*> argNodes;
                for (size_t i = 1; i < cmd.nodes.size(); ++i)
                    argNodes.push_back(cmd.nodes[i].get());
                return evalFunction(dot, first, cmd, argNodes, final);
            }
            case NodeType::Pipe: notAFunction(cmd, final); return evalPipeline(dot, first);
            case NodeType::Variable: return evalVariable(dot, first, cmd, final);
            default: break;
        }
        at_ = &first;
        notAFunction(cmd, final);
        switch (first.type) {
            case NodeType::Bool: return Value::make(Json(first.boolean));
            case NodeType::Dot: return dot;
            case NodeType::Nil: errorf("nil is not a command");
            case NodeType::Number: return idealConstant(first);
            case NodeType::String: return Value::make(Json(first.str));
            default: errorf("can't evaluate command " + codec::quoteGo(first.toString()));
        }
    }

    Value idealConstant(const Node& n) {
        at_ = &n;
        return Value::make(n.number, n.numberKind);
    }

    Value evalVariable(const Value& dot, const Node& v, const Node& cmd, const Value* final) {
        at_ = &v;
        Value value = varValue(v.idents[0]);
        if (v.idents.size() == 1) {
            notAFunction(cmd, final);
            return value;
        }
        return evalFieldChain(dot, value, v, std::vector<std::string>(v.idents.begin() + 1, v.idents.end()), cmd, final);
    }

    Value evalChain(const Value& dot, const Node& chain, const Node& cmd, const Value* final) {
        if (chain.idents.empty())
            errorf("internal error: no fields in evalChainNode");
        if (chain.nodes[0]->type == NodeType::Nil)
            errorf("indirection through explicit nil in " + chain.toString());
        Value pipe = evalArg(dot, *chain.nodes[0]);
        return evalFieldChain(dot, pipe, chain, chain.idents, cmd, final);
    }

    // `node` is the Field/Variable/Chain node (for the error position), `cmd` the command whose
    // further words would be method arguments.
    Value evalFieldChain(const Value& dot, Value receiver, const Node& node, const std::vector<std::string>& idents,
                         const Node& cmd, const Value* final) {
        if (node.type == NodeType::Field)
            at_ = &node;
        const bool hasArgs = cmd.nodes.size() > 1 || final;
        for (size_t i = 0; i < idents.size(); ++i)
            receiver = evalField(dot, idents[i], receiver, hasArgs && i + 1 == idents.size());
        return receiver;
    }

    Value evalField(const Value&, const std::string& name, const Value& receiver, bool hasArgs) {
        if (!receiver.valid()) {
            if (missingKeyError_)
                errorf("nil data; no entry for key " + codec::quoteGo(name));
            return Value{};
        }
        if (receiver.kind == Kind::Nil)
            errorf("nil pointer evaluating " + receiver.staticType() + "." + name);
        if (receiver.kind == Kind::Map) {
            if (hasArgs)
                errorf(name + " is not a method but has arguments");
            const Json& m = receiver.j();
            auto it = m.find(name);
            if (it == m.end()) {
                if (missingKeyError_)
                    errorf("map has no entry for key " + codec::quoteGo(name));
                return Value{};
            }
            return Value::of(*it, true);
        }
        errorf("can't evaluate field " + name + " in type " + receiver.staticType());
    }

    // evalArg with an interface{} / reflect.Value parameter (all our functions take those).
    Value evalArg(const Value& dot, const Node& n) {
        at_ = &n;
        switch (n.type) {
            case NodeType::Dot: return dot;
            case NodeType::Nil: return Value::make(Json(nullptr));
            case NodeType::Field: {
                Node cmd;
                return evalFieldChain(dot, dot, n, n.idents, cmd, nullptr);
            }
            case NodeType::Variable: {
                Node cmd;
                return evalVariable(dot, n, cmd, nullptr);
            }
            case NodeType::Pipe: return evalPipeline(dot, n);
            case NodeType::Identifier: return evalFunction(dot, n, n, {}, nullptr);
            case NodeType::Chain: {
                Node cmd;
                return evalChain(dot, n, cmd, nullptr);
            }
            case NodeType::Bool: return Value::make(Json(n.boolean));
            case NodeType::Number: return idealConstant(n);
            case NodeType::String: return Value::make(Json(n.str));
            default: errorf("can't handle " + n.toString() + " for arg of type interface {}");
        }
    }

    // `cmd` is the node errors of the call itself point at (the command, or the identifier when
    // a function is an argument of another).
    Value evalFunction(const Value& dot, const Node& ident, const Node& cmd, const std::vector<const Node*>& argNodes,
                       const Value* final) {
        at_ = &ident;
        const std::string& name = ident.text;
        const size_t numIn = argNodes.size() + (final ? 1 : 0);
        // Arity: {fixed, variadic}.
        struct Sig {
            const char* name;
            size_t fixed;
            bool variadic;
        };
        static const Sig kSigs[] = {{"and", 1, true},   {"or", 1, true},     {"not", 1, false},   {"len", 1, false},
                                    {"index", 1, true}, {"slice", 1, true},  {"print", 0, true},  {"printf", 1, true},
                                    {"println", 0, true}, {"eq", 1, true},   {"ne", 2, false},    {"lt", 2, false},
                                    {"le", 2, false},   {"gt", 2, false},    {"ge", 2, false},    {"exists", 1, true},
                                    {"base64decode", 1, false}, {"html", 0, true}, {"js", 0, true},
                                    {"urlquery", 0, true}, {"json", 1, false},  {"split", 2, false},
                                    {"join", 2, false},  {"title", 1, false},    {"lower", 1, false},
                                    {"upper", 1, false}, {"pad", 3, false},      {"truncate", 2, false}};
        const Sig* sig = nullptr;
        for (const Sig& s : kSigs)
            if (name == s.name)
                sig = &s;
        if (sig->variadic && numIn < sig->fixed)
            errorf("wrong number of args for " + name + ": want at least " + std::to_string(sig->fixed) + " got " +
                   std::to_string(argNodes.size()));
        if (!sig->variadic && numIn != sig->fixed)
            errorf("wrong number of args for " + name + ": want " + std::to_string(sig->fixed) + " got " +
                   std::to_string(numIn));

        // and/or short-circuit.
        if (name == "and" || name == "or") {
            Value v;
            for (const Node* a : argNodes) {
                v = evalArg(dot, *a);
                if (truth(v) == (name == "or"))
                    return v;
            }
            return final ? *final : v;
        }
        std::vector<Value> args;
        for (const Node* a : argNodes)
            args.push_back(evalArg(dot, *a));
        if (final)
            args.push_back(*final);
        std::string err;
        Value result = call(name, args, err);
        if (!err.empty()) {
            at_ = &cmd;
            errorf("error calling " + name + ": " + err);
        }
        return result;
    }

    Value call(const std::string& name, const std::vector<Value>& args, std::string& err) const {
        if (tree_.functions == TemplateFunctions::Docker)
            if (std::optional<Value> v = callDocker(name, args, err))
                return *v;
        if (name == "not")
            return Value::make(Json(!truth(args[0])));
        if (name == "len")
            return Value::make(Json(static_cast<int64_t>(length(args[0], err))), Kind::Int);
        if (name == "index")
            return index(args, err);
        if (name == "slice")
            return slice(args, err);
        if (name == "print" || name == "println")
            return Value::make(Json(sprint(args, name == "println")));
        if (name == "printf") {
            const Value f = args[0].concrete();
            if (f.kind != Kind::String) {
                err = "wrong type for value; expected string; got " + std::string(typeName(f.kind));
                return {};
            }
            return Value::make(Json(Printf::sprintf(f.j().get<std::string>(), {args.begin() + 1, args.end()})));
        }
        if (name == "eq" || name == "ne") {
            if (name == "eq" && args.size() < 2) {
                err = "missing argument for comparison";
                return {};
            }
            bool r = eq(args[0], {args.begin() + 1, args.end()}, err);
            return Value::make(Json(name == "eq" ? r : !r));
        }
        if (name == "lt" || name == "le" || name == "gt" || name == "ge") {
            bool less = lt(args[0], args[1], err);
            if (!err.empty())
                return {};
            bool equal = (name == "le" || name == "gt") ? eq(args[0], {args[1]}, err) : false;
            bool r = name == "lt" ? less : name == "le" ? (less || equal) : name == "gt" ? !(less || equal) : !less;
            return Value::make(Json(r));
        }
        if (name == "exists") {
            // kubectl: true when every key/index of the path exists.
            Value cur = args[0].concrete();
            for (size_t i = 1; i < args.size(); ++i) {
                const Value k = args[i].concrete();
                if (cur.kind == Kind::Map && k.kind == Kind::String && cur.j().contains(k.j().get<std::string>()))
                    cur = Value::of(cur.j()[k.j().get<std::string>()], false).concrete();
                else if (cur.kind == Kind::Slice && isInt(k.kind) && k.j().get<int64_t>() >= 0 &&
                         static_cast<size_t>(k.j().get<int64_t>()) < cur.j().size())
                    cur = Value::of(cur.j()[static_cast<size_t>(k.j().get<int64_t>())], false).concrete();
                else
                    return Value::make(Json(false));
            }
            return Value::make(Json(true));
        }
        if (name == "base64decode") {
            const Value s = args[0].concrete();
            if (s.kind != Kind::String) {
                err = "wrong type for value; expected string; got " + std::string(typeName(s.kind));
                return {};
            }
            bool ok = false;
            std::string decoded = base64Decode(s.j().get<std::string>(), ok);
            if (!ok) {
                err = "base64 decode failed: illegal base64 data at input byte 0";
                return {};
            }
            return Value::make(Json(decoded));
        }
        if (name == "html" || name == "js" || name == "urlquery") {
            // evalArgs: a single string argument as it is, else fmt.Sprint of all.
            const std::string text = args.size() == 1 && args[0].concrete().kind == Kind::String
                                         ? args[0].concrete().j().get<std::string>()
                                         : sprint(args, false);
            return Value::make(Json(name == "html" ? htmlEscape(text) : name == "js" ? jsEscape(text) : queryEscape(text)));
        }
        err = "unknown function";
        return {};
    }

    // docker's template functions (docker/cli templates/templates.go). nullopt: not one of them.
    // Arguments take Go's static types: a string where the function wants a string, a list of
    // strings for join, an int for pad and truncate.
    std::optional<Value> callDocker(const std::string& name, const std::vector<Value>& args, std::string& err) const {
        auto str = [&](size_t i, std::string& out) {
            const Value v = args[i].concrete();
            if (v.kind != Kind::String) {
                err = "wrong type for value; expected string; got " + std::string(typeName(v.kind));
                return false;
            }
            out = v.j().get<std::string>();
            return true;
        };
        auto integer = [&](size_t i, int64_t& out) {
            const Value v = args[i].concrete();
            if (!isInt(v.kind)) {
                err = "wrong type for value; expected int; got " + std::string(typeName(v.kind));
                return false;
            }
            out = v.j().get<int64_t>();
            return true;
        };
        if (name == "json") {
            const Value v = args[0].concrete();
            const Json& j = v.valid() ? v.j() : Json();
            return Value::make(Json(tree_.json ? tree_.json(j) : j.dump()));
        }
        std::string s;
        if (name == "lower" || name == "upper" || name == "title") {
            if (!str(0, s))
                return Value{};
            bool wordStart = true;
            for (char& c : s) {
                const bool letter = std::isalnum(static_cast<unsigned char>(c)) || c == '_';
                if (name == "lower")
                    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                else if (name == "upper" || (wordStart && letter))
                    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                wordStart = !letter;
            }
            return Value::make(Json(s));
        }
        if (name == "split") {
            std::string sep;
            if (!str(0, s) || !str(1, sep))
                return Value{};
            Json parts = Json::array();
            if (sep.empty()) {
                for (char c : s)
                    parts.push_back(std::string(1, c));
            } else {
                size_t start = 0;
                for (size_t at; (at = s.find(sep, start)) != std::string::npos; start = at + sep.size())
                    parts.push_back(s.substr(start, at - start));
                parts.push_back(s.substr(start));
            }
            return Value::make(parts);
        }
        if (name == "join") {
            const Value list = args[0].concrete();
            std::string sep;
            bool strings = list.kind == Kind::Slice;
            if (strings)
                for (const Json& e : list.j())
                    strings = strings && e.is_string();
            if (!strings) {
                err = "wrong type for value; expected []string; got " + std::string(typeName(list.kind));
                return Value{};
            }
            if (!str(1, sep))
                return Value{};
            for (size_t i = 0; i < list.j().size(); ++i)
                s += (i ? sep : "") + list.j()[i].get<std::string>();
            return Value::make(Json(s));
        }
        if (name == "pad") {
            int64_t prefix = 0, suffix = 0;
            if (!str(0, s) || !integer(1, prefix) || !integer(2, suffix))
                return Value{};
            if (!s.empty())
                s = std::string(static_cast<size_t>(std::max<int64_t>(prefix, 0)), ' ') + s +
                    std::string(static_cast<size_t>(std::max<int64_t>(suffix, 0)), ' ');
            return Value::make(Json(s));
        }
        if (name == "truncate") {
            int64_t length = 0;
            if (!str(0, s) || !integer(1, length))
                return Value{};
            if (static_cast<int64_t>(s.size()) >= length)
                s = s.substr(0, static_cast<size_t>(std::max<int64_t>(length, 0)));
            return Value::make(Json(s));
        }
        return std::nullopt;
    }

    // template.HTMLEscapeString.
    static std::string htmlEscape(const std::string& s) {
        std::string out;
        for (char c : s) {
            switch (c) {
                case '"': out += "&#34;"; break;
                case '\'': out += "&#39;"; break;
                case '&': out += "&amp;"; break;
                case '<': out += "&lt;"; break;
                case '>': out += "&gt;"; break;
                case '\0': out += "\uFFFD"; break;
                default: out += c;
            }
        }
        return out;
    }
    // template.JSEscapeString.
    static std::string jsEscape(const std::string& s) {
        std::string out;
        for (unsigned char c : s) {
            switch (c) {
                case '\\': out += "\\\\"; break;
                case '\'': out += "\\'"; break;
                case '"': out += "\\\""; break;
                case '<': out += "\\u003C"; break;
                case '>': out += "\\u003E"; break;
                case '&': out += "\\u0026"; break;
                case '=': out += "\\u003D"; break;
                default:
                    if (c < ' ') {
                        char buf[8];
                        std::snprintf(buf, sizeof buf, "\\u%04X", c);
                        out += buf;
                    } else {
                        out += static_cast<char>(c);
                    }
            }
        }
        return out;
    }
    // url.QueryEscape.
    static std::string queryEscape(const std::string& s) {
        std::string out;
        for (unsigned char c : s) {
            if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
                out += static_cast<char>(c);
            } else if (c == ' ') {
                out += '+';
            } else {
                char buf[4];
                std::snprintf(buf, sizeof buf, "%%%02X", c);
                out += buf;
            }
        }
        return out;
    }

    static size_t length(const Value& item, std::string& err) {
        if (!item.valid()) {
            err = "reflect: call of reflect.Value.Type on zero Value";
            return 0;
        }
        const Value v = item.concrete();
        if (!v.valid()) {
            err = "len of nil pointer";
            return 0;
        }
        if (v.kind == Kind::String || v.kind == Kind::Map || v.kind == Kind::Slice)
            return v.kind == Kind::String ? v.j().get_ref<const std::string&>().size() : v.j().size();
        err = std::string("len of type ") + typeName(v.kind);
        return 0;
    }

    static bool indexArg(const Value& index, size_t cap, int64_t& x, std::string& err) {
        const Value i = index.concrete();
        if (!i.valid()) {
            err = "cannot index slice/array with nil";
            return false;
        }
        if (!isInt(i.kind)) {
            err = std::string("cannot index slice/array with type ") + typeName(i.kind);
            return false;
        }
        x = i.j().get<int64_t>();
        if (x < 0 || static_cast<size_t>(x) > cap) {
            err = "index out of range: " + std::to_string(x);
            return false;
        }
        return true;
    }

    static Value index(const std::vector<Value>& args, std::string& err) {
        Value item = args[0].concrete();
        if (!item.valid()) {
            err = "index of untyped nil";
            return {};
        }
        for (size_t k = 1; k < args.size(); ++k) {
            if (item.kind == Kind::Nil || !item.valid()) {
                err = "index of nil pointer";
                return {};
            }
            if (item.kind == Kind::Slice || item.kind == Kind::String) {
                const size_t len = item.kind == Kind::String ? item.j().get_ref<const std::string&>().size() : item.j().size();
                int64_t x = 0;
                if (!indexArg(args[k], len, x, err))
                    return {};
                if (static_cast<size_t>(x) == len) {
                    err = "index out of range: " + std::to_string(x);
                    return {};
                }
                if (item.kind == Kind::String)
                    item = Value::make(Json(static_cast<int64_t>(static_cast<unsigned char>(item.j().get_ref<const std::string&>()[static_cast<size_t>(x)]))), Kind::Int);
                else
                    item = Value::of(item.j()[static_cast<size_t>(x)], true);
                continue;
            }
            if (item.kind == Kind::Map) {
                const Value key = args[k].concrete();
                if (!key.valid()) {
                    err = "value is nil; should be of type string";
                    return {};
                }
                if (key.kind != Kind::String) {
                    err = std::string("value has type ") + typeName(key.kind) + "; should be string";
                    return {};
                }
                auto it = item.j().find(key.j().get<std::string>());
                item = it == item.j().end() ? Value::make(Json(nullptr)) : Value::of(*it, true);
                item.iface = true;
                continue;
            }
            err = std::string("can't index item of type ") + typeName(item.kind);
            return {};
        }
        return item;
    }

    static Value slice(const std::vector<Value>& args, std::string& err) {
        const Value item = args[0].concrete();
        if (!item.valid()) {
            err = "slice of untyped nil";
            return {};
        }
        if (args.size() > 4) {
            err = "too many slice indexes: " + std::to_string(args.size() - 1);
            return {};
        }
        if (item.kind != Kind::String && item.kind != Kind::Slice) {
            err = std::string("can't slice item of type ") + typeName(item.kind);
            return {};
        }
        if (item.kind == Kind::String && args.size() == 4) {
            err = "cannot 3-index slice a string";
            return {};
        }
        const size_t len = item.kind == Kind::String ? item.j().get_ref<const std::string&>().size() : item.j().size();
        std::vector<int64_t> idx = {0, static_cast<int64_t>(len)};
        for (size_t k = 1; k < args.size() && k <= 2; ++k)
            if (!indexArg(args[k], len, idx[k - 1], err))
                return {};
        if (idx[0] > idx[1]) {
            err = "invalid slice index: " + std::to_string(idx[0]) + " > " + std::to_string(idx[1]);
            return {};
        }
        if (item.kind == Kind::String)
            return Value::make(Json(item.j().get<std::string>().substr(static_cast<size_t>(idx[0]),
                                                                        static_cast<size_t>(idx[1] - idx[0]))));
        Json out = Json::array();
        for (int64_t i = idx[0]; i < idx[1]; ++i)
            out.push_back(item.j()[static_cast<size_t>(i)]);
        return Value::make(std::move(out));
    }

    enum class Basic { Invalid, Bool, Int, Float, String, Other };
    static Basic basicKind(const Value& v) {
        switch (v.kind) {
            case Kind::Bool: return Basic::Bool;
            case Kind::Int:
            case Kind::Int64: return Basic::Int;
            case Kind::Float64: return Basic::Float;
            case Kind::String: return Basic::String;
            case Kind::Invalid: return Basic::Invalid;
            default: return Basic::Other;
        }
    }

    static bool eq(const Value& a, const std::vector<Value>& others, std::string& err) {
        const Value x = a.concrete();
        const Basic k1 = basicKind(x);
        for (const Value& o : others) {
            const Value y = o.concrete();
            const Basic k2 = basicKind(y);
            bool truthy = false;
            if (k1 != k2) {
                if (x.valid() && y.valid()) {
                    err = "incompatible types for comparison";
                    return false;
                }
            } else {
                switch (k1) {
                    case Basic::Bool: truthy = x.j().get<bool>() == y.j().get<bool>(); break;
                    case Basic::Int: truthy = x.j().get<int64_t>() == y.j().get<int64_t>(); break;
                    case Basic::Float: truthy = x.j().get<double>() == y.j().get<double>(); break;
                    case Basic::String: truthy = x.j().get<std::string>() == y.j().get<std::string>(); break;
                    case Basic::Invalid: truthy = true; break;
                    default:
                        err = std::string("non-comparable types ") + goSprint(x.j()) + ": " + typeName(x.kind) + ", " +
                              typeName(y.kind) + ": " + goSprint(y.j());
                        return false;
                }
            }
            if (truthy)
                return true;
        }
        return false;
    }

    static bool lt(const Value& a, const Value& b, std::string& err) {
        const Value x = a.concrete(), y = b.concrete();
        const Basic k1 = basicKind(x), k2 = basicKind(y);
        if (k1 == Basic::Invalid || k2 == Basic::Invalid || k1 == Basic::Other || k2 == Basic::Other ||
            k1 == Basic::Bool) {
            err = "invalid type for comparison";
            return false;
        }
        if (k1 != k2) {
            err = "incompatible types for comparison";
            return false;
        }
        switch (k1) {
            case Basic::Int: return x.j().get<int64_t>() < y.j().get<int64_t>();
            case Basic::Float: return x.j().get<double>() < y.j().get<double>();
            default: return x.j().get<std::string>() < y.j().get<std::string>();
        }
    }

    const GoTemplate::Tree& tree_;
    std::string& out_;
    bool missingKeyError_;
    const Node* at_ = nullptr;
    std::vector<std::pair<std::string, Value>> vars_;
};

}  // namespace

std::string GoTemplate::execute(const Json& data, std::string& out) const {
    if (!tree_)
        return "template: output: \"output\" is an incomplete or empty template";
    try {
        Exec(*tree_, out, missingKeyError_).run(data);
    } catch (const ExecError& e) {
        return e.message;
    } catch (const BreakSignal&) {
    } catch (const ContinueSignal&) {
    }
    return "";
}

}  // namespace kp::api
