// The human-readable table kubectl prints from the apiserver's Table: hidden priority-1
// columns unless -o wide, NAMESPACE for -A, "kind.group/" name prefixes, -L and --show-labels
// columns, EVENT for --output-watch-events, aligned by kubectl's tabwriter.
// Upstream: cli-runtime pkg/printers/tableprinter.go (decorateTable, printTable, PrintObj).
#pragma once
#include <string>
#include <vector>

#include "api/resources.h"
#include "base/json.h"

namespace kp::cli {

struct HumanOptions {
    bool wide = false;
    bool noHeaders = false;
    bool withNamespace = false;
    std::string kindPrefix;  // "deployment.apps" when several types are printed
    bool showLabels = false;
    std::vector<std::string> labelColumns;  // -L keys
    std::string eventType;                  // "ADDED", ... (--output-watch-events): an EVENT column first
};

// "deployment.apps", "pod": the lower-cased GroupKind kubectl prefixes names with.
std::string groupKindLower(const ResourceInfo& r);

// Prints the rows of one resource type under one header; "" when there are no rows (kubectl
// prints no header for an empty table).
std::string printRows(const Json& columnDefinitions, const std::vector<const Json*>& rows, const HumanOptions& o);

}  // namespace kp::cli
