// One step of a field path, as structured-merge-diff (SMD) names it. In FieldsV1 and in apply
// conflict messages the four kinds read:
//
//   kind    FieldsV1 key           message form            selects
//   Field   f:replicas             .replicas               a struct field or a map key
//   Key     k:{"name":"web"}       [name="web"]            a list-map item by its key fields
//   Value   v:"a"                  [="a"]                  a set item by its value
//   Index   i:0                    [0]                     an item by position (unused by
//                                                          Kubernetes' built-in types)
//
// Elements sort as SMD sorts them: fields before keys before values before indexes; fields by
// byte order, keys field by field, values with SMD's value order (numbers < strings < bools <
// lists < maps < null). FieldSet iterates in that order, which is the order conflict messages
// list paths in.
// Upstream: structured-merge-diff/v4 fieldpath/element.go, serialize-pe.go, path.go.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/json.h"

namespace kp::apply {

struct PathElement {
    enum class Kind { Field, Key, Value, Index };  // declaration order is the sort order

    Kind kind = Kind::Field;
    std::string fieldName;                            // Field
    std::vector<std::pair<std::string, Json>> key;    // Key: sorted by name
    Json value;                                       // Value
    int64_t index = 0;                                // Index

    static PathElement field(std::string name);
    static PathElement keyed(std::vector<std::pair<std::string, Json>> fields);  // sorts the fields
    static PathElement setValue(Json v);
    static PathElement at(int64_t i);

    // "f:name", "k:{\"name\":\"web\"}" (compact JSON as Go writes it), "v:\"a\"", "i:0".
    std::string serialize() const;
    // ".name", "[name=\"web\"]", "[=\"a\"]", "[0]".
    std::string toString() const;

    int compare(const PathElement& other) const;
    bool operator<(const PathElement& other) const { return compare(other) < 0; }
    bool operator==(const PathElement& other) const { return compare(other) == 0; }
};

using Path = std::vector<PathElement>;

// The dotted form of a path: ".spec.template.spec.containers[name=\"web\"].image".
std::string pathString(const Path& path);

enum class ParseResult { Ok, UnknownKind, Invalid };
// Reads a FieldsV1 key. UnknownKind: a prefix SMD does not know (readers skip it, as a newer
// writer's data); Invalid: a known prefix with unreadable content.
ParseResult parsePathElement(std::string_view text, PathElement& out);

// Go's strconv.Quote (the %q verb): how SMD and apimachinery quote names in messages.
std::string goQuote(const std::string& s);

// SMD's total order on values (value.Compare).
int compareValues(const Json& a, const Json& b);

}  // namespace kp::apply
