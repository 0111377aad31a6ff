// Server-owned metadata: what the apiserver sets on create and keeps on update no matter what
// a client sends (apiserver/pkg/registry/rest/create.go#BeforeCreate, update.go#BeforeUpdate).
#pragma once
#include <string>

#include "base/json.h"
#include "base/rng.h"
#include "base/time.h"

namespace kp {

// generateName (base cut to 58 chars + 5 random chars), uid, creationTimestamp, generation;
// clears resourceVersion, deletion fields, selfLink and client-sent managedFields.
void fillCreateMetadata(Json& obj, bool tracksGeneration, Time now, Rng& rng);
// "<base>xxxxx": apiserver/pkg/storage/names#SimpleNameGenerator.
std::string generateName(const std::string& base, Rng& rng);
// ObjectMeta's maps and lists are omitempty: an empty one (a patch that removed the last owner
// reference, `labels: {}`) is not stored.
void dropEmptyMetadata(Json& meta);
// Copies uid, creationTimestamp, deletion fields, generation, name and namespace from the
// stored object into an incoming update (a client cannot change them).
void keepServerMetadata(Json& obj, const Json& old);

}  // namespace kp
