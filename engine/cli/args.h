// Splitting a command line into words the way a POSIX shell does for simple commands:
// whitespace separates words, single quotes keep everything, double quotes keep spaces and
// allow \" \\ \$, a backslash outside quotes escapes the next character.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kp::cli {

// nullopt when a quote is not closed.
std::optional<std::vector<std::string>> splitWords(std::string_view line);

// A parsed kubectl-style command line: positional arguments and flags (--flag=value,
// --flag value, -f value, -n value; boolean flags have no value).
struct ParsedArgs {
    std::vector<std::string> positional;
    std::vector<std::pair<std::string, std::string>> flags;  // in order; name without dashes
    std::vector<std::string> afterDashDash;                 // words after a bare "--"

    bool has(std::string_view name) const;
    // A boolean flag given and not set to false (--watch, --watch=true; not --watch=false).
    bool on(std::string_view name) const;
    std::string get(std::string_view name, std::string_view fallback = "") const;
    std::vector<std::string> getAll(std::string_view name) const;
};

// `booleanFlags` lists flags that take no separate value word (e.g. "all-namespaces", "A").
// Returns an error text (kubectl's wording) in `error` for a flag that needs a value and has none.
ParsedArgs parseArgs(const std::vector<std::string>& words, const std::vector<std::string>& booleanFlags,
                     std::string& error);

}  // namespace kp::cli
