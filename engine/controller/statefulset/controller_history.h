// ControllerRevisions: the history a StatefulSet (or DaemonSet) keeps of its pod templates.
// A revision's name is "<parent>-<hash>" where the hash is FNV-1 (32 bit) over the revision's
// data bytes followed by the decimal collision count, printed in decimal and passed through the
// name alphabet: e.g. "web-7b6c7d8c5f". Since our data bytes are what Go's encoding/json writes
// for the same template, the names match a real cluster's.
// Upstream: pkg/controller/history/controller_history.go, apimachinery util/rand (SafeEncodeString).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "store/object_store.h"

namespace kp::statefulset {

inline constexpr const char* kControllerRevisionHashLabel = "controller.kubernetes.io/hash";

// encoding/json's output for a value: sorted keys, no spaces, <>& and U+2028/9 escaped.
std::string goJsonMarshal(const Json& value);
uint32_t fnv32(const std::string& bytes);  // FNV-1, as Go's hash/fnv New32
// rand.SafeEncodeString: every byte mapped into "bcdfghjklmnpqrstvwxz2456789".
std::string safeEncodeString(const std::string& s);

// HashControllerRevision over the revision's data (Go-marshalled) and the collision count.
std::string hashControllerRevision(const Json& data, std::optional<int> probe);
// ControllerRevisionName: prefix cut to 223 characters, "-", hash.
std::string controllerRevisionName(const std::string& prefix, const std::string& hash);

// SortControllerRevisions: by .revision, then creation time, then name (stable).
void sortControllerRevisions(std::vector<ObjectPtr>& revisions);
// EqualRevision: same data (and, when both hash labels parse as numbers, same hash).
bool equalRevision(const Json& a, const Json& b);

}  // namespace kp::statefulset
