// The name suffixes of `kubectl create configmap|secret --append-hash`: SHA-256 of a small JSON
// document (kind, name, data[, type]), first 10 hex digits with 0,1,3,a,e mapped to g,h,k,m,t
// (no vowels, no bad words).
// Upstream: kubectl pkg/util/hash/hash.go (ConfigMapHash, SecretHash, encodeHash).
#pragma once
#include <string>

#include "base/json.h"

namespace kp::cli {

std::string configMapHash(const Json& configMap);
std::string secretHash(const Json& secret);
// Lower-case hex SHA-256 (FIPS 180-4) of `data`.
std::string sha256Hex(const std::string& data);

}  // namespace kp::cli
