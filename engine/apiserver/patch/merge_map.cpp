#include "apiserver/patch/merge_map.h"

#include <string>
#include <utility>
#include <vector>

#include "apiserver/patch/go_value.h"
#include "apiserver/patch/list_order.h"
#include "apiserver/patch/patch_error.h"

namespace kp::patch {

namespace {

constexpr const char* kDirectiveMarker = "$patch";
constexpr const char* kRetainKeysDirective = "$retainKeys";
const std::string kDeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList";
const std::string kSetElementOrderPrefix = "$setElementOrder";

bool startsWith(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// "$setElementOrder/containers" -> "containers". Upstream: patch.go#extractKey
std::string extractKey(const std::string& key, const std::string& prefix) {
    size_t slash = key.find('/');
    if (slash == std::string::npos || key.substr(0, slash) != prefix) {
        if (prefix == kDeleteFromPrimitiveListPrefix)
            fail(PatchErrorKind::BadPatchFormatForPrimitiveList);
        fail(PatchErrorKind::BadPatchFormatForSetElementOrderList);
    }
    return key.substr(slash + 1);
}

// Drops every map that carries a `$patch` directive, at any depth. Returns false when `obj`
// itself is such a map (the caller then drops the field). Upstream: patch.go#removeDirectives
bool removeDirectives(Json& obj) {
    if (obj.is_object()) {
        if (obj.contains(kDirectiveMarker))
            return false;
        for (auto it = obj.begin(); it != obj.end();) {
            if (removeDirectives(it.value()))
                ++it;
            else
                it = obj.erase(it);
        }
        return true;
    }
    if (obj.is_array()) {
        Json kept = Json::array();
        for (Json& v : obj)
            if (removeDirectives(v))
                kept.push_back(std::move(v));
        obj = std::move(kept);
    }
    return true;
}

void discardNullValuesFromPatch(Json& v) {
    if (v.is_object()) {
        for (auto it = v.begin(); it != v.end();) {
            if (it.value().is_null()) {
                it = v.erase(it);
                continue;
            }
            discardNullValuesFromPatch(it.value());
            ++it;
        }
        return;
    }
    if (v.is_array())
        for (Json& e : v)
            discardNullValuesFromPatch(e);
}

// A patch value that does not merge with the original one replaces it.
void setFromPatch(Json& original, const std::string& key, Json patchValue, const MergeOptions& options) {
    if (options.ignoreUnmatchedNulls)
        discardNullValuesFromPatch(patchValue);
    if (removeDirectives(patchValue))
        original[key] = std::move(patchValue);
    else
        original.erase(key);
}

Json handleDirectiveInMergeMap(const Json& directive, Json patch) {
    if (directive == "replace") {
        patch.erase(kDirectiveMarker);
        return patch;
    }
    if (directive == "delete")
        return Json::object();
    failBadPatchType(directive, patch);
}

// Upstream: patch.go#applyRetainKeysDirective
void applyRetainKeysDirective(Json& original, Json& patch, const MergeOptions& options) {
    auto found = patch.find(kRetainKeysDirective);
    if (found == patch.end())
        return;
    Json retainKeys = std::move(*found);
    patch.erase(found);

    if (!options.mergeParallelList) {
        // Merging two patches: both must carry the same list, which the result keeps.
        auto inOriginal = original.find(kRetainKeysDirective);
        if (inOriginal == original.end()) {
            original[kRetainKeysDirective] = std::move(retainKeys);
            return;
        }
        if (!deepEqual(*inOriginal, retainKeys))
            fail(PatchErrorKind::Other, goSprint(*inOriginal) + " and " + goSprint(retainKeys) +
                                            " are not deep equal: this may happen when calculating the 3-way diff patch");
        return;
    }

    if (!retainKeys.is_array())
        fail(PatchErrorKind::BadPatchFormatForRetainKeys);
    auto retained = [&](const std::string& key) {
        for (const Json& k : retainKeys)
            if (k.is_string() && k.get_ref<const std::string&>() == key)
                return true;
        return false;
    };
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it.value().is_null() || startsWith(it.key(), kDeleteFromPrimitiveListPrefix) ||
            startsWith(it.key(), kSetElementOrderPrefix))
            continue;
        if (!retained(it.key()))
            fail(PatchErrorKind::BadPatchFormatForRetainKeys);
    }
    for (auto it = original.begin(); it != original.end();) {
        if (retained(it.key()))
            ++it;
        else
            it = original.erase(it);
    }
}

bool containsDirectiveMarker(const Json& item) { return item.is_object() && item.contains(kDirectiveMarker); }

// Every item of the patch list (deletions aside) must appear in $setElementOrder, in the same
// relative order. Upstream: patch.go#validatePatchWithSetOrderList
void validatePatchWithSetOrderList(const List& patchList, const List& setOrderList, const std::string& mergeKey) {
    if (setOrderList.empty() || patchList.empty())
        return;
    List nonDelete = mergeKey.empty() ? patchList : extractToDeleteItems(patchList).first;
    size_t patchIndex = 0, setOrderIndex = 0;
    while (patchIndex < nonDelete.size() && setOrderIndex < setOrderList.size()) {
        if (containsDirectiveMarker(nonDelete[patchIndex])) {
            ++patchIndex;
            continue;
        }
        if (mergeKeyValueEqual(nonDelete[patchIndex], setOrderList[setOrderIndex], mergeKey))
            ++patchIndex;
        ++setOrderIndex;
    }
    if (patchIndex < nonDelete.size() && setOrderIndex >= setOrderList.size())
        fail(PatchErrorKind::Other, "The order in patch list:\n" + goSprint(Json(patchList)) + "\n doesn't match " +
                                        kSetElementOrderPrefix + " list:\n" + goSprint(Json(setOrderList)) + "\n");
}

void deleteMatchingEntries(List& original, const std::string& mergeKey, const Json& mergeValue) {
    for (long at = findMapInSlice(original, mergeKey, mergeValue); at >= 0;
         at = findMapInSlice(original, mergeKey, mergeValue))
        original.erase(original.begin() + at);
}

// Applies the `$patch` elements of a list of maps: `delete` removes the original items with
// that merge key value, `replace` makes the other patch items the whole list.
// Upstream: patch.go#mergeSliceWithSpecialElements
void mergeSliceWithSpecialElements(List& original, List& patch, const std::string& mergeKey) {
    List plain;
    bool replace = false;
    for (Json& v : patch) {
        auto directive = v.find(kDirectiveMarker);
        if (directive == v.end()) {
            plain.push_back(std::move(v));
            continue;
        }
        if (*directive == "delete") {
            auto value = v.find(mergeKey);
            if (value == v.end())
                failNoMergeKey(v, mergeKey);
            deleteMatchingEntries(original, mergeKey, *value);
        } else if (*directive == "replace") {
            replace = true;  // keep scanning: the other directives are still removed
        } else if (*directive == "merge") {
            fail(PatchErrorKind::Other, "merging lists cannot yet be specified in the patch");
        } else {
            failBadPatchType(*directive, v);
        }
    }
    if (replace) {
        original = std::move(plain);
        patch.clear();
        return;
    }
    patch = std::move(plain);
}

// Patch items merge into the original item with the same merge key value, or are appended.
List mergeSliceWithoutSpecialElements(List original, const List& patch, const std::string& mergeKey,
                                      const SchemaNode& schema, const MergeOptions& options) {
    for (const Json& v : patch) {
        auto value = v.find(mergeKey);
        if (value == v.end())
            failNoMergeKey(v, mergeKey);
        long at = findMapInSlice(original, mergeKey, *value);
        if (at >= 0)
            original[at] = mergeMap(std::move(original[at]), v, schema, options);
        else
            original.push_back(v);
    }
    return original;
}

// Upstream: patch.go#mergeSlice
List mergeSlice(List original, List patch, const SchemaNode& schema, const std::string& mergeKey,
                const MergeOptions& options, bool isDeleteList) {
    if (original.empty() && patch.empty())
        return original;
    GoKind kind = sliceElementType({&original, &patch});

    List merged;
    if (kind != GoKind::Map) {
        if (options.mergeParallelList && isDeleteList)
            return deleteFromSlice(original, patch);
        merged = original;
        merged.insert(merged.end(), patch.begin(), patch.end());
        deduplicateScalars(merged);
    } else {
        if (mergeKey.empty())
            fail(PatchErrorKind::Other, "cannot merge lists without merge key for " + schema.name());
        mergeSliceWithSpecialElements(original, patch, mergeKey);
        merged = mergeSliceWithoutSpecialElements(original, patch, mergeKey, schema, options);
    }

    auto [patchItems, serverOnly] = mergeKey.empty() ? partitionPrimitivesByPresentInList(merged, patch)
                                                     : partitionMapsByPresentInList(merged, patch, mergeKey);
    return normalizeElementOrder(std::move(patchItems), std::move(serverOnly), patch, original, mergeKey, kind);
}

Json mergeSliceHandler(Json original, Json patch, const SchemaNode& schema, const std::string& strategy,
                       const std::string& mergeKey, bool isDeleteList, const MergeOptions& options) {
    if (strategy != "merge" && !isDeleteList)
        return patch;
    return mergeSlice(std::move(original.get_ref<List&>()), std::move(patch.get_ref<List&>()), schema, mergeKey,
                      options, isDeleteList);
}

// Upstream: patch.go#mergePatchIntoOriginal: each `$setElementOrder/<list>` with its list.
void mergePatchIntoOriginal(Json& original, Json& patch, const SchemaNode& schema, const MergeOptions& options) {
    std::vector<std::string> orderKeys;
    for (auto it = patch.begin(); it != patch.end(); ++it)
        if (startsWith(it.key(), kSetElementOrderPrefix))
            orderKeys.push_back(it.key());

    for (const std::string& key : orderKeys) {
        Json setElementOrder = std::move(patch[key]);
        patch.erase(key);
        if (!options.mergeParallelList) {
            auto inOriginal = original.find(key);
            if (inOriginal == original.end())
                original[key] = setElementOrder;
            else if (!deepEqual(*inOriginal, setElementOrder))
                fail(PatchErrorKind::BadPatchFormatForSetElementOrderList);
        }
        if (!setElementOrder.is_array())
            failBadArgType(Json::array(), setElementOrder);
        const List& order = setElementOrder.get_ref<const List&>();

        std::string listKey = extractKey(key, kSetElementOrderPrefix);
        auto originalIt = original.find(listKey);
        auto patchIt = patch.find(listKey);
        bool foundOriginal = originalIt != original.end();
        bool foundPatch = patchIt != patch.end();
        List originalList, patchList;
        if (foundOriginal) {
            if (!originalIt->is_array())
                failBadArgType(Json::array(), *originalIt);
            originalList = originalIt->get<List>();
        }
        if (foundPatch) {
            if (!patchIt->is_array())
                failBadArgType(Json::array(), *patchIt);
            patchList = patchIt->get<List>();
        }

        SchemaNode::Lookup found = schema.lookupForSlice(listKey);
        std::string strategy = extractRetainKeysPatchStrategy(found.meta.strategies).strategy;
        const std::string& mergeKey = found.meta.mergeKey;
        validatePatchWithSetOrderList(patchList, order, mergeKey);

        List merged;
        if (foundOriginal && !foundPatch) {
            merged = originalList;
        } else if (!foundOriginal && foundPatch) {
            Json added = patchList;
            removeDirectives(added);
            merged = std::move(added.get_ref<List&>());
        } else if (foundOriginal && foundPatch) {
            Json m = mergeSliceHandler(originalList, patchList, found.node, strategy, mergeKey, false, options);
            merged = std::move(m.get_ref<List&>());
        } else {
            continue;
        }

        auto [patchItems, serverOnly] = mergeKey.empty() ? partitionPrimitivesByPresentInList(merged, order)
                                                         : partitionMapsByPresentInList(merged, order, mergeKey);
        GoKind kind = sliceElementType({&originalList, &patchList});
        original[listKey] = normalizeElementOrder(std::move(patchItems), std::move(serverOnly), order, originalList,
                                                  mergeKey, kind);
        patch.erase(listKey);
    }
}

}  // namespace

