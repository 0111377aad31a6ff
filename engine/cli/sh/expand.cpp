#include "cli/sh/expand.h"

#include <algorithm>
#include <cctype>

#include "cli/sh/syntax.h"

namespace kp::cli::sh {
namespace {

bool isNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Whether `text` matches a shell pattern: `*` any run, `?` one character, others literally.
bool globMatch(const std::string& pattern, size_t p, const std::string& text, size_t t) {
    if (p == pattern.size())
        return t == text.size();
    if (pattern[p] == '*') {
        for (size_t k = t; k <= text.size(); ++k)
            if (globMatch(pattern, p + 1, text, k))
                return true;
        return false;
    }
    if (t == text.size() || (pattern[p] != '?' && pattern[p] != text[t]))
        return false;
    return globMatch(pattern, p + 1, text, t + 1);
}

// ${NAME#pattern} ${NAME##pattern} (shortest / longest matching prefix removed) and
// ${NAME%pattern} ${NAME%%pattern} (suffix).
std::string removeAffix(const std::string& value, char op, bool longest, const std::string& pattern) {
    const size_t n = value.size();
    for (size_t step = 0; step <= n; ++step) {
        if (op == '#') {
            const size_t len = longest ? n - step : step;
            if (globMatch(pattern, 0, value.substr(0, len), 0))
                return value.substr(len);
        } else {
            const size_t start = longest ? step : n - step;
            if (globMatch(pattern, 0, value.substr(start), 0))
                return value.substr(0, start);
        }
    }
    return value;
}

// Brace expansion, the first of bash's expansions: an unquoted {a,b,c} or {X..Y[..STEP]} makes
// one word per item, with the text around it (file{1,2}.yaml, {01..10}, {a..e}, {5..1..2}).
// A brace without a top-level comma or a valid sequence stays as typed ({x}, {1..a}).
// SIMPLIFICATION: a sequence of more than kMaxSequence items stays as typed (bash would build
// it however long; the page would stall).
constexpr int64_t kMaxSequence = 100000;

// The end of a quoted or substituted region starting at raw[i], or i + 1 for a plain character.
size_t skipRegion(const std::string& raw, size_t i) {
    const char c = raw[i];
    if (c == '\\')
        return std::min(raw.size(), i + 2);
    if (c == '\'' || c == '`') {
        size_t close = raw.find(c, i + 1);
        return close == std::string::npos ? raw.size() : close + 1;
    }
    if (c == '"') {
        size_t j = i + 1;
        while (j < raw.size() && raw[j] != '"')
            j += raw[j] == '\\' ? 2 : 1;
        return std::min(raw.size(), j + 1);
    }
    if (c == '$' && i + 1 < raw.size() && (raw[i + 1] == '{' || raw[i + 1] == '(')) {
        const char open = raw[i + 1], close = open == '{' ? '}' : ')';
        int depth = 0;
        for (size_t j = i + 1; j < raw.size(); j = skipRegion(raw, j)) {
            if (raw[j] == open)
                ++depth;
            else if (raw[j] == close && --depth == 0)
                return j + 1;
        }
        return raw.size();
    }
    return i + 1;
}

bool parseInteger(const std::string& t, int64_t& value) {
    size_t i = t.size() > 1 && (t[0] == '-' || t[0] == '+') ? 1 : 0;
    if (i == t.size() || t.size() > 18)
        return false;
    for (size_t k = i; k < t.size(); ++k)
        if (!std::isdigit(static_cast<unsigned char>(t[k])))
            return false;
    value = std::stoll(t);
    return true;
}

// {X..Y} and {X..Y..STEP}: integers (zero-padded to the longer end when either end is written
// with a leading zero) or single letters. False when `inner` is not a sequence.
bool sequenceItems(const std::string& inner, std::vector<std::string>& items) {
    std::vector<std::string> parts;
    for (size_t start = 0;;) {
        size_t dots = inner.find("..", start);
        parts.push_back(inner.substr(start, dots == std::string::npos ? std::string::npos : dots - start));
        if (dots == std::string::npos)
            break;
        start = dots + 2;
    }
    if (parts.size() < 2 || parts.size() > 3)
        return false;
    int64_t step = 1;
    if (parts.size() == 3 && !parseInteger(parts[2], step))
        return false;
    step = step == 0 ? 1 : (step < 0 ? -step : step);
    int64_t from = 0, to = 0;
    bool letters = false;
    size_t width = 0;
    if (parseInteger(parts[0], from) && parseInteger(parts[1], to)) {
        for (const std::string& end : {parts[0], parts[1]}) {
            const size_t digit = end[0] == '-' || end[0] == '+' ? 1 : 0;
            if (end.size() > digit + 1 && end[digit] == '0')
                width = std::max(parts[0].size(), parts[1].size());
        }
    } else if (parts[0].size() == 1 && parts[1].size() == 1 && std::isalpha(static_cast<unsigned char>(parts[0][0])) &&
               std::isalpha(static_cast<unsigned char>(parts[1][0]))) {
        letters = true;
        from = parts[0][0];
        to = parts[1][0];
    } else {
        return false;
    }
    if ((to > from ? to - from : from - to) / step >= kMaxSequence)
        return false;
    for (int64_t v = from; from <= to ? v <= to : v >= to; v += from <= to ? step : -step) {
        if (letters) {
            // Between Z and a lie [ \ ] ^ _ `: they come out as literal text (a backslash as
            // an empty word, as bash 5.2 prints it).
            const char ch = static_cast<char>(v);
            items.push_back(ch == '\\' ? std::string("''") : std::isalpha(static_cast<unsigned char>(ch)) ? std::string(1, ch) : std::string{'\\', ch});
            continue;
        }
        std::string digits = std::to_string(v < 0 ? -v : v);
        const size_t signWidth = v < 0 ? 1 : 0;
        if (digits.size() + signWidth < width)
            digits.insert(0, width - digits.size() - signWidth, '0');
        items.push_back((v < 0 ? "-" : "") + digits);
    }
    return true;
}

std::vector<std::string> braceExpand(const std::string& raw) {
    for (size_t i = 0; i < raw.size(); i = skipRegion(raw, i)) {
        if (raw[i] != '{')
            continue;
        // The matching close and the top-level commas.
        std::vector<size_t> commas;
        size_t close = std::string::npos;
        int depth = 0;
        for (size_t j = i; j < raw.size(); j = skipRegion(raw, j)) {
            if (raw[j] == '{')
                ++depth;
            else if (raw[j] == '}' && --depth == 0) {
                close = j;
                break;
            } else if (raw[j] == ',' && depth == 1)
                commas.push_back(j);
        }
        if (close == std::string::npos)
            return {raw};
        std::vector<std::string> items;
        if (!commas.empty()) {
            size_t from = i + 1;
            for (size_t comma : commas) {
                items.push_back(raw.substr(from, comma - from));
                from = comma + 1;
            }
            items.push_back(raw.substr(from, close - from));
        } else if (!sequenceItems(raw.substr(i + 1, close - i - 1), items)) {
            continue;  // a literal brace: look further on
        }
        const std::string before = raw.substr(0, i), after = raw.substr(close + 1);
        std::vector<std::string> words;
        for (const std::string& item : items)
            for (std::string& w : braceExpand(item + after))
                words.push_back(before + w);
        return words;
    }
    return {raw};
}

// A piece of a word after expansion: quoted pieces never split.
struct Piece {
    std::string text;
    bool splittable = false;
};

struct Walker {
    const Expander& ex;
    std::vector<Piece> pieces;
    bool sawQuotes = false;

