#include "cli/sh/arith.h"

#include <cctype>
#include <limits>
#include <vector>

namespace kp::cli::sh {
namespace {

// Thrown inside one evaluation, caught by evaluateArithmetic: bash abandons the whole
// expression at the first error.
struct ArithError {
    std::string text;
};

// Names whose values name themselves (w=w) end with "expression recursion level exceeded".
// SIMPLIFICATION: bash allows 1024 levels; each level here is a whole recursive-descent
// evaluation (about 15 calls deep), and 1024 of them overflow the browser's and node's
// JavaScript stack in the WebAssembly build. 64 gives the same error for a name that refers to
// itself; only a chain of more than 64 different names differs.
constexpr int kMaxRecursion = 64;

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\n'; }
bool nameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool nameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

int64_t wrap(uint64_t v) { return static_cast<int64_t>(v); }

struct Evaluator {
    enum class Kind { None, End, Number, Name, Op };
    const std::string& expr;
    const ArithVariables& vars;
    int depth = 0;
    size_t pos = 0;
    Kind kind = Kind::None;  // the current token
    Kind prevKind = Kind::None;
    std::string op;          // Op: "+", "==", "+=", "++" (pre), "post++"...
    std::string name;        // Name
    int64_t number = 0;      // Number
    size_t lastStart = std::string::npos;  // where the last token read began (bash's lasttp)
    int noeval = 0;          // inside a branch that short-circuit evaluation skips

    Evaluator(const std::string& text, const ArithVariables& variables, int level)
        : expr(text), vars(variables), depth(level) {}

    [[noreturn]] void fail(const std::string& message) const {
        size_t b = expr.find_first_not_of(" \t");
        std::string token = lastStart < expr.size() ? expr.substr(lastStart) : "";
        throw ArithError{(b == std::string::npos ? "" : expr.substr(b)) + ": " + message + " (error token is \"" + token +
                         "\")"};
    }

    bool isOp(const char* o) const { return kind == Kind::Op && op == o; }

    static int64_t parseNumber(const std::string& t) {
        auto bad = [&t](const char* message) {
            throw ArithError{t + ": " + message + " (error token is \"" + t + "\")"};
        };
        uint64_t base = 10, value = 0;
        size_t i = 0;
        bool baseGiven = false;
        if (t[0] == '0' && t.size() > 1) {
            baseGiven = true;
            if (t[1] == 'x' || t[1] == 'X') {
                base = 16;
                i = 2;
            } else {
                base = 8;
                i = 1;
            }
        }
        for (; i < t.size(); ++i) {
            const char c = t[i];
            if (c == '#') {
                if (baseGiven)
                    bad("invalid number");
                if (value < 2 || value > 64)
                    bad("invalid arithmetic base");
                base = value;
                value = 0;
                baseGiven = true;
                continue;
            }
            uint64_t digit = 0;
            if (std::isdigit(static_cast<unsigned char>(c)))
                digit = static_cast<uint64_t>(c - '0');
            else if (std::islower(static_cast<unsigned char>(c)))
                digit = static_cast<uint64_t>(c - 'a' + 10);
            else if (std::isupper(static_cast<unsigned char>(c)))
                digit = static_cast<uint64_t>(c - 'A' + (base <= 36 ? 10 : 36));
            else if (c == '@')
                digit = 62;
            else if (c == '_')
                digit = 63;
            else
                bad("invalid number");
            if (digit >= base)
                bad("value too great for base");
            value = value * base + digit;
        }
        return wrap(value);
    }

