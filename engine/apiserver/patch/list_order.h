// List algorithms shared by the apply side (merge_map) and the create side (diff_maps) of
// strategic merge patch: element identity by merge key, scalar sorting and de-duplication,
// and the ordering rules of the "preserve order" design
// (design-proposals-archive/cli/preserve-order-in-strategic-merge-patch.md): items named by
// the patch (or its $setElementOrder list) keep the patch's order, items only the server has
// keep the live order, and the two are interleaved by the live order where both are known.
//
// Everything here mirrors the corresponding function of strategicpatch/patch.go, including
// its quirks (an item missing from the order list sorts to the front), because the order
// of containers, env vars and ports is visible in `kubectl get -o yaml`.
#pragma once
#include <initializer_list>
#include <string>
#include <utility>

#include "apiserver/patch/go_value.h"
#include "base/json.h"

namespace kp::patch {

using List = Json::array_t;

// The element kind shared by every element of the lists. Throws "lists of lists are not
// supported", "list element types are not identical: [[...] [...]]", or "no elements in any
// of the given slices".
GoKind sliceElementType(std::initializer_list<const List*> lists);

// Sorts scalars by their %v text (sortScalars).
void sortScalars(List& list);
// Removes repeated scalars, moving the last element into each hole (deduplicateScalars:
// the order changes, exactly as upstream's).
void deduplicateScalars(List& list);

// Whether two maps have the same merge key value; with an empty merge key, whether the two
// values are equal. Throws for non-maps or a missing merge key.
bool mergeKeyValueEqual(const Json& left, const Json& right, const std::string& mergeKey);
// Index of the first map whose `key` equals `value`, or -1. Throws "value for key 2 is not
// a map" when an element is not a map.
long findMapInSlice(const List& list, const std::string& key, const Json& value);
// Every element of the lists is a map holding the merge key (validateMergeKeyInLists).
void validateMergeKeyInLists(const std::string& mergeKey, std::initializer_list<const List*> lists);
// Splits maps into {kept, `$patch: delete` items} (extractToDeleteItems).
std::pair<List, List> extractToDeleteItems(List list);

// Sorts `toSort` by the position of each item in `order`; for maps, delete directives go last.
List normalizeSliceOrder(List toSort, const List& order, const std::string& mergeKey, GoKind kind);
// Sorts the patch items by `patchOrder` and the server-only items by `serverOrder`, then
// interleaves them (normalizeElementOrder + mergeSortedSlice).
List normalizeElementOrder(List patch, List serverOnly, const List& patchOrder, const List& serverOrder,
                           const std::string& mergeKey, GoKind kind);

// {items present in partitionBy, the others}, for scalars and for maps by merge key.
std::pair<List, List> partitionPrimitivesByPresentInList(const List& original, const List& partitionBy);
std::pair<List, List> partitionMapsByPresentInList(const List& original, const List& partitionBy,
                                                   const std::string& mergeKey);

// `current` without the scalars listed in `toDelete` ($deleteFromPrimitiveList).
List deleteFromSlice(const List& current, const List& toDelete);

}  // namespace kp::patch
