#include "cli/sh/syntax.h"

#include <cctype>

namespace kp::cli::sh {
namespace {

bool isOperatorStart(char c) { return c == '|' || c == '&' || c == ';' || c == '<' || c == '>' || c == '\n'; }
bool isBlank(char c) { return c == ' ' || c == '\t'; }

// End of a $( ... ) starting at text[i] == '(' (after the '$'); npos if unclosed.
size_t scanParens(std::string_view text, size_t i) {
    int depth = 0;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\\') {
            ++i;
        } else if (c == '\'') {
            i = text.find('\'', i + 1);
            if (i == std::string_view::npos)
                return i;
        } else if (c == '"') {
            for (++i; i < text.size() && text[i] != '"'; ++i)
                if (text[i] == '\\')
                    ++i;
            if (i >= text.size())
                return std::string_view::npos;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')') {
            if (--depth == 0)
                return i + 1;
        }
    }
    return std::string_view::npos;
}

}  // namespace

size_t scanWord(std::string_view text, size_t i) {
    while (i < text.size()) {
        char c = text[i];
        if (isBlank(c) || isOperatorStart(c))
            return i;
        if (c == '\\') {
            i += 2;
        } else if (c == '\'') {
            size_t end = text.find('\'', i + 1);
            if (end == std::string_view::npos)
                return end;
            i = end + 1;
        } else if (c == '"') {
            size_t j = i + 1;
            for (; j < text.size() && text[j] != '"'; ++j) {
                if (text[j] == '\\')
                    ++j;
                else if (text[j] == '$' && j + 1 < text.size() && text[j + 1] == '(') {
                    j = scanParens(text, j + 1);
                    if (j == std::string_view::npos)
                        return j;
                    --j;
                } else if (text[j] == '`') {
                    j = text.find('`', j + 1);
                    if (j == std::string_view::npos)
                        return j;
                }
            }
            if (j >= text.size())
                return std::string_view::npos;
            i = j + 1;
        } else if (c == '$' && i + 1 < text.size() && text[i + 1] == '(') {
            i = scanParens(text, i + 1);
            if (i == std::string_view::npos)
                return i;
        } else if (c == '`') {
            size_t end = text.find('`', i + 1);
            if (end == std::string_view::npos)
                return end;
            i = end + 1;
        } else {
            ++i;
        }
    }
    return i > text.size() ? text.size() : i;
}

namespace {

struct Parser {
    std::string_view text;
    size_t pos = 0;
    ParseResult result;
    // Here-documents wait for the end of the line that opened them; their bodies are handed to
    // the `<<` redirections in document order once parsing is done.
    struct PendingHeredoc {
        std::string delimiter;
        bool stripTabs = false;
    };
    std::vector<PendingHeredoc> pending;
    std::vector<std::string> bodies;

    void skipBlanks() {
        while (pos < text.size()) {
            if (isBlank(text[pos]) || (text[pos] == '\\' && pos + 1 < text.size() && text[pos + 1] == '\n'))
                pos += isBlank(text[pos]) ? 1 : 2;
            else if (text[pos] == '#') {  // a comment runs to the end of the line
                while (pos < text.size() && text[pos] != '\n')
                    ++pos;
            } else
                break;
        }
    }

    bool startsWith(std::string_view s) const { return text.substr(pos, s.size()) == s; }

    // Reads the bodies of the here-documents opened on the line that just ended.
    void readHeredocs() {
        for (const PendingHeredoc& h : pending) {
            std::string body;
            const std::string& delim = h.delimiter;
            bool stripTabs = h.stripTabs;
            bool closed = false;
            while (pos <= text.size()) {
                size_t eol = text.find('\n', pos);
                std::string_view line = text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
                pos = eol == std::string_view::npos ? text.size() + 1 : eol + 1;
                if (stripTabs)
                    while (!line.empty() && line.front() == '\t')
                        line.remove_prefix(1);
                if (line == delim) {
                    closed = true;
                    break;
                }
                body.append(line);
                body.push_back('\n');
                if (eol == std::string_view::npos)
                    break;
            }
            if (pos > text.size())
                pos = text.size();
            if (!closed) {
                result.incomplete = true;
                result.error = "bash: warning: here-document delimited by end-of-file (wanted `" + delim + "')";
            }
            bodies.push_back(std::move(body));
        }
        pending.clear();
    }

