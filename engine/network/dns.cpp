#include "network/dns.h"

#include <cctype>

#include <algorithm>

#include "base/text.h"

namespace kp::network {
namespace {

std::vector<std::string> splitLabels(const std::string& name) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= name.size()) {
        size_t dot = name.find('.', start);
        out.push_back(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    return out;
}

std::string dashed(const std::string& ip) {
    std::string out = ip;
    std::replace(out.begin(), out.end(), '.', '-');
    return out;
}

// Ready endpoints of a Service (from its EndpointSlices): (address, hostname).
std::vector<std::pair<std::string, std::string>> readyEndpoints(const ObjectStore& store, const Json& svc) {
    std::vector<std::pair<std::string, std::string>> out;
    const std::string ns = stringAt(svc, "metadata.namespace"), name = stringAt(svc, "metadata.name");
    const bool publishNotReady = svc.value("spec", Json::object()).value("publishNotReadyAddresses", false);
    for (const ObjectPtr& s : store.list("endpointslices.discovery.k8s.io", ns)) {
        if (s->value("metadata", Json::object()).value("labels", Json::object()).value("kubernetes.io/service-name", std::string("")) != name)
            continue;
        const Json endpoints = s->value("endpoints", Json());
        if (!endpoints.is_array())
            continue;
        for (const Json& ep : endpoints) {
            const Json* ready = findPath(ep, "conditions.ready");
            if (!publishNotReady && ready && ready->is_boolean() && !ready->get<bool>())
                continue;
            for (const Json& a : ep.value("addresses", Json::array()))
                out.push_back({a.get<std::string>(), ep.value("hostname", std::string(""))});
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Top-level domains learners type (generic, country codes of the seed's readers, the newer
// ones common in examples).
bool isTopLevelDomain(const std::string& label) {
    static const char* const kDomains[] = {
        "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "dev", "app", "cloud", "ai", "co",
        "me", "tv", "xyz", "site", "online", "tech", "cn", "hk", "tw", "jp", "kr", "sg", "uk", "de", "fr", "ru",
        "in", "br", "au", "ca", "us", "eu", "nl", "se", "ch", "es", "it", "pl"};
    for (const char* d : kDomains)
        if (label == d)
            return true;
    return false;
}

DnsAnswer answer(std::vector<DnsRecord> records) {
    DnsAnswer a;
    a.rcode = Rcode::NoError;
    a.records = std::move(records);
    return a;
}

DnsAnswer serviceRecords(const ObjectStore& store, const Json& svc, const std::string& fqdn, const std::string& type,
                         const std::string& endpointHost) {
    const std::string svcFqdn = stringAt(svc, "metadata.name") + "." + stringAt(svc, "metadata.namespace") + ".svc." + kClusterDomain;
    const std::string svcType = stringAt(svc, "spec.type");
    if (svcType == "ExternalName") {
        if (!endpointHost.empty())
            return {};
        return answer({{fqdn, "CNAME", 30, stringAt(svc, "spec.externalName")}});
    }
    const std::string clusterIP = stringAt(svc, "spec.clusterIP");
    const bool headless = clusterIP == "None";
    std::vector<DnsRecord> records;
    if (!endpointHost.empty()) {
        if (!headless)
            return {};
        for (const auto& [ip, host] : readyEndpoints(store, svc))
            if ((host.empty() ? dashed(ip) : host) == endpointHost)
                records.push_back({fqdn, "A", 30, ip});
        return records.empty() ? DnsAnswer{} : answer(records);
    }
    if (type == "A") {
        if (!headless)
            return answer({{fqdn, "A", 30, clusterIP}});
        for (const auto& [ip, host] : readyEndpoints(store, svc))
            records.push_back({fqdn, "A", 30, ip});
        // A headless Service without ready endpoints exists but has no addresses.
        return answer(records);
    }
    return answer({});
}

DnsAnswer srvRecords(const ObjectStore& store, const Json& svc, const std::string& fqdn, const std::string& portName,
                     const std::string& proto) {
    const std::string svcFqdn = stringAt(svc, "metadata.name") + "." + stringAt(svc, "metadata.namespace") + ".svc." + kClusterDomain;
    for (const Json& p : svc.value("spec", Json::object()).value("ports", Json::array())) {
        if (asciiLower(p.value("name", std::string(""))) != portName || asciiLower(p.value("protocol", std::string("TCP"))) != proto)
            continue;
        const std::string port = std::to_string(p.value("port", 0));
        if (stringAt(svc, "spec.clusterIP") != "None")
            return answer({{fqdn, "SRV", 30, "0 100 " + port + " " + svcFqdn}});
        std::vector<DnsRecord> records;
        auto eps = readyEndpoints(store, svc);
        for (const auto& [ip, host] : eps)
            records.push_back({fqdn, "SRV", 30,
                               "0 " + std::to_string(100 / std::max<size_t>(1, eps.size())) + " " + port + " " +
                                   (host.empty() ? dashed(ip) : host) + "." + svcFqdn});
        return answer(records);
    }
    return {};
}

}  // namespace

DnsAnswer lookup(const ObjectStore& store, std::string fqdn, const std::string& type) {
    fqdn = asciiLower(fqdn);
    if (!fqdn.empty() && fqdn.back() == '.')
        fqdn.pop_back();
    const std::string zone = std::string(".") + kClusterDomain;
    if (fqdn.size() <= zone.size() || fqdn.compare(fqdn.size() - zone.size(), zone.size(), zone) != 0) {
        // minikube adds a hosts block to CoreDNS's Corefile for the host's address (the hosts
        // plugin answers with its default TTL, 3600 s).
        if (fqdn == "host.minikube.internal")
            return type == "A" ? answer({{fqdn, "A", 3600, "192.168.49.1"}}) : answer({});
        // Outside the cluster the forward plugin asks the upstream resolver. A name under no
        // top-level domain does not exist (the root zone says NXDOMAIN).
        // SIMPLIFICATION: the simulated cluster has no Internet, so names under real top-level
        // domains fail as an unreachable upstream does (SERVFAIL).
        DnsAnswer a;
        a.rcode = isTopLevelDomain(fqdn.substr(fqdn.rfind('.') == std::string::npos ? 0 : fqdn.rfind('.') + 1))
                      ? Rcode::ServFail
                      : Rcode::NXDomain;
        return a;
    }
    std::vector<std::string> labels = splitLabels(fqdn.substr(0, fqdn.size() - zone.size()));
    // <...>.<ns>.pod
    if (labels.size() == 3 && labels[2] == "pod" && type == "A") {
        std::string ip = labels[0];
        std::replace(ip.begin(), ip.end(), '-', '.');
        if (std::count(ip.begin(), ip.end(), '.') == 3)
            return answer({{fqdn, "A", 30, ip}});
        return {};
    }
    if (labels.size() < 3 || labels.back() != "svc")
        return {};
    const std::string ns = labels[labels.size() - 2];
    const std::string svcName = labels[labels.size() - 3];
    ObjectPtr svc = store.get("services", ns, svcName);
    if (labels.size() == 5 && labels[0].size() > 1 && labels[0][0] == '_' && labels[1].size() > 1 && labels[1][0] == '_') {
        if (!svc)
            return {};
        if (type != "SRV")
            return answer({});
        return srvRecords(store, *svc, fqdn, labels[0].substr(1), labels[1].substr(1));
    }
    if (labels.size() == 4)
        return svc ? serviceRecords(store, *svc, fqdn, type, labels[0]) : DnsAnswer{};
    if (labels.size() != 3 || !svc)
        return {};
    if (type == "SRV")
        return answer({});
    return serviceRecords(store, *svc, fqdn, type, "");
}

Resolution resolve(const ObjectStore& store, const std::string& name, const std::string& type,
                   const std::vector<std::string>& search, int ndots) {
    std::string n = name;
    const bool absolute = !n.empty() && n.back() == '.';
    if (absolute)
        n.pop_back();
    std::vector<std::string> candidates;
    const long dots = std::count(n.begin(), n.end(), '.');
    if (!absolute && dots < ndots)
        for (const std::string& s : search)
            candidates.push_back(n + "." + s);
    candidates.push_back(n);
    if (!absolute && dots >= ndots)
        for (const std::string& s : search)
            candidates.push_back(n + "." + s);
    Resolution last;
    for (const std::string& c : candidates) {
        last.fqdn = c;
        last.answer = lookup(store, c, type);
        if (last.answer.rcode == Rcode::NoError && !last.answer.records.empty())
            return last;
    }
    return last;
}

std::vector<std::string> clusterFirstSearch(const std::string& ns) {
    return {ns + ".svc." + kClusterDomain, std::string("svc.") + kClusterDomain, kClusterDomain};
}

std::string clusterFirstResolvConf(const std::string& ns) {
    return "nameserver " + std::string(kClusterDnsIP) + "\nsearch " + ns + ".svc." + kClusterDomain + " svc." +
           kClusterDomain + " " + kClusterDomain + "\noptions ndots:5\n";
}

Rcode upstreamRcode(const std::string& name) {
    std::string fqdn;
    for (char c : name)
        fqdn += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (!fqdn.empty() && fqdn.back() == '.')
        fqdn.pop_back();
    const size_t dot = fqdn.rfind('.');
    return isTopLevelDomain(dot == std::string::npos ? fqdn : fqdn.substr(dot + 1)) ? Rcode::ServFail : Rcode::NXDomain;
}

}  // namespace kp::network
