#include "apiserver/patch/list_order.h"

#include <algorithm>
#include <vector>

#include "apiserver/patch/patch_error.h"

namespace kp::patch {

namespace {

const Json& nullJson() {
    static const Json kNull;
    return kNull;
}

// The value an item is identified by: its merge key value for maps, itself otherwise.
const Json& identity(const Json& item, const std::string& mergeKey, GoKind kind) {
    if (kind != GoKind::Map)
        return item;
    if (!item.is_object())
        return nullJson();
    auto it = item.find(mergeKey);
    return it == item.end() ? nullJson() : *it;
}

// Upstream index(): position of `item` in `list` by identity, or -1.
long indexOf(const List& list, const Json& item, const std::string& mergeKey, GoKind kind) {
    const Json& wanted = identity(item, mergeKey, kind);
    for (size_t i = 0; i < list.size(); ++i)
        if (interfaceEqual(wanted, identity(list[i], mergeKey, kind)))
            return static_cast<long>(i);
    return -1;
}

std::string sprintLists(std::initializer_list<const List*> lists) {
    std::string out = "[";
    bool first = true;
    for (const List* l : lists) {
        if (!first)
            out += ' ';
        first = false;
        out += goSprint(l ? Json(*l) : Json::array());
    }
    return out + "]";
}

}  // namespace

// Upstream: patch.go#sliceElementType
GoKind sliceElementType(std::initializer_list<const List*> lists) {
    bool found = false;
    GoKind kind = GoKind::Nil;
    for (const List* l : lists) {
        if (!l)
            continue;
        for (const Json& v : *l) {
            GoKind current = goKind(v);
            if (!found) {
                found = true;
                kind = current;
                if (kind == GoKind::Slice)
                    fail(PatchErrorKind::NoListOfLists);
                continue;
            }
            if (current != kind)
                fail(PatchErrorKind::Other, "list element types are not identical: " + sprintLists(lists));
        }
    }
    if (!found)
        fail(PatchErrorKind::Other, "no elements in any of the given slices");
    return kind;
}

// SIMPLIFICATION: Go's sort.Sort is not stable; we keep equal texts (1 and "1") in input order.
void sortScalars(List& list) {
    std::vector<std::pair<std::string, Json>> keyed;
    keyed.reserve(list.size());
    for (Json& v : list)
        keyed.emplace_back(goSprint(v), std::move(v));
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (size_t i = 0; i < list.size(); ++i)
        list[i] = std::move(keyed[i].second);
}

void deduplicateScalars(List& s) {
    if (s.empty())
        return;
    long length = static_cast<long>(s.size()) - 1;
    for (long i = 0; i < length; ++i) {
        for (long j = i + 1; j <= length; ++j) {
            if (!interfaceEqual(s[i], s[j]))
                continue;
            s[j] = s[length];
            s.resize(length);
            --length;
            --j;
        }
    }
}

// Upstream: patch.go#mergeKeyValueEqual
bool mergeKeyValueEqual(const Json& left, const Json& right, const std::string& mergeKey) {
    if (mergeKey.empty())
        return interfaceEqual(left, right);
    if (!left.is_object())
        failBadArgType(Json::object(), left);
    if (!right.is_object())
        failBadArgType(Json::object(), right);
    auto l = left.find(mergeKey);
    if (l == left.end())
        failNoMergeKey(left, mergeKey);
    auto r = right.find(mergeKey);
    if (r == right.end())
        failNoMergeKey(right, mergeKey);
    return interfaceEqual(*l, *r);
}

// Upstream: patch.go#findMapInSliceBasedOnKeyValue
long findMapInSlice(const List& list, const std::string& key, const Json& value) {
    for (size_t k = 0; k < list.size(); ++k) {
        if (!list[k].is_object())
            fail(PatchErrorKind::Other, "value for key " + std::to_string(k) + " is not a map");
        auto it = list[k].find(key);
        if (it != list[k].end() && interfaceEqual(*it, value))
            return static_cast<long>(k);
    }
    return -1;
}

void validateMergeKeyInLists(const std::string& mergeKey, std::initializer_list<const List*> lists) {
    for (const List* l : lists) {
        for (const Json& item : *l) {
            if (!item.is_object())
                failBadArgType(Json::object(), item);
            if (!item.contains(mergeKey))
                failNoMergeKey(item, mergeKey);
        }
    }
}

std::pair<List, List> extractToDeleteItems(List list) {
    List keep, toDelete;
    for (Json& v : list) {
        if (!v.is_object())
            failBadArgType(Json::object(), v);
        auto directive = v.find("$patch");
        if (directive != v.end() && *directive == "delete")
            toDelete.push_back(std::move(v));
        else
            keep.push_back(std::move(v));
    }
    return {std::move(keep), std::move(toDelete)};
}

// Upstream: patch.go#normalizeSliceOrder. Upstream sorts with sort.SliceStable and a
// comparator that answers "less" whenever either item is missing from `order`; for lists
// of up to 20 items that is an insertion sort, which we run for every size.
// SIMPLIFICATION: past 20 items Go merges sorted blocks; the results differ only when items
// are missing from `order` (malformed patches).
List normalizeSliceOrder(List toSort, const List& order, const std::string& mergeKey, GoKind kind) {
    List toDelete;
    if (kind == GoKind::Map) {
        validateMergeKeyInLists(mergeKey, {&toSort, &order});
        std::tie(toSort, toDelete) = extractToDeleteItems(std::move(toSort));
    }
    std::vector<long> rank(toSort.size());
    for (size_t i = 0; i < toSort.size(); ++i)
        rank[i] = indexOf(order, toSort[i], mergeKey, kind);
    auto less = [&](size_t a, size_t b) { return rank[a] >= 0 && rank[b] >= 0 ? rank[a] < rank[b] : true; };
    for (size_t i = 1; i < toSort.size(); ++i) {
        for (size_t j = i; j > 0 && less(j, j - 1); --j) {
            std::swap(toSort[j], toSort[j - 1]);
            std::swap(rank[j], rank[j - 1]);
        }
    }
    for (Json& d : toDelete)
        toSort.push_back(std::move(d));
    return toSort;
}

// Upstream: patch.go#mergeSortedSlice: inserts each server-only item (left) before the first
// patch item (right) that comes after it in the live order.
static List mergeSortedSlice(List left, List right, const List& serverOrder, const std::string& mergeKey,
                             GoKind kind) {
    std::vector<long> leftRank(left.size()), rightRank(right.size());
    for (size_t i = 0; i < left.size(); ++i)
        leftRank[i] = indexOf(serverOrder, left[i], mergeKey, kind);
    for (size_t j = 0; j < right.size(); ++j)
        rightRank[j] = indexOf(serverOrder, right[j], mergeKey, kind);

    List out;
    out.reserve(left.size() + right.size());
    size_t i = 0, j = 0;
    while (i < left.size() || j < right.size()) {
        if (i >= left.size()) {
            out.push_back(std::move(right[j++]));
            continue;
        }
        if (j >= right.size()) {
            out.push_back(std::move(left[i++]));
            continue;
        }
        bool bothKnown = leftRank[i] >= 0 && rightRank[j] >= 0;
        if (bothKnown && leftRank[i] < rightRank[j])
            out.push_back(std::move(left[i++]));
        else
            out.push_back(std::move(right[j++]));
    }
    return out;
}

List normalizeElementOrder(List patch, List serverOnly, const List& patchOrder, const List& serverOrder,
                           const std::string& mergeKey, GoKind kind) {
    patch = normalizeSliceOrder(std::move(patch), patchOrder, mergeKey, kind);
    serverOnly = normalizeSliceOrder(std::move(serverOnly), serverOrder, mergeKey, kind);
    return mergeSortedSlice(std::move(serverOnly), std::move(patch), serverOrder, mergeKey, kind);
}

std::pair<List, List> partitionPrimitivesByPresentInList(const List& original, const List& partitionBy) {
    List patch, serverOnly;
    for (const Json& v : original) {
        bool present = std::any_of(partitionBy.begin(), partitionBy.end(),
                                   [&](const Json& p) { return interfaceEqual(p, v); });
        (present ? patch : serverOnly).push_back(v);
    }
    return {std::move(patch), std::move(serverOnly)};
}

std::pair<List, List> partitionMapsByPresentInList(const List& original, const List& partitionBy,
                                                   const std::string& mergeKey) {
    List patch, serverOnly;
    for (const Json& v : original) {
        if (!v.is_object())
            failBadArgType(Json::object(), v);
        auto key = v.find(mergeKey);
        if (key == v.end())
            failNoMergeKey(v, mergeKey);
        bool present = findMapInSlice(partitionBy, mergeKey, *key) >= 0;
        (present ? patch : serverOnly).push_back(v);
    }
    return {std::move(patch), std::move(serverOnly)};
}

List deleteFromSlice(const List& current, const List& toDelete) {
    List kept;
    for (const Json& v : current) {
        bool deleted = std::any_of(toDelete.begin(), toDelete.end(),
                                   [&](const Json& d) { return interfaceEqual(d, v); });
        if (!deleted)
            kept.push_back(v);
    }
    return kept;
}

}  // namespace kp::patch
