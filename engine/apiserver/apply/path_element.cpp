#include "apiserver/apply/path_element.h"

#include "api/codec/go_format.h"

#include <algorithm>
#include <charconv>

#include "api/codec/json_encode.h"
#include "apiserver/patch/go_value.h"

namespace kp::apply {
namespace {

int sign(int64_t v) { return v < 0 ? -1 : (v > 0 ? 1 : 0); }

template <typename T>
int compareNumbers(T a, T b) {
    return a < b ? -1 : (a > b ? 1 : 0);
}

}  // namespace

std::string goQuote(const std::string& s) { return codec::quoteGo(s); }

namespace {

// value.ToString: how a key value or set value appears inside [..] in a path.
std::string valueToString(const Json& v) {
    if (v.is_null())
        return "null";
    if (v.is_string())
        return goQuote(v.get<std::string>());
    if (v.is_boolean())
        return v.get<bool>() ? "true" : "false";
    if (v.is_number())
        return patch::goSprint(v);
    if (v.is_array()) {
        std::string out = "[";
        for (size_t i = 0; i < v.size(); ++i)
            out += (i ? "," : "") + valueToString(v[i]);
        return out + "]";
    }
    std::string out;
    for (const auto& [k, item] : v.items())
        out += k + "=" + valueToString(item);
    return out;
}

// Rank of a value's type in SMD's order: numbers, strings, bools, lists, maps, null.
int typeRank(const Json& v) {
    if (v.is_number())
        return 0;
    if (v.is_string())
        return 1;
    if (v.is_boolean())
        return 2;
    if (v.is_array())
        return 3;
    if (v.is_object())
        return 4;
    return 5;
}

int compareKeys(const std::vector<std::pair<std::string, Json>>& a,
                const std::vector<std::pair<std::string, Json>>& b) {
    for (size_t i = 0;; ++i) {
        if (i >= a.size() && i >= b.size())
            return 0;
        if (i >= a.size())
            return -1;
        if (i >= b.size())
            return 1;
        if (int c = a[i].first.compare(b[i].first); c != 0)
            return sign(c);
        if (int c = compareValues(a[i].second, b[i].second); c != 0)
            return c;
    }
}

}  // namespace

int compareValues(const Json& a, const Json& b) {
    int ra = typeRank(a), rb = typeRank(b);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    switch (ra) {
    case 0:
        if (a.is_number_float() || b.is_number_float())
            return compareNumbers(a.get<double>(), b.get<double>());
        if (a.is_number_unsigned() && b.is_number_unsigned())
            return compareNumbers(a.get<uint64_t>(), b.get<uint64_t>());
        return compareNumbers(a.get<int64_t>(), b.get<int64_t>());
    case 1: return sign(a.get_ref<const std::string&>().compare(b.get_ref<const std::string&>()));
    case 2: return compareNumbers(a.get<bool>(), b.get<bool>());
    case 3:
        for (size_t i = 0;; ++i) {
            if (i >= a.size() && i >= b.size())
                return 0;
            if (i >= a.size())
                return -1;
            if (i >= b.size())
                return 1;
            if (int c = compareValues(a[i], b[i]); c != 0)
                return c;
        }
    case 4: {
        // Keys in lexical order; a map that runs out of keys first sorts first.
        auto ia = a.begin(), ib = b.begin();
        for (; ia != a.end() && ib != b.end(); ++ia, ++ib) {
            if (int c = ia.key().compare(ib.key()); c != 0)
                return c < 0 ? -1 : 1;
            if (int c = compareValues(*ia, *ib); c != 0)
                return c;
        }
        if (ia == a.end() && ib == b.end())
            return 0;
        return ia == a.end() ? -1 : 1;
    }
    default: return 0;
    }
}

PathElement PathElement::field(std::string name) {
    PathElement pe;
    pe.kind = Kind::Field;
    pe.fieldName = std::move(name);
    return pe;
}

PathElement PathElement::keyed(std::vector<std::pair<std::string, Json>> fields) {
    PathElement pe;
    pe.kind = Kind::Key;
    std::stable_sort(fields.begin(), fields.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    pe.key = std::move(fields);
    return pe;
}

PathElement PathElement::setValue(Json v) {
    PathElement pe;
    pe.kind = Kind::Value;
    pe.value = std::move(v);
    return pe;
}

PathElement PathElement::at(int64_t i) {
    PathElement pe;
    pe.kind = Kind::Index;
    pe.index = i;
    return pe;
}

std::string PathElement::serialize() const {
    switch (kind) {
    case Kind::Field: return "f:" + fieldName;
    case Kind::Key: {
        std::string out = "k:{";
        for (size_t i = 0; i < key.size(); ++i) {
            if (i)
                out += ",";
            codec::appendJsonString(out, key[i].first);
            out += ":" + codec::marshalJson(key[i].second);
        }
        return out + "}";
    }
    case Kind::Value: return "v:" + codec::marshalJson(value);
    case Kind::Index: return "i:" + std::to_string(index);
    }
    return "";
}

std::string PathElement::toString() const {
    switch (kind) {
    case Kind::Field: return "." + fieldName;
    case Kind::Key: {
        std::string out = "[";
        for (size_t i = 0; i < key.size(); ++i)
            out += (i ? "," : "") + key[i].first + "=" + valueToString(key[i].second);
        return out + "]";
    }
    case Kind::Value: return "[=" + valueToString(value) + "]";
    case Kind::Index: return "[" + std::to_string(index) + "]";
    }
    return "{{invalid path element}}";
}

int PathElement::compare(const PathElement& o) const {
    if (kind != o.kind)
        return kind < o.kind ? -1 : 1;
    switch (kind) {
    case Kind::Field: return sign(fieldName.compare(o.fieldName));
    case Kind::Key: return compareKeys(key, o.key);
    case Kind::Value: return compareValues(value, o.value);
    case Kind::Index: return compareNumbers(index, o.index);
    }
    return 0;
}

std::string pathString(const Path& path) {
    std::string out;
    for (const PathElement& pe : path)
        out += pe.toString();
    return out;
}

ParseResult parsePathElement(std::string_view text, PathElement& out) {
    if (text.size() < 2 || text[1] != ':')
        return ParseResult::Invalid;
    std::string_view body = text.substr(2);
    switch (text[0]) {
    case 'f':
        out = PathElement::field(std::string(body));
        return ParseResult::Ok;
    case 'v': {
        Json v = Json::parse(body, nullptr, false);
        if (v.is_discarded())
            return ParseResult::Invalid;
        out = PathElement::setValue(std::move(v));
        return ParseResult::Ok;
    }
    case 'k': {
        Json v = Json::parse(body, nullptr, false);
        if (v.is_discarded() || !v.is_object())
            return ParseResult::Invalid;
        std::vector<std::pair<std::string, Json>> fields;
        for (const auto& [k, item] : v.items())
            fields.emplace_back(k, item);
        out = PathElement::keyed(std::move(fields));
        return ParseResult::Ok;
    }
    case 'i': {
        int64_t i = 0;
        auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), i);
        if (ec != std::errc() || ptr != body.data() + body.size())
            return ParseResult::Invalid;
        out = PathElement::at(i);
        return ParseResult::Ok;
    }
    default: return ParseResult::UnknownKind;
    }
}

}  // namespace kp::apply
