// metadata.managedFields and server-side apply, as kube-apiserver's field manager keeps them
// (the work is done in apiserver/apply/, structured-merge-diff's algorithms on our schema).
//
// Every write records which field manager set which fields, as FieldsV1 sets:
//   - manager: kubectl-create
//     operation: Update
//     apiVersion: apps/v1
//     time: "2025-01-15T10:00:00Z"
//     fieldsType: FieldsV1
//     fieldsV1: {"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":
//                {"k:{\"name\":\"web\"}":{".":{},"f:image":{}}}}}}}
// Updates give the writer the fields it added or changed and take them from everyone else;
// applies merge a configuration, prune what its applier dropped, and refuse (409) to change a
// field another manager set to a different value unless forced.
#pragma once
#include <string>

#include "api/resources.h"
#include "base/json.h"
#include "base/status.h"
#include "base/time.h"

namespace kp {

// Records a create (old == nullptr), update or non-apply patch by `manager` on `obj`, whose
// metadata.managedFields are the request's (or the live object's when the request had none).
// `operation` "Apply" means server-side apply computed them already (nothing to do).
void updateManagedFields(Json& obj, const Json* old, const std::string& manager, const std::string& operation,
                         Time now, const std::string& subresource = "");

struct ServerSideApplyResult {
    Status status;  // 400 (wrong kind, managedFields set), 409 (conflicts), 500 (schema errors)
    Json object;    // the merged object, with its managedFields
};

// PATCH application/apply-patch+yaml: applies `config` by `manager` to `live` ({} when the
// object does not exist yet), at the resource's endpoint `subresource` ("" or "status").
ServerSideApplyResult serverSideApply(const ResourceInfo& r, const Json& live, const Json& config,
                                      const std::string& manager, bool force, const std::string& subresource,
                                      Time now);

}  // namespace kp
