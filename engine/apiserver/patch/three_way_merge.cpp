#include "apiserver/patch/three_way_merge.h"

#include <map>
#include <string>

#include "apiserver/patch/diff_maps.h"
#include "apiserver/patch/go_value.h"
#include "apiserver/patch/list_order.h"
#include "apiserver/patch/merge_map.h"

namespace kp::patch {

namespace {

bool isDocument(const Json& j) { return j.is_null() || j.is_object(); }

Json documentOf(const Json& j) { return j.is_null() ? Json::object() : j; }

bool fieldsHaveConflicts(const Json& left, const Json& right, const SchemaNode& schema, const std::string& strategy,
                         const std::string& mergeKey);

// Upstream: patch.go#mapsHaveConflicts
bool mapsHaveConflicts(const Json& left, const Json& right, const SchemaNode& schema) {
    for (auto it = left.begin(); it != left.end(); ++it) {
        const std::string& key = it.key();
        if (key == "$patch" || key == "$retainKeys")
            continue;
        auto other = right.find(key);
        if (other == right.end())
            continue;
        SchemaNode::Lookup found;
        std::string strategy;
        if (it.value().is_array() || it.value().is_object()) {
            found = it.value().is_array() ? schema.lookupForSlice(key) : schema.lookupForStruct(key);
            strategy = extractRetainKeysPatchStrategy(found.meta.strategies).strategy;
        }
        if (fieldsHaveConflicts(it.value(), *other, found.node, strategy, found.meta.mergeKey))
            return true;
    }
    return false;
}

// {"<merge key value printed with %s>": item}. Upstream: patch.go#sliceOfMapsToMapOfMaps
std::map<std::string, Json> sliceOfMapsToMapOfMaps(const Json& list, const std::string& mergeKey) {
    std::map<std::string, Json> out;
    for (const Json& item : list) {
        if (!item.is_object())
            fail(PatchErrorKind::Other, "invalid element type in merging list:" + goSprint(list));
        auto value = item.find(mergeKey);
        if (value == item.end())
            fail(PatchErrorKind::Other,
                 "cannot find merge key `" + mergeKey + "` in merging list element:" + goSprint(item));
        out[goSprintS(*value)] = item;
    }
    return out;
}

// Upstream: patch.go#slicesHaveConflicts
bool slicesHaveConflicts(const Json& left, const Json& right, const SchemaNode& schema, const std::string& strategy,
                         const std::string& mergeKey) {
    const List& l = left.get_ref<const List&>();
    const List& r = right.get_ref<const List&>();
    GoKind kind = sliceElementType({&l, &r});
    if (strategy == "merge") {
        if (kind != GoKind::Map)
            return false;  // merging scalar lists never conflict
        std::map<std::string, Json> leftMap = sliceOfMapsToMapOfMaps(left, mergeKey);
        std::map<std::string, Json> rightMap = sliceOfMapsToMapOfMaps(right, mergeKey);
        for (const auto& [key, value] : leftMap) {
            auto other = rightMap.find(key);
            if (other != rightMap.end() && fieldsHaveConflicts(value, other->second, schema, "", ""))
                return true;
        }
        return false;
    }
    if (l.size() != r.size())
        return true;
    List sortedLeft = l, sortedRight = r;
    if (kind != GoKind::Map) {
        for (List* s : {&sortedLeft, &sortedRight}) {
            deduplicateScalars(*s);
            sortScalars(*s);
        }
    }
    for (size_t i = 0; i < sortedLeft.size() && i < sortedRight.size(); ++i)
        if (fieldsHaveConflicts(sortedLeft[i], sortedRight[i], schema, "", ""))
            return true;
    return false;
}

// Upstream: patch.go#mergingMapFieldsHaveConflicts
bool fieldsHaveConflicts(const Json& left, const Json& right, const SchemaNode& schema, const std::string& strategy,
                         const std::string& mergeKey) {
    if (left.is_object()) {
        if (!right.is_object())
            return true;
        auto leftMarker = left.find("$patch");
        auto rightMarker = right.find("$patch");
        bool hasLeft = leftMarker != left.end();
        bool hasRight = rightMarker != right.end();
        if (hasLeft != hasRight)
            return true;  // one replaces or deletes the map, the other edits keys
        if (hasLeft && !interfaceEqual(*leftMarker, *rightMarker))
            return true;
        if (strategy == "replace")
            return false;
        return mapsHaveConflicts(left, right, schema);
    }
    if (left.is_array()) {
        if (!right.is_array())
            return true;
        return slicesHaveConflicts(left, right, schema, strategy, mergeKey);
    }
    return !deepEqual(left, right);
}

}  // namespace

PatchResult createTwoWayMergePatch(const Json& original, const Json& modified, const schema::StructDef* def) {
    PatchResult result;
    if (!isDocument(original) || !isDocument(modified)) {
        result.error = {PatchErrorKind::BadJSONDoc, "invalid JSON document"};
        return result;
    }
    DiffOptions options;
    options.setElementOrder = true;
    try {
        result.value = diffMaps(documentOf(original), documentOf(modified), SchemaNode::of(def), options);
    } catch (const PatchError& e) {
        result.error = e;
    }
    return result;
}

// Upstream: patch.go#CreateThreeWayMergePatch. The patch is "current -> modified without
// deletions" merged into "original -> modified, deletions only"; the second half carries the
// nulls and delete directives, the first everything else.
PatchResult createThreeWayMergePatch(const Json& original, const Json& modified, const Json& current,
                                     const schema::StructDef* def, bool overwrite) {
    PatchResult result;
    if (!isDocument(original) || !isDocument(modified) || !isDocument(current)) {
        result.error = {PatchErrorKind::BadJSONDoc, "invalid JSON document"};
        return result;
    }
    Json originalMap = documentOf(original);
    Json modifiedMap = documentOf(modified);
    Json currentMap = documentOf(current);
    SchemaNode schema = SchemaNode::of(def);
    try {
        DiffOptions deltaOptions;
        deltaOptions.ignoreDeletions = true;
        deltaOptions.setElementOrder = true;
        Json delta = diffMaps(currentMap, modifiedMap, schema, deltaOptions);

        DiffOptions deletionsOptions;
        deletionsOptions.setElementOrder = true;
        deletionsOptions.ignoreChangesAndAdditions = true;
        Json deletions = diffMaps(originalMap, modifiedMap, schema, deletionsOptions);

        Json patch = mergeMap(std::move(deletions), std::move(delta), schema, MergeOptions{});

        if (!overwrite) {
            Json changed = diffMaps(originalMap, currentMap, schema, DiffOptions{});
            if (fieldsHaveConflicts(patch, changed, schema, "", "")) {
                result.error = {PatchErrorKind::Conflict, "patch:\n" + patch.dump(2) +
                                                              "\nconflicts with changes made from original to current:\n" +
                                                              changed.dump(2) + "\n"};
                return result;
            }
        }
        result.value = std::move(patch);
    } catch (const PatchError& e) {
        result.error = e;
    }
    return result;
}

}  // namespace kp::patch
