// Resource: the scheduler's accounting of cpu (millicores), memory (bytes), ephemeral storage,
// pod slots and scalar resources (extended resources like nvidia.com/gpu, hugepages-*), as int64
// so filters and scores never touch Quantity strings in the hot path.
// Upstream: pkg/scheduler/framework/types.go (Resource), component-helpers/resource (PodRequests).
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "base/json.h"

namespace kp::scheduler::framework {

// Requests the scoring plugins assume for a container that names no cpu / memory request, so
// that many zero-request pods are not all piled onto one node (schedutil.DefaultMilliCPURequest,
// DefaultMemoryRequest: 0.1 core, 200 MiB).
inline constexpr int64_t kDefaultMilliCPURequest = 100;
inline constexpr int64_t kDefaultMemoryRequest = 200LL * 1024 * 1024;

struct Resource {
    int64_t milliCPU = 0;
    int64_t memory = 0;
    int64_t ephemeralStorage = 0;
    int64_t allowedPodNumber = 0;
    // Extended resources, hugepages-*, attachable-volumes-*: sorted by name.
    std::map<std::string, int64_t> scalar;

    void add(const Resource& r);
    void sub(const Resource& r);
    bool isZero() const;
    int64_t scalarValue(const std::string& name) const;
};

// Whether a resource name is accounted as a scalar (schedutil.IsScalarResourceName): extended
// resources (a domain-prefixed name), hugepages-*, kubernetes.io/ prefixed natives and
// attachable-volumes-*.
bool isScalarResourceName(const std::string& name);

// A ResourceList ({"cpu": "500m", "memory": "1Gi", ...}) as a Resource. Unparseable values count
// as zero (the apiserver validated them).
Resource resourceFromList(const Json& list);

// The pod's effective requests (component-helpers resource.PodRequests):
//   max(sum of regular + restartable init containers, the largest init container phase) + overhead,
// where an init container's phase also counts the restartable (sidecar) init containers started
// before it. With `nonZeroDefaults`, a container that does not name a cpu or memory request is
// counted with kDefaultMilliCPURequest / kDefaultMemoryRequest (NonMissingContainerRequests).
// Example: containers a {cpu 100m} and b {} with defaults -> cpu 200m, memory 200Mi (b's default).
Resource podRequests(const Json& podSpec, bool nonZeroDefaults);

}  // namespace kp::scheduler::framework
