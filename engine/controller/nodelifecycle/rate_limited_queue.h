// RateLimitedTimedQueue: the per-zone queue of nodes waiting for a NoExecute taint. A node is
// queued once (until explicitly removed), items come out in processAt order, and every attempt
// spends a token of the zone's token bucket: with the default --node-eviction-rate 0.1 and a
// burst of 1, the first unhealthy node of a zone is tainted at once and each further one 10 s
// after the previous.
// Upstream: pkg/controller/nodelifecycle/scheduler/rate_limited_queue.go,
// client-go util/flowcontrol/throttle.go (token bucket, NewFakeNeverRateLimiter for qps 0).
#pragma once
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/time.h"

namespace kp::nodelifecycle {

// A token bucket in virtual time; qps <= 0 is the "never" limiter (every try fails).
class TokenBucket {
public:
    TokenBucket(double qps, int burst, Time now);
    double qps() const { return qps_; }
    bool tryAccept(Time now);
    // When the next token is available (now if one is); nullopt for the never limiter.
    std::optional<Time> nextTokenAt(Time now) const;

private:
    void refill(Time now);
    double qps_;
    double burst_;
    double tokens_;
    Time last_;
};

struct TimedValue {
    std::string value;  // node name
    std::string uid;
    Time addedAt;
    Time processAt;
    uint64_t seq = 0;   // FIFO among equal processAt (upstream's heap order is unspecified)
};

class RateLimitedTimedQueue {
public:
    RateLimitedTimedQueue(double qps, Time now) : limiter_(qps, kBurst, now) {}

    // Queues a node unless it is already there or was processed and not removed since.
    bool add(const std::string& value, const std::string& uid, Time now);
    // Forgets a node entirely, so that a later add() queues it again.
    bool remove(const std::string& value);
    // Processes the queue: for each head item, spends a token, stops when none is left or the
    // head is not due; fn returns {done, retryAfter}. Done items leave the queue but stay
    // "seen" until remove().
    void tryProcess(Time now, const std::function<std::pair<bool, Duration>(const TimedValue&)>& fn);
    // SwapLimiter: a new bucket when the rate changes; qps <= 0 stops all tainting.
    void swapLimiter(double qps, Time now);
    double qps() const { return limiter_.qps(); }
    bool empty() const { return queue_.empty(); }
    // When another tryProcess() could make progress, if ever.
    std::optional<Time> nextAttemptAt(Time now) const;

    static constexpr int kBurst = 1;  // EvictionRateLimiterBurst

private:
    std::vector<TimedValue> queue_;  // kept sorted by (processAt, seq)
    std::set<std::string> set_;
    TokenBucket limiter_;
    uint64_t nextSeq_ = 1;
};

}  // namespace kp::nodelifecycle
