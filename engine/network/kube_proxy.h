// kube-proxy's data path in iptables mode, as a routing decision: a connection to a Service's
// cluster IP, to a NodePort on any node's IP, or to a LoadBalancer ingress IP goes to one ready
// endpoint chosen at random (seeded), with ClientIP session affinity and the Local traffic
// policies; a Service without endpoints rejects (connection refused); a connection to a pod IP
// goes straight to the pod.
// SIMPLIFICATION: the routing reads the Services and EndpointSlices from the store at connect
// time instead of programming rules from its own watch; the outcome is the same as long as
// kube-proxy keeps up, which it does in a one-thread simulation.
// Upstream: pkg/proxy/iptables/proxier.go (syncProxyRules: REJECT for no endpoints,
// statistic --probability, recent --rcheck for affinity).
#pragma once
#include <map>
#include <string>

#include "base/rng.h"
#include "base/time.h"
#include "store/object_store.h"

namespace kp::network {

struct Connection {
    std::string clientIP;       // source address (a pod IP, a node IP, or the host 192.168.49.1)
    std::string clientNode;     // node the client runs on ("" for the host)
    std::string dstIP;
    int64_t dstPort = 0;
    std::string protocol = "TCP";
};

struct Route {
    enum class Result { Pod, Refused, Timeout } result = Result::Timeout;
    std::string podNamespace, podName, podIP, nodeName;
    int64_t podPort = 0;
    std::string service;        // "ns/name" when a Service carried it
    std::string how;            // "ClusterIP", "NodePort", "LoadBalancer", "PodIP", "Host" (a node IP's
                                // own port: result Refused, nodeName set; Traffic asks the node)
};

class KubeProxy {
public:
    Route route(const ObjectStore& store, const Connection& conn, Rng& rng, Time now);

private:
    Route viaService(const ObjectStore& store, const Json& svc, const Json& port, const Connection& conn,
                     const std::string& how, bool localOnly, Rng& rng, Time now);

    struct Affinity {
        std::string podIP;
        Time until;
    };
    std::map<std::string, Affinity> affinity_;  // "svcKey|port|clientIP" -> chosen endpoint
};

}  // namespace kp::network
