// Per-resource rules of the generic registry (upstream: each resource's strategy.go):
// what the server resets on create, whether spec and status are written through separate
// endpoints, whether metadata.generation is tracked, how deletion behaves, and the defaulting
// and admission steps the resource goes through.
#pragma once
#include <string>

#include "api/resources.h"
#include "apiserver/api_server.h"
#include "base/json.h"

namespace kp::registry {

struct Strategy {
    bool tracksGeneration = false;    // generation 1 on create, +1 on every spec change
    bool statusSubresource = false;   // main endpoint ignores status, /status ignores the rest
    bool returnDeletedObject = false; // DELETE answers with the object instead of a Status
    bool gracefulDelete = false;      // pods: deletionTimestamp = now + grace, kubelet removes
    bool allowUnconditionalUpdate = true;
    PropagationPolicy defaultPropagation = PropagationPolicy::Background;
};

const Strategy& strategyFor(const ResourceInfo& r);

// PrepareForCreate: reset what clients may not set (status of most kinds) and initial status.
void prepareForCreate(const ResourceInfo& r, Json& obj);
// Whether prepareForCreate leaves every object of this resource as it is (Events, ConfigMaps ...).
bool prepareForCreateKeepsObject(const ResourceInfo& r);
// Kubernetes' defaulting functions (pkg/apis/*/v1/defaults.go) for the object's kind.
void applyDefaults(const ResourceInfo& r, Json& obj);

}  // namespace kp::registry
