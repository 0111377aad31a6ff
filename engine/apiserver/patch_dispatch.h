// Applies a PATCH body of one of the four content types to an object, the way the apiserver's
// patch handler does before the result goes through the normal update path.
#pragma once
#include <string_view>

#include "api/resources.h"
#include "apiserver/api_server.h"
#include "base/json.h"
#include "base/status.h"
#include "base/time.h"

namespace kp {

struct PatchOutcome {
    Status status;
    Json object;
};

// `subresource`: the endpoint ("" or "status"); server-side apply records it with the applier.
PatchOutcome applyPatchDocument(const ResourceInfo& r, const Json& current, PatchType type, std::string_view body,
                                const WriteOptions& opts, Time now, std::string_view subresource = "");

// Content-Type of each patch type ("application/strategic-merge-patch+json", ...).
const char* patchContentType(PatchType type);

}  // namespace kp
