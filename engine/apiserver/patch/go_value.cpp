#include "apiserver/patch/go_value.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "api/codec/go_format.h"

namespace kp::patch {

GoKind goKind(const Json& v) {
    switch (v.type()) {
    case Json::value_t::null:
        return GoKind::Nil;
    case Json::value_t::boolean:
        return GoKind::Bool;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
        return GoKind::Int64;
    case Json::value_t::number_float:
        return GoKind::Float64;
    case Json::value_t::string:
        return GoKind::String;
    case Json::value_t::array:
        return GoKind::Slice;
    case Json::value_t::object:
        return GoKind::Map;
    default:
        return GoKind::Nil;  // binary and discarded values never come out of the JSON parser
    }
}

bool sameGoType(const Json& a, const Json& b) { return goKind(a) == goKind(b); }

bool deepEqual(const Json& a, const Json& b) {
    GoKind kind = goKind(a);
    if (kind != goKind(b))
        return false;
    switch (kind) {
    case GoKind::Slice: {
        if (a.size() != b.size())
            return false;
        for (size_t i = 0; i < a.size(); ++i)
            if (!deepEqual(a[i], b[i]))
                return false;
        return true;
    }
    case GoKind::Map: {
        if (a.size() != b.size())
            return false;
        for (auto it = a.begin(); it != a.end(); ++it) {
            auto other = b.find(it.key());
            if (other == b.end() || !deepEqual(it.value(), *other))
                return false;
        }
        return true;
    }
    default:
        return a == b;
    }
}

bool interfaceEqual(const Json& a, const Json& b) {
    GoKind kind = goKind(a);
    if (kind != goKind(b) || kind == GoKind::Slice || kind == GoKind::Map)
        return false;
    return a == b;
}

namespace {

std::string goScalar(const Json& v) {
    switch (goKind(v)) {
    case GoKind::Nil:
        return "<nil>";
    case GoKind::Bool:
        return v.get<bool>() ? "true" : "false";
    case GoKind::Int64:
        return v.dump();
    case GoKind::Float64:
        return codec::formatFloat(v.get<double>(), 'g');
    case GoKind::String:
        return v.get<std::string>();
    default:
        return "";
    }
}

// fmt's printValue: containers print their elements with the same verb; a nil inside a
// container is "<nil>" whatever the verb.
std::string sprint(const Json& v, char verb, bool topLevel) {
    GoKind kind = goKind(v);
    if (kind == GoKind::Slice) {
        std::string out = "[";
        for (size_t i = 0; i < v.size(); ++i) {
            if (i)
                out += ' ';
            out += sprint(v[i], verb, false);
        }
        return out + "]";
    }
    if (kind == GoKind::Map) {
        std::string out = "map[";
        bool first = true;
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (!first)
                out += ' ';
            first = false;
            out += it.key() + ":" + sprint(it.value(), verb, false);
        }
        return out + "]";
    }
    if (verb == 'v' || kind == GoKind::String)
        return goScalar(v);
    if (kind == GoKind::Nil)
        return topLevel ? "%!s(<nil>)" : "<nil>";
    return "%!s(" + goTypeName(v) + "=" + goScalar(v) + ")";
}

}  // namespace

std::string goSprint(const Json& v) { return sprint(v, 'v', true); }

std::string goSprintS(const Json& v) { return sprint(v, 's', true); }

std::string goTypeName(const Json& v) {
    switch (goKind(v)) {
    case GoKind::Nil:
        return "%!s(<nil>)";
    case GoKind::Bool:
        return "bool";
    case GoKind::Int64:
        return "int64";
    case GoKind::Float64:
        return "float64";
    case GoKind::String:
        return "string";
    case GoKind::Slice:
        return "[]interface {}";
    case GoKind::Map:
        return "map[string]interface {}";
    }
    return "";
}

std::string jsonTypeWord(const Json& v) {
    if (v.is_object())
        return "object";
    if (v.is_array())
        return "array";
    if (v.is_number())
        return "number";
    if (v.is_boolean())
        return "bool";
    return "string";
}

}  // namespace kp::patch
