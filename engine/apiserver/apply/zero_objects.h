// The "typed" view of an object. The apiserver's field manager works on Go structs, so fields
// a Go struct always has are present even when empty: non-pointer structs ("spec": {},
// "strategy": {}, "template": {"metadata": {...}, "spec": {...}}) and fields without
// omitempty (null slices like "containers": null, zero numbers like ReplicaSet's
// "status.replicas": 0). That decides which maps an Update creates (and so which get "."):
// after `kubectl create deployment`, f:labels has "." (labels did not exist in the empty
// Deployment) but f:strategy does not (an empty Deployment already has "strategy": {}).
//
// zeroObject is encoding/json's output for the zero value of a kind (what the apiserver's
// `creater.New(kind)` gives a create); typedView fills those always-present fields into an
// object that lacks them. Only the always-present fields reachable from the root through
// other always-present fields are listed; list items and pointers are the object's own.
// Upstream: k8s.io/api <group>/<version>/types.go (json tags), structured-merge-diff/v4
// value/reflectcache.go (omitempty handling, same as encoding/json).
#pragma once
#include <string>

#include "base/json.h"

namespace kp::apply {

// The JSON of a zero-valued object of the kind ({} for kinds not listed).
const Json& zeroObject(const std::string& apiVersion, const std::string& kind);

// `obj` with the fields of zeroObject it lacks filled in (recursively through objects).
Json typedView(const Json& obj, const std::string& apiVersion, const std::string& kind);
// The same, filling a copy the caller no longer needs (no second copy of the object).
Json typedView(Json&& obj, const std::string& apiVersion, const std::string& kind);

}  // namespace kp::apply
