#include "apiserver/patch/patch_meta.h"

#include <cctype>

#include "api/codec/go_format.h"
#include "apiserver/patch/patch_error.h"

namespace kp::patch {

namespace {

// The Go kind of the type a schema type stands for, as reflect.Kind.String() prints it.
std::string goKindName(const schema::Type& type) {
    switch (type.kind) {
    case schema::TypeKind::String:
        return "string";
    case schema::TypeKind::Int32:
        return "int32";
    case schema::TypeKind::Int64:
        return "int64";
    case schema::TypeKind::Bool:
        return "bool";
    case schema::TypeKind::Double:
        return "float64";
    case schema::TypeKind::Bytes:
    case schema::TypeKind::List:
        return "slice";
    case schema::TypeKind::Map:
        return "map";
    case schema::TypeKind::Any:
        return "interface";
    default:
        return "struct";  // Quantity, IntOrString, Time, MicroTime and structs are Go structs
    }
}

bool equalFold(const std::string& a, const std::string& b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

std::vector<std::string> splitStrategies(const std::string& strategy) {
    std::vector<std::string> out;
    if (strategy.empty())
        return out;
    size_t start = 0;
    while (true) {
        size_t comma = strategy.find(',', start);
        out.push_back(strategy.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos)
            return out;
        start = comma + 1;
    }
}

PatchMeta metaOf(const schema::Field& field) { return PatchMeta{splitStrategies(field.patchStrategy), field.patchMergeKey}; }

}  // namespace

SchemaNode SchemaNode::of(const schema::StructDef* def) {
    SchemaNode node;
    node.def_ = def;
    return node;
}

// SIMPLIFICATION: a free-form `any` field (RawExtension, JSON) becomes an unknown node, so
// lookups below it never fail; upstream looks fields up in the Go type (RawExtension has no
// JSON fields) and fails when both sides hold a map there.
SchemaNode SchemaNode::ofType(const schema::Type* type) {
    SchemaNode node;
    if (!type || type->kind == schema::TypeKind::Any)
        return node;
    if (type->kind == schema::TypeKind::Struct) {
        node.def_ = type->def;
        return node;
    }
    node.type_ = type;
    return node;
}

const schema::Field* SchemaNode::findField(const std::string& key) const {
    // encoding/json matches field names exactly first, then case-insensitively.
    for (const schema::Field& f : def_->fields)
        if (f.name == key)
            return &f;
    for (const schema::Field& f : def_->fields)
        if (equalFold(f.name, key))
            return &f;
    return nullptr;
}

// Upstream: third_party/forked/golang/json/fields.go#LookupPatchMetadataForStruct
SchemaNode::Lookup SchemaNode::lookupForStruct(const std::string& key) const {
    if (type_)
        fail(PatchErrorKind::Other,
             "merging an object in json but data type is not struct, instead is: " + goKindName(*type_));
    if (!def_)
        return {};
    const schema::Field* field = findField(key);
    if (!field)
        fail(PatchErrorKind::Other,
             "unable to find api field in struct " + def_->name + " for the json field " + codec::quoteGo(key));
    return {ofType(field->type), metaOf(*field)};
}

// Upstream: strategicpatch/meta.go#PatchMetaFromStruct.LookupPatchMetadataForSlice
SchemaNode::Lookup SchemaNode::lookupForSlice(const std::string& key) const {
    Lookup found = lookupForStruct(key);
    if (!def_)
        return found;
    const schema::Field* field = findField(key);
    if (!field->type || field->type->kind != schema::TypeKind::List)
        fail(PatchErrorKind::Other, "expected slice or array type, but got: struct");
    found.node = ofType(field->type->elem);
    return found;
}

std::string SchemaNode::name() const {
    if (def_)
        return "struct";
    if (type_)
        return goKindName(*type_);
    return "interface";
}

// Upstream: strategicpatch/patch.go#extractRetainKeysPatchStrategy
RetainKeysStrategy extractRetainKeysPatchStrategy(const std::vector<std::string>& strategies) {
    if (strategies.empty())
        return {};
    if (strategies.size() == 1)
        return strategies[0] == "retainKeys" ? RetainKeysStrategy{true, ""} : RetainKeysStrategy{false, strategies[0]};
    if (strategies.size() == 2 && strategies[0] == "retainKeys")
        return {true, strategies[1]};
    if (strategies.size() == 2 && strategies[1] == "retainKeys")
        return {true, strategies[0]};
    std::string list;
    for (const std::string& s : strategies)
        list += (list.empty() ? "" : " ") + s;
    fail(PatchErrorKind::Other, "unexpected patch strategy: [" + list + "]");
}

}  // namespace kp::patch
