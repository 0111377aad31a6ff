// The apiserver's field manager: keeps metadata.managedFields up to date on every write and
// merges server-side apply requests. It is upstream's chain of managers, outermost first:
//
//   version check        an applied object must be of the endpoint's apiVersion and kind
//   last-applied updater "kubectl" applies keep the client-side apply annotation in sync
//   last-applied manager "kubectl" may take over fields its client-side apply annotation set
//   skip non-applied     no tracking for objects that have none (except on create); the first
//                        apply to such an object hands its fields to "before-first-apply"
//   cap managers         at most 10 Update entries; older ones merge into "ancient-changes"
//   build manager info   the manager identity (name, operation, apiVersion, subresource)
//   managed fields upd.  entry times: an entry's time moves when its manager changed something
//   strip meta           apiVersion, kind, metadata.{name,namespace,uid,...} are never owned
//   structured merge     the Updater (updater.h)
//
// Upstream: apimachinery pkg/util/managedfields/internal/fieldmanager.go and the managers it
// wraps (versioncheck.go, lastappliedupdater.go, lastappliedmanager.go, skipnonapplied.go,
// capmanagers.go, buildmanagerinfo.go, managedfieldsupdater.go, stripmeta.go,
// structuredmerge.go).
#pragma once
#include <string>

#include "apiserver/apply/field_set.h"
#include "base/json.h"
#include "base/status.h"
#include "base/time.h"

namespace kp::apply {

struct FieldManagerScope {
    std::string apiVersion;   // the endpoint's group/version: "apps/v1", "v1"
    std::string kind;         // "Deployment"
    std::string subresource;  // "" or "status", ...
    FieldSet resetFields;     // fields this endpoint never writes (status on a main resource)
};

class FieldManager {
public:
    FieldManager(FieldManagerScope scope, Time now);

    // A create (live == nullptr), update or non-apply patch by `manager`: returns `next` with
    // its new metadata.managedFields. On a main resource the managedFields `next` carries are
    // the starting point (a client may edit them; `[]` resets them); on a subresource the live
    // object's are.
    Json update(const Json* live, Json next, const std::string& manager) const;

    struct ApplyOutcome {
        Status status;  // 400 / 409 (conflicts) / 500, as upstream answers
        Json object;    // the merged object with its managedFields
    };
    // A server-side apply of `config` by `manager` to `live` (a kind's zero object when the
    // object does not exist yet).
    ApplyOutcome apply(const Json& live, const Json& config, const std::string& manager, bool force) const;

private:
    FieldSet stripSet() const;

    FieldManagerScope scope_;
    std::string now_;
};

}  // namespace kp::apply
