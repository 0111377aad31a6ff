// kubectl create service clusterip|nodeport|loadbalancer|externalname NAME --tcp=port[:target]...
// The generated Service: label and selector app=NAME, one TCP port per --tcp named after the
// spec with ':' turned into '-' ("5678-8080"), target port a number or a port name,
// --node-port on every port, --clusterip ("None" for headless), --external-name.
// Upstream: kubectl pkg/cmd/create/create_service.go (createService, parsePorts, Validate).
#include <cerrno>
#include <cstdlib>

#include "apiserver/validation/name_validation.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/help.h"
#include "cli/kubectl/create_generated.h"

namespace kp::cli {
namespace {

std::string join(const validation::Messages& m, const char* sep) {
    std::string out;
    for (const std::string& s : m)
        out += (out.empty() ? "" : sep) + s;
    return out;
}

// strconv.ParseUint(s, 10, 16) as utilsnet.ParsePort(s, true) calls it.
std::string parsePort(const std::string& s, int64_t& port) {
    const std::string prefix = "strconv.ParseUint: parsing \"" + s + "\": ";
    if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos)
        return prefix + "invalid syntax";
    errno = 0;
    unsigned long long v = std::strtoull(s.c_str(), nullptr, 10);
    if (errno == ERANGE || v > 65535)
        return prefix + "value out of range";
    port = static_cast<int64_t>(v);
    return "";
}

// One --tcp value -> a ServicePort, or the error kubectl reports.
std::string servicePort(const std::string& spec, int64_t nodePort, Json& out) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        size_t colon = spec.find(':', start);
        parts.push_back(spec.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
        if (colon == std::string::npos)
            break;
        start = colon + 1;
    }
    int64_t port = 0;
    if (std::string err = parsePort(parts[0], port); !err.empty())
        return err;
    Json target = port;
    if (parts.size() > 1) {
        const std::string& t = parts[1];
        char* end = nullptr;
        long long n = std::strtoll(t.c_str(), &end, 10);
        if (!t.empty() && *end == '\0') {
            if (validation::Messages errs = validation::isValidPortNum(n); !errs.empty())
                return join(errs, ",");
            target = n;
        } else {
            if (validation::Messages errs = validation::isValidPortName(t); !errs.empty())
                return join(errs, ",");
            target = t;
        }
    }
    std::string name = spec;
    for (char& c : name)
        if (c == ':')
            c = '-';
    out = {{"name", name}, {"protocol", "TCP"}, {"port", port}, {"targetPort", target}};
    if (nodePort != 0)
        out["nodePort"] = nodePort;
    return "";
}

CommandResult createServiceOfType(KubectlContext& ctx, const std::string& sub, const std::string& type,
                                  const std::vector<std::string>& args) {
    CommandFlags flags("kubectl create service " + sub);
    addGeneratorFlags(flags);
    flags.stringSlice("tcp");
    if (type == "ClusterIP")
        flags.string("clusterip");
    if (type == "NodePort")
        flags.integer("node-port");
    if (type == "ExternalName")
        flags.string("external-name").required("external-name");
    GeneratorRun run;
    CommandResult failure;
    if (!prepareGenerator(ctx, flags, args, run, failure))
        return failure;
    const std::string clusterIP = flags.str("clusterip");
    const auto tcp = flags.list("tcp");
    if (clusterIP == "None" && type != "ClusterIP")
        return errorResult("ClusterIP=None can only be used with ClusterIP service type");
    if (clusterIP != "None" && tcp.empty() && type != "ExternalName")
        return errorResult("at least one tcp port specifier must be provided");
    const std::string externalName = flags.str("external-name");
    if (type == "ExternalName" && !validation::isDNS1123Subdomain(externalName).empty())
        return errorResult("invalid service external name " + externalName);

    Json ports = Json::array();
    for (const std::string& spec : tcp) {
        Json port;
        if (std::string err = servicePort(spec, flags.num("node-port"), port); !err.empty())
            return errorResult(err);
        ports.push_back(std::move(port));
    }
    const Json labels = {{"app", run.name}};
    Json spec = {{"selector", labels}, {"type", type}};
    if (!ports.empty())
        spec["ports"] = ports;
    if (!externalName.empty())
        spec["externalName"] = externalName;
    if (!clusterIP.empty())
        spec["clusterIP"] = clusterIP;
    Json svc = {
        {"apiVersion", "v1"},
        {"kind", "Service"},
        {"metadata", {{"name", run.name}, {"creationTimestamp", nullptr}, {"labels", labels}}},
        {"spec", spec},
        {"status", {{"loadBalancer", Json::object()}}},
    };
    if (run.enforceNamespace)
        svc["metadata"]["namespace"] = run.ns;
    return createGenerated(ctx, flags, run, std::move(svc), "failed to create " + type + " service: ");
}

}  // namespace

CommandResult createService(KubectlContext& ctx, const std::vector<std::string>& args) {
    static const std::vector<std::pair<std::string, std::string>> kTypes = {
        {"clusterip", "ClusterIP"}, {"externalname", "ExternalName"}, {"loadbalancer", "LoadBalancer"}, {"nodeport", "NodePort"}};
    size_t at = args.size();
    for (size_t i = 0; i < args.size(); ++i) {
        if (!args[i].empty() && args[i][0] != '-') {
            at = i;
            break;
        }
    }
    if (at == args.size())
        return missingSubcommand("create service");
    for (const auto& [sub, type] : kTypes) {
        if (args[at] != sub)
            continue;
        std::vector<std::string> rest(args.begin(), args.begin() + static_cast<long>(at));
        rest.insert(rest.end(), args.begin() + static_cast<long>(at) + 1, args.end());
        return createServiceOfType(ctx, sub, type, rest);
    }
    std::string words;
    for (const std::string& a : args)
        if (!a.empty() && a[0] != '-')
            words += (words.empty() ? "" : " ") + a;
    return usageErrorResult("kubectl create service", "unknown command \"" + words + "\"");
}

}  // namespace kp::cli
