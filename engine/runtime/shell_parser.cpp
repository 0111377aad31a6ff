#include "runtime/shell_parser.h"

#include <cctype>

namespace kp::runtime::sh {
namespace {

struct Token {
    enum class Type { Word, Op, Newline, End } type = Type::End;
    std::string text;
    int ioNumber = -1;  // for redirection ops preceded by a descriptor ("2>")
};

bool isMeta(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' || c == '>' ||
           c == '(' || c == ')';
}

class Lexer {
public:
    explicit Lexer(std::string_view s) : s_(s) {}

    bool next(Token& tok, std::string* error) {
        skipBlanks();
        tok = Token{};
        if (i_ >= s_.size()) {
            tok.type = Token::Type::End;
            return true;
        }
        char c = s_[i_];
        if (c == '\n') {
            ++i_;
            tok.type = Token::Type::Newline;
            return true;
        }
        if (c == '#') {
            while (i_ < s_.size() && s_[i_] != '\n')
                ++i_;
            return next(tok, error);
        }
        // A descriptor number directly before a redirection: "2>", "2>>", "2>&1".
        size_t j = i_;
        while (j < s_.size() && std::isdigit(static_cast<unsigned char>(s_[j])))
            ++j;
        if (j > i_ && j < s_.size() && (s_[j] == '>' || s_[j] == '<')) {
            tok.ioNumber = std::stoi(std::string(s_.substr(i_, j - i_)));
            i_ = j;
            c = s_[i_];
        }
        if (isMeta(c)) {
            tok.type = Token::Type::Op;
            for (std::string_view op : {"&&", "||", ";;", ">>", ">&", "<&", "&>"}) {
                if (s_.substr(i_, op.size()) == op) {
                    tok.text = std::string(op);
                    i_ += op.size();
                    return true;
                }
            }
            tok.text = std::string(1, c);
            ++i_;
            return true;
        }
        tok.type = Token::Type::Word;
        return readWord(tok.text, error);
    }

private:
    void skipBlanks() {
        while (i_ < s_.size()) {
            if (s_[i_] == ' ' || s_[i_] == '\t') {
                ++i_;
            } else if (s_[i_] == '\\' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n') {
                i_ += 2;  // line continuation
            } else {
                break;
            }
        }
    }

    // Reads one word, keeping quotes and substitutions verbatim for the expander.
    bool readWord(std::string& out, std::string* error) {
        while (i_ < s_.size() && !isMeta(s_[i_])) {
            char c = s_[i_];
            if (c == '\\') {
                out += c;
                if (i_ + 1 < s_.size())
                    out += s_[i_ + 1];
                i_ += 2;
            } else if (c == '\'') {
                size_t end = s_.find('\'', i_ + 1);
                if (end == std::string_view::npos)
                    return fail(error, "unterminated quoted string");
                out += s_.substr(i_, end - i_ + 1);
                i_ = end + 1;
            } else if (c == '"') {
                size_t start = i_++;
                if (!skipDoubleQuoted(error))
                    return false;
                out += s_.substr(start, i_ - start);
            } else if (c == '`') {
                size_t end = s_.find('`', i_ + 1);
                if (end == std::string_view::npos)
                    return fail(error, "unterminated quoted string");
                out += s_.substr(i_, end - i_ + 1);
                i_ = end + 1;
            } else if (c == '$' && i_ + 1 < s_.size() && (s_[i_ + 1] == '(' || s_[i_ + 1] == '{')) {
                size_t start = i_;
                if (!skipSubstitution(error))
                    return false;
                out += s_.substr(start, i_ - start);
            } else {
                out += c;
                ++i_;
            }
        }
        return true;
    }

