// ClusterIP and NodePort allocation for Services (pkg/registry/core/service/ipallocator and
// portallocator). minikube's service CIDR is 10.96.0.0/12 and the NodePort range 30000-32767.
// Dynamic allocations prefer the upper part of each range; the lower part is kept for static
// requests: min(max(16, size/16), 256) addresses and min(max(16, size/32), 128) ports.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "base/json.h"
#include "base/rng.h"
#include "base/status.h"
#include "store/object_store.h"

namespace kp::admission {

constexpr uint32_t kServiceCidrBase = (10u << 24) | (96u << 16);  // 10.96.0.0
constexpr int kServiceCidrPrefix = 12;
constexpr int kNodePortMin = 30000;
constexpr int kNodePortMax = 32767;

std::string formatIPv4(uint32_t ip);
std::optional<uint32_t> parseIPv4(const std::string& text);

// Fills spec.clusterIP(s), ipFamilies, ipFamilyPolicy and nodePorts of a new Service, or
// returns the 422 for a static request that is taken or out of range.
Status allocateServiceAddresses(const ObjectStore& store, Json& service, const Json* old, Rng& rng);
// On update, values the client left out are copied from the stored Service (patchAllocatedValues),
// then new NodePorts are allocated if the type now needs them.
void keepAllocatedServiceValues(Json& service, const Json& old);

}  // namespace kp::admission
