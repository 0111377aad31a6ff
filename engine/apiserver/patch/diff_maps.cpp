#include "apiserver/patch/diff_maps.h"

#include <algorithm>
#include <string>
#include <utility>

#include "apiserver/patch/go_value.h"
#include "apiserver/patch/list_order.h"
#include "apiserver/patch/patch_error.h"

namespace kp::patch {

namespace {

struct ListDiff {
    List patch;       // additions and changes (and, for maps, delete directives)
    List deletions;   // removed scalars: $deleteFromPrimitiveList
    List setOrder;    // $setElementOrder
};

void replacePatchFieldIfNotEqual(const std::string& key, const Json& original, const Json& modified, Json& patch,
                                 const DiffOptions& options) {
    if (options.ignoreChangesAndAdditions || deepEqual(original, modified))
        return;
    patch[key] = modified;
}

// Whether original holds a non-null key that modified lacks.
bool hasAdditionalNewField(const Json& original, const Json& modified) {
    for (auto it = original.begin(); it != original.end(); ++it)
        if (!it.value().is_null() && !modified.contains(it.key()))
            return true;
    return false;
}

// Sorts maps by the %v text of their merge key value (sortMergeListsByNameArray without
// recursion, as diffListsOfMaps calls it); scalars are de-duplicated and sorted.
List sortMergeListByName(List list, const std::string& mergeKey) {
    if (list.empty())
        return list;
    if (sliceElementType({&list}) != GoKind::Map) {
        deduplicateScalars(list);
        sortScalars(list);
        return list;
    }
    std::vector<std::pair<std::string, Json>> keyed;
    for (Json& item : list) {
        auto value = item.find(mergeKey);
        keyed.emplace_back(goSprint(value == item.end() ? Json() : *value), std::move(item));
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (size_t i = 0; i < keyed.size(); ++i)
        list[i] = std::move(keyed[i].second);
    return list;
}

const Json& mergeKeyValueAt(const List& list, size_t index, const std::string& mergeKey) {
    const Json& item = list[index];
    if (!item.is_object())
        failBadArgType(Json::object(), item);
    auto value = item.find(mergeKey);
    if (value == item.end())
        failNoMergeKey(item, mergeKey);
    return *value;
}

// Walks both lists sorted by merge key. Upstream: patch.go#diffListsOfMaps
std::pair<List, List> diffListsOfMaps(const List& original, const List& modified, const SchemaNode& schema,
                                      const std::string& mergeKey, const DiffOptions& options) {
    List originalSorted = sortMergeListByName(original, mergeKey);
    List modifiedSorted = sortMergeListByName(modified, mergeKey);
    List patch, deletions;
    size_t o = 0, m = 0;
    while (o < originalSorted.size() || m < modifiedSorted.size()) {
        bool originalIn = o < originalSorted.size();
        bool modifiedIn = m < modifiedSorted.size();
        std::string originalKey, modifiedKey;
        if (originalIn)
            originalKey = goSprint(mergeKeyValueAt(originalSorted, o, mergeKey));
        if (modifiedIn)
            modifiedKey = goSprint(mergeKeyValueAt(modifiedSorted, m, mergeKey));

        if (originalIn && modifiedIn && originalKey == modifiedKey) {
            Json itemPatch = diffMaps(originalSorted[o], modifiedSorted[m], schema, options);
            if (!itemPatch.empty()) {
                itemPatch[mergeKey] = modifiedSorted[m][mergeKey];
                patch.push_back(std::move(itemPatch));
            }
            ++o;
            ++m;
        } else if (!originalIn || (modifiedIn && originalKey > modifiedKey)) {
            if (!options.ignoreChangesAndAdditions)
                patch.push_back(modifiedSorted[m]);
            ++m;
        } else {
            if (!options.ignoreDeletions)
                deletions.push_back(Json{{mergeKey, originalSorted[o][mergeKey]}, {"$patch", "delete"}});
            ++o;
        }
    }
    return {std::move(patch), std::move(deletions)};
}

// Upstream: patch.go#diffListsOfScalars. Like upstream, it sorts `original` in place; the
// caller then compares the sorted original with modified.
std::pair<List, List> diffListsOfScalars(List& original, const List& modified, const DiffOptions& options) {
    List modifiedSorted = modified;
    sortScalars(original);
    sortScalars(modifiedSorted);
    List additions, deletions;
    size_t o = 0, m = 0;
    while (o < original.size() || m < modifiedSorted.size()) {
        bool originalIn = o < original.size();
        bool modifiedIn = m < modifiedSorted.size();
        std::string originalText = originalIn ? goSprint(original[o]) : "";
        std::string modifiedText = modifiedIn ? goSprint(modifiedSorted[m]) : "";
        if (originalIn && modifiedIn && originalText == modifiedText) {
            ++o;
            ++m;
        } else if (!originalIn || (modifiedIn && originalText > modifiedText)) {
            if (!options.ignoreChangesAndAdditions)
                additions.push_back(modifiedSorted[m]);
            ++m;
        } else {
            if (!options.ignoreDeletions)
                deletions.push_back(original[o]);
            ++o;
        }
    }
    deduplicateScalars(deletions);
    return {std::move(additions), std::move(deletions)};
}

bool isOrderSame(const List& original, const List& modified, const std::string& mergeKey) {
    if (original.size() != modified.size())
        return false;
    for (size_t i = 0; i < modified.size(); ++i)
        if (!mergeKeyValueEqual(original[i], modified[i], mergeKey))
            return false;
    return true;
}

// Upstream: patch.go#diffLists
ListDiff diffLists(List original, const List& modified, const SchemaNode& schema, const std::string& mergeKey,
                   const DiffOptions& options) {
    ListDiff out;
    if (original.empty()) {
        if (!modified.empty() && !options.ignoreChangesAndAdditions)
            out.patch = modified;
        return out;
    }

    GoKind kind = sliceElementType({&original, &modified});
    if (kind == GoKind::Map) {
        auto [patch, deletions] = diffListsOfMaps(original, modified, schema, mergeKey, options);
        out.patch = normalizeSliceOrder(std::move(patch), modified, mergeKey, kind);
        bool orderSame = isOrderSame(original, modified, mergeKey);
        for (Json& d : deletions)
            out.patch.push_back(std::move(d));
        bool changed = !out.patch.empty();
        if (options.setElementOrder && ((!options.ignoreChangesAndAdditions && (changed || !orderSame)) ||
                                        (!options.ignoreDeletions && changed))) {
            for (const Json& item : modified) {
                auto value = item.find(mergeKey);
                out.setOrder.push_back(Json{{mergeKey, value == item.end() ? Json() : *value}});
            }
        }
        return out;
    }

    auto [additions, deletions] = diffListsOfScalars(original, modified, options);
    out.patch = normalizeSliceOrder(std::move(additions), modified, mergeKey, kind);
    out.deletions = std::move(deletions);
    if (options.setElementOrder && ((!options.ignoreDeletions && !out.deletions.empty()) ||
                                    (!options.ignoreChangesAndAdditions && !deepEqual(Json(original), Json(modified)))))
        out.setOrder = modified;
    return out;
}

void handleMapDiff(const std::string& key, const Json& original, const Json& modified, Json& patch,
                   const SchemaNode& schema, DiffOptions options) {
    SchemaNode::Lookup found;
    try {
        found = schema.lookupForStruct(key);
    } catch (const PatchError&) {
        if (deepEqual(original, modified))
            return;  // no metadata needed when nothing changed
        throw;
    }
    RetainKeysStrategy strategy = extractRetainKeysPatchStrategy(found.meta.strategies);
    options.buildRetainKeysDirective = strategy.retainKeys;
    if (strategy.strategy == "replace") {
        if (!options.ignoreChangesAndAdditions)
            patch[key] = modified;
        return;
    }
    Json value = diffMaps(original, modified, found.node, options);
    if (!value.empty())
        patch[key] = std::move(value);
}

void handleSliceDiff(const std::string& key, const Json& original, const Json& modified, Json& patch,
                     const SchemaNode& schema, DiffOptions options) {
    SchemaNode::Lookup found;
    try {
        found = schema.lookupForSlice(key);
    } catch (const PatchError&) {
        if (deepEqual(original, modified))
            return;
        throw;
    }
    RetainKeysStrategy strategy = extractRetainKeysPatchStrategy(found.meta.strategies);
    if (strategy.strategy != "merge") {
        replacePatchFieldIfNotEqual(key, original, modified, patch, options);
        return;
    }
    options.buildRetainKeysDirective = strategy.retainKeys;
    ListDiff diff = diffLists(original.get<List>(), modified.get_ref<const List&>(), found.node, found.meta.mergeKey,
                              options);
    if (!diff.patch.empty())
        patch[key] = std::move(diff.patch);
    if (!diff.deletions.empty())
        patch["$deleteFromPrimitiveList/" + key] = std::move(diff.deletions);
    if (!diff.setOrder.empty())
        patch["$setElementOrder/" + key] = std::move(diff.setOrder);
}

}  // namespace

// Upstream: patch.go#diffMaps
Json diffMaps(const Json& original, const Json& modified, const SchemaNode& schema, DiffOptions options) {
    Json patch = Json::object();
    List retainKeys;

    for (auto it = modified.begin(); it != modified.end(); ++it) {
        const std::string& key = it.key();
        const Json& modifiedValue = it.value();
        if (options.buildRetainKeysDirective && !modifiedValue.is_null())
            retainKeys.push_back(key);

        auto originalIt = original.find(key);
        if (originalIt == original.end()) {
            if (!options.ignoreChangesAndAdditions)
                patch[key] = modifiedValue;
            continue;
        }
        const Json& originalValue = *originalIt;

        if (key == "$patch") {
            if (!originalValue.is_string() || !modifiedValue.is_string())
                fail(PatchErrorKind::Other, "invalid value for special key: $patch");
            if (originalValue != modifiedValue)
                patch[key] = modifiedValue;
            continue;
        }

        if (!sameGoType(originalValue, modifiedValue)) {
            if (!options.ignoreChangesAndAdditions)
                patch[key] = modifiedValue;
            continue;
        }

        switch (goKind(originalValue)) {
        case GoKind::Map:
            handleMapDiff(key, originalValue, modifiedValue, patch, schema, options);
            break;
        case GoKind::Slice:
            handleSliceDiff(key, originalValue, modifiedValue, patch, schema, options);
            break;
        default:
            replacePatchFieldIfNotEqual(key, originalValue, modifiedValue, patch, options);
        }
    }

    if (!options.ignoreDeletions) {
        for (auto it = original.begin(); it != original.end(); ++it)
            if (!modified.contains(it.key()))
                patch[it.key()] = nullptr;
    }

    // $retainKeys goes in when something changed, or when original has fields to clear.
    if (!retainKeys.empty() && (!patch.empty() || hasAdditionalNewField(original, modified))) {
        sortScalars(retainKeys);
        patch["$retainKeys"] = std::move(retainKeys);
    }
    return patch;
}

}  // namespace kp::patch
