#include "apiserver/apply/field_manager.h"

#include <algorithm>
#include <vector>

#include "api/codec/json_encode.h"
#include "apiserver/apply/conflict.h"
#include "apiserver/apply/managers.h"
#include "apiserver/apply/type_ref.h"
#include "apiserver/apply/updater.h"
#include "apiserver/apply/zero_objects.h"
#include "base/time.h"

namespace kp::apply {
namespace {

constexpr const char* kLastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";
constexpr size_t kMaxUpdateManagers = 10;
constexpr size_t kTotalAnnotationSizeLimit = 256 * 1024;

Json withoutManagedFields(Json obj) {
    if (obj.is_object() && obj.contains("metadata") && obj["metadata"].is_object())
        obj["metadata"].erase("managedFields");
    return obj;
}

// A copy of obj without metadata.managedFields, never copying the managedFields themselves.
Json copyWithoutManagedFields(const Json& obj) {
    const Json* meta = findPath(obj, "metadata");
    if (!meta || !meta->is_object() || !meta->contains("managedFields"))
        return obj;
    Json out = Json::object();
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (it.key() != "metadata") {
            out[it.key()] = it.value();
            continue;
        }
        Json& m = out["metadata"] = Json::object();
        for (auto f = meta->begin(); f != meta->end(); ++f)
            if (f.key() != "managedFields")
                m[f.key()] = f.value();
    }
    return out;
}

void setManagedFields(Json& obj, const Managed& managed) {
    Json encoded = encodeManagedFields(managed);
    if (encoded.is_null()) {
        if (obj.contains("metadata") && obj["metadata"].is_object())
            obj["metadata"].erase("managedFields");
        return;
    }
    obj["metadata"]["managedFields"] = std::move(encoded);
}

// "apps/v1, Kind=Deployment", "/v1, Kind=Pod" (schema.GroupVersionKind.String()).
std::string gvkString(const std::string& apiVersion, const std::string& kind) {
    std::string gv = apiVersion.find('/') == std::string::npos ? "/" + apiVersion : apiVersion;
    return gv + ", Kind=" + kind;
}

// A non-nil but empty list, or one empty entry, asks to reset managedFields.
bool isResetManagedFields(const Json& mf) {
    if (!mf.is_array())
        return false;
    if (mf.empty())
        return true;
    return mf.size() == 1 && mf[0].is_object() && mf[0].empty();
}

Json* findMutable(Json& obj, const char* a, const char* b) {
    if (!obj.is_object() || !obj.contains(a) || !obj[a].is_object() || !obj[a].contains(b))
        return nullptr;
    return &obj[a][b];
}

// The client-side apply annotation (its key has dots, so no dotted-path lookup).
std::string lastAppliedOf(const Json& obj) {
    const Json* annotations = findPath(obj, "metadata.annotations");
    if (!annotations || !annotations->is_object())
        return "";
    auto it = annotations->find(kLastAppliedAnnotation);
    return it != annotations->end() && it->is_string() ? it->get<std::string>() : "";
}

std::string managerName(const std::string& manager) { return manager.empty() ? "unknown" : manager; }

// Merges the oldest Update entries into "ancient-changes" buckets (one per apiVersion) until
// at most kMaxUpdateManagers remain. Upstream: capmanagers.go#capUpdateManagers.
void capUpdateManagers(Managed& managed) {
    std::vector<std::string> updaters;
    for (const auto& [key, vs] : managed.fields)
        if (!vs.applied)
            updaters.push_back(key);
    if (updaters.size() <= kMaxUpdateManagers)
        return;
    auto seconds = [&](const std::string& key) -> int64_t {
        auto it = managed.times.find(key);
        if (it == managed.times.end())
            return 0;
        std::optional<Time> t = parseRFC3339(it->second);
        return t ? t->ms / 1000 : 0;
    };
    std::stable_sort(updaters.begin(), updaters.end(), [&](const std::string& a, const std::string& b) {
        int64_t sa = seconds(a), sb = seconds(b);
        return sa != sb ? sa < sb : a < b;
    });
    std::map<std::string, std::string> versionToFirst;
    size_t length = updaters.size();
    for (size_t i = 0; i < updaters.size() && length > kMaxUpdateManagers; ++i) {
        const std::string& key = updaters[i];
        VersionedSet vs = managed.fields[key];
        auto time = managed.times.find(key);
        std::string bucket = ManagerId{"ancient-changes", "Update", vs.apiVersion, ""}.key();
        auto first = versionToFirst.find(vs.apiVersion);
        if (first == versionToFirst.end()) {
            versionToFirst[vs.apiVersion] = key;
            continue;
        }
        if (!managed.fields.count(bucket)) {
            managed.fields[bucket] = managed.fields[first->second];
            managed.fields.erase(first->second);
        }
        managed.fields[bucket] = VersionedSet{vs.set.unionWith(managed.fields[bucket].set), vs.apiVersion, vs.applied};
        managed.fields.erase(key);
        --length;
        if (time != managed.times.end())
            managed.times[bucket] = time->second;
        else
            managed.times.erase(bucket);
    }
}

}  // namespace