    void next() {
        while (pos < expr.size() && isBlank(expr[pos]))
            ++pos;
        prevKind = kind;
        if (pos >= expr.size()) {
            kind = Kind::End;
            return;
        }
        const size_t start = pos;
        const char c = expr[pos];
        if (nameStart(c)) {
            while (pos < expr.size() && nameChar(expr[pos]))
                ++pos;
            lastStart = start;
            kind = Kind::Name;
            name = expr.substr(start, pos - start);
            return;
        }
        if (std::isdigit(static_cast<unsigned char>(c))) {
            while (pos < expr.size() && (nameChar(expr[pos]) || expr[pos] == '#' || expr[pos] == '@'))
                ++pos;
            lastStart = start;
            number = parseNumber(expr.substr(start, pos - start));
            kind = Kind::Number;
            return;
        }
        const char c1 = pos + 1 < expr.size() ? expr[pos + 1] : '\0';
        const char c2 = pos + 2 < expr.size() ? expr[pos + 2] : '\0';
        std::string o(1, c);
        if ((c == '<' || c == '>') && c1 == c)
            o = c2 == '=' ? std::string{c, c, '='} : std::string{c, c};
        else if ((c == '=' || c == '!' || c == '<' || c == '>') && c1 == '=')
            o = std::string{c, '='};
        else if ((c == '&' || c == '|') && c1 == c)
            o = std::string{c, c};
        else if (c == '*' && c1 == '*')
            o = "**";
        else if ((c == '+' || c == '-') && c1 == c) {
            if (kind == Kind::Name) {
                o = std::string("post") + c + c;
            } else {
                size_t k = pos + 2;
                while (k < expr.size() && isBlank(expr[k]))
                    ++k;
                if (k < expr.size() && nameStart(expr[k]))
                    o = std::string{c, c};
            }
        } else if (c1 == '=' && std::string("*/%+-&^|").find(c) != std::string::npos)
            o = std::string{c, '='};
        else if (std::string("=><+-*/%!()&|^~?:,").find(c) == std::string::npos) {
            lastStart = start;
            const bool afterOperand = kind == Kind::Number || kind == Kind::Name;
            fail(afterOperand ? "syntax error: invalid arithmetic operator" : "syntax error: operand expected");
        }
        pos += o.rfind("post", 0) == 0 ? 2 : o.size();
        lastStart = start;
        kind = Kind::Op;
        op = o;
    }

    int64_t lookup(const std::string& var) {
        if (noeval)
            return 0;
        const std::string value = vars.get(var);
        if (value.find_first_not_of(" \t\n") == std::string::npos)
            return 0;
        if (depth + 1 >= kMaxRecursion)
            fail("expression recursion level exceeded");
        Evaluator inner(value, vars, depth + 1);
        return inner.run();
    }

    void assign(const std::string& var, int64_t value) {
        if (!noeval && vars.set)
            vars.set(var, std::to_string(value));
    }

    int64_t run() {
        next();
        const int64_t v = comma();
        if (kind != Kind::End)
            fail("syntax error in expression");
        return v;
    }

    int64_t comma() {
        int64_t v = assignment();
        while (isOp(",")) {
            next();
            v = assignment();
        }
        return v;
    }

    int64_t assignment() {
        int64_t v = conditional();
        if (kind != Kind::Op || op.empty() || op.back() != '=' || op == "==" || op == "!=" || op == "<=" || op == ">=")
            return v;
        if (prevKind != Kind::Name)
            fail("attempted assignment to non-variable");
        const std::string target = name;
        const std::string how = op;
        next();
        int64_t rhs = assignment();
        if (how != "=") {
            const std::string o = how.substr(0, how.size() - 1);
            if ((o == "/" || o == "%") && rhs == 0) {
                if (!noeval)
                    fail("division by 0");
                rhs = 1;
            }
            v = binary(o, v, rhs);
        } else {
            v = rhs;
        }
        assign(target, v);
        return v;
    }

    static int64_t binary(const std::string& o, int64_t a, int64_t b) {
        const uint64_t x = static_cast<uint64_t>(a), y = static_cast<uint64_t>(b);
        if (o == "*")
            return wrap(x * y);
        if (o == "/" || o == "%") {
            if (a == std::numeric_limits<int64_t>::min() && b == -1)
                return o == "/" ? a : 0;
            return o == "/" ? a / b : a % b;
        }
        if (o == "+")
            return wrap(x + y);
        if (o == "-")
            return wrap(x - y);
        if (o == "<<")
            return wrap(x << (y & 63));
        if (o == ">>")
            return a >> (y & 63);
        if (o == "&")
            return a & b;
        if (o == "|")
            return a | b;
        return a ^ b;
    }

    int64_t conditional() {
        const int64_t c = logicalOr();
        if (!isOp("?"))
            return c;
        next();
        if (kind == Kind::End || isOp(":"))
            fail("expression expected");
        noeval += c == 0;
        const int64_t a = comma();
        noeval -= c == 0;
        if (!isOp(":"))
            fail("`:' expected for conditional expression");
        next();
        if (kind == Kind::End)
            fail("expression expected");
        noeval += c != 0;
        const int64_t b = conditional();
        noeval -= c != 0;
        prevKind = Kind::Number;
        return c ? a : b;
    }

