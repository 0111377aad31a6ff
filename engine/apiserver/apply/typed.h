// The typed walks of structured-merge-diff over JSON objects: which fields a value sets, how
// two versions differ, how an applied configuration merges into a live object, and removing
// paths. All take the value's TypeRef (type_ref.h); nullptr stands for "absent".
//
// The rules that shape managedFields:
//   toFieldSet: every scalar, atomic list and atomic map is a member; a list item is a member
//     (so it gets "." when it also has fields); a map key is a member when its value is null or
//     {} or when the key is not a declared struct field (labels' keys, data's keys). A
//     non-empty struct field is not a member by itself.
//   compare: a leaf (scalar, atomic, or empty on both sides) is added, removed or modified; a
//     map, list or item that exists on one side only is added/removed itself too - which is why
//     a field set computed by an update shows "." on maps that were new ("f:labels": {".": {}}).
//   merge: the applied side wins on leaves; maps merge by key; associative lists merge by item
//     key, keeping the live items the configuration does not name and following the
//     configuration's order for the ones it does.
// Upstream: structured-merge-diff/v4 typed/tofieldset.go, compare.go, merge.go, remove.go,
// validate.go, helpers.go (listItemToPathElement); fieldpath/set.go (EnsureNamedFieldsAreMembers).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "apiserver/apply/field_set.h"
#include "apiserver/apply/type_ref.h"
#include "base/json.h"

namespace kp::apply {

FieldSet toFieldSet(const Json& value, const TypeRef& type);

struct Comparison {
    FieldSet removed;
    FieldSet modified;
    FieldSet added;

    bool isSame() const { return removed.empty() && modified.empty() && added.empty(); }
    // Drops paths under `exclude`'s members from all three sets (a resource's reset fields).
    void excludeFields(const FieldSet& exclude);
};
Comparison compare(const Json* lhs, const Json* rhs, const TypeRef& type);

// lhs merged with rhs (rhs wins). nullopt when both are absent.
std::optional<Json> merge(const Json* lhs, const Json* rhs, const TypeRef& type);

// `value` without the paths in `toRemove`. As in SMD, a map or list the removal walks into and
// leaves empty becomes null (a Go round trip later turns those nulls into absent fields; see
// dropRemovalNulls).
Json removeItems(const Json& value, const FieldSet& toRemove, const TypeRef& type);

// `pruned` without the nulls removeItems left where `original` had a value: what converting the
// result back into a Go object does (nil maps, slices and pointers are omitted).
// SIMPLIFICATION: Go turns an emptied non-pointer struct into {} rather than dropping it; our
// defaulting restores the ones Kubernetes always shows ("resources": {}, "securityContext": {}).
Json dropRemovalNulls(const Json& pruned, const Json& original, const TypeRef& type);

// Adds every struct field that appears as a parent in `set` as a member too.
FieldSet ensureNamedFieldsAreMembers(const FieldSet& set, const TypeRef& type);

// Checks an applied configuration as SMD does before merging it: only declared fields, scalars
// of the declared kind, list items with their key fields and no duplicate keys. Returns
// messages like ".spec.foo: field not declared in schema" (empty when valid).
std::vector<std::string> validateApplied(const Json& value, const TypeRef& type);

// The path element of a list item (k:{...} or v:...), or nullopt when the item cannot have one
// (a keyed item missing a key field without default, a map in a set, a null).
std::optional<PathElement> listItemPathElement(const Atom& list, const Json& item, std::string* error = nullptr);

}  // namespace kp::apply
