#include "api/jsonpath.h"

#include <cctype>

#include "api/codec/json_encode.h"

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
                    return fail("unterminated array");  // client-go parseArray reached the end
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

// Strings print raw and other scalars as Go's fmt.Fprint does; maps and lists as Go's
// json.Marshal (client-go's PrintResults).
std::string renderValue(const Json& value) {
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_structured())
        return codec::marshalJson(value);
    return value.dump();
}

}  // namespace

std::vector<const Json*> selectJsonPath(std::string_view expression, const Json& root, std::string* error) {
    if (expression.size() >= 2 && expression.front() == '{' && expression.back() == '}')
        expression = expression.substr(1, expression.size() - 2);
    return Selector(expression, error).run(root);
}

namespace {

// A parsed template: text, {expression}, {"literal"} and {range expression}...{end}.
struct TemplateNode {
    enum class Kind { Text, Expr, Range } kind = Kind::Text;
    std::string text;                  // Text: the text; Expr/Range: the expression
    std::vector<TemplateNode> children;  // Range: the body
};

std::string unquote(std::string_view literal) {
    std::string out;
    for (size_t i = 1; i + 1 < literal.size(); ++i) {
        if (literal[i] == '\\' && i + 2 < literal.size()) {
            const char c = literal[++i];
            out += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
        } else {
            out += literal[i];
        }
    }
    return out;
}

// Parses from `i` until the end of the template or an {end}; returns false on an error.
bool parseNodes(std::string_view tmpl, size_t& i, std::vector<TemplateNode>& out, bool inRange, std::string& error) {
    while (i < tmpl.size()) {
        const size_t open = tmpl.find('{', i);
        if (open == std::string_view::npos) {
            out.push_back({TemplateNode::Kind::Text, std::string(tmpl.substr(i)), {}});
            i = tmpl.size();
            break;
        }
        if (open > i)
            out.push_back({TemplateNode::Kind::Text, std::string(tmpl.substr(i, open - i)), {}});
        // The action ends at the first '}' outside quotes.
        size_t close = open + 1;
        char quote = 0;
        for (; close < tmpl.size(); ++close) {
            const char c = tmpl[close];
            if (quote) {
                if (c == '\\')
                    ++close;
                else if (c == quote)
                    quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '}') {
                break;
            }
        }
        if (close >= tmpl.size()) {
            error = "unclosed action";
            return false;
        }
        std::string_view action = tmpl.substr(open + 1, close - open - 1);
        while (!action.empty() && action.front() == ' ')
            action.remove_prefix(1);
        while (!action.empty() && action.back() == ' ')
            action.remove_suffix(1);
        i = close + 1;
        if (action == "end") {
            if (!inRange) {
                error = "not in range, nothing to end";
                return false;
            }
            return true;
        }
        if (action.rfind("range ", 0) == 0) {
            TemplateNode range{TemplateNode::Kind::Range, std::string(action.substr(6)), {}};
            if (!parseNodes(tmpl, i, range.children, true, error))
                return false;
            out.push_back(std::move(range));
            continue;
        }
        if (!action.empty() && (action.front() == '"' || action.front() == '\''))
            out.push_back({TemplateNode::Kind::Text, unquote(action), {}});
        else
            out.push_back({TemplateNode::Kind::Expr, std::string(action), {}});
    }
    if (inRange) {
        error = "unclosed range";
        return false;
    }
    return true;
}

// Renders the nodes as text into result.text or, with `groups`, collects each node's results as
// one JSON array (client-go's FindResults: a range adds its body's groups once per element).
bool render(const std::vector<TemplateNode>& nodes, const Json& current, JsonPathResult& result,
            std::vector<Json>* groups) {
    for (const TemplateNode& node : nodes) {
        if (node.kind == TemplateNode::Kind::Text) {
            if (groups)
                groups->push_back(Json::array({node.text}));
            else
                result.text += node.text;
            continue;
        }
        std::string error;
        Nodes values = selectJsonPath(node.text, current, &error);
        if (!error.empty()) {
            result.error = error;
            return false;
        }
        if (values.empty())
            result.found = false;
        if (node.kind == TemplateNode::Kind::Range) {
            // range walks the elements of each selected array (or the values themselves).
            for (const Json* v : values) {
                if (v->is_array()) {
                    for (const Json& element : *v)
                        if (!render(node.children, element, result, groups))
                            return false;
                } else if (!render(node.children, *v, result, groups)) {
                    return false;
                }
            }
            continue;
        }
        if (groups) {
            Json group = Json::array();
            for (const Json* v : values)
                group.push_back(*v);
            groups->push_back(std::move(group));
            continue;
        }
        for (size_t k = 0; k < values.size(); ++k)
            result.text += (k ? " " : "") + renderValue(*values[k]);
    }
    return true;
}

}  // namespace

JsonPathResult evalJsonPathTemplate(std::string_view tmpl, const Json& root, JsonPathOutput output) {
    JsonPathResult result;
    std::vector<TemplateNode> nodes;
    size_t i = 0;
    std::string error;
    if (!parseNodes(tmpl, i, nodes, false, error)) {
        result.error = "error parsing jsonpath " + std::string(tmpl) + ", " + error;
        return result;
    }
    std::vector<Json> groups;
    if (!render(nodes, root, result, output == JsonPathOutput::JsonArrays ? &groups : nullptr)) {
        result.error = "error parsing jsonpath " + std::string(tmpl) + ", " + result.error;
        return result;
    }
    // jsonpath-as-json: every group as an indented JSON array (json.MarshalIndent, 4 spaces).
    for (const Json& group : groups)
        result.text += codec::printJson(group);
    return result;
}

}  // namespace kp::api