    int64_t logicalOr() {
        int64_t v = logicalAnd();
        while (isOp("||")) {
            next();
            noeval += v != 0;
            const int64_t r = logicalAnd();
            noeval -= v != 0;
            v = v || r;
            prevKind = Kind::Number;
        }
        return v;
    }

    int64_t logicalAnd() {
        int64_t v = level(0);
        while (isOp("&&")) {
            next();
            noeval += v == 0;
            const int64_t r = level(0);
            noeval -= v == 0;
            v = v && r;
            prevKind = Kind::Number;
        }
        return v;
    }

    // The left-associative binary levels, loosest first: | ^ & (== !=) (< > <= >=) (<< >>) (+ -) (* / %).
    int64_t level(int n) {
        static const std::vector<std::vector<std::string>> kLevels = {
            {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<", ">", "<=", ">="}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"}};
        if (n == static_cast<int>(kLevels.size()))
            return power();
        int64_t v = level(n + 1);
        while (kind == Kind::Op) {
            bool here = false;
            for (const std::string& o : kLevels[static_cast<size_t>(n)])
                here = here || o == op;
            if (!here)
                break;
            const std::string o = op;
            const size_t after = pos;
            next();
            int64_t r = level(n + 1);
            if ((o == "/" || o == "%") && r == 0) {
                if (!noeval) {
                    lastStart = expr.find_first_not_of(" \t", after);
                    fail("division by 0");
                }
                r = 1;
            }
            if (o == "==" || o == "!=")
                v = (o == "==") == (v == r);
            else if (o == "<" || o == ">" || o == "<=" || o == ">=")
                v = o == "<" ? v < r : o == ">" ? v > r : o == "<=" ? v <= r : v >= r;
            else
                v = binary(o, v, r);
            prevKind = Kind::Number;
        }
        return v;
    }

    int64_t power() {
        int64_t v = unary();
        while (isOp("**")) {
            next();
            const int64_t e = power();
            prevKind = Kind::Number;
            if (e == 0)
                return 1;
            if (e < 0)
                fail("exponent less than 0");
            uint64_t result = 1, base = static_cast<uint64_t>(v);
            for (uint64_t k = static_cast<uint64_t>(e); k; k >>= 1) {
                if (k & 1)
                    result *= base;
                base *= base;
            }
            v = wrap(result);
        }
        return v;
    }

    int64_t unary() {
        if (kind == Kind::Op && (op == "!" || op == "~" || op == "-" || op == "+")) {
            const std::string o = op;
            next();
            const int64_t v = unary();
            prevKind = Kind::Number;
            return o == "!" ? !v : o == "~" ? ~v : o == "-" ? wrap(0 - static_cast<uint64_t>(v)) : v;
        }
        return primary();
    }

    int64_t primary() {
        if (isOp("++") || isOp("--")) {
            const int64_t delta = op == "++" ? 1 : -1;
            next();
            if (kind != Kind::Name)
                fail("identifier expected after pre-increment or pre-decrement");
            const int64_t v = wrap(static_cast<uint64_t>(lookup(name)) + static_cast<uint64_t>(delta));
            assign(name, v);
            kind = Kind::Number;  // --x=7 is not an assignment
            next();
            return v;
        }
        if (isOp("(")) {
            next();
            const int64_t v = comma();
            if (!isOp(")"))
                fail("missing `)'");
            next();
            return v;
        }
        if (kind == Kind::Number) {
            const int64_t v = number;
            next();
            return v;
        }
        if (kind == Kind::Name) {
            const std::string var = name;
            next();
            if (isOp("post++") || isOp("post--")) {
                const int64_t v = lookup(var);
                assign(var, wrap(static_cast<uint64_t>(v) + (op == "post++" ? 1 : static_cast<uint64_t>(-1))));
                kind = Kind::Number;  // x++=7 is not an assignment
                next();
                return v;
            }
            if (isOp("="))
                return 0;  // only assigned: its value is not read
            const int64_t v = lookup(var);
            name = var;
            return v;
        }
        fail("syntax error: operand expected");
    }
};

}  // namespace

ArithResult evaluateArithmetic(const std::string& expression, const ArithVariables& vars) {
    ArithResult result;
    if (expression.find_first_not_of(" \t\n") == std::string::npos)
        return result;
    try {
        Evaluator e(expression, vars, 0);
        result.value = e.run();
    } catch (const ArithError& error) {
        result.error = error.text;
    }
    return result;
}

}  // namespace kp::cli::sh
