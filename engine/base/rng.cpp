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
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                  static_cast<unsigned>((hi >> 16) & 0xffff), static_cast<unsigned>(hi & 0xffff),
                  static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xffffffffffffULL));
    return buf;
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
