// The pod-template-hash: the suffix of a Deployment's ReplicaSet names ("hello-7d4b9c8f6d") and
// the value of their `pod-template-hash` label.
//
// Upstream (pkg/controller/controller_utils.go#ComputeHash) hashes the Go struct of the
// template, not its JSON: FNV-32a over go-spew's "%#v" printout of the v1.PodTemplateSpec
// (apimachinery pkg/util/dump#ForHash: sorted map keys, no methods, no pointer addresses),
// then 8 little-endian bytes of status.collisionCount when it is set. The decimal uint32 is
// mapped digit by digit through rand.SafeEncodeString, so a hash only holds 4-9 b c d f and
// has at most 10 characters.
//
// The printout names every field of every struct in declaration order, set or not, so the hash
// of the same YAML differs between Kubernetes releases. Ours follows k8s.io/api v0.32.0 and
// reproduces real 1.32 hashes, e.g. the docs' nginx-deployment (nginx:1.14.2, port 80) is
// "647677fc66" and `kubectl create deployment hello-minikube --image=kicbase/echo-server:1.0`
// gives "ffcbb5874" (tests/engine/controller/deployment/pod_template_hash_test.cpp).
//
// The template is read as the controller receives it over protobuf: empty lists and maps are
// absent (nil), an empty struct pointer ({}) is present.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/json.h"

namespace kp::deployment {

// controller.ComputeHash(template, collisionCount).
std::string computeHash(const Json& podTemplate, std::optional<int64_t> collisionCount);

// The exact text that is hashed (dump.ForHash of the v1.PodTemplateSpec).
std::string spewPodTemplateSpec(const Json& podTemplate);

// deploymentutil.EqualIgnoreHash: the two templates are semantically equal once the
// pod-template-hash label is removed (quantities compare by value, empty = absent).
bool equalIgnoreHash(const Json& template1, const Json& template2);

// hash/fnv New32a over `data`, continuing from `h`.
uint32_t fnv32a(std::string_view data, uint32_t h = 2166136261u);
// apimachinery rand.SafeEncodeString: each character c becomes alphanums[c % 27] with
// alphanums = "bcdfghjklmnpqrstvwxz2456789".
std::string safeEncodeString(std::string_view s);

}  // namespace kp::deployment
