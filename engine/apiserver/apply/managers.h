// metadata.managedFields in and out of the form the field manager works on: one field set per
// manager identity, plus the time each manager last changed the object.
//
// A manager's identity is the managedFields entry without its time and fields, written as
// JSON in the Go struct's field order; appliers leave the apiVersion out, so one applier is one
// entry whatever version it applies with, while an updater gets one entry per apiVersion:
//   {"manager":"kubectl","operation":"Apply"}
//   {"manager":"kube-controller-manager","operation":"Update","apiVersion":"apps/v1","subresource":"status"}
// Conflict messages sort managers by this text.
//
// Entries are written sorted by operation ("Apply" before "Update"), then time (seconds; no
// time first), manager, apiVersion and subresource; entries whose set is empty are dropped.
// Upstream: apimachinery pkg/util/managedfields/internal/managedfields.go
// (BuildManagerIdentifier, DecodeManagedFields, encodeManagedFields, sortEncodedManagedFields).
#pragma once
#include <map>
#include <string>

#include "apiserver/apply/field_set.h"
#include "base/json.h"

namespace kp::apply {

struct ManagerId {
    std::string manager;
    std::string operation;    // "Apply" or "Update"
    std::string apiVersion;   // empty for appliers
    std::string subresource;  // "" or "status", ...

    // The identifier text (see above).
    std::string key() const;
    static ManagerId fromKey(const std::string& key);
};

struct VersionedSet {
    FieldSet set;
    std::string apiVersion;
    bool applied = false;
};

struct Managed {
    std::map<std::string, VersionedSet> fields;  // by ManagerId::key()
    std::map<std::string, std::string> times;    // by ManagerId::key(): RFC 3339 seconds
};

// Reads metadata.managedFields (an array, or absent/null = none). On a malformed entry returns
// false with `error` set as upstream words it ("operation must be `Apply` or `Update`", ...).
bool decodeManagedFields(const Json& entries, Managed& out, std::string& error);

// The managedFields array to store, sorted; null when there are no managers.
Json encodeManagedFields(const Managed& managed);

// How a conflict message names a manager: `"kubectl"`, `"x" using apps/v1`,
// `"kube-controller-manager" with subresource "status" using apps/v1`.
std::string printManager(const std::string& key);

}  // namespace kp::apply
