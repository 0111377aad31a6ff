// Services and their endpoints: services, endpoints, endpointslices.
#include "apiserver/printers/printer.h"

namespace kp::printers {
namespace {

std::string joinStrings(const Json* list) {
    std::string out;
    if (list && list->is_array())
        for (const Json& s : *list)
            if (s.is_string())
                out += (out.empty() ? "" : ",") + s.get<std::string>();
    return out;
}

// EXTERNAL-IP.
// Upstream: printers.go#getServiceExternalIP
std::string serviceExternalIP(const Json& svc, bool wide) {
    const std::string type = stringAt(svc, "spec.type");
    const std::string externalIPs = joinStrings(findPath(svc, "spec.externalIPs"));
    if (type == "ClusterIP" || type == "NodePort")
        return externalIPs.empty() ? "<none>" : externalIPs;
    if (type == "LoadBalancer") {
        std::string lb = loadBalancerStatus(findPath(svc, "status.loadBalancer.ingress"), wide);
        if (!externalIPs.empty())
            return lb.empty() ? externalIPs : lb + "," + externalIPs;
        return lb.empty() ? "<pending>" : lb;
    }
    if (type == "ExternalName")
        return stringAt(svc, "spec.externalName");
    return "<unknown>";
}

// PORT(S): "80/TCP", "80:31234/TCP" with a node port, joined by ",".
// Upstream: printers.go#makePortString
std::string servicePorts(const Json& svc) {
    std::string out;
    if (const Json* ports = arrayAt(svc, "spec.ports")) {
        for (const Json& p : *ports) {
            std::string piece = std::to_string(intAt(p, "port"));
            if (int64_t nodePort = intAt(p, "nodePort"); nodePort > 0)
                piece += ":" + std::to_string(nodePort);
            piece += "/" + stringAt(p, "protocol");
            out += (out.empty() ? "" : ",") + piece;
        }
    }
    return out.empty() ? "<none>" : out;
}

void serviceRow(const Json& svc, const PrintContext& ctx, Row& row) {
    std::string clusterIP = "<none>";
    if (const Json* ips = arrayAt(svc, "spec.clusterIPs"); ips && !ips->empty() && (*ips)[0].is_string())
        clusterIP = (*ips)[0].get<std::string>();
    row.cells = {stringAt(svc, "metadata.name"),   stringAt(svc, "spec.type"), clusterIP,
                 serviceExternalIP(svc, ctx.wide), servicePorts(svc),          age(svc, ctx.now)};
    if (ctx.wide)
        row.cells.push_back(formatLabels(findPath(svc, "spec.selector")));
}

// ENDPOINTS: "ip:port" for every ready address and port, at most 3, then " + N more...".
// Upstream: printers.go#formatEndpoints
std::string formatEndpoints(const Json& ep) {
    const Json* subsets = arrayAt(ep, "subsets");
    if (!subsets || subsets->empty())
        return "<none>";
    constexpr size_t kMax = 3;
    std::vector<std::string> list;
    bool more = false;
    size_t count = 0;
    auto add = [&](const std::string& item) {
        if (list.size() == kMax) {
            more = true;
            return false;
        }
        list.push_back(item);
        return true;
    };
    for (const Json& ss : *subsets) {
        const Json* addresses = arrayAt(ss, "addresses");
        const size_t n = addresses ? addresses->size() : 0;
        const Json* ports = arrayAt(ss, "ports");
        if (!ports || ports->empty()) {
            // Headless services without ports list bare IPs.
            count += n;
            for (size_t i = 0; i < n; ++i)
                if (!add(stringAt((*addresses)[i], "ip")))
                    break;
            continue;
        }
        for (const Json& port : *ports) {
            count += n;
            for (size_t i = 0; i < n; ++i)
                if (!add(stringAt((*addresses)[i], "ip") + ":" + std::to_string(intAt(port, "port"))))
                    break;
        }
    }
    std::string ret;
    for (const std::string& s : list)
        ret += (ret.empty() ? "" : ",") + s;
    if (more)
        return ret + " + " + std::to_string(count - kMax) + " more...";
    return ret;
}

void endpointsRow(const Json& ep, const PrintContext& ctx, Row& row) {
    row.cells = {stringAt(ep, "metadata.name"), formatEndpoints(ep), age(ep, ctx.now)};
}

void endpointSliceRow(const Json& slice, const PrintContext& ctx, Row& row) {
    // Upstream: printers.go#formatDiscoveryPorts, #formatDiscoveryEndpoints
    std::vector<std::string> ports;
    if (const Json* list = arrayAt(slice, "ports")) {
        for (const Json& p : *list) {
            const Json* port = findPath(p, "port");
            const Json* name = findPath(p, "name");
            if (port && port->is_number_integer())
                ports.push_back(std::to_string(port->get<int64_t>()));
            else if (name && name->is_string())
                ports.push_back(name->get<std::string>());
            else
                ports.push_back("*");
        }
    }
    std::vector<std::string> addresses;
    if (const Json* list = arrayAt(slice, "endpoints"))
        for (const Json& e : *list)
            if (const Json* addrs = arrayAt(e, "addresses"))
                for (const Json& a : *addrs)
                    addresses.push_back(a.is_string() ? a.get<std::string>() : "");
    row.cells = {stringAt(slice, "metadata.name"), stringAt(slice, "addressType"), listWithMore(ports),
                 listWithMore(addresses), age(slice, ctx.now)};
}

}  // namespace

void addServicePrinters(PrinterMap& m) {
    m["services"] = Printer{
        {
            nameColumn(),
            column("Type", "string", fieldDoc("core/v1.ServiceSpec", "type")),
            column("Cluster-IP", "string", fieldDoc("core/v1.ServiceSpec", "clusterIP")),
            column("External-IP", "string", fieldDoc("core/v1.ServiceSpec", "externalIPs")),
            column("Port(s)", "string", fieldDoc("core/v1.ServiceSpec", "ports")),
            ageColumn(),
            column("Selector", "string", fieldDoc("core/v1.ServiceSpec", "selector"), 1),
        },
        serviceRow,
    };
    m["endpoints"] =
        Printer{{nameColumn(), column("Endpoints", "string", fieldDoc("core/v1.Endpoints", "subsets")), ageColumn()},
                endpointsRow};
    m["endpointslices.discovery.k8s.io"] = Printer{
        {
            nameColumn(),
            column("AddressType", "string", fieldDoc("discovery/v1.EndpointSlice", "addressType")),
            column("Ports", "string", fieldDoc("discovery/v1.EndpointSlice", "ports")),
            column("Endpoints", "string", fieldDoc("discovery/v1.EndpointSlice", "endpoints")),
            ageColumn(),
        },
        endpointSliceRow,
    };
}

}  // namespace kp::printers
