// ObjectMeta, labels, annotations, owner references, finalizers and label selectors.
// Upstream: apimachinery pkg/api/validation/objectmeta.go, pkg/apis/meta/v1/validation/validation.go,
//           kubernetes pkg/apis/core/validation/validation.go (ValidateObjectMeta wrappers).
// Go iterates maps in random order; we iterate keys sorted so messages are reproducible.
#include "apiserver/validation/objectmeta.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "apiserver/validation/field_path.h"
#include "apiserver/validation/go_value.h"
#include "apiserver/validation/json_access.h"

namespace kp::validation {

namespace {

// Upstream: helper.IsStandardFinalizerName.
bool isStandardFinalizerName(const std::string& name) {
    return name == "kubernetes" || name == "orphan" || name == "foregroundDeletion";
}

// Upstream: core/validation#validateKubeFinalizerName.
FieldErrorList validateKubeFinalizerName(const std::string& name, const std::string& fldPath) {
    if (name.find('/') == std::string::npos && !isStandardFinalizerName(name))
        return {invalid(fldPath, name, "name is neither a standard finalizer name nor is it fully qualified")};
    return {};
}

FieldErrorList kubeFinalizerNames(const Json& meta, const std::string& fldPath) {
    FieldErrorList errs;
    const Json& finalizers = array(meta, "finalizers");
    for (size_t i = 0; i < finalizers.size(); ++i)
        if (finalizers[i].is_string())
            append(errs, validateKubeFinalizerName(finalizers[i].get<std::string>(),
                                                   index(child(fldPath, "finalizers"), i)));
    return errs;
}

// schema.FromAPIVersionAndKind(apiVersion).Version: "" for "" and for unparseable input.
std::string versionOf(const std::string& apiVersion, std::string* group) {
    group->clear();
    if (apiVersion.empty())
        return "";
    const size_t slash = apiVersion.find('/');
    if (slash == std::string::npos)
        return apiVersion;
    if (apiVersion.find('/', slash + 1) != std::string::npos)
        return "";
    *group = apiVersion.substr(0, slash);
    return apiVersion.substr(slash + 1);
}

Json timeValue(const Json& meta, const char* field) {
    const Json& t = member(meta, field);
    return t.is_string() ? t : Json();
}

// The Go text of a metav1.Time (Stringer) or *metav1.Time: "null" when unset.
std::string goTimeOrNull(const Json& t, bool pointer) {
    if (t.is_string())
        return goTime(t.get<std::string>());
    return pointer ? "null" : "0001-01-01 00:00:00 +0000 UTC";
}

}  // namespace

// [SECTION] create

FieldErrorList validateObjectMetaGeneric(const Json& meta, bool requiresNamespace, NameValidator nameFn,
                                         const std::string& fldPath) {
    FieldErrorList errs;
    const std::string generateName = str(meta, "generateName");
    if (!generateName.empty())
        for (auto& msg : nameFn(generateName, true))
            errs.push_back(invalid(child(fldPath, "generateName"), generateName, msg));

    const std::string name = str(meta, "name");
    if (name.empty()) {
        errs.push_back(required(child(fldPath, "name"), "name or generateName is required"));
    } else {
        for (auto& msg : nameFn(name, false))
            errs.push_back(invalid(child(fldPath, "name"), name, msg));
    }

    const std::string ns = str(meta, "namespace");
    if (requiresNamespace) {
        if (ns.empty()) {
            errs.push_back(required(child(fldPath, "namespace")));
        } else {
            for (auto& msg : nameIsDNSLabel(ns, false))
                errs.push_back(invalid(child(fldPath, "namespace"), ns, msg));
        }
    } else if (!ns.empty()) {
        errs.push_back(forbidden(child(fldPath, "namespace"), "not allowed on this type"));
    }

    append(errs, validateNonnegativeField(integer(meta, "generation"), child(fldPath, "generation")));
    append(errs, validateLabels(member(meta, "labels"), child(fldPath, "labels")));
    append(errs, validateAnnotations(member(meta, "annotations"), child(fldPath, "annotations")));
    append(errs, validateOwnerReferences(member(meta, "ownerReferences"), child(fldPath, "ownerReferences")));
    append(errs, validateFinalizers(member(meta, "finalizers"), child(fldPath, "finalizers")));
    // SIMPLIFICATION: metadata.managedFields is not validated; kubeplay's apiserver owns it.
    return errs;
}

FieldErrorList validateObjectMeta(const Json& meta, bool requiresNamespace, NameValidator nameFn,
                                  const std::string& fldPath) {
    FieldErrorList errs = validateObjectMetaGeneric(meta, requiresNamespace, nameFn, fldPath);
    append(errs, kubeFinalizerNames(meta, fldPath));
    return errs;
}

// [SECTION] update

FieldErrorList validateObjectMetaUpdateGeneric(const Json& newMeta, const Json& oldMeta, const std::string& fldPath) {
    FieldErrorList errs;
    // Finalizers cannot be added while the object is being deleted.
    if (has(oldMeta, "deletionTimestamp")) {
        std::set<std::string> oldSet;
        for (const Json& f : array(oldMeta, "finalizers"))
            if (f.is_string())
                oldSet.insert(f.get<std::string>());
        std::set<std::string> extra;
        for (const Json& f : array(newMeta, "finalizers"))
            if (f.is_string() && !oldSet.count(f.get<std::string>()))
                extra.insert(f.get<std::string>());
        if (!extra.empty()) {
            Json list = Json::array();
            for (const auto& e : extra)
                list.push_back(e);
            errs.push_back(forbidden(child(fldPath, "finalizers"),
                                     "no new finalizers can be added if the object is being deleted, found new finalizers " +
                                         goStringSlice(list)));
        }
    }
    if (str(newMeta, "resourceVersion").empty())
        errs.push_back(invalid(child(fldPath, "resourceVersion"), str(newMeta, "resourceVersion"),
                               "must be specified for an update"));
    if (integer(newMeta, "generation") < integer(oldMeta, "generation"))
        errs.push_back(invalid(child(fldPath, "generation"), integer(newMeta, "generation"), "must not be decremented"));

    for (const char* f : {"name", "namespace", "uid"})
        append(errs, validateImmutableField(str(newMeta, f), str(oldMeta, f), child(fldPath, f)));
    append(errs, validateImmutableField(timeValue(newMeta, "creationTimestamp"), timeValue(oldMeta, "creationTimestamp"),
                                        child(fldPath, "creationTimestamp"),
                                        goTimeOrNull(timeValue(newMeta, "creationTimestamp"), false)));
    append(errs, validateImmutableField(timeValue(newMeta, "deletionTimestamp"), timeValue(oldMeta, "deletionTimestamp"),
                                        child(fldPath, "deletionTimestamp"),
                                        goTimeOrNull(timeValue(newMeta, "deletionTimestamp"), true)));
    append(errs, validateImmutableField(member(newMeta, "deletionGracePeriodSeconds"),
                                        member(oldMeta, "deletionGracePeriodSeconds"),
                                        child(fldPath, "deletionGracePeriodSeconds")));

    append(errs, validateLabels(member(newMeta, "labels"), child(fldPath, "labels")));
    append(errs, validateAnnotations(member(newMeta, "annotations"), child(fldPath, "annotations")));
    append(errs, validateOwnerReferences(member(newMeta, "ownerReferences"), child(fldPath, "ownerReferences")));
    return errs;
}

FieldErrorList validateObjectMetaUpdate(const Json& newMeta, const Json& oldMeta, const std::string& fldPath) {
    FieldErrorList errs = validateObjectMetaUpdateGeneric(newMeta, oldMeta, fldPath);
    append(errs, kubeFinalizerNames(newMeta, fldPath));
    return errs;
}

// [SECTION] labels, annotations, owner references, finalizers

FieldErrorList validateLabelName(const std::string& name, const std::string& fldPath) {
    FieldErrorList errs;
    for (auto& msg : isQualifiedName(name))
        errs.push_back(invalid(fldPath, name, msg));
    return errs;
}

FieldErrorList validateLabels(const Json& labels, const std::string& fldPath) {
    FieldErrorList errs;
    if (!labels.is_object())
        return errs;
    for (const auto& [k, v] : labels.items()) {
        append(errs, validateLabelName(k, fldPath));
        const std::string value = v.is_string() ? v.get<std::string>() : std::string();
        for (auto& msg : isValidLabelValue(value))
            errs.push_back(invalid(fldPath, value, msg));
    }
    return errs;
}

FieldErrorList validateAnnotations(const Json& annotations, const std::string& fldPath) {
    FieldErrorList errs;
    if (!annotations.is_object())
        return errs;
    int64_t totalSize = 0;
    for (const auto& [k, v] : annotations.items()) {
        // The rule is QualifiedName, except that case does not matter.
        for (auto& msg : isQualifiedName(toLowerASCII(k)))
            errs.push_back(invalid(fldPath, k, msg));
        totalSize += static_cast<int64_t>(k.size()) + static_cast<int64_t>(v.is_string() ? v.get<std::string>().size() : 0);
    }
    if (totalSize > kTotalAnnotationSizeLimitB)
        errs.push_back(tooLong(fldPath, "", kTotalAnnotationSizeLimitB));
    return errs;
}

FieldErrorList validateOwnerReferences(const Json& ownerReferences, const std::string& fldPath) {
    FieldErrorList errs;
    if (!ownerReferences.is_array())
        return errs;
    std::string firstController;
    for (const Json& ref : ownerReferences) {
        const std::string apiVersion = str(ref, "apiVersion");
        const std::string kind = str(ref, "kind");
        std::string group;
        const std::string version = versionOf(apiVersion, &group);
        if (version.empty())
            errs.push_back(invalid(child(fldPath, "apiVersion"), apiVersion, "version must not be empty"));
        if (kind.empty())
            errs.push_back(invalid(child(fldPath, "kind"), kind, "kind must not be empty"));
        if (str(ref, "name").empty())
            errs.push_back(invalid(child(fldPath, "name"), str(ref, "name"), "name must not be empty"));
        if (str(ref, "uid").empty())
            errs.push_back(invalid(child(fldPath, "uid"), str(ref, "uid"), "uid must not be empty"));
        if (group.empty() && version == "v1" && kind == "Event")
            // SIMPLIFICATION: upstream prints the whole v1.OwnerReference struct with %#v,
            // including pointer addresses; we print its JSON.
            errs.push_back(invalidGo(fldPath, "v1.OwnerReference" + ref.dump(), "/v1, Kind=Event is disallowed from being an owner"));
        if (boolean(ref, "controller")) {
            const std::string current = kind + "/" + str(ref, "name");
            if (!firstController.empty()) {
                // SIMPLIFICATION: the value is the whole []v1.OwnerReference (%#v upstream).
                errs.push_back(invalidGo(fldPath, "[]v1.OwnerReference" + ownerReferences.dump(),
                                         "Only one reference can have Controller set to true. Found \"true\" in references for " +
                                             firstController + " and " + current));
            } else {
                firstController = current;
            }
        }
    }
    return errs;
}

FieldErrorList validateFinalizers(const Json& finalizers, const std::string& fldPath) {
    FieldErrorList errs;
    if (!finalizers.is_array())
        return errs;
    bool orphan = false;
    bool foreground = false;
    for (const Json& f : finalizers) {
        const std::string name = f.is_string() ? f.get<std::string>() : std::string();
        for (auto& msg : isQualifiedName(name))
            errs.push_back(invalid(fldPath, name, msg));
        orphan = orphan || name == "orphan";
        foreground = foreground || name == "foregroundDeletion";
    }
    if (orphan && foreground)
        errs.push_back(invalidGo(fldPath, goStringSlice(finalizers),
                                 "finalizer orphan and foregroundDeletion cannot be both set"));
    return errs;
}

FieldErrorList validateFinalizerName(const std::string& name, const std::string& fldPath) {
    FieldErrorList errs;
    for (auto& msg : isQualifiedName(name))
        errs.push_back(invalid(fldPath, name, msg));
    append(errs, validateKubeFinalizerName(name, fldPath));
    return errs;
}

FieldErrorList validateTemplateLabelsAndAnnotations(const Json& meta, const std::string& fldPath) {
    FieldErrorList errs = validateLabels(member(meta, "labels"), child(fldPath, "labels"));
    append(errs, validateAnnotations(member(meta, "annotations"), child(fldPath, "annotations")));
    return errs;
}

// [SECTION] label selectors

FieldErrorList validateLabelSelector(const Json& selector, const std::string& fldPath, bool allowInvalidLabelValue) {
    FieldErrorList errs;
    if (!selector.is_object())
        return errs;
    append(errs, validateLabels(member(selector, "matchLabels"), child(fldPath, "matchLabels")));
    const Json& exprs = array(selector, "matchExpressions");
    for (size_t i = 0; i < exprs.size(); ++i) {
        const std::string path = index(child(fldPath, "matchExpressions"), i);
        const Json& expr = exprs[i];
        const std::string op = str(expr, "operator");
        const size_t values = count(expr, "values");
        if (op == "In" || op == "NotIn") {
            if (values == 0)
                errs.push_back(required(child(path, "values"), "must be specified when `operator` is 'In' or 'NotIn'"));
        } else if (op == "Exists" || op == "DoesNotExist") {
            if (values > 0)
                errs.push_back(forbidden(child(path, "values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        } else {
            errs.push_back(invalid(child(path, "operator"), op, "not a valid selector operator"));
        }
        append(errs, validateLabelName(str(expr, "key"), child(path, "key")));
        if (allowInvalidLabelValue)
            continue;
        const Json& vals = array(expr, "values");
        for (size_t j = 0; j < vals.size(); ++j) {
            const std::string v = vals[j].is_string() ? vals[j].get<std::string>() : std::string();
            for (auto& msg : isValidLabelValue(v))
                errs.push_back(invalid(index(child(path, "values"), j), v, msg));
        }
    }
    return errs;
}

bool labelSelectorConvertible(const Json& selector) {
    return !selector.is_object() || validateLabelSelector(selector, "").empty();
}

bool labelSelectorEmpty(const Json& selector) {
    return selector.is_object() && count(selector, "matchLabels") == 0 && count(selector, "matchExpressions") == 0;
}

bool mapSelectorMatches(const Json& selector, const Json& labels) {
    if (!selector.is_object())
        return true;
    for (const auto& [k, v] : selector.items()) {
        const Json& actual = member(labels, k);
        if (!actual.is_string() || !v.is_string() || actual.get<std::string>() != v.get<std::string>())
            return false;
    }
    return true;
}

bool labelSelectorMatches(const Json& selector, const Json& labels) {
    if (!selector.is_object())
        return false;  // a nil selector converts to labels.Nothing()
    if (!mapSelectorMatches(member(selector, "matchLabels"), labels))
        return false;
    for (const Json& expr : array(selector, "matchExpressions")) {
        const std::string k = str(expr, "key");
        const std::string op = str(expr, "operator");
        const bool present = member(labels, k).is_string();
        bool inValues = false;
        if (present)
            for (const Json& v : array(expr, "values"))
                inValues = inValues || (v.is_string() && v.get<std::string>() == member(labels, k).get<std::string>());
        if (op == "In" && !(present && inValues))
            return false;
        if (op == "NotIn" && present && inValues)
            return false;
        if (op == "Exists" && !present)
            return false;
        if (op == "DoesNotExist" && present)
            return false;
    }
    return true;
}

// [SECTION] generic helpers

FieldErrorList validateImmutableField(const Json& newValue, const Json& oldValue, const std::string& fldPath,
                                      const std::string& goValue) {
    if (semanticallyEqual(newValue, oldValue))
        return {};
    if (!goValue.empty())
        return {invalidGo(fldPath, goValue, kFieldImmutableErrorMsg)};
    return {invalid(fldPath, newValue, kFieldImmutableErrorMsg)};
}

FieldErrorList validateNonnegativeField(int64_t value, const std::string& fldPath) {
    if (value < 0)
        return {invalid(fldPath, value, kIsNegativeErrorMsg)};
    return {};
}

}  // namespace kp::validation
