// The smaller core kinds: ReplicationController, Namespace, ConfigMap, Secret, ServiceAccount,
// Endpoints, Node, Event, ResourceQuota, LimitRange.
// Upstream: kubernetes pkg/apis/core/validation/validation.go and events.go (functions named
//           after each kind: ValidateNamespace, ValidateConfigMap, ValidateSecret, ...).
#include <algorithm>
#include <map>
#include <set>

#include "apiserver/validation/core_validation.h"
#include "apiserver/validation/field_path.h"
#include "apiserver/validation/go_value.h"
#include "apiserver/validation/json_access.h"
#include "apiserver/validation/name_validation.h"
#include "apiserver/validation/objectmeta.h"
#include "apiserver/validation/quantity_value.h"
#include "base/base64.h"

namespace kp::validation {

namespace {

constexpr int kMaxSecretSize = 1024 * 1024;  // core.MaxSecretSize, also the ConfigMap limit

std::string stringOf(const Json& v) { return v.is_string() ? v.get<std::string>() : std::string(); }

const Json& meta(const Json& obj) { return member(obj, "metadata"); }

// Bytes a base64 string decodes to ([]byte fields are base64 in JSON).
size_t base64DecodedSize(const std::string& s) {
    size_t padding = 0;
    for (size_t i = s.size(); i > 0 && s[i - 1] == '='; --i)
        ++padding;
    const size_t chars = s.size() - padding;
    return chars * 3 / 4;
}

// The error encoding/json.Unmarshal gives when decoding into map[string]interface{}, for the
// common cases.
// SIMPLIFICATION: only empty, non-object and syntactically broken inputs are told apart, and
// the syntax error names the first character, not the exact offending one.
std::string jsonObjectError(const std::string& text) {
    size_t i = text.find_first_not_of(" \t\r\n");
    if (i == std::string::npos)
        return "unexpected end of JSON input";
    const Json parsed = Json::parse(text, nullptr, false);
    if (parsed.is_discarded()) {
        const char c = text[i];
        if (c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n')
            return "unexpected end of JSON input";
        return std::string("invalid character '") + c + "' looking for beginning of value";
    }
    if (parsed.is_object())
        return "";
    const char* kind = parsed.is_array() ? "array" : parsed.is_string() ? "string" : parsed.is_boolean() ? "bool"
                                                   : parsed.is_null()   ? "" : "number";
    if (!*kind)
        return "";  // null unmarshals into a nil map without error
    return std::string("json: cannot unmarshal ") + kind + " into Go value of type map[string]interface {}";
}

// [SECTION] ReplicationController

FieldErrorList validateReplicationControllerSpec(const Json& spec, const std::string& fldPath) {
    FieldErrorList errs = validateNonnegativeField(integer(spec, "minReadySeconds"), child(fldPath, "minReadySeconds"));
    const Json& selector = member(spec, "selector");
    if (!selector.is_object() || selector.empty())
        errs.push_back(required(child(fldPath, "selector")));
    append(errs, validateNonnegativeField(integer(spec, "replicas"), child(fldPath, "replicas")));
    const std::string tmplPath = child(fldPath, "template");
    const Json& tmpl = member(spec, "template");
    if (!tmpl.is_object()) {
        errs.push_back(required(tmplPath));
        return errs;
    }
    const Json& labels = member(member(tmpl, "metadata"), "labels");
    if (selector.is_object() && !selector.empty() && !mapSelectorMatches(selector, labels))
        errs.push_back(invalidGo(child(child(tmplPath, "metadata"), "labels"), goStringMap(labels),
                                 "`selector` does not match template `labels`"));
    append(errs, validatePodTemplateSpec(tmpl, tmplPath, PodValidationOptions{}));
    const Json& podSpec = member(tmpl, "spec");
    if (str(podSpec, "restartPolicy") != "Always")
        errs.push_back(notSupported(child(child(tmplPath, "spec"), "restartPolicy"), str(podSpec, "restartPolicy"), {"Always"}));
    if (has(podSpec, "activeDeadlineSeconds"))
        errs.push_back(forbidden(child(child(tmplPath, "spec"), "activeDeadlineSeconds"),
                                 "activeDeadlineSeconds in ReplicationController is not Supported"));
    return errs;
}

// [SECTION] Endpoints and IPs

FieldErrorList validateEndpointAddress(const Json& address, const std::string& fldPath) {
    FieldErrorList errs = isValidIP(child(fldPath, "ip"), str(address, "ip"));
    if (!str(address, "hostname").empty())
        append(errs, validateDNS1123Label(str(address, "hostname"), child(fldPath, "hostname")));
    if (has(address, "nodeName"))
        for (auto& m : nameIsDNSSubdomain(str(address, "nodeName"), false))
            errs.push_back(invalid(child(fldPath, "nodeName"), str(address, "nodeName"), m));
    append(errs, validateNonSpecialIP(str(address, "ip"), child(fldPath, "ip")));
    return errs;
}

FieldErrorList validateEndpointSubsets(const Json& subsets, const std::string& fldPath) {
    FieldErrorList errs;
    for (size_t i = 0; i < subsets.size(); ++i) {
        const Json& ss = subsets[i];
        const std::string idxPath = index(fldPath, i);
        if (count(ss, "addresses") == 0 && count(ss, "notReadyAddresses") == 0)
            errs.push_back(required(idxPath, "must specify `addresses` or `notReadyAddresses`"));
        for (const char* list : {"addresses", "notReadyAddresses"}) {
            const Json& addresses = array(ss, list);
            for (size_t a = 0; a < addresses.size(); ++a)
                append(errs, validateEndpointAddress(addresses[a], index(child(idxPath, list), a)));
        }
        const Json& ports = array(ss, "ports");
        for (size_t p = 0; p < ports.size(); ++p) {
            const std::string portPath = index(child(idxPath, "ports"), p);
            const std::string name = str(ports[p], "name");
            if (ports.size() > 1 && name.empty())
                errs.push_back(required(child(portPath, "name")));
            else if (!name.empty())
                append(errs, validateDNS1123Label(name, child(portPath, "name")));
            for (auto& m : isValidPortNum(integer(ports[p], "port")))
                errs.push_back(invalid(child(portPath, "port"), integer(ports[p], "port"), m));
            const std::string protocol = str(ports[p], "protocol");
            if (protocol.empty())
                errs.push_back(required(child(portPath, "protocol")));
            else if (protocol != "TCP" && protocol != "UDP" && protocol != "SCTP")
                errs.push_back(notSupported(child(portPath, "protocol"), protocol, {"SCTP", "TCP", "UDP"}));
            if (has(ports[p], "appProtocol"))
                append(errs, validateQualifiedName(str(ports[p], "appProtocol"), child(portPath, "appProtocol")));
        }
    }
    return errs;
}

// [SECTION] Node

FieldErrorList validateNodeTaints(const Json& taints, const std::string& fldPath) {
    FieldErrorList errs;
    std::set<std::pair<std::string, std::string>> unique;  // (effect, key)
    for (size_t i = 0; i < taints.size(); ++i) {
        const Json& t = taints[i];
        const std::string idxPath = index(fldPath, i);
        const std::string k = str(t, "key");
        const std::string value = str(t, "value");
        const std::string effect = str(t, "effect");
        append(errs, validateLabelName(k, child(idxPath, "key")));
        Messages msgs = isValidLabelValue(value);
        if (!msgs.empty()) {
            std::string joined;
            for (size_t m = 0; m < msgs.size(); ++m)
                joined += (m ? ";" : "") + msgs[m];
            errs.push_back(invalid(child(idxPath, "value"), value, joined));
        }
        if (effect.empty())
            errs.push_back(required(child(idxPath, "effect")));
        else if (effect != "NoSchedule" && effect != "PreferNoSchedule" && effect != "NoExecute")
            errs.push_back(notSupported(child(idxPath, "effect"), effect, {"NoSchedule", "PreferNoSchedule", "NoExecute"}));
        if (unique.count({effect, k})) {
            const std::string timeAdded = has(t, "timeAdded") ? "&v1.Time{" + goTime(str(t, "timeAdded")) + "}" : "(*v1.Time)(nil)";
            FieldError dup = duplicateGo(idxPath, "core.Taint{Key:" + goQuote(k) + ", Value:" + goQuote(value) +
                                                      ", Effect:" + goQuote(effect) + ", TimeAdded:" + timeAdded + "}");
            dup.detail = "taints must be unique by key and effect pair";
            errs.push_back(std::move(dup));
            continue;
        }
        unique.insert({effect, k});
    }
    return errs;
}

FieldErrorList validateNodeResources(const Json& node) {
    FieldErrorList errs;
    const Json& status = member(node, "status");
    for (const char* list : {"capacity", "allocatable"})
        for (const auto& [k, v] : object(status, list).items())
            append(errs, validateResourceQuantityValue(k, v, std::string("status.") + list + "." + k));
    return errs;
}

FieldErrorList validatePodCIDRs(const Json& node) {
    FieldErrorList errs;
    const Json& cidrs = array(member(node, "spec"), "podCIDRs");
    for (size_t i = 0; i < cidrs.size(); ++i)
        append(errs, isValidCIDR(index("spec.podCIDRs", i), stringOf(cidrs[i])));
    if (cidrs.size() > 1) {
        std::set<std::string> seen;
        for (size_t i = 0; i < cidrs.size(); ++i) {
            if (seen.count(stringOf(cidrs[i])))
                errs.push_back(duplicate(index("spec.podCIDRs", i), stringOf(cidrs[i])));
            seen.insert(stringOf(cidrs[i]));
        }
        // SIMPLIFICATION: the dual-stack family check on podCIDRs is not done.
    }
    return errs;
}

// [SECTION] ResourceQuota and LimitRange

bool isStandardQuotaResourceName(const std::string& name) {
    static const std::set<std::string> kQuota = {
        "pods", "memory", "cpu", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.storage",
        "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage", "persistentvolumeclaims",
        "services", "services.nodeports", "services.loadbalancers", "replicationcontrollers", "resourcequotas",
        "secrets", "configmaps"};
    return kQuota.count(name) > 0 || name.rfind("requests.hugepages-", 0) == 0;
}

FieldErrorList validateQuotaResourceName(const std::string& name, const std::string& fldPath) {
    FieldErrorList errs;
    for (auto& m : isQualifiedName(name))
        errs.push_back(invalidGo(fldPath, name, m));  // core.ResourceName prints unquoted (Stringer)
    if (!errs.empty())
        return errs;
    if (name.find('/') == std::string::npos && !isStandardQuotaResourceName(name))
        errs.push_back(invalidGo(fldPath, name, "must be a standard resource for quota"));
    return errs;
}

FieldErrorList validateQuotaResources(const Json& list, const std::string& fldPath) {
    FieldErrorList errs;
    if (!list.is_object())
        return errs;
    for (const auto& [k, v] : list.items()) {
        append(errs, validateQuotaResourceName(k, key(fldPath, k)));
        append(errs, validateResourceQuantityValue(k, v, key(fldPath, k)));
    }
    return errs;
}

std::string goScopes(const Json& scopes) {
    const std::string slice = goStringSlice(scopes);
    return "[]core.ResourceQuotaScope" + slice.substr(8);  // same elements, named type
}

FieldErrorList validateResourceQuotaSpec(const Json& spec, const std::string& fldPath) {
    FieldErrorList errs = validateQuotaResources(member(spec, "hard"), child(fldPath, "hard"));
    const Json& scopes = array(spec, "scopes");
    static const std::set<std::string> kScopes = {"Terminating", "NotTerminating", "BestEffort", "NotBestEffort",
                                                  "PriorityClass", "CrossNamespacePodAffinity", "VolumeAttributesClass"};
    std::set<std::string> present;
    for (const Json& s : scopes) {
        if (!kScopes.count(stringOf(s)))
            errs.push_back(invalidGo(child(fldPath, "scopes"), goScopes(scopes), "unsupported scope"));
        present.insert(stringOf(s));
    }
    if ((present.count("BestEffort") && present.count("NotBestEffort")) ||
        (present.count("Terminating") && present.count("NotTerminating")))
        errs.push_back(invalidGo(child(fldPath, "scopes"), goScopes(scopes), "conflicting scopes"));
    // SIMPLIFICATION: scope/resource compatibility and scopeSelector are not validated.
    return errs;
}

FieldErrorList validateLimitRangeSpec(const Json& spec) {
    FieldErrorList errs;
    const Json& limits = array(spec, "limits");
    std::set<std::string> types;
    for (size_t i = 0; i < limits.size(); ++i) {
        const Json& limit = limits[i];
        const std::string idxPath = index("spec.limits", i);
        const std::string type = str(limit, "type");
        for (auto& m : isQualifiedName(type))
            errs.push_back(invalid(child(idxPath, "type"), type, m));
        if (isQualifiedName(type).empty() && type.find('/') == std::string::npos && type != "Pod" && type != "Container" &&
            type != "PersistentVolumeClaim")
            errs.push_back(invalid(child(idxPath, "type"), type, "must be a standard limit type or fully qualified"));
        if (types.count(type))
            errs.push_back(duplicate(child(idxPath, "type"), type));
        types.insert(type);
        if (type == "Pod") {
            if (count(limit, "default") > 0)
                errs.push_back(forbidden(child(idxPath, "default"), "may not be specified when `type` is 'Pod'"));
            if (count(limit, "defaultRequest") > 0)
                errs.push_back(forbidden(child(idxPath, "defaultRequest"), "may not be specified when `type` is 'Pod'"));
        }
        if (type == "PersistentVolumeClaim" && !has(object(limit, "min"), "storage") && !has(object(limit, "max"), "storage"))
            errs.push_back(required(child(idxPath, "limits"), "either minimum or maximum storage value is required, but neither was provided"));
        // Relations between min, max, default and defaultRequest, per resource.
        std::set<std::string> names;
        for (const char* f : {"max", "min", "default", "defaultRequest", "maxLimitRequestRatio"})
            for (const auto& [k, v] : object(limit, f).items())
                names.insert(k);
        auto q = [&](const char* f, const std::string& k) { return quantityFromJson(member(object(limit, f), k)); };
        // SIMPLIFICATION: upstream prints these values as resource.Quantity structs (%#v).
        for (const auto& k : names) {
            const auto mn = q("min", k), mx = q("max", k), def = q("default", k), req = q("defaultRequest", k);
            if (mn && mx && compareQuantities(*mn, *mx) > 0)
                errs.push_back(invalid(key(child(idxPath, "min"), k), quantityString(*mn),
                                       "min value " + quantityString(*mn) + " is greater than max value " + quantityString(*mx)));
            if (req && mn && compareQuantities(*mn, *req) > 0)
                errs.push_back(invalid(key(child(idxPath, "defaultRequest"), k), quantityString(*req),
                                       "min value " + quantityString(*mn) + " is greater than default request value " + quantityString(*req)));
            if (req && mx && compareQuantities(*req, *mx) > 0)
                errs.push_back(invalid(key(child(idxPath, "defaultRequest"), k), quantityString(*req),
                                       "default request value " + quantityString(*req) + " is greater than max value " + quantityString(*mx)));
            if (req && def && compareQuantities(*req, *def) > 0)
                errs.push_back(invalid(key(child(idxPath, "defaultRequest"), k), quantityString(*req),
                                       "default request value " + quantityString(*req) + " is greater than default limit value " + quantityString(*def)));
            if (def && mn && compareQuantities(*mn, *def) > 0)
                errs.push_back(invalid(key(child(idxPath, "default"), k), quantityString(*mn),
                                       "min value " + quantityString(*mn) + " is greater than default value " + quantityString(*def)));
            if (def && mx && compareQuantities(*def, *mx) > 0)
                errs.push_back(invalid(key(child(idxPath, "default"), k), quantityString(*mx),
                                       "default value " + quantityString(*def) + " is greater than max value " + quantityString(*mx)));
        }
    }
    return errs;
}

}  // namespace

// [SECTION] kinds

FieldErrorList validateReplicationController(const Json& rc) {
    FieldErrorList errs = validateObjectMeta(meta(rc), true, nameIsDNSSubdomain);
    append(errs, validateReplicationControllerSpec(member(rc, "spec"), "spec"));
    return errs;
}

FieldErrorList validateReplicationControllerUpdate(const Json& rc, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdate(meta(rc), meta(old));
    append(errs, validateReplicationControllerSpec(member(rc, "spec"), "spec"));
    return errs;
}

FieldErrorList validateNamespace(const Json& ns) {
    FieldErrorList errs = validateObjectMeta(meta(ns), false, nameIsDNSLabel);
    for (const Json& f : array(member(ns, "spec"), "finalizers"))
        append(errs, validateFinalizerName(stringOf(f), "spec.finalizers"));
    return errs;
}

FieldErrorList validateNamespaceUpdate(const Json& ns, const Json& old) { return validateObjectMetaUpdate(meta(ns), meta(old)); }

FieldErrorList validateConfigMap(const Json& cm) {
    FieldErrorList errs = validateObjectMeta(meta(cm), true, nameIsDNSSubdomain);
    size_t totalSize = 0;
    const Json& binary = object(cm, "binaryData");
    for (const auto& [k, v] : object(cm, "data").items()) {
        for (auto& m : isConfigMapKey(k))
            errs.push_back(invalid(key("data", k), k, m));
        if (binary.contains(k))
            errs.push_back(invalid(key("data", k), k, "duplicate of key present in binaryData"));
        totalSize += stringOf(v).size();
    }
    for (const auto& [k, v] : binary.items()) {
        for (auto& m : isConfigMapKey(k))
            errs.push_back(invalid(key("binaryData", k), k, m));
        totalSize += base64DecodedSize(stringOf(v));
    }
    // field.NewPath("") prints as "[]": the error is about the whole object.
    if (totalSize > static_cast<size_t>(kMaxSecretSize))
        errs.push_back(tooLong("[]", "", kMaxSecretSize));
    return errs;
}

FieldErrorList validateConfigMapUpdate(const Json& cm, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdate(meta(cm), meta(old));
    if (boolean(old, "immutable")) {
        if (!boolean(cm, "immutable"))
            errs.push_back(forbidden("immutable", "field is immutable when `immutable` is set"));
        if (!semanticallyEqual(member(cm, "data"), member(old, "data")))
            errs.push_back(forbidden("data", "field is immutable when `immutable` is set"));
        if (!semanticallyEqual(member(cm, "binaryData"), member(old, "binaryData")))
            errs.push_back(forbidden("binaryData", "field is immutable when `immutable` is set"));
    }
    append(errs, validateConfigMap(cm));
    return errs;
}

FieldErrorList validateSecret(const Json& secret) {
    FieldErrorList errs = validateObjectMeta(meta(secret), true, nameIsDNSSubdomain);
    // Conversion from v1 folds stringData into data before validation.
    Json data = object(secret, "data");
    for (const auto& [k, v] : object(secret, "stringData").items())
        data[k] = v;
    size_t totalSize = 0;
    std::map<std::string, std::string> decoded;
    for (const auto& [k, v] : data.items()) {
        for (auto& m : isConfigMapKey(k))
            errs.push_back(invalid(key("data", k), k, m));
        const bool fromStringData = object(secret, "stringData").contains(k);
        decoded[k] = fromStringData ? stringOf(v) : base64DecodeLenient(stringOf(v));
        totalSize += decoded[k].size();
    }
    if (totalSize > static_cast<size_t>(kMaxSecretSize))
        errs.push_back(tooLong("data", "", kMaxSecretSize));

    const std::string type = str(secret, "type");
    auto requireKey = [&](const std::string& k) { errs.push_back(required(key("data", k))); };
    if (type == "kubernetes.io/service-account-token") {
        if (str(object(meta(secret), "annotations"), "kubernetes.io/service-account.name").empty())
            errs.push_back(required(key("metadata.annotations", "kubernetes.io/service-account.name")));
    } else if (type == "kubernetes.io/dockercfg" || type == "kubernetes.io/dockerconfigjson") {
        const std::string k = type == "kubernetes.io/dockercfg" ? ".dockercfg" : ".dockerconfigjson";
        if (!decoded.count(k)) {
            requireKey(k);
        } else if (std::string e = jsonObjectError(decoded[k]); !e.empty()) {
            errs.push_back(invalid(key("data", k), "<secret contents redacted>", e));
        }
    } else if (type == "kubernetes.io/basic-auth") {
        if (!decoded.count("username") && !decoded.count("password")) {
            requireKey("username");
            requireKey("password");
        }
    } else if (type == "kubernetes.io/ssh-auth") {
        if (decoded["ssh-privatekey"].empty())
            requireKey("ssh-privatekey");
    } else if (type == "kubernetes.io/tls") {
        if (!decoded.count("tls.crt"))
            requireKey("tls.crt");
        if (!decoded.count("tls.key"))
            requireKey("tls.key");
    }
    return errs;
}

FieldErrorList validateSecretUpdate(const Json& secret, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdate(meta(secret), meta(old));
    append(errs, validateImmutableField(str(secret, "type"), str(old, "type"), "type"));
    if (boolean(old, "immutable")) {
        if (!boolean(secret, "immutable"))
            errs.push_back(forbidden("immutable", "field is immutable when `immutable` is set"));
        if (!semanticallyEqual(member(secret, "data"), member(old, "data")))
            errs.push_back(forbidden("data", "field is immutable when `immutable` is set"));
    }
    append(errs, validateSecret(secret));
    return errs;
}

FieldErrorList validateServiceAccount(const Json& sa) { return validateObjectMeta(meta(sa), true, nameIsDNSSubdomain); }

FieldErrorList validateServiceAccountUpdate(const Json& sa, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdate(meta(sa), meta(old));
    append(errs, validateServiceAccount(sa));
    return errs;
}

FieldErrorList validateEndpoints(const Json& ep) {
    FieldErrorList errs = validateObjectMeta(meta(ep), true, nameIsDNSSubdomain);
    append(errs, validateEndpointSubsets(array(ep, "subsets"), "subsets"));
    return errs;
}

FieldErrorList validateEndpointsUpdate(const Json& ep, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdate(meta(ep), meta(old));
    append(errs, validateEndpoints(ep));
    return errs;
}

FieldErrorList validateNonSpecialIP(const std::string& ip, const std::string& fldPath) {
    unsigned char b[16];
    bool v4 = false;
    if (!parseIPSloppy(ip, b, &v4))
        return {invalid(fldPath, ip, "must be a valid IP address")};
    FieldErrorList errs;
    const bool unspecified = v4 ? (b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] == 0)
                                : std::all_of(b, b + 16, [](unsigned char c) { return c == 0; });
    const bool loopback = v4 ? b[12] == 127 : (std::all_of(b, b + 15, [](unsigned char c) { return c == 0; }) && b[15] == 1);
    const bool linkLocalUnicast = v4 ? (b[12] == 169 && b[13] == 254) : (b[0] == 0xfe && (b[1] & 0xc0) == 0x80);
    const bool linkLocalMulticast = v4 ? (b[12] == 224 && b[13] == 0 && b[14] == 0) : (b[0] == 0xff && (b[1] & 0x0f) == 0x02);
    if (unspecified)
        errs.push_back(invalid(fldPath, ip, "may not be unspecified (" + ip + ")"));
    if (loopback)
        errs.push_back(invalid(fldPath, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
    if (linkLocalUnicast)
        errs.push_back(invalid(fldPath, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
    if (linkLocalMulticast)
        errs.push_back(invalid(fldPath, ip, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
    return errs;
}

FieldErrorList validateNode(const Json& node) {
    FieldErrorList errs = validateObjectMeta(meta(node), false, nameIsDNSSubdomain);
    // Upstream reports taints under "metadata.taints" (it reuses the metadata path).
    append(errs, validateNodeTaints(array(member(node, "spec"), "taints"), "metadata.taints"));
    append(errs, validateNodeResources(node));
    append(errs, validatePodCIDRs(node));
    return errs;
}

FieldErrorList validateNodeUpdate(const Json& node, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdate(meta(node), meta(old));
    append(errs, validateNodeResources(node));
    const Json& addresses = array(member(node, "status"), "addresses");
    for (size_t i = 0; i < addresses.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            if (addresses[i] == addresses[j]) {
                errs.push_back(duplicateGo(index("status.addresses", i), "core.NodeAddress{Type:" + goQuote(str(addresses[i], "type")) +
                                                                            ", Address:" + goQuote(str(addresses[i], "address")) + "}"));
                break;
            }
    const Json& spec = member(node, "spec");
    const Json& oldSpec = member(old, "spec");
    const Json& oldCIDRs = array(oldSpec, "podCIDRs");
    if (!oldCIDRs.empty()) {
        const Json& cidrs = array(spec, "podCIDRs");
        if (cidrs.size() != oldCIDRs.size()) {
            errs.push_back(forbidden("spec.podCIDRs", "node updates may not change podCIDR except from \"\" to valid"));
        } else {
            for (size_t i = 0; i < cidrs.size(); ++i)
                if (cidrs[i] != oldCIDRs[i])
                    errs.push_back(forbidden("spec.podCIDRs", "node updates may not change podCIDR except from \"\" to valid"));
        }
    }
    if (!str(oldSpec, "providerID").empty() && str(oldSpec, "providerID") != str(spec, "providerID"))
        errs.push_back(forbidden("spec.providerID", "node updates may not change providerID except from \"\" to valid"));
    append(errs, validateNodeTaints(array(spec, "taints"), "metadata.taints"));
    if (str(spec, "externalID") != str(oldSpec, "externalID"))
        errs.push_back(forbidden("spec.externalID", "may not be updated"));
    return errs;
}

// Upstream: events.go#legacyValidateEvent for core/v1 Events (the only check they get).
FieldErrorList validateEventCreate(const Json& event) {
    FieldErrorList errs;
    const std::string ns = str(meta(event), "namespace");
    const Json& involved = member(event, "involvedObject");
    const std::string involvedNs = str(involved, "namespace");
    if (!has(event, "eventTime")) {
        // Old-style event: its namespace must agree with the involved object's.
        if (involvedNs.empty()) {
            if (!ns.empty() && ns != "default")
                errs.push_back(invalid("involvedObject.namespace", involvedNs, "does not match event.namespace"));
        } else if (ns != involvedNs) {
            errs.push_back(invalid("involvedObject.namespace", involvedNs, "does not match event.namespace"));
        }
    } else {
        if (involvedNs.empty() && ns != "default" && ns != "kube-system")
            errs.push_back(invalid("involvedObject.namespace", involvedNs, "does not match event.namespace"));
        const std::string controller = str(event, "reportingComponent");
        if (controller.empty())
            errs.push_back(required("reportingComponent"));
        append(errs, validateQualifiedName(controller, "reportingComponent"));
        auto limited = [&](const char* f, size_t limit, bool requiredField) {
            const std::string v = str(event, f);
            if (requiredField && v.empty())
                errs.push_back(required(f));
            if (v.size() > limit)
                errs.push_back(invalid(f, "", "can have at most " + std::to_string(limit) + " characters"));
        };
        limited("reportingInstance", 128, true);
        limited("action", 128, true);
        limited("reason", 128, true);
        limited("message", 1024, false);
    }
    for (auto& m : isDNS1123Subdomain(ns))
        errs.push_back(invalid("namespace", ns, m));
    return errs;
}

FieldErrorList validateEventUpdate(const Json& event, const Json& /*old*/) { return validateEventCreate(event); }

FieldErrorList validateResourceQuota(const Json& quota) {
    FieldErrorList errs = validateObjectMeta(meta(quota), true, nameIsDNSSubdomain);
    append(errs, validateResourceQuotaSpec(member(quota, "spec"), "spec"));
    const Json& status = member(quota, "status");
    append(errs, validateQuotaResources(member(status, "hard"), "status.hard"));
    append(errs, validateQuotaResources(member(status, "used"), "status.used"));
    return errs;
}

FieldErrorList validateResourceQuotaUpdate(const Json& quota, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdate(meta(quota), meta(old));
    append(errs, validateResourceQuotaSpec(member(quota, "spec"), "spec"));
    std::set<std::string> oldScopes, newScopes;
    for (const Json& s : array(member(old, "spec"), "scopes"))
        oldScopes.insert(stringOf(s));
    for (const Json& s : array(member(quota, "spec"), "scopes"))
        newScopes.insert(stringOf(s));
    if (oldScopes != newScopes)
        errs.push_back(invalidGo("spec.scopes", goScopes(member(member(quota, "spec"), "scopes")), kFieldImmutableErrorMsg));
    return errs;
}

FieldErrorList validateLimitRange(const Json& lr) {
    FieldErrorList errs = validateObjectMeta(meta(lr), true, nameIsDNSSubdomain);
    append(errs, validateLimitRangeSpec(member(lr, "spec")));
    return errs;
}

FieldErrorList validateLimitRangeUpdate(const Json& lr, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdate(meta(lr), meta(old));
    append(errs, validateLimitRange(lr));
    return errs;
}

}  // namespace kp::validation
