// Field paths as field.Path prints them: children joined by '.', indexes and map keys in
// brackets without quotes ("spec.containers[0].resources.limits[cpu]").
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace kp::validation {

inline std::string child(const std::string& path, std::string_view name) {
    if (path.empty())
        return std::string(name);
    return path + "." + std::string(name);
}

inline std::string index(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

inline std::string key(const std::string& path, std::string_view k) { return path + "[" + std::string(k) + "]"; }

}  // namespace kp::validation