    // At the character after an opening '"': moves past the closing one.
    bool skipDoubleQuoted(std::string* error) {
        while (i_ < s_.size() && s_[i_] != '"') {
            if (s_[i_] == '\\') {
                i_ += 2;
            } else if (s_[i_] == '$' && i_ + 1 < s_.size() && (s_[i_ + 1] == '(' || s_[i_ + 1] == '{')) {
                if (!skipSubstitution(error))
                    return false;
            } else if (s_[i_] == '`') {
                size_t end = s_.find('`', i_ + 1);
                if (end == std::string_view::npos)
                    return fail(error, "unterminated quoted string");
                i_ = end + 1;
            } else {
                ++i_;
            }
        }
        if (i_ >= s_.size())
            return fail(error, "unterminated quoted string");
        ++i_;
        return true;
    }

    // At "$(" or "${": moves past the matching close, honouring nesting and quotes.
    bool skipSubstitution(std::string* error) {
        char open = s_[i_ + 1];
        char close = open == '(' ? ')' : '}';
        i_ += 2;
        int depth = 1;
        while (i_ < s_.size() && depth > 0) {
            char c = s_[i_];
            if (c == '\\') {
                i_ += 2;
                continue;
            }
            if (c == '\'') {
                size_t end = s_.find('\'', i_ + 1);
                if (end == std::string_view::npos)
                    return fail(error, "unterminated quoted string");
                i_ = end + 1;
                continue;
            }
            if (c == '"') {
                ++i_;
                if (!skipDoubleQuoted(error))
                    return false;
                continue;
            }
            if (c == open)
                ++depth;
            else if (c == close)
                --depth;
            ++i_;
        }
        if (depth > 0)
            return fail(error, open == '(' ? "unexpected end of file (expecting \")\")" : "missing '}'");
        return true;
    }

    static bool fail(std::string* error, const std::string& msg) {
        if (error)
            *error = "sh: syntax error: " + msg;
        return false;
    }

    std::string_view s_;
    size_t i_ = 0;
};

bool isAssignment(const std::string& w) {
    size_t eq = w.find('=');
    if (eq == std::string::npos || eq == 0)
        return false;
    if (!std::isalpha(static_cast<unsigned char>(w[0])) && w[0] != '_')
        return false;
    for (size_t i = 0; i < eq; ++i)
        if (!std::isalnum(static_cast<unsigned char>(w[i])) && w[i] != '_')
            return false;
    return true;
}

class Parser {
public:
    Parser(std::string_view src, std::string* error) : lex_(src), error_(error) { advance(); }

    std::unique_ptr<Node> program() {
        auto list = compoundList({});
        if (!list)
            return nullptr;
        if (tok_.type != Token::Type::End)
            return unexpected();
        return list;
    }

private:
    bool advance() {
        if (!lex_.next(tok_, error_)) {
            failed_ = true;
            tok_ = Token{};
            return false;
        }
        return true;
    }
    bool isWord(const char* w) const { return tok_.type == Token::Type::Word && tok_.text == w; }
    bool isOp(const char* op) const { return tok_.type == Token::Type::Op && tok_.ioNumber < 0 && tok_.text == op; }
    void skipNewlines() {
        while (tok_.type == Token::Type::Newline)
            advance();
    }
    std::unique_ptr<Node> unexpected() {
        if (error_ && !failed_) {
            if (tok_.type == Token::Type::End)
                *error_ = "sh: syntax error: unexpected end of file";
            else if (tok_.type == Token::Type::Newline)
                *error_ = "sh: syntax error: unexpected newline";
            else
                *error_ = "sh: syntax error: unexpected \"" + tok_.text + "\"";
        }
        failed_ = true;
        return nullptr;
    }
    std::unique_ptr<Node> expecting(const char* what) {
        if (error_ && !failed_) {
            if (tok_.type == Token::Type::End)
                *error_ = std::string("sh: syntax error: unexpected end of file (expecting \"") + what + "\")";
            else
                *error_ = "sh: syntax error: unexpected \"" + (tok_.type == Token::Type::Newline ? "newline" : tok_.text) +
                          "\" (expecting \"" + what + "\")";
        }
        failed_ = true;
        return nullptr;
    }

