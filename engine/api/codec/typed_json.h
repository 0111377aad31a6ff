// JSON for typed objects, as Go's encoding/json writes Kubernetes' structs. `-o json`: kubectl prints the objects its generators build (create
// deployment, run, expose, autoscale ...) and the typed client's responses as Go structs, so
// encoding/json writes their fields in struct declaration order (kind before apiVersion from
// the inlined TypeMeta, then metadata, spec, status), while maps (labels, data, selector) stay
// sorted. Objects kubectl handles as unstructured (get, label, scale ...) print with sorted keys
// (codec::printJson).
// The order comes from the schema table, which lists fields in Go declaration order; keys the
// schema does not know follow, sorted.
// Upstream: encoding/json encode.go (typeFields: declaration order), cli-runtime printers/json.go.
#pragma once
#include <string>

#include "base/json.h"

namespace kp::codec {

// Struct order, indented by `indentWidth` spaces per level (0: compact, as json.Marshal). Falls
// back to sorted keys when the object's apiVersion/kind has no schema.
std::string encodeTypedJson(const Json& object, int indentWidth);
// A typed list (PodList ...): kind, apiVersion, metadata, then items in their kind's struct
// order and without their own kind and apiVersion, as the apiserver sends built-in lists.
std::string encodeTypedList(const Json& list, int indentWidth);
// MarshalIndent with 4 spaces in struct order, plus a newline.
std::string printTypedJson(const Json& object);
// json.Marshal (compact) in struct order: what --save-config stores in the
// kubectl.kubernetes.io/last-applied-configuration annotation.
std::string marshalTypedJson(const Json& object);

}  // namespace kp::codec
