// Dispatch of create/update validation per kind, plus the generic metadata checks the
// apiserver's REST layer adds around every kind.
// Upstream: apiserver pkg/registry/rest/create.go#BeforeCreate, update.go#BeforeUpdate and
//           validateCommonFields; the per-kind strategies in kubernetes pkg/registry/*.
#include "apiserver/validation/validate.h"

#include <map>

#include "api/resources.h"
#include "apiserver/validation/core_validation.h"
#include "apiserver/validation/group_validation.h"
#include "apiserver/validation/json_access.h"
#include "apiserver/validation/objectmeta.h"

namespace kp::validation {

namespace {

using CreateFn = FieldErrorList (*)(const Json&);
using UpdateFn = FieldErrorList (*)(const Json&, const Json&);

struct KindRules {
    const char* group;
    bool namespaced;
    NameValidator nameFn;
    CreateFn create;
    UpdateFn update;
};

FieldErrorList roleCreate(const Json& o) { return validateRBACObject(o, true); }
FieldErrorList clusterRoleCreate(const Json& o) { return validateRBACObject(o, false); }
FieldErrorList roleUpdate(const Json& o, const Json& old) { return validateRBACObjectUpdate(o, old, true); }
FieldErrorList clusterRoleUpdate(const Json& o, const Json& old) { return validateRBACObjectUpdate(o, old, false); }

// One row per kind: its group, scope, name rule and validation functions.
const std::map<std::string, KindRules, std::less<>>& kindTable() {
    static const std::map<std::string, KindRules, std::less<>> table = {
        // core
        {"Pod", {"", true, nameIsDNSSubdomain, validatePodCreate, validatePodUpdate}},
        {"PodTemplate", {"", true, nameIsDNSSubdomain, validatePodTemplateCreate, validatePodTemplateUpdate}},
        {"ReplicationController", {"", true, nameIsDNSSubdomain, validateReplicationController, validateReplicationControllerUpdate}},
        {"Service", {"", true, nameIsDNS1035Label, validateServiceCreate, validateServiceUpdate}},
        {"Namespace", {"", false, nameIsDNSLabel, validateNamespace, validateNamespaceUpdate}},
        {"ConfigMap", {"", true, nameIsDNSSubdomain, validateConfigMap, validateConfigMapUpdate}},
        {"Secret", {"", true, nameIsDNSSubdomain, validateSecret, validateSecretUpdate}},
        {"ServiceAccount", {"", true, nameIsDNSSubdomain, validateServiceAccount, validateServiceAccountUpdate}},
        {"Endpoints", {"", true, nameIsDNSSubdomain, validateEndpoints, validateEndpointsUpdate}},
        {"Node", {"", false, nameIsDNSSubdomain, validateNode, validateNodeUpdate}},
        {"Event", {"", true, validatePathSegmentName, validateEventCreate, validateEventUpdate}},
        {"ResourceQuota", {"", true, nameIsDNSSubdomain, validateResourceQuota, validateResourceQuotaUpdate}},
        {"LimitRange", {"", true, nameIsDNSSubdomain, validateLimitRange, validateLimitRangeUpdate}},
        {"PersistentVolume", {"", false, nameIsDNSSubdomain, validatePersistentVolume, validatePersistentVolumeUpdate}},
        {"PersistentVolumeClaim", {"", true, nameIsDNSSubdomain, validatePersistentVolumeClaim, validatePersistentVolumeClaimUpdate}},
        // apps
        {"Deployment", {"apps", true, nameIsDNSSubdomain, validateDeployment, validateDeploymentUpdate}},
        {"ReplicaSet", {"apps", true, nameIsDNSSubdomain, validateReplicaSet, validateReplicaSetUpdate}},
        {"DaemonSet", {"apps", true, nameIsDNSSubdomain, validateDaemonSet, validateDaemonSetUpdate}},
        {"StatefulSet", {"apps", true, nameIsDNSLabel, validateStatefulSet, validateStatefulSetUpdate}},
        {"ControllerRevision", {"apps", true, nameIsDNSSubdomain, validateControllerRevision, validateControllerRevisionUpdate}},
        // batch
        {"Job", {"batch", true, nameIsDNSSubdomain, validateJob, validateJobUpdate}},
        {"CronJob", {"batch", true, nameIsDNSSubdomain, validateCronJob, validateCronJobUpdate}},
        // networking
        {"Ingress", {"networking.k8s.io", true, nameIsDNSSubdomain, validateIngress, validateIngressUpdate}},
        {"IngressClass", {"networking.k8s.io", false, nameIsDNSSubdomain, validateIngressClass, validateIngressClassUpdate}},
        {"NetworkPolicy", {"networking.k8s.io", true, nameIsDNSSubdomain, validateNetworkPolicy, validateNetworkPolicyUpdate}},
        // others
        {"EndpointSlice", {"discovery.k8s.io", true, nameIsDNSSubdomain, validateEndpointSlice, validateEndpointSliceUpdate}},
        {"Lease", {"coordination.k8s.io", true, nameIsDNSSubdomain, validateLease, validateLeaseUpdate}},
        {"StorageClass", {"storage.k8s.io", false, nameIsDNSSubdomain, validateStorageClass, validateStorageClassUpdate}},
        {"HorizontalPodAutoscaler", {"autoscaling", true, nameIsDNSSubdomain, validateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerUpdate}},
        {"PodDisruptionBudget", {"policy", true, validatePathSegmentName, validatePodDisruptionBudget, validatePodDisruptionBudgetUpdate}},
        {"Role", {"rbac.authorization.k8s.io", true, validatePathSegmentName, roleCreate, roleUpdate}},
        {"RoleBinding", {"rbac.authorization.k8s.io", true, validatePathSegmentName, roleCreate, roleUpdate}},
        {"ClusterRole", {"rbac.authorization.k8s.io", false, validatePathSegmentName, clusterRoleCreate, clusterRoleUpdate}},
        {"ClusterRoleBinding", {"rbac.authorization.k8s.io", false, validatePathSegmentName, clusterRoleCreate, clusterRoleUpdate}},
    };
    return table;
}

const KindRules* rulesFor(std::string_view kind) {
    const auto& table = kindTable();
    auto it = table.find(kind);
    return it == table.end() ? nullptr : &it->second;
}

bool isNamespaced(std::string_view kind) {
    if (const KindRules* rules = rulesFor(kind))
        return rules->namespaced;
    if (const ResourceInfo* info = ResourceRegistry::builtin().byKindAnyGroup(kind))
        return info->namespaced;
    return true;
}

// RBAC validators read the kind from the object; make sure it is there. The object itself when
// it names a kind (as every stored object does), else a copy in `storage` that names it.
const Json& withKind(const Json& obj, std::string_view kind, Json& storage) {
    if (!obj.is_object() || obj.contains("kind"))
        return obj;
    storage = obj;
    storage["kind"] = std::string(kind);
    return storage;
}

// Upstream: BeforeUpdate copies these from the stored object before validating.
Json afterBeforeUpdateFixups(const Json& obj, const Json& old) {
    Json copy = obj.is_object() ? obj : Json::object();
    Json& meta = copy["metadata"];
    if (!meta.is_object())
        meta = Json::object();
    const Json& oldMeta = member(old, "metadata");
    meta["generation"] = member(oldMeta, "generation");
    if (meta["generation"].is_null())
        meta.erase("generation");
    if (str(meta, "uid").empty() && has(oldMeta, "uid"))
        meta["uid"] = oldMeta["uid"];
    if (has(oldMeta, "creationTimestamp"))
        meta["creationTimestamp"] = oldMeta["creationTimestamp"];
    if (has(oldMeta, "deletionTimestamp"))
        meta["deletionTimestamp"] = oldMeta["deletionTimestamp"];
    if (has(oldMeta, "deletionGracePeriodSeconds") && !has(meta, "deletionGracePeriodSeconds"))
        meta["deletionGracePeriodSeconds"] = oldMeta["deletionGracePeriodSeconds"];
    return copy;
}

}  // namespace

NameValidator nameValidatorFor(std::string_view kind) {
    const KindRules* rules = rulesFor(kind);
    return rules ? rules->nameFn : validatePathSegmentName;
}

std::string groupOf(std::string_view kind) {
    if (const KindRules* rules = rulesFor(kind))
        return rules->group;
    if (const ResourceInfo* info = ResourceRegistry::builtin().byKindAnyGroup(kind))
        return info->group;
    return "";
}

FieldErrorList validateCreate(std::string_view kind, const Json& obj) {
    Json storage;
    const Json& object = withKind(obj, kind, storage);
    const KindRules* rules = rulesFor(kind);
    FieldErrorList errs;
    if (kind == "Service") {
        // The NodePort allocator runs before validation and fails on its own.
        errs = validateServiceNodePortRange(object);
        if (!errs.empty())
            return errs;
    }
    if (rules)
        errs = rules->create(object);
    if (!errs.empty())
        return errs;
    // Custom validation passed; now the checks every object gets.
    return validateObjectMetaGeneric(member(object, "metadata"), isNamespaced(kind), validatePathSegmentName);
}

FieldErrorList validateUpdate(std::string_view kind, const Json& obj, const Json& old) {
    Json object = afterBeforeUpdateFixups(obj, old);
    if (!object.contains("kind"))
        object["kind"] = std::string(kind);
    Json oldStorage;
    const Json& oldObject = withKind(old, kind, oldStorage);
    if (kind == "Service") {
        FieldErrorList range = validateServiceNodePortRange(object);
        if (!range.empty())
            return range;
    }
    const Json& meta = member(object, "metadata");
    FieldErrorList errs = validateObjectMetaGeneric(meta, isNamespaced(kind), validatePathSegmentName);
    append(errs, validateObjectMetaUpdateGeneric(meta, member(oldObject, "metadata")));
    if (const KindRules* rules = rulesFor(kind))
        append(errs, rules->update(object, oldObject));
    return errs;
}

Status checkCreate(std::string_view kind, const Json& obj) {
    FieldErrorList errs = validateCreate(kind, obj);
    if (errs.empty())
        return Status::success();
    return invalidStatus(std::string(kind), groupOf(kind), str(member(obj, "metadata"), "name"), errs);
}

Status checkUpdate(std::string_view kind, const Json& obj, const Json& old) {
    FieldErrorList errs = validateUpdate(kind, obj, old);
    if (errs.empty())
        return Status::success();
    return invalidStatus(std::string(kind), groupOf(kind), str(member(obj, "metadata"), "name"), errs);
}

}  // namespace kp::validation
