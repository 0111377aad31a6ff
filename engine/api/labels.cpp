// [SECTION] Go-style quoting and label validation   (pkg/util/validation)
// [SECTION] Requirement                            (pkg/labels/selector.go NewRequirement, Matches, String)
// [SECTION] Lexer and parser                       (pkg/labels/selector.go Lexer, Parser)
// [SECTION] Selector
// [SECTION] metav1 helpers and label sets          (pkg/apis/meta/v1/helpers.go, pkg/labels/labels.go)
#include "api/labels.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <limits>

namespace kp::labels {

namespace {

// ---------------------------------------------------------------------------------------------
// [SECTION] Go-style quoting and label validation
// ---------------------------------------------------------------------------------------------

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i > 0)
            out += sep;
        out += parts[i];
    }
    return out;
}

bool isAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9] as a whole-string match.
bool matchesQualifiedNameRegex(std::string_view s) {
    if (s.empty() || !isAsciiAlnum(s.front()) || !isAsciiAlnum(s.back()))
        return false;
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return isAsciiAlnum(c) || c == '-' || c == '_' || c == '.'; });
}

// [a-z0-9]([-a-z0-9]*[a-z0-9])? as a whole-string match.
bool matchesDNS1123Label(std::string_view s) {
    auto lowerAlnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    if (s.empty() || !lowerAlnum(s.front()) || !lowerAlnum(s.back()))
        return false;
    return std::all_of(s.begin(), s.end(), [&](char c) { return lowerAlnum(c) || c == '-'; });
}

bool matchesDNS1123Subdomain(std::string_view s) {
    size_t start = 0;
    while (true) {
        size_t dot = s.find('.', start);
        std::string_view label = s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (!matchesDNS1123Label(label))
            return false;
        if (dot == std::string_view::npos)
            return true;
        start = dot + 1;
    }
}

// validation.RegexError: "<msg> (e.g. 'a',  or 'b', regex used for validation is '<fmt>')".
// The doubled space after each example's comma is upstream's.
std::string regexError(std::string msg, std::string_view fmt, const std::vector<std::string_view>& examples) {
    if (examples.empty())
        return msg + " (regex used for validation is '" + std::string(fmt) + "')";
    msg += " (e.g. ";
    for (size_t i = 0; i < examples.size(); ++i) {
        if (i > 0)
            msg += " or ";
        msg += "'" + std::string(examples[i]) + "', ";
    }
    msg += "regex used for validation is '" + std::string(fmt) + "')";
    return msg;
}

constexpr std::string_view kQualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
constexpr std::string_view kQualifiedNameErrMsg =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character";
constexpr size_t kQualifiedNameMaxLength = 63;
constexpr std::string_view kLabelValueFmt = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
constexpr std::string_view kLabelValueErrMsg =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
    "and must start and end with an alphanumeric character";
constexpr size_t kLabelValueMaxLength = 63;
constexpr std::string_view kDNS1123SubdomainFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
constexpr std::string_view kDNS1123SubdomainErrMsg =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
    "and must start and end with an alphanumeric character";
constexpr size_t kDNS1123SubdomainMaxLength = 253;

std::string maxLenError(size_t length) {
    return "must be no more than " + std::to_string(length) + " characters";
}

// field.Invalid(path, value, detail).Error() for a string value.
std::string invalidValue(std::string_view path, std::string_view value, std::string_view detail) {
    return std::string(path) + ": Invalid value: " + goQuote(value) + ": " + std::string(detail);
}

// %#v of a []string, as field.Invalid prints a value list.
std::string goStringSlice(const std::vector<std::string>& values) {
    if (values.empty())
        return "[]string(nil)";  // the callers hand over nil slices when empty
    std::string out = "[]string{";
    for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += goQuote(values[i]);
    }
    return out + "}";
}

// utilerrors.NewAggregate(...).Error() after field.ErrorList.ToAggregate() de-duplication.
std::string aggregate(const std::vector<std::string>& errors) {
    std::vector<std::string> unique;
    for (const auto& e : errors)
        if (std::find(unique.begin(), unique.end(), e) == unique.end())
            unique.push_back(e);
    if (unique.size() == 1)
        return unique.front();
    return "[" + join(unique, ", ") + "]";
}

