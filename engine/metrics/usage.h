// What metrics-server would report: the CPU and memory a running container uses, and when a
// pod's or node's metrics exist at all. minikube's metrics-server addon scrapes the kubelets
// every 60 s (--metric-resolution=60s) and needs two scrapes to compute a CPU rate, so a pod
// (or the node, after metrics-server itself starts) has metrics only once two scrapes have
// seen it; until then `kubectl top` says "metrics not available yet".
// SIMPLIFICATION: usage is a fixed figure per image (typical idle values of each program, not
// measurements): control-plane components, CoreDNS, web servers; polinux/stress uses what its
// --cpu/--vm/--vm-bytes ask for, capped by the container's limits. A node's usage is its pods'
// plus a fixed system share (kubelet, dockerd, systemd).
// Upstream: kubernetes-sigs/metrics-server pkg/scraper, pkg/storage (two points per rate).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "base/time.h"
#include "store/object_store.h"

namespace kp::metrics {

struct Usage {
    int64_t milliCpu = 0;
    int64_t bytes = 0;
};

constexpr Duration kResolution = Duration::seconds(60);

// The running metrics-server pod's start (Ready) time, or nullopt when none is Ready.
std::optional<Time> metricsServerSince(const ObjectStore& store);

// One container of a running pod.
Usage containerUsage(const Json& pod, const Json& container);

// A running pod's containers (name and usage), or nullopt when its metrics are not available
// at `now` (metrics-server started at `since`).
struct ContainerMetrics {
    std::string name;
    Usage usage;
};
std::optional<std::vector<ContainerMetrics>> podMetrics(const Json& pod, Time since, Time now);

// A node's usage, or nullopt when not available yet.
std::optional<Usage> nodeMetrics(const ObjectStore& store, const Json& node, Time since, Time now);

}  // namespace kp::metrics