    bool parseRedirection(SimpleCommand& cmd) {
        size_t save = pos;
        int fd = -1;
        if (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) && pos + 1 < text.size() &&
            (text[pos + 1] == '>' || text[pos + 1] == '<')) {
            fd = text[pos] - '0';
            ++pos;
        }
        Redirection r;
        if (startsWith("<<<"))
            r.op = "<<<";
        else if (startsWith("<<-"))
            r.op = "<<-";
        else if (startsWith("<<"))
            r.op = "<<";
        else if (startsWith(">>"))
            r.op = ">>";
        else if (startsWith(">&"))
            r.op = ">&";
        else if (startsWith(">"))
            r.op = ">";
        else if (startsWith("<"))
            r.op = "<";
        else {
            pos = save;
            return false;
        }
        pos += r.op.size();
        r.fd = fd >= 0 ? fd : (r.op[0] == '<' ? 0 : 1);
        skipBlanks();
        size_t end = scanWord(text, pos);
        if (end == std::string_view::npos) {
            result.incomplete = true;
            result.error = "bash: unexpected EOF while looking for matching quote";
            pos = text.size();
            return true;
        }
        // SIMPLIFICATION: process substitution (`source <(kubectl completion bash)`) is not
        // simulated; the "(" after a redirection is bash's syntax error, as without it.
        if (pos < text.size() && text[pos] == '(') {
            syntaxError("(");
            pos = text.size();
            return true;
        }
        if (end == pos) {
            result.error = "bash: syntax error near unexpected token `" +
                           (pos < text.size() && text[pos] != '\n' ? std::string(1, text[pos]) : std::string("newline")) + "'";
            return true;
        }
        std::string word(text.substr(pos, end - pos));
        pos = end;
        if (r.op == "<<" || r.op == "<<-") {
            // A quoted delimiter turns expansion off inside the body.
            std::string delim;
            for (char c : word)
                if (c != '\'' && c != '"' && c != '\\')
                    delim.push_back(c);
            r.expandBody = delim == word;
            pending.push_back({delim, r.op == "<<-"});
            r.op = "<<";
            cmd.redirections.push_back(r);
            return true;
        }
        r.target = word;
        cmd.redirections.push_back(r);
        return true;
    }

    bool isAssignment(const std::string& w) const {
        size_t eq = w.find('=');
        if (eq == std::string::npos || eq == 0)
            return false;
        for (size_t i = 0; i < eq; ++i) {
            char c = w[i];
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_') || (i == 0 && std::isdigit(static_cast<unsigned char>(c))))
                return false;
        }
        return true;
    }

    // Returns false at the end of a pipeline element.
    void parseCommand(SimpleCommand& cmd) {
        while (true) {
            skipBlanks();
            if (pos >= text.size() || !result.error.empty())
                return;
            char c = text[pos];
            if (atRedirection()) {
                if (parseRedirection(cmd))
                    continue;
            }
            if (isOperatorStart(c))
                return;
            size_t end = scanWord(text, pos);
            if (end == std::string_view::npos) {
                result.incomplete = true;
                result.error = "bash: unexpected EOF while looking for matching quote";
                pos = text.size();
                return;
            }
            std::string word(text.substr(pos, end - pos));
            pos = end;
            if (cmd.words.empty() && isAssignment(word))
                cmd.assignments.push_back(std::move(word));
            else
                cmd.words.push_back(std::move(word));
        }
    }

    void syntaxError(std::string_view token) {
        if (result.error.empty())
            result.error = "bash: syntax error near unexpected token `" + std::string(token) + "'";
    }

    // A list, loop or `if` that the text ends inside of: more lines are needed.
    void unexpectedEnd() {
        if (result.error.empty()) {
            result.incomplete = true;
            result.error = "bash: syntax error: unexpected end of file";
        }
    }

