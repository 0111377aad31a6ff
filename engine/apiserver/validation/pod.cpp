// Pods and PodTemplates: create and update.
// Upstream: kubernetes pkg/apis/core/validation/validation.go (validatePodMetadataAndSpec,
//           ValidatePodCreate, ValidatePodUpdate, ValidateContainerUpdates, ValidatePodTemplate).
//
// A Pod's spec is almost immutable: only container images, activeDeadlineSeconds (lower),
// added tolerations and removed scheduling gates may change. Anything else fails with
//   spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,...
// followed by a diff of the specs.
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

const char* const kUpdatablePodSpecFields =
    "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
    "`spec.tolerations` (only additions to existing tolerations),"
    "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

FieldErrorList validateContainersOnlyForPod(const Json& containers, const std::string& fldPath) {
    FieldErrorList errs;
    for (size_t i = 0; i < containers.size(); ++i) {
        const std::string image = str(containers[i], "image");
        if (hasSurroundingSpace(image))
            errs.push_back(invalid(child(index(fldPath, i), "image"), image, "must not have leading or trailing whitespace"));
    }
    return errs;
}

// Upstream: validatePodMetadataAndSpec.
FieldErrorList validatePodMetadataAndSpec(const Json& pod) {
    const Json& meta = member(pod, "metadata");
    const Json& spec = member(pod, "spec");
    FieldErrorList errs = validateObjectMeta(meta, true, nameIsDNSSubdomain, "metadata");
    append(errs, validatePodSpecificAnnotations(member(meta, "annotations"), spec, "metadata.annotations"));
    PodValidationOptions opts;
    opts.resourceIsPod = true;
    append(errs, validatePodSpec(spec, meta, "spec", opts));
    if (str(spec, "serviceAccountName").empty()) {
        const Json& volumes = array(spec, "volumes");
        for (size_t vi = 0; vi < volumes.size(); ++vi) {
            const Json& sources = array(member(volumes[vi], "projected"), "sources");
            for (size_t si = 0; si < sources.size(); ++si)
                if (has(sources[si], "serviceAccountToken"))
                    errs.push_back(forbidden("spec.volumes[" + std::to_string(vi) + "].projected.sources[" +
                                                 std::to_string(si) + "].serviceAccountToken",
                                             "must not be specified when serviceAccountName is not set"));
        }
    }
    append(errs, validateContainersOnlyForPod(array(spec, "containers"), "spec.containers"));
    append(errs, validateContainersOnlyForPod(array(spec, "initContainers"), "spec.initContainers"));
    return errs;
}

// Upstream: ValidateContainerUpdates. Returns true in `stop` when containers were added or
// removed, after which nothing else is compared.
FieldErrorList validateContainerUpdates(const Json& newContainers, const Json& oldContainers, const std::string& fldPath,
                                        bool* stop) {
    *stop = false;
    if (newContainers.size() != oldContainers.size()) {
        *stop = true;
        return {forbidden(fldPath, "pod updates may not add or remove containers")};
    }
    FieldErrorList errs;
    for (size_t i = 0; i < newContainers.size(); ++i) {
        const std::string image = str(newContainers[i], "image");
        if (image.empty())
            errs.push_back(required(child(index(fldPath, i), "image")));
        if (hasSurroundingSpace(image))
            errs.push_back(invalid(child(index(fldPath, i), "image"), image, "must not have leading or trailing whitespace"));
    }
    return errs;
}

// Upstream: validateOnlyAddedTolerations: every old toleration must still be present (its
// tolerationSeconds may change).
FieldErrorList validateOnlyAddedTolerations(const Json& newTolerations, const Json& oldTolerations,
                                            const std::string& fldPath) {
    for (const Json& old : oldTolerations) {
        bool found = false;
        for (const Json& t : newTolerations) {
            Json a = old;
            Json b = t;
            a.erase("tolerationSeconds");
            b.erase("tolerationSeconds");
            found = found || semanticallyEqual(a, b);
        }
        if (!found)
            return {forbidden(fldPath, "existing toleration can not be modified except its tolerationSeconds")};
    }
    return validateTolerations(newTolerations, fldPath);
}

