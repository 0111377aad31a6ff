// Pod IPs from a node's pod CIDR, the way minikube's bridge CNI hands them out (the host-local
// IPAM plugin): the gateway (.1) is the bridge, the first pod gets .2, and each allocation
// continues after the last one handed out, wrapping around to reuse released addresses only
// when the range is exhausted. So on node 10.244.0.0/24 pods get 10.244.0.2, .3, .4 ..., and a
// deleted pod's address comes back after .254.
// Upstream: containernetworking/plugins plugins/ipam/host-local (allocator.go, range_set.go).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kp::kubelet {

class IpAllocator {
public:
    // "10.244.3.0/24". Returns false when the text is not an IPv4 CIDR.
    bool configure(const std::string& cidr);
    std::optional<std::string> allocate();
    void release(const std::string& ip);
    // Marks an address as in use (a pod adopted after a restart).
    void reserve(const std::string& ip);
    size_t inUse() const { return count_; }

    static std::optional<uint32_t> parseIPv4(const std::string& text);
    static std::string formatIPv4(uint32_t ip);

private:
    uint32_t network_ = 0;
    uint32_t size_ = 0;        // addresses in the CIDR
    uint32_t last_ = 1;        // offset of the last address handed out (starts at the gateway)
    std::vector<bool> used_;   // by offset
    size_t count_ = 0;
};

}  // namespace kp::kubelet
