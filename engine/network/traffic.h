// Traffic: an HTTP request from somewhere (the learner's laptop, a pod) to a name or address
// in the simulated network. Names resolve through cluster DNS (from pods) or the laptop's hosts
// file; addresses route through kube-proxy (Service VIPs, NodePorts, LoadBalancer IPs) or
// straight to a pod; the container listening on the port answers.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "base/rng.h"
#include "network/kube_proxy.h"
#include "runtime/process.h"
#include "store/object_store.h"

namespace kp::network {

// Where a request starts.
struct Origin {
    std::string clientIP = "192.168.49.1";  // the laptop on minikube's docker network
    std::string clientNode;                 // node of the client pod ("" for the laptop)
    std::string dnsNamespace;               // a ClusterFirst pod's namespace ("" = no cluster DNS)
    std::string userAgent = "curl/7.81.0";  // Ubuntu 22.04's curl on the laptop
};

struct Outcome {
    enum class Kind { Response, Refused, Timeout, Unresolved } kind = Kind::Timeout;
    std::string ip;          // the address connected to
    Route route;             // how it got there
    runtime::HttpResponse response;
};

class Traffic {
public:
    // The process of the pod with this IP that listens on a port (the kubelets know), or nullptr.
    using ProcessAt = std::function<runtime::Process*(const std::string& podIP, int port)>;

    Traffic(const ObjectStore& store, Rng& rng, ProcessAt processAt)
        : store_(store), rng_(rng), processAt_(std::move(processAt)) {}

    // An IP for `host` as seen from `origin`, or nullopt.
    std::optional<std::string> resolve(const Origin& origin, const std::string& host) const;
    Outcome http(const Origin& origin, const std::string& host, int64_t port, runtime::HttpRequest request, Time now);

private:
    const ObjectStore& store_;
    Rng& rng_;
    ProcessAt processAt_;
    KubeProxy proxy_;
};

}  // namespace kp::network
