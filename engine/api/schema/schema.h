// The schema table: one StructDef per Kubernetes API type, with JSON field names and types
// exactly as the Kubernetes API (v1.32), patch metadata (merge keys, strategies, list types)
// and a short description in our own words. One table drives strict decoding
// (`unknown field "spec.foo"`), strategic merge patch, server-side apply field sets,
// `kubectl explain` and, later, the native server's /openapi/v3.
//
// The table is data: engine/api/schema/data/*.schema, embedded into the binary. Format
// (one definition per line, `#` starts a comment line):
//
//   package apps/v1                         # following structs are "apps/v1.<Name>"
//   struct Deployment -- Declares a set of identical Pods, rolled out and scaled together.
//     metadata meta/v1.ObjectMeta -- Standard object metadata.
//     spec DeploymentSpec -- Desired behaviour.
//   struct DeploymentSpec
//     replicas int32 -- How many Pods to run. Defaults to 1.
//     strategy DeploymentStrategy retainKeys -- How old Pods are replaced by new ones.
//   struct PodSpec
//     containers []Container merge=name strategy=merge required -- The application containers.
//
// Field line: `<jsonName> <type> [flags...] [-- description]`, indented by two spaces.
// Types: string int32 int64 bool double bytes (base64 string) Quantity IntOrString Time
// MicroTime any (free-form JSON), []T, map[T] (string keys), or a struct name. A struct name
// without a package resolves in the current package, then meta/v1, then core/v1.
// Flags: merge=<key> (x-kubernetes-patch-merge-key), strategy=<merge|replace|retainKeys|
// merge,retainKeys> (x-kubernetes-patch-strategy), list=<atomic|set|map>, keys=<k1,k2>
// (x-kubernetes-list-map-keys), map=<atomic|granular>, atomic (x-kubernetes-map-type: atomic on
// a struct field), required, retainKeys (shorthand for strategy=retainKeys), readonly (set by
// the server only), enum=<v1,v2,...> (the allowed values, `""` for the empty string, as
// `kubectl explain` lists them), go=<type> (the Go type as encoding/json names it in type
// errors, "v1.RestartPolicy", when it differs from the default derived from <type>).
// A struct line may carry the flag `atomic` (+structType=atomic: x-kubernetes-map-type: atomic
// on the type itself, e.g. LabelSelector: server-side apply replaces it as a whole).
#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kp::schema {

enum class TypeKind {
    String,
    Int32,
    Int64,
    Bool,
    Double,
    Bytes,        // base64-encoded string ([]byte in Go)
    Quantity,     // "500m", "128Mi", or a number
    IntOrString,  // 8080 or "http"
    Time,         // RFC 3339 seconds, or null
    MicroTime,    // RFC 3339 microseconds, or null
    Any,          // free-form JSON (RawExtension, fieldsV1, JSON schema props)
    Struct,
    List,
    Map,
};

struct StructDef;

// A type reference. Types are interned by Schema and live as long as it does.
struct Type {
    TypeKind kind = TypeKind::Any;
    std::string name;                   // "[]apps/v1.Container", "int32", ...
    const Type* elem = nullptr;         // List and Map element type
    const StructDef* def = nullptr;     // Struct definition
};

enum class ListType { Unspecified, Atomic, Set, Map };

struct Field {
    std::string name;                    // JSON name, exactly as Kubernetes spells it
    const Type* type = nullptr;
    std::string patchMergeKey;           // x-kubernetes-patch-merge-key
    std::string patchStrategy;           // x-kubernetes-patch-strategy: "merge", "retainKeys", "merge,retainKeys", "replace"
    ListType listType = ListType::Unspecified;
    std::vector<std::string> listMapKeys;  // x-kubernetes-list-map-keys
    bool mapAtomic = false;              // x-kubernetes-map-type: atomic
    bool required = false;
    bool readOnly = false;
    std::string description;
    std::vector<std::string> enumValues;  // allowed values, sorted; empty when not an enum
    std::string goType;                  // Go type for type errors when not the default (see goTypeName)

