// BIND 9's nslookup and dig, as Debian's dnsutils ships them in the image the Kubernetes DNS
// debugging guide runs (registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3, BIND 9.9.5).
// Both ask the pod's nameserver (CoreDNS at 10.96.0.10) directly: nslookup walks the resolv.conf
// search list, dig asks for exactly the name given unless +search.
#pragma once
#include <string>
#include <vector>

#include "base/time.h"
#include "store/object_store.h"

namespace kp::network {

class Traffic;
struct Origin;

int bindNslookup(const ObjectStore& store, Traffic& traffic, const Origin& origin, const std::vector<std::string>& argv,
                 Time now, std::string& out, std::string& err);
int dig(const ObjectStore& store, Traffic& traffic, const Origin& origin, const std::vector<std::string>& argv,
        Time now, std::string& out, std::string& err);

// The size in bytes of a DNS message with these names and records, compressed as servers do
// (each name may end in a pointer to an earlier occurrence of its suffix). For dig's "MSG SIZE".
struct WireRecord {
    std::string name;
    std::string type;        // "A", "CNAME", "SRV", "SOA", "OPT"
    std::string targetName;  // CNAME/SRV target, SOA mname
    std::string secondName;  // SOA rname
};
size_t dnsMessageSize(const std::string& question, const std::vector<WireRecord>& records);

}  // namespace kp::network
