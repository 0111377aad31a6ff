// PersistentVolumes and PersistentVolumeClaims (basics).
// Upstream: kubernetes pkg/apis/core/validation/validation.go (ValidatePersistentVolume,
//           ValidatePersistentVolumeSpec, ValidatePersistentVolumeUpdate,
//           ValidatePersistentVolumeClaim, ValidatePersistentVolumeClaimUpdate).
#include <algorithm>
#include <set>

#include "apiserver/validation/core_validation.h"
#include "apiserver/validation/field_path.h"
#include "apiserver/validation/go_value.h"
#include "apiserver/validation/json_access.h"
#include "apiserver/validation/name_validation.h"
#include "apiserver/validation/objectmeta.h"
#include "apiserver/validation/quantity_value.h"

namespace kp::validation {

namespace {

const std::vector<std::string> kAccessModes = {"ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"};

// The members of PersistentVolumeSpec that form its PersistentVolumeSource (immutable).
const char* const kPVSources[] = {"hostPath", "gcePersistentDisk", "awsElasticBlockStore", "glusterfs", "flocker",
                                  "nfs", "rbd", "quobyte", "cephfs", "iscsi", "cinder", "fc", "azureFile",
                                  "flexVolume", "vsphereVolume", "azureDisk", "photonPersistentDisk",
                                  "portworxVolume", "scaleIO", "local", "storageos", "csi"};

// SIMPLIFICATION: the diff that upstream appends (go-cmp of the internal structs) is replaced
// by the changed top-level fields.
std::string specDiff(const char* goType, const Json& oldSpec, const Json& newSpec) {
    std::set<std::string> keys;
    for (const auto& [k, v] : oldSpec.items())
        keys.insert(k);
    for (const auto& [k, v] : newSpec.items())
        keys.insert(k);
    std::string out = std::string("  ") + goType + "{\n";
    for (const auto& k : keys) {
        const Json& a = member(oldSpec, k);
        const Json& b = member(newSpec, k);
        if (semanticallyEqual(a, b))
            continue;
        std::string name = k;
        name[0] = static_cast<char>(name[0] >= 'a' && name[0] <= 'z' ? name[0] - 'a' + 'A' : name[0]);
        if (!a.is_null())
            out += "- \t" + name + ": " + goDefault(a) + ",\n";
        if (!b.is_null())
            out += "+ \t" + name + ": " + goDefault(b) + ",\n";
    }
    return out + "  }\n";
}

FieldErrorList validateAccessModes(const Json& modes, const std::string& fldPath) {
    FieldErrorList errs;
    bool rwop = false;
    bool other = false;
    for (const Json& m : modes) {
        const std::string mode = m.is_string() ? m.get<std::string>() : std::string();
        const bool supported = std::find(kAccessModes.begin(), kAccessModes.end(), mode) != kAccessModes.end();
        if (!supported)
            errs.push_back(notSupported(fldPath, mode, kAccessModes));
        if (mode == "ReadWriteOncePod")
            rwop = true;
        else if (supported)
            other = true;
    }
    if (rwop && other)
        errs.push_back(forbidden(fldPath, "may not use ReadWriteOncePod with other access modes"));
    return errs;
}

FieldErrorList validatePersistentVolumeSpec(const Json& spec, const std::string& fldPath) {
    FieldErrorList errs;
    const Json& modes = array(spec, "accessModes");
    if (modes.empty())
        errs.push_back(required(child(fldPath, "accessModes")));
    append(errs, validateAccessModes(modes, child(fldPath, "accessModes")));

    const Json& capacity = object(spec, "capacity");
    if (capacity.empty())
        errs.push_back(required(child(fldPath, "capacity")));
    if (!capacity.contains("storage") || capacity.size() > 1)
        // SIMPLIFICATION: upstream prints the core.ResourceList (map of Quantity structs) with %#v.
        errs.push_back(notSupportedGo(child(fldPath, "capacity"), "core.ResourceList" + capacity.dump(), {"storage"}));
    for (const auto& [k, v] : capacity.items()) {
        const std::string path = key(child(fldPath, "capacity"), k);
        if (const auto q = quantityFromJson(v)) {
            if (quantityValue(*q) < 0)
                errs.push_back(invalid(path, quantityValue(*q), "must be a valid resource quantity"));
            if (quantitySign(*q) <= 0)
                errs.push_back(invalid(path, quantityString(*q), "must be greater than zero"));
        }
    }

    if (has(spec, "persistentVolumeReclaimPolicy")) {
        const std::string p = str(spec, "persistentVolumeReclaimPolicy");
        if (!p.empty() && p != "Delete" && p != "Recycle" && p != "Retain")
            errs.push_back(notSupported(child(fldPath, "persistentVolumeReclaimPolicy"), p, {"Delete", "Recycle", "Retain"}));
    }

    int numVolumes = 0;
    for (const char* type : kPVSources) {
        if (!has(spec, type))
            continue;
        const std::string t = type;
        if (numVolumes > 0) {
            errs.push_back(forbidden(child(fldPath, t), "may not specify more than 1 volume type"));
            continue;
        }
        ++numVolumes;
        const Json& src = member(spec, type);
        const std::string path = child(fldPath, t);
        if (t == "hostPath" || t == "local") {
            if (str(src, "path").empty()) {
                errs.push_back(required(child(path, "path")));
                continue;
            }
            append(errs, validatePathNoBacksteps(str(src, "path"), child(path, "path")));
        } else if (t == "nfs") {
            if (str(src, "server").empty())
                errs.push_back(required(child(path, "server")));
            if (str(src, "path").empty())
                errs.push_back(required(child(path, "path")));
            if (str(src, "path").rfind('/', 0) != 0)
                errs.push_back(invalid(child(path, "path"), str(src, "path"), "must be an absolute path"));
        } else if (t == "csi") {
            if (str(src, "driver").empty())
                errs.push_back(required(child(path, "driver")));
            if (str(src, "volumeHandle").empty())
                errs.push_back(required(child(path, "volumeHandle")));
        }
        // SIMPLIFICATION: the other (cloud-specific) sources are counted but not inspected.
    }
    if (numVolumes == 0)
        errs.push_back(required(fldPath, "must specify a volume type"));
    if (has(spec, "local") && !has(spec, "nodeAffinity"))
        errs.push_back(required(child(fldPath, "nodeAffinity"), "Local volume requires node affinity"));

    const std::string sc = str(spec, "storageClassName");
    if (!sc.empty())
        for (auto& m : nameIsDNSSubdomain(sc, false))
            errs.push_back(invalid(child(fldPath, "storageClassName"), sc, m));
    if (has(spec, "volumeMode") && str(spec, "volumeMode") != "Block" && str(spec, "volumeMode") != "Filesystem")
        errs.push_back(notSupported(child(fldPath, "volumeMode"), str(spec, "volumeMode"), {"Block", "Filesystem"}));
    // SIMPLIFICATION: nodeAffinity, claimRef and mountOptions are not validated.
    return errs;
}

Json pvSource(const Json& spec) {
    Json source = Json::object();
    for (const char* type : kPVSources)
        if (has(spec, type))
            source[type] = spec[type];
    return source;
}

}  // namespace

FieldErrorList validatePersistentVolume(const Json& pv) {
    FieldErrorList errs = validateObjectMeta(member(pv, "metadata"), false, nameIsDNSSubdomain);
    append(errs, validatePersistentVolumeSpec(member(pv, "spec"), "spec"));
    return errs;
}

FieldErrorList validatePersistentVolumeUpdate(const Json& pv, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdate(member(pv, "metadata"), member(old, "metadata"));
    append(errs, validatePersistentVolume(pv));
    const Json newSource = pvSource(member(pv, "spec"));
    const Json oldSource = pvSource(member(old, "spec"));
    if (!semanticallyEqual(newSource, oldSource))
        errs.push_back(forbidden("spec.persistentvolumesource", "spec.persistentvolumesource is immutable after creation\n" +
                                                                    specDiff("core.PersistentVolumeSource", oldSource, newSource)));
    append(errs, validateImmutableField(member(member(pv, "spec"), "volumeMode"), member(member(old, "spec"), "volumeMode"),
                                        "volumeMode"));
    return errs;
}

FieldErrorList validatePersistentVolumeClaim(const Json& pvc) {
    FieldErrorList errs = validateObjectMeta(member(pvc, "metadata"), true, nameIsDNSSubdomain);
    append(errs, validatePersistentVolumeClaimSpec(member(pvc, "spec"), "spec"));
    return errs;
}

FieldErrorList validatePersistentVolumeClaimUpdate(const Json& pvc, const Json& old) {
    FieldErrorList errs = validateObjectMetaUpdate(member(pvc, "metadata"), member(old, "metadata"));
    append(errs, validatePersistentVolumeClaim(pvc));
    const Json& newSpec = member(pvc, "spec");
    const Json& oldSpec = member(old, "spec");
    Json newClone = newSpec.is_object() ? newSpec : Json::object();
    Json oldClone = oldSpec.is_object() ? oldSpec : Json::object();
    // The volume name may be set once, by the binder.
    if (str(oldSpec, "volumeName").empty()) {
        if (newClone.contains("volumeName"))
            oldClone["volumeName"] = newClone["volumeName"];
        else
            oldClone.erase("volumeName");
    }
    // A storage class set by annotation may be moved to the field (upgrade path).
    const Json& oldAnnotations = object(member(old, "metadata"), "annotations");
    const std::string betaClass = "volume.beta.kubernetes.io/storage-class";
    if (!has(oldSpec, "storageClassName") && has(newSpec, "storageClassName") &&
        (!oldAnnotations.contains(betaClass) || oldAnnotations[betaClass] == newSpec["storageClassName"]))
        newClone.erase("storageClassName");
    // Bound claims may grow their storage request (and change volumeAttributesClassName).
    const bool bound = str(member(pvc, "status"), "phase") == "Bound";
    if (bound && newClone.contains("resources") && newClone["resources"].contains("requests")) {
        const Json& oldStorage = member(object(member(oldSpec, "resources"), "requests"), "storage");
        if (oldStorage.is_null())
            newClone["resources"]["requests"].erase("storage");
        else
            newClone["resources"]["requests"]["storage"] = oldStorage;
    }
    if (bound && newClone.contains("volumeAttributesClassName")) {
        if (oldClone.contains("volumeAttributesClassName"))
            newClone["volumeAttributesClassName"] = oldClone["volumeAttributesClassName"];
        else
            newClone.erase("volumeAttributesClassName");
    }
    if (!semanticallyEqual(newClone, oldClone))
        errs.push_back(forbidden("spec", "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n" +
                                             specDiff("core.PersistentVolumeClaimSpec", oldClone, newClone)));
    const auto oldSize = quantityFromJson(member(object(member(oldSpec, "resources"), "requests"), "storage"));
    const auto newSize = quantityFromJson(member(object(member(newSpec, "resources"), "requests"), "storage"));
    if (oldSize && newSize && compareQuantities(*newSize, *oldSize) < 0)
        errs.push_back(forbidden("spec.resources.requests.storage", "field can not be less than previous value"));
    append(errs, validateImmutableField(member(newSpec, "volumeMode"), member(oldSpec, "volumeMode"), "volumeMode"));
    return errs;
}

}  // namespace kp::validation
