// The cluster's only source of randomness, seeded from ClusterConfig::seed. Everything random a
// learner sees (pod name suffixes, UIDs, ClusterIPs, scheduler tie-breaks, endpoint choice) draws
// from one Rng in a fixed order, so a seed and a command log replay to the same bytes.
#pragma once
#include <cstdint>
#include <string>

namespace kp {

class Rng {
public:
    explicit Rng(uint64_t seed = 1) { reseed(seed); }

    void reseed(uint64_t seed);
    uint64_t next();                      // xoshiro256** step
    uint64_t uniform(uint64_t n);         // in [0, n), unbiased; n > 0
    double unit();                        // in [0, 1)

    // `n` characters from Kubernetes' name alphabet "bcdfghjklmnpqrstvwxz2456789"
    // (apiserver/pkg/storage/names: generateName suffixes, 5 chars).
    std::string nameSuffix(int n = 5);
    // A random (version 4) UUID, lower-case hex with dashes, like metadata.uid.
    std::string uuid();

    // State for snapshots.
    std::string state() const;
    bool restore(const std::string& state);

private:
    uint64_t s_[4] = {};
};

}  // namespace kp