// Upstream: patch.go#mergeMap
Json mergeMap(Json original, Json patch, const SchemaNode& schema, const MergeOptions& options) {
    if (auto found = patch.find(kDirectiveMarker); found != patch.end()) {
        Json directive = *found;
        return handleDirectiveInMergeMap(directive, std::move(patch));
    }
    if (original.is_null())
        original = Json::object();

    applyRetainKeysDirective(original, patch, options);
    mergePatchIntoOriginal(original, patch, schema, options);

    for (auto it = patch.begin(); it != patch.end(); ++it) {
        std::string key = it.key();
        Json patchValue = std::move(it.value());

        bool isDeleteList = false;
        if (startsWith(key, kDeleteFromPrimitiveListPrefix)) {
            if (!options.mergeParallelList) {
                original[key] = std::move(patchValue);
                continue;
            }
            key = extractKey(key, kDeleteFromPrimitiveListPrefix);
            isDeleteList = true;
        }

        if (patchValue.is_null()) {
            original.erase(key);
            if (options.ignoreUnmatchedNulls)
                continue;
        }

        auto current = original.find(key);
        if (current == original.end() || !sameGoType(*current, patchValue)) {
            if (!isDeleteList)
                setFromPatch(original, key, std::move(patchValue), options);
            continue;
        }

        switch (goKind(*current)) {
        case GoKind::Map: {
            SchemaNode::Lookup found = schema.lookupForStruct(key);
            std::string strategy = extractRetainKeysPatchStrategy(found.meta.strategies).strategy;
            if (strategy == "replace")
                *current = std::move(patchValue);
            else
                *current = mergeMap(std::move(*current), std::move(patchValue), found.node, options);
            break;
        }
        case GoKind::Slice: {
            SchemaNode::Lookup found = schema.lookupForSlice(key);
            std::string strategy = extractRetainKeysPatchStrategy(found.meta.strategies).strategy;
            *current = mergeSliceHandler(std::move(*current), std::move(patchValue), found.node, strategy,
                                         found.meta.mergeKey, isDeleteList, options);
            break;
        }
        default:
            if (removeDirectives(patchValue))
                *current = std::move(patchValue);
            else
                original.erase(current);
        }
    }
    return original;
}

}  // namespace kp::patch
