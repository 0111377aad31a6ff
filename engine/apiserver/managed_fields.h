// metadata.managedFields: which field manager (kubectl-client-side-apply, kubectl-create,
// deployment-controller, ...) set which fields, as structured-merge-diff's FieldsV1 sets:
//   {"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{}}}}}}}
// Update operations give the writer the fields it changed and take them from other managers.
#pragma once
#include <map>
#include <string>

#include "api/schema/schema.h"
#include "base/json.h"
#include "base/time.h"

namespace kp {

// A set of field paths as a tree; `self` marks that the path itself (".") is a member.
struct FieldSet {
    bool self = false;
    std::map<std::string, FieldSet> children;  // "f:name", "k:{...}", "v:...", "i:N"

    bool empty() const { return !self && children.empty(); }
    Json toFieldsV1() const;
    static FieldSet fromFieldsV1(const Json& v);
    void merge(const FieldSet& other);
    // Removes every path in `other` from this set.
    void subtract(const FieldSet& other);
    // Paths present in both.
    FieldSet intersect(const FieldSet& other) const;
    // Leaf paths, dotted for messages: ".spec.replicas", ".spec.containers[name=\"web\"].image".
    void leafPaths(const std::string& prefix, std::vector<std::string>& out) const;
};

// The fields an object sets (every leaf), keyed by the schema's list keys where known.
// metadata's server-owned fields and `status` are left out (status unless `includeStatus`).
FieldSet fieldSetOf(const Json& obj, const schema::StructDef* root, bool includeStatus = false);
// The fields that differ between two versions of an object (added or changed in `now`).
FieldSet changedFields(const Json& before, const Json& now, const schema::StructDef* root, bool statusOnly);

// Records an Update by `manager` on `obj` (old == nullptr for create).
void updateManagedFields(Json& obj, const Json* old, const std::string& manager, const std::string& operation,
                         Time now, const std::string& subresource = "");

}  // namespace kp