    // The operator at pos as bash names it in a syntax error.
    std::string operatorToken() const {
        if (pos >= text.size() || text[pos] == '\n')
            return "newline";
        for (std::string_view two : {"&&", "||", ";;", ">>", "<<"})
            if (startsWith(two))
                return std::string(two);
        return std::string(1, text[pos]);
    }

    // The word starting at pos (after blanks), without consuming it; "" at an operator.
    std::string peekWord() {
        skipBlanks();
        if (pos >= text.size() || isOperatorStart(text[pos]))
            return "";
        size_t end = scanWord(text, pos);
        return std::string(text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    }

    // Skips blanks, comments and newlines, reading here-document bodies at each newline.
    void skipNewlines() {
        while (true) {
            skipBlanks();
            if (pos >= text.size() || text[pos] != '\n')
                return;
            ++pos;
            readHeredocs();
        }
    }

    static bool endsList(const std::string& word) {
        for (const char* w : {"do", "done", "then", "elif", "else", "fi"})
            if (word == w)
                return true;
        return false;
    }

    // A list up to one of `terminators` (consumed and returned in `found`), or to the end of the
    // text when there are none.
    Script parseList(std::initializer_list<std::string_view> terminators, std::string& found) {
        Script script;
        AndOr current;
        Pipeline pipeline;
        std::string pendingOp;  // operator that needs a following command
        auto finishPipeline = [&]() -> bool {
            if (pipeline.commands.empty())
                return false;
            current.pipelines.push_back(std::move(pipeline));
            pipeline = Pipeline{};
            return true;
        };
        auto finishList = [&] {
            if (!current.pipelines.empty())
                script.lists.push_back(std::move(current));
            current = AndOr{};
        };
        while (result.error.empty()) {
            skipBlanks();
            if (pos >= text.size())
                break;
            if (startsWith("&&") || startsWith("||")) {
                std::string op(text.substr(pos, 2));
                if (!finishPipeline()) {
                    syntaxError(op);
                    return script;
                }
                current.operators.push_back(op);
                pendingOp = op;
                pos += 2;
                continue;
            }
            char c = text[pos];
            if (c == '|') {
                if (pipeline.commands.empty()) {
                    syntaxError("|");
                    return script;
                }
                pendingOp = "|";
                ++pos;
                continue;
            }
            if (c == ';' || c == '&' || c == '\n') {
                if ((c != '\n' && pipeline.commands.empty() && current.pipelines.empty() == current.operators.empty()) ||
                    (!pendingOp.empty() && c != '\n')) {
                    syntaxError(operatorToken());
                    return script;
                }
                ++pos;
                if (c == '\n')
                    readHeredocs();
                if (!pendingOp.empty())
                    continue;  // `a &&` newline `b` continues the list
                finishPipeline();
                current.background = c == '&';
                finishList();
                continue;
            }
            if (c == '!' && pipeline.commands.empty() && pos + 1 < text.size() && isBlank(text[pos + 1])) {
                pipeline.negate = true;
                ++pos;
                continue;
            }
            if (startsWith("((")) {
                // ((expression)): the arithmetic command, run as the `((` builtin with the
                // expression as one double-quoted word (it expands $ and `, not split).
                size_t end = std::string_view::npos;
                int depth = 0;
                for (size_t k = pos + 2; k + 1 < text.size(); ++k) {
                    if (text[k] == '(')
                        ++depth;
                    else if (text[k] == ')' && depth == 0 && text[k + 1] == ')') {
                        end = k;
                        break;
                    } else if (text[k] == ')')
                        --depth;
                }
                if (end == std::string_view::npos) {
                    result.incomplete = true;
                    result.error = "bash: unexpected EOF while looking for matching `)'";
                    pos = text.size();
                    return script;
                }
                std::string quoted = "\"";
                for (char ch : text.substr(pos + 2, end - pos - 2)) {
                    if (ch == '\\')
                        quoted += "\\\\";
                    else if (ch != '"')
                        quoted += ch;
                }
                quoted += '"';
                SimpleCommand arith;
                arith.words = {"((", quoted};
                pos = end + 2;
                parseCompoundRedirections(arith);
                if (!result.error.empty())
                    return script;
                pipeline.commands.push_back(std::move(arith));
                pendingOp.clear();
                continue;
            }
            const std::string word = peekWord();
            if (endsList(word)) {
                bool expected = false;
                for (std::string_view t : terminators)
                    expected = expected || t == word;
                if (!expected || !pendingOp.empty() || !pipeline.commands.empty()) {
                    syntaxError(word);
                    return script;
                }
                pos += word.size();
                found = word;
                finishList();
                return script;
            }
            SimpleCommand cmd;
            if (word == "for" || word == "while" || word == "until" || word == "if") {
                pos += word.size();
                cmd.compound = parseCompound(word);
                if (!result.error.empty())
                    return script;
                parseCompoundRedirections(cmd);
                if (!result.error.empty())
                    return script;
                pipeline.commands.push_back(std::move(cmd));
                pendingOp.clear();
                continue;
            }
            size_t before = pos;
            parseCommand(cmd);
            if (cmd.words.empty() && cmd.assignments.empty() && cmd.redirections.empty()) {
                if (pos == before && result.error.empty()) {
                    syntaxError(std::string(1, text[pos]));
                    return script;
                }
                continue;
            }
            pipeline.commands.push_back(std::move(cmd));
            pendingOp.clear();
        }
        if (!pending.empty())
            readHeredocs();
        if (!result.error.empty())
            return script;
        if (!pendingOp.empty() || terminators.size() > 0) {
            unexpectedEnd();
            return script;
        }
        finishPipeline();
        finishList();
        return script;
    }

    // After `done` / `fi`: redirections for the whole compound; a word there is an error.
    void parseCompoundRedirections(SimpleCommand& cmd) {
        while (result.error.empty()) {
            skipBlanks();
            if (pos >= text.size())
                return;
            char c = text[pos];
            if (atRedirection()) {
                if (parseRedirection(cmd))
                    continue;
            }
            if (isOperatorStart(c))
                return;
            std::string word = peekWord();
            return syntaxError(word.empty() ? operatorToken() : word);
        }
    }

    // Whether a redirection starts at pos: `<`, `>`, or a file descriptor digit before one (2>).
    bool atRedirection() const {
        const char c = text[pos];
        return c == '<' || c == '>' ||
               (std::isdigit(static_cast<unsigned char>(c)) && pos + 1 < text.size() &&
                (text[pos + 1] == '>' || text[pos + 1] == '<'));
    }

    // A list that must hold at least one command before its terminator (bash rejects `do done`).
    std::shared_ptr<Script> parseBody(std::initializer_list<std::string_view> terminators, std::string& found) {
        auto body = std::make_shared<Script>(parseList(terminators, found));
        if (result.error.empty() && body->lists.empty())
            syntaxError(found);
        return body;
    }

    // The rest of a `for` after its header and the `;` or newline that ends it: `do LIST done`.
    void parseDoDone(CompoundCommand& c, std::string& found) {
        skipNewlines();
        if (pos >= text.size())
            return unexpectedEnd();
        const std::string word = peekWord();
        if (word != "do")
            return syntaxError(word.empty() ? operatorToken() : word);
        pos += 2;
        c.body = parseBody({"done"}, found);
    }

    std::shared_ptr<CompoundCommand> parseCompound(const std::string& keyword) {
        auto c = std::make_shared<CompoundCommand>();
        std::string found;
        if (keyword == "while" || keyword == "until") {
            c->kind = keyword == "while" ? CompoundCommand::Kind::While : CompoundCommand::Kind::Until;
            std::shared_ptr<Script> condition = parseBody({"do"}, found);
            if (!result.error.empty())
                return c;
            c->clauses.emplace_back(condition, parseBody({"done"}, found));
            return c;
        }
        if (keyword == "if") {
            c->kind = CompoundCommand::Kind::If;
            while (result.error.empty()) {
                std::shared_ptr<Script> condition = parseBody({"then"}, found);
                if (!result.error.empty())
                    return c;
                c->clauses.emplace_back(condition, parseBody({"elif", "else", "fi"}, found));
                if (!result.error.empty() || found == "fi")
                    return c;
                if (found == "else") {
                    c->body = parseBody({"fi"}, found);
                    return c;
                }
            }
            return c;
        }
        // for NAME [in WORD...] (; | newline) do LIST done
        c->kind = CompoundCommand::Kind::For;
        skipBlanks();
        if (startsWith("((")) {
            // for ((INIT; CONDITION; STEP)): three arithmetic expressions, any of them empty.
            c->kind = CompoundCommand::Kind::ArithFor;
            size_t k = pos + 2;
            int depth = 0;
            std::string part;
            for (; k + 1 < text.size(); ++k) {
                const char ch = text[k];
                if (ch == ')' && depth == 0 && text[k + 1] == ')')
                    break;
                depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
                if (ch == ';' && depth == 0) {
                    c->words.push_back(part);
                    part.clear();
                } else {
                    part += ch;
                }
            }
            if (k + 1 >= text.size()) {
                result.incomplete = true;
                result.error = "bash: unexpected EOF while looking for matching `)'";
                pos = text.size();
                return c;
            }
            c->words.push_back(part);
            if (c->words.size() != 3) {
                result.error = "bash: syntax error: arithmetic expression required\nbash: syntax error: `" +
                               std::string(text.substr(pos, k + 2 - pos)) + "'";
                return c;
            }
            pos = k + 2;
            skipBlanks();
            if (pos < text.size() && text[pos] == ';' && !startsWith(";;"))
                ++pos;
            parseDoDone(*c, found);
            return c;
        }
        if (pos >= text.size() || isOperatorStart(text[pos])) {
            syntaxError(operatorToken());
            return c;
        }
        c->variable = peekWord();
        pos += c->variable.size();
        if (peekWord() == "in") {
            c->hasIn = true;
            pos += 2;
            while (true) {
                skipBlanks();
                if (pos >= text.size()) {
                    unexpectedEnd();
                    return c;
                }
                if (text[pos] == ';' && !startsWith(";;")) {
                    ++pos;
                    break;
                }
                if (text[pos] == '\n')
                    break;
                if (isOperatorStart(text[pos])) {
                    syntaxError(operatorToken());
                    return c;
                }
                size_t end = scanWord(text, pos);
                if (end == std::string_view::npos) {
                    result.incomplete = true;
                    result.error = "bash: unexpected EOF while looking for matching quote";
                    return c;
                }
                c->words.emplace_back(text.substr(pos, end - pos));
                pos = end;
            }
        } else if (pos < text.size() && text[pos] == ';' && !startsWith(";;")) {
            ++pos;
        }
        parseDoDone(*c, found);
        return c;
    }

    // Hands the here-document bodies to the `<<` redirections in document order: a compound's
    // inner commands come before its own trailing redirections.
    void assignHeredocs(Script& script, size_t& k) {
        for (AndOr& list : script.lists)
            for (Pipeline& p : list.pipelines)
                for (SimpleCommand& c : p.commands) {
                    if (c.compound) {
                        for (auto& [condition, body] : c.compound->clauses) {
                            if (condition)
                                assignHeredocs(*condition, k);
                            if (body)
                                assignHeredocs(*body, k);
                        }
                        if (c.compound->body)
                            assignHeredocs(*c.compound->body, k);
                    }
                    for (Redirection& r : c.redirections)
                        if (r.op == "<<")
                            r.target = k < bodies.size() ? bodies[k++] : std::string();
                }
    }

    void run() {
        std::string found;
        result.script = parseList({}, found);
        if (!result.error.empty())
            return;
        size_t k = 0;
        assignHeredocs(result.script, k);
    }
};

}  // namespace

ParseResult parse(std::string_view text) {
    Parser p;
    p.text = text;
    p.run();
    return std::move(p.result);
}

bool isComplete(std::string_view text) { return !parse(text).incomplete; }

}  // namespace kp::cli::sh
