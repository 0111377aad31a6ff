// YAML input as kubectl reads manifests (and as kube-apiserver reads application/yaml bodies):
// k8s.io/apimachinery's YAML reader splits the stream at "---" lines, and each document goes
// through sigs.k8s.io/yaml (go-yaml v2, YAML 1.1 typing) to JSON. Parsing uses yaml-cpp; the
// typing, alias limits and error texts follow go-yaml v2 (see yaml_resolve.h for typing).
//
// Error texts are what kubectl prints after "error: error parsing <file>: ", e.g.
//   error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context
//   error converting YAML to JSON: yaml: line 2: found character that cannot start any token
//   error converting YAML to JSON: yaml: unknown anchor 'x' referenced
//   error converting YAML to JSON: yaml: document contains excessive aliasing
//   error converting YAML to JSON: json: unsupported value: +Inf
//   invalid Yaml document separator: x
// Line numbers count from the start of the document (after its "---"), as go-yaml's do.
// SIMPLIFICATION: yaml-cpp and go-yaml disagree on some invalid inputs; the common mistakes
// (bad indentation, tabs, ": " inside a value, unclosed quotes, bad escapes, unknown anchors)
// are translated to go-yaml's words and lines and tested; rarer ones keep yaml-cpp's wording
// after "yaml: line N: ".
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"

namespace kp::codec {

struct YamlDocument {
    Json value;
    int line = 1;  // line (1-based, in the whole stream) where the document's text starts
};

struct DecodeResult {
    std::vector<YamlDocument> documents;  // documents decoded before any error, in order
    std::string error;                    // empty on success
    bool ok() const { return error.empty(); }
};

struct YamlDecodeOptions {
    // Report duplicate keys like go-yaml's UnmarshalStrict ("yaml: unmarshal errors:\n  line 3:
    // key \"a\" already set in map"), as the apiserver does for fieldValidation=Strict.
    // Otherwise the last value wins, as kubectl does.
    bool strict = false;
};

// Splits a YAML stream at "---" lines and converts each document to JSON. Empty documents
// (blank, comments only, "null") are skipped, as kubectl skips them.
DecodeResult decodeYamlStream(std::string_view text, const YamlDecodeOptions& options = {});

// One document (the apiserver's application/yaml body): no "---" splitting; only the first
// document of the text is read, as go-yaml does. An empty document decodes to null.
DecodeResult decodeYamlDocument(std::string_view text, const YamlDecodeOptions& options = {});

// A manifest file as `kubectl apply/create -f` reads it: a leading BOM is dropped and invalid
// UTF-8 becomes U+FFFD (cli-runtime reads files through a UTF-8 decoder), then a stream whose
// first non-space character (within 4096 bytes) is '{' is read as a stream of JSON values,
// anything else as YAML. JSON errors read "json: offset 137: invalid character '}' looking for
// beginning of object key string" or "unexpected EOF".
DecodeResult decodeManifest(std::string_view fileContent);

// The items of a v1 List (kind "List", or any kind ending in "List" with an items array), or the
// object itself when it is not a list: what kubectl does with `kind: List` in a manifest.
std::vector<Json> flattenList(const Json& object);

// The List kubectl prints for several objects (`kubectl get pods -o yaml`):
// {"apiVersion":"v1","items":[...],"kind":"List","metadata":{"resourceVersion":""}}
Json kubectlList(std::vector<Json> items);

}  // namespace kp::codec
