// Shared by the printer tests: build a Table for hand-written objects and read its cells.
#pragma once
#include <string>
#include <vector>

#include "apiserver/printers/table.h"
#include "base/json.h"
#include "base/time.h"

namespace kp::test {

// 2025-01-15T10:10:00Z: the "now" every printer test measures ages from.
inline Time printNow() {
    return *parseRFC3339("2025-01-15T10:10:00Z");
}

inline const ResourceInfo& resourceNamed(const std::string& groupResource) {
    return *ResourceRegistry::builtin().byGroupResourceName(groupResource);
}

// The cells of the single row printed for `object`, as strings the way kubectl shows them
// (integers in decimal, booleans true/false).
inline std::vector<std::string> rowCells(const std::string& groupResource, const std::string& objectJson,
                                         bool wide = true) {
    printers::TableOptions opts;
    opts.wide = wide;
    Json table =
        printers::toTable(resourceNamed(groupResource), std::vector<Json>{Json::parse(objectJson)}, printNow(), opts);
    std::vector<std::string> out;
    for (const Json& c : table["rows"][0]["cells"])
        out.push_back(c.is_string() ? c.get<std::string>() : c.dump());
    return out;
}

inline std::vector<std::string> columnNames(const std::string& groupResource) {
    std::vector<std::string> out;
    for (const auto& c : printers::columnsFor(resourceNamed(groupResource)))
        out.push_back(c.name + (c.priority ? "*" : ""));
    return out;
}

}  // namespace kp::test