FieldManager::FieldManager(FieldManagerScope scope, Time now) : scope_(std::move(scope)), now_(formatRFC3339(now)) {}

FieldSet FieldManager::stripSet() const {
    // Upstream: stripmeta.go#NewStripMetaManager.
    FieldSet s;
    s.insert({PathElement::field("apiVersion")});
    s.insert({PathElement::field("kind")});
    s.insert({PathElement::field("metadata")});
    for (const char* f : {"name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation",
                          "managedFields", "resourceVersion"})
        s.insert({PathElement::field("metadata"), PathElement::field(f)});
    return s;
}

Json FieldManager::update(const Json* live, Json next, const std::string& manager) const {
    // Which managedFields to start from (fieldmanager.go#decodeLiveOrNew).
    apply::Managed managed;
    std::string error;
    // (Pointers, not copies: `metadata` holds the managedFields, the largest part of an object.)
    static const Json kAbsent;
    const Json* liveManagedAt = live ? findPath(*live, "metadata.managedFields") : nullptr;
    const Json* nextManagedAt = findPath(next, "metadata.managedFields");
    const Json& liveManaged = liveManagedAt ? *liveManagedAt : kAbsent;
    const Json& nextManaged = nextManagedAt ? *nextManagedAt : kAbsent;
    if (!scope_.subresource.empty()) {
        if (!decodeManagedFields(liveManaged, managed, error))
            managed = {};
    } else if (isResetManagedFields(nextManaged)) {
        managed = {};
    } else if (!decodeManagedFields(nextManaged, managed, error) || managed.fields.empty()) {
        if (!decodeManagedFields(liveManaged, managed, error))
            managed = {};
    }
    next = withoutManagedFields(std::move(next));

    // skipnonapplied.go: an existing object without managedFields stays untracked.
    if (managed.fields.empty() && live)
        return next;

    Json liveObj = live ? copyWithoutManagedFields(*live) : zeroObject(scope_.apiVersion, scope_.kind);
    const ManagerId id{managerName(manager), "Update", scope_.apiVersion, scope_.subresource};
    const std::string self = "current-operation";

    Updater updater(rootTypeRef(scope_.apiVersion, scope_.kind), scope_.apiVersion, scope_.kind, scope_.resetFields);
    updater.update(std::move(liveObj), next, managed.fields, self);
    if (auto it = managed.fields.find(self); it != managed.fields.end()) {
        FieldSet set = it->second.set.difference(stripSet());
        managed.fields.erase(it);
        if (!set.empty()) {
            // The manager changed something: its entry grows and its time moves.
            const std::string key = id.key();
            if (auto prev = managed.fields.find(key); prev != managed.fields.end())
                set = set.unionWith(prev->second.set);
            managed.fields[key] = VersionedSet{std::move(set), scope_.apiVersion, false};
            managed.times[key] = now_;
        }
    }
    capUpdateManagers(managed);
    setManagedFields(next, managed);
    return next;
}

