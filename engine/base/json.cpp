#include "base/json.h"

namespace kp {

const Json* findPath(const Json& root, std::string_view dottedPath) {
    const Json* cur = &root;
    while (!dottedPath.empty()) {
        size_t dot = dottedPath.find('.');
        std::string_view key = dottedPath.substr(0, dot);
        if (!cur->is_object())
            return nullptr;
        auto it = cur->find(key);
        if (it == cur->end())
            return nullptr;
        cur = &*it;
        if (dot == std::string_view::npos)
            break;
        dottedPath.remove_prefix(dot + 1);
    }
    return cur;
}

std::string stringAt(const Json& root, std::string_view dottedPath, std::string_view fallback) {
    const Json* v = findPath(root, dottedPath);
    return v && v->is_string() ? v->get<std::string>() : std::string(fallback);
}

int64_t intAt(const Json& root, std::string_view dottedPath, int64_t fallback) {
    const Json* v = findPath(root, dottedPath);
    return v && v->is_number_integer() ? v->get<int64_t>() : fallback;
}

bool boolAt(const Json& root, std::string_view dottedPath, bool fallback) {
    const Json* v = findPath(root, dottedPath);
    return v && v->is_boolean() ? v->get<bool>() : fallback;
}

Json& ensureObject(Json& root, std::string_view dottedPath) {
    Json* cur = &root;
    if (!cur->is_object())
        *cur = Json::object();
    while (!dottedPath.empty()) {
        size_t dot = dottedPath.find('.');
        std::string key(dottedPath.substr(0, dot));
        Json& next = (*cur)[key];
        if (!next.is_object())
            next = Json::object();
        cur = &next;
        if (dot == std::string_view::npos)
            break;
        dottedPath.remove_prefix(dot + 1);
    }
    return *cur;
}

}  // namespace kp
