// Go fmt renderings of bad values (see go_value.h).
#include "apiserver/validation/go_value.h"

#include "api/codec/go_format.h"

#include <cstdio>
#include <cstdlib>

namespace kp::validation {

namespace {

std::string goFloat(double d) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    // Prefer the shortest text that reads back to the same value, as Go's %v does.
    for (int precision = 1; precision <= 17; ++precision) {
        char shortBuf[64];
        std::snprintf(shortBuf, sizeof shortBuf, "%.*g", precision, d);
        if (std::strtod(shortBuf, nullptr) == d)
            return shortBuf;
    }
    return buf;
}

}  // namespace

std::string goQuote(std::string_view s) { return codec::quoteGo(s); }

std::string goStringMap(const Json& m) {
    if (!m.is_object())
        return "map[string]string(nil)";
    std::string out = "map[string]string{";
    bool first = true;
    for (const auto& [k, v] : m.items()) {  // Json objects are sorted maps, as Go prints them
        if (!first)
            out += ", ";
        first = false;
        out += goQuote(k) + ":" + goQuote(v.is_string() ? v.get<std::string>() : std::string());
    }
    return out + "}";
}

std::string goStringSlice(const Json& a) {
    if (!a.is_array())
        return "[]string(nil)";
    std::string out = "[]string{";
    bool first = true;
    for (const auto& v : a) {
        if (!first)
            out += ", ";
        first = false;
        out += goQuote(v.is_string() ? v.get<std::string>() : std::string());
    }
    return out + "}";
}

std::string goIntOrString(const Json& v) {
    if (v.is_string())
        return "intstr.IntOrString{Type:1, IntVal:0, StrVal:" + goQuote(v.get<std::string>()) + "}";
    const int64_t n = v.is_number_integer() ? v.get<int64_t>() : 0;
    return "intstr.IntOrString{Type:0, IntVal:" + std::to_string(n) + ", StrVal:\"\"}";
}

std::string goLabelSelector(const Json& selector) {
    std::string out = "v1.LabelSelector{MatchLabels:";
    const Json* matchLabels = selector.is_object() ? findPath(selector, "matchLabels") : nullptr;
    out += goStringMap(matchLabels ? *matchLabels : Json());
    out += ", MatchExpressions:";
    const Json* exprs = selector.is_object() ? findPath(selector, "matchExpressions") : nullptr;
    if (!exprs || !exprs->is_array())
        return out + "[]v1.LabelSelectorRequirement(nil)}";
    out += "[]v1.LabelSelectorRequirement{";
    bool first = true;
    for (const Json& e : *exprs) {
        if (!first)
            out += ", ";
        first = false;
        const Json* values = findPath(e, "values");
        out += "v1.LabelSelectorRequirement{Key:" + goQuote(stringAt(e, "key")) +
               ", Operator:" + goQuote(stringAt(e, "operator")) +
               ", Values:" + goStringSlice(values ? *values : Json()) + "}";
    }
    return out + "}}";
}

std::string goTime(std::string_view rfc3339) {
    // "2024-05-01T10:00:00Z" -> "2024-05-01 10:00:00 +0000 UTC"
    if (rfc3339.size() < 19)
        return std::string(rfc3339);
    std::string out(rfc3339.substr(0, 10));
    out += " ";
    out += rfc3339.substr(11, 8);
    return out + " +0000 UTC";
}

std::string goDefault(const Json& v) {
    if (v.is_null())
        return "null";
    if (v.is_string())
        return goQuote(v.get<std::string>());
    if (v.is_boolean())
        return v.get<bool>() ? "true" : "false";
    if (v.is_number_integer())
        return v.is_number_unsigned() ? std::to_string(v.get<uint64_t>()) : std::to_string(v.get<int64_t>());
    if (v.is_number_float())
        return goFloat(v.get<double>());
    if (v.is_object()) {
        bool allStrings = true;
        for (const auto& [k, e] : v.items())
            allStrings = allStrings && e.is_string();
        if (allStrings)
            return goStringMap(v);
    }
    if (v.is_array()) {
        bool allStrings = true;
        for (const auto& e : v)
            allStrings = allStrings && e.is_string();
        if (allStrings)
            return goStringSlice(v);
    }
    return v.dump();
}

}  // namespace kp::validation
