// A small model of Go types, enough to print a Kubernetes object the way go-spew prints the Go
// struct it decodes into. The table (pod_template_go_types.cpp) covers v1.PodTemplateSpec.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kp::deployment::gotypes {

struct Field {
    std::string name;      // Go field name: "TerminationGracePeriodSeconds"
    std::string type;      // Go type as reflect.Type.String() prints it: "*int64", "[]v1.Container"
    std::string json;      // JSON name; empty for an embedded struct inlined into its parent
};

struct Type {
    std::string name;                // "v1.PodSpec", "v1.RestartPolicy"
    bool isStruct = false;
    std::vector<Field> fields;       // structs, in declaration order
    std::string underlying;          // named non-struct types: "string", "map[v1.ResourceName]resource.Quantity"
};

// The named type `name` from the table, or nullptr (builtins and the special types are not in it).
const Type* find(std::string_view name);

extern const char* const kPodTemplateSpecTypes;

}  // namespace kp::deployment::gotypes
