// kubectl version: the client's release, kustomize's, and the server's from GET /version, as
// text (three lines), JSON or YAML; a warning when the two are more than one minor apart.
// Upstream: kubectl pkg/cmd/version (version.go, skew_warning.go).
#include <cstdlib>

#include "api/codec/yaml_encode.h"
#include "apiserver/rest_reads.h"
#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/kubectl.h"
#include "cluster/cluster.h"

namespace kp::cli {
namespace {

constexpr const char* kClientVersion = "v1.32.0";
constexpr const char* kKustomizeVersion = "v5.5.0";

// apimachinery's version.Info fields, in the order Go marshals them.
const char* const kInfoFields[] = {"major",     "minor",     "gitVersion", "gitCommit", "gitTreeState",
                                   "buildDate", "goVersion", "compiler",   "platform"};

// The client binary's version.Info: the same v1.32.0 release build as the server's.
Json clientInfo() { return Json::parse(versionBody(kClientVersion)); }

// json.MarshalIndent of kubectl's Version struct (fields in declaration order).
std::string versionJson(const Json& client, const Json* server) {
    auto info = [](const Json& v) {
        std::string out = "{\n";
        bool first = true;
        for (const char* field : kInfoFields) {
            out += std::string(first ? "" : ",\n") + "    \"" + field + "\": " + v.value(field, Json("")).dump();
            first = false;
        }
        return out + "\n  }";
    };
    std::string out = "{\n  \"clientVersion\": " + info(client) + ",\n  \"kustomizeVersion\": \"" + kKustomizeVersion + "\"";
    if (server)
        out += ",\n  \"serverVersion\": " + info(*server);
    return out + "\n}\n";
}

// "v1.28.15" -> {1, 28}.
std::pair<long, long> majorMinor(const std::string& gitVersion) {
    const char* p = gitVersion.c_str() + (gitVersion.rfind('v', 0) == 0 ? 1 : 0);
    char* end = nullptr;
    const long major = std::strtol(p, &end, 10);
    const long minor = *end == '.' ? std::strtol(end + 1, nullptr, 10) : 0;
    return {major, minor};
}

}  // namespace

CommandResult kubectlVersion(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl version");
    flags.boolean("client").string("output", "o");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    if (!flags.args().empty()) {
        std::string list;
        for (const std::string& a : flags.args())
            list += (list.empty() ? "" : " ") + a;
        return errorResult("extra arguments: [" + list + "]");
    }
    const std::string output = flags.str("output");
    if (!output.empty() && output != "yaml" && output != "json")
        return errorResult("--output must be 'yaml' or 'json'");

    const Json client = clientInfo();
    std::optional<Json> server;
    if (!flags.on("client") && ctx.serverUnreachable.empty())
        if (std::optional<RestReply> reply = serveRestRead(ctx.cluster.apiServer(), "/version", false))
            server = Json::parse(reply->body);
    const Json* serverInfo = server ? &*server : nullptr;

    if (output.empty()) {
        res.out = std::string("Client Version: ") + kClientVersion + "\nKustomize Version: " + kKustomizeVersion + "\n";
        if (serverInfo)
            res.out += "Server Version: " + serverInfo->value("gitVersion", "") + "\n";
    } else if (output == "json") {
        res.out = versionJson(client, serverInfo) + "\n";  // Fprintln after MarshalIndent
    } else {
        Json all = {{"clientVersion", client}, {"kustomizeVersion", kKustomizeVersion}};
        if (serverInfo)
            all["serverVersion"] = *serverInfo;
        res.out = codec::toYamlText(all) + "\n";
    }
    if (serverInfo) {
        const auto [cMajor, cMinor] = majorMinor(kClientVersion);
        const auto [sMajor, sMinor] = majorMinor(serverInfo->value("gitVersion", ""));
        if (cMajor != sMajor || std::labs(cMinor - sMinor) > 1)
            res.err = "Warning: version difference between client (" + std::to_string(cMajor) + "." +
                      std::to_string(cMinor) + ") and server (" + std::to_string(sMajor) + "." + std::to_string(sMinor) +
                      ") exceeds the supported minor version skew of +/-1\n";
    }
    // Without a server kubectl prints the client's part, then the connection error.
    if (!flags.on("client") && !ctx.serverUnreachable.empty()) {
        res.exitCode = 1;
        res.err += ctx.serverUnreachable;
    }
    return res;
}

}  // namespace kp::cli
