// apps/v1: Deployment, ReplicaSet, DaemonSet, StatefulSet, ControllerRevision.
// Upstream: kubernetes pkg/apis/apps/validation/validation.go, plus the selector
//           immutability that pkg/registry/apps/*/strategy.go adds for apps/v1.
//
// The message learners meet most:
//   spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`
#include "apiserver/validation/group_validation.h"

#include <string>

#include "apiserver/validation/core_validation.h"
#include "apiserver/validation/field_path.h"
#include "apiserver/validation/go_value.h"
#include "apiserver/validation/json_access.h"
#include "apiserver/validation/name_validation.h"
#include "apiserver/validation/objectmeta.h"

namespace kp::validation {

namespace {

const Json& meta(const Json& obj) { return member(obj, "metadata"); }

// [SECTION] int-or-percent values (maxSurge, maxUnavailable, minAvailable)

// Upstream: getPercentValue / getIntOrPercentValue.
bool percentValue(const Json& v, int* out) {
    if (!v.is_string() || !isValidPercent(v.get<std::string>()).empty())
        return false;
    const std::string s = v.get<std::string>();
    *out = std::stoi(s.substr(0, s.size() - 1));
    return true;
}

int intOrPercentValue(const Json& v) {
    int percent = 0;
    if (percentValue(v, &percent))
        return percent;
    if (v.is_number_integer())
        return static_cast<int>(v.get<int64_t>());
    if (v.is_string()) {  // IntOrString.IntValue of a string: strconv.Atoi, 0 on error
        const std::string s = v.get<std::string>();
        try {
            size_t used = 0;
            const int n = std::stoi(s, &used);
            return used == s.size() ? n : 0;
        } catch (...) {
            return 0;
        }
    }
    return 0;
}

}  // namespace

FieldErrorList validatePositiveIntOrPercent(const Json& v, const std::string& fldPath) {
    FieldErrorList errs;
    if (v.is_string()) {
        for (auto& m : isValidPercent(v.get<std::string>()))
            errs.push_back(invalidGo(fldPath, goIntOrString(v), m));
        return errs;
    }
    return validateNonnegativeField(v.is_number_integer() ? v.get<int64_t>() : 0, fldPath);
}

FieldErrorList isNotMoreThan100Percent(const Json& v, const std::string& fldPath) {
    int percent = 0;
    if (!percentValue(v, &percent) || percent <= 100)
        return {};
    return {invalidGo(fldPath, goIntOrString(v), "must not be greater than 100%")};
}

namespace {

// [SECTION] pod templates of controllers

// Upstream: ValidatePodTemplateSpecForReplicaSet (Deployments and ReplicaSets).
FieldErrorList validatePodTemplateSpecForReplicaSet(const Json& tmpl, const Json& selector, const std::string& fldPath,
                                                    const char* kindForMessages) {
    FieldErrorList errs;
    const Json& labels = member(member(tmpl, "metadata"), "labels");
    // A null selector converts to "nothing" (never matches); {} selects everything.
    if (!labelSelectorEmpty(selector) && !labelSelectorMatches(selector, labels))
        errs.push_back(invalidGo(child(child(fldPath, "metadata"), "labels"), goStringMap(labels),
                                 "`selector` does not match template `labels`"));
    append(errs, validatePodTemplateSpec(tmpl, fldPath, PodValidationOptions{}));
    // SIMPLIFICATION: ValidateReadOnlyPersistentDisks (GCE PD with replicas > 1) is not checked.
    const Json& podSpec = member(tmpl, "spec");
    if (str(podSpec, "restartPolicy") != "Always")
        errs.push_back(notSupported(child(child(fldPath, "spec"), "restartPolicy"), str(podSpec, "restartPolicy"), {"Always"}));
    if (has(podSpec, "activeDeadlineSeconds"))
        errs.push_back(forbidden(child(child(fldPath, "spec"), "activeDeadlineSeconds"),
                                 std::string("activeDeadlineSeconds in ") + kindForMessages + " is not Supported"));
    return errs;
}

// Selector checks shared by Deployment, ReplicaSet and StatefulSet: required, valid, not empty.
FieldErrorList validateControllerSelector(const Json& spec, const std::string& fldPath, const char* emptyMessage) {
    FieldErrorList errs;
    const Json& selector = member(spec, "selector");
    if (!selector.is_object()) {
        errs.push_back(required(child(fldPath, "selector")));
        return errs;
    }
    append(errs, validateLabelSelector(selector, child(fldPath, "selector")));
    if (labelSelectorEmpty(selector))
        errs.push_back(invalidGo(child(fldPath, "selector"), goLabelSelector(selector), emptyMessage));
    return errs;
}

// [SECTION] Deployment and ReplicaSet

FieldErrorList validateRollingUpdateDeployment(const Json& ru, const std::string& fldPath) {
    FieldErrorList errs;
    const Json& maxUnavailable = member(ru, "maxUnavailable");
    const Json& maxSurge = member(ru, "maxSurge");
    append(errs, validatePositiveIntOrPercent(maxUnavailable, child(fldPath, "maxUnavailable")));
    append(errs, validatePositiveIntOrPercent(maxSurge, child(fldPath, "maxSurge")));
    if (intOrPercentValue(maxUnavailable) == 0 && intOrPercentValue(maxSurge) == 0)
        errs.push_back(invalidGo(child(fldPath, "maxUnavailable"), goIntOrString(maxUnavailable),
                                 "may not be 0 when `maxSurge` is 0"));
    append(errs, isNotMoreThan100Percent(maxUnavailable, child(fldPath, "maxUnavailable")));
    return errs;
}

std::string goRollingUpdateDeployment(const Json& ru) {
    if (!ru.is_object())
        return "(*apps.RollingUpdateDeployment)(nil)";
    // SIMPLIFICATION: upstream prints the pointer's address here.
    return "&apps.RollingUpdateDeployment{MaxUnavailable:" + goIntOrString(member(ru, "maxUnavailable")) +
           ", MaxSurge:" + goIntOrString(member(ru, "maxSurge")) + "}";
}

FieldErrorList validateDeploymentStrategy(const Json& strategy, const std::string& fldPath) {
    const std::string type = str(strategy, "type");
    const Json& ru = member(strategy, "rollingUpdate");
    if (type == "Recreate") {
        if (ru.is_object())
            return {forbidden(child(fldPath, "rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'")};
        return {};
    }
    if (type == "RollingUpdate") {
        if (!ru.is_object())
            return {required(child(fldPath, "rollingUpdate"), "this should be defaulted and never be nil")};
        return validateRollingUpdateDeployment(ru, child(fldPath, "rollingUpdate"));
    }
    return {notSupportedGo(fldPath, "apps.DeploymentStrategy{Type:" + goQuote(type) + ", RollingUpdate:" + goRollingUpdateDeployment(ru) + "}",
                           {"Recreate", "RollingUpdate"})};
}

FieldErrorList validateDeploymentSpec(const Json& spec, const std::string& fldPath) {
    FieldErrorList errs = validateNonnegativeField(integer(spec, "replicas"), child(fldPath, "replicas"));
    append(errs, validateControllerSelector(spec, fldPath, "empty selector is invalid for deployment"));
    const Json& selector = member(spec, "selector");
    if (!labelSelectorConvertible(selector))
        errs.push_back(invalidGo(child(fldPath, "selector"), goLabelSelector(selector), "invalid label selector"));
    else
        append(errs, validatePodTemplateSpecForReplicaSet(member(spec, "template"), selector, child(fldPath, "template"), "ReplicaSet"));
    append(errs, validateDeploymentStrategy(member(spec, "strategy"), child(fldPath, "strategy")));
    append(errs, validateNonnegativeField(integer(spec, "minReadySeconds"), child(fldPath, "minReadySeconds")));
    if (has(spec, "revisionHistoryLimit"))
        append(errs, validateNonnegativeField(integer(spec, "revisionHistoryLimit"), child(fldPath, "revisionHistoryLimit")));
    if (has(spec, "progressDeadlineSeconds")) {
        const int64_t pds = integer(spec, "progressDeadlineSeconds");
        append(errs, validateNonnegativeField(pds, child(fldPath, "progressDeadlineSeconds")));
        if (pds <= integer(spec, "minReadySeconds"))
            errs.push_back(invalid(child(fldPath, "progressDeadlineSeconds"), pds, "must be greater than minReadySeconds"));
    }
    return errs;
}

FieldErrorList validateReplicaSetSpec(const Json& spec, const std::string& fldPath) {
    FieldErrorList errs = validateNonnegativeField(integer(spec, "replicas"), child(fldPath, "replicas"));
    append(errs, validateNonnegativeField(integer(spec, "minReadySeconds"), child(fldPath, "minReadySeconds")));
    // Upstream says "deployment" here too.
    append(errs, validateControllerSelector(spec, fldPath, "empty selector is invalid for deployment"));
    const Json& selector = member(spec, "selector");
    if (!labelSelectorConvertible(selector))
        errs.push_back(invalidGo(child(fldPath, "selector"), goLabelSelector(selector), "invalid label selector"));
    else
        append(errs, validatePodTemplateSpecForReplicaSet(member(spec, "template"), selector, child(fldPath, "template"), "ReplicaSet"));
    return errs;
}

FieldErrorList selectorImmutable(const Json& obj, const Json& old) {
    const Json& selector = member(member(obj, "spec"), "selector");
    return validateImmutableField(selector, member(member(old, "spec"), "selector"), "spec.selector",
                                  selector.is_object() ? goLabelSelector(selector) : "null");
}

// [SECTION] DaemonSet

FieldErrorList validateRollingUpdateDaemonSet(const Json& ru, const std::string& fldPath) {
    FieldErrorList errs;
    const Json& maxUnavailable = member(ru, "maxUnavailable");
    const Json& maxSurge = member(ru, "maxSurge");
    append(errs, validatePositiveIntOrPercent(maxUnavailable, child(fldPath, "maxUnavailable")));
    append(errs, validatePositiveIntOrPercent(maxSurge, child(fldPath, "maxSurge")));
    append(errs, isNotMoreThan100Percent(maxUnavailable, child(fldPath, "maxUnavailable")));
    append(errs, isNotMoreThan100Percent(maxSurge, child(fldPath, "maxSurge")));
    const bool hasUnavailable = intOrPercentValue(maxUnavailable) != 0;
    const bool hasSurge = intOrPercentValue(maxSurge) != 0;
    if (hasUnavailable && hasSurge)
        errs.push_back(invalidGo(child(fldPath, "maxSurge"), goIntOrString(maxSurge), "may not be set when maxUnavailable is non-zero"));
    else if (!hasUnavailable && !hasSurge)
        errs.push_back(required(child(fldPath, "maxUnavailable"), "cannot be 0 when maxSurge is 0"));
    return errs;
}

FieldErrorList validateDaemonSetSpec(const Json& spec, const std::string& fldPath) {
    FieldErrorList errs;
    const Json& selector = member(spec, "selector");
    append(errs, validateLabelSelector(selector, child(fldPath, "selector")));
    const Json& tmpl = member(spec, "template");
    const Json& labels = member(member(tmpl, "metadata"), "labels");
    const bool matches = selector.is_object() && (labelSelectorEmpty(selector) || labelSelectorMatches(selector, labels));
    if (labelSelectorConvertible(selector) && !matches)
        errs.push_back(invalidGo(child(child(child(fldPath, "template"), "metadata"), "labels"), goStringMap(labels),
                                 "`selector` does not match template `labels`"));
    if (selector.is_object() && labelSelectorEmpty(selector))
        errs.push_back(invalidGo(child(fldPath, "selector"), goLabelSelector(selector), "empty selector is invalid for daemonset"));
    append(errs, validatePodTemplateSpec(tmpl, child(fldPath, "template"), PodValidationOptions{}));
    const Json& podSpec = member(tmpl, "spec");
    if (str(podSpec, "restartPolicy") != "Always")
        errs.push_back(notSupported(child(fldPath, "template.spec.restartPolicy"), str(podSpec, "restartPolicy"), {"Always"}));
    if (has(podSpec, "activeDeadlineSeconds"))
        errs.push_back(forbidden(child(fldPath, "template.spec.activeDeadlineSeconds"), "activeDeadlineSeconds in DaemonSet is not Supported"));
    append(errs, validateNonnegativeField(integer(spec, "minReadySeconds"), child(fldPath, "minReadySeconds")));
    append(errs, validateNonnegativeField(integer(spec, "templateGeneration"), child(fldPath, "templateGeneration")));
    const Json& strategy = member(spec, "updateStrategy");
    const std::string strategyPath = child(fldPath, "updateStrategy");
    const std::string type = str(strategy, "type");
    if (type == "RollingUpdate") {
        if (!has(strategy, "rollingUpdate"))
            errs.push_back(required(child(strategyPath, "rollingUpdate")));
        else
            append(errs, validateRollingUpdateDaemonSet(member(strategy, "rollingUpdate"), child(strategyPath, "rollingUpdate")));
    } else if (type != "OnDelete") {
        // SIMPLIFICATION: the rollingUpdate pointer prints as JSON instead of an address.
        const Json& ru = member(strategy, "rollingUpdate");
        errs.push_back(notSupportedGo(strategyPath,
                                      "apps.DaemonSetUpdateStrategy{Type:" + goQuote(type) + ", RollingUpdate:" +
                                          (ru.is_object() ? "&apps.RollingUpdateDaemonSet" + ru.dump() : "(*apps.RollingUpdateDaemonSet)(nil)") + "}",
                                      {"RollingUpdate", "OnDelete"}));
    }
    if (has(spec, "revisionHistoryLimit"))
        append(errs, validateNonnegativeField(integer(spec, "revisionHistoryLimit"), child(fldPath, "revisionHistoryLimit")));
    return errs;
}

// [SECTION] StatefulSet

FieldErrorList validateStatefulSetSpec(const Json& spec, const std::string& fldPath) {
    FieldErrorList errs;
    const std::string policy = str(spec, "podManagementPolicy");
    if (policy.empty())
        errs.push_back(required(child(fldPath, "podManagementPolicy")));
    else if (policy != "OrderedReady" && policy != "Parallel")
        errs.push_back(invalid(child(fldPath, "podManagementPolicy"), policy, "must be 'OrderedReady' or 'Parallel'"));

    const Json& strategy = member(spec, "updateStrategy");
    const std::string type = str(strategy, "type");
    const std::string strategyPath = child(fldPath, "updateStrategy");
    if (type.empty()) {
        errs.push_back(required(strategyPath));
    } else if (type == "OnDelete") {
        if (has(strategy, "rollingUpdate"))
            // SIMPLIFICATION: upstream prints the pointer (an address) with %#v.
            errs.push_back(invalidGo(child(strategyPath, "rollingUpdate"), "&apps.RollingUpdateStatefulSetStrategy" + member(strategy, "rollingUpdate").dump(),
                                     "only allowed for updateStrategy 'RollingUpdate'"));
    } else if (type == "RollingUpdate") {
        if (has(strategy, "rollingUpdate")) {
            const Json& ru = member(strategy, "rollingUpdate");
            const std::string ruPath = child(strategyPath, "rollingUpdate");
            append(errs, validateNonnegativeField(integer(ru, "partition"), child(ruPath, "partition")));
            if (has(ru, "maxUnavailable")) {
                const Json& mu = member(ru, "maxUnavailable");
                append(errs, validatePositiveIntOrPercent(mu, child(ruPath, "maxUnavailable")));
                if (intOrPercentValue(mu) == 0)
                    errs.push_back(invalidGo(child(ruPath, "maxUnavailable"), goIntOrString(mu), "cannot be 0"));
                append(errs, isNotMoreThan100Percent(mu, child(ruPath, "maxUnavailable")));
            }
        }
    } else {
        errs.push_back(invalidGo(strategyPath, "apps.StatefulSetUpdateStrategy{Type:" + goQuote(type) + ", RollingUpdate:" +
                                                   (has(strategy, "rollingUpdate") ? "&apps.RollingUpdateStatefulSetStrategy" + member(strategy, "rollingUpdate").dump()
                                                                                   : "(*apps.RollingUpdateStatefulSetStrategy)(nil)") + "}",
                                 "must be 'RollingUpdate' or 'OnDelete'"));
    }
    const Json& retention = member(spec, "persistentVolumeClaimRetentionPolicy");
    if (retention.is_object())
        for (const char* f : {"whenDeleted", "whenScaled"}) {
            const std::string v = str(retention, f);
            if (v != "Retain" && v != "Delete")
                errs.push_back(notSupported(child(child(fldPath, "persistentVolumeClaimRetentionPolicy"), f), v, {"Retain", "Delete"}));
        }
    append(errs, validateNonnegativeField(integer(spec, "replicas"), child(fldPath, "replicas")));
    append(errs, validateNonnegativeField(integer(spec, "minReadySeconds"), child(fldPath, "minReadySeconds")));
    if (has(spec, "ordinals"))
        append(errs, validateNonnegativeField(integer(member(spec, "ordinals"), "start"), child(fldPath, "ordinals.start")));
    append(errs, validateControllerSelector(spec, fldPath, "empty selector is invalid for statefulset"));
    const Json& selector = member(spec, "selector");
    const Json& tmpl = member(spec, "template");
    if (!labelSelectorConvertible(selector)) {
        errs.push_back(invalidGo(child(fldPath, "selector"), goLabelSelector(selector), ""));
    } else {
        const std::string tmplPath = child(fldPath, "template");
        const Json& tmplMeta = member(tmpl, "metadata");
        if (!labelSelectorEmpty(selector) && !labelSelectorMatches(selector, member(tmplMeta, "labels")))
            errs.push_back(invalidGo(child(child(tmplPath, "metadata"), "labels"), goStringMap(member(tmplMeta, "labels")),
                                     "`selector` does not match template `labels`"));
        // Upstream leaves the StatefulSet's pod spec unvalidated (a TODO in apps validation):
        // only labels and annotations are checked here.
        append(errs, validateLabels(member(tmplMeta, "labels"), child(tmplPath, "labels")));
        append(errs, validateAnnotations(member(tmplMeta, "annotations"), child(tmplPath, "annotations")));
        append(errs, validatePodSpecificAnnotations(member(tmplMeta, "annotations"), member(tmpl, "spec"), child(tmplPath, "annotations")));
    }
    const Json& podSpec = member(tmpl, "spec");
    if (str(podSpec, "restartPolicy") != "Always")
        errs.push_back(notSupported(child(fldPath, "template.spec.restartPolicy"), str(podSpec, "restartPolicy"), {"Always"}));
    if (has(podSpec, "activeDeadlineSeconds"))
        errs.push_back(forbidden(child(fldPath, "template.spec.activeDeadlineSeconds"), "activeDeadlineSeconds in StatefulSet is not Supported"));
    return errs;
}

}  // namespace

// [SECTION] kinds

FieldErrorList validateDeployment(const Json& d) {
    FieldErrorList errs = validateObjectMeta(meta(d), true, nameIsDNSSubdomain);
    append(errs, validateDeploymentSpec(member(d, "spec"), "spec"));
    return errs;
}

FieldErrorList validateDeploymentUpdate(const Json& d, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdate(meta(d), meta(old));
    append(errs, validateDeploymentSpec(member(d, "spec"), "spec"));
    append(errs, selectorImmutable(d, old));
    return errs;
}

FieldErrorList validateReplicaSet(const Json& rs) {
    FieldErrorList errs = validateObjectMeta(meta(rs), true, nameIsDNSSubdomain);
    append(errs, validateReplicaSetSpec(member(rs, "spec"), "spec"));
    return errs;
}

FieldErrorList validateReplicaSetUpdate(const Json& rs, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdate(meta(rs), meta(old));
    append(errs, validateReplicaSetSpec(member(rs, "spec"), "spec"));
    append(errs, selectorImmutable(rs, old));
    return errs;
}

FieldErrorList validateDaemonSet(const Json& ds) {
    FieldErrorList errs = validateObjectMeta(meta(ds), true, nameIsDNSSubdomain);
    append(errs, validateDaemonSetSpec(member(ds, "spec"), "spec"));
    return errs;
}

FieldErrorList validateDaemonSetUpdate(const Json& ds, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdate(meta(ds), meta(old));
    append(errs, validateDaemonSetSpec(member(ds, "spec"), "spec"));
    append(errs, selectorImmutable(ds, old));
    return errs;
}

FieldErrorList validateStatefulSet(const Json& sts) {
    FieldErrorList errs = validateObjectMeta(meta(sts), true, nameIsDNSLabel);
    append(errs, validateStatefulSetSpec(member(sts, "spec"), "spec"));
    return errs;
}

FieldErrorList validateStatefulSetUpdate(const Json& sts, const Json& old) {
    // The name is not re-validated on update (old StatefulSets may carry subdomain names).
    FieldErrorList errs = validateObjectMetaUpdate(meta(sts), meta(old));
    append(errs, validateStatefulSetSpec(member(sts, "spec"), "spec"));
    Json newSpec = member(sts, "spec");
    Json oldSpec = member(old, "spec");
    for (const char* f : {"replicas", "template", "updateStrategy", "minReadySeconds", "ordinals",
                          "persistentVolumeClaimRetentionPolicy"}) {
        if (newSpec.is_object())
            newSpec.erase(f);
        if (oldSpec.is_object())
            oldSpec.erase(f);
    }
    if (!semanticallyEqual(newSpec, oldSpec))
        errs.push_back(forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', "
                                         "'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
    return errs;
}

FieldErrorList validateControllerRevision(const Json& cr) {
    FieldErrorList errs = validateObjectMeta(meta(cr), true, nameIsDNSSubdomain);
    if (!has(cr, "data"))
        errs.push_back(required("data", "data is mandatory"));
    append(errs, validateNonnegativeField(integer(cr, "revision"), "revision"));
    return errs;
}

FieldErrorList validateControllerRevisionUpdate(const Json& cr, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdate(meta(cr), meta(old));
    append(errs, validateControllerRevision(cr));
    // SIMPLIFICATION: upstream prints the runtime.RawExtension struct; we print its JSON.
    append(errs, validateImmutableField(member(cr, "data"), member(old, "data"), "data",
                                        "runtime.RawExtension{Raw:" + member(cr, "data").dump() + "}"));
    return errs;
}

}  // namespace kp::validation
