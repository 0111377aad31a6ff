// Container resources: resource names, quantities, requests <= limits, and resourceFieldRef
// selectors.
// Upstream: kubernetes pkg/apis/core/validation/validation.go (validateResourceRequirements,
//           validateContainerResourceName, ValidateResourceQuantityValue,
//           validateContainerResourceFieldSelector) and pkg/apis/core/helper (resource name sets).
#include <set>

#include "apiserver/validation/core_validation.h"
#include "apiserver/validation/field_path.h"
#include "apiserver/validation/json_access.h"
#include "apiserver/validation/name_validation.h"
#include "apiserver/validation/objectmeta.h"
#include "apiserver/validation/quantity_value.h"

namespace kp::validation {

namespace {

bool isHugePageResourceName(const std::string& name) { return name.rfind("hugepages-", 0) == 0; }

// Upstream: helper.IsNativeResource: no domain, or a kubernetes.io domain.
bool isNativeResource(const std::string& name) {
    const size_t slash = name.find('/');
    if (slash == std::string::npos)
        return true;
    const std::string domain = name.substr(0, slash);
    return domain == "kubernetes.io" ||
           (domain.size() > 14 && domain.compare(domain.size() - 14, 14, ".kubernetes.io") == 0);
}

bool isOvercommitAllowed(const std::string& name) { return isNativeResource(name) && !isHugePageResourceName(name); }

bool isStandardResourceName(const std::string& name) {
    static const std::set<std::string> kStandard = {
        "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage",
        "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods", "resourcequotas", "services",
        "replicationcontrollers", "secrets", "configmaps", "persistentvolumeclaims", "storage",
        "requests.storage", "services.nodeports", "services.loadbalancers"};
    return kStandard.count(name) > 0 || isHugePageResourceName(name) || name.rfind("requests.hugepages-", 0) == 0 ||
           name.rfind("limits.hugepages-", 0) == 0;
}

// Upstream: validateResourceName + validateContainerResourceName. The value prints unquoted:
// core.ResourceName implements fmt.Stringer.
FieldErrorList validateContainerResourceName(const std::string& name, const std::string& fldPath) {
    FieldErrorList errs;
    auto bad = [&](const std::string& msg) { errs.push_back(invalidGo(fldPath, name, msg)); };
    for (auto& m : isQualifiedName(name))
        bad(m);
    if (errs.empty() && name.find('/') == std::string::npos && !isStandardResourceName(name))
        bad("must be a standard resource type or fully qualified");
    if (name.find('/') == std::string::npos) {
        if (name != "cpu" && name != "memory" && name != "ephemeral-storage" && !isHugePageResourceName(name))
            bad("must be a standard resource for containers");
    } else if (!isNativeResource(name)) {
        const bool extended = name.rfind("requests.", 0) != 0 && isQualifiedName("requests." + name).empty();
        if (!extended)
            bad("doesn't follow extended resource name standard");
    }
    return errs;
}

}  // namespace

FieldErrorList validateContainerResourceFieldSelector(const Json& fs, bool volume, const std::string& fldPath) {
    static const std::vector<std::string> kExpressions = {
        "limits.cpu", "limits.ephemeral-storage", "limits.memory",
        "requests.cpu", "requests.ephemeral-storage", "requests.memory"};
    FieldErrorList errs;
    const std::string resource = str(fs, "resource");
    if (volume && str(fs, "containerName").empty()) {
        errs.push_back(required(child(fldPath, "containerName")));
    } else if (resource.empty()) {
        errs.push_back(required(child(fldPath, "resource")));
    } else {
        bool known = false;
        for (const auto& e : kExpressions)
            known = known || e == resource;
        known = known || resource.rfind("requests.hugepages-", 0) == 0 || resource.rfind("limits.hugepages-", 0) == 0;
        if (!known)
            errs.push_back(notSupported(child(fldPath, "resource"), resource, kExpressions));
    }
    if (has(fs, "divisor")) {
        const auto divisor = quantityFromJson(member(fs, "divisor"));
        if (divisor && divisor->nano != 0) {
            const std::string d = quantityString(*divisor);
            static const std::set<std::string> kMemory = {"1", "1k", "1M", "1G", "1T", "1P", "1E",
                                                          "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"};
            if ((resource == "limits.cpu" || resource == "requests.cpu") && d != "1m" && d != "1")
                errs.push_back(invalid(child(fldPath, "divisor"), resource,
                                       "only divisor's values 1m and 1 are supported with the cpu resource"));
            if ((resource == "limits.memory" || resource == "requests.memory") && !kMemory.count(d))
                errs.push_back(invalid(child(fldPath, "divisor"), resource,
                                       "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource"));
            if ((resource == "limits.ephemeral-storage" || resource == "requests.ephemeral-storage") && !kMemory.count(d))
                errs.push_back(invalid(child(fldPath, "divisor"), resource,
                                       "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource"));
        }
    }
    return errs;
}

// Upstream: validateResourceRequirements. Request problems are reported on the "requests"
// path (not the key), with the request printed as a canonical quantity string:
//   spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1
FieldErrorList validateContainerResourceRequirements(const Json& resources, const std::string& fldPath) {
    FieldErrorList errs;
    const std::string limPath = child(fldPath, "limits");
    const std::string reqPath = child(fldPath, "requests");
    const Json& limits = object(resources, "limits");
    const Json& requests = object(resources, "requests");
    bool cpuOrMemory = false;
    bool hugePages = false;
    for (const auto& [name, value] : limits.items()) {
        const std::string path = key(limPath, name);
        append(errs, validateContainerResourceName(name, path));
        append(errs, validateResourceQuantityValue(name, value, path));
        hugePages = hugePages || isHugePageResourceName(name);
        cpuOrMemory = cpuOrMemory || name == "cpu" || name == "memory";
    }
    for (const auto& [name, value] : requests.items()) {
        const std::string path = key(reqPath, name);
        append(errs, validateContainerResourceName(name, path));
        append(errs, validateResourceQuantityValue(name, value, path));
        const auto request = quantityFromJson(value);
        if (limits.contains(name)) {
            const auto limit = quantityFromJson(limits[name]);
            if (request && limit) {
                const std::string rs = quantityString(*request);
                const std::string ls = quantityString(*limit);
                if (compareQuantities(*request, *limit) != 0 && !isOvercommitAllowed(name))
                    errs.push_back(invalid(reqPath, rs, "must be equal to " + name + " limit of " + ls));
                else if (compareQuantities(*request, *limit) > 0)
                    errs.push_back(invalid(reqPath, rs, "must be less than or equal to " + name + " limit of " + ls));
            }
        } else if (!isOvercommitAllowed(name)) {
            errs.push_back(required(limPath, "Limit must be set for non overcommitable resources"));
        }
        hugePages = hugePages || isHugePageResourceName(name);
        cpuOrMemory = cpuOrMemory || name == "cpu" || name == "memory";
    }
    if (!cpuOrMemory && hugePages)
        errs.push_back(forbidden(fldPath, "HugePages require cpu or memory"));
    // SIMPLIFICATION: resources.claims (dynamic resource allocation) is not validated.
    return errs;
}

FieldErrorList validateResourceQuantityValue(const std::string& resource, const Json& value, const std::string& fldPath) {
    FieldErrorList errs;
    const auto q = quantityFromJson(value);
    if (!q)
        return errs;  // unparseable quantities are rejected by decoding, before validation
    if (quantitySign(*q) < 0)
        errs.push_back(invalid(fldPath, quantityString(*q), kIsNegativeErrorMsg));
    static const std::set<std::string> kIntegerResources = {
        "pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "configmaps",
        "persistentvolumeclaims", "services.nodeports", "services.loadbalancers"};
    const bool integerResource = kIntegerResources.count(resource) > 0 ||
                                 (resource.rfind("count/", 0) == 0) ||
                                 (!isNativeResource(resource) && resource.rfind("requests.", 0) != 0);
    if (integerResource && quantityMilliValue(*q) % 1000 != 0)
        // SIMPLIFICATION: upstream prints the resource.Quantity struct with %#v here.
        errs.push_back(invalid(fldPath, quantityString(*q), "must be an integer"));
    return errs;
}

}  // namespace kp::validation