    void add(std::string text, bool splittable) {
        if (!pieces.empty() && pieces.back().splittable == splittable)
            pieces.back().text += text;
        else
            pieces.push_back({std::move(text), splittable});
    }

    static std::string stripTrailingNewlines(std::string s) {
        while (!s.empty() && s.back() == '\n')
            s.pop_back();
        return s;
    }

    // Expands a `$...` at raw[i] (raw[i] == '$'); returns the index after it.
    size_t dollar(const std::string& raw, size_t i, std::string& out) const {
        size_t j = i + 1;
        if (j >= raw.size()) {
            out += '$';
            return j;
        }
        char c = raw[j];
        if (c == '(' && j + 1 < raw.size() && raw[j + 1] == '(') {
            // $((expression)): up to the "))" that closes it.
            int depth = 0;
            for (size_t k = j + 2; k + 1 < raw.size(); ++k) {
                if (raw[k] == '(') {
                    ++depth;
                } else if (raw[k] == ')') {
                    if (depth == 0 && raw[k + 1] == ')') {
                        std::string text = heredoc(raw.substr(j + 2, k - j - 2));
                        text.erase(std::remove(text.begin(), text.end(), '"'), text.end());
                        out += ex.arithmetic ? ex.arithmetic(text) : "";
                        return k + 2;
                    }
                    --depth;
                }
            }
        }
        if (c == '(') {
            size_t end = scanWord(raw, i);  // scans the whole $( ... )
            size_t close = j;
            int depth = 0;
            for (size_t k = j; k < raw.size(); ++k) {
                if (raw[k] == '(')
                    ++depth;
                else if (raw[k] == ')' && --depth == 0) {
                    close = k;
                    break;
                }
            }
            (void)end;
            out += stripTrailingNewlines(ex.substitute(raw.substr(j + 1, close - j - 1)));
            return close + 1;
        }
        if (c == '{') {
            size_t close = raw.find('}', j);
            if (close == std::string::npos) {
                out += raw.substr(i);
                return raw.size();
            }
            std::string inner = raw.substr(j + 1, close - j - 1);
            if (inner.size() > 1 && inner[0] == '#') {  // ${#NAME}: the length
                out += std::to_string(ex.variable(inner.substr(1)).size());
                return close + 1;
            }
            size_t nameEnd = 0;
            while (nameEnd < inner.size() && isNameChar(inner[nameEnd]))
                ++nameEnd;
            if (nameEnd > 0 && nameEnd < inner.size() && (inner[nameEnd] == '#' || inner[nameEnd] == '%')) {
                const char affix = inner[nameEnd];
                const bool longest = nameEnd + 1 < inner.size() && inner[nameEnd + 1] == affix;
                out += removeAffix(ex.variable(inner.substr(0, nameEnd)), affix, longest,
                                   inner.substr(nameEnd + (longest ? 2 : 1)));
                return close + 1;
            }
            size_t op = inner.find_first_of(":-");
            if (op != std::string::npos && op > 0) {
                bool colon = inner[op] == ':';
                std::string name = inner.substr(0, op);
                std::string rest = inner.substr(op + (colon ? 1 : 0));
                if (!rest.empty() && rest[0] == '-') {
                    std::string v = ex.variable(name);
                    out += v.empty() ? rest.substr(1) : v;
                    return close + 1;
                }
            }
            out += ex.variable(inner);
            return close + 1;
        }
        if (c == '?' || c == '$' || c == '#' || std::isdigit(static_cast<unsigned char>(c))) {
            out += ex.variable(std::string(1, c));
            return j + 1;
        }
        if (!isNameChar(c)) {
            out += '$';
            return j;
        }
        size_t k = j;
        while (k < raw.size() && isNameChar(raw[k]))
            ++k;
        out += ex.variable(raw.substr(j, k - j));
        return k;
    }