// strconv.ParseInt(s, 10, 64) succeeding.
std::optional<int64_t> parseInt64(std::string_view s) {
    size_t i = 0;
    bool negative = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        negative = s[0] == '-';
        i = 1;
    }
    if (i == s.size())
        return std::nullopt;
    uint64_t magnitude = 0;
    const uint64_t limit = negative ? uint64_t(std::numeric_limits<int64_t>::max()) + 1
                                    : uint64_t(std::numeric_limits<int64_t>::max());
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9')
            return std::nullopt;
        uint64_t digit = uint64_t(s[i] - '0');
        if (magnitude > (limit - digit) / 10)
            return std::nullopt;
        magnitude = magnitude * 10 + digit;
    }
    if (negative)
        return magnitude == uint64_t(std::numeric_limits<int64_t>::max()) + 1
                   ? std::numeric_limits<int64_t>::min()
                   : -int64_t(magnitude);
    return int64_t(magnitude);
}

}  // namespace

std::string goQuote(std::string_view s) {
    // SIMPLIFICATION: valid multi-byte UTF-8 is copied as is (Go also escapes the few
    // non-printable non-ASCII runes as \u....); invalid bytes become \x.. as in Go.
    std::string out = "\"";
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
            bool valid = len > 0 && i + len <= s.size();
            for (size_t k = 1; valid && k < len; ++k)
                valid = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
            if (valid) {
                out.append(s.substr(i, len));
                i += len;
                continue;
            }
        }
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\v': out += "\\v"; break;
        default:
            if (c < 0x20 || c >= 0x7F) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
        ++i;
    }
    return out + "\"";
}

// Upstream: apimachinery pkg/util/validation/validation.go#IsDNS1123Subdomain
std::vector<std::string> isDNS1123Subdomain(std::string_view value) {
    std::vector<std::string> errs;
    if (value.size() > kDNS1123SubdomainMaxLength)
        errs.push_back(maxLenError(kDNS1123SubdomainMaxLength));
    if (!matchesDNS1123Subdomain(value))
        errs.push_back(regexError(std::string(kDNS1123SubdomainErrMsg), kDNS1123SubdomainFmt, {"example.com"}));
    return errs;
}

