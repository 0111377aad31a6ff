// Cluster DNS as CoreDNS's kubernetes plugin answers it on minikube (zone cluster.local,
// `pods insecure`, ttl 30):
//   <svc>.<ns>.svc.cluster.local            A     cluster IP; headless: every ready endpoint
//   <host>.<svc>.<ns>.svc.cluster.local     A     an endpoint's hostname (StatefulSet pods) or
//                                                 its dashed IP (headless Services)
//   _<port>._<proto>.<svc>.<ns>.svc...      SRV   named ports only
//   <svc>.<ns>.svc.cluster.local (ExternalName)  CNAME spec.externalName
//   a-b-c-d.<ns>.pod.cluster.local          A     a.b.c.d
// and the stub resolver in pods: search list and ndots:5 (ClusterFirst).
// Upstream: kubernetes/dns docs/specification.md, coredns/coredns plugin/kubernetes.
#pragma once
#include <string>
#include <vector>

#include "store/object_store.h"

namespace kp::network {

struct DnsRecord {
    std::string name;   // fully qualified, no trailing dot
    std::string type;   // "A", "CNAME", "SRV"
    int ttl = 30;
    std::string data;   // A: IP; CNAME: target; SRV: "priority weight port target"
};

enum class Rcode { NoError, NXDomain, ServFail };

struct DnsAnswer {
    Rcode rcode = Rcode::NXDomain;
    std::vector<DnsRecord> records;
};

constexpr const char* kClusterDomain = "cluster.local";
constexpr const char* kClusterDnsIP = "10.96.0.10";

// One query for a fully qualified name (trailing dot optional).
DnsAnswer lookup(const ObjectStore& store, std::string fqdn, const std::string& type = "A");

// The stub resolver: names with fewer than `ndots` dots try the search list first.
struct Resolution {
    std::string fqdn;   // the name that answered (or the last one tried)
    DnsAnswer answer;
};
Resolution resolve(const ObjectStore& store, const std::string& name, const std::string& type,
                   const std::vector<std::string>& search, int ndots = 5);

// What an upstream resolver outside the cluster (the laptop's, the node's) answers for a name
// it has no local entry for. SIMPLIFICATION: the simulation has no Internet: names under a
// real top-level domain fail as an unreachable upstream does (SERVFAIL), others do not exist
// (NXDOMAIN).
Rcode upstreamRcode(const std::string& name);

// ClusterFirst's search list for a pod in `ns`.
std::vector<std::string> clusterFirstSearch(const std::string& ns);
// /etc/resolv.conf of a ClusterFirst pod.
std::string clusterFirstResolvConf(const std::string& ns);

}  // namespace kp::network
