// The schema table: lookups (find, kind, resolve), the built-in table parsed from the embedded
// data files, and the names other components print (kubectl explain types, Go type names).
// The parser itself is in schema_load.cpp.
#include "api/schema/schema.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "base/embedded_file.h"

namespace kp {
extern const EmbeddedFile kEmbeddedSchemas[];
extern const int kEmbeddedSchemasCount;
}  // namespace kp

namespace kp::schema {

namespace {

// "apps/v1" -> "v1": Go names a package by the last element of its import path.
std::string_view goPackageName(std::string_view package) {
    size_t slash = package.rfind('/');
    return slash == std::string_view::npos ? package : package.substr(slash + 1);
}

std::string defaultGoType(const Type* type) {
    switch (type->kind) {
    case TypeKind::String: return "string";
    case TypeKind::Int32: return "int32";
    case TypeKind::Int64: return "int64";
    case TypeKind::Bool: return "bool";
    case TypeKind::Double: return "float64";
    case TypeKind::Bytes: return "[]uint8";  // reflect prints []byte as []uint8
    case TypeKind::Quantity: return "resource.Quantity";
    case TypeKind::IntOrString: return "intstr.IntOrString";
    case TypeKind::Time: return "v1.Time";
    case TypeKind::MicroTime: return "v1.MicroTime";
    case TypeKind::Any: return "interface {}";
    case TypeKind::Struct: return std::string(goPackageName(type->def->package)) + "." + type->def->name;
    case TypeKind::List: return "[]" + defaultGoType(type->elem);
    case TypeKind::Map: return "map[string]" + defaultGoType(type->elem);
    }
    return "interface {}";
}

// The explain name of a free-form value depends on the Go type behind it: RawExtension and
// FieldsV1 are named schemas in the OpenAPI document, other free-form JSON is a bare object.
std::string explainAnyName(std::string_view goType) {
    if (goType == "runtime.RawExtension")
        return "RawExtension";
    if (goType == "v1.FieldsV1")
        return "FieldsV1";
    return "Object";
}

std::string explainName(const Type* type, std::string_view goType) {
    switch (type->kind) {
    case TypeKind::String:
    case TypeKind::Bytes:
    case TypeKind::Time:
    case TypeKind::MicroTime: return "string";
    case TypeKind::Int32:
    case TypeKind::Int64: return "integer";
    case TypeKind::Bool: return "boolean";
    case TypeKind::Double: return "number";
    case TypeKind::Quantity: return "Quantity";
    case TypeKind::IntOrString: return "IntOrString";
    case TypeKind::Any: return explainAnyName(goType);
    case TypeKind::Struct: return type->def->name;
    case TypeKind::List: {
        std::string_view elemGo = goType.rfind("[]", 0) == 0 ? goType.substr(2) : std::string_view();
        return "[]" + explainName(type->elem, elemGo);
    }
    case TypeKind::Map: return "map[string]" + explainName(type->elem, "");
    }
    return "Object";
}

// Drops a trailing "[0]" (or several) from one step of a field path.
std::string_view stripIndexes(std::string_view step) {
    size_t bracket = step.find('[');
    return bracket == std::string_view::npos ? step : step.substr(0, bracket);
}

}  // namespace

const Field* StructDef::field(std::string_view jsonName) const {
    for (const Field& f : fields) {
        if (f.name == jsonName)
            return &f;
    }
    return nullptr;
}

const Schema& Schema::builtin() {
    static const Schema schema = [] {
        std::vector<std::pair<std::string, std::string>> files;
        for (int i = 0; i < kEmbeddedSchemasCount; ++i)
            files.emplace_back(std::string(kEmbeddedSchemas[i].path), std::string(kEmbeddedSchemas[i].content));
        // Sorted so that errors and any order-dependent behaviour do not depend on the build.
        std::sort(files.begin(), files.end());
        Schema s;
        std::string error;
        if (!s.load(files, error)) {
            // The data files ship inside the binary: a broken table is a build defect that the
            // schema tests catch, never a user error.
            std::fprintf(stderr, "kubeplay: embedded schema: %s\n", error.c_str());
            std::abort();
        }
        return s;
    }();
    return schema;
}

const StructDef* Schema::find(std::string_view qualifiedName) const {
    if (auto it = structs_.find(qualifiedName); it != structs_.end())
        return it->second.get();
    if (qualifiedName.find('/') != std::string_view::npos)
        return nullptr;
    for (std::string_view package : {"meta/v1.", "core/v1."}) {
        std::string key = std::string(package) + std::string(qualifiedName);
        if (auto it = structs_.find(key); it != structs_.end())
            return it->second.get();
    }
    return nullptr;
}

const StructDef* Schema::kind(std::string_view apiVersion, std::string_view kindName) const {
    auto it = structs_.find(packageForApiVersion(apiVersion) + "." + std::string(kindName));
    // meta/v1 kinds (Status, DeleteOptions, WatchEvent...) are served in every group version.
    if (it == structs_.end())
        it = structs_.find("meta/v1." + std::string(kindName));
    if (it == structs_.end())
        return nullptr;
    const StructDef* def = it->second.get();
    // Only top-level objects carry apiVersion and kind from TypeMeta, where both are optional;
    // PodSpec has neither, and OwnerReference's are required fields of a reference.
    const Field* apiVersionField = def->field("apiVersion");
    const Field* kindField = def->field("kind");
    if (!apiVersionField || !kindField || apiVersionField->required || kindField->required)
        return nullptr;
    return def;
}

const Field* Schema::resolve(const StructDef& root, std::string_view dottedPath) const {
    const StructDef* current = &root;
    const Field* found = nullptr;
    size_t pos = 0;
    while (pos <= dottedPath.size()) {
        size_t dot = dottedPath.find('.', pos);
        if (dot == std::string_view::npos)
            dot = dottedPath.size();
        std::string_view step = stripIndexes(dottedPath.substr(pos, dot - pos));
        pos = dot + 1;
        if (!current)
            return nullptr;  // a step below a scalar
        found = current->field(step);
        if (!found)
            return nullptr;
        const Type* type = found->type;
        while (type->kind == TypeKind::List || type->kind == TypeKind::Map)
            type = type->elem;
        current = type->kind == TypeKind::Struct ? type->def : nullptr;
    }
    return found;
}

const Type* elementType(const Type* type) {
    if (type && (type->kind == TypeKind::List || type->kind == TypeKind::Map))
        return type->elem;
    return type;
}

std::string packageForApiVersion(std::string_view apiVersion) {
    size_t slash = apiVersion.find('/');
    if (slash == std::string_view::npos)
        return "core/" + std::string(apiVersion);
    std::string_view group = apiVersion.substr(0, slash);
    std::string_view version = apiVersion.substr(slash + 1);
    return std::string(group.substr(0, group.find('.'))) + "/" + std::string(version);
}

std::vector<const Field*> sortedFields(const StructDef& def) {
    std::vector<const Field*> out;
    out.reserve(def.fields.size());
    for (const Field& f : def.fields)
        out.push_back(&f);
    std::sort(out.begin(), out.end(), [](const Field* a, const Field* b) { return a->name < b->name; });
    return out;
}

std::string explainTypeName(const Field& field) {
    return explainName(field.type, goTypeName(field));
}

std::string goTypeName(const Field& field) {
    return field.goType.empty() ? defaultGoType(field.type) : field.goType;
}

std::string goTypeName(const Type* type) {
    return defaultGoType(type);
}

std::string goElementTypeName(const Field& field) {
    std::string full = goTypeName(field);
    if (full.rfind("[]", 0) == 0)
        return full.substr(2);
    if (full.rfind("map[", 0) == 0) {
        int depth = 0;
        for (size_t i = 3; i < full.size(); ++i) {
            if (full[i] == '[')
                ++depth;
            else if (full[i] == ']' && --depth == 0)
                return full.substr(i + 1);
        }
    }
    // A named collection type such as v1.ResourceList: its elements have their default name.
    return field.type->elem ? defaultGoType(field.type->elem) : full;
}

}  // namespace kp::schema
