#include "cli/kubectl/cmd_flags.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>

namespace kp::cli {
namespace {

// strconv.ParseInt(s, 10, 64)'s verdict: "" when fine, else its error text.
std::string parseInt(const std::string& s, int64_t& out) {
    const std::string prefix = "strconv.ParseInt: parsing \"" + s + "\": ";
    size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
    if (i == s.size())
        return prefix + "invalid syntax";
    for (size_t k = i; k < s.size(); ++k)
        if (s[k] < '0' || s[k] > '9')
            return prefix + "invalid syntax";
    errno = 0;
    long long v = std::strtoll(s.c_str(), nullptr, 10);
    if (errno == ERANGE)
        return prefix + "value out of range";
    out = v;
    return "";
}

// strconv.ParseBool.
bool parseBool(const std::string& s, bool& out) {
    for (const char* t : {"1", "t", "T", "TRUE", "true", "True"})
        if (s == t)
            return out = true, true;
    for (const char* f : {"0", "f", "F", "FALSE", "false", "False"})
        if (s == f)
            return out = false, true;
    return false;
}

std::vector<std::string> splitComma(const std::string& s) {
    std::vector<std::string> out;
    if (s.empty())
        return out;
    size_t start = 0;
    while (true) {
        size_t comma = s.find(',', start);
        out.push_back(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos)
            return out;
        start = comma + 1;
    }
}

}  // namespace

std::string parseGoDuration(const std::string& text, Duration& out) {
    const std::string quoted = "\"" + text + "\"";
    std::string s = text;
    bool negative = false;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        s = s.substr(1);
    }
    if (s == "0") {
        out = Duration{};
        return "";
    }
    if (s.empty())
        return "time: invalid duration " + quoted;
    double totalMs = 0;
    size_t i = 0;
    while (i < s.size()) {
        size_t start = i;
        while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.'))
            ++i;
        if (i == start || s.substr(start, i - start) == ".")
            return "time: invalid duration " + quoted;
        double value = std::strtod(s.substr(start, i - start).c_str(), nullptr);
        size_t unitStart = i;
        while (i < s.size() && !std::isdigit(static_cast<unsigned char>(s[i])) && s[i] != '.')
            ++i;
        std::string unit = s.substr(unitStart, i - unitStart);
        if (unit.empty())
            return "time: missing unit in duration " + quoted;
        double scale = 0;
        if (unit == "ns")
            scale = 1e-6;
        else if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs")
            scale = 1e-3;
        else if (unit == "ms")
            scale = 1;
        else if (unit == "s")
            scale = 1000;
        else if (unit == "m")
            scale = 60'000;
        else if (unit == "h")
            scale = 3'600'000;
        else
            return "time: unknown unit \"" + unit + "\" in duration " + quoted;
        totalMs += value * scale;
    }
    out = Duration::millis(static_cast<int64_t>(negative ? -totalMs : totalMs));
    return "";
}

CommandFlags::CommandFlags(std::string commandPath) : path_(std::move(commandPath)) {
    // kubectl's global flags (kubectl options). Only the namespace matters to kubeplay; the
    // others are accepted so that copied command lines work.
    string("namespace", "n");
    string("kubeconfig");
    string("context");
    string("cluster");
    string("user");
    string("server", "s");
    string("request-timeout", "", "0");
    string("token");
    string("as");
    stringArray("as-group");
    string("as-uid");
    string("cache-dir");
    string("certificate-authority");
    string("client-certificate");
    string("client-key");
    boolean("disable-compression");
    duration("log-flush-frequency", "", "5s");
    string("password");
    string("profile", "", "none");
    string("profile-output", "", "profile.pprof");
    string("tls-server-name");
    string("username");
    string("vmodule");
    integer("v", "v", 0);
    boolean("insecure-skip-tls-verify");
    boolean("match-server-version");
    boolean("warnings-as-errors");
    boolean("help", "h");
    for (Flag& f : flags_)
        f.global = true;
}

CommandFlags::Flag& CommandFlags::add(const std::string& name, const std::string& shorthand, FlagType type,
                                      const std::string& def) {
    if (auto it = byName_.find(name); it != byName_.end()) {
        Flag& f = flags_[it->second];  // a command may redeclare a global (e.g. -o) with its own default
        f.global = false;
        f.shorthand = shorthand;
        f.type = type;
        f.def = def;
        return f;
    }
    byName_[name] = flags_.size();
    Flag f;
    f.name = name;
    f.shorthand = shorthand;
    f.type = type;
    f.def = def;
    f.noOptDef = type == FlagType::Bool ? "true" : "";
    flags_.push_back(std::move(f));
    return flags_.back();
}

