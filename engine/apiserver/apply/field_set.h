// FieldSet: a set of field paths, stored as structured-merge-diff stores it: at each node, the
// path elements that are members of the set, and the child nodes below. A node can be both a
// member and a parent; FieldsV1 writes that as a "." key:
//
//   {"f:spec":{"f:replicas":{},"f:template":{...}}}          spec is only a parent
//   {"f:labels":{".":{},"f:app":{}}}                           labels is a member and a parent
//
// Rules (SMD's, which decide what managedFields shows):
//   - union/intersection work member by member and node by node;
//   - difference removes the other set's members only (a removed member keeps its children);
//     recursiveDifference also drops whole subtrees below the other set's members;
//   - iterate() visits a node's members before its children, each in PathElement order.
// Upstream: structured-merge-diff/v4 fieldpath/set.go, serialize.go.
#pragma once
#include <functional>
#include <map>
#include <set>
#include <string>

#include "apiserver/apply/path_element.h"
#include "base/json.h"

namespace kp::apply {

class FieldSet {
public:
    bool empty() const;
    void insert(const Path& path);
    bool has(const Path& path) const;

    FieldSet unionWith(const FieldSet& other) const;
    FieldSet intersection(const FieldSet& other) const;
    FieldSet difference(const FieldSet& other) const;
    FieldSet recursiveDifference(const FieldSet& other) const;
    // The set below one child element (empty when there is none).
    const FieldSet& withPrefix(const PathElement& pe) const;

    void iterate(const std::function<void(const Path&)>& fn) const;
    // One path per line, in iteration order (SMD's Set.String()).
    std::string toString() const;

    const std::set<PathElement>& members() const { return members_; }
    const std::map<PathElement, FieldSet>& children() const { return children_; }
    std::set<PathElement>& members() { return members_; }
    std::map<PathElement, FieldSet>& children() { return children_; }

    // metadata.managedFields[].fieldsV1.
    Json toFieldsV1() const;
    // Reads fieldsV1; keys of unknown kinds are skipped. Returns false when the document is not
    // a FieldsV1 set (then `out` is empty).
    static bool fromFieldsV1(const Json& fields, FieldSet& out);

    bool operator==(const FieldSet& other) const {
        return members_ == other.members_ && children_ == other.children_;
    }

private:
    void iteratePrefix(Path& prefix, const std::function<void(const Path&)>& fn) const;

    std::set<PathElement> members_;
    std::map<PathElement, FieldSet> children_;  // never holds an empty set
};

}  // namespace kp::apply