    bool mergesList() const { return patchStrategy.find("merge") != std::string::npos; }
    bool retainsKeys() const { return patchStrategy.find("retainKeys") != std::string::npos; }
};

struct StructDef {
    std::string package;     // "apps/v1"
    std::string name;        // "Deployment"
    std::string description;
    std::vector<Field> fields;  // in declaration order (kubectl explain prints them sorted)
    bool atomic = false;        // x-kubernetes-map-type: atomic on the type (+structType=atomic)

    const Field* field(std::string_view jsonName) const;
    std::string qualifiedName() const { return package + "." + name; }
};

class Schema {
public:
    // The schema built from the embedded data files (parsed once, on first use).
    static const Schema& builtin();

    // Parses schema text files. On error returns false and sets `error` ("file:line: message").
    bool load(const std::vector<std::pair<std::string, std::string>>& files, std::string& error);

    // "apps/v1.Deployment" (or unqualified, resolved against meta/v1 and core/v1).
    const StructDef* find(std::string_view qualifiedName) const;
    // Root struct of a kind: ("apps/v1", "Deployment"), ("v1", "Pod"), ("networking.k8s.io/v1",
    // "Ingress"); meta/v1 kinds (Status, DeleteOptions) are found under any apiVersion. nullptr
    // for unknown kinds and for structs that are not kinds (no apiVersion/kind fields: PodSpec).
    const StructDef* kind(std::string_view apiVersion, std::string_view kind) const;
    const std::map<std::string, std::unique_ptr<StructDef>, std::less<>>& structs() const { return structs_; }

    // Follows a dotted field path from a struct ("spec.template.spec.containers"); list and map
    // fields are stepped through to their element type, and list indexes ("containers[0]") are
    // skipped. nullptr when a step does not exist.
    const Field* resolve(const StructDef& root, std::string_view dottedPath) const;

private:
    const Type* intern(const std::string& token, const std::string& package, std::string& error);
    bool resolvePending(std::string& error);
    bool checkListMapKeys(std::string& error);
    std::map<std::string, std::unique_ptr<StructDef>, std::less<>> structs_;
    std::map<std::string, std::unique_ptr<Type>, std::less<>> types_;
    struct Pending {
        Type* type;
        std::string name;
        std::string package;
        std::string where;
    };
    std::vector<Pending> unresolved_;
    struct KeyCheck {  // a list field whose merge/list-map keys are checked once types resolve
        const StructDef* owner;
        std::string field;
        std::string where;
    };
    std::vector<KeyCheck> keyChecks_;
};

// The element type a value of `type` holds one level down (List/Map elem), else `type` itself.
const Type* elementType(const Type* type);

// "apps/v1" -> "apps/v1", "v1" -> "core/v1", "networking.k8s.io/v1" -> "networking/v1": the
// schema package of an apiVersion (first label of the group, then the version).
std::string packageForApiVersion(std::string_view apiVersion);

// For `kubectl explain`: the fields of a struct sorted by name (explain prints them sorted).
std::vector<const Field*> sortedFields(const StructDef& def);
// For `kubectl explain`: the type in angle brackets after a field name, as kubectl v1.32 prints
// it from the OpenAPI v3 schema: "string", "integer", "boolean", "number", "Object" (free-form),
// "[]Container", "map[string]string", "Quantity", "IntOrString", "ObjectMeta", "RawExtension".
std::string explainTypeName(const Field& field);

// The Go type of a field as encoding/json prints it in an UnmarshalTypeError ("int32",
// "[]v1.Container", "map[string]string", "v1.RestartPolicy", "[]uint8" for bytes).
std::string goTypeName(const Field& field);
// The Go type of one element of a list or map field ("v1.Container" for []v1.Container).
std::string goElementTypeName(const Field& field);
// The Go type encoding/json would name for a schema type when no go= flag says otherwise.
std::string goTypeName(const Type* type);

}  // namespace kp::schema
