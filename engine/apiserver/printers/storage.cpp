// Storage: persistentvolumes, persistentvolumeclaims, storageclasses.
#include "api/quantity.h"
#include "apiserver/printers/printer.h"

namespace kp::printers {
namespace {

std::string storageQuantity(const Json& obj, std::string_view path) {
    const Json* q = findPath(obj, path);
    if (!q)
        return "0";
    std::string error;
    auto parsed = resource::Quantity::fromJson(*q, &error);
    return parsed ? parsed->toString() : "0";
}

// "RWO,ROX,RWX,RWOP" in that fixed order, whatever order the list has.
// Upstream: pkg/apis/core/helper#GetAccessModesAsString
std::string accessModes(const Json* modes) {
    auto has = [&](std::string_view m) {
        if (!modes || !modes->is_array())
            return false;
        for (const Json& x : *modes)
            if (x.is_string() && x.get<std::string>() == m)
                return true;
        return false;
    };
    std::string out;
    const std::pair<const char*, const char*> names[] = {
        {"ReadWriteOnce", "RWO"}, {"ReadOnlyMany", "ROX"}, {"ReadWriteMany", "RWX"}, {"ReadWriteOncePod", "RWOP"}};
    for (const auto& [mode, shortName] : names)
        if (has(mode))
            out += (out.empty() ? "" : ",") + std::string(shortName);
    return out;
}

// The beta annotation wins over spec.storageClassName (GetPersistentVolume[Claim]Class).
std::string storageClassOf(const Json& obj) {
    const Json* ann = findPath(obj, "metadata.annotations");
    if (ann && ann->is_object()) {
        auto it = ann->find("volume.beta.kubernetes.io/storage-class");
        if (it != ann->end() && it->is_string())
            return it->get<std::string>();
    }
    return stringAt(obj, "spec.storageClassName");
}

std::string orUnset(const Json& obj, std::string_view path) {
    const Json* v = findPath(obj, path);
    return v && v->is_string() ? v->get<std::string>() : "<unset>";
}

void persistentVolumeRow(const Json& pv, const PrintContext& ctx, Row& row) {
    std::string claim;
    if (const Json* ref = findPath(pv, "spec.claimRef"); ref && ref->is_object())
        claim = stringAt(*ref, "namespace") + "/" + stringAt(*ref, "name");
    std::string phase = isBeingDeleted(pv) ? "Terminating" : stringAt(pv, "status.phase");
    row.cells = {stringAt(pv, "metadata.name"),
                 storageQuantity(pv, "spec.capacity.storage"),
                 accessModes(findPath(pv, "spec.accessModes")),
                 stringAt(pv, "spec.persistentVolumeReclaimPolicy"),
                 phase,
                 claim,
                 storageClassOf(pv),
                 orUnset(pv, "spec.volumeAttributesClassName"),
                 stringAt(pv, "status.reason"),
                 age(pv, ctx.now),
                 orUnset(pv, "spec.volumeMode")};
}

void persistentVolumeClaimRow(const Json& pvc, const PrintContext& ctx, Row& row) {
    const std::string volume = stringAt(pvc, "spec.volumeName");
    std::string capacity, modes;
    if (!volume.empty()) {
        modes = accessModes(findPath(pvc, "status.accessModes"));
        capacity = storageQuantity(pvc, "status.capacity.storage");
    }
    row.cells = {stringAt(pvc, "metadata.name"),
                 isBeingDeleted(pvc) ? "Terminating" : stringAt(pvc, "status.phase"),
                 volume,
                 capacity,
                 modes,
                 storageClassOf(pvc),
                 orUnset(pvc, "spec.volumeAttributesClassName"),
                 age(pvc, ctx.now),
                 orUnset(pvc, "spec.volumeMode")};
}

void storageClassRow(const Json& sc, const PrintContext& ctx, Row& row) {
    std::string name = stringAt(sc, "metadata.name");
    const Json* ann = findPath(sc, "metadata.annotations");
    auto annotation = [&](const char* key) {
        return ann && ann->is_object() && ann->contains(key) && (*ann)[key] == "true";
    };
    if (annotation("storageclass.kubernetes.io/is-default-class") ||
        annotation("storageclass.beta.kubernetes.io/is-default-class"))
        name += " (default)";
    std::string reclaim = stringAt(sc, "reclaimPolicy", "Delete");
    std::string binding = stringAt(sc, "volumeBindingMode", "Immediate");
    row.cells = {name,    stringAt(sc, "provisioner"),        reclaim,
                 binding, boolAt(sc, "allowVolumeExpansion"), age(sc, ctx.now)};
}

}  // namespace

void addStoragePrinters(PrinterMap& m) {
    m["persistentvolumes"] = Printer{
        {
            nameColumn(),
            column("Capacity", "string", fieldDoc("core/v1.PersistentVolumeSpec", "capacity")),
            column("Access Modes", "string", fieldDoc("core/v1.PersistentVolumeSpec", "accessModes")),
            column("Reclaim Policy", "string",
                   fieldDoc("core/v1.PersistentVolumeSpec", "persistentVolumeReclaimPolicy")),
            column("Status", "string", fieldDoc("core/v1.PersistentVolumeStatus", "phase")),
            column("Claim", "string", fieldDoc("core/v1.PersistentVolumeSpec", "claimRef")),
            column("StorageClass", "string", "Storage class of the volume."),
            column("VolumeAttributesClass", "string", "Volume attributes class of the volume."),
            column("Reason", "string", fieldDoc("core/v1.PersistentVolumeStatus", "reason")),
            ageColumn(),
            column("VolumeMode", "string", fieldDoc("core/v1.PersistentVolumeSpec", "volumeMode"), 1),
        },
        persistentVolumeRow,
    };
    m["persistentvolumeclaims"] = Printer{
        {
            nameColumn(),
            column("Status", "string", fieldDoc("core/v1.PersistentVolumeClaimStatus", "phase")),
            column("Volume", "string", fieldDoc("core/v1.PersistentVolumeClaimSpec", "volumeName")),
            column("Capacity", "string", fieldDoc("core/v1.PersistentVolumeClaimStatus", "capacity")),
            column("Access Modes", "string", fieldDoc("core/v1.PersistentVolumeClaimStatus", "accessModes")),
            column("StorageClass", "string", "Storage class of the claim."),
            column("VolumeAttributesClass", "string", "Volume attributes class of the claim."),
            ageColumn(),
            column("VolumeMode", "string", fieldDoc("core/v1.PersistentVolumeClaimSpec", "volumeMode"), 1),
        },
        persistentVolumeClaimRow,
    };
    m["storageclasses.storage.k8s.io"] = Printer{
        {
            nameColumn(),
            column("Provisioner", "string", fieldDoc("storage/v1.StorageClass", "provisioner")),
            column("ReclaimPolicy", "string", fieldDoc("storage/v1.StorageClass", "reclaimPolicy")),
            column("VolumeBindingMode", "string", fieldDoc("storage/v1.StorageClass", "volumeBindingMode")),
            column("AllowVolumeExpansion", "string", fieldDoc("storage/v1.StorageClass", "allowVolumeExpansion")),
            ageColumn(),
        },
        storageClassRow,
    };
}

}  // namespace kp::printers
