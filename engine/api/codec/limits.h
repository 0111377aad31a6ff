// Limits that keep the codecs safe on hostile input (huge bodies, deep nesting, alias bombs).
// Real Kubernetes has the same kinds of limits; where ours are lower, the reason is given.
#pragma once
#include <cstddef>

namespace kp::codec {

// kube-apiserver reads at most this many bytes of a request body
// (apiserver pkg/server/config.go: MaxRequestBodyBytes = 3 * 1024 * 1024); one byte more
// is answered with 413 "Request entity too large: limit is 3145728".
inline constexpr std::size_t kMaxRequestBodyBytes = 3 * 1024 * 1024;

// Deepest nesting of collections accepted in YAML input.
// SIMPLIFICATION: go-yaml v2 allows 10000 levels ("exceeded max depth of 10000"); yaml-cpp 0.7
// recurses once per level and stops itself at 500 (DepthGuard<500>), so we reject earlier,
// with the same message shape and our number.
inline constexpr int kMaxYamlDepth = 400;

// Deepest nesting accepted in JSON input.
// SIMPLIFICATION: Go's encoding/json allows 10000 levels; our printers and the rest of the
// engine walk objects recursively, so we stop at 1000 (same message: "exceeded max depth").
inline constexpr int kMaxJsonDepth = 1000;

// Number of bytes kubectl peeks at to decide whether a manifest is JSON (a '{' first)
// or YAML (cli-runtime's NewYAMLOrJSONDecoder(r, 4096)).
inline constexpr std::size_t kJsonSniffBytes = 4096;

}  // namespace kp::codec