// Upstream: apimachinery pkg/util/validation/validation.go#IsQualifiedName
std::vector<std::string> isQualifiedName(std::string_view value) {
    std::vector<std::string> errs;
    std::string_view name = value;
    size_t slash = value.find('/');
    if (slash != std::string_view::npos) {
        if (value.find('/', slash + 1) != std::string_view::npos) {
            errs.push_back("a qualified name " +
                           regexError(std::string(kQualifiedNameErrMsg), kQualifiedNameFmt,
                                      {"MyName", "my.name", "123-abc"}) +
                           " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errs;
        }
        std::string_view prefix = value.substr(0, slash);
        name = value.substr(slash + 1);
        if (prefix.empty()) {
            errs.push_back("prefix part must be non-empty");
        } else {
            for (const auto& msg : isDNS1123Subdomain(prefix))
                errs.push_back("prefix part " + msg);
        }
    }
    if (name.empty())
        errs.push_back("name part must be non-empty");
    else if (name.size() > kQualifiedNameMaxLength)
        errs.push_back("name part " + maxLenError(kQualifiedNameMaxLength));
    if (!matchesQualifiedNameRegex(name))
        errs.push_back("name part " + regexError(std::string(kQualifiedNameErrMsg), kQualifiedNameFmt,
                                                 {"MyName", "my.name", "123-abc"}));
    return errs;
}

// Upstream: apimachinery pkg/util/validation/validation.go#IsValidLabelValue
std::vector<std::string> isValidLabelValue(std::string_view value) {
    std::vector<std::string> errs;
    if (value.size() > kLabelValueMaxLength)
        errs.push_back(maxLenError(kLabelValueMaxLength));
    if (!value.empty() && !matchesQualifiedNameRegex(value))
        errs.push_back(regexError(std::string(kLabelValueErrMsg), kLabelValueFmt, {"MyValue", "my_value", "12345"}));
    return errs;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Requirement
// ---------------------------------------------------------------------------------------------

std::string_view operatorString(Operator op) {
    switch (op) {
    case Operator::DoesNotExist: return "!";
    case Operator::Equals: return "=";
    case Operator::DoubleEquals: return "==";
    case Operator::In: return "in";
    case Operator::NotEquals: return "!=";
    case Operator::NotIn: return "notin";
    case Operator::Exists: return "exists";
    case Operator::GreaterThan: return "gt";
    case Operator::LessThan: return "lt";
    }
    return "";
}

// Upstream: apimachinery pkg/labels/selector.go#NewRequirement
// Field paths are relative to an unnamed root, so they print as "key", "values",
// "values[0]" and "values[0][<key>]".
std::optional<Requirement> Requirement::make(std::string key, Operator op, std::vector<std::string> values,
                                             std::string* error) {
    std::vector<std::string> errs;
    if (auto msgs = isQualifiedName(key); !msgs.empty())
        errs.push_back(invalidValue("key", key, join(msgs, "; ")));

    switch (op) {
    case Operator::In:
    case Operator::NotIn:
        if (values.empty())
            errs.push_back("values: Invalid value: " + goStringSlice(values) +
                           ": for 'in', 'notin' operators, values set can't be empty");
        break;
    case Operator::Equals:
    case Operator::DoubleEquals:
    case Operator::NotEquals:
        if (values.size() != 1)
            errs.push_back("values: Invalid value: " + goStringSlice(values) +
                           ": exact-match compatibility requires one single value");
        break;
    case Operator::Exists:
    case Operator::DoesNotExist:
        if (!values.empty())
            errs.push_back("values: Invalid value: " + goStringSlice(values) +
                           ": values set must be empty for exists and does not exist");
        break;
    case Operator::GreaterThan:
    case Operator::LessThan:
        if (values.size() != 1)
            errs.push_back("values: Invalid value: " + goStringSlice(values) +
                           ": for 'Gt', 'Lt' operators, exactly one value is required");
        for (size_t i = 0; i < values.size(); ++i)
            if (!parseInt64(values[i]))
                errs.push_back(invalidValue("values[" + std::to_string(i) + "]", values[i],
                                            "for 'Gt', 'Lt' operators, the value must be an integer"));
        break;
    }

    for (size_t i = 0; i < values.size(); ++i)
        if (auto msgs = isValidLabelValue(values[i]); !msgs.empty())
            errs.push_back(invalidValue("values[" + std::to_string(i) + "][" + key + "]", values[i], join(msgs, "; ")));

    if (!errs.empty()) {
        if (error)
            *error = aggregate(errs);
        return std::nullopt;
    }
    Requirement r;
    r.key_ = std::move(key);
    r.op_ = op;
    r.values_ = std::move(values);
    return r;
}

// Upstream: apimachinery pkg/labels/selector.go#Requirement.Matches
namespace {

// `value`: the label's value, nullptr when the object has no such label.
bool requirementMatches(const Requirement& r, const std::string* value) {
    const bool has = value != nullptr;
    const std::vector<std::string>& values = r.values();
    auto hasValue = [&](const std::string& v) { return std::find(values.begin(), values.end(), v) != values.end(); };
    switch (r.op()) {
    case Operator::In:
    case Operator::Equals:
    case Operator::DoubleEquals:
        return has && hasValue(*value);
    case Operator::NotIn:
    case Operator::NotEquals:
        return !has || !hasValue(*value);
    case Operator::Exists:
        return has;
    case Operator::DoesNotExist:
        return !has;
    case Operator::GreaterThan:
    case Operator::LessThan: {
        if (!has || values.size() != 1)
            return false;
        auto labelValue = parseInt64(*value);
        auto wanted = parseInt64(values.front());
        if (!labelValue || !wanted)
            return false;
        return r.op() == Operator::GreaterThan ? *labelValue > *wanted : *labelValue < *wanted;
    }
    }
    return false;
}

}  // namespace

bool Requirement::matches(const Set& labels) const {
    auto it = labels.find(key_);
    return requirementMatches(*this, it == labels.end() ? nullptr : &it->second);
}

// Upstream: apimachinery pkg/labels/selector.go#Requirement.String
std::string Requirement::toString() const {
    std::string out;
    if (op_ == Operator::DoesNotExist)
        out += "!";
    out += key_;
    switch (op_) {
    case Operator::Equals: out += "="; break;
    case Operator::DoubleEquals: out += "=="; break;
    case Operator::NotEquals: out += "!="; break;
    case Operator::In: out += " in "; break;
    case Operator::NotIn: out += " notin "; break;
    case Operator::GreaterThan: out += ">"; break;
    case Operator::LessThan: out += "<"; break;
    case Operator::Exists:
    case Operator::DoesNotExist: return out;
    }
    bool set = op_ == Operator::In || op_ == Operator::NotIn;
    if (set)
        out += "(";
    std::vector<std::string> sorted = values_;  // printed sorted; the stored order is kept
    std::sort(sorted.begin(), sorted.end());
    out += join(sorted, ",");
    if (set)
        out += ")";
    return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Lexer and parser
// ---------------------------------------------------------------------------------------------

namespace {

enum class Token {
    Error,
    EndOfString,
    ClosedPar,
    Comma,
    DoesNotExist,
    DoubleEquals,
    Equals,
    GreaterThan,
    Identifier,
    In,
    LessThan,
    NotEquals,
    NotIn,
    OpenPar,
};

std::optional<Token> literalToken(std::string_view s) {
    if (s == ")") return Token::ClosedPar;
    if (s == ",") return Token::Comma;
    if (s == "!") return Token::DoesNotExist;
    if (s == "==") return Token::DoubleEquals;
    if (s == "=") return Token::Equals;
    if (s == ">") return Token::GreaterThan;
    if (s == "in") return Token::In;
    if (s == "<") return Token::LessThan;
    if (s == "!=") return Token::NotEquals;
    if (s == "notin") return Token::NotIn;
    if (s == "(") return Token::OpenPar;
    return std::nullopt;
}

bool isWhitespace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool isSpecialSymbol(char c) {
    switch (c) {
    case '=': case '!': case '(': case ')': case ',': case '>': case '<': return true;
    default: return false;
    }
}

struct ScannedItem {
    Token tok = Token::Error;
    std::string literal;
};

// Splits the selector into tokens. A NUL byte reads like the end of the input, as in Go.
class Lexer {
public:
    explicit Lexer(std::string_view s) : s_(s) {}

    ScannedItem lex() {
        char ch = read();
        while (isWhitespace(ch))
            ch = read();
        if (ch == 0)
            return {Token::EndOfString, ""};
        unread();
        return isSpecialSymbol(ch) ? scanSpecialSymbol() : scanIdentifierOrKeyword();
    }

private:
    char read() {
        if (pos_ >= s_.size())
            return 0;
        return s_[pos_++];
    }
    void unread() { --pos_; }

    // A run of non-special, non-blank characters: a keyword ("in", "notin") or an identifier.
    ScannedItem scanIdentifierOrKeyword() {
        std::string buffer;
        while (true) {
            char ch = read();
            if (ch == 0)
                break;
            if (isSpecialSymbol(ch) || isWhitespace(ch)) {
                unread();
                break;
            }
            buffer += ch;
        }
        if (auto tok = literalToken(buffer))
            return {*tok, buffer};
        return {Token::Identifier, buffer};
    }

    // The longest operator spelled by the following special characters ("!=" over "!").
    ScannedItem scanSpecialSymbol() {
        std::string buffer;
        ScannedItem last;
        bool found = false;
        while (true) {
            char ch = read();
            if (ch == 0)
                break;
            if (!isSpecialSymbol(ch)) {
                unread();
                break;
            }
            buffer += ch;
            if (auto tok = literalToken(buffer)) {
                last = {*tok, buffer};
                found = true;
            } else if (found) {
                unread();
                break;
            }
        }
        if (!found)
            return {Token::Error, "error expected: keyword found '" + buffer + "'"};
        return last;
    }

    std::string_view s_;
    size_t pos_ = 0;
};

// "in" and "notin" are values, not operators, where a value is expected ("app in (in)").
enum class Context { KeyAndOperator, Values };

// Upstream: apimachinery pkg/labels/selector.go#Parser (recursive descent over the scanned
// tokens). Each method returns an error message, empty on success.
class Parser {
public:
    explicit Parser(std::string_view text) {
        Lexer lexer(text);
        while (true) {
            items_.push_back(lexer.lex());
            if (items_.back().tok == Token::EndOfString)
                break;
        }
    }

    std::string parse(std::vector<Requirement>& out) {
        while (true) {
            auto [tok, lit] = lookahead(Context::Values);
            if (tok == Token::EndOfString)
                return "";
            if (tok != Token::Identifier && tok != Token::DoesNotExist)
                return "found '" + lit + "', expected: !, identifier, or 'end of string'";
            std::optional<Requirement> r;
            if (std::string err = parseRequirement(r); !err.empty())
                return "unable to parse requirement: " + err;
            out.push_back(std::move(*r));
            auto [next, nextLit] = consume(Context::Values);
            if (next == Token::EndOfString)
                return "";
            if (next != Token::Comma)
                return "found '" + nextLit + "', expected: ',' or 'end of string'";
            auto [after, afterLit] = lookahead(Context::Values);
            if (after != Token::Identifier && after != Token::DoesNotExist)
                return "found '" + afterLit + "', expected: identifier after ','";
        }
    }

private:
    std::pair<Token, std::string> lookahead(Context ctx) const { return view(items_[position_], ctx); }
    std::pair<Token, std::string> consume(Context ctx) { return view(items_[position_++], ctx); }
    static std::pair<Token, std::string> view(const ScannedItem& item, Context ctx) {
        Token tok = item.tok;
        if (ctx == Context::Values && (tok == Token::In || tok == Token::NotIn))
            tok = Token::Identifier;
        return {tok, item.literal};
    }

    std::string parseRequirement(std::optional<Requirement>& out) {
        std::string key;
        std::optional<Operator> op;
        if (std::string err = parseKeyAndInferOperator(key, op); !err.empty())
            return err;
        std::string err;
        if (op == Operator::Exists || op == Operator::DoesNotExist) {
            out = Requirement::make(key, *op, {}, &err);
            return err;
        }
        Operator binary;
        if (err = parseOperator(binary); !err.empty())
            return err;
        std::vector<std::string> values;
        if (binary == Operator::In || binary == Operator::NotIn)
            err = parseValues(values);
        else
            err = parseExactValue(values);
        if (!err.empty())
            return err;
        // Values form a set: sorted and de-duplicated (sets.String.List()).
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
        out = Requirement::make(key, binary, std::move(values), &err);
        return err;
    }

    // A key, preceded by "!" for DoesNotExist; a key followed by "," or the end is Exists.
    std::string parseKeyAndInferOperator(std::string& key, std::optional<Operator>& op) {
        auto [tok, lit] = consume(Context::Values);
        if (tok == Token::DoesNotExist) {
            op = Operator::DoesNotExist;
            std::tie(tok, lit) = consume(Context::Values);
        }
        if (tok != Token::Identifier)
            return "found '" + lit + "', expected: identifier";
        if (auto msgs = isQualifiedName(lit); !msgs.empty())
            return invalidValue("<nil>", lit, join(msgs, "; "));  // a nil field path prints as <nil>
        auto [next, nextLit] = lookahead(Context::Values);
        if ((next == Token::EndOfString || next == Token::Comma) && op != Operator::DoesNotExist)
            op = Operator::Exists;
        key = lit;
        return "";
    }

    std::string parseOperator(Operator& op) {
        auto [tok, lit] = consume(Context::KeyAndOperator);
        switch (tok) {
        case Token::In: op = Operator::In; return "";
        case Token::Equals: op = Operator::Equals; return "";
        case Token::DoubleEquals: op = Operator::DoubleEquals; return "";
        case Token::GreaterThan: op = Operator::GreaterThan; return "";
        case Token::LessThan: op = Operator::LessThan; return "";
        case Token::NotIn: op = Operator::NotIn; return "";
        case Token::NotEquals: op = Operator::NotEquals; return "";
        default: return "found '" + lit + "', expected: in, notin, =, ==, !=, gt, lt";
        }
    }

    // "(" list ")"; "()" is the set holding only the empty string.
    std::string parseValues(std::vector<std::string>& values) {
        auto [open, openLit] = consume(Context::Values);
        if (open != Token::OpenPar)
            return "found '" + openLit + "' expected: '('";
        auto [tok, lit] = lookahead(Context::Values);
        if (tok == Token::Identifier || tok == Token::Comma) {
            if (std::string err = parseIdentifiersList(values); !err.empty())
                return err;
            if (consume(Context::Values).first != Token::ClosedPar)
                return "found '" + lit + "', expected: ')'";  // upstream reports the list's first token
            return "";
        }
        if (tok == Token::ClosedPar) {
            consume(Context::Values);
            values.push_back("");
            return "";
        }
        return "found '" + lit + "', expected: ',', ')' or identifier";
    }

    // Comma-separated, possibly empty identifiers: "(a,,b)" and "(,a)" hold "".
    std::string parseIdentifiersList(std::vector<std::string>& values) {
        while (true) {
            auto [tok, lit] = consume(Context::Values);
            if (tok == Token::Identifier) {
                values.push_back(lit);
                auto [next, nextLit] = lookahead(Context::Values);
                if (next == Token::Comma)
                    continue;
                if (next == Token::ClosedPar)
                    return "";
                return "found '" + nextLit + "', expected: ',' or ')'";
            }
            if (tok != Token::Comma)
                return "found '" + lit + "', expected: ',', or identifier";
            if (values.empty())
                values.push_back("");  // "(,"
            auto next = lookahead(Context::Values).first;
            if (next == Token::ClosedPar) {
                values.push_back("");  // ",)"
                return "";
            }
            if (next == Token::Comma) {
                consume(Context::Values);
                values.push_back("");  // ",,"
            }
        }
    }

    // The one value after =, ==, !=, > or <; nothing before "," or the end means "".
    std::string parseExactValue(std::vector<std::string>& values) {
        auto next = lookahead(Context::Values).first;
        if (next == Token::EndOfString || next == Token::Comma) {
            values.push_back("");
            return "";
        }
        auto [tok, lit] = consume(Context::Values);
        if (tok != Token::Identifier)
            return "found '" + lit + "', expected: identifier";
        values.push_back(lit);
        return "";
    }

    std::vector<ScannedItem> items_;
    size_t position_ = 0;
};

void sortByKey(std::vector<Requirement>& requirements) {
    std::stable_sort(requirements.begin(), requirements.end(),
                     [](const Requirement& a, const Requirement& b) { return a.key() < b.key(); });
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Selector
// ---------------------------------------------------------------------------------------------

Selector Selector::nothing() {
    Selector s;
    s.nothing_ = true;
    return s;
}

// Upstream: apimachinery pkg/labels/selector.go#Parse
std::optional<Selector> Selector::parse(std::string_view text, std::string* error) {
    Selector s;
    if (std::string err = Parser(text).parse(s.requirements_); !err.empty()) {
        if (error)
            *error = err;
        return std::nullopt;
    }
    sortByKey(s.requirements_);
    return s;
}

// Upstream: apimachinery pkg/labels/selector.go#SelectorFromValidatedSet (no validation)
Selector Selector::fromSet(const Set& set) {
    Selector s;
    for (const auto& [key, value] : set) {
        Requirement r;
        r.key_ = key;
        r.op_ = Operator::Equals;
        r.values_ = {value};
        s.requirements_.push_back(std::move(r));
    }
    return s;  // std::map iteration already sorted the keys
}

std::optional<Selector> Selector::validatedFromSet(const Set& set, std::string* error) {
    Selector s;
    for (const auto& [key, value] : set) {
        auto r = Requirement::make(key, Operator::Equals, {value}, error);
        if (!r)
            return std::nullopt;
        s.requirements_.push_back(std::move(*r));
    }
    return s;  // std::map iteration already sorted the keys
}

bool Selector::matches(const Set& labels) const {
    if (nothing_)
        return false;
    return std::all_of(requirements_.begin(), requirements_.end(),
                       [&](const Requirement& r) { return r.matches(labels); });
}

bool Selector::matchesLabelsOf(const Json& object) const {
    // The labels are read in place (setFromJson would copy them for every object matched).
    if (nothing_)
        return false;
    const Json* labels = findPath(object, "metadata.labels");
    if (labels && !labels->is_object())
        labels = nullptr;
    for (const Requirement& r : requirements_) {
        const std::string* value = nullptr;
        if (labels) {
            auto it = labels->find(r.key());
            if (it != labels->end() && it->is_string())
                value = &it->get_ref<const std::string&>();
        }
        if (!requirementMatches(r, value))
            return false;
    }
    return true;
}

std::string Selector::toString() const {
    std::string out;
    for (size_t i = 0; i < requirements_.size(); ++i) {
        if (i > 0)
            out += ",";
        out += requirements_[i].toString();
    }
    return out;
}

Selector& Selector::add(Requirement r) {
    if (nothing_)
        return *this;  // labels.Nothing().Add(...) stays Nothing
    requirements_.push_back(std::move(r));
    sortByKey(requirements_);
    return *this;
}

std::optional<std::string> Selector::requiresExactMatch(std::string_view key) const {
    for (const auto& r : requirements_) {
        if (r.key() != key)
            continue;
        bool exact = r.op() == Operator::Equals || r.op() == Operator::DoubleEquals || r.op() == Operator::In;
        if (exact && r.values().size() == 1)
            return r.values().front();
        return std::nullopt;
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] metav1 helpers and label sets
// ---------------------------------------------------------------------------------------------

// Upstream: apimachinery pkg/apis/meta/v1/helpers.go#LabelSelectorAsSelector
// SIMPLIFICATION: matchLabels are checked in key order; upstream visits its map at random, so
// when several labels are invalid a real apiserver may report another one first.
std::optional<Selector> labelSelectorAsSelector(const Json& labelSelector, std::string* error) {
    if (!labelSelector.is_object())
        return Selector::nothing();  // nil *LabelSelector
    const Json* matchLabels = findPath(labelSelector, "matchLabels");
    const Json* matchExpressions = findPath(labelSelector, "matchExpressions");
    size_t count = (matchLabels && matchLabels->is_object() ? matchLabels->size() : 0) +
                   (matchExpressions && matchExpressions->is_array() ? matchExpressions->size() : 0);
    if (count == 0)
        return Selector::everything();

    std::vector<Requirement> requirements;
    if (matchLabels && matchLabels->is_object()) {
        for (const auto& [key, value] : matchLabels->items()) {
            auto r = Requirement::make(key, Operator::Equals, {value.is_string() ? value.get<std::string>() : ""}, error);
            if (!r)
                return std::nullopt;
            requirements.push_back(std::move(*r));
        }
    }
    if (matchExpressions && matchExpressions->is_array()) {
        for (const Json& expr : *matchExpressions) {
            std::string opName = stringAt(expr, "operator");
            Operator op;
            if (opName == "In") {
                op = Operator::In;
            } else if (opName == "NotIn") {
                op = Operator::NotIn;
            } else if (opName == "Exists") {
                op = Operator::Exists;
            } else if (opName == "DoesNotExist") {
                op = Operator::DoesNotExist;
            } else {
                if (error)
                    *error = goQuote(opName) + " is not a valid label selector operator";
                return std::nullopt;
            }
            std::vector<std::string> values;
            if (const Json* v = findPath(expr, "values"); v && v->is_array())
                for (const Json& item : *v)
                    values.push_back(item.is_string() ? item.get<std::string>() : "");
            auto r = Requirement::make(stringAt(expr, "key"), op, std::move(values), error);
            if (!r)
                return std::nullopt;
            requirements.push_back(std::move(*r));
        }
    }
    Selector s;
    for (auto& r : requirements)
        s.add(std::move(r));
    return s;
}

// Upstream: apimachinery pkg/apis/meta/v1/helpers.go#FormatLabelSelector
std::string formatLabelSelector(const Json& labelSelector) {
    auto selector = labelSelectorAsSelector(labelSelector, nullptr);
    if (!selector)
        return "<error>";
    std::string s = selector->toString();
    return s.empty() ? "<none>" : s;
}

// Upstream: apimachinery pkg/labels/labels.go#Set.String
std::string toString(const Set& set) {
    std::vector<std::string> items;
    for (const auto& [key, value] : set)
        items.push_back(key + "=" + value);
    std::sort(items.begin(), items.end());  // whole "k=v" strings: "a.b=1" sorts before "a=1"
    return join(items, ",");
}

// Upstream: apimachinery pkg/labels/labels.go#FormatLabels
std::string formatLabels(const Set& set) {
    std::string s = toString(set);
    return s.empty() ? "<none>" : s;
}

Set setFromJson(const Json& labelsObject) {
    Set set;
    if (!labelsObject.is_object())
        return set;
    for (const auto& [key, value] : labelsObject.items())
        if (value.is_string())
            set.emplace(key, value.get<std::string>());
    return set;
}

}  // namespace kp::labels