FieldErrorList validateOnlyDeletedSchedulingGates(const Json& newGates, const Json& oldGates, const std::string& fldPath) {
    FieldErrorList errs;
    std::set<std::string> oldNames;
    for (const Json& g : oldGates)
        oldNames.insert(str(g, "name"));
    for (size_t i = 0; i < newGates.size(); ++i) {
        const std::string name = str(newGates[i], "name");
        if (!oldNames.count(name))
            errs.push_back(forbidden(child(index(fldPath, i), "name"),
                                     "only deletion is allowed, but found new scheduling gate '" + name + "'"));
    }
    return errs;
}

std::string goFieldName(const std::string& jsonName) {
    if (jsonName == "dnsPolicy")
        return "DNSPolicy";
    if (jsonName == "dnsConfig")
        return "DNSConfig";
    if (jsonName == "os")
        return "OS";
    std::string out = jsonName;
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
}

// SIMPLIFICATION: upstream appends go-cmp's cmp.Diff of the internal core.PodSpec structs
// (whose exact text go-cmp deliberately randomizes). We list the changed top-level fields in a
// similar shape instead.
std::string podSpecDiff(const Json& oldSpec, const Json& newSpec) {
    std::set<std::string> keys;
    for (const auto& [k, v] : oldSpec.items())
        keys.insert(k);
    for (const auto& [k, v] : newSpec.items())
        keys.insert(k);
    std::string out = "  core.PodSpec{\n";
    for (const auto& k : keys) {
        const Json& a = member(oldSpec, k);
        const Json& b = member(newSpec, k);
        if (semanticallyEqual(a, b))
            continue;
        if (!a.is_null())
            out += "- \t" + goFieldName(k) + ": " + goDefault(a) + ",\n";
        if (!b.is_null())
            out += "+ \t" + goFieldName(k) + ": " + goDefault(b) + ",\n";
    }
    return out + "  }\n";
}

// The spec as the internal struct sees it: the deprecated serviceAccount alias is folded into
// serviceAccountName by conversion, so it never differs on its own.
Json comparableSpec(const Json& spec) {
    Json s = spec.is_object() ? spec : Json::object();
    s.erase("serviceAccount");
    return s;
}

}  // namespace

FieldErrorList validatePodCreate(const Json& pod) {
    FieldErrorList errs = validatePodMetadataAndSpec(pod);
    const Json& spec = member(pod, "spec");
    if (count(spec, "ephemeralContainers") > 0)
        errs.push_back(forbidden("spec.ephemeralContainers", "cannot be set on create"));
    if (!str(spec, "nodeName").empty() && count(spec, "schedulingGates") > 0)
        errs.push_back(forbidden("spec.nodeName", "cannot be set until all schedulingGates have been cleared"));
    // SIMPLIFICATION: the seccomp/AppArmor annotation-vs-field consistency checks are skipped.
    return errs;
}

