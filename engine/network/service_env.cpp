#include "network/service_env.h"

#include <cctype>

#include "base/text.h"

namespace kp::network {
namespace {

std::string envName(const std::string& serviceName) {
    std::string out;
    for (char c : serviceName)
        out += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string upper(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

bool hasClusterIP(const Json& svc) {
    std::string ip = stringAt(svc, "spec.clusterIP");
    return !ip.empty() && ip != "None";
}

}  // namespace

void addServiceEnvVars(const Json& service, std::map<std::string, std::string>& out) {
    const std::string prefix = envName(stringAt(service, "metadata.name"));
    const std::string ip = stringAt(service, "spec.clusterIP");
    const Json ports = service.value("spec", Json::object()).value("ports", Json::array());
    out[prefix + "_SERVICE_HOST"] = ip;
    if (!ports.empty())
        out[prefix + "_SERVICE_PORT"] = std::to_string(ports[0].value("port", 0));
    for (const Json& p : ports)
        if (std::string name = p.value("name", std::string("")); !name.empty())
            out[prefix + "_SERVICE_PORT_" + envName(name)] = std::to_string(p.value("port", 0));
    for (size_t i = 0; i < ports.size(); ++i) {
        const Json& p = ports[i];
        const std::string proto = p.value("protocol", std::string("TCP"));
        const std::string port = std::to_string(p.value("port", 0));
        // net.JoinHostPort brackets IPv6 addresses.
        const std::string hostPort = (ip.find(':') != std::string::npos ? "[" + ip + "]" : ip) + ":" + port;
        const std::string url = asciiLower(proto) + "://" + hostPort;
        if (i == 0)
            out[prefix + "_PORT"] = url;
        const std::string portPrefix = prefix + "_PORT_" + port + "_" + upper(proto);
        out[portPrefix] = url;
        out[portPrefix + "_PROTO"] = asciiLower(proto);
        out[portPrefix + "_PORT"] = port;
        out[portPrefix + "_ADDR"] = ip;
    }
}

std::map<std::string, std::string> serviceEnvVars(const ObjectStore& store, const std::string& ns, bool enableServiceLinks) {
    // Later services do not overwrite earlier ones of the same name: the namespace's own
    // Services win over `default/kubernetes` only when the pod lives in `default` anyway.
    std::map<std::string, const Json*> byName;
    std::vector<ObjectPtr> keep;
    for (const ObjectPtr& svc : store.list("services")) {
        if (!hasClusterIP(*svc))
            continue;
        const std::string svcNs = stringAt(*svc, "metadata.namespace"), name = stringAt(*svc, "metadata.name");
        if (svcNs == "default" && name == "kubernetes") {
            byName.emplace(name, svc.get());
            keep.push_back(svc);
        } else if (svcNs == ns && enableServiceLinks) {
            byName[name] = svc.get();
            keep.push_back(svc);
        }
    }
    std::map<std::string, std::string> out;
    for (const auto& [name, svc] : byName)
        addServiceEnvVars(*svc, out);
    return out;
}

}  // namespace kp::network
