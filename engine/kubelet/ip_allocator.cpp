#include "kubelet/ip_allocator.h"

namespace kp::kubelet {

std::optional<uint32_t> IpAllocator::parseIPv4(const std::string& text) {
    uint32_t ip = 0;
    int parts = 0;
    size_t i = 0;
    while (parts < 4) {
        if (i >= text.size() || text[i] < '0' || text[i] > '9')
            return std::nullopt;
        uint32_t v = 0;
        size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - start < 3)
            v = v * 10 + static_cast<uint32_t>(text[i++] - '0');
        if (v > 255)
            return std::nullopt;
        ip = ip << 8 | v;
        if (++parts < 4) {
            if (i >= text.size() || text[i] != '.')
                return std::nullopt;
            ++i;
        }
    }
    return i == text.size() ? std::optional<uint32_t>(ip) : std::nullopt;
}

std::string IpAllocator::formatIPv4(uint32_t ip) {
    return std::to_string(ip >> 24) + "." + std::to_string(ip >> 16 & 255) + "." + std::to_string(ip >> 8 & 255) + "." +
           std::to_string(ip & 255);
}

bool IpAllocator::configure(const std::string& cidr) {
    size_t slash = cidr.find('/');
    if (slash == std::string::npos)
        return false;
    auto ip = parseIPv4(cidr.substr(0, slash));
    int prefix = std::stoi("0" + cidr.substr(slash + 1));
    if (!ip || prefix < 16 || prefix > 30)
        return false;
    size_ = 1u << (32 - prefix);
    network_ = *ip & ~(size_ - 1);
    used_.assign(size_, false);
    last_ = 1;
    count_ = 0;
    return true;
}

// Usable offsets: 2 .. size-2 (network, gateway and broadcast excluded).
std::optional<std::string> IpAllocator::allocate() {
    if (size_ < 4)
        return std::nullopt;
    uint32_t usable = size_ - 3;
    for (uint32_t n = 0; n < usable; ++n) {
        uint32_t off = last_ + 1 + n;
        off = 2 + (off - 2) % usable;
        if (used_[off])
            continue;
        used_[off] = true;
        ++count_;
        last_ = off;
        return formatIPv4(network_ + off);
    }
    return std::nullopt;
}

void IpAllocator::release(const std::string& ip) {
    auto v = parseIPv4(ip);
    if (!v || *v < network_ || *v >= network_ + size_)
        return;
    uint32_t off = *v - network_;
    if (used_[off]) {
        used_[off] = false;
        --count_;
    }
}

void IpAllocator::reserve(const std::string& ip) {
    auto v = parseIPv4(ip);
    if (!v || *v < network_ || *v >= network_ + size_)
        return;
    uint32_t off = *v - network_;
    if (!used_[off]) {
        used_[off] = true;
        ++count_;
    }
}

}  // namespace kp::kubelet
