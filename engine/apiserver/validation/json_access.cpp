// Zero-value-tolerant JSON accessors (see json_access.h).
#include "apiserver/validation/json_access.h"

namespace kp::validation {

namespace {
const Json kNull;
const Json kEmptyArray = Json::array();
const Json kEmptyObject = Json::object();
}  // namespace

const Json& member(const Json& obj, std::string_view key) {
    if (!obj.is_object())
        return kNull;
    auto it = obj.find(std::string(key));
    return it == obj.end() ? kNull : *it;
}

bool has(const Json& obj, std::string_view key) { return !member(obj, key).is_null(); }

std::string str(const Json& obj, std::string_view key) {
    const Json& v = member(obj, key);
    return v.is_string() ? v.get<std::string>() : std::string();
}

int64_t integer(const Json& obj, std::string_view key, int64_t fallback) {
    const Json& v = member(obj, key);
    if (v.is_number_integer())
        return v.get<int64_t>();
    if (v.is_number_float())
        return static_cast<int64_t>(v.get<double>());
    return fallback;
}

bool boolean(const Json& obj, std::string_view key) {
    const Json& v = member(obj, key);
    return v.is_boolean() && v.get<bool>();
}

size_t count(const Json& obj, std::string_view key) {
    const Json& v = member(obj, key);
    return (v.is_array() || v.is_object()) ? v.size() : 0;
}

const Json& array(const Json& obj, std::string_view key) {
    const Json& v = member(obj, key);
    return v.is_array() ? v : kEmptyArray;
}

const Json& object(const Json& obj, std::string_view key) {
    const Json& v = member(obj, key);
    return v.is_object() ? v : kEmptyObject;
}

Json withoutEmpty(const Json& v) {
    if (v.is_object()) {
        Json out = Json::object();
        for (const auto& [k, e] : v.items()) {
            Json cleaned = withoutEmpty(e);
            if (cleaned.is_null() || ((cleaned.is_array() || cleaned.is_object()) && cleaned.empty()))
                continue;
            out[k] = std::move(cleaned);
        }
        return out;
    }
    if (v.is_array()) {
        Json out = Json::array();
        for (const auto& e : v)
            out.push_back(withoutEmpty(e));
        return out;
    }
    return v;
}

bool semanticallyEqual(const Json& a, const Json& b) {
    if (a == b)
        return true;  // equal as they are, so equal without their empty fields too
    auto normalize = [](const Json& v) {
        Json n = withoutEmpty(v);
        if ((n.is_array() || n.is_object()) && n.empty())
            return Json();
        return n;
    };
    return normalize(a) == normalize(b);
}

}  // namespace kp::validation
