#include "cli/minikube/flags.h"

#include <cctype>

namespace kp::cli::minikube {
namespace {

const FlagSpec* findLong(const std::vector<const FlagSpec*>& all, const std::string& name) {
    for (const FlagSpec* f : all)
        if (f->name == name)
            return f;
    return nullptr;
}

const FlagSpec* findShort(const std::vector<const FlagSpec*>& all, char c) {
    for (const FlagSpec* f : all)
        if (f->shorthand == c)
            return f;
    return nullptr;
}

std::string flagDisplayName(const FlagSpec& f) {
    if (f.shorthand)
        return std::string("-") + f.shorthand + ", --" + f.name;
    return "--" + f.name;
}

bool parseBool(const std::string& v, bool& out) {
    if (v == "1" || v == "t" || v == "T" || v == "true" || v == "TRUE" || v == "True") {
        out = true;
        return true;
    }
    if (v == "0" || v == "f" || v == "F" || v == "false" || v == "FALSE" || v == "False") {
        out = false;
        return true;
    }
    return false;
}

bool isInteger(const std::string& v) {
    size_t i = (!v.empty() && (v[0] == '-' || v[0] == '+')) ? 1 : 0;
    if (i == v.size())
        return false;
    for (; i < v.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(v[i])))
            return false;
    return true;
}

// pflag's value checks (strconv.ParseBool / ParseInt) with Go's error text.
std::optional<std::string> checkValue(const FlagSpec& f, const std::string& value) {
    if (f.type == FlagType::Bool) {
        bool b;
        if (!parseBool(value, b))
            return "invalid argument \"" + value + "\" for \"" + flagDisplayName(f) +
                   "\" flag: strconv.ParseBool: parsing \"" + value + "\": invalid syntax";
    }
    if (f.type == FlagType::Int && !isInteger(value))
        return "invalid argument \"" + value + "\" for \"" + flagDisplayName(f) +
               "\" flag: strconv.ParseInt: parsing \"" + value + "\": invalid syntax";
    return std::nullopt;
}

}  // namespace

const std::vector<FlagSpec>& globalFlags() {
    static const std::vector<FlagSpec> flags = {
        {"profile", 'p', FlagType::String, "minikube"},
        {"bootstrapper", 'b', FlagType::String, "kubeadm"},
        {"user", 0, FlagType::String, ""},
        {"skip-audit", 0, FlagType::Bool, "false"},
        {"rootless", 0, FlagType::Bool, "false"},
        {"help", 'h', FlagType::Bool, "false"},
        // klog's flags, which minikube adds to every command.
        {"alsologtostderr", 0, FlagType::Bool, "false"},
        {"logtostderr", 0, FlagType::Bool, "false"},
        {"add_dir_header", 0, FlagType::Bool, "false"},
        {"skip_headers", 0, FlagType::Bool, "false"},
        {"skip_log_headers", 0, FlagType::Bool, "false"},
        {"one_output", 0, FlagType::Bool, "false"},
        {"v", 'v', FlagType::Int, "0"},
        {"log_dir", 0, FlagType::String, ""},
        {"log_file", 0, FlagType::String, ""},
        {"log_file_max_size", 0, FlagType::Int, "1800"},
        {"stderrthreshold", 0, FlagType::String, "2"},
        {"vmodule", 0, FlagType::String, ""},
        {"log_backtrace_at", 0, FlagType::String, ":0"},
    };
    return flags;
}

int firstPositional(const std::vector<std::string>& args) {
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--")
            return -1;
        if (a.size() < 2 || a[0] != '-')
            return static_cast<int>(i);
        if (a.find('=') != std::string::npos)
            continue;
        const FlagSpec* f = nullptr;
        for (const FlagSpec& g : globalFlags())
            if ((a[1] == '-' && a.substr(2) == g.name) || (a[1] != '-' && a.size() == 2 && a[1] == g.shorthand))
                f = &g;
        if (f && f->type != FlagType::Bool)
            ++i;
    }
    return -1;
}

std::string ParsedFlags::get(const std::string& name) const {
    auto it = values.find(name);
    if (it != values.end() && !it->second.empty())
        return it->second.back();
    auto d = defaults.find(name);
    return d == defaults.end() ? "" : d->second;
}

bool ParsedFlags::getBool(const std::string& name) const {
    bool b = false;
    parseBool(get(name), b);
    return b;
}

std::vector<std::string> ParsedFlags::list(const std::string& name) const {
    std::vector<std::string> out;
    auto it = values.find(name);
    if (it == values.end())
        return out;
    for (const std::string& v : it->second) {
        size_t start = 0;
        while (true) {
            size_t comma = v.find(',', start);
            std::string part = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (!part.empty())
                out.push_back(part);
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
    }
    return out;
}

std::optional<std::string> parseFlags(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs,
                                      ParsedFlags& out) {
    std::vector<const FlagSpec*> all;
    for (const FlagSpec& f : specs)
        all.push_back(&f);
    for (const FlagSpec& f : globalFlags())
        if (!findLong(all, f.name))
            all.push_back(&f);
    for (const FlagSpec* f : all)
        out.defaults[f->name] = f->defaultValue;

    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") {
            out.argsLenAtDash = static_cast<int>(out.positional.size());
            out.positional.insert(out.positional.end(), args.begin() + static_cast<long>(i) + 1, args.end());
            return std::nullopt;
        }
        if (a.size() < 2 || a[0] != '-') {
            out.positional.push_back(a);
            continue;
        }
        if (a[1] == '-') {
            size_t eq = a.find('=');
            std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
            const FlagSpec* f = findLong(all, name);
            if (!f)
                return "unknown flag: --" + name;
            std::string value;
            if (eq != std::string::npos) {
                value = a.substr(eq + 1);
            } else if (f->type == FlagType::Bool) {
                value = "true";
            } else if (i + 1 < args.size()) {
                value = args[++i];
            } else {
                return "flag needs an argument: --" + name;
            }
            if (auto err = checkValue(*f, value))
                return err;
            out.values[f->name].push_back(value);
            continue;
        }
        // Shorthands: "-A", "-n value", "-nvalue", "-n=value"; boolean ones may be grouped.
        for (size_t k = 1; k < a.size(); ++k) {
            const FlagSpec* f = findShort(all, a[k]);
            if (!f)
                return std::string("unknown shorthand flag: '") + a[k] + "' in " + a;
            if (f->type == FlagType::Bool) {
                std::string value = "true";
                if (k + 1 < a.size() && a[k + 1] == '=') {
                    value = a.substr(k + 2);
                    k = a.size();
                }
                if (auto err = checkValue(*f, value))
                    return err;
                out.values[f->name].push_back(value);
                continue;
            }
            std::string value;
            if (k + 1 < a.size()) {
                value = a.substr(a[k + 1] == '=' ? k + 2 : k + 1);
            } else if (i + 1 < args.size()) {
                value = args[++i];
            } else {
                return std::string("flag needs an argument: '") + a[k] + "' in " + a;
            }
            if (auto err = checkValue(*f, value))
                return err;
            out.values[f->name].push_back(value);
            break;
        }
    }
    return std::nullopt;
}

}  // namespace kp::cli::minikube
