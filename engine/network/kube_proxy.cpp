#include "network/kube_proxy.h"

#include <vector>

namespace kp::network {
namespace {

struct Endpoint {
    std::string ip, nodeName, podNamespace, podName;
    int64_t port = 0;
};

std::vector<Endpoint> readyEndpoints(const ObjectStore& store, const Json& svc, const std::string& portName) {
    std::vector<Endpoint> out;
    const std::string ns = stringAt(svc, "metadata.namespace"), name = stringAt(svc, "metadata.name");
    for (const ObjectPtr& s : store.list("endpointslices.discovery.k8s.io", ns)) {
        if (s->value("metadata", Json::object()).value("labels", Json::object()).value("kubernetes.io/service-name", std::string("")) != name)
            continue;
        int64_t port = -1;
        for (const Json& p : s->value("ports", Json::array()))
            if (p.value("name", std::string("")) == portName)
                port = p.value("port", int64_t{0});
        const Json endpoints = s->value("endpoints", Json());
        if (port < 0 || !endpoints.is_array())
            continue;
        for (const Json& ep : endpoints) {
            const Json* ready = findPath(ep, "conditions.ready");
            if (ready && ready->is_boolean() && !ready->get<bool>())
                continue;
            Endpoint e;
            e.ip = ep.value("addresses", Json::array()).empty() ? "" : ep["addresses"][0].get<std::string>();
            e.nodeName = ep.value("nodeName", std::string(""));
            e.podNamespace = stringAt(ep, "targetRef.namespace");
            e.podName = stringAt(ep, "targetRef.name");
            e.port = port;
            out.push_back(e);
        }
    }
    return out;
}

bool isNodeIP(const ObjectStore& store, const std::string& ip, std::string& nodeName) {
    for (const ObjectPtr& n : store.list("nodes"))
        for (const Json& a : n->value("status", Json::object()).value("addresses", Json::array()))
            if (a.value("type", std::string("")) == "InternalIP" && a.value("address", std::string("")) == ip) {
                nodeName = stringAt(*n, "metadata.name");
                return true;
            }
    return false;
}

}  // namespace

Route KubeProxy::viaService(const ObjectStore& store, const Json& svc, const Json& port, const Connection& conn,
                            const std::string& how, bool localOnly, Rng& rng, Time now) {
    Route r;
    r.service = stringAt(svc, "metadata.namespace") + "/" + stringAt(svc, "metadata.name");
    r.how = how;
    std::vector<Endpoint> eps = readyEndpoints(store, svc, port.value("name", std::string("")));
    if (eps.empty()) {
        r.result = Route::Result::Refused;  // iptables: REJECT --reject-with icmp-port-unreachable
        return r;
    }
    if (localOnly) {
        std::vector<Endpoint> local;
        for (const Endpoint& e : eps)
            if (e.nodeName == conn.clientNode)
                local.push_back(e);
        if (local.empty()) {
            r.result = Route::Result::Timeout;  // dropped: no local endpoint
            return r;
        }
        eps = std::move(local);
    }
    const Endpoint* chosen = nullptr;
    const std::string affinityKey = r.service + "|" + std::to_string(port.value("port", 0)) + "|" + conn.clientIP;
    const bool clientIPAffinity = stringAt(svc, "spec.sessionAffinity") == "ClientIP";
    if (clientIPAffinity) {
        auto it = affinity_.find(affinityKey);
        if (it != affinity_.end() && it->second.until > now)
            for (const Endpoint& e : eps)
                if (e.ip == it->second.podIP)
                    chosen = &e;
    }
    if (!chosen)
        chosen = &eps[rng.uniform(eps.size())];
    if (clientIPAffinity) {
        const Json* secs = findPath(svc, "spec.sessionAffinityConfig.clientIP.timeoutSeconds");
        affinity_[affinityKey] = {chosen->ip, now + Duration::seconds(secs && secs->is_number() ? secs->get<int64_t>() : 10800)};
    }
    r.result = Route::Result::Pod;
    r.podIP = chosen->ip;
    r.podPort = chosen->port;
    r.podNamespace = chosen->podNamespace;
    r.podName = chosen->podName;
    r.nodeName = chosen->nodeName;
    return r;
}

Route KubeProxy::route(const ObjectStore& store, const Connection& conn, Rng& rng, Time now) {
    std::string nodeName;
    const bool toNode = isNodeIP(store, conn.dstIP, nodeName);
    for (const ObjectPtr& svc : store.list("services")) {
        const Json spec = svc->value("spec", Json::object());
        const std::string type = spec.value("type", std::string("ClusterIP"));
        for (const Json& p : spec.value("ports", Json::array())) {
            if (p.value("protocol", std::string("TCP")) != conn.protocol)
                continue;
            if (spec.value("clusterIP", std::string("")) == conn.dstIP && p.value("port", int64_t{0}) == conn.dstPort)
                return viaService(store, *svc, p, conn, "ClusterIP",
                                  spec.value("internalTrafficPolicy", std::string("Cluster")) == "Local", rng, now);
            if (toNode && p.value("nodePort", int64_t{0}) == conn.dstPort && (type == "NodePort" || type == "LoadBalancer")) {
                Connection local = conn;
                local.clientNode = nodeName;  // Local policy: endpoints on the node that received it
                return viaService(store, *svc, p, local, "NodePort",
                                  spec.value("externalTrafficPolicy", std::string("Cluster")) == "Local", rng, now);
            }
            if (type == "LoadBalancer" && p.value("port", int64_t{0}) == conn.dstPort)
                for (const Json& ing : svc->value("status", Json::object()).value("loadBalancer", Json::object()).value("ingress", Json::array()))
                    if (ing.value("ip", std::string("")) == conn.dstIP)
                        return viaService(store, *svc, p, conn, "LoadBalancer", false, rng, now);
        }
    }
    // A node IP and no NodePort: the node's own host network (its daemons, hostNetwork pods);
    // Traffic asks what listens there.
    if (toNode) {
        Route r;
        r.result = Route::Result::Refused;
        r.how = "Host";
        r.nodeName = nodeName;
        return r;
    }
    // A pod IP: straight to the pod (CNI bridge).
    for (const ObjectPtr& pod : store.list("pods")) {
        if (stringAt(*pod, "status.podIP") != conn.dstIP)
            continue;
        Route r;
        r.result = Route::Result::Pod;
        r.how = "PodIP";
        r.podIP = conn.dstIP;
        r.podPort = conn.dstPort;
        r.podNamespace = stringAt(*pod, "metadata.namespace");
        r.podName = stringAt(*pod, "metadata.name");
        r.nodeName = stringAt(*pod, "spec.nodeName");
        return r;
    }
    Route r;
    r.result = Route::Result::Timeout;
    return r;
}

}  // namespace kp::network
