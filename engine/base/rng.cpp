#include "base/rng.h"

#include <cstdio>
#include <sstream>

namespace kp {
namespace {

uint64_t splitmix64(uint64_t& x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

void Rng::reseed(uint64_t seed) {
    uint64_t x = seed;
    for (auto& s : s_)
        s = splitmix64(x);
}

uint64_t Rng::next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

uint64_t Rng::uniform(uint64_t n) {
    // Rejection sampling keeps the draw unbiased (and the count of draws deterministic per value).
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t v;
    do {
        v = next();
    } while (v >= limit);
    return v % n;
}

double Rng::unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

std::string Rng::nameSuffix(int n) {
    static constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    std::string out;
    out.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        out.push_back(kAlphabet[uniform(sizeof(kAlphabet) - 1)]);
    return out;
}

std::string Rng::uuid() {
    uint64_t hi = next(), lo = next();
    hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
    lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // RFC 4122 variant
    // "%08x-%04x-%04x-%04x-%012x" of hi's 32/16/16 bits and lo's 16/48 bits, written by hand
    // (every created object gets one; snprintf costs several times as much).
    static constexpr char kHex[] = "0123456789abcdef";
    char buf[36];
    auto put = [&](size_t at, uint64_t v, int digits) {
        for (int i = digits - 1; i >= 0; --i, v >>= 4)
            buf[at + static_cast<size_t>(i)] = kHex[v & 0xf];
    };
    put(0, hi >> 32, 8);
    buf[8] = '-';
    put(9, (hi >> 16) & 0xffff, 4);
    buf[13] = '-';
    put(14, hi & 0xffff, 4);
    buf[18] = '-';
    put(19, lo >> 48, 4);
    buf[23] = '-';
    put(24, lo & 0xffffffffffffULL, 12);
    return std::string(buf, sizeof buf);
}

std::string Rng::state() const {
    std::ostringstream out;
    out << s_[0] << ' ' << s_[1] << ' ' << s_[2] << ' ' << s_[3];
    return out.str();
}

bool Rng::restore(const std::string& state) {
    std::istringstream in(state);
    uint64_t v[4];
    if (!(in >> v[0] >> v[1] >> v[2] >> v[3]))
        return false;
    for (int i = 0; i < 4; ++i)
        s_[i] = v[i];
    return true;
}

}  // namespace kp
