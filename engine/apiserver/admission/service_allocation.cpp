#include "apiserver/admission/service_allocation.h"

#include <cstdio>
#include <set>

#include "apiserver/validation/field_error.h"

namespace kp::admission {
namespace {

constexpr uint32_t kCidrSize = 1u << (32 - kServiceCidrPrefix);

std::set<uint32_t> usedClusterIPs(const ObjectStore& store, const std::string& exceptUid) {
    std::set<uint32_t> used;
    for (const ObjectPtr& svc : store.list("services")) {
        if (stringAt(*svc, "metadata.uid") == exceptUid)
            continue;
        if (auto ip = parseIPv4(stringAt(*svc, "spec.clusterIP")))
            used.insert(*ip);
    }
    return used;
}

std::set<int64_t> usedNodePorts(const ObjectStore& store, const std::string& exceptUid) {
    std::set<int64_t> used;
    for (const ObjectPtr& svc : store.list("services")) {
        if (stringAt(*svc, "metadata.uid") == exceptUid)
            continue;
        if (const Json* ports = findPath(*svc, "spec.ports"); ports && ports->is_array())
            for (const Json& p : *ports)
                if (int64_t np = intAt(p, "nodePort", 0))
                    used.insert(np);
    }
    return used;
}

// Random start in [lo, hi), then the first free slot scanning forward with wrap-around inside the
// band; then the same in the other band. Upstream: ipallocator/bitmap.go randomScanStrategyWithOffset.
template <typename Used>
std::optional<int64_t> pickFree(int64_t lo, int64_t hi, int64_t offset, const Used& isUsed, Rng& rng) {
    auto scan = [&](int64_t a, int64_t b) -> std::optional<int64_t> {
        if (b <= a)
            return std::nullopt;
        int64_t start = a + static_cast<int64_t>(rng.uniform(static_cast<uint64_t>(b - a)));
        for (int64_t i = 0; i < b - a; ++i) {
            int64_t v = a + (start - a + i) % (b - a);
            if (!isUsed(v))
                return v;
        }
        return std::nullopt;
    };
    if (auto v = scan(lo + offset, hi))
        return v;
    return scan(lo, lo + offset);
}

bool needsNodePorts(const Json& svc) {
    std::string type = stringAt(svc, "spec.type", "ClusterIP");
    if (type == "NodePort")
        return true;
    return type == "LoadBalancer" && boolAt(svc, "spec.allocateLoadBalancerNodePorts", true);
}

std::string serviceName(const Json& svc) { return stringAt(svc, "metadata.name"); }

}  // namespace

std::string formatIPv4(uint32_t ip) {
    char buf[20];
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
    return buf;
}

std::optional<uint32_t> parseIPv4(const std::string& text) {
    unsigned a, b, c, d;
    char tail;
    if (std::sscanf(text.c_str(), "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) != 4)
        return std::nullopt;
    if (a > 255 || b > 255 || c > 255 || d > 255)
        return std::nullopt;
    return (a << 24) | (b << 16) | (c << 8) | d;
}

Status allocateServiceAddresses(const ObjectStore& store, Json& svc, const Json* old, Rng& rng) {
    Json& spec = svc["spec"];
    if (!spec.is_object())
        return {};
    const std::string type = stringAt(spec, "type", "ClusterIP");
    const std::string uid = stringAt(svc, "metadata.uid");
    validation::FieldErrorList errs;

    if (type != "ExternalName") {
        std::string requested = stringAt(spec, "clusterIP");
        if (requested.empty()) {
            if (const Json* ips = findPath(spec, "clusterIPs"); ips && ips->is_array() && !ips->empty() &&
                                                               (*ips)[0].is_string())
                requested = (*ips)[0].get<std::string>();
        }
        if (requested == "None") {
            spec["clusterIP"] = "None";
            spec["clusterIPs"] = Json::array({"None"});
        } else {
            std::set<uint32_t> used = usedClusterIPs(store, uid);
            uint32_t chosen = 0;
            if (!requested.empty()) {
                auto ip = parseIPv4(requested);
                uint32_t first = kServiceCidrBase + 1, last = kServiceCidrBase + kCidrSize - 2;
                if (!ip || *ip < first || *ip > last) {
                    errs.push_back(validation::invalid(
                        "spec.clusterIPs", Json::array({requested}),
                        "failed to allocate IP " + requested + ": the provided IP (" + requested +
                            ") is not in the valid range. The range of valid IPs is 10.96.0.0/12"));
                } else if (used.count(*ip)) {
                    errs.push_back(validation::invalid("spec.clusterIPs", Json::array({requested}),
                                                       "failed to allocate IP " + requested +
                                                           ": provided IP is already allocated"));
                } else {
                    chosen = *ip;
                }
            } else {
                // Offsets 0..size-3 map to addresses base+1..base+size-2 (network and broadcast excluded).
                const int64_t max = kCidrSize - 2;
                const int64_t offset = std::min<int64_t>(std::max<int64_t>(16, kCidrSize / 16), 256);
                auto picked = pickFree(0, max, offset,
                                       [&](int64_t i) { return used.count(kServiceCidrBase + 1 + static_cast<uint32_t>(i)) > 0; },
                                       rng);
                if (!picked)
                    return Status::failure(500, "InternalError",
                                           "Internal error occurred: failed to allocate a serviceIP: range is full");
                chosen = kServiceCidrBase + 1 + static_cast<uint32_t>(*picked);
            }
            if (chosen) {
                spec["clusterIP"] = formatIPv4(chosen);
                spec["clusterIPs"] = Json::array({formatIPv4(chosen)});
            }
        }
        spec["ipFamilies"] = Json::array({"IPv4"});
        spec["ipFamilyPolicy"] = "SingleStack";
    }

    if (needsNodePorts(svc)) {
        std::set<int64_t> used = usedNodePorts(store, uid);
        Json& ports = spec["ports"];
        if (ports.is_array()) {
            for (size_t i = 0; i < ports.size(); ++i) {
                Json& p = ports[i];
                int64_t np = intAt(p, "nodePort", 0);
                std::string field = "spec.ports[" + std::to_string(i) + "].nodePort";
                if (np != 0) {
                    if (np < kNodePortMin || np > kNodePortMax)
                        errs.push_back(validation::invalid(
                            field, np,
                            "provided port is not in the valid range. The range of valid ports is 30000-32767"));
                    else if (used.count(np))
                        errs.push_back(validation::invalid(field, np, "provided port is already allocated"));
                    else
                        used.insert(np);
                    continue;
                }
                const int64_t size = kNodePortMax - kNodePortMin + 1;
                const int64_t offset = std::min<int64_t>(std::max<int64_t>(16, size / 32), 128);
                auto picked = pickFree(0, size, offset, [&](int64_t i) { return used.count(kNodePortMin + i) > 0; }, rng);
                if (!picked)
                    return Status::failure(500, "InternalError",
                                           "Internal error occurred: failed to allocate a nodePort: range is full");
                p["nodePort"] = kNodePortMin + *picked;
                used.insert(kNodePortMin + *picked);
            }
        }
    }
    (void)old;
    if (!errs.empty())
        return validation::invalidStatus("Service", "", serviceName(svc), errs);
    return {};
}

void keepAllocatedServiceValues(Json& svc, const Json& old) {
    Json& spec = svc["spec"];
    if (!spec.is_object())
        return;
    const std::string type = stringAt(spec, "type", "ClusterIP");
    if (type != "ExternalName" && stringAt(spec, "clusterIP").empty()) {
        if (const Json* ip = findPath(old, "spec.clusterIP"))
            spec["clusterIP"] = *ip;
        if (const Json* ips = findPath(old, "spec.clusterIPs"))
            spec["clusterIPs"] = *ips;
    }
    if (!needsNodePorts(svc))
        return;
    const Json* oldPorts = findPath(old, "spec.ports");
    Json& ports = spec["ports"];
    if (!ports.is_array() || !oldPorts || !oldPorts->is_array())
        return;
    for (Json& p : ports) {
        if (intAt(p, "nodePort", 0) != 0)
            continue;
        for (const Json& op : *oldPorts)
            if (intAt(op, "port") == intAt(p, "port") && stringAt(op, "protocol", "TCP") == stringAt(p, "protocol", "TCP") &&
                intAt(op, "nodePort", 0) != 0)
                p["nodePort"] = op["nodePort"];
    }
}

}  // namespace kp::admission
