// How the Go patch libraries see a JSON value once it is decoded into interface{}: its
// dynamic type (integers become int64, other numbers float64), when two values are equal
// (reflect.DeepEqual, and the `==` on interface values used to match merge keys), and how
// fmt prints it. The error texts of strategic merge patch embed values printed with %v
// (`map: map[image:x] does not contain declared merge key: name`), and its list algorithms
// sort scalars by their %v text, so both must match Go exactly.
#pragma once
#include <string>

#include "base/json.h"

namespace kp::patch {

enum class GoKind { Nil, Bool, Int64, Float64, String, Slice, Map };

GoKind goKind(const Json& v);
// reflect.TypeOf(a) == reflect.TypeOf(b): an int64 and a float64 are different types.
bool sameGoType(const Json& a, const Json& b);
// reflect.DeepEqual on decoded JSON: 3 and 3.0 differ, key order never matters.
bool deepEqual(const Json& a, const Json& b);
// `a == b` on two interface{} values.
// SIMPLIFICATION: Go panics comparing maps or slices (the apiserver then answers 500, kubectl
// crashes); we answer false, which turns those cases into ordinary errors or mismatches.
bool interfaceEqual(const Json& a, const Json& b);

// fmt.Sprintf("%v", v): `map[a:1 b:[x y]]`, `<nil>`, floats in Go's shortest form (1e+06).
std::string goSprint(const Json& v);
// fmt.Sprintf("%s", v): strings bare, other scalars as `%!s(int64=5)`.
std::string goSprintS(const Json& v);
// reflect.TypeOf(v).String() printed with %s: "map[string]interface {}", "[]interface {}",
// "string", "int64", "float64", "bool"; a null has no type and prints "%!s(<nil>)".
std::string goTypeName(const Json& v);

// The word encoding/json's UnmarshalTypeError uses for a JSON value: "object", "array",
// "number", "bool" or "string" (`json: cannot unmarshal array into Go value of type ...`).
std::string jsonTypeWord(const Json& v);

}  // namespace kp::patch