CommandFlags& CommandFlags::boolean(const std::string& name, const std::string& shorthand, bool def) {
    add(name, shorthand, FlagType::Bool, def ? "true" : "false");
    return *this;
}
CommandFlags& CommandFlags::string(const std::string& name, const std::string& shorthand, const std::string& def) {
    add(name, shorthand, FlagType::String, def);
    return *this;
}
CommandFlags& CommandFlags::integer(const std::string& name, const std::string& shorthand, int64_t def) {
    add(name, shorthand, FlagType::Int, std::to_string(def));
    return *this;
}
CommandFlags& CommandFlags::duration(const std::string& name, const std::string& shorthand, const std::string& def) {
    add(name, shorthand, FlagType::Duration, def);
    return *this;
}
CommandFlags& CommandFlags::stringSlice(const std::string& name, const std::string& shorthand) {
    add(name, shorthand, FlagType::StringSlice, "");
    return *this;
}
CommandFlags& CommandFlags::stringArray(const std::string& name, const std::string& shorthand) {
    add(name, shorthand, FlagType::StringArray, "");
    return *this;
}
CommandFlags& CommandFlags::noOptDefault(const std::string& name, const std::string& value) {
    if (Flag* f = find(name))
        f->noOptDef = value;
    return *this;
}
CommandFlags& CommandFlags::required(const std::string& name) {
    if (Flag* f = find(name))
        f->required = true;
    return *this;
}

CommandFlags& CommandFlags::usage(const std::string& name, const std::string& text) {
    if (Flag* f = find(name))
        f->usage = text;
    return *this;
}

CommandFlags& CommandFlags::hidden(const std::string& name) {
    if (Flag* f = find(name))
        f->hidden = true;
    return *this;
}

std::string CommandFlags::optionsHelp(const std::function<std::string(const std::string& flag)>& usageOf) const {
    std::vector<const Flag*> local;
    for (const Flag& f : flags_)
        if (!f.global && !f.hidden)
            local.push_back(&f);
    std::sort(local.begin(), local.end(), [](const Flag* a, const Flag* b) { return a->name < b->name; });
    std::string out;
    for (const Flag* f : local) {
        // The default as kubectl's flag printer shows it: strings quoted, slices in brackets.
        std::string def = f->def;
        if (f->type == FlagType::String)
            def = "'" + def + "'";
        else if (f->type == FlagType::StringSlice || f->type == FlagType::StringArray)
            def = "[]";
        out += "    " + (f->shorthand.empty() ? std::string() : "-" + f->shorthand + ", ") + "--" + f->name + "=" + def +
               ":\n\t" + (!f->usage.empty() ? f->usage : usageOf ? usageOf(f->name) : std::string()) + "\n\n";
    }
    return out;
}

CommandFlags::Flag* CommandFlags::find(const std::string& name) {
    auto it = byName_.find(name);
    return it == byName_.end() ? nullptr : &flags_[it->second];
}
const CommandFlags::Flag* CommandFlags::find(const std::string& name) const {
    auto it = byName_.find(name);
    return it == byName_.end() ? nullptr : &flags_[it->second];
}
CommandFlags::Flag* CommandFlags::findShort(char c) {
    for (Flag& f : flags_)
        if (f.shorthand.size() == 1 && f.shorthand[0] == c)
            return &f;
    return nullptr;
}

std::string CommandFlags::usageError(const std::string& message) const {
    return "Error: " + message + "\nSee '" + path_ + " --help' for usage.\n";
}

