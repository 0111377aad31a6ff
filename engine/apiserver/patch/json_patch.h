// JSON patch (RFC 6902), as gopkg.in/evanphx/json-patch.v4 applies it for the apiserver
// (PATCH with application/json-patch+json: `kubectl rollout undo`, `kubectl patch
// --type=json`, minikube tunnel).
//
// Operations run in order and the first failure aborts the whole patch. Paths are JSON
// pointers: "/spec/containers/0/image", `~1` stands for "/" and `~0` for "~", "-" appends
// to an array. v4 also accepts, beyond the RFC:
//   - negative array indexes counting from the end ("/items/-1" is the last item);
//   - `replace` of a missing object key (it adds the key);
//   - `copy`/`move` from a missing object key (copies null / fails on the removal);
//   - a path without the leading "/" ("spec/x" is read as "/x").
// The errors are the library's texts, e.g.
//   add operation does not apply: doc is missing path: "/spec/foo/bar": missing value
//   error in remove for path: '/metadata/labels/x': Unable to remove nonexistent key: x: missing value
//   testing value /spec/replicas failed: test failed
//   Unexpected kind: bogus
// The apiserver does not show them to the client (see json_patch_request in patch_handler.h).
#pragma once
#include <cstdint>

#include "apiserver/patch/patch_error.h"
#include "base/json.h"

namespace kp::patch {

// The apiserver's limit on the bytes `copy` operations may add to one document (3 MiB,
// apiserver/pkg/server/config.go JSONPatchMaxCopyBytes).
constexpr int64_t kJSONPatchMaxCopyBytes = 3 * 1024 * 1024;

// Applies `operations` (a JSON array of operation objects; null elements are operations of
// unknown kind) to `doc`. Errors are kind Other with the library's text.
PatchResult applyJSONPatch(const Json& doc, const Json& operations, int64_t maxCopyBytes = kJSONPatchMaxCopyBytes);

}  // namespace kp::patch
