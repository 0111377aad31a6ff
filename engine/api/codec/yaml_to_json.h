// One YAML document to JSON, with go-yaml v2's typing, alias limits and error texts.
// Internal to the codec: callers use yaml_decode.h.
#pragma once
#include <string>
#include <string_view>

#include "base/json.h"

namespace kp::codec {

struct YamlToJsonResult {
    Json value;         // null for an empty document
    std::string error;  // "error converting YAML to JSON: yaml: line 2: ..." or empty
};

// `text` is one document as the YAML reader cut it (line numbers in errors count from its start).
YamlToJsonResult yamlToJson(std::string_view text, bool strict);

}  // namespace kp::codec
