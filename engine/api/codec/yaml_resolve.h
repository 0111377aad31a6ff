// YAML 1.1 plain-scalar resolution as go-yaml v2 does it (the library under sigs.k8s.io/yaml,
// which kubectl and kube-apiserver use). The same rules decide how input is typed and which
// strings the encoder must quote so that they read back as strings:
//   y Y yes Yes YES on On ON true True TRUE       -> true   (n/no/off/false likewise -> false)
//   "" ~ null Null NULL                           -> null
//   0x1F -0x1F 0o17 017 0b101 1_000 +5            -> integers (Go strconv.ParseInt base 0, "_" removed)
//   1.5 .5 1. 1e3 .inf -.Inf .nan                 -> floats ("1e400" overflows: stays a string)
//   2024-01-02, 2024-01-02T10:00:00Z              -> timestamps (decoded as strings, but quoted on output)
// "<<" resolves to a string here (go-yaml's table lookup starts from the first character, and '<'
// has no entry); the decoder recognises an untagged plain "<<" key as a merge key by its text.
// Upstream: sigs.k8s.io/yaml goyaml.v2/resolve.go#resolve
#pragma once
#include <cstdint>
#include <string_view>

namespace kp::codec {

enum class ScalarKind { String, Null, Bool, Int, Uint, Float, Timestamp, Merge };

struct ResolvedScalar {
    ScalarKind kind = ScalarKind::String;
    bool boolValue = false;
    int64_t intValue = 0;
    uint64_t uintValue = 0;  // kind Uint: fits uint64 but not int64
    double floatValue = 0;
};

// Resolves an untagged plain scalar.
ResolvedScalar resolvePlainScalar(std::string_view text);

// YAML 1.1 base-60 floats ("1:20", "-12:30:45.5"): go-yaml reads them as strings but still
// quotes them on output for other parsers.
bool isBase60Float(std::string_view text);

// go-yaml's timestamp formats: 2006-1-2, 2006-1-2T15:4:5.999999999Z07:00 (or 't'),
// "2006-1-2 15:4:5.999999999". Fields are range-checked like Go's time.Parse.
bool isYamlTimestamp(std::string_view text);

}  // namespace kp::codec
