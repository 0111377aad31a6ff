#include "api/jsonpath.h"

#include <cctype>

namespace kp::api {
namespace {

using Nodes = std::vector<const Json*>;

// A literal on the right of a filter comparison: "text", 'text' or a number.
bool literalEquals(const Json& value, std::string_view literal) {
    if (literal.size() >= 2 && (literal.front() == '"' || literal.front() == '\'') && literal.back() == literal.front())
        return value.is_string() && value.get<std::string>() == literal.substr(1, literal.size() - 2);
    if (value.is_number())
        return value.dump() == literal;
    if (value.is_boolean())
        return (value.get<bool>() ? "true" : "false") == literal;
    return false;
}

class Selector {
public:
    Selector(std::string_view expr, std::string* error) : expr_(expr), error_(error) {}

    Nodes run(const Json& root) {
        Nodes current{&root};
        size_t i = 0;
        if (i < expr_.size() && (expr_[i] == '$' || expr_[i] == '@'))
            ++i;
        while (i < expr_.size() && !failed_) {
            const char c = expr_[i];
            if (c == '.') {
                size_t end = i + 1;
                while (end < expr_.size() && expr_[end] != '.' && expr_[end] != '[')
                    ++end;
                const std::string_view name = expr_.substr(i + 1, end - i - 1);
                if (!name.empty())
                    current = field(current, name);
                i = end;
            } else if (c == '[') {
                const size_t close = matchingBracket(i);
                if (close == std::string_view::npos)
                    return fail("unclosed array expect ]");
                current = bracket(current, expr_.substr(i + 1, close - i - 1));
                i = close + 1;
            } else {
                return fail(std::string("unrecognized character in action: U+") + hex(c));
            }
        }
        return failed_ ? Nodes{} : current;
    }

private:
    Nodes fail(const std::string& message) {
        failed_ = true;
        if (error_)
            *error_ = message;
        return {};
    }

    static std::string hex(char c) {
        static const char* digits = "0123456789ABCDEF";
        const auto u = static_cast<unsigned char>(c);
        return std::string("00") + digits[u >> 4] + digits[u & 15];
    }

