// The Ingress objects of a cluster as the map draws them: a hub per Ingress and a route per rule
// path (host + path -> backend Service). Read from the store: the engine's ClusterView has no
// Ingresses.
#pragma once
#include <string>
#include <vector>

#include "cluster/cluster.h"

namespace kp::web {

struct IngressRoute {
    std::string host;     // "" = any host
    std::string path;     // "/app" ("" for the default backend)
    std::string service;  // backend Service name (same namespace); "" for a resource backend
    std::string port;     // "8080" or a port name
};

struct IngressView {
    std::string namespace_;
    std::string name;
    std::string className;  // spec.ingressClassName
    std::vector<IngressRoute> routes;
};

// Every Ingress not being deleted, ordered by namespace/name.
std::vector<IngressView> ingressViews(const Cluster& cluster);

}  // namespace kp::web
