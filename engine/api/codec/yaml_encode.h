// YAML output exactly as `kubectl get -o yaml` prints it. kubectl marshals the object to JSON,
// reads that JSON back with go-yaml v2 and emits it with go-yaml v2's emitter
// (sigs.k8s.io/yaml JSONToYAML). Consequences this encoder reproduces:
//   - keys in go-yaml's order: natural order for digit runs ("a2" before "a10"), letters after
//     other characters at the first difference;
//   - 2-space indent, sequences under a key not indented ("containers:\n- image: x");
//   - strings quoted only when they would read back as something else ("1", "yes", "on",
//     "null", "", "2024-01-02", "12:30"), single quotes for indicator characters ('- a', 'a: b',
//     '#x', ' lead'), double quotes with escapes for control and non-printable characters
//     ("a\tb", "emoji \U0001F600");
//   - multi-line strings as literal blocks (|, |-, |+, |2- when the text starts with a space);
//   - plain and double-quoted strings folded at spaces past column 80 (go-yaml v2 default width;
//     kubectl does not call FutureLineWrap);
//   - {} and [] for empty collections, null, numbers as Go prints them after the JSON round trip
//     (1e6 -> 1000000, 1e21 -> 1e+21, 1e-7 -> 1e-07).
// Upstream: sigs.k8s.io/yaml yaml.go#JSONToYAML, goyaml.v2/encode.go, goyaml.v2/emitterc.go.
#pragma once
#include <string>

#include "base/json.h"

namespace kp::codec {

struct YamlOutput {
    std::string text;   // ends with "\n"
    std::string error;  // e.g. "yaml: control characters are not allowed"
    bool ok() const { return error.empty(); }
};

// One object (or any value) as `kubectl get -o yaml` prints it.
// Fails like kubectl when a string holds DEL, a C1 control character or U+FFFE/U+FFFF: Go's JSON
// leaves those raw and go-yaml's reader rejects them ("yaml: control characters are not allowed").
YamlOutput toYaml(const Json& value);

// Convenience for tests and callers that know their values are printable: the text, or
// "error: <message>\n" when toYaml fails.
std::string toYamlText(const Json& value);

// go-yaml's key order for two map keys (sorter.go keyList.Less on strings).
bool yamlKeyLess(const std::string& a, const std::string& b);

}  // namespace kp::codec
