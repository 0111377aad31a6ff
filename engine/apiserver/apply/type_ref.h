// How structured-merge-diff sees a field of our schema. Kubernetes converts its OpenAPI
// document to SMD "atoms" (kube-openapi pkg/schemaconv); the same rules applied to
// engine/api/schema give:
//
//   schema                                     atom
//   string int32 int64 bool double bytes       scalar (a leaf)
//   Time MicroTime Quantity IntOrString        scalar
//   any (RawExtension, free-form JSON)         untyped: a leaf whatever its value
//   struct                                     map with declared fields; atomic when the struct
//                                              or the field says x-kubernetes-map-type: atomic
//   map[T]                                     map of T (granular unless map=atomic)
//   []T with list=atomic                       atomic list (a leaf)
//   []T with list=set                          associative list of scalars: items are v:<value>
//   []T with list=map keys=a,b                 associative list: items are k:{"a":..,"b":..}
//   []T with strategy=merge (no list type)     associative by the merge key (a set without one)
//   any other []T                              atomic list
//   a field the schema does not declare        deduced: maps granular, lists atomic
//
// Upstream: kube-openapi pkg/schemaconv/openapi.go (parseList, getListElementRelationship),
// structured-merge-diff/v4 schema/elements.go.
#pragma once
#include <string>
#include <vector>

#include "api/schema/schema.h"
#include "base/json.h"

namespace kp::apply {

// A reference to a type: the schema type and the field that holds it (list and map
// relationships are written on fields), or a struct met directly (the root of a kind).
// Both null means "deduced".
struct TypeRef {
    const schema::Type* type = nullptr;
    const schema::Field* field = nullptr;
    const schema::StructDef* structDef = nullptr;
};

struct Atom {
    enum class Kind { Scalar, Map, List, Untyped, Deduced };
    Kind kind = Kind::Deduced;
    bool atomic = false;                      // Map/List: owned and replaced as a whole
    const schema::StructDef* def = nullptr;   // Map: declared fields (a struct)
    const schema::Type* elem = nullptr;       // Map/List element type (Map: nullptr for a struct)
    bool associative = false;                 // List: items identified by keys or values
    std::vector<std::string> keys;            // List: key fields (empty for a set)
};

Atom resolve(const TypeRef& t);

// The type of `key` inside a map/struct atom (deduced when the struct does not declare it).
TypeRef fieldTypeRef(const Atom& map, const std::string& key);
// Whether a struct atom declares `key` (map keys and undeclared keys are not fields).
bool declaresField(const Atom& map, const std::string& key);
// The type of a list atom's items.
TypeRef elementTypeRef(const Atom& list);

// The root type of a kind ("apps/v1", "Deployment"); deduced for kinds the schema lacks.
TypeRef rootTypeRef(const std::string& apiVersion, const std::string& kind);

// The OpenAPI default of a list-map key field of a struct, or null. Only ContainerPort and
// ServicePort's `protocol` ("TCP") have one among the built-in types.
Json keyFieldDefault(const schema::StructDef* itemDef, const std::string& keyField);

}  // namespace kp::apply