FieldErrorList validatePodUpdate(const Json& pod, const Json& oldPod) {
    const Json& newMeta = member(pod, "metadata");
    const Json& oldMeta = member(oldPod, "metadata");
    FieldErrorList errs = validateObjectMetaUpdate(newMeta, oldMeta, "metadata");
    append(errs, validatePodMetadataAndSpec(pod));
    const std::string mirror = "kubernetes.io/config.mirror";
    const Json& newAnn = object(newMeta, "annotations");
    const Json& oldAnn = object(oldMeta, "annotations");
    if (oldAnn.contains(mirror) && (!newAnn.contains(mirror) || newAnn[mirror] != oldAnn[mirror]))
        errs.push_back(forbidden(key("metadata.annotations", mirror), "may not remove or update mirror pod annotation"));
    if (!oldAnn.contains(mirror) && newAnn.contains(mirror))
        errs.push_back(forbidden(key("metadata.annotations", mirror), "may not add mirror pod annotation"));

    const Json newSpec = comparableSpec(member(pod, "spec"));
    const Json oldSpec = comparableSpec(member(oldPod, "spec"));
    bool stop = false;
    append(errs, validateContainerUpdates(array(newSpec, "containers"), array(oldSpec, "containers"), "spec.containers", &stop));
    if (stop)
        return errs;
    append(errs, validateContainerUpdates(array(newSpec, "initContainers"), array(oldSpec, "initContainers"),
                                          "spec.initContainers", &stop));
    if (stop)
        return errs;

    // activeDeadlineSeconds may be set from nil, or lowered; never removed.
    if (has(newSpec, "activeDeadlineSeconds")) {
        const int64_t value = integer(newSpec, "activeDeadlineSeconds");
        if (value < 0 || value > std::numeric_limits<int32_t>::max()) {
            errs.push_back(invalid("spec.activeDeadlineSeconds", value, inclusiveRangeError(0, std::numeric_limits<int32_t>::max())));
            return errs;
        }
        if (has(oldSpec, "activeDeadlineSeconds") && integer(oldSpec, "activeDeadlineSeconds") < value) {
            errs.push_back(invalid("spec.activeDeadlineSeconds", value, "must be less than or equal to previous value"));
            return errs;
        }
    } else if (has(oldSpec, "activeDeadlineSeconds")) {
        errs.push_back(invalid("spec.activeDeadlineSeconds", Json(), "must not update from a positive integer to nil value"));
    }
    append(errs, validateOnlyAddedTolerations(array(newSpec, "tolerations"), array(oldSpec, "tolerations"), "spec.tolerations"));
    append(errs, validateOnlyDeletedSchedulingGates(array(newSpec, "schedulingGates"), array(oldSpec, "schedulingGates"),
                                                    "spec.schedulingGates"));
    if (semanticallyEqual(newSpec, oldSpec))
        return errs;

    // Take the updatable fields from the old spec, then anything still different is forbidden.
    Json munged = newSpec;
    for (const char* list : {"containers", "initContainers"}) {
        if (!munged.contains(list) || !munged[list].is_array())
            continue;
        for (size_t i = 0; i < munged[list].size(); ++i) {
            const Json& oldImage = member(array(oldSpec, list)[i], "image");
            if (oldImage.is_null())
                munged[list][i].erase("image");
            else
                munged[list][i]["image"] = oldImage;
        }
    }
    for (const char* field : {"activeDeadlineSeconds", "schedulingGates", "tolerations"}) {
        if (oldSpec.contains(field))
            munged[field] = oldSpec[field];
        else
            munged.erase(field);
    }
    if (integer(oldSpec, "terminationGracePeriodSeconds") < 0 && integer(munged, "terminationGracePeriodSeconds") == 1)
        munged["terminationGracePeriodSeconds"] = oldSpec["terminationGracePeriodSeconds"];
    // SIMPLIFICATION: the gated-pod relaxations (adding nodeSelector/nodeAffinity while
    // scheduling gates remain) are not applied.
    if (!semanticallyEqual(munged, oldSpec))
        errs.push_back(forbidden("spec", std::string("pod updates may not change fields other than ") + kUpdatablePodSpecFields +
                                             "\n" + podSpecDiff(oldSpec, munged)));
    return errs;
}

FieldErrorList validatePodTemplateCreate(const Json& podTemplate) {
    FieldErrorList errs = validateObjectMeta(member(podTemplate, "metadata"), true, nameIsDNSSubdomain, "metadata");
    append(errs, validatePodTemplateSpec(member(podTemplate, "template"), "template", PodValidationOptions{}));
    return errs;
}

FieldErrorList validatePodTemplateUpdate(const Json& podTemplate, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdate(member(podTemplate, "metadata"), member(old, "metadata"), "metadata");
    append(errs, validatePodTemplateSpec(member(podTemplate, "template"), "template", PodValidationOptions{}));
    return errs;
}

}  // namespace kp::validation
