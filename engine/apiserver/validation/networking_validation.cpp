// networking.k8s.io/v1: Ingress, IngressClass, NetworkPolicy.
// Upstream: kubernetes pkg/apis/networking/validation/validation.go (ValidateIngressCreate,
//           ValidateIngressSpec, validateHTTPIngressPath, validateIngressBackend,
//           ValidateIngressClass, ValidateNetworkPolicy, ValidateIPBlock).
#include <cstring>

#include "apiserver/validation/core_validation.h"
#include "apiserver/validation/field_path.h"
#include "apiserver/validation/go_value.h"
#include "apiserver/validation/group_validation.h"
#include "apiserver/validation/json_access.h"
#include "apiserver/validation/name_validation.h"
#include "apiserver/validation/objectmeta.h"

namespace kp::validation {

namespace {

const Json& meta(const Json& obj) { return member(obj, "metadata"); }

bool isIP(const std::string& s) {
    unsigned char b[16];
    bool v4 = false;
    return parseIPSloppy(s, b, &v4);
}

// [SECTION] Ingress

FieldErrorList validateTypedLocalObjectReference(const Json& ref, const std::string& fldPath) {
    FieldErrorList errs;
    if (has(ref, "apiGroup"))
        for (auto& m : isDNS1123Subdomain(str(ref, "apiGroup")))
            errs.push_back(invalid(child(fldPath, "apiGroup"), str(ref, "apiGroup"), m));
    for (const char* f : {"kind", "name"}) {
        const std::string v = str(ref, f);
        if (v.empty()) {
            errs.push_back(required(child(fldPath, f)));
        } else {
            for (auto& m : isValidPathSegmentName(v))
                errs.push_back(invalid(child(fldPath, f), v, m));
        }
    }
    return errs;
}

FieldErrorList validateIngressBackend(const Json& backend, const std::string& fldPath) {
    FieldErrorList errs;
    const bool hasResource = has(backend, "resource");
    const bool hasService = has(backend, "service");
    if (hasResource && hasService)
        return {invalid(fldPath, "", "cannot set both resource and service backends")};
    if (hasResource)
        return validateTypedLocalObjectReference(member(backend, "resource"), child(fldPath, "resource"));
    if (!hasService)
        return {invalid(fldPath, "", "resource or service backend is required")};
    const Json& service = member(backend, "service");
    const std::string name = str(service, "name");
    if (name.empty()) {
        errs.push_back(required(child(fldPath, "service.name")));
    } else {
        // 1.32: backend Service names follow the Service name rule (RelaxedServiceNameValidation
        // does not exist yet).
        for (auto& m : nameIsDNS1035Label(name, false))
            errs.push_back(invalid(child(fldPath, "service.name"), name, m));
    }
    const Json& port = member(service, "port");
    const std::string portName = str(port, "name");
    const int64_t portNumber = integer(port, "number");
    if (!portName.empty() && portNumber != 0) {
        errs.push_back(invalid(fldPath, "", "cannot set both port name & port number"));
    } else if (!portName.empty()) {
        for (auto& m : isValidPortName(portName))
            errs.push_back(invalid(child(fldPath, "service.port.name"), portName, m));
    } else if (portNumber != 0) {
        for (auto& m : isValidPortNum(portNumber))
            errs.push_back(invalid(child(fldPath, "service.port.number"), portNumber, m));
    } else {
        errs.push_back(required(fldPath, "port name or number is required"));
    }
    return errs;
}

FieldErrorList validateHTTPIngressPath(const Json& path, const std::string& fldPath) {
    FieldErrorList errs;
    if (!has(path, "pathType"))
        return {required(child(fldPath, "pathType"), "pathType must be specified")};
    const std::string pathType = str(path, "pathType");
    const std::string p = str(path, "path");
    if (pathType == "Exact" || pathType == "Prefix") {
        if (p.rfind('/', 0) != 0)
            errs.push_back(invalid(child(fldPath, "path"), p, "must be an absolute path"));
        if (!p.empty()) {
            for (const char* seq : {"//", "/./", "/../", "%2f", "%2F"})
                if (p.find(seq) != std::string::npos)
                    errs.push_back(invalid(child(fldPath, "path"), p, std::string("must not contain '") + seq + "'"));
            for (const char* suffix : {"/..", "/."}) {
                const size_t n = std::strlen(suffix);
                if (p.size() >= n && p.compare(p.size() - n, n, suffix) == 0)
                    errs.push_back(invalid(child(fldPath, "path"), p, std::string("cannot end with '") + suffix + "'"));
            }
        }
    } else if (pathType == "ImplementationSpecific") {
        if (!p.empty() && p[0] != '/')
            errs.push_back(invalid(child(fldPath, "path"), p, "must be an absolute path"));
    } else {
        errs.push_back(notSupported(child(fldPath, "pathType"), pathType, {"Exact", "ImplementationSpecific", "Prefix"}));
    }
    append(errs, validateIngressBackend(member(path, "backend"), child(fldPath, "backend")));
    return errs;
}

FieldErrorList validateIngressSpec(const Json& spec, const std::string& fldPath) {
    FieldErrorList errs;
    const Json& rules = array(spec, "rules");
    if (rules.empty() && !has(spec, "defaultBackend"))
        errs.push_back(invalidGo(fldPath, has(spec, "rules") ? "[]networking.IngressRule{}" : "[]networking.IngressRule(nil)",
                                 "either `defaultBackend` or `rules` must be specified"));
    if (has(spec, "defaultBackend"))
        append(errs, validateIngressBackend(member(spec, "defaultBackend"), child(fldPath, "defaultBackend")));
    for (size_t i = 0; i < rules.size(); ++i) {
        const std::string rulePath = index(child(fldPath, "rules"), i);
        const std::string host = str(rules[i], "host");
        if (!host.empty()) {
            if (isIP(host))
                errs.push_back(invalid(child(rulePath, "host"), host, "must be a DNS name, not an IP address"));
            const Messages msgs = host.find('*') != std::string::npos ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
            for (auto& m : msgs)
                errs.push_back(invalid(child(rulePath, "host"), host, m));
        }
        if (has(rules[i], "http")) {
            const Json& paths = array(member(rules[i], "http"), "paths");
            const std::string httpPath = child(rulePath, "http");
            if (paths.empty())
                errs.push_back(required(child(httpPath, "paths")));
            for (size_t j = 0; j < paths.size(); ++j)
                append(errs, validateHTTPIngressPath(paths[j], index(child(httpPath, "paths"), j)));
        }
    }
    const Json& tls = array(spec, "tls");
    for (size_t t = 0; t < tls.size(); ++t) {
        const std::string tlsPath = index(child(fldPath, "tls"), t);
        const Json& hosts = array(tls[t], "hosts");
        for (size_t h = 0; h < hosts.size(); ++h) {
            const std::string host = hosts[h].is_string() ? hosts[h].get<std::string>() : "";
            const Messages msgs = host.find('*') != std::string::npos ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
            for (auto& m : msgs)
                errs.push_back(invalid(index(child(tlsPath, "hosts"), h), host, m));
        }
        const std::string secretName = str(tls[t], "secretName");
        if (!secretName.empty())
            for (auto& m : nameIsDNSSubdomain(secretName, false))
                errs.push_back(invalid(child(tlsPath, "secretName"), secretName, m));
    }
    if (has(spec, "ingressClassName"))
        for (auto& m : nameIsDNSSubdomain(str(spec, "ingressClassName"), false))
            errs.push_back(invalid(child(fldPath, "ingressClassName"), str(spec, "ingressClassName"), m));
    return errs;
}

// [SECTION] NetworkPolicy

FieldErrorList validateNetworkPolicyPort(const Json& port, const std::string& fldPath) {
    FieldErrorList errs;
    if (has(port, "protocol")) {
        const std::string protocol = str(port, "protocol");
        if (protocol != "TCP" && protocol != "UDP" && protocol != "SCTP")
            errs.push_back(notSupported(child(fldPath, "protocol"), protocol, {"TCP", "UDP", "SCTP"}));
    }
    const Json& p = member(port, "port");
    const bool hasEnd = has(port, "endPort");
    const int64_t endPort = integer(port, "endPort");
    if (p.is_number_integer()) {
        for (auto& m : isValidPortNum(p.get<int64_t>()))
            errs.push_back(invalid(child(fldPath, "port"), p.get<int64_t>(), m));
        if (hasEnd) {
            if (endPort < p.get<int64_t>())
                errs.push_back(invalid(child(fldPath, "endPort"), endPort, "must be greater than or equal to `port`"));
            for (auto& m : isValidPortNum(endPort))
                errs.push_back(invalid(child(fldPath, "endPort"), endPort, m));
        }
    } else if (p.is_string()) {
        if (hasEnd)
            errs.push_back(invalid(child(fldPath, "endPort"), endPort, "may not be specified when `port` is non-numeric"));
        for (auto& m : isValidPortName(p.get<std::string>()))
            errs.push_back(invalid(child(fldPath, "port"), p.get<std::string>(), m));
    } else if (hasEnd) {
        errs.push_back(invalid(child(fldPath, "endPort"), endPort, "may not be specified when `port` is not specified"));
    }
    return errs;
}

FieldErrorList validateIPBlock(const Json& ipb, const std::string& fldPath) {
    const std::string cidr = str(ipb, "cidr");
    if (cidr.empty())
        return {required(child(fldPath, "cidr"))};
    FieldErrorList errs = isValidCIDR(child(fldPath, "cidr"), cidr);
    unsigned char base[16];
    bool baseV4 = false;
    int baseLen = 0;
    if (!parseCIDRSloppy(cidr, base, &baseV4, &baseLen))
        return errs;
    const Json& except = array(ipb, "except");
    for (size_t i = 0; i < except.size(); ++i) {
        const std::string e = except[i].is_string() ? except[i].get<std::string>() : "";
        const std::string path = index(child(fldPath, "except"), i);
        append(errs, isValidCIDR(path, e));
        unsigned char ip[16];
        bool v4 = false;
        int len = 0;
        if (!parseCIDRSloppy(e, ip, &v4, &len))
            continue;
        // Compare in the 128-bit space; an IPv4 prefix length counts from bit 96.
        const int baseBits = baseV4 && cidr.find(':') == std::string::npos ? baseLen + 96 : baseLen;
        const int exceptBits = v4 && e.find(':') == std::string::npos ? len + 96 : len;
        bool contained = true;
        for (int bit = 0; bit < baseBits; ++bit) {
            const int b = (base[bit / 8] >> (7 - bit % 8)) & 1;
            const int x = (ip[bit / 8] >> (7 - bit % 8)) & 1;
            contained = contained && b == x;
        }
        if (!contained || baseBits >= exceptBits)
            errs.push_back(invalid(path, e, "must be a strict subset of `cidr`"));
    }
    return errs;
}

FieldErrorList validateNetworkPolicyPeer(const Json& peer, const std::string& fldPath) {
    FieldErrorList errs;
    int numPeers = 0;
    if (has(peer, "podSelector")) {
        ++numPeers;
        append(errs, validateLabelSelector(member(peer, "podSelector"), child(fldPath, "podSelector")));
    }
    if (has(peer, "namespaceSelector")) {
        ++numPeers;
        append(errs, validateLabelSelector(member(peer, "namespaceSelector"), child(fldPath, "namespaceSelector")));
    }
    if (has(peer, "ipBlock")) {
        ++numPeers;
        append(errs, validateIPBlock(member(peer, "ipBlock"), child(fldPath, "ipBlock")));
    }
    if (numPeers == 0)
        errs.push_back(required(fldPath, "must specify a peer"));
    else if (numPeers > 1 && has(peer, "ipBlock"))
        errs.push_back(forbidden(fldPath, "may not specify both ipBlock and another peer"));
    return errs;
}

FieldErrorList validateNetworkPolicySpec(const Json& spec, const std::string& fldPath) {
    FieldErrorList errs = validateLabelSelector(object(spec, "podSelector"), child(fldPath, "podSelector"));
    for (const char* direction : {"ingress", "egress"}) {
        const char* peers = std::string(direction) == "ingress" ? "from" : "to";
        const Json& rules = array(spec, direction);
        for (size_t i = 0; i < rules.size(); ++i) {
            const std::string rulePath = index(child(fldPath, direction), i);
            const Json& ports = array(rules[i], "ports");
            for (size_t p = 0; p < ports.size(); ++p)
                append(errs, validateNetworkPolicyPort(ports[p], index(child(rulePath, "ports"), p)));
            const Json& list = array(rules[i], peers);
            for (size_t p = 0; p < list.size(); ++p)
                append(errs, validateNetworkPolicyPeer(list[p], index(child(rulePath, peers), p)));
        }
    }
    const Json& types = array(spec, "policyTypes");
    if (types.size() > 2) {
        errs.push_back(invalidGo(child(fldPath, "policyTypes"), "&[]networking.PolicyType" + goStringSlice(types).substr(8),
                                 "may not specify more than two policyTypes"));
        return errs;
    }
    for (size_t i = 0; i < types.size(); ++i) {
        const std::string t = types[i].is_string() ? types[i].get<std::string>() : "";
        if (t != "Ingress" && t != "Egress")
            errs.push_back(notSupported(index(child(fldPath, "policyTypes"), i), t, {"Ingress", "Egress"}));
    }
    return errs;
}

}  // namespace

FieldErrorList validateIngress(const Json& ingress) {
    FieldErrorList errs = validateObjectMeta(meta(ingress), true, nameIsDNSSubdomain);
    const Json& spec = member(ingress, "spec");
    append(errs, validateIngressSpec(spec, "spec"));
    const Json& annotations = object(meta(ingress), "annotations");
    const std::string classAnnotation = "kubernetes.io/ingress.class";
    // Upstream builds this path as annotations.<key>, without "metadata.".
    if (annotations.contains(classAnnotation) && has(spec, "ingressClassName") &&
        annotations[classAnnotation] != spec["ingressClassName"])
        errs.push_back(invalid("annotations." + classAnnotation, annotations[classAnnotation],
                               "must match `ingressClassName` when both are specified"));
    return errs;
}

FieldErrorList validateIngressUpdate(const Json& ingress, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdate(meta(ingress), meta(old));
    // SIMPLIFICATION: upstream tolerates invalid TLS secret names and wildcard rules that
    // were already stored; we validate updates as strictly as creates.
    append(errs, validateObjectMeta(meta(ingress), true, nameIsDNSSubdomain));
    append(errs, validateIngressSpec(member(ingress, "spec"), "spec"));
    return errs;
}

FieldErrorList validateIngressClass(const Json& ic) {
    FieldErrorList errs = validateObjectMeta(meta(ic), false, nameIsDNSSubdomain);
    const Json& spec = member(ic, "spec");
    const std::string controller = str(spec, "controller");
    if (controller.empty()) {
        errs.push_back(required("spec.controller"));
    } else {
        if (controller.size() > 250)
            errs.push_back(tooLong("spec.controller", "", 250));
        append(errs, isDomainPrefixedPath("spec.controller", controller));
    }
    if (has(spec, "parameters")) {
        const Json& params = member(spec, "parameters");
        const std::string path = "spec.parameters";
        if (has(params, "apiGroup"))
            for (auto& m : isDNS1123Subdomain(str(params, "apiGroup")))
                errs.push_back(invalid(child(path, "apiGroup"), str(params, "apiGroup"), m));
        for (const char* f : {"kind", "name"}) {
            if (str(params, f).empty())
                errs.push_back(required(child(path, f)));
            else
                for (auto& m : isValidPathSegmentName(str(params, f)))
                    errs.push_back(invalid(child(path, f), str(params, f), m));
        }
        if (!has(params, "scope")) {
            errs.push_back(required(child(path, "scope")));
        } else {
            const std::string scope = str(params, "scope");
            if (scope != "Namespace" && scope != "Cluster") {
                errs.push_back(notSupported(child(path, "scope"), scope, {"Cluster", "Namespace"}));
            } else if (scope == "Namespace") {
                if (!has(params, "namespace"))
                    errs.push_back(required(child(path, "namespace"), "`parameters.scope` is set to 'Namespace'"));
                else
                    for (auto& m : nameIsDNSLabel(str(params, "namespace"), false))
                        errs.push_back(invalid(child(path, "namespace"), str(params, "namespace"), m));
            } else if (has(params, "namespace")) {
                errs.push_back(forbidden(child(path, "namespace"), "`parameters.scope` is set to 'Cluster'"));
            }
        }
    }
    return errs;
}

FieldErrorList validateIngressClassUpdate(const Json& ic, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdate(meta(ic), meta(old));
    append(errs, validateImmutableField(str(member(ic, "spec"), "controller"), str(member(old, "spec"), "controller"),
                                        "spec.controller"));
    append(errs, validateIngressClass(ic));
    return errs;
}

FieldErrorList validateNetworkPolicy(const Json& np) {
    FieldErrorList errs = validateObjectMeta(meta(np), true, nameIsDNSSubdomain);
    append(errs, validateNetworkPolicySpec(member(np, "spec"), "spec"));
    return errs;
}

FieldErrorList validateNetworkPolicyUpdate(const Json& np, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdate(meta(np), meta(old));
    append(errs, validateNetworkPolicySpec(member(np, "spec"), "spec"));
    return errs;
}

}  // namespace kp::validation
