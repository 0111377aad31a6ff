// Pod volumes: names, exactly one source, and the rules of the common sources (emptyDir,
// hostPath, configMap, secret, persistentVolumeClaim, downwardAPI, projected, nfs, csi,
// ephemeral). Also the PersistentVolumeClaim spec, shared with PVC objects and ephemeral volumes.
// Upstream: kubernetes pkg/apis/core/validation/validation.go (ValidateVolumes,
//           validateVolumeSource and the validate*VolumeSource functions,
//           ValidatePersistentVolumeClaimSpec).
#include <algorithm>
#include <set>

#include "apiserver/validation/core_validation.h"
#include "apiserver/validation/field_path.h"
#include "apiserver/validation/json_access.h"
#include "apiserver/validation/name_validation.h"
#include "apiserver/validation/objectmeta.h"
#include "apiserver/validation/quantity_value.h"

namespace kp::validation {

namespace {

constexpr const char* kFileModeErrorMsg = "must be a number between 0 and 0777 (octal), both inclusive";

FieldErrorList validateMode(const Json& obj, const char* field, const std::string& fldPath) {
    if (!has(obj, field))
        return {};
    const int64_t mode = integer(obj, field);
    if (mode > 0777 || mode < 0)
        return {invalid(fldPath, mode, kFileModeErrorMsg)};
    return {};
}

FieldErrorList validateKeyToPath(const Json& kp, const std::string& fldPath) {
    FieldErrorList errs;
    if (str(kp, "key").empty())
        errs.push_back(required(child(fldPath, "key")));
    if (str(kp, "path").empty())
        errs.push_back(required(child(fldPath, "path")));
    append(errs, validateLocalNonReservedPath(str(kp, "path"), child(fldPath, "path")));
    append(errs, validateMode(kp, "mode", child(fldPath, "mode")));
    return errs;
}

FieldErrorList validateItems(const Json& source, const std::string& fldPath) {
    FieldErrorList errs;
    const Json& items = array(source, "items");
    for (size_t i = 0; i < items.size(); ++i)
        append(errs, validateKeyToPath(items[i], index(child(fldPath, "items"), i)));
    return errs;
}

const std::vector<std::string> kVolumeFieldPaths = {"metadata.annotations", "metadata.labels", "metadata.name",
                                                     "metadata.namespace", "metadata.uid"};

// Upstream reports downward API file problems on the source path, not on items[i].
FieldErrorList validateDownwardAPIVolumeFile(const Json& file, const std::string& fldPath) {
    FieldErrorList errs;
    if (str(file, "path").empty())
        errs.push_back(required(child(fldPath, "path")));
    append(errs, validateLocalNonReservedPath(str(file, "path"), child(fldPath, "path")));
    if (has(file, "fieldRef")) {
        append(errs, validateObjectFieldSelector(member(file, "fieldRef"), kVolumeFieldPaths, child(fldPath, "fieldRef")));
        if (has(file, "resourceFieldRef"))
            errs.push_back(invalid(fldPath, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"));
    } else if (has(file, "resourceFieldRef")) {
        append(errs, validateContainerResourceFieldSelector(member(file, "resourceFieldRef"), true,
                                                            child(fldPath, "resourceFieldRef")));
    } else {
        errs.push_back(required(fldPath, "one of fieldRef and resourceFieldRef is required"));
    }
    append(errs, validateMode(file, "mode", child(fldPath, "mode")));
    return errs;
}

FieldErrorList validateProjectedSources(const Json& projected, const std::string& fldPath) {
    FieldErrorList errs;
    std::set<std::string> allPaths;
    const Json& sources = array(projected, "sources");
    for (size_t i = 0; i < sources.size(); ++i) {
        const Json& source = sources[i];
        const std::string srcPath = index(child(fldPath, "sources"), i);
        int numSources = 0;
        for (const char* kind : {"secret", "configMap"}) {
            if (!has(source, kind))
                continue;
            ++numSources;
            const Json& s = member(source, kind);
            const std::string projPath = child(srcPath, kind);
            if (str(s, "name").empty())
                errs.push_back(required(child(projPath, "name")));
            const Json& items = array(s, "items");
            for (size_t k = 0; k < items.size(); ++k) {
                append(errs, validateKeyToPath(items[k], index(child(projPath, "items"), k)));
                const std::string path = str(items[k], "path");
                if (path.empty())
                    continue;
                if (allPaths.count(path))
                    errs.push_back(invalid(fldPath, str(s, "name"), "conflicting duplicate paths"));
                allPaths.insert(path);
            }
        }
        if (has(source, "downwardAPI")) {
            ++numSources;
            const std::string projPath = child(srcPath, "downwardAPI");
            for (const Json& file : array(member(source, "downwardAPI"), "items")) {
                append(errs, validateDownwardAPIVolumeFile(file, projPath));
                const std::string path = str(file, "path");
                if (path.empty())
                    continue;
                if (allPaths.count(path))
                    errs.push_back(invalid(fldPath, "", "conflicting duplicate paths"));
                allPaths.insert(path);
            }
        }
        if (has(source, "serviceAccountToken")) {
            ++numSources;
            const Json& sat = member(source, "serviceAccountToken");
            const std::string projPath = child(srcPath, "serviceAccountToken");
            const int64_t expiration = integer(sat, "expirationSeconds");
            if (expiration < 10 * 60)
                errs.push_back(invalid(child(projPath, "expirationSeconds"), expiration, "may not specify a duration less than 10 minutes"));
            if (expiration > (int64_t{1} << 32))
                errs.push_back(invalid(child(projPath, "expirationSeconds"), expiration, "may not specify a duration larger than 2^32 seconds"));
            // Upstream reports the token path on the projected volume's path.
            if (str(sat, "path").empty())
                errs.push_back(required(child(fldPath, "path")));
            else
                append(errs, validateLocalNonReservedPath(str(sat, "path"), child(fldPath, "path")));
        }
        if (has(source, "clusterTrustBundle"))
            ++numSources;  // SIMPLIFICATION: clusterTrustBundle sources (alpha) are not validated
        if (numSources > 1)
            errs.push_back(forbidden(srcPath, "may not specify more than 1 volume type per source"));
    }
    return errs;
}

FieldErrorList validateCSIDriverName(const std::string& driver, const std::string& fldPath) {
    FieldErrorList errs;
    if (driver.empty())
        errs.push_back(required(fldPath));
    if (driver.size() > 63)
        errs.push_back(tooLong(fldPath, "", 63));
    for (auto& m : isDNS1123Subdomain(toLowerASCII(driver)))
        errs.push_back(invalid(fldPath, driver, m));
    return errs;
}

// Upstream: validateVolumeSource. Validates the source type present, and complains about a
// second one or about none. The JSON name of each source is also its field name; three
// upstream quirks are kept: GCE disks validate under "persistentDisk", the downward API
// "more than 1" error says "downwarAPI", and CephFS validates under "cephfs".
FieldErrorList validateVolumeSource(const Json& vol, const std::string& fldPath, const std::string& volName,
                                    const Json& podMeta) {
    FieldErrorList errs;
    int numVolumes = 0;
    // Every source type in the order Kubernetes checks them.
    static const char* const kSources[] = {
        "emptyDir", "hostPath", "gitRepo", "gcePersistentDisk", "awsElasticBlockStore", "secret", "nfs", "iscsi",
        "glusterfs", "flocker", "persistentVolumeClaim", "rbd", "cinder", "cephfs", "quobyte", "downwardAPI", "fc",
        "flexVolume", "configMap", "azureFile", "vsphereVolume", "photonPersistentDisk", "portworxVolume",
        "azureDisk", "storageos", "projected", "scaleIO", "csi", "ephemeral", "image"};
    for (const char* type : kSources) {
        if (!has(vol, type))
            continue;
        const std::string t = type;
        if (numVolumes > 0) {
            std::string name = t == "downwardAPI" ? "downwarAPI" : (t == "cephfs" ? "cephFS" : t);
            errs.push_back(forbidden(child(fldPath, name), "may not specify more than 1 volume type"));
            continue;
        }
        ++numVolumes;
        const Json& src = member(vol, type);
        const std::string path = child(fldPath, t);
        if (t == "emptyDir") {
            const auto limit = quantityFromJson(member(src, "sizeLimit"));
            if (limit && quantitySign(*limit) < 0)
                errs.push_back(forbidden(child(path, "sizeLimit"), "SizeLimit field must be a valid resource quantity"));
        } else if (t == "hostPath") {
            if (str(src, "path").empty()) {
                errs.push_back(required(child(path, "path")));
                continue;
            }
            append(errs, validatePathNoBacksteps(str(src, "path"), child(path, "path")));
            if (has(src, "type")) {
                static const std::set<std::string> kTypes = {"", "BlockDevice", "CharDevice", "Directory",
                                                             "DirectoryOrCreate", "File", "FileOrCreate", "Socket"};
                if (!kTypes.count(str(src, "type")))
                    errs.push_back(notSupported(child(path, "type"), str(src, "type"),
                                                std::vector<std::string>(kTypes.begin(), kTypes.end())));
            }
        } else if (t == "secret") {
            if (str(src, "secretName").empty())
                errs.push_back(required(child(path, "secretName")));
            append(errs, validateMode(src, "defaultMode", child(path, "defaultMode")));
            append(errs, validateItems(src, path));
        } else if (t == "configMap") {
            if (str(src, "name").empty())
                errs.push_back(required(child(path, "name")));
            append(errs, validateMode(src, "defaultMode", child(path, "defaultMode")));
            append(errs, validateItems(src, path));
        } else if (t == "persistentVolumeClaim") {
            if (str(src, "claimName").empty())
                errs.push_back(required(child(path, "claimName")));
        } else if (t == "nfs") {
            if (str(src, "server").empty())
                errs.push_back(required(child(path, "server")));
            if (str(src, "path").empty())
                errs.push_back(required(child(path, "path")));
            if (str(src, "path").rfind('/', 0) != 0)
                errs.push_back(invalid(child(path, "path"), str(src, "path"), "must be an absolute path"));
        } else if (t == "downwardAPI") {
            append(errs, validateMode(src, "defaultMode", child(path, "defaultMode")));
            for (const Json& file : array(src, "items"))
                append(errs, validateDownwardAPIVolumeFile(file, path));
        } else if (t == "projected") {
            append(errs, validateMode(src, "defaultMode", child(path, "defaultMode")));
            append(errs, validateProjectedSources(src, path));
        } else if (t == "csi") {
            append(errs, validateCSIDriverName(str(src, "driver"), child(path, "driver")));
            if (has(src, "nodePublishSecretRef")) {
                const std::string secretName = str(member(src, "nodePublishSecretRef"), "name");
                if (secretName.empty())
                    errs.push_back(required(child(child(path, "nodePublishSecretRef"), "name")));
                else
                    for (auto& m : nameIsDNSSubdomain(secretName, false))
                        errs.push_back(invalid(child(path, "name"), secretName, m));
            }
        } else if (t == "ephemeral") {
            if (!has(src, "volumeClaimTemplate")) {
                errs.push_back(required(child(path, "volumeClaimTemplate")));
            } else {
                const Json& tmpl = member(src, "volumeClaimTemplate");
                const std::string tmplPath = child(path, "volumeClaimTemplate");
                append(errs, validateTemplateLabelsAndAnnotations(member(tmpl, "metadata"), child(tmplPath, "metadata")));
                append(errs, validatePersistentVolumeClaimSpec(member(tmpl, "spec"), child(tmplPath, "spec")));
                const std::string podName = str(podMeta, "name");
                if (!podName.empty() && !volName.empty()) {
                    const std::string pvcName = podName + "-" + volName;
                    for (auto& m : nameIsDNSSubdomain(pvcName, false))
                        errs.push_back(invalid(child(fldPath, "name"), volName, "PVC name \"" + pvcName + "\": " + m));
                }
            }
        }
        // SIMPLIFICATION: the remaining (mostly deprecated, cloud-specific) sources are only
        // counted; their own fields are not validated.
    }
    if (numVolumes == 0)
        errs.push_back(required(fldPath, "must specify a volume type"));
    return errs;
}

}  // namespace

FieldErrorList validateVolumes(const Json& volumes, const Json& podMeta, const std::string& fldPath, Json* validVolumes) {
    FieldErrorList errs;
    *validVolumes = Json::object();
    std::set<std::string> names;
    std::set<std::string> createdPVCs;  // PVCs this pod's ephemeral volumes will create
    const std::string podName = str(podMeta, "name");
    if (!podName.empty())
        for (const Json& vol : volumes)
            if (has(vol, "ephemeral"))
                createdPVCs.insert(podName + "-" + str(vol, "name"));
    for (size_t i = 0; i < volumes.size(); ++i) {
        const Json& vol = volumes[i];
        const std::string idxPath = index(fldPath, i);
        const std::string name = str(vol, "name");
        FieldErrorList el = validateVolumeSource(vol, idxPath, name, podMeta);
        if (name.empty())
            el.push_back(required(child(idxPath, "name")));
        else
            append(el, validateDNS1123Label(name, child(idxPath, "name")));
        if (names.count(name))
            el.push_back(duplicate(child(idxPath, "name"), name));
        if (el.empty()) {
            names.insert(name);
            (*validVolumes)[name] = vol;
        } else {
            append(errs, std::move(el));
        }
        const std::string claim = str(member(vol, "persistentVolumeClaim"), "claimName");
        if (has(vol, "persistentVolumeClaim") && createdPVCs.count(claim))
            errs.push_back(invalid(child(child(idxPath, "persistentVolumeClaim"), "claimName"), claim,
                                   "must not reference a PVC that gets created for an ephemeral volume"));
    }
    return errs;
}

// Upstream: ValidatePersistentVolumeClaimSpec.
FieldErrorList validatePersistentVolumeClaimSpec(const Json& spec, const std::string& fldPath) {
    FieldErrorList errs;
    const Json& modes = array(spec, "accessModes");
    if (modes.empty())
        errs.push_back(required(child(fldPath, "accessModes"), "at least 1 access mode is required"));
    if (has(spec, "selector"))
        append(errs, validateLabelSelector(member(spec, "selector"), child(fldPath, "selector")));
    static const std::vector<std::string> kModes = {"ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"};
    bool rwop = false;
    bool other = false;
    for (const Json& m : modes) {
        const std::string mode = m.is_string() ? m.get<std::string>() : std::string();
        const bool supported = std::find(kModes.begin(), kModes.end(), mode) != kModes.end();
        if (!supported)
            errs.push_back(notSupported(child(fldPath, "accessModes"), mode, kModes));
        if (mode == "ReadWriteOncePod")
            rwop = true;
        else if (supported)
            other = true;
    }
    if (rwop && other)
        errs.push_back(forbidden(child(fldPath, "accessModes"), "may not use ReadWriteOncePod with other access modes"));
    const std::string storagePath = key(child(fldPath, "resources"), "storage");
    const Json& storage = member(object(member(spec, "resources"), "requests"), "storage");
    if (storage.is_null()) {
        errs.push_back(required(storagePath));
    } else if (const auto q = quantityFromJson(storage); q && quantitySign(*q) <= 0) {
        errs.push_back(invalid(storagePath, quantityString(*q), "must be greater than zero"));
    } else {
        append(errs, validateResourceQuantityValue("storage", storage, storagePath));
    }
    if (has(spec, "storageClassName") && !str(spec, "storageClassName").empty())
        for (auto& m : nameIsDNSSubdomain(str(spec, "storageClassName"), false))
            errs.push_back(invalid(child(fldPath, "storageClassName"), str(spec, "storageClassName"), m));
    if (has(spec, "volumeMode") && str(spec, "volumeMode") != "Block" && str(spec, "volumeMode") != "Filesystem")
        errs.push_back(notSupported(child(fldPath, "volumeMode"), str(spec, "volumeMode"), {"Block", "Filesystem"}));
    // SIMPLIFICATION: dataSource / dataSourceRef are not validated.
    return errs;
}

}  // namespace kp::validation