    // A list that ends at one of `terminators` (reserved words), ")" or end of input.
    std::unique_ptr<Node> compoundList(std::vector<const char*> terminators) {
        auto list = std::make_unique<Node>();
        list->kind = Node::Kind::List;
        while (true) {
            skipNewlines();
            if (failed_)
                return nullptr;
            if (tok_.type == Token::Type::End || isOp(")"))
                break;
            bool stop = false;
            for (const char* t : terminators)
                stop = stop || isWord(t);
            if (stop)
                break;
            auto item = andOr();
            if (!item)
                return nullptr;
            list->children.push_back(std::move(item));
            if (isOp(";") || isOp("&") || tok_.type == Token::Type::Newline) {
                advance();
                continue;
            }
            break;
        }
        return failed_ ? nullptr : std::move(list);
    }

    std::unique_ptr<Node> andOr() {
        auto first = pipeline();
        if (!first)
            return nullptr;
        if (!isOp("&&") && !isOp("||"))
            return first;
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::AndOr;
        node->children.push_back(std::move(first));
        while (isOp("&&") || isOp("||")) {
            node->ops.push_back(tok_.text);
            advance();
            skipNewlines();
            auto next = pipeline();
            if (!next)
                return nullptr;
            node->children.push_back(std::move(next));
        }
        return node;
    }

    std::unique_ptr<Node> pipeline() {
        bool negate = false;
        if (isWord("!")) {
            negate = true;
            advance();
        }
        auto first = command();
        if (!first)
            return nullptr;
        if (!isOp("|") && !negate)
            return first;
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::Pipeline;
        node->negate = negate;
        node->children.push_back(std::move(first));
        while (isOp("|")) {
            advance();
            skipNewlines();
            auto next = command();
            if (!next)
                return nullptr;
            node->children.push_back(std::move(next));
        }
        return node;
    }

    std::unique_ptr<Node> command() {
        if (tok_.type == Token::Type::Word) {
            if (tok_.text == "while" || tok_.text == "until")
                return loop();
            if (tok_.text == "for")
                return forLoop();
            if (tok_.text == "if")
                return ifClause();
            if (tok_.text == "{")
                return group();
            if (tok_.text == "do" || tok_.text == "done" || tok_.text == "then" || tok_.text == "fi" ||
                tok_.text == "else" || tok_.text == "elif" || tok_.text == "}" || tok_.text == "in")
                return unexpected();
        }
        if (isOp("("))
            return subshell();
        return simple();
    }

    std::unique_ptr<Node> loop() {
        auto node = std::make_unique<Node>();
        node->kind = tok_.text == "while" ? Node::Kind::While : Node::Kind::Until;
        advance();
        auto cond = compoundList({"do"});
        if (!cond)
            return nullptr;
        if (!isWord("do"))
            return expecting("do");
        advance();
        auto body = compoundList({"done"});
        if (!body)
            return nullptr;
        if (!isWord("done"))
            return expecting("done");
        advance();
        node->children.push_back(std::move(cond));
        node->children.push_back(std::move(body));
        return node;
    }

    std::unique_ptr<Node> forLoop() {
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::For;
        advance();
        if (tok_.type != Token::Type::Word)
            return unexpected();
        node->var = tok_.text;
        advance();
        skipNewlines();
        if (isWord("in")) {
            node->hasIn = true;
            advance();
            while (tok_.type == Token::Type::Word) {
                node->items.push_back(tok_.text);
                advance();
            }
        }
        if (isOp(";") || tok_.type == Token::Type::Newline)
            advance();
        skipNewlines();
        if (!isWord("do"))
            return expecting("do");
        advance();
        auto body = compoundList({"done"});
        if (!body)
            return nullptr;
        if (!isWord("done"))
            return expecting("done");
        advance();
        node->children.push_back(std::move(body));
        return node;
    }

