#include "cli/kubectl/cmd_util.h"

#include <algorithm>
#include <cstdio>

#include "api/codec/go_format.h"
#include "cli/kubectl/help.h"

namespace kp::cli {
namespace {

constexpr int kKubectlPid = 4242;

}  // namespace

std::string klogLine(char severity, Time now, const std::string& fileLine, const std::string& message) {
    // "2025-01-15T10:00:00.000000Z" -> "0115 10:00:00.000000"
    const std::string t = formatRFC3339Micro(now);
    char pid[16];
    std::snprintf(pid, sizeof pid, "%7d", kKubectlPid);
    return std::string(1, severity) + t.substr(5, 2) + t.substr(8, 2) + " " + t.substr(11, 15) + " " + pid + " " +
           fileLine + "] " + message + "\n";
}

CommandResult errorResult(const std::string& message) {
    std::string text = message;
    if (text.rfind("error: ", 0) != 0)
        text = "error: " + text;
    if (text.empty() || text.back() != '\n')
        text += "\n";
    return CommandResult::failure(text);
}

CommandResult usageErrorResult(const std::string& commandPath, const std::string& message) {
    return CommandResult::failure("error: " + message + "\nSee '" + commandPath + " -h' for help and examples\n");
}

bool parseCommandFlags(KubectlContext& ctx, CommandFlags& flags, const std::vector<std::string>& args,
                       CommandResult& failure) {
    std::string err;
    if (!flags.parse(args, err)) {
        failure = CommandResult::failure(err);
        return false;
    }
    if (flags.on("help")) {
        failure = CommandResult{};
        failure.out = commandHelp(flags);
        return false;
    }
    std::vector<std::string> missing = flags.missingRequired();
    if (missing.empty())
        return true;
    // cobra visits flags sorted by name and joins them as `"a", "b"`.
    std::sort(missing.begin(), missing.end());
    std::string names;
    for (const std::string& m : missing)
        names += (names.empty() ? "\"" : ", \"") + m + "\"";
    std::string cobraErr = "required flag(s) " + names + " not set";
    failure = CommandResult::failure(
        klogLine('E', ctx.cluster.now(), "run.go:72", "\"command failed\" err=" + codec::quoteGo(cobraErr)));
    return false;
}

std::string commandNamespace(const KubectlContext& ctx, const CommandFlags& flags) {
    std::string ns = flags.str("namespace");
    return ns.empty() ? ctx.defaultNamespace : ns;
}

bool namespaceEnforced(const CommandFlags& flags) { return !flags.str("namespace").empty(); }

CommandResult ErrorList::result() const {
    if (items.empty())
        return {};
    std::string err;
    for (const auto& [isApi, msg] : items) {
        if (isApi) {
            err += msg;
            continue;
        }
        std::string line = msg;
        if (items.size() == 1 && line.rfind("error: ", 0) != 0)
            line = "error: " + line;
        err += line + (line.empty() || line.back() != '\n' ? "\n" : "");
    }
    return CommandResult::failure(err);
}

std::string parseLabelSpec(const std::string& spec, Json& out) {
    if (spec.empty())
        return "no label spec passed";
    out = Json::object();
    size_t start = 0;
    while (true) {
        size_t comma = spec.find(',', start);
        std::string one = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        size_t eq = one.find('=');
        if (eq == std::string::npos || one.find('=', eq + 1) != std::string::npos)
            return "unexpected label spec: " + one;
        if (eq == 0)
            return "unexpected empty label key";
        out[one.substr(0, eq)] = one.substr(eq + 1);
        if (comma == std::string::npos)
            return "";
        start = comma + 1;
    }
}

}  // namespace kp::cli
