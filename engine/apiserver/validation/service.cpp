// Services: name (DNS-1035 label), ports, selector, type-specific rules, cluster IPs, traffic
// policies, and the NodePort range the allocator enforces.
// Upstream: kubernetes pkg/apis/core/validation/validation.go (ValidateService,
//           validateServicePort, ValidateServiceClusterIPsRelatedFields, ValidateServiceUpdate,
//           validateUpgradeDowngradeClusterIPs/IPFamilies), pkg/registry/core/service/storage
//           (normalizeClusterIPs, patchAllocatedValues) and portallocator (range message).
#include <map>
#include <set>

#include "apiserver/validation/core_validation.h"
#include "apiserver/validation/field_path.h"
#include "apiserver/validation/go_value.h"
#include "apiserver/validation/json_access.h"
#include "apiserver/validation/name_validation.h"
#include "apiserver/validation/objectmeta.h"

namespace kp::validation {

namespace {

std::string stringOf(const Json& v) { return v.is_string() ? v.get<std::string>() : std::string(); }

bool isHeadless(const Json& spec) {
    const Json& ips = array(spec, "clusterIPs");
    return ips.size() == 1 && stringOf(ips[0]) == "None";
}

// %#v of a core.ServicePort holding only protocol and port, as the duplicate check builds it.
std::string goServicePortKey(const std::string& protocol, int64_t port) {
    return "core.ServicePort{Name:\"\", Protocol:" + goQuote(protocol) +
           ", AppProtocol:(*string)(nil), Port:" + std::to_string(port) +
           ", TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}";
}

// Upstream: normalizeClusterIPs (create) / patchAllocatedValues (update). Both run before
// validation in the Service REST storage; we apply them to the copy we validate.
Json normalized(const Json& service, const Json* old) {
    Json svc = service;
    Json& spec = svc["spec"];
    if (!spec.is_object())
        spec = Json::object();
    if (old) {
        const Json& oldSpec = member(*old, "spec");
        const bool oldNeeds = str(oldSpec, "type") != "ExternalName";
        const bool newNeeds = str(spec, "type") != "ExternalName";
        if (oldNeeds && newNeeds) {
            if (str(spec, "clusterIP").empty() && has(oldSpec, "clusterIP"))
                spec["clusterIP"] = oldSpec["clusterIP"];
            if (count(spec, "clusterIPs") == 0 && count(oldSpec, "clusterIPs") > 0)
                spec["clusterIPs"] = oldSpec["clusterIPs"];
        }
    }
    if (!str(spec, "clusterIP").empty() && count(spec, "clusterIPs") == 0)
        spec["clusterIPs"] = Json::array({spec["clusterIP"]});
    return svc;
}

FieldErrorList validateServicePort(const Json& sp, bool requireName, std::set<std::string>* names,
                                   const std::string& fldPath) {
    FieldErrorList errs;
    const std::string name = str(sp, "name");
    if (requireName && name.empty()) {
        errs.push_back(required(child(fldPath, "name")));
    } else if (!name.empty()) {
        append(errs, validateDNS1123Label(name, child(fldPath, "name")));
        if (names->count(name))
            errs.push_back(duplicate(child(fldPath, "name"), name));
        else
            names->insert(name);
    }
    for (auto& m : isValidPortNum(integer(sp, "port")))
        errs.push_back(invalid(child(fldPath, "port"), integer(sp, "port"), m));
    const std::string protocol = str(sp, "protocol");
    if (protocol.empty())
        errs.push_back(required(child(fldPath, "protocol")));
    else if (protocol != "TCP" && protocol != "UDP" && protocol != "SCTP")
        errs.push_back(notSupported(child(fldPath, "protocol"), protocol, {"SCTP", "TCP", "UDP"}));
    append(errs, validatePortNumOrName(member(sp, "targetPort"), child(fldPath, "targetPort")));
    if (has(sp, "appProtocol"))
        append(errs, validateQualifiedName(str(sp, "appProtocol"), child(fldPath, "appProtocol")));
    return errs;
}

FieldErrorList validateClusterIPsRelatedFields(const Json& spec) {
    FieldErrorList errs;
    if (str(spec, "type") == "ExternalName")
        return errs;
    const std::string clusterIP = str(spec, "clusterIP");
    const Json& clusterIPs = array(spec, "clusterIPs");
    if (!clusterIP.empty()) {
        if (clusterIPs.empty())
            errs.push_back(required("spec.clusterIPs"));
        else if (stringOf(clusterIPs[0]) != clusterIP)
            errs.push_back(invalidGo("spec.clusterIPs", goStringSlice(clusterIPs), "first value must match `clusterIP`"));
    } else if (!clusterIPs.empty()) {
        errs.push_back(invalidGo("spec.clusterIPs", goStringSlice(clusterIPs), "must be empty when `clusterIP` is not specified"));
    }
    const Json& families = array(spec, "ipFamilies");
    std::set<std::string> seen;
    for (size_t i = 0; i < families.size(); ++i) {
        const std::string f = stringOf(families[i]);
        if (f != "IPv4" && f != "IPv6")
            errs.push_back(notSupported(index("spec.ipFamilies", i), f, {"IPv4", "IPv6"}));
        if (seen.count(f))
            errs.push_back(duplicate(index("spec.ipFamilies", i), f));
        seen.insert(f);
    }
    if (has(spec, "ipFamilyPolicy")) {
        const std::string p = str(spec, "ipFamilyPolicy");
        if (p != "SingleStack" && p != "PreferDualStack" && p != "RequireDualStack")
            errs.push_back(notSupported("spec.ipFamilyPolicy", p, {"PreferDualStack", "RequireDualStack", "SingleStack"}));
    }
    bool invalidIPs = false;
    for (size_t i = 0; i < clusterIPs.size(); ++i) {
        const std::string ip = stringOf(clusterIPs[i]);
        if (i == 0 && ip == "None") {
            if (clusterIPs.size() > 1) {
                invalidIPs = true;
                errs.push_back(invalidGo("spec.clusterIPs", goStringSlice(clusterIPs), "'None' must be the first and only value"));
            }
            continue;
        }
        FieldErrorList ipErrs = isValidIP(index("spec.clusterIPs", i), ip);
        invalidIPs = invalidIPs || !ipErrs.empty();
        append(errs, std::move(ipErrs));
    }
    if (clusterIPs.size() > 2)
        errs.push_back(invalidGo("spec.clusterIPs", goStringSlice(clusterIPs), "may only hold up to 2 values"));
    if (invalidIPs)
        return errs;
    auto isV6 = [](const std::string& ip) {
        unsigned char bytes[16];
        bool v4 = false;
        return parseIPSloppy(ip, bytes, &v4) && !v4;
    };
    if (clusterIPs.size() > 1 && isV6(stringOf(clusterIPs[0])) == isV6(stringOf(clusterIPs[1])))
        errs.push_back(invalidGo("spec.clusterIPs", goStringSlice(clusterIPs), "may specify no more than one IP for each IP family"));
    if (!isHeadless(spec) && !clusterIPs.empty() && !families.empty()) {
        for (size_t i = 0; i < clusterIPs.size() && i < families.size(); ++i) {
            const std::string ip = stringOf(clusterIPs[i]);
            const std::string f = stringOf(families[i]);
            if (f == "IPv4" && isV6(ip))
                errs.push_back(invalid(index("spec.clusterIPs", i), ip,
                                       "expected an IPv4 value as indicated by `ipFamilies[" + std::to_string(i) + "]`"));
            if (f == "IPv6" && !isV6(ip))
                errs.push_back(invalid(index("spec.clusterIPs", i), ip,
                                       "expected an IPv6 value as indicated by `ipFamilies[" + std::to_string(i) + "]`"));
        }
    }
    return errs;
}

bool externallyAccessible(const Json& spec) {
    const std::string type = str(spec, "type");
    return type == "LoadBalancer" || type == "NodePort" || (type == "ClusterIP" && count(spec, "externalIPs") > 0);
}

bool needsHealthCheck(const Json& spec) {
    return str(spec, "type") == "LoadBalancer" && str(spec, "externalTrafficPolicy") == "Local";
}

// Upstream: ValidateService.
FieldErrorList validateService(const Json& service) {
    const Json& meta = member(service, "metadata");
    const Json& spec = member(service, "spec");
    FieldErrorList errs = validateObjectMeta(meta, true, nameIsDNS1035Label, "metadata");

    const Json& annotations = object(meta, "annotations");
    const std::string hintsKey = "service.kubernetes.io/topology-aware-hints";
    const std::string modeKey = "service.kubernetes.io/topology-mode";
    if (annotations.contains(hintsKey) && annotations.contains(modeKey) && annotations[hintsKey] != annotations[modeKey])
        errs.push_back(invalid(key("metadata.annotations", modeKey), annotations[modeKey],
                               "must match annotations[" + hintsKey + "] when both are specified"));

    const std::string type = str(spec, "type");
    const Json& ports = array(spec, "ports");
    if (ports.empty() && !isHeadless(spec) && type != "ExternalName")
        errs.push_back(required("spec.ports"));
    if (type == "LoadBalancer" && isHeadless(spec))
        errs.push_back(invalid("spec.clusterIPs[0]", "None", "may not be set to 'None' for LoadBalancer services"));
    if (type == "NodePort" && isHeadless(spec))
        errs.push_back(invalid("spec.clusterIPs[0]", "None", "may not be set to 'None' for NodePort services"));
    if (type == "ExternalName") {
        if (count(spec, "clusterIPs") > 0)
            errs.push_back(forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
        if (count(spec, "ipFamilies") > 0)
            errs.push_back(forbidden("spec.ipFamilies", "may not be set for ExternalName services"));
        if (has(spec, "ipFamilyPolicy"))
            errs.push_back(forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services"));
        std::string cname = str(spec, "externalName");
        if (!cname.empty() && cname.back() == '.')
            cname.pop_back();  // a trailing dot marks a fully qualified CNAME
        if (!cname.empty())
            append(errs, validateDNS1123Subdomain(cname, "spec.externalName"));
        else
            errs.push_back(required("spec.externalName"));
    }

    std::set<std::string> portNames;
    for (size_t i = 0; i < ports.size(); ++i)
        append(errs, validateServicePort(ports[i], ports.size() > 1, &portNames, index("spec.ports", i)));

    if (has(spec, "selector"))
        append(errs, validateLabels(member(spec, "selector"), "spec.selector"));

    const std::string affinity = str(spec, "sessionAffinity");
    if (affinity.empty())
        errs.push_back(required("spec.sessionAffinity"));
    else if (affinity != "ClientIP" && affinity != "None")
        errs.push_back(notSupported("spec.sessionAffinity", affinity, {"ClientIP", "None"}));
    if (affinity == "ClientIP") {
        const Json& config = member(spec, "sessionAffinityConfig");
        const std::string path = "spec.sessionAffinityConfig";
        const std::string when = "when session affinity type is ClientIP";
        if (!config.is_object()) {
            errs.push_back(required(path, when));
        } else if (!has(config, "clientIP")) {
            errs.push_back(required(path + ".clientIP", when));
        } else if (!has(member(config, "clientIP"), "timeoutSeconds")) {
            errs.push_back(required(path + ".clientIP.timeoutSeconds", when));
        } else {
            const int64_t timeout = integer(member(config, "clientIP"), "timeoutSeconds");
            if (timeout <= 0 || timeout > 86400)
                errs.push_back(invalid(path + ".clientIP.timeoutSeconds", timeout, "must be greater than 0 and less than 86400"));
        }
    } else if (affinity == "None" && has(spec, "sessionAffinityConfig")) {
        errs.push_back(forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None"));
    }

    append(errs, validateClusterIPsRelatedFields(spec));

    const Json& externalIPs = array(spec, "externalIPs");
    for (size_t i = 0; i < externalIPs.size(); ++i) {
        const std::string path = index("spec.externalIPs", i);
        FieldErrorList ipErrs = isValidIP(path, stringOf(externalIPs[i]));
        if (!ipErrs.empty())
            append(errs, std::move(ipErrs));
        else
            append(errs, validateNonSpecialIP(stringOf(externalIPs[i]), path));
    }

    if (type.empty())
        errs.push_back(required("spec.type"));
    else if (type != "ClusterIP" && type != "NodePort" && type != "LoadBalancer" && type != "ExternalName")
        errs.push_back(notSupported("spec.type", type, {"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"}));

    if (type == "ClusterIP")
        for (size_t i = 0; i < ports.size(); ++i)
            if (integer(ports[i], "nodePort") != 0)
                errs.push_back(forbidden(index("spec.ports", i) + ".nodePort", "may not be used when `type` is 'ClusterIP'"));

    // Duplicate node ports and ports, each keyed by protocol.
    std::set<std::pair<std::string, int64_t>> nodePorts;
    for (size_t i = 0; i < ports.size(); ++i) {
        const int64_t nodePort = integer(ports[i], "nodePort");
        if (nodePort == 0)
            continue;
        const auto k = std::make_pair(str(ports[i], "protocol"), nodePort);
        if (nodePorts.count(k))
            errs.push_back(duplicate(index("spec.ports", i) + ".nodePort", nodePort));
        nodePorts.insert(k);
    }
    std::set<std::pair<std::string, int64_t>> servicePorts;
    for (size_t i = 0; i < ports.size(); ++i) {
        const auto k = std::make_pair(str(ports[i], "protocol"), integer(ports[i], "port"));
        if (servicePorts.count(k))
            errs.push_back(duplicateGo(index("spec.ports", i), goServicePortKey(k.first, k.second)));
        servicePorts.insert(k);
    }

    // Upstream spells this path with a capital L.
    const Json& sourceRanges = array(spec, "loadBalancerSourceRanges");
    const std::string lbAnnotation = "service.beta.kubernetes.io/load-balancer-source-ranges";
    if (!sourceRanges.empty()) {
        if (type != "LoadBalancer")
            errs.push_back(forbidden("spec.LoadBalancerSourceRanges", "may only be used when `type` is 'LoadBalancer'"));
        for (size_t i = 0; i < sourceRanges.size(); ++i) {
            std::string value = stringOf(sourceRanges[i]);
            while (!value.empty() && value.front() == ' ')
                value.erase(value.begin());
            while (!value.empty() && value.back() == ' ')
                value.pop_back();
            append(errs, isValidCIDR(index("spec.LoadBalancerSourceRanges", i), value));
        }
    } else if (annotations.contains(lbAnnotation)) {
        const std::string path = key("metadata.annotations", lbAnnotation);
        if (type != "LoadBalancer")
            errs.push_back(forbidden(path, "may only be used when `type` is 'LoadBalancer'"));
        const std::string value = stringOf(annotations[lbAnnotation]);
        size_t start = 0;
        while (!value.empty() && start <= value.size()) {
            const size_t comma = value.find(',', start);
            std::string cidr = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            while (!cidr.empty() && cidr.front() == ' ')
                cidr.erase(cidr.begin());
            while (!cidr.empty() && cidr.back() == ' ')
                cidr.pop_back();
            append(errs, isValidCIDR(path, cidr));
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
    }

    if (has(spec, "allocateLoadBalancerNodePorts") && type != "LoadBalancer")
        errs.push_back(forbidden("spec.allocateLoadBalancerNodePorts", "may only be used when `type` is 'LoadBalancer'"));
    // Upstream builds this path without "spec.".
    if (type == "LoadBalancer" && !has(spec, "allocateLoadBalancerNodePorts"))
        errs.push_back(required("allocateLoadBalancerNodePorts"));

    if (has(spec, "loadBalancerClass")) {
        if (type != "LoadBalancer")
            errs.push_back(forbidden("spec.loadBalancerClass", "may only be used when `type` is 'LoadBalancer'"));
        else
            append(errs, validateQualifiedName(str(spec, "loadBalancerClass"), "spec.loadBalancerClass"));
    }

    const std::string etp = str(spec, "externalTrafficPolicy");
    if (!externallyAccessible(spec)) {
        if (!etp.empty())
            errs.push_back(invalid("spec.externalTrafficPolicy", etp, "may only be set for externally-accessible services"));
    } else if (etp.empty()) {
        errs.push_back(required("spec.externalTrafficPolicy"));
    } else if (etp != "Cluster" && etp != "Local") {
        errs.push_back(notSupported("spec.externalTrafficPolicy", etp, {"Cluster", "Local"}));
    }
    const int64_t healthCheckNodePort = integer(spec, "healthCheckNodePort");
    if (!needsHealthCheck(spec)) {
        if (healthCheckNodePort != 0)
            errs.push_back(invalid("spec.healthCheckNodePort", healthCheckNodePort,
                                   "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
    } else if (healthCheckNodePort == 0) {
        errs.push_back(required("spec.healthCheckNodePort"));
    } else {
        for (auto& m : isValidPortNum(healthCheckNodePort))
            errs.push_back(invalid("spec.healthCheckNodePort", healthCheckNodePort, m));
    }

    if (!has(spec, "internalTrafficPolicy")) {
        if (type == "NodePort" || type == "LoadBalancer" || type == "ClusterIP")
            errs.push_back(required("spec.internalTrafficPolicy"));
    } else {
        const std::string itp = str(spec, "internalTrafficPolicy");
        if (itp != "Cluster" && itp != "Local")
            errs.push_back(notSupported("spec.internalTrafficPolicy", itp, {"Cluster", "Local"}));
    }
    if (has(spec, "trafficDistribution") && str(spec, "trafficDistribution") != "PreferClose")
        errs.push_back(notSupported("spec.trafficDistribution", str(spec, "trafficDistribution"), {"PreferClose"}));
    return errs;
}

FieldErrorList validateUpgradeDowngradeClusterIPs(const Json& oldSpec, const Json& spec) {
    FieldErrorList errs;
    if (str(spec, "type") == "ExternalName" || str(oldSpec, "type") == "ExternalName")
        return errs;
    if (isHeadless(oldSpec) && isHeadless(spec))
        return errs;
    const Json& oldIPs = array(oldSpec, "clusterIPs");
    const Json& ips = array(spec, "clusterIPs");
    const std::string printed = goStringSlice(member(spec, "clusterIPs"));
    if (oldIPs.size() == ips.size()) {
        for (size_t i = 0; i < oldIPs.size(); ++i)
            if (oldIPs[i] != ips[i])
                errs.push_back(invalidGo(index("spec.clusterIPs", i), printed, "may not change once set"));
    } else if (oldIPs.size() > ips.size()) {
        if (ips.empty())
            errs.push_back(invalidGo("spec.clusterIPs[0]", printed, "primary clusterIP can not be unset"));
        if (!oldIPs.empty() && !ips.empty() && ips[0] != oldIPs[0])
            errs.push_back(invalidGo("spec.clusterIPs[0]", printed, "may not change once set"));
        if (ips.size() == 1 && str(spec, "ipFamilyPolicy") != "SingleStack")
            errs.push_back(invalid("spec.ipFamilyPolicy", member(spec, "ipFamilyPolicy"),
                                   "must be set to 'SingleStack' when releasing the secondary clusterIP"));
    } else if (!oldIPs.empty() && ips[0] != oldIPs[0]) {
        errs.push_back(invalidGo("spec.clusterIPs[0]", printed, "may not change once set"));
    }
    return errs;
}

FieldErrorList validateUpgradeDowngradeIPFamilies(const Json& oldSpec, const Json& spec) {
    FieldErrorList errs;
    if (str(spec, "type") == "ExternalName" || str(oldSpec, "type") == "ExternalName")
        return errs;
    if (isHeadless(spec) != isHeadless(oldSpec) || isHeadless(spec))
        return errs;
    const Json& oldFamilies = array(oldSpec, "ipFamilies");
    const Json& families = array(spec, "ipFamilies");
    const std::string printedFamilies = "[]core.IPFamily" + goStringSlice(member(spec, "ipFamilies")).substr(8);
    const std::string printedIPs = goStringSlice(member(spec, "clusterIPs"));
    if (oldFamilies.size() == families.size()) {
        for (size_t i = 0; i < oldFamilies.size(); ++i)
            if (oldFamilies[i] != families[i])
                errs.push_back(invalidGo("spec.ipFamilies[0]", printedFamilies, "may not change once set"));
    } else if (oldFamilies.size() > families.size()) {
        if (count(spec, "clusterIPs") == 0)
            errs.push_back(invalidGo("spec.ipFamilies[0]", printedFamilies, "primary ipFamily can not be unset"));
        if (!families.empty() && families[0] != oldFamilies[0])
            errs.push_back(invalidGo("spec.ipFamilies[0]", printedIPs, "may not change once set"));
        if (families.size() == 1 && str(spec, "ipFamilyPolicy") != "SingleStack")
            errs.push_back(invalid("spec.ipFamilyPolicy", member(spec, "ipFamilyPolicy"),
                                   "must be set to 'SingleStack' when releasing the secondary ipFamily"));
    } else if (!oldFamilies.empty() && !families.empty() && families[0] != oldFamilies[0]) {
        errs.push_back(invalidGo("spec.ipFamilies[0]", printedIPs, "may not change once set"));
    }
    return errs;
}

}  // namespace

FieldErrorList validateServiceNodePortRange(const Json& service, int minPort, int maxPort) {
    FieldErrorList errs;
    const Json& spec = member(service, "spec");
    const std::string type = str(spec, "type");
    if (type != "NodePort" && type != "LoadBalancer")
        return errs;
    const Json& ports = array(spec, "ports");
    for (size_t i = 0; i < ports.size(); ++i) {
        const int64_t nodePort = integer(ports[i], "nodePort");
        if (nodePort != 0 && (nodePort < minPort || nodePort > maxPort))
            errs.push_back(invalid(index("spec.ports", i) + ".nodePort", nodePort,
                                   "provided port is not in the valid range. The range of valid ports is " +
                                       std::to_string(minPort) + "-" + std::to_string(maxPort)));
    }
    return errs;
}

FieldErrorList validateServiceCreate(const Json& service) { return validateService(normalized(service, nullptr)); }

FieldErrorList validateServiceUpdate(const Json& service, const Json& oldService) {
    const Json svc = normalized(service, &oldService);
    const Json& spec = member(svc, "spec");
    const Json& oldSpec = member(oldService, "spec");
    FieldErrorList errs = validateObjectMetaUpdate(member(svc, "metadata"), member(oldService, "metadata"), "metadata");
    append(errs, validateUpgradeDowngradeClusterIPs(oldSpec, spec));
    append(errs, validateUpgradeDowngradeIPFamilies(oldSpec, spec));
    // loadBalancerClass cannot change while the Service stays a LoadBalancer.
    if (str(oldSpec, "type") == "LoadBalancer" && str(spec, "type") == "LoadBalancer" &&
        member(oldSpec, "loadBalancerClass") != member(spec, "loadBalancerClass"))
        errs.push_back(invalid("spec.loadBalancerClass", member(spec, "loadBalancerClass"), "may not change once set"));
    if (needsHealthCheck(oldSpec) && needsHealthCheck(spec) &&
        integer(spec, "healthCheckNodePort") != integer(oldSpec, "healthCheckNodePort"))
        errs.push_back(forbidden("spec.healthCheckNodePort", "field is immutable"));
    append(errs, validateService(svc));
    return errs;
}

}  // namespace kp::validation
