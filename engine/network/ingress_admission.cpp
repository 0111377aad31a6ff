#include "network/ingress_admission.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "network/ingress.h"

namespace kp::network {
namespace {

constexpr const char* kDefaultServer = "_";

// A location of one nginx server, as getBackendServers builds them.
struct Location {
    std::string path;
    std::string pathType;
    const Json* ingress = nullptr;
    bool isDefaultBackend = false;
};

// The nginx.ingress.kubernetes.io/canary annotation: absent, or whether it says true.
enum class Canary { Missing, Enabled, Disabled };

Canary canaryOf(const Json& ing) {
    const Json* a = findPath(ing, "metadata.annotations");
    if (!a || !a->is_object() || !a->contains("nginx.ingress.kubernetes.io/canary"))
        return Canary::Missing;
    const Json& v = (*a)["nginx.ingress.kubernetes.io/canary"];
    return v.is_string() && v.get<std::string>() == "true" ? Canary::Enabled : Canary::Disabled;
}

std::string keyOf(const Json& ing) { return stringAt(ing, "metadata.namespace") + "/" + stringAt(ing, "metadata.name"); }

// The served Ingresses other than `ingress`, oldest first (ListIngresses' order), then
// `ingress` itself: the set the controller renders to test the new configuration.
std::vector<const Json*> ingressesWith(const ObjectStore& store, const Json& ingress, std::vector<ObjectPtr>& keep) {
    const std::string key = keyOf(ingress);
    for (const ObjectPtr& ing : store.list("ingresses.networking.k8s.io"))
        if (!findPath(*ing, "metadata.deletionTimestamp") && servedByIngressNginx(store, *ing) && keyOf(*ing) != key)
            keep.push_back(ing);
    std::stable_sort(keep.begin(), keep.end(), [](const ObjectPtr& a, const ObjectPtr& b) {
        const std::string ta = stringAt(*a, "metadata.creationTimestamp"), tb = stringAt(*b, "metadata.creationTimestamp");
        if (ta != tb)
            return ta < tb;
        return keyOf(*a) < keyOf(*b);
    });
    std::vector<const Json*> out;
    for (const ObjectPtr& ing : keep)
        out.push_back(ing.get());
    out.push_back(&ingress);
    return out;
}

std::string hostOf(const Json& rule) {
    const std::string host = rule.value("host", std::string(""));
    return host.empty() ? kDefaultServer : host;
}

// createServers then getBackendServers: each server starts with its default-backend "/"
// location; each path with a Service backend adds a location unless one with the same path and
// pathType exists (the first definition wins).
std::map<std::string, std::vector<Location>> buildServers(const std::vector<const Json*>& ingresses) {
    std::map<std::string, std::vector<Location>> servers;
    servers[kDefaultServer].push_back({"/", "Prefix", nullptr, true});
    for (const Json* ing : ingresses) {
        if (canaryOf(*ing) == Canary::Enabled)
            continue;  // canaries make no servers of their own
        for (const Json& rule : ing->value("spec", Json::object()).value("rules", Json::array()))
            if (!servers.count(hostOf(rule)))
                servers[hostOf(rule)].push_back({"/", "Prefix", nullptr, true});
    }
    for (const Json* ing : ingresses) {
        for (const Json& rule : ing->value("spec", Json::object()).value("rules", Json::array())) {
            auto server = servers.find(hostOf(rule));
            if (server == servers.end())
                server = servers.find(kDefaultServer);
            const Json* http = findPath(rule, "http");
            if (!http || !http->is_object())
                continue;
            for (const Json& path : http->value("paths", Json::array())) {
                if (!findPath(path, "backend.service"))
                    continue;  // a resource backend: the default backend serves it
                std::string nginxPath = path.value("path", std::string(""));
                if (nginxPath.empty())
                    nginxPath = "/";
                const std::string pathType = path.value("pathType", std::string("Prefix"));
                bool add = true;
                for (Location& loc : server->second) {
                    if (loc.path != nginxPath)
                        continue;
                    if (loc.pathType != pathType)
                        break;  // the same path with another type is another location
                    add = false;
                    if (loc.isDefaultBackend) {
                        loc.ingress = ing;  // the rule takes over the default "/" location
                        loc.isDefaultBackend = false;
                    }
                    break;
                }
                if (add)
                    server->second.push_back({nginxPath, pathType, ing, false});
            }
        }
    }
    return servers;
}

std::vector<const Json*> ingressesForHostPath(const std::map<std::string, std::vector<Location>>& servers,
                                              const std::string& host, const std::string& path) {
    std::vector<const Json*> out;
    auto server = servers.find(host);
    if (server == servers.end())
        return out;
    for (const Location& loc : server->second)
        if (loc.path == path && !loc.isDefaultBackend)
            out.push_back(loc.ingress);
    return out;
}

// checkOverlap: "" when the Ingress's host/paths collide with no other Ingress.
std::string overlap(const Json& ingress, const std::map<std::string, std::vector<Location>>& servers) {
    const std::string key = keyOf(ingress);
    for (const Json& rule : ingress.value("spec", Json::object()).value("rules", Json::array())) {
        const Json* http = findPath(rule, "http");
        if (!http || !http->is_object())
            continue;
        const std::string host = hostOf(rule);
        for (const Json& p : http->value("paths", Json::array())) {
            if (!findPath(p, "backend.service"))
                continue;
            std::string path = p.value("path", std::string(""));
            if (path.empty())
                path = "/";
            const std::vector<const Json*> existing = ingressesForHostPath(servers, host, path);
            if (existing.empty())
                continue;
            for (const Json* e : existing)
                if (keyOf(*e) == key)
                    return "";
            const Canary canary = canaryOf(ingress);
            for (const Json* e : existing) {
                const Canary other = canaryOf(*e);
                if ((canary == Canary::Enabled && other == Canary::Enabled) ||
                    (canary == Canary::Missing && other == Canary::Missing))
                    return "host \"" + host + "\" and path \"" + path + "\" is already defined in ingress " + keyOf(*e);
            }
            return "";  // upstream stops at the first path another Ingress also defines
        }
    }
    return "";
}

// inspector's validPathType: (?i)^/[[:alnum:]\_\-/]*$
bool isPlainPath(const std::string& path) {
    if (path.empty() || path[0] != '/')
        return false;
    return std::all_of(path.begin(), path.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '/';
    });
}

std::vector<std::string> warningsFor(const Json& ingress) {
    std::vector<std::string> warnings;
    static const char* kDeprecated[] = {"enable-influxdb",      "influxdb-measurement", "influxdb-port",
                                        "influxdb-host",        "influxdb-server-name", "secure-verify-ca-secret"};
    if (const Json* a = findPath(ingress, "metadata.annotations"); a && a->is_object())
        for (const auto& [key, value] : a->items())
            for (const char* d : kDeprecated)
                if (key == std::string("nginx.ingress.kubernetes.io/") + d)
                    warnings.push_back("annotation " + key + " is deprecated");
    for (const Json& rule : ingress.value("spec", Json::object()).value("rules", Json::array()))
        for (const Json& p : rule.value("http", Json::object()).value("paths", Json::array())) {
            const std::string path = p.value("path", std::string(""));
            const std::string type = p.value("pathType", std::string(""));
            if (path.empty() || type == "ImplementationSpecific" || isPlainPath(path))
                continue;
            warnings.push_back("path " + path + " cannot be used with pathType " + type);
        }
    return warnings;
}

}  // namespace

IngressCheck checkIngress(const ObjectStore& store, const Json& ingress) {
    IngressCheck check;
    if (findPath(ingress, "metadata.deletionTimestamp"))
        return check;
    check.warnings = warningsFor(ingress);
    if (!servedByIngressNginx(store, ingress))
        return check;  // another controller's Ingress
    std::vector<ObjectPtr> keep;
    const std::vector<const Json*> ingresses = ingressesWith(store, ingress, keep);
    check.message = overlap(ingress, buildServers(ingresses));
    check.allowed = check.message.empty();
    return check;
}

}  // namespace kp::network
