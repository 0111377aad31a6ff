// The Metrics API (metrics.k8s.io/v1beta1) as kube-apiserver's aggregator serves it: requests
// under /apis/metrics.k8s.io/v1beta1 go to the APIService v1beta1.metrics.k8s.io's Service
// (kube-system/metrics-server), so
//  - without that APIService (no metrics-server addon) the path is unknown: 404;
//  - while it is not Available (MissingEndpoints until the metrics-server pod is ready) the
//    aggregator answers 503 "service unavailable", which kubectl prints as
//    `Error from server (ServiceUnavailable): the server is currently unable to handle the request`;
//  - once Available, metrics-server answers: the APIResourceList (nodes, pods), NodeMetricsList
//    and PodMetricsList (items that have metrics: two scrapes seen, metrics/usage.h), single
//    NodeMetrics/PodMetrics or a 404 Status (`nodemetrics.metrics.k8s.io "x" not found`).
// Usage is written as metrics-server writes it: CPU as nanocores and memory as bytes, each in
// resource.Quantity's canonical form ("150m", "123456789n"; "174080Ki", "963Mi"), the window of two scrapes ("1m0s" at --metric-resolution=60s) and the
// time of the last scrape.
// Upstream: kube-aggregator pkg/apiserver/handler_proxy.go (service unavailable),
// kubernetes-sigs/metrics-server pkg/api (node.go, pod.go), k8s.io/metrics pkg/apis/metrics/v1beta1.
#pragma once
#include <optional>
#include <string_view>

#include "apiserver/rest_reads.h"
#include "base/time.h"
#include "store/object_store.h"

namespace kp::metrics {

// The reply to GET `target` when it is a Metrics API path and the APIService exists; nullopt
// otherwise (the apiserver's own routes, or its 404).
std::optional<RestReply> serveMetricsApi(const ObjectStore& store, std::string_view target, bool pretty, Time now);

}  // namespace kp::metrics
