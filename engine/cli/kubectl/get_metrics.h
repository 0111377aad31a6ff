// `kubectl get nodes.metrics.k8s.io` / `pods.metrics.k8s.io` (also nodemetrics, podmetrics):
// the Metrics API read through the aggregator like any other resource, once the metrics-server
// addon's APIService is available. metrics-server converts its objects to a Table itself: NAME,
// one column per resource in the usage (CPU, MEMORY; a pod's is the sum of its containers) and
// WINDOW.
// Upstream: kubernetes-sigs/metrics-server pkg/api (node.go, pod.go ConvertToTable, table.go).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "cli/command_result.h"
#include "cli/kubectl/kubectl.h"

namespace kp::cli {

struct MetricsGetOptions {
    std::string ns;          // -n, or the context's namespace
    bool allNamespaces = false;
    std::string output;      // "", "wide", "json", "yaml" or "name"
    bool noHeaders = false;
};

// nullopt when `args` does not name a Metrics API resource the server currently serves (the
// ordinary get path then reports it as unknown).
std::optional<CommandResult> getMetricsResources(KubectlContext& ctx, const std::vector<std::string>& args,
                                                 const MetricsGetOptions& options);

}  // namespace kp::cli
