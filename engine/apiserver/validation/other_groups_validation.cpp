// The smaller groups: discovery (EndpointSlice), coordination (Lease), storage (StorageClass),
// autoscaling (HorizontalPodAutoscaler), policy (PodDisruptionBudget), rbac (Role, ClusterRole,
// RoleBinding, ClusterRoleBinding).
// Upstream: kubernetes pkg/apis/{discovery,coordination,storage,autoscaling,policy,rbac}/validation.
//
// PodDisruptionBudget validates no metadata itself: its name gets the generic path-segment rule
// that the apiserver applies to every object after the kind's own validation.
#include <algorithm>
#include <set>

#include "apiserver/validation/core_validation.h"
#include "apiserver/validation/field_path.h"
#include "apiserver/validation/go_value.h"
#include "apiserver/validation/group_validation.h"
#include "apiserver/validation/json_access.h"
#include "apiserver/validation/name_validation.h"
#include "apiserver/validation/objectmeta.h"
#include "apiserver/validation/quantity_value.h"

namespace kp::validation {

namespace {

const Json& meta(const Json& obj) { return member(obj, "metadata"); }

std::string stringOf(const Json& v) { return v.is_string() ? v.get<std::string>() : std::string(); }

// [SECTION] EndpointSlice

FieldErrorList validateEndpointSliceBody(const Json& slice, const std::set<std::string>& validAddressTypes) {
    FieldErrorList errs = validateObjectMeta(meta(slice), true, nameIsDNSSubdomain);
    const std::string addressType = str(slice, "addressType");
    if (addressType.empty())
        errs.push_back(required("addressType"));
    else if (!validAddressTypes.count(addressType))
        errs.push_back(notSupported("addressType", addressType, std::vector<std::string>(validAddressTypes.begin(), validAddressTypes.end())));

    const Json& endpoints = array(slice, "endpoints");
    if (endpoints.size() > 1000) {
        errs.push_back(tooMany("endpoints", static_cast<int>(endpoints.size()), 1000));
    } else {
        for (size_t i = 0; i < endpoints.size(); ++i) {
            const Json& ep = endpoints[i];
            const std::string idxPath = index("endpoints", i);
            const std::string addressPath = child(idxPath, "addresses");
            const Json& addresses = array(ep, "addresses");
            if (addresses.empty())
                errs.push_back(required(addressPath, "must contain at least 1 address"));
            else if (addresses.size() > 100)
                errs.push_back(tooMany(addressPath, static_cast<int>(addresses.size()), 100));
            for (size_t a = 0; a < addresses.size(); ++a) {
                const std::string address = stringOf(addresses[a]);
                const std::string path = index(addressPath, a);
                if (addressType == "IPv4") {
                    append(errs, isValidIPv4Address(path, address));
                    append(errs, validateNonSpecialIP(address, path));
                } else if (addressType == "IPv6") {
                    append(errs, isValidIPv6Address(path, address));
                    append(errs, validateNonSpecialIP(address, path));
                } else if (addressType == "FQDN") {
                    append(errs, isFullyQualifiedDomainName(path, address));
                }
            }
            if (has(ep, "nodeName"))
                for (auto& m : nameIsDNSSubdomain(str(ep, "nodeName"), false))
                    errs.push_back(invalid(child(idxPath, "nodeName"), str(ep, "nodeName"), m));
            const Json& topology = member(ep, "deprecatedTopology");
            if (count(ep, "deprecatedTopology") > 16)
                errs.push_back(tooMany(child(idxPath, "deprecatedTopology"), static_cast<int>(topology.size()), 16));
            append(errs, validateLabels(topology, child(idxPath, "deprecatedTopology")));
            if (has(ep, "hostname"))
                append(errs, validateDNS1123Label(str(ep, "hostname"), child(idxPath, "hostname")));
            // SIMPLIFICATION: zone and hints are not validated.
        }
    }

    const Json& ports = array(slice, "ports");
    if (ports.size() > 100) {
        errs.push_back(tooMany("ports", static_cast<int>(ports.size()), 100));
        return errs;
    }
    std::set<std::string> names;
    for (size_t i = 0; i < ports.size(); ++i) {
        const std::string idxPath = index("ports", i);
        const std::string name = str(ports[i], "name");
        if (!name.empty())
            append(errs, validateDNS1123Label(name, child(idxPath, "name")));
        if (names.count(name))
            errs.push_back(duplicate(child(idxPath, "name"), name));
        names.insert(name);
        if (!has(ports[i], "protocol"))
            errs.push_back(required(child(idxPath, "protocol")));
        else if (str(ports[i], "protocol") != "TCP" && str(ports[i], "protocol") != "UDP" && str(ports[i], "protocol") != "SCTP")
            errs.push_back(notSupported(child(idxPath, "protocol"), str(ports[i], "protocol"), {"SCTP", "TCP", "UDP"}));
        if (has(ports[i], "appProtocol"))
            for (auto& m : isQualifiedName(str(ports[i], "appProtocol")))
                errs.push_back(invalid(child(idxPath, "appProtocol"), str(ports[i], "appProtocol"), m));
    }
    return errs;
}

// [SECTION] Lease

FieldErrorList validateLeaseSpec(const Json& spec) {
    FieldErrorList errs;
    if (has(spec, "leaseDurationSeconds") && integer(spec, "leaseDurationSeconds") <= 0)
        errs.push_back(invalid("spec.leaseDurationSeconds", integer(spec, "leaseDurationSeconds"), "must be greater than 0"));
    if (has(spec, "leaseTransitions") && integer(spec, "leaseTransitions") < 0)
        errs.push_back(invalid("spec.leaseTransitions", integer(spec, "leaseTransitions"), "must be greater than or equal to 0"));
    // SIMPLIFICATION: strategy/preferredHolder (alpha CoordinatedLeaderElection) are not checked.
    return errs;
}

// [SECTION] HorizontalPodAutoscaler

FieldErrorList validateMetricTarget(const Json& target, const std::string& fldPath) {
    FieldErrorList errs;
    const std::string type = str(target, "type");
    if (type.empty())
        errs.push_back(required(child(fldPath, "type"), "must specify a metric target type"));
    if (type != "Utilization" && type != "Value" && type != "AverageValue")
        errs.push_back(invalid(child(fldPath, "type"), type, "must be either Utilization, Value, or AverageValue"));
    for (const char* f : {"value", "averageValue"}) {
        if (!has(target, f))
            continue;
        const auto q = quantityFromJson(member(target, f));
        // SIMPLIFICATION: upstream prints the *resource.Quantity struct (%#v) as the value.
        if (q && quantitySign(*q) != 1)
            errs.push_back(invalid(child(fldPath, f), quantityString(*q), "must be positive"));
    }
    if (has(target, "averageUtilization") && integer(target, "averageUtilization") < 1)
        errs.push_back(invalid(child(fldPath, "averageUtilization"), integer(target, "averageUtilization"), "must be greater than 0"));
    return errs;
}

FieldErrorList validateMetricSpec(const Json& spec, const std::string& fldPath) {
    FieldErrorList errs;
    static const std::vector<std::string> kTypes = {"ContainerResource", "External", "Object", "Pods", "Resource"};
    const std::string type = str(spec, "type");
    if (type.empty())
        errs.push_back(required(child(fldPath, "type"), "must specify a metric source type"));
    if (std::find(kTypes.begin(), kTypes.end(), type) == kTypes.end())
        errs.push_back(notSupported(child(fldPath, "type"), type, kTypes));
    std::vector<std::string> present;
    for (const char* source : {"object", "external", "pods", "resource", "containerResource"}) {
        if (!has(spec, source))
            continue;
        present.push_back(source);
        if (present.size() != 1)
            continue;
        const Json& src = member(spec, source);
        const std::string path = child(fldPath, source);
        if (std::string(source) == "resource" || std::string(source) == "containerResource") {
            if (str(src, "name").empty())
                errs.push_back(required(child(path, "name"), "must specify a resource name"));
            if (std::string(source) == "containerResource" && str(src, "container").empty())
                errs.push_back(required(child(path, "container"), "must specify a container"));
            const Json& target = member(src, "target");
            append(errs, validateMetricTarget(target, child(path, "target")));
            if (!has(target, "averageUtilization") && !has(target, "averageValue"))
                errs.push_back(required(child(child(path, "target"), "averageUtilization"),
                                        "must set either a target raw value or a target utilization"));
            if (has(target, "averageUtilization") && has(target, "averageValue"))
                errs.push_back(forbidden(child(child(path, "target"), "averageValue"),
                                         "may not set both a target raw value and a target utilization"));
        }
        // SIMPLIFICATION: object, pods and external sources are not inspected further.
    }
    std::string expected;
    if (type == "Object") expected = "object";
    else if (type == "Pods") expected = "pods";
    else if (type == "Resource") expected = "resource";
    else if (type == "ContainerResource") expected = "containerResource";
    else if (type == "External") expected = "external";
    if (!expected.empty() && !has(spec, expected))
        errs.push_back(required(child(fldPath, expected), "must populate information for the given metric source"));
    if (present.size() != 1) {
        std::sort(present.begin(), present.end());
        for (const auto& p : present)
            if (p != expected)
                errs.push_back(forbidden(child(fldPath, p), "must populate the given metric source only"));
    }
    return errs;
}

FieldErrorList validateScalingRules(const Json& rules, const std::string& fldPath) {
    FieldErrorList errs;
    if (!rules.is_object())
        return errs;
    if (has(rules, "stabilizationWindowSeconds")) {
        const int64_t w = integer(rules, "stabilizationWindowSeconds");
        if (w < 0)
            errs.push_back(invalid(child(fldPath, "stabilizationWindowSeconds"), w, "must be greater than or equal to zero"));
        if (w > 3600)
            errs.push_back(invalid(child(fldPath, "stabilizationWindowSeconds"), w, "must be less than or equal to 3600"));
    }
    if (has(rules, "selectPolicy")) {
        const std::string p = str(rules, "selectPolicy");
        if (p != "Max" && p != "Min" && p != "Disabled")
            errs.push_back(notSupported(child(fldPath, "selectPolicy"), p, {"Disabled", "Max", "Min"}));
    }
    const Json& policies = array(rules, "policies");
    if (policies.empty())
        errs.push_back(required(child(fldPath, "policies"), "must specify at least one Policy"));
    for (size_t i = 0; i < policies.size(); ++i) {
        const std::string path = index(child(fldPath, "policies"), i);
        const std::string type = str(policies[i], "type");
        if (type != "Pods" && type != "Percent")
            errs.push_back(notSupported(child(path, "type"), type, {"Percent", "Pods"}));
        if (integer(policies[i], "value") <= 0)
            errs.push_back(invalid(child(path, "value"), integer(policies[i], "value"), "must be greater than zero"));
        const int64_t period = integer(policies[i], "periodSeconds");
        if (period <= 0)
            errs.push_back(invalid(child(path, "periodSeconds"), period, "must be greater than zero"));
        if (period > 1800)
            errs.push_back(invalid(child(path, "periodSeconds"), period, "must be less than or equal to 1800"));
    }
    return errs;
}

// autoscaling/v1 keeps a single CPU target; the internal type (like v2) holds it as a metric.
Json asV2Spec(const Json& hpa) {
    Json spec = member(hpa, "spec").is_object() ? member(hpa, "spec") : Json::object();
    if (str(hpa, "apiVersion") == "autoscaling/v1" && spec.contains("targetCPUUtilizationPercentage")) {
        spec["metrics"] = Json::array({{{"type", "Resource"},
                                        {"resource", {{"name", "cpu"},
                                                      {"target", {{"type", "Utilization"},
                                                                  {"averageUtilization", spec["targetCPUUtilizationPercentage"]}}}}}}});
        spec.erase("targetCPUUtilizationPercentage");
    }
    return spec;
}

FieldErrorList validateHPASpec(const Json& hpa) {
    FieldErrorList errs;
    const Json spec = asV2Spec(hpa);
    if (has(spec, "minReplicas") && integer(spec, "minReplicas") < 1)
        errs.push_back(invalid("spec.minReplicas", integer(spec, "minReplicas"), "must be greater than or equal to 1"));
    const int64_t maxReplicas = integer(spec, "maxReplicas");
    if (maxReplicas < 1)
        errs.push_back(invalid("spec.maxReplicas", maxReplicas, "must be greater than 0"));
    if (has(spec, "minReplicas") && maxReplicas < integer(spec, "minReplicas"))
        errs.push_back(invalid("spec.maxReplicas", maxReplicas, "must be greater than or equal to `minReplicas`"));
    const Json& ref = member(spec, "scaleTargetRef");
    for (const char* f : {"kind", "name"}) {
        const std::string v = str(ref, f);
        const std::string path = child("spec.scaleTargetRef", f);
        if (v.empty())
            errs.push_back(required(path));
        else
            for (auto& m : isValidPathSegmentName(v))
                errs.push_back(invalid(path, v, m));
    }
    const Json& metrics = array(spec, "metrics");
    for (size_t i = 0; i < metrics.size(); ++i)
        append(errs, validateMetricSpec(metrics[i], index("spec.metrics", i)));
    const Json& behavior = member(spec, "behavior");
    append(errs, validateScalingRules(member(behavior, "scaleUp"), "spec.behavior.scaleUp"));
    append(errs, validateScalingRules(member(behavior, "scaleDown"), "spec.behavior.scaleDown"));
    return errs;
}

// [SECTION] RBAC

constexpr const char* kRBACGroup = "rbac.authorization.k8s.io";

FieldErrorList validatePolicyRules(const Json& rules, bool namespaced) {
    FieldErrorList errs;
    for (size_t i = 0; i < rules.size(); ++i) {
        const Json& rule = rules[i];
        const std::string path = index("rules", i);
        if (count(rule, "verbs") == 0)
            errs.push_back(required(child(path, "verbs"), "verbs must contain at least one value"));
        if (count(rule, "nonResourceURLs") > 0) {
            const std::string urls = goStringSlice(member(rule, "nonResourceURLs"));
            if (namespaced)
                errs.push_back(invalidGo(child(path, "nonResourceURLs"), urls, "namespaced rules cannot apply to non-resource URLs"));
            if (count(rule, "apiGroups") > 0 || count(rule, "resources") > 0 || count(rule, "resourceNames") > 0)
                errs.push_back(invalidGo(child(path, "nonResourceURLs"), urls, "rules cannot apply to both regular resources and non-resource URLs"));
            continue;
        }
        if (count(rule, "apiGroups") == 0)
            errs.push_back(required(child(path, "apiGroups"), "resource rules must supply at least one api group"));
        if (count(rule, "resources") == 0)
            errs.push_back(required(child(path, "resources"), "resource rules must supply at least one resource"));
    }
    return errs;
}

FieldErrorList validateRoleBindingBody(const Json& binding, bool namespaced) {
    FieldErrorList errs;
    const Json& roleRef = member(binding, "roleRef");
    if (str(roleRef, "apiGroup") != kRBACGroup)
        errs.push_back(notSupported("roleRef.apiGroup", str(roleRef, "apiGroup"), {kRBACGroup}));
    const std::string kind = str(roleRef, "kind");
    if (namespaced && kind != "Role" && kind != "ClusterRole")
        errs.push_back(notSupported("roleRef.kind", kind, {"Role", "ClusterRole"}));
    if (!namespaced && kind != "ClusterRole")
        errs.push_back(notSupported("roleRef.kind", kind, {"ClusterRole"}));
    const std::string name = str(roleRef, "name");
    if (name.empty())
        errs.push_back(required("roleRef.name"));
    else
        for (auto& m : isValidPathSegmentName(name))
            errs.push_back(invalid("roleRef.name", name, m));
    const Json& subjects = array(binding, "subjects");
    for (size_t i = 0; i < subjects.size(); ++i) {
        const Json& s = subjects[i];
        const std::string path = index("subjects", i);
        const std::string subjectName = str(s, "name");
        if (subjectName.empty())
            errs.push_back(required(child(path, "name")));
        const std::string subjectKind = str(s, "kind");
        if (subjectKind == "ServiceAccount") {
            if (!subjectName.empty())
                for (auto& m : nameIsDNSSubdomain(subjectName, false))
                    errs.push_back(invalid(child(path, "name"), subjectName, m));
            if (!str(s, "apiGroup").empty())
                errs.push_back(notSupported(child(path, "apiGroup"), str(s, "apiGroup"), {""}));
            if (!namespaced && str(s, "namespace").empty())
                errs.push_back(required(child(path, "namespace")));
        } else if (subjectKind == "User" || subjectKind == "Group") {
            if (str(s, "apiGroup") != kRBACGroup)
                errs.push_back(notSupported(child(path, "apiGroup"), str(s, "apiGroup"), {kRBACGroup}));
        } else {
            errs.push_back(notSupported(child(path, "kind"), subjectKind, {"ServiceAccount", "User", "Group"}));
        }
    }
    return errs;
}

}  // namespace

// [SECTION] kinds

FieldErrorList validateEndpointSlice(const Json& slice) { return validateEndpointSliceBody(slice, {"FQDN", "IPv4", "IPv6"}); }

FieldErrorList validateEndpointSliceUpdate(const Json& slice, const Json& old) {
    FieldErrorList errs = validateEndpointSliceBody(slice, {"FQDN", "IP", "IPv4", "IPv6"});
    append(errs, validateImmutableField(str(slice, "addressType"), str(old, "addressType"), "addressType"));
    return errs;
}

FieldErrorList validateLease(const Json& lease) {
    FieldErrorList errs = validateObjectMetaGeneric(meta(lease), true, nameIsDNSSubdomain);
    append(errs, validateLeaseSpec(member(lease, "spec")));
    return errs;
}

FieldErrorList validateLeaseUpdate(const Json& lease, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdateGeneric(meta(lease), meta(old));
    append(errs, validateLeaseSpec(member(lease, "spec")));
    return errs;
}

FieldErrorList validateStorageClass(const Json& sc) {
    FieldErrorList errs = validateObjectMeta(meta(sc), false, nameIsDNSSubdomain);
    const std::string provisioner = str(sc, "provisioner");
    if (provisioner.empty())
        errs.push_back(required("provisioner", provisioner));
    else
        append(errs, validateQualifiedName(toLowerASCII(provisioner), "provisioner"));
    const Json& params = object(sc, "parameters");
    if (params.size() > 512) {
        errs.push_back(tooLong("parameters", "Provisioner Parameters exceeded max allowed", 512));
    } else {
        size_t total = 0;
        for (const auto& [k, v] : params.items()) {
            if (k.empty())
                errs.push_back(invalid("parameters", k, "field can not be empty."));
            total += k.size() + stringOf(v).size();
        }
        if (total > 256 * 1024)
            errs.push_back(tooLong("parameters", "", 256 * 1024));
    }
    const std::string reclaim = str(sc, "reclaimPolicy");
    if (!reclaim.empty() && reclaim != "Delete" && reclaim != "Retain")
        errs.push_back(notSupported("reclaimPolicy", reclaim, {"Delete", "Retain"}));
    if (!has(sc, "volumeBindingMode"))
        errs.push_back(required("volumeBindingMode"));
    else if (str(sc, "volumeBindingMode") != "Immediate" && str(sc, "volumeBindingMode") != "WaitForFirstConsumer")
        errs.push_back(notSupported("volumeBindingMode", str(sc, "volumeBindingMode"), {"Immediate", "WaitForFirstConsumer"}));
    // SIMPLIFICATION: allowedTopologies is not validated.
    return errs;
}

FieldErrorList validateStorageClassUpdate(const Json& sc, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdate(meta(sc), meta(old));
    if (!semanticallyEqual(member(sc, "parameters"), member(old, "parameters")))
        errs.push_back(forbidden("parameters", "updates to parameters are forbidden."));
    if (str(sc, "provisioner") != str(old, "provisioner"))
        errs.push_back(forbidden("provisioner", "updates to provisioner are forbidden."));
    if (str(sc, "reclaimPolicy") != str(old, "reclaimPolicy"))
        errs.push_back(forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
    append(errs, validateImmutableField(member(sc, "volumeBindingMode"), member(old, "volumeBindingMode"), "volumeBindingMode"));
    return errs;
}

FieldErrorList validateHorizontalPodAutoscaler(const Json& hpa) {
    FieldErrorList errs = validateObjectMeta(meta(hpa), true, nameIsDNSSubdomain);
    append(errs, validateHPASpec(hpa));
    return errs;
}

FieldErrorList validateHorizontalPodAutoscalerUpdate(const Json& hpa, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdate(meta(hpa), meta(old));
    append(errs, validateHPASpec(hpa));
    return errs;
}

FieldErrorList validatePodDisruptionBudget(const Json& pdb) {
    FieldErrorList errs;
    const Json& spec = member(pdb, "spec");
    if (has(spec, "minAvailable") && has(spec, "maxUnavailable"))
        // SIMPLIFICATION: upstream prints the policy.PodDisruptionBudgetSpec struct (%#v).
        errs.push_back(invalidGo("spec", "policy.PodDisruptionBudgetSpec" + spec.dump(), "minAvailable and maxUnavailable cannot be both set"));
    for (const char* f : {"minAvailable", "maxUnavailable"}) {
        if (!has(spec, f))
            continue;
        append(errs, validatePositiveIntOrPercent(member(spec, f), child("spec", f)));
        append(errs, isNotMoreThan100Percent(member(spec, f), child("spec", f)));
    }
    append(errs, validateLabelSelector(member(spec, "selector"), "spec.selector"));
    if (has(spec, "unhealthyPodEvictionPolicy")) {
        const std::string p = str(spec, "unhealthyPodEvictionPolicy");
        if (p != "IfHealthyBudget" && p != "AlwaysAllow")
            errs.push_back(notSupported("spec.unhealthyPodEvictionPolicy", p, {"AlwaysAllow", "IfHealthyBudget"}));
    }
    return errs;
}

FieldErrorList validatePodDisruptionBudgetUpdate(const Json& pdb, const Json& /*old*/) { return validatePodDisruptionBudget(pdb); }

FieldErrorList validateRBACObject(const Json& obj, bool namespaced) {
    FieldErrorList errs = validateObjectMeta(meta(obj), namespaced, validatePathSegmentName);
    const std::string kind = str(obj, "kind");
    if (kind == "Role" || kind == "ClusterRole")
        append(errs, validatePolicyRules(array(obj, "rules"), namespaced));
    else
        append(errs, validateRoleBindingBody(obj, namespaced));
    return errs;
}

FieldErrorList validateRBACObjectUpdate(const Json& obj, const Json& old, bool namespaced) {
    FieldErrorList errs = validateObjectMetaUpdate(meta(obj), meta(old));
    append(errs, validateRBACObject(obj, namespaced));
    const std::string kind = str(obj, "kind");
    if (kind == "RoleBinding" || kind == "ClusterRoleBinding") {
        const Json& roleRef = member(obj, "roleRef");
        if (!semanticallyEqual(roleRef, member(old, "roleRef")))
            errs.push_back(invalidGo("roleRef",
                                     "rbac.RoleRef{APIGroup:" + goQuote(str(roleRef, "apiGroup")) + ", Kind:" + goQuote(str(roleRef, "kind")) +
                                         ", Name:" + goQuote(str(roleRef, "name")) + "}",
                                     "cannot change roleRef"));
    }
    return errs;
}

}  // namespace kp::validation
