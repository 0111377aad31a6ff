// JSON merge patch (RFC 7386), as gopkg.in/evanphx/json-patch.v4 implements it for the
// apiserver (PATCH with application/merge-patch+json: `kubectl scale`, `kubectl label`,
// `kubectl annotate`, `kubectl patch --type=merge`) and, on the create side, as kubectl apply
// uses it for objects without a schema (custom resources):
// apimachinery/pkg/util/jsonmergepatch#CreateThreeWayJSONMergePatch.
//
// Apply: keys of the patch replace the document's; a null deletes; objects merge recursively;
// lists and scalars are replaced whole. Nulls inside a new value are dropped (v4 drops them
// when the document had no object there).
#pragma once
#include "apiserver/patch/patch_error.h"
#include "base/json.h"

namespace kp::patch {

// jsonpatch.MergePatch(doc, patch). Errors (kind Other, the library's texts): a null
// document "Invalid JSON Document"; a null or scalar patch "Invalid JSON Patch". A document
// that is not an object becomes the patch; an array patch becomes the result.
PatchResult mergePatch(const Json& doc, const Json& patch);

// jsonpatch.CreateMergePatch for two objects: the merge patch that turns original into
// modified (nulls for removed keys, changed lists whole). Numbers compare by value (1 == 1.0).
Json createMergePatch(const Json& original, const Json& modified);

// jsonmergepatch.CreateThreeWayJSONMergePatch: additions and changes from current to
// modified, plus deletions from original to modified. With requireIdentityUnchanged (what
// kubectl apply passes), a patch that changes apiVersion, kind or metadata.name fails with
// kind PreconditionFailed, "precondition failed for: map[...]".
PatchResult createThreeWayJSONMergePatch(const Json& original, const Json& modified, const Json& current,
                                         bool requireIdentityUnchanged = false);

}  // namespace kp::patch
