// The engine's object representation: Kubernetes objects are JSON documents, held as
// nlohmann::json. Its object type is a sorted map, which is also the key order kubectl
// prints for `-o json` and `-o yaml` (Go marshals map keys sorted).
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace kp {

using Json = nlohmann::json;

// Null-safe lookups along a dotted path of object keys ("spec.template.metadata").
const Json* findPath(const Json& root, std::string_view dottedPath);
// The string at path, or `fallback` when absent or not a string.
std::string stringAt(const Json& root, std::string_view dottedPath, std::string_view fallback = "");
// The integer at path, or `fallback` when absent or not an integer.
int64_t intAt(const Json& root, std::string_view dottedPath, int64_t fallback = 0);
bool boolAt(const Json& root, std::string_view dottedPath, bool fallback = false);
// Returns the object at path, creating empty objects on the way (replacing non-objects).
Json& ensureObject(Json& root, std::string_view dottedPath);

}  // namespace kp
