#include "network/traffic.h"

#include <cctype>

#include "network/dns.h"

namespace kp::network {
namespace {

bool isIPv4(const std::string& s) {
    int dots = 0, digits = 0;
    for (char c : s) {
        if (c == '.') {
            if (digits == 0)
                return false;
            ++dots;
            digits = 0;
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            if (++digits > 3)
                return false;
        } else {
            return false;
        }
    }
    return dots == 3 && digits > 0;
}

}  // namespace

std::optional<std::string> Traffic::resolve(const Origin& origin, const std::string& host) const {
    if (isIPv4(host))
        return host;
    if (host == "localhost")
        return std::string("127.0.0.1");
    // minikube's hosts entries (on the node and, via CoreDNS's hosts plugin, in pods).
    if (host == "host.minikube.internal")
        return std::string("192.168.49.1");
    if (host == "control-plane.minikube.internal")
        return std::string("192.168.49.2");
    if (origin.dnsNamespace.empty())
        return std::nullopt;  // the laptop does not use cluster DNS
    Resolution r = network::resolve(store_, host, "A", clusterFirstSearch(origin.dnsNamespace));
    for (const DnsRecord& rec : r.answer.records)
        if (rec.type == "A")
            return rec.data;
    return std::nullopt;
}

Outcome Traffic::http(const Origin& origin, const std::string& host, int64_t port, runtime::HttpRequest request, Time now) {
    Outcome out;
    std::optional<std::string> ip = resolve(origin, host);
    if (!ip) {
        out.kind = Outcome::Kind::Unresolved;
        return out;
    }
    out.ip = *ip;
    if (*ip == "127.0.0.1") {
        // SIMPLIFICATION: nothing listens on the laptop's loopback until `kubectl proxy` and
        // `kubectl port-forward` exist.
        out.kind = Outcome::Kind::Refused;
        return out;
    }
    out.route = proxy_.route(store_, Connection{origin.clientIP, origin.clientNode, *ip, port, "TCP"}, rng_, now);
    if (out.route.result == Route::Result::Refused) {
        out.kind = Outcome::Kind::Refused;
        return out;
    }
    if (out.route.result == Route::Result::Timeout) {
        out.kind = Outcome::Kind::Timeout;
        return out;
    }
    runtime::Process* process = processAt_ ? processAt_(out.route.podIP, static_cast<int>(out.route.podPort)) : nullptr;
    if (!process) {
        out.kind = Outcome::Kind::Refused;  // the pod has nothing listening there
        return out;
    }
    if (request.host.empty())
        request.host = host + ":" + std::to_string(port);
    if (request.userAgent.empty())
        request.userAgent = origin.userAgent;
    // NodePort traffic is masqueraded (externalTrafficPolicy Cluster): the pod sees its node's
    // bridge address, the first of the node's pod CIDR; pod-to-pod traffic keeps the client's IP.
    request.clientIP = origin.clientIP;
    if (out.route.how == "NodePort")
        if (ObjectPtr node = store_.get("nodes", "", out.route.nodeName)) {
            std::string cidr = stringAt(*node, "spec.podCIDR");
            size_t lastDot = cidr.rfind('.');
            if (lastDot != std::string::npos)
                request.clientIP = cidr.substr(0, lastDot) + ".1";
        }
    out.response = process->serve(request, static_cast<int>(out.route.podPort), now);
    out.kind = out.response.status == 0 ? Outcome::Kind::Refused : Outcome::Kind::Response;
    return out;
}

}  // namespace kp::network
