// kubectl create ingress NAME --rule=host/path=svc:port[,tls[=secret]]... [--class=C]
// [--default-backend=svc:port] [--annotation=k=v]...
// Rules with the same host share one IngressRule; a path ending in '*' is a Prefix path (the
// '*' dropped), any other path is Exact; ",tls" adds the host to a TLS entry (one per secret).
// Upstream: kubectl pkg/cmd/create/create_ingress.go (Validate, buildIngressSpec,
// buildTLSRules, buildIngressRules, buildHTTPIngressPath, parseServiceBackendPort).
#include <algorithm>
#include <regex>

#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/create_generated.h"

namespace kp::cli {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        size_t at = s.find(sep, start);
        out.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos)
            return out;
        start = at + 1;
    }
}

// "svc:8080" or "svc:http" -> {"service":{"name":..,"port":{"number"|"name":..}}}
Json backend(const std::string& service) {
    std::vector<std::string> parts = split(service, ':');
    const std::string& port = parts.size() > 1 ? parts[1] : std::string();
    char* end = nullptr;
    long long n = std::strtoll(port.c_str(), &end, 10);
    Json p = !port.empty() && *end == '\0' ? Json{{"number", n}} : Json{{"name", port}};
    return {{"service", {{"name", parts[0]}, {"port", p}}}};
}

Json httpPath(const std::string& pathAndService) {
    std::vector<std::string> parts = split(pathAndService, '=');
    std::string path = "/" + parts[0];
    std::string pathType = "Exact";
    if (path.back() == '*') {
        pathType = "Prefix";
        path.pop_back();
    }
    return {{"path", path}, {"pathType", pathType}, {"backend", backend(parts.size() > 1 ? parts[1] : "")}};
}

Json tlsRules(const std::vector<std::string>& rules) {
    Json tls = Json::array();
    std::vector<std::string> hostsSeen;
    for (const std::string& rule : rules) {
        std::vector<std::string> parts = split(rule, ',');
        if (parts.size() != 2)
            continue;
        const std::string host = rule.substr(0, rule.find('/'));
        std::vector<std::string> secretParts = split(parts[1], '=');
        const std::string secret = secretParts.size() > 1 ? secretParts[1] : "";
        if (std::find(hostsSeen.begin(), hostsSeen.end(), host) != hostsSeen.end())
            continue;
        hostsSeen.push_back(host);
        auto same = std::find_if(tls.begin(), tls.end(), [&](const Json& t) { return t.value("secretName", "") == secret; });
        if (same != tls.end()) {
            (*same)["hosts"].push_back(host);
            continue;
        }
        Json entry = Json::object();
        if (!host.empty())
            entry["hosts"] = Json::array({host});
        if (!secret.empty())
            entry["secretName"] = secret;
        if (!entry.empty())
            tls.push_back(std::move(entry));
    }
    return tls;
}

Json ingressRules(const std::vector<std::string>& rules) {
    Json out = Json::array();
    for (const std::string& rule : rules) {
        const std::string withoutTLS = split(rule, ',')[0];
        size_t slash = withoutTLS.find('/');
        const std::string host = withoutTLS.substr(0, slash);
        Json path = httpPath(withoutTLS.substr(slash + 1));
        auto same = std::find_if(out.begin(), out.end(), [&](const Json& r) { return r.value("host", "") == host; });
        if (same != out.end()) {
            (*same)["http"]["paths"].push_back(std::move(path));
            continue;
        }
        Json r = {{"http", {{"paths", Json::array({path})}}}};
        if (!host.empty())
            r["host"] = host;
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace

CommandResult createIngress(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl create ingress");
    addGeneratorFlags(flags);
    flags.string("class").stringArray("rule").string("default-backend").stringArray("annotation");
    GeneratorRun run;
    CommandResult failure;
    if (!prepareGenerator(ctx, flags, args, run, failure))
        return failure;
    const auto rules = flags.list("rule");
    const auto annotations = flags.list("annotation");
    const std::string defaultBackend = flags.str("default-backend");
    if (defaultBackend.empty() && rules.empty())
        return errorResult(
            "not enough information provided: every ingress has to either specify a default-backend (which catches "
            "all traffic) or a list of rules (which catch specific paths)");
    static const std::regex kRule(R"(^([\w*\-.]*)(/.*)=([\w\-]+):([\w\-]+)(,(tls)=?([\w\-]+)?)?)");
    for (const std::string& rule : rules)
        if (!std::regex_search(rule, kRule))
            return errorResult("rule " + rule +
                               " is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]");
    for (const std::string& a : annotations)
        if (a.find('=') == std::string::npos)
            return errorResult("annotation " + a + " is invalid and should be in format key=[value]");
    if (!defaultBackend.empty() && split(defaultBackend, ':').size() != 2)
        return errorResult("default-backend should be in format servicename:serviceport");

    Json meta = {{"name", run.name}, {"creationTimestamp", nullptr}};
    if (run.enforceNamespace)
        meta["namespace"] = run.ns;
    if (!annotations.empty()) {
        for (const std::string& a : annotations) {
            size_t eq = a.find('=');
            meta["annotations"][a.substr(0, eq)] = a.substr(eq + 1);
        }
    }
    Json spec = Json::object();
    if (!flags.str("class").empty())
        spec["ingressClassName"] = flags.str("class");
    if (!defaultBackend.empty())
        spec["defaultBackend"] = backend(defaultBackend);
    if (Json tls = tlsRules(rules); !tls.empty())
        spec["tls"] = tls;
    if (Json r = ingressRules(rules); !r.empty())
        spec["rules"] = r;
    Json ingress = {{"apiVersion", "networking.k8s.io/v1"},
                    {"kind", "Ingress"},
                    {"metadata", meta},
                    {"spec", spec},
                    {"status", {{"loadBalancer", Json::object()}}}};
    return createGenerated(ctx, flags, run, std::move(ingress), "failed to create ingress: ");
}

}  // namespace kp::cli