FieldManager::ApplyOutcome FieldManager::apply(const Json& live, const Json& config, const std::string& manager,
                                               bool force) const {
    ApplyOutcome out;
    // versioncheck.go
    const std::string configApiVersion = config.value("apiVersion", "");
    const std::string configKind = config.value("kind", "");
    if (configApiVersion != scope_.apiVersion || configKind != scope_.kind) {
        out.status = Status::failure(400, "BadRequest", "invalid object type: " + gvkString(configApiVersion, configKind));
        return out;
    }

    apply::Managed managed;
    std::string error;
    if (!decodeManagedFields(live.value("metadata", Json::object()).value("managedFields", Json()), managed, error)) {
        out.status = Status::failure(500, "", "failed to decode managed fields: " + error);
        return out;
    }
    Json liveObj = withoutManagedFields(live);
    const TypeRef root = rootTypeRef(scope_.apiVersion, scope_.kind);
    Updater updater(root, scope_.apiVersion, scope_.kind, scope_.resetFields);

    // skipnonapplied.go: the first apply to an untracked object gives its existing fields to
    // "before-first-apply" (nothing, when the apply creates the object).
    if (managed.fields.empty()) {
        Json tracked = update(nullptr, liveObj, "before-first-apply");
        if (!decodeManagedFields(tracked.value("metadata", Json::object()).value("managedFields", Json()), managed, error))
            managed = {};
    }

    // structuredmerge.go#Apply
    if (const Json* mf = findPath(config, "metadata.managedFields"); mf && mf->is_array()) {
        out.status = Status::failure(400, "BadRequest", "metadata.managedFields must be nil");
        return out;
    }
    std::vector<std::string> invalid = validateApplied(config, root);
    if (!invalid.empty()) {
        std::string detail = invalid.size() == 1 ? invalid.front() : "errors:";
        if (invalid.size() > 1)
            for (const std::string& e : invalid)
                detail += "\n  " + e;
        out.status = Status::failure(500, "", "failed to create typed patch object (" + stringAt(config, "metadata.namespace") +
                                                  "/" + stringAt(config, "metadata.name") + "; " +
                                                  gvkString(configApiVersion, configKind) + "): " + detail);
        return out;
    }

    const std::string key = ManagerId{managerName(manager), "Apply", "", scope_.subresource}.key();
    auto runApply = [&](bool forced, apply::Managed& m) {
        return updater.apply(liveObj, config, m.fields, key, forced);
    };
    apply::Managed attempt = managed;
    Updater::ApplyResult result = runApply(force, attempt);
    if (!result.conflicts.empty() && manager == "kubectl") {
        // lastappliedmanager.go: conflicts on fields the client-side apply annotation set, with
        // the values it set, are taken over (kubectl upgrading from client-side apply).
        const std::string annotation = lastAppliedOf(liveObj);
        Json lastApplied = annotation.empty() ? Json() : Json::parse(annotation, nullptr, false);
        if (lastApplied.is_object() && lastApplied.value("apiVersion", "") == scope_.apiVersion &&
            validateApplied(lastApplied, root).empty()) {
            Json typedLive = typedView(liveObj, scope_.apiVersion, scope_.kind);
            Comparison cmp = compare(&lastApplied, &typedLive, root);
            FieldSet allowed =
                toFieldSet(lastApplied, root).difference(cmp.modified).difference(cmp.added).difference(cmp.removed);
            std::vector<Conflict> remaining;
            for (const Conflict& c : result.conflicts)
                if (!allowed.has(c.path))
                    remaining.push_back(c);
            if (remaining.empty()) {
                attempt = managed;
                result = runApply(true, attempt);
            } else {
                result.conflicts = std::move(remaining);
            }
        }
    }
    if (!result.conflicts.empty()) {
        out.status = conflictError(result.conflicts);
        return out;
    }
    managed = std::move(attempt);

    // managedfieldsupdater.go: a no-op apply keeps the live object and the applier's time.
    if (result.object)
        managed.times[key] = now_;
    out.object = result.object ? std::move(*result.object) : liveObj;
    // stripmeta.go
    if (auto it = managed.fields.find(key); it != managed.fields.end()) {
        it->second.set = it->second.set.difference(stripSet());
        if (it->second.set.empty())
            managed.fields.erase(it);
    }

    // lastappliedupdater.go: keep kubectl's client-side annotation equal to what was applied.
    if (manager == "kubectl" && !lastAppliedOf(out.object).empty()) {
        Json applied = config;
        if (Json* annotations = findMutable(applied, "metadata", "annotations"); annotations && annotations->is_object())
            annotations->erase(kLastAppliedAnnotation);
        Json& liveAnnotations = out.object["metadata"]["annotations"];
        liveAnnotations[kLastAppliedAnnotation] = codec::marshalJson(applied) + "\n";
        size_t total = 0;
        for (const auto& [k, v] : liveAnnotations.items())
            total += k.size() + (v.is_string() ? v.get_ref<const std::string&>().size() : 0);
        if (total > kTotalAnnotationSizeLimit)
            liveAnnotations.erase(kLastAppliedAnnotation);
    }
    setManagedFields(out.object, managed);
    return out;
}

}  // namespace kp::apply
