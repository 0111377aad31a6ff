// The PodSpec rules shared by Pods and every pod template (Deployments, Jobs, ...).
// Upstream: kubernetes pkg/apis/core/validation/validation.go (ValidatePodSpec and the
//           functions it calls, ValidatePodTemplateSpec, ValidatePodSpecificAnnotations).
//
// [SECTION] index
//  - scheduling: tolerations, affinity, topology spread
//  - DNS and host settings
//  - security context
//  - ValidatePodSpec
//  - templates and pod annotations
#include <limits>
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

// [SECTION] scheduling

FieldErrorList validateTaintEffect(const std::string& effect, bool allowEmpty, const std::string& fldPath) {
    if (!allowEmpty && effect.empty())
        return {required(fldPath)};
    if (effect == "NoSchedule" || effect == "PreferNoSchedule" || effect == "NoExecute")
        return {};
    return {notSupported(fldPath, effect, {"NoSchedule", "PreferNoSchedule", "NoExecute"})};
}

FieldErrorList validateNodeSelectorTerm(const Json& term, const std::string& fldPath) {
    FieldErrorList errs;
    const Json& exprs = array(term, "matchExpressions");
    for (size_t j = 0; j < exprs.size(); ++j) {
        const std::string path = index(child(fldPath, "matchExpressions"), j);
        const std::string op = str(exprs[j], "operator");
        const size_t values = count(exprs[j], "values");
        if (op == "In" || op == "NotIn") {
            if (values == 0)
                errs.push_back(required(child(path, "values"), "must be specified when `operator` is 'In' or 'NotIn'"));
        } else if (op == "Exists" || op == "DoesNotExist") {
            if (values > 0)
                errs.push_back(forbidden(child(path, "values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        } else if (op == "Gt" || op == "Lt") {
            if (values != 1)
                errs.push_back(required(child(path, "values"), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
        } else {
            errs.push_back(invalid(child(path, "operator"), op, "not a valid selector operator"));
        }
        append(errs, validateLabelName(str(exprs[j], "key"), child(path, "key")));
        const Json& vals = array(exprs[j], "values");
        for (size_t k = 0; k < vals.size(); ++k)
            for (auto& m : isValidLabelValue(stringOf(vals[k])))
                errs.push_back(invalid(index(child(path, "values"), k), stringOf(vals[k]), m));
    }
    const Json& fields = array(term, "matchFields");
    for (size_t j = 0; j < fields.size(); ++j) {
        const std::string path = index(child(fldPath, "matchFields"), j);
        const std::string op = str(fields[j], "operator");
        if (op == "In" || op == "NotIn") {
            if (count(fields[j], "values") != 1)
                errs.push_back(required(child(path, "values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
        } else {
            errs.push_back(invalid(child(path, "operator"), op, "not a valid selector operator"));
        }
        if (str(fields[j], "key") != "metadata.name")
            errs.push_back(invalid(child(path, "key"), str(fields[j], "key"), "not a valid field selector key"));
    }
    return errs;
}

FieldErrorList validateNodeAffinity(const Json& na, const std::string& fldPath) {
    FieldErrorList errs;
    if (has(na, "requiredDuringSchedulingIgnoredDuringExecution")) {
        const std::string path = child(child(fldPath, "requiredDuringSchedulingIgnoredDuringExecution"), "nodeSelectorTerms");
        const Json& terms = array(member(na, "requiredDuringSchedulingIgnoredDuringExecution"), "nodeSelectorTerms");
        if (terms.empty())
            errs.push_back(required(path, "must have at least one node selector term"));
        for (size_t i = 0; i < terms.size(); ++i)
            append(errs, validateNodeSelectorTerm(terms[i], index(path, i)));
    }
    const Json& preferred = array(na, "preferredDuringSchedulingIgnoredDuringExecution");
    const std::string prefPath = child(fldPath, "preferredDuringSchedulingIgnoredDuringExecution");
    for (size_t i = 0; i < preferred.size(); ++i) {
        const int64_t weight = integer(preferred[i], "weight");
        if (weight <= 0 || weight > 100)
            errs.push_back(invalid(child(index(prefPath, i), "weight"), weight, "must be in the range 1-100"));
        append(errs, validateNodeSelectorTerm(member(preferred[i], "preference"), child(index(prefPath, i), "preference")));
    }
    return errs;
}

FieldErrorList validatePodAffinityTerm(const Json& term, const std::string& fldPath) {
    FieldErrorList errs;
    append(errs, validateLabelSelector(member(term, "labelSelector"), child(fldPath, "labelSelector")));
    append(errs, validateLabelSelector(member(term, "namespaceSelector"), child(fldPath, "namespaceSelector")));
    for (const Json& ns : array(term, "namespaces"))
        for (auto& m : nameIsDNSLabel(stringOf(ns), false))
            errs.push_back(invalid(child(fldPath, "namespace"), stringOf(ns), m));
    const std::string topologyKey = str(term, "topologyKey");
    if (topologyKey.empty())
        errs.push_back(required(child(fldPath, "topologyKey"), "can not be empty"));
    append(errs, validateLabelName(topologyKey, child(fldPath, "topologyKey")));
    // SIMPLIFICATION: matchLabelKeys / mismatchLabelKeys are not validated.
    return errs;
}

FieldErrorList validatePodAffinityTerms(const Json& affinity, const std::string& fldPath) {
    FieldErrorList errs;
    const Json& requiredTerms = array(affinity, "requiredDuringSchedulingIgnoredDuringExecution");
    for (size_t i = 0; i < requiredTerms.size(); ++i)
        append(errs, validatePodAffinityTerm(requiredTerms[i],
                                             index(child(fldPath, "requiredDuringSchedulingIgnoredDuringExecution"), i)));
    const Json& weighted = array(affinity, "preferredDuringSchedulingIgnoredDuringExecution");
    for (size_t i = 0; i < weighted.size(); ++i) {
        const std::string path = index(child(fldPath, "preferredDuringSchedulingIgnoredDuringExecution"), i);
        const int64_t weight = integer(weighted[i], "weight");
        if (weight <= 0 || weight > 100)
            errs.push_back(invalid(child(path, "weight"), weight, "must be in the range 1-100"));
        append(errs, validatePodAffinityTerm(member(weighted[i], "podAffinityTerm"), child(path, "podAffinityTerm")));
    }
    return errs;
}

FieldErrorList validateAffinity(const Json& affinity, const std::string& fldPath) {
    FieldErrorList errs;
    if (has(affinity, "nodeAffinity"))
        append(errs, validateNodeAffinity(member(affinity, "nodeAffinity"), child(fldPath, "nodeAffinity")));
    if (has(affinity, "podAffinity"))
        append(errs, validatePodAffinityTerms(member(affinity, "podAffinity"), child(fldPath, "podAffinity")));
    if (has(affinity, "podAntiAffinity"))
        append(errs, validatePodAffinityTerms(member(affinity, "podAntiAffinity"), child(fldPath, "podAntiAffinity")));
    return errs;
}

FieldErrorList validateTopologySpreadConstraints(const Json& constraints, const std::string& fldPath) {
    FieldErrorList errs;
    std::set<std::string> seen;
    for (size_t i = 0; i < constraints.size(); ++i) {
        const Json& c = constraints[i];
        const std::string subPath = index(fldPath, i);
        const int64_t maxSkew = integer(c, "maxSkew");
        if (maxSkew <= 0)
            errs.push_back(invalid(child(subPath, "maxSkew"), maxSkew, "must be greater than zero"));
        const std::string topologyKey = str(c, "topologyKey");
        if (topologyKey.empty())
            errs.push_back(required(child(subPath, "topologyKey"), "can not be empty"));
        else
            append(errs, validateQualifiedName(topologyKey, child(subPath, "topologyKey")));
        const std::string when = str(c, "whenUnsatisfiable");
        if (when != "DoNotSchedule" && when != "ScheduleAnyway")
            errs.push_back(notSupported(child(subPath, "whenUnsatisfiable"), when, {"DoNotSchedule", "ScheduleAnyway"}));
        const std::string pair = "{" + topologyKey + ", " + when + "}";
        if (seen.count(pair))
            errs.push_back(duplicate(subPath, pair));
        seen.insert(pair);
        if (has(c, "minDomains")) {
            const int64_t minDomains = integer(c, "minDomains");
            if (minDomains <= 0)
                errs.push_back(invalid(child(subPath, "minDomains"), minDomains, "must be greater than zero"));
            else if (when != "DoNotSchedule")
                errs.push_back(invalid(child(subPath, "minDomains"), minDomains,
                                       "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not " + when));
        }
        append(errs, validateLabelSelector(member(c, "labelSelector"), child(subPath, "labelSelector")));
        for (const char* policy : {"nodeAffinityPolicy", "nodeTaintsPolicy"})
            if (has(c, policy) && str(c, policy) != "Honor" && str(c, policy) != "Ignore")
                errs.push_back(notSupported(child(subPath, policy), str(c, policy), {"Honor", "Ignore"}));
    }
    return errs;
}

// [SECTION] DNS and host settings

FieldErrorList validatePodDNSConfig(const Json& spec, const std::string& fldPath) {
    FieldErrorList errs;
    const std::string dnsPolicy = str(spec, "dnsPolicy");
    const Json& config = member(spec, "dnsConfig");
    if (dnsPolicy == "None") {
        if (!config.is_object())
            return {required(fldPath, "must provide `dnsConfig` when `dnsPolicy` is None")};
        if (count(config, "nameservers") == 0)
            return {required(child(fldPath, "nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None")};
    }
    if (!config.is_object())
        return errs;
    const Json& nameservers = array(config, "nameservers");
    if (nameservers.size() > 3)
        errs.push_back(invalidGo(child(fldPath, "nameservers"), goStringSlice(nameservers), "must not have more than 3 nameservers"));
    for (size_t i = 0; i < nameservers.size(); ++i)
        append(errs, isValidIP(index(child(fldPath, "nameservers"), i), stringOf(nameservers[i])));
    const Json& searches = array(config, "searches");
    if (searches.size() > 32)
        errs.push_back(invalidGo(child(fldPath, "searches"), goStringSlice(searches), "must not have more than 32 search paths"));
    size_t joined = 0;
    for (size_t i = 0; i < searches.size(); ++i)
        joined += stringOf(searches[i]).size() + (i > 0 ? 1 : 0);
    if (joined > 2048)
        errs.push_back(invalidGo(child(fldPath, "searches"), goStringSlice(searches),
                                 "must not have more than 2048 characters (including spaces) in the search list"));
    // 1.32: RelaxedDNSSearchValidation is alpha (off), so searches are strict subdomains.
    for (size_t i = 0; i < searches.size(); ++i) {
        std::string search = stringOf(searches[i]);
        if (!search.empty() && search.back() == '.')
            search.pop_back();
        append(errs, validateDNS1123Subdomain(search, index(child(fldPath, "searches"), i)));
    }
    const Json& options = array(config, "options");
    for (size_t i = 0; i < options.size(); ++i)
        if (str(options[i], "name").empty())
            errs.push_back(required(index(child(fldPath, "options"), i), "must not be empty"));
    return errs;
}

FieldErrorList validateHostNetworkDeps(const Json& spec, const std::string& fldPath, bool resourceIsPod) {
    FieldErrorList errs;
    if (!boolean(spec, "hostNetwork"))
        return errs;
    const Json& containers = array(spec, "containers");
    for (size_t i = 0; i < containers.size(); ++i) {
        const Json& ports = array(containers[i], "ports");
        for (size_t j = 0; j < ports.size(); ++j) {
            const int64_t hp = integer(ports[j], "hostPort");
            const int64_t cp = integer(ports[j], "containerPort");
            if ((resourceIsPod || hp != 0) && hp != cp)
                errs.push_back(invalid(child(index(child(index(child(fldPath, "containers"), i), "ports"), j), "hostPort"), hp,
                                       "must match `containerPort` when `hostNetwork` is true"));
        }
    }
    return errs;
}

FieldErrorList validateRestartPolicy(const std::string& policy, const std::string& fldPath) {
    if (policy == "Always" || policy == "OnFailure" || policy == "Never")
        return {};
    if (policy.empty())
        return {required(fldPath)};
    return {notSupported(fldPath, policy, {"Always", "OnFailure", "Never"})};
}

FieldErrorList validateDNSPolicy(const std::string& policy, const std::string& fldPath) {
    if (policy == "ClusterFirstWithHostNet" || policy == "ClusterFirst" || policy == "Default" || policy == "None")
        return {};
    if (policy.empty())
        return {required(fldPath)};
    return {notSupported(fldPath, policy, {"ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"})};
}

// [SECTION] security context

// The JSON PodSpec keeps hostNetwork/hostPID/hostIPC at spec level; the internal struct keeps
// them in the security context, which is why some paths below look odd.
FieldErrorList validatePodSecurityContext(const Json& spec, const std::string& specPath) {
    FieldErrorList errs;
    const std::string fldPath = child(specPath, "securityContext");
    const Json& sc = member(spec, "securityContext");
    if (has(sc, "fsGroup"))
        for (auto& m : isValidGroupID(integer(sc, "fsGroup")))
            errs.push_back(invalid(child(fldPath, "fsGroup"), integer(sc, "fsGroup"), m));
    if (has(sc, "runAsUser"))
        for (auto& m : isValidUserID(integer(sc, "runAsUser")))
            errs.push_back(invalid(child(fldPath, "runAsUser"), integer(sc, "runAsUser"), m));
    if (has(sc, "runAsGroup"))
        for (auto& m : isValidGroupID(integer(sc, "runAsGroup")))
            errs.push_back(invalid(child(fldPath, "runAsGroup"), integer(sc, "runAsGroup"), m));
    const Json& groups = array(sc, "supplementalGroups");
    for (size_t g = 0; g < groups.size(); ++g) {
        const int64_t gid = groups[g].is_number_integer() ? groups[g].get<int64_t>() : 0;
        for (auto& m : isValidGroupID(gid))
            errs.push_back(invalid(index(child(fldPath, "supplementalGroups"), g), gid, m));
    }
    if (boolean(spec, "shareProcessNamespace") && boolean(spec, "hostPID"))
        errs.push_back(invalid(child(fldPath, "shareProcessNamespace"), true, "ShareProcessNamespace and HostPID cannot both be enabled"));
    const Json& sysctls = array(sc, "sysctls");
    std::set<std::string> names;
    for (size_t i = 0; i < sysctls.size(); ++i) {
        const std::string name = str(sysctls[i], "name");
        const std::string path = child(index(child(fldPath, "sysctls"), i), "name");
        if (name.empty())
            errs.push_back(required(path));
        else if (names.count(name))
            errs.push_back(duplicate(path, name));
        names.insert(name);
        // SIMPLIFICATION: the sysctl name regex and host-namespace sysctl rules are not checked.
    }
    if (has(sc, "fsGroupChangePolicy")) {
        const std::string p = str(sc, "fsGroupChangePolicy");
        if (p != "Always" && p != "OnRootMismatch")
            errs.push_back(notSupported(child(fldPath, "fsGroupChangePolicy"), p, {"Always", "OnRootMismatch"}));
    }
    if (has(sc, "supplementalGroupsPolicy")) {
        const std::string p = str(sc, "supplementalGroupsPolicy");
        if (p != "Merge" && p != "Strict")
            errs.push_back(notSupported(child(fldPath, "supplementalGroupsPolicy"), p, {"Merge", "Strict"}));
    }
    // SIMPLIFICATION: seccompProfile, windowsOptions and appArmorProfile of the pod security
    // context are not validated here (container security contexts are).
    return errs;
}

}  // namespace

// [SECTION] ValidatePodSpec

FieldErrorList validateTolerations(const Json& tolerations, const std::string& fldPath) {
    FieldErrorList errs;
    for (size_t i = 0; i < tolerations.size(); ++i) {
        const Json& t = tolerations[i];
        const std::string idxPath = index(fldPath, i);
        const std::string key = str(t, "key");
        const std::string op = str(t, "operator");
        const std::string effect = str(t, "effect");
        const std::string value = str(t, "value");
        if (!key.empty())
            append(errs, validateLabelName(key, child(idxPath, "key")));
        // An empty key with operator Exists matches every taint.
        if (key.empty() && op != "Exists")
            errs.push_back(invalid(child(idxPath, "operator"), op,
                                   "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
        if (has(t, "tolerationSeconds") && effect != "NoExecute")
            errs.push_back(invalid(child(idxPath, "effect"), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
        if (op == "Equal" || op.empty()) {
            Messages msgs = isValidLabelValue(value);
            if (!msgs.empty()) {
                std::string joined;
                for (size_t m = 0; m < msgs.size(); ++m)
                    joined += (m ? ";" : "") + msgs[m];
                errs.push_back(invalid(child(idxPath, "operator"), value, joined));
            }
        } else if (op == "Exists") {
            if (!value.empty())
                errs.push_back(invalid(child(idxPath, "operator"), value, "value must be empty when `operator` is 'Exists'"));
        } else {
            errs.push_back(notSupported(child(idxPath, "operator"), op, {"Equal", "Exists"}));
        }
        if (!effect.empty())
            append(errs, validateTaintEffect(effect, true, child(idxPath, "effect")));
    }
    return errs;
}

// Upstream: ValidatePodSpec, in the same order (the order of the messages follows it).
FieldErrorList validatePodSpec(const Json& spec, const Json& podMeta, const std::string& fldPath,
                               const PodValidationOptions& opts) {
    FieldErrorList errs;
    if (!has(spec, "terminationGracePeriodSeconds"))
        errs.push_back(required(child(fldPath, "terminationGracePeriodSeconds")));

    Json volumes;
    append(errs, validateVolumes(array(spec, "volumes"), podMeta, child(fldPath, "volumes"), &volumes));
    // SIMPLIFICATION: spec.resourceClaims (dynamic resource allocation) is not validated.
    append(errs, validateContainers(member(spec, "containers"), volumes, spec, child(fldPath, "containers")));
    append(errs, validateInitContainers(array(spec, "initContainers"), volumes, spec, child(fldPath, "initContainers")));
    append(errs, validateEphemeralContainers(array(spec, "ephemeralContainers"), volumes, spec,
                                             child(fldPath, "ephemeralContainers")));
    append(errs, validateHostNetworkDeps(spec, fldPath, opts.resourceIsPod));
    append(errs, validateRestartPolicy(str(spec, "restartPolicy"), child(fldPath, "restartPolicy")));
    append(errs, validateDNSPolicy(str(spec, "dnsPolicy"), child(fldPath, "dnsPolicy")));
    append(errs, validateLabels(member(spec, "nodeSelector"), child(fldPath, "nodeSelector")));
    append(errs, validatePodSecurityContext(spec, fldPath));
    append(errs, validateAffinity(member(spec, "affinity"), child(fldPath, "affinity")));
    append(errs, validatePodDNSConfig(spec, child(fldPath, "dnsConfig")));
    const Json& gates = array(spec, "readinessGates");
    for (size_t i = 0; i < gates.size(); ++i)
        append(errs, validateQualifiedName(str(gates[i], "conditionType"), child(index(child(fldPath, "readinessGates"), i), "conditionType")));
    const Json& schedulingGates = array(spec, "schedulingGates");
    std::set<std::string> seenGates;
    for (size_t i = 0; i < schedulingGates.size(); ++i) {
        const std::string name = str(schedulingGates[i], "name");
        const std::string path = index(child(fldPath, "schedulingGates"), i);
        append(errs, validateQualifiedName(name, path));
        if (seenGates.count(name))
            errs.push_back(duplicate(path, name));
        seenGates.insert(name);
    }
    append(errs, validateTopologySpreadConstraints(array(spec, "topologySpreadConstraints"),
                                                   child(fldPath, "topologySpreadConstraints")));
    if (has(spec, "hostUsers") && !boolean(spec, "hostUsers")) {
        if (boolean(spec, "hostNetwork"))
            errs.push_back(forbidden(child(fldPath, "hostNetwork"), "when `pod.Spec.HostUsers` is false"));
        if (boolean(spec, "hostPID"))
            errs.push_back(forbidden(child(fldPath, "HostPID"), "when `pod.Spec.HostUsers` is false"));
        if (boolean(spec, "hostIPC"))
            errs.push_back(forbidden(child(fldPath, "HostIPC"), "when `pod.Spec.HostUsers` is false"));
    }
    const std::string sa = str(spec, "serviceAccountName");
    if (!sa.empty())
        for (auto& m : nameIsDNSSubdomain(sa, false))
            errs.push_back(invalid(child(fldPath, "serviceAccountName"), sa, m));
    const std::string nodeName = str(spec, "nodeName");
    if (!nodeName.empty())
        for (auto& m : nameIsDNSSubdomain(nodeName, false))
            errs.push_back(invalid(child(fldPath, "nodeName"), nodeName, m));
    if (has(spec, "activeDeadlineSeconds")) {
        const int64_t value = integer(spec, "activeDeadlineSeconds");
        if (value < 1 || value > std::numeric_limits<int32_t>::max())
            errs.push_back(invalid(child(fldPath, "activeDeadlineSeconds"), value,
                                   inclusiveRangeError(1, std::numeric_limits<int32_t>::max())));
    }
    if (!str(spec, "hostname").empty())
        append(errs, validateDNS1123Label(str(spec, "hostname"), child(fldPath, "hostname")));
    if (!str(spec, "subdomain").empty())
        append(errs, validateDNS1123Label(str(spec, "subdomain"), child(fldPath, "subdomain")));
    if (count(spec, "tolerations") > 0)
        append(errs, validateTolerations(array(spec, "tolerations"), child(fldPath, "tolerations")));
    const Json& aliases = array(spec, "hostAliases");
    for (size_t i = 0; i < aliases.size(); ++i) {
        const std::string path = index(child(fldPath, "hostAliases"), i);
        append(errs, isValidIP(child(path, "ip"), str(aliases[i], "ip")));
        const Json& hostnames = array(aliases[i], "hostnames");
        for (size_t j = 0; j < hostnames.size(); ++j)
            append(errs, validateDNS1123Subdomain(stringOf(hostnames[j]), index(child(path, "hostnames"), j)));
    }
    const std::string priorityClass = str(spec, "priorityClassName");
    if (!priorityClass.empty())
        for (auto& m : nameIsDNSSubdomain(priorityClass, false))
            errs.push_back(invalid(child(fldPath, "priorityClassName"), priorityClass, m));
    if (has(spec, "runtimeClassName"))
        for (auto& m : nameIsDNSSubdomain(str(spec, "runtimeClassName"), false))
            errs.push_back(invalid(child(fldPath, "runtimeClassName"), str(spec, "runtimeClassName"), m));
    if (has(spec, "preemptionPolicy")) {
        const std::string p = str(spec, "preemptionPolicy");
        if (p.empty())
            errs.push_back(required(child(fldPath, "preemptionPolicy")));
        else if (p != "PreemptLowerPriority" && p != "Never")
            errs.push_back(notSupported(child(fldPath, "preemptionPolicy"), p, {"PreemptLowerPriority", "Never"}));
    }
    if (has(spec, "overhead")) {
        Json limitsOnly = Json::object();
        limitsOnly["limits"] = member(spec, "overhead");
        append(errs, validateContainerResourceRequirements(limitsOnly, child(fldPath, "overhead")));
    }
    if (has(spec, "os")) {
        const std::string os = str(member(spec, "os"), "name");
        if (os.empty())
            errs.push_back(required(child(child(fldPath, "os"), "name"), "cannot be empty"));
        else if (os != "linux" && os != "windows")
            errs.push_back(notSupported(child(fldPath, "os"), os, {"linux", "windows"}));
        // SIMPLIFICATION: the linux/windows specific field restrictions are not checked.
    }
    return errs;
}

// [SECTION] templates and pod annotations

FieldErrorList validatePodSpecificAnnotations(const Json& annotations, const Json& spec, const std::string& fldPath) {
    FieldErrorList errs;
    if (!annotations.is_object())
        return errs;
    const std::string mirror = "kubernetes.io/config.mirror";
    if (annotations.contains(mirror) && str(spec, "nodeName").empty())
        errs.push_back(invalid(key(fldPath, mirror), stringOf(annotations[mirror]), "must set spec.nodeName if mirror pod annotation is set"));
    const std::string deletionCost = "controller.kubernetes.io/pod-deletion-cost";
    if (annotations.contains(deletionCost)) {
        const std::string v = stringOf(annotations[deletionCost]);
        // strconv.ParseInt(v, 10, 32): optional sign, decimal digits, 32-bit range.
        const size_t start = (!v.empty() && (v[0] == '+' || v[0] == '-')) ? 1 : 0;
        bool ok = start < v.size() && v.size() - start <= 10;
        for (size_t i = start; ok && i < v.size(); ++i)
            ok = v[i] >= '0' && v[i] <= '9';
        if (ok) {
            const long long n = std::stoll(v);
            ok = n >= std::numeric_limits<int32_t>::min() && n <= std::numeric_limits<int32_t>::max();
        }
        if (!ok)
            errs.push_back(invalid(key(fldPath, deletionCost), v, "must be a 32bit integer"));
    }
    // SIMPLIFICATION: the tolerations, seccomp and AppArmor annotations are not validated.
    return errs;
}

FieldErrorList validatePodTemplateSpec(const Json& tmpl, const std::string& fldPath, const PodValidationOptions& opts) {
    const Json& meta = member(tmpl, "metadata");
    const Json& spec = member(tmpl, "spec");
    FieldErrorList errs = validateLabels(member(meta, "labels"), child(fldPath, "labels"));
    append(errs, validateAnnotations(member(meta, "annotations"), child(fldPath, "annotations")));
    append(errs, validatePodSpecificAnnotations(member(meta, "annotations"), spec, child(fldPath, "annotations")));
    append(errs, validatePodSpec(spec, Json(), child(fldPath, "spec"), opts));
    if (count(spec, "ephemeralContainers") > 0)
        errs.push_back(forbidden(child(child(fldPath, "spec"), "ephemeralContainers"), "ephemeral containers not allowed in pod template"));
    return errs;
}

}  // namespace kp::validation