std::string CommandFlags::set(Flag& f, const std::string& value) {
    const std::string display = f.shorthand.empty() ? "--" + f.name : "-" + f.shorthand + ", --" + f.name;
    switch (f.type) {
    case FlagType::Bool: {
        bool b = false;
        if (!parseBool(value, b))
            return "invalid argument \"" + value + "\" for \"" + display + "\" flag: strconv.ParseBool: parsing \"" +
                   value + "\": invalid syntax";
        f.value = b ? "true" : "false";
        break;
    }
    case FlagType::Int: {
        int64_t v = 0;
        if (std::string e = parseInt(value, v); !e.empty())
            return "invalid argument \"" + value + "\" for \"" + display + "\" flag: " + e;
        f.value = std::to_string(v);
        break;
    }
    case FlagType::Duration: {
        Duration d;
        if (std::string e = parseGoDuration(value, d); !e.empty())
            return "invalid argument \"" + value + "\" for \"" + display + "\" flag: " + e;
        f.value = value;
        break;
    }
    case FlagType::StringSlice:
        for (std::string& v : splitComma(value))
            f.values.push_back(std::move(v));
        break;
    case FlagType::StringArray:
        f.values.push_back(value);
        break;
    case FlagType::String:
        f.value = value;
        break;
    }
    f.changed = true;
    return "";
}

bool CommandFlags::parse(const std::vector<std::string>& in, std::string& error) {
    error.clear();
    for (size_t i = 0; i < in.size(); ++i) {
        const std::string& a = in[i];
        if (a == "--") {
            argsLenAtDash_ = static_cast<int>(args_.size());
            args_.insert(args_.end(), in.begin() + static_cast<long>(i) + 1, in.end());
            break;
        }
        if (a.size() < 2 || a[0] != '-') {
            if (!interspersed_) {
                args_.insert(args_.end(), in.begin() + static_cast<long>(i), in.end());
                break;
            }
            args_.push_back(a);
            continue;
        }
        if (a[1] == '-') {
            std::string body = a.substr(2);
            if (body.empty() || body[0] == '-' || body[0] == '=') {
                error = usageError("bad flag syntax: " + a);
                return false;
            }
            size_t eq = body.find('=');
            std::string name = body.substr(0, eq);
            Flag* f = find(name);
            if (!f) {
                error = usageError("unknown flag: --" + name);
                return false;
            }
            std::string value;
            if (eq != std::string::npos) {
                value = body.substr(eq + 1);
            } else if (!f->noOptDef.empty()) {
                value = f->noOptDef;
            } else if (i + 1 < in.size()) {
                value = in[++i];
            } else {
                error = usageError("flag needs an argument: " + a);
                return false;
            }
            if (std::string e = set(*f, value); !e.empty()) {
                error = usageError(e);
                return false;
            }
            continue;
        }
        // Shorthands: -it, -n value, -nvalue, -n=value.
        std::string shorts = a.substr(1);
        for (size_t k = 0; k < shorts.size(); ++k) {
            Flag* f = findShort(shorts[k]);
            if (!f) {
                error = usageError("unknown shorthand flag: '" + std::string(1, shorts[k]) + "' in -" + shorts);
                return false;
            }
            std::string value;
            if (k + 1 < shorts.size() && shorts[k + 1] == '=') {
                value = shorts.substr(k + 2);
                k = shorts.size();
            } else if (!f->noOptDef.empty()) {
                value = f->noOptDef;
            } else if (k + 1 < shorts.size()) {
                value = shorts.substr(k + 1);
                k = shorts.size();
            } else if (i + 1 < in.size()) {
                value = in[++i];
            } else {
                error = usageError("flag needs an argument: '" + std::string(1, shorts[k]) + "' in -" + shorts);
                return false;
            }
            if (std::string e = set(*f, value); !e.empty()) {
                error = usageError(e);
                return false;
            }
        }
    }
    return true;
}

std::vector<std::string> CommandFlags::missingRequired() const {
    std::vector<std::string> out;
    for (const Flag& f : flags_)
        if (f.required && !f.changed)
            out.push_back(f.name);
    return out;
}

bool CommandFlags::changed(const std::string& name) const {
    const Flag* f = find(name);
    return f && f->changed;
}

std::string CommandFlags::str(const std::string& name) const {
    const Flag* f = find(name);
    if (!f)
        return "";
    return f->changed ? f->value : f->def;
}

int64_t CommandFlags::num(const std::string& name) const {
    std::string s = str(name);
    return s.empty() ? 0 : std::strtoll(s.c_str(), nullptr, 10);
}

Duration CommandFlags::dur(const std::string& name) const {
    Duration d;
    parseGoDuration(str(name), d);
    return d;
}

bool CommandFlags::on(const std::string& name) const { return str(name) == "true"; }

std::vector<std::string> CommandFlags::list(const std::string& name) const {
    const Flag* f = find(name);
    return f ? f->values : std::vector<std::string>{};
}

}  // namespace kp::cli
