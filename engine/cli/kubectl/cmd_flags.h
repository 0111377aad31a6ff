// The flags of one kubectl command, declared and parsed the way cobra + pflag do it, so that
// mistakes get kubectl's exact messages:
//   Error: unknown flag: --foo
//   Error: unknown shorthand flag: 'z' in -z
//   Error: flag needs an argument: --image          (shorthand: 'r' in -r)
//   Error: invalid argument "abc" for "-r, --replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax
//   See 'kubectl create deployment --help' for usage.
// Accepted forms: --name=value, --name value, --bool, --bool=false, -n value, -nvalue, -n=value,
// grouped booleans (-it), positional arguments anywhere, and "--" (what follows is positional;
// argsLenAtDash() tells where it started, as cobra's ArgsLenAtDash).
// kubectl's global flags (-n/--namespace, --context, --kubeconfig, ...) are declared on every
// command.
// Upstream: spf13/pflag flag.go (parseLongArg, parseSingleShortArg), spf13/cobra command.go
// (ValidateRequiredFlags, FlagErrorFunc), kubectl pkg/cmd/cmd.go (the "See ... --help" line).
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/time.h"

namespace kp::cli {

// time.ParseDuration: "" on success, else Go's message (time: invalid duration "abc").
// SIMPLIFICATION: virtual time counts milliseconds; finer parts are dropped.
std::string parseGoDuration(const std::string& text, Duration& out);

enum class FlagType { Bool, String, Int, Duration, StringSlice, StringArray };

class CommandFlags {
public:
    // `commandPath` is what cobra prints in its hints: "kubectl create deployment".
    explicit CommandFlags(std::string commandPath);

    CommandFlags& boolean(const std::string& name, const std::string& shorthand = "", bool def = false);
    CommandFlags& string(const std::string& name, const std::string& shorthand = "", const std::string& def = "");
    CommandFlags& integer(const std::string& name, const std::string& shorthand = "", int64_t def = 0);
    // A Go duration ("30s", "1m0s", "2h45m"); see parseGoDuration.
    CommandFlags& duration(const std::string& name, const std::string& shorthand = "", const std::string& def = "0s");
    // Comma-separated values, repeatable (pflag StringSlice).
    CommandFlags& stringSlice(const std::string& name, const std::string& shorthand = "");
    // One value per occurrence, commas kept (pflag StringArray).
    CommandFlags& stringArray(const std::string& name, const std::string& shorthand = "");
    // The value a flag takes when given without "=value" (pflag NoOptDefVal; "--dry-run").
    CommandFlags& noOptDefault(const std::string& name, const std::string& value);
    // cobra MarkFlagRequired.
    CommandFlags& required(const std::string& name);
    // The flag's line in --help (pflag's usage).
    CommandFlags& usage(const std::string& name, const std::string& text);
    // Accepted but left out of --help (pflag MarkHidden, e.g. deprecated flags).
    CommandFlags& hidden(const std::string& name);

    // kubectl's "Options:" block of --help: the command's own flags (not the global ones),
    // sorted by name, each as "    -s, --name=DEFAULT:\n\tusage\n\n". `usageOf` supplies the text
    // of flags declared without one.
    std::string optionsHelp(const std::function<std::string(const std::string& flag)>& usageOf = {}) const;

    // Parses; on failure returns false and sets `error` to the whole stderr text
    // ("Error: ...\nSee '<path> --help' for usage.\n").
    bool parse(const std::vector<std::string>& args, std::string& error);
    // pflag's SetInterspersed(false): parse() stops at the first argument that is not a flag;
    // it and everything after it become args().
    CommandFlags& stopAtFirstArg() {
        interspersed_ = false;
        return *this;
    }
    // Required flags that were not given, in declaration order (empty when all are there).
    std::vector<std::string> missingRequired() const;

    const std::string& commandPath() const { return path_; }
    const std::vector<std::string>& args() const { return args_; }
    // Index in args() of the first word after "--", or -1.
    int argsLenAtDash() const { return argsLenAtDash_; }

    bool changed(const std::string& name) const;
    std::string str(const std::string& name) const;
    int64_t num(const std::string& name) const;
    // A duration flag's value.
    Duration dur(const std::string& name) const;
    bool on(const std::string& name) const;
    std::vector<std::string> list(const std::string& name) const;

private:
    struct Flag {
        std::string name;
        std::string shorthand;
        FlagType type = FlagType::String;
        std::string def;
        std::string noOptDef;
        bool required = false;
        bool global = false;              // declared by the constructor (kubectl options)
        bool hidden = false;
        std::string usage;
        bool changed = false;
        std::string value;                // last value (scalars)
        std::vector<std::string> values;  // slices and arrays
    };
    Flag& add(const std::string& name, const std::string& shorthand, FlagType type, const std::string& def);
    Flag* find(const std::string& name);
    const Flag* find(const std::string& name) const;
    Flag* findShort(char c);
    // Sets a flag from its text; returns "" or pflag's message for a bad value.
    std::string set(Flag& f, const std::string& value);
    std::string usageError(const std::string& message) const;

    std::string path_;
    std::vector<Flag> flags_;
    std::map<std::string, size_t> byName_;
    std::vector<std::string> args_;
    int argsLenAtDash_ = -1;
    bool interspersed_ = true;
};

}  // namespace kp::cli
