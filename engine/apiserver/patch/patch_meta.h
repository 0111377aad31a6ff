// Patch metadata lookup for strategic merge patch: which merge key and patch strategy a
// field has, and the schema one level down. Plays the role of upstream's LookupPatchMeta
// (pkg/util/strategicpatch/meta.go) over our schema table instead of Go struct tags or
// OpenAPI extensions.
//
// A SchemaNode made from nullptr (or reached through a free-form `any` field) knows
// nothing: every lookup succeeds with empty metadata, so maps merge recursively and lists
// are replaced, as a JSON merge patch would do.
#pragma once
#include <string>
#include <vector>

#include "api/schema/schema.h"

namespace kp::patch {

struct PatchMeta {
    std::vector<std::string> strategies;  // x-kubernetes-patch-strategy split on ","
    std::string mergeKey;                 // x-kubernetes-patch-merge-key
};

class SchemaNode {
public:
    SchemaNode() = default;  // unknown: no errors, no metadata
    static SchemaNode of(const schema::StructDef* def);

    struct Lookup;
    // The field `key` holds a map (a struct or a map type). Throws PatchError for a field
    // the struct does not declare: "unable to find api field in struct PodSpec for the json
    // field \"foo\"".
    Lookup lookupForStruct(const std::string& key) const;
    // The field `key` holds a list: the returned node describes one element.
    Lookup lookupForSlice(const std::string& key) const;
    // The Go kind name upstream prints in "cannot merge lists without merge key for struct".
    std::string name() const;

private:
    static SchemaNode ofType(const schema::Type* type);
    const schema::Field* findField(const std::string& key) const;

    const schema::StructDef* def_ = nullptr;
    const schema::Type* type_ = nullptr;  // set for non-struct schema types (maps, scalars)
};

struct SchemaNode::Lookup {
    SchemaNode node;
    PatchMeta meta;
};

// Upstream extractRetainKeysPatchStrategy: whether "retainKeys" is among the strategies, and
// the other strategy ("merge", "replace" or ""). Throws for more than one other strategy.
struct RetainKeysStrategy {
    bool retainKeys = false;
    std::string strategy;
};
RetainKeysStrategy extractRetainKeysPatchStrategy(const std::vector<std::string>& strategies);

}  // namespace kp::patch
