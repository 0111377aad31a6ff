#include "cli/kubectl/table_printer.h"

#include <algorithm>
#include <cctype>

#include "api/labels.h"
#include "cli/tabwriter.h"

namespace kp::cli {
namespace {

// A cell as kubectl prints it: strings cut at the first line break (then "..."), terminal
// escapes made visible; numbers and booleans as Go's fmt.Sprint prints them; null as nothing.
std::string cellText(const Json& cell) {
    if (cell.is_null())
        return "";
    if (cell.is_boolean())
        return cell.get<bool>() ? "true" : "false";
    if (!cell.is_string())
        return cell.dump();
    std::string s = cell.get<std::string>();
    size_t cut = s.find_first_of("\f\n\r");
    bool truncated = cut != std::string::npos;
    if (truncated)
        s.resize(cut);
    std::string escaped;
    for (char c : s)
        escaped += c == '\x1b' ? std::string("^[") : std::string(1, c);
    return truncated ? escaped + "..." : escaped;
}

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
    return s;
}

}  // namespace

// "deployment.apps", "pod": the lower-cased GroupKind kubectl prefixes names with.
std::string groupKindLower(const ResourceInfo& r) {
    std::string s = r.group.empty() ? r.kind : r.kind + "." + r.group;
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// Upstream: cli-runtime pkg/printers/tableprinter.go#decorateTable, #printTable
std::string printRows(const Json& columnDefinitions, const std::vector<const Json*>& rows, const HumanOptions& o) {
    if (rows.empty())
        return "";
    struct Col {
        std::string header;
        bool visible;
    };
    std::vector<Col> cols;
    int nameColumn = -1;
    for (size_t i = 0; i < columnDefinitions.size(); ++i) {
        const Json& c = columnDefinitions[i];
        if (nameColumn < 0 && !o.kindPrefix.empty() && stringAt(c, "format") == "name" &&
            stringAt(c, "type") == "string")
            nameColumn = static_cast<int>(i);
        cols.push_back({upper(stringAt(c, "name")), o.wide || intAt(c, "priority") == 0});
    }

    // kubectl's tabwriter: minimum width 6, padding 3.
    TabWriter w(3, 6);
    std::vector<std::string> cells;
    auto flushLine = [&] {
        std::string text;
        for (size_t i = 0; i < cells.size(); ++i)
            text += (i ? "\t" : "") + cells[i];
        w.write(text + "\n");
        cells.clear();
    };

    if (!o.noHeaders) {
        if (!o.eventType.empty())
            cells.push_back("EVENT");
        if (o.withNamespace)
            cells.push_back("NAMESPACE");
        for (const Col& c : cols)
            if (c.visible)
                cells.push_back(c.header);
        for (const std::string& key : o.labelColumns)
            cells.push_back(upper(key.substr(key.rfind('/') == std::string::npos ? 0 : key.rfind('/') + 1)));
        if (o.showLabels)
            cells.push_back("LABELS");
        flushLine();
    }
    for (const Json* row : rows) {
        const Json* values = findPath(*row, "cells");
        const Json* object = findPath(*row, "object");
        const Json empty = Json::object();
        const Json& meta = object && object->contains("metadata") ? (*object)["metadata"] : empty;
        if (!o.eventType.empty())
            cells.push_back(o.eventType);
        if (o.withNamespace)
            cells.push_back(stringAt(meta, "namespace"));
        for (size_t i = 0; values && i < values->size() && i < cols.size(); ++i) {
            if (!cols[i].visible)
                continue;
            std::string text = cellText((*values)[i]);
            if (static_cast<int>(i) == nameColumn)
                text = o.kindPrefix + "/" + text;
            cells.push_back(text);
        }
        const Json* rowLabels = findPath(meta, "labels");
        const labels::Set set = rowLabels && rowLabels->is_object() ? labels::setFromJson(*rowLabels) : labels::Set{};
        for (const std::string& key : o.labelColumns)
            cells.push_back(set.count(key) ? set.at(key) : "");
        if (o.showLabels)
            cells.push_back(labels::formatLabels(set));
        flushLine();
    }
    return w.str();
}

}  // namespace kp::cli
