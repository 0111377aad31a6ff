// Command-line flags the way minikube's cobra/pflag parse them: flags may appear anywhere
// among the arguments, "--name=value", "--name value", "-n value", "-nvalue", boolean flags
// without a value ("--force", "--force=false"), and "--" ends the flags. Errors use pflag's
// wording ("unknown flag: --foo", "flag needs an argument: --memory", ...).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kp::cli::minikube {

enum class FlagType { Bool, String, Int, StringSlice, Duration };

struct FlagSpec {
    std::string name;
    char shorthand = 0;
    FlagType type = FlagType::String;
    std::string defaultValue;
};

struct ParsedFlags {
    std::vector<std::string> positional;  // includes the words after "--"
    int argsLenAtDash = -1;               // how many positional words came before "--" (-1: none)
    std::map<std::string, std::vector<std::string>> values;  // every value given, by flag name

    bool changed(const std::string& name) const { return values.count(name) != 0; }
    // The last value given, or the flag's default.
    std::string get(const std::string& name) const;
    bool getBool(const std::string& name) const;
    // Every value of a slice flag, comma-separated values split ("--registry-mirror=a,b").
    std::vector<std::string> list(const std::string& name) const;

    std::map<std::string, std::string> defaults;
};

// The flags every minikube command accepts (root persistent flags and klog's).
const std::vector<FlagSpec>& globalFlags();

// Index of the first word of `args` that is neither a flag nor the value of a global flag that
// takes one ("-p NAME"), or -1 (cobra's stripFlags).
int firstPositional(const std::vector<std::string>& args);

// Parses `args` against `specs` plus the global flags. On error returns pflag's message.
std::optional<std::string> parseFlags(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs,
                                      ParsedFlags& out);

}  // namespace kp::cli::minikube
