// JSONPath templates as kubectl's `-o jsonpath=` and client-go's util/jsonpath read them:
// text with `{...}` expressions, each a path from the object root:
//   {.metadata.name}  {.spec.containers[0].image}  {.items[*].metadata.name}
//   {.status.conditions[?(@.type=="Ready")].status}  {['metadata']['name']}
//   {range .items[*]}{.metadata.name}{"\n"}{end}
// Several results of one expression are joined by a space; strings print raw, other values as
// JSON, as kubectl prints them.
// SIMPLIFICATION: the subset lessons and scripts use: fields, indexes (also negative), slices
// [a:b], [*], filters with ==/!= against a string or number, quoted literals, range/end; no
// recursive descent (..), no union [a,b], no functions.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"

namespace kp::api {

struct JsonPathResult {
    std::string text;   // the rendered template
    std::string error;  // kubectl's words ("error parsing jsonpath {.a[}, unterminated array")
    bool found = true;  // false when an expression matched nothing ("is not found")
    bool ok() const { return error.empty(); }
};

// Text: what -o jsonpath prints. JsonArrays: what -o jsonpath-as-json prints, each expression's
// (and each text's) results as one indented JSON array, a range adding its body once per element.
enum class JsonPathOutput { Text, JsonArrays };

JsonPathResult evalJsonPathTemplate(std::string_view tmpl, const Json& root,
                                    JsonPathOutput output = JsonPathOutput::Text);

// The values one expression (with or without braces) selects, in document order.
std::vector<const Json*> selectJsonPath(std::string_view expression, const Json& root, std::string* error);

}  // namespace kp::api
