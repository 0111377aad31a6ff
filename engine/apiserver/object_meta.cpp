#include "apiserver/object_meta.h"

namespace kp {

std::string generateName(const std::string& base, Rng& rng) {
    // Upstream: apiserver/pkg/storage/names/generate.go (maxGeneratedNameLength = 63 - 5).
    constexpr size_t kMaxBase = 58;
    std::string prefix = base.size() > kMaxBase ? base.substr(0, kMaxBase) : base;
    return prefix + rng.nameSuffix(5);
}

void dropEmptyMetadata(Json& meta) {
    for (const char* key : {"labels", "annotations", "ownerReferences", "finalizers"})
        if (auto it = meta.find(key); it != meta.end() && (it->is_null() || (it->is_structured() && it->empty())))
            meta.erase(it);
}

void fillCreateMetadata(Json& obj, bool tracksGeneration, Time now, Rng& rng) {
    Json& meta = obj["metadata"];
    if (!meta.is_object())
        meta = Json::object();
    dropEmptyMetadata(meta);
    if (stringAt(meta, "name").empty() && !stringAt(meta, "generateName").empty())
        meta["name"] = generateName(stringAt(meta, "generateName"), rng);
    meta["uid"] = rng.uuid();
    meta["creationTimestamp"] = formatRFC3339(now);
    for (const char* key : {"resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink",
                            "managedFields"})
        meta.erase(key);
    if (tracksGeneration)
        meta["generation"] = 1;
    else
        meta.erase("generation");
}

void keepServerMetadata(Json& obj, const Json& old) {
    Json& meta = obj["metadata"];
    if (!meta.is_object())
        meta = Json::object();
    dropEmptyMetadata(meta);
    const Json& oldMeta = old["metadata"];
    for (const char* key : {"name", "namespace", "uid", "creationTimestamp", "deletionTimestamp",
                            "deletionGracePeriodSeconds", "generation", "generateName"}) {
        if (oldMeta.contains(key))
            meta[key] = oldMeta[key];
        else
            meta.erase(key);
    }
    meta.erase("selfLink");
    const Json* mf = findPath(obj, "metadata.managedFields");
    if ((!mf || !mf->is_array() || mf->empty()) && oldMeta.contains("managedFields"))
        meta["managedFields"] = oldMeta["managedFields"];
}

}  // namespace kp
