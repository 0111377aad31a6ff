// JSON input with Go's encoding/json behaviour and error texts:
//   - syntax errors as Go's scanner words them: "invalid character '}' looking for beginning of
//     object key string", "invalid character 'x' after top-level value",
//     "unexpected end of JSON input" (json.Unmarshal) / "unexpected EOF" (json.Decoder);
//   - strings: invalid UTF-8 and lone surrogate escapes become U+FFFD;
//   - numbers: integers that fit int64 stay integers, everything else is a float64 (as
//     Kubernetes' unstructured decoding does); duplicate keys: the last one wins.
// SIMPLIFICATION: no strict mode (the apiserver's "duplicate field" for fieldValidation=Strict),
// and a number beyond float64 reports json.Unmarshal's interface{} message rather than the
// unstructured converter's strconv error.
// Upstream: encoding/json scanner.go, decode.go; apimachinery pkg/util/yaml/decoder.go.
#pragma once
#include <string>
#include <string_view>

#include "api/codec/yaml_decode.h"
#include "base/json.h"

namespace kp::codec {

struct JsonParseResult {
    Json value;
    std::string error;  // Go's message, without prefix
    bool ok() const { return error.empty(); }
};

// json.Unmarshal of one value (a request body). The apiserver wraps the message, e.g.
// "couldn't get version/kind; json parse error: " + error (see request_body.h).
// Nesting deeper than kMaxJsonDepth fails with "invalid character '[' exceeded max depth".
JsonParseResult parseJson(std::string_view text);

// A stream of JSON values as kubectl's YAMLOrJSONDecoder reads a JSON manifest
// (json.Decoder): values one after another; errors are
// "json: offset <bytes read>: invalid character ..." or "unexpected EOF". null values are skipped.
DecodeResult decodeJsonStream(std::string_view text);

}  // namespace kp::codec