    // The text of $((...)): parameters and substitutions expand, as in a here-document.
    std::string heredoc(const std::string& body) const { return ex.heredoc(body); }

    size_t backquote(const std::string& raw, size_t i, std::string& out) const {
        size_t close = raw.find('`', i + 1);
        if (close == std::string::npos)
            close = raw.size();
        out += stripTrailingNewlines(ex.substitute(raw.substr(i + 1, close - i - 1)));
        return close + 1;
    }

    void walk(const std::string& raw) {
        size_t i = 0;
        std::string literal;
        auto flushLiteral = [&] {
            if (!literal.empty())
                add(std::move(literal), false);
            literal.clear();
        };
        while (i < raw.size()) {
            char c = raw[i];
            if (c == '\\' && i + 1 < raw.size()) {
                literal += raw[i + 1];
                i += 2;
            } else if (c == '\'') {
                sawQuotes = true;
                size_t close = raw.find('\'', i + 1);
                if (close == std::string::npos)
                    close = raw.size();
                literal += raw.substr(i + 1, close - i - 1);
                i = close + 1;
            } else if (c == '"') {
                sawQuotes = true;
                size_t j = i + 1;
                while (j < raw.size() && raw[j] != '"') {
                    if (raw[j] == '\\' && j + 1 < raw.size() &&
                        (raw[j + 1] == '"' || raw[j + 1] == '\\' || raw[j + 1] == '$' || raw[j + 1] == '`')) {
                        literal += raw[j + 1];
                        j += 2;
                    } else if (raw[j] == '$') {
                        j = dollar(raw, j, literal);
                    } else if (raw[j] == '`') {
                        j = backquote(raw, j, literal);
                    } else {
                        literal += raw[j++];
                    }
                }
                i = j + 1;
            } else if (c == '$' || c == '`') {
                flushLiteral();
                std::string value;
                i = c == '$' ? dollar(raw, i, value) : backquote(raw, i, value);
                add(std::move(value), true);
            } else {
                literal += c;
                ++i;
            }
        }
        flushLiteral();
    }
};

}  // namespace

std::vector<std::string> Expander::fields(const std::string& raw) const {
    if (raw.find('{') != std::string::npos) {
        const std::vector<std::string> words = braceExpand(raw);
        if (words.size() != 1 || words[0] != raw) {
            std::vector<std::string> out;
            for (const std::string& word : words)
                for (std::string& f : unbracedFields(word))
                    out.push_back(std::move(f));
            return out;
        }
    }
    return unbracedFields(raw);
}

// Tilde expansion: an unquoted "~" that starts a word, alone or before "/", is $HOME
// ("~/.kube/config"). It goes in as quoted text: what $HOME holds is not split again.
// SIMPLIFICATION: ~USER, ~+ and ~- and tildes after ":" or "=" in assignments stay as typed.
static std::string expandTilde(const Expander& ex, const std::string& raw) {
    if (raw.empty() || raw[0] != '~' || (raw.size() > 1 && raw[1] != '/'))
        return raw;
    const std::string home = ex.variable ? ex.variable("HOME") : "";
    if (home.empty() || home.find('\'') != std::string::npos)
        return raw;
    return "'" + home + "'" + raw.substr(1);
}

std::vector<std::string> Expander::unbracedFields(const std::string& rawWord) const {
    const std::string raw = expandTilde(*this, rawWord);
    Walker w{*this, {}, false};
    w.walk(raw);
    std::vector<std::string> out;
    std::string cur;
    bool have = w.sawQuotes;  // "" is one empty field; an unset $X is none
    for (const Piece& p : w.pieces) {
        if (!p.splittable) {
            cur += p.text;
            have = true;
            continue;
        }
        for (char c : p.text) {
            if (c == ' ' || c == '\t' || c == '\n') {
                if (have || !cur.empty())
                    out.push_back(std::move(cur));
                cur.clear();
                have = false;
            } else {
                cur += c;
                have = true;
            }
        }
    }
    if (have || !cur.empty())
        out.push_back(std::move(cur));
    return out;
}

std::string Expander::single(const std::string& rawWord) const {
    const std::string raw = expandTilde(*this, rawWord);
    Walker w{*this, {}, false};
    w.walk(raw);
    std::string out;
    for (const Piece& p : w.pieces)
        out += p.text;
    return out;
}

std::string Expander::heredoc(const std::string& body) const {
    Walker w{*this, {}, false};
    std::string out;
    size_t i = 0;
    while (i < body.size()) {
        char c = body[i];
        if (c == '\\' && i + 1 < body.size() && (body[i + 1] == '$' || body[i + 1] == '`' || body[i + 1] == '\\')) {
            out += body[i + 1];
            i += 2;
        } else if (c == '$') {
            i = w.dollar(body, i, out);
        } else if (c == '`') {
            i = w.backquote(body, i, out);
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

}  // namespace kp::cli::sh
