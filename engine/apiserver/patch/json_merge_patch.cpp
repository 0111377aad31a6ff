#include "apiserver/patch/json_merge_patch.h"

#include <string>

#include "apiserver/patch/go_value.h"

namespace kp::patch {

namespace {

void pruneNulls(Json& node);

void pruneDocNulls(Json& doc) {
    for (auto it = doc.begin(); it != doc.end();) {
        if (it.value().is_null()) {
            it = doc.erase(it);
            continue;
        }
        pruneNulls(it.value());
        ++it;
    }
}

// Objects lose their null keys at any depth; nulls directly inside arrays stay.
void pruneNulls(Json& node) {
    if (node.is_object()) {
        pruneDocNulls(node);
        return;
    }
    if (node.is_array())
        for (Json& v : node)
            if (!v.is_null())
                pruneNulls(v);
}

void mergeDocs(Json& doc, Json& patch);

// Upstream (v4): merge.go#merge. Only a value merged into a non-object loses its nulls.
Json merge(Json current, Json patch) {
    if (!current.is_object()) {
        pruneNulls(patch);
        return patch;
    }
    if (!patch.is_object())
        return patch;
    mergeDocs(current, patch);
    return current;
}

void mergeDocs(Json& doc, Json& patch) {
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it.value().is_null()) {
            doc.erase(it.key());
            continue;
        }
        auto current = doc.find(it.key());
        if (current == doc.end() || current->is_null()) {
            pruneNulls(it.value());
            doc[it.key()] = std::move(it.value());
            continue;
        }
        *current = merge(std::move(*current), std::move(it.value()));
    }
}

// encoding/json decodes every number as float64, so CreateMergePatch compares 1 and 1.0 equal.
bool sameJsonType(const Json& a, const Json& b) { return (a.is_number() && b.is_number()) || goKind(a) == goKind(b); }

bool matchesValue(const Json& a, const Json& b) {
    if (!sameJsonType(a, b))
        return false;
    if (a.is_object()) {
        if (a.size() != b.size())
            return false;
        for (auto it = b.begin(); it != b.end(); ++it) {
            auto other = a.find(it.key());
            if (other == a.end() || !matchesValue(*other, it.value()))
                return false;
        }
        return true;
    }
    if (a.is_array()) {
        if (a.size() != b.size())
            return false;
        for (size_t i = 0; i < a.size(); ++i)
            if (!matchesValue(a[i], b[i]))
                return false;
        return true;
    }
    if (a.is_number())
        return a.get<double>() == b.get<double>();
    return a == b;
}

// Upstream (v4): merge.go#getDiff
Json getDiff(const Json& a, const Json& b) {
    Json into = Json::object();
    for (auto it = b.begin(); it != b.end(); ++it) {
        auto av = a.find(it.key());
        if (av == a.end() || !sameJsonType(*av, it.value())) {
            into[it.key()] = it.value();
            continue;
        }
        if (av->is_object()) {
            Json dst = getDiff(*av, it.value());
            if (!dst.empty())
                into[it.key()] = std::move(dst);
            continue;
        }
        if (!matchesValue(*av, it.value()))
            into[it.key()] = it.value();
    }
    for (auto it = a.begin(); it != a.end(); ++it)
        if (!b.contains(it.key()))
            into[it.key()] = nullptr;
    return into;
}

// Keeps only the nulls (keepNull) or only the non-nulls. An explicitly empty object is a
// value, not an empty patch. Upstream: jsonmergepatch/patch.go#keepOrDeleteNullInObj
Json keepOrDeleteNull(const Json& m, bool keepNull) {
    Json out = Json::object();
    for (auto it = m.begin(); it != m.end(); ++it) {
        const Json& val = it.value();
        if (val.is_null()) {
            if (keepNull)
                out[it.key()] = nullptr;
            continue;
        }
        if (val.is_object()) {
            if (val.empty()) {
                if (!keepNull)
                    out[it.key()] = Json::object();
                continue;
            }
            Json sub = keepOrDeleteNull(val, keepNull);
            if (!sub.empty())
                out[it.key()] = std::move(sub);
            continue;
        }
        if (!keepNull)
            out[it.key()] = val;  // lists are always replaced whole
    }
    return out;
}

// Upstream: mergepatch/util.go#HasConflicts
bool hasConflicts(const Json& left, const Json& right) {
    if (left.is_object()) {
        if (!right.is_object())
            return true;
        for (auto it = left.begin(); it != left.end(); ++it) {
            auto other = right.find(it.key());
            if (other != right.end() && hasConflicts(it.value(), *other))
                return true;
        }
        return false;
    }
    if (left.is_array()) {
        if (!right.is_array() || left.size() != right.size())
            return true;
        for (size_t i = 0; i < left.size(); ++i)
            if (hasConflicts(left[i], right[i]))
                return true;
        return false;
    }
    return !deepEqual(left, right);
}

bool changesIdentity(const Json& patch) {
    if (patch.contains("apiVersion") || patch.contains("kind"))
        return true;
    auto metadata = patch.find("metadata");
    return metadata != patch.end() && metadata->is_object() && metadata->contains("name");
}

}  // namespace

// Upstream (v4): merge.go#doMergePatch with mergeMerge = false.
PatchResult mergePatch(const Json& doc, const Json& patch) {
    PatchResult result;
    if (doc.is_null()) {
        result.error = {PatchErrorKind::Other, "Invalid JSON Document"};
        return result;
    }
    if (patch.is_null()) {
        result.error = {PatchErrorKind::Other, "Invalid JSON Patch"};
        return result;
    }
    if (doc.is_object() && patch.is_object()) {
        result.value = doc;
        Json p = patch;
        mergeDocs(result.value, p);
        return result;
    }
    // Not two objects: the patch (without its nulls) is the result.
    if (!patch.is_object() && !patch.is_array()) {
        result.error = {PatchErrorKind::Other, "Invalid JSON Patch"};
        return result;
    }
    result.value = patch;
    pruneNulls(result.value);
    return result;
}

Json createMergePatch(const Json& original, const Json& modified) { return getDiff(original, modified); }

PatchResult createThreeWayJSONMergePatch(const Json& original, const Json& modified, const Json& current,
                                         bool requireIdentityUnchanged) {
    auto document = [](const Json& j) { return j.is_null() ? Json::object() : j; };
    PatchResult result;
    if (!document(original).is_object() || !document(modified).is_object() || !document(current).is_object()) {
        result.error = {PatchErrorKind::Other, "Invalid JSON Document"};
        return result;
    }
    Json addAndChange = keepOrDeleteNull(getDiff(document(current), document(modified)), false);
    Json deletions = keepOrDeleteNull(getDiff(document(original), document(modified)), true);
    if (hasConflicts(addAndChange, deletions)) {
        result.error = {PatchErrorKind::Conflict, "patch:\n" + addAndChange.dump(2) +
                                                      "\nconflicts with changes made from original to current:\n" +
                                                      deletions.dump(2) + "\n"};
        return result;
    }
    result = mergePatch(deletions, addAndChange);
    if (result.ok() && requireIdentityUnchanged && changesIdentity(result.value))
        result.error = {PatchErrorKind::PreconditionFailed, "precondition failed for: " + goSprint(result.value)};
    return result;
}

}  // namespace kp::patch