    size_t matchingBracket(size_t open) const {
        int depth = 0;
        char quote = 0;
        for (size_t j = open; j < expr_.size(); ++j) {
            const char c = expr_[j];
            if (quote) {
                if (c == quote)
                    quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[') {
                ++depth;
            } else if (c == ']' && --depth == 0) {
                return j;
            }
        }
        return std::string_view::npos;
    }

    static Nodes field(const Nodes& in, std::string_view name) {
        Nodes out;
        for (const Json* n : in) {
            if (name == "*") {
                for (const Json& child : *n)
                    out.push_back(&child);
                continue;
            }
            if (!n->is_object())
                continue;
            auto it = n->find(std::string(name));
            if (it != n->end())
                out.push_back(&*it);
        }
        return out;
    }

    static bool parseInt(std::string_view s, long& value) {
        if (s.empty())
            return false;
        size_t k = s[0] == '-' ? 1 : 0;
        if (k == s.size())
            return false;
        long v = 0;
        for (; k < s.size(); ++k) {
            if (!std::isdigit(static_cast<unsigned char>(s[k])))
                return false;
            v = v * 10 + (s[k] - '0');
        }
        value = s[0] == '-' ? -v : v;
        return true;
    }

    Nodes bracket(const Nodes& in, std::string_view inner) {
        if (inner == "*")
            return field(in, "*");
        if (inner.size() >= 2 && (inner.front() == '\'' || inner.front() == '"') && inner.back() == inner.front())
            return field(in, inner.substr(1, inner.size() - 2));
        if (!inner.empty() && inner.front() == '?')
            return filter(in, inner.substr(1));
        Nodes out;
        const size_t colon = inner.find(':');
        long index = 0;
        if (colon == std::string_view::npos) {
            if (!parseInt(inner, index))
                return fail("invalid array index " + std::string(inner));
            for (const Json* n : in) {
                if (!n->is_array())
                    continue;
                const long size = static_cast<long>(n->size());
                const long at = index < 0 ? size + index : index;
                if (at >= 0 && at < size)
                    out.push_back(&(*n)[static_cast<size_t>(at)]);
            }
            return out;
        }
        long from = 0, to = 0;
        const std::string_view a = inner.substr(0, colon), b = inner.substr(colon + 1);
        if ((!a.empty() && !parseInt(a, from)) || (!b.empty() && !parseInt(b, to)))
            return fail("invalid array index " + std::string(inner));
        for (const Json* n : in) {
            if (!n->is_array())
                continue;
            const long size = static_cast<long>(n->size());
            long lo = a.empty() ? 0 : (from < 0 ? size + from : from);
            long hi = b.empty() ? size : (to < 0 ? size + to : to);
            lo = std::max(0L, std::min(lo, size));
            hi = std::max(lo, std::min(hi, size));
            for (long k = lo; k < hi; ++k)
                out.push_back(&(*n)[static_cast<size_t>(k)]);
        }
        return out;
    }

    // ?(@.path OP literal) or ?(@.path): the array elements for which it holds.
    Nodes filter(const Nodes& in, std::string_view body) {
        if (body.size() < 2 || body.front() != '(' || body.back() != ')')
            return fail("unclosed filter expression");
        body = body.substr(1, body.size() - 2);
        std::string_view op;
        size_t at = body.find("==");
        if (at != std::string_view::npos) {
            op = "==";
        } else if ((at = body.find("!=")) != std::string_view::npos) {
            op = "!=";
        }
        auto trim = [](std::string_view s) {
            while (!s.empty() && s.front() == ' ')
                s.remove_prefix(1);
            while (!s.empty() && s.back() == ' ')
                s.remove_suffix(1);
            return s;
        };
        const std::string_view left = trim(op.empty() ? body : body.substr(0, at));
        const std::string_view right = op.empty() ? std::string_view() : trim(body.substr(at + 2));
        Nodes out;
        for (const Json* n : in) {
            if (!n->is_array())
                continue;
            for (const Json& element : *n) {
                std::string error;
                Nodes values = Selector(left, &error).run(element);
                if (!error.empty())
                    return fail(error);
                bool keep = !values.empty();
                if (!op.empty()) {
                    const bool equal = !values.empty() && literalEquals(*values.front(), right);
                    keep = op == "==" ? equal : (!values.empty() && !equal);
                }
                if (keep)
                    out.push_back(&element);
            }
        }
        return out;
    }

    std::string_view expr_;
    std::string* error_;
    bool failed_ = false;
};

std::string render(const Json& value) {
    if (value.is_string())
        return value.get<std::string>();
    return value.dump();
}

}  // namespace

std::vector<const Json*> selectJsonPath(std::string_view expression, const Json& root, std::string* error) {
    if (expression.size() >= 2 && expression.front() == '{' && expression.back() == '}')
        expression = expression.substr(1, expression.size() - 2);
    return Selector(expression, error).run(root);
}

JsonPathResult evalJsonPathTemplate(std::string_view tmpl, const Json& root) {
    JsonPathResult result;
    size_t i = 0;
    while (i < tmpl.size()) {
        const size_t open = tmpl.find('{', i);
        if (open == std::string_view::npos) {
            result.text.append(tmpl.substr(i));
            break;
        }
        result.text.append(tmpl.substr(i, open - i));
        const size_t close = tmpl.find('}', open);
        if (close == std::string_view::npos) {
            result.error = "error parsing jsonpath " + std::string(tmpl) + ", unclosed action";
            return result;
        }
        std::string error;
        const std::string_view expr = tmpl.substr(open + 1, close - open - 1);
        Nodes values = selectJsonPath(expr, root, &error);
        if (!error.empty()) {
            result.error = "error parsing jsonpath " + std::string(tmpl) + ", " + error;
            return result;
        }
        if (values.empty())
            result.found = false;
        for (size_t k = 0; k < values.size(); ++k)
            result.text += (k ? " " : "") + render(*values[k]);
        i = close + 1;
    }
    return result;
}

}  // namespace kp::api
