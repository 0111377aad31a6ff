// Strict decoding of an object against its kind's schema, as the apiserver decodes a request
// body with fieldValidation=Strict (what kubectl create/apply send by default):
//   - unknown fields are collected, in document order, as `unknown field "spec.template.spec.
//     containers[0].foo"` (dotted names, list indexes in brackets, map keys as names);
//   - a value of the wrong JSON type fails the whole request with Go's encoding/json text,
//     `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`
//     (the field path there has no list indexes), or with the text of the value type's own
//     decoder (Quantity, IntOrString, Time, base64 bytes; see unmarshal_errors.h).
// The 400 message wraps either as
//   Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo"
//
// Upstream: sigs.k8s.io/json internal/golang/encoding/json (decode.go, kubernetes_patch.go),
// apimachinery pkg/runtime/error.go#strictDecodingError, apiserver pkg/endpoints/handlers/
// rest.go#transformDecodeError.
//
// SIMPLIFICATION: `duplicate field "x"` cannot be detected here: a parsed Json object holds each
// key once. Duplicates only exist in raw request text (kubectl never sends them: it reads the
// manifest into a map and marshals that), so the codec that reads raw text is the place to
// report them.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "api/schema/schema.h"
#include "base/json.h"

namespace kp::schema {

struct DecodeIssues {
    // `unknown field "spec.foo"`, deduplicated, in document (sorted key) order, at most 100
    // (the decoder's own cap).
    std::vector<std::string> unknownFields;
    // The first type error, as Go prints it; "" when none. It fails the request even with
    // fieldValidation=Warn or Ignore, and hides unknownFields from the message.
    std::string typeError;

    bool ok() const { return unknownFields.empty() && typeError.empty(); }
};

// Walks `obj` against `root` (the kind's StructDef, e.g. Schema::builtin().kind("apps/v1",
// "Deployment")) the way the Go decoder does.
DecodeIssues checkStrict(const StructDef& root, const Json& obj);

// The message of the 400 BadRequest for fieldValidation=Strict, or "" when the issues do not
// fail the request: typeError always fails; unknown fields fail unless `warnOnly`
// (fieldValidation=Warn/Ignore). `apiVersion` is the body's ("apps/v1"); the message quotes only
// its version ("v1").
std::string decodeErrorMessage(const DecodeIssues& issues, std::string_view kind, std::string_view apiVersion,
                               bool warnOnly = false);

// The warnings returned for fieldValidation=Warn (kubectl prints each as `Warning: <text>`).
std::vector<std::string> strictDecodingWarnings(const DecodeIssues& issues);

}  // namespace kp::schema