    std::unique_ptr<Node> ifClause() {
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::If;
        advance();
        while (true) {
            auto cond = compoundList({"then"});
            if (!cond)
                return nullptr;
            if (!isWord("then"))
                return expecting("then");
            advance();
            auto body = compoundList({"elif", "else", "fi"});
            if (!body)
                return nullptr;
            node->children.push_back(std::move(cond));
            node->children.push_back(std::move(body));
            if (isWord("elif")) {
                advance();
                continue;
            }
            break;
        }
        if (isWord("else")) {
            advance();
            auto elseBody = compoundList({"fi"});
            if (!elseBody)
                return nullptr;
            node->children.push_back(std::move(elseBody));
        }
        if (!isWord("fi"))
            return expecting("fi");
        advance();
        return node;
    }

    std::unique_ptr<Node> group() {
        advance();
        auto body = compoundList({"}"});
        if (!body)
            return nullptr;
        if (!isWord("}"))
            return expecting("}");
        advance();
        body->kind = Node::Kind::Group;
        return body;
    }

    std::unique_ptr<Node> subshell() {
        advance();
        auto body = compoundList({});
        if (!body)
            return nullptr;
        if (!isOp(")"))
            return expecting(")");
        advance();
        body->kind = Node::Kind::Subshell;
        return body;
    }

    std::unique_ptr<Node> simple() {
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::Simple;
        while (!failed_) {
            if (tok_.type == Token::Type::Word) {
                if (node->words.empty() && isAssignment(tok_.text)) {
                    size_t eq = tok_.text.find('=');
                    node->assigns.emplace_back(tok_.text.substr(0, eq), tok_.text.substr(eq + 1));
                } else {
                    node->words.push_back(tok_.text);
                }
                advance();
                continue;
            }
            if (tok_.type == Token::Type::Op && (tok_.text == ">" || tok_.text == ">>" || tok_.text == "<" ||
                                                 tok_.text == ">&" || tok_.text == "<&" || tok_.text == "&>")) {
                Redirect r;
                std::string op = tok_.text;
                r.fd = tok_.ioNumber >= 0 ? tok_.ioNumber : (op[0] == '<' ? 0 : 1);
                advance();
                if (tok_.type != Token::Type::Word)
                    return unexpected();
                if (op == ">&" || op == "<&") {
                    r.kind = Redirect::Kind::Dup;
                    r.dupTo = std::isdigit(static_cast<unsigned char>(tok_.text[0])) ? std::stoi(tok_.text) : 1;
                } else if (op == "&>") {
                    r.kind = Redirect::Kind::Write;
                    r.target = tok_.text;
                    node->redirects.push_back(r);
                    r = Redirect{2, Redirect::Kind::Dup, "", 1};
                } else {
                    r.kind = op == ">>" ? Redirect::Kind::Append : op == "<" ? Redirect::Kind::Read : Redirect::Kind::Write;
                    r.target = tok_.text;
                }
                node->redirects.push_back(r);
                advance();
                continue;
            }
            break;
        }
        if (failed_)
            return nullptr;
        if (node->words.empty() && node->assigns.empty() && node->redirects.empty())
            return unexpected();
        return node;
    }

    Lexer lex_;
    Token tok_;
    std::string* error_;
    bool failed_ = false;
};

}  // namespace

std::shared_ptr<const Program> parse(std::string_view script, std::string* error) {
    std::string err;
    Parser p(script, &err);
    auto root = p.program();
    if (!root) {
        if (error)
            *error = err.empty() ? "sh: syntax error" : err;
        return nullptr;
    }
    auto prog = std::make_shared<Program>();
    prog->root = std::move(root);
    prog->source = std::string(script);
    return prog;
}

std::string quoteWord(std::string_view literal) {
    std::string out = "'";
    for (char c : literal) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    out += "'";
    return out;
}

std::shared_ptr<const Program> fromArgv(const std::vector<std::string>& argv) {
    auto simple = std::make_unique<Node>();
    simple->kind = Node::Kind::Simple;
    for (const std::string& a : argv)
        simple->words.push_back(quoteWord(a));
    auto list = std::make_unique<Node>();
    list->kind = Node::Kind::List;
    list->children.push_back(std::move(simple));
    auto prog = std::make_shared<Program>();
    prog->root = std::move(list);
    return prog;
}

}  // namespace kp::runtime::sh
