#include "controller/nodelifecycle/rate_limited_queue.h"

#include <algorithm>
#include <cmath>

namespace kp::nodelifecycle {

// [SECTION] TokenBucket

// A new bucket starts full (golang.org/x/time/rate fills it from the zero time).
TokenBucket::TokenBucket(double qps, int burst, Time now) : qps_(qps), burst_(burst), tokens_(burst), last_(now) {}

void TokenBucket::refill(Time now) {
    if (now <= last_)
        return;
    tokens_ = std::min(burst_, tokens_ + qps_ * static_cast<double>((now - last_).ms) / 1000.0);
    last_ = now;
}

bool TokenBucket::tryAccept(Time now) {
    if (qps_ <= 0)
        return false;
    refill(now);
    // Tolerate rounding: 0.1 qps over exactly 10 s must give a whole token.
    if (tokens_ + 1e-9 < 1.0)
        return false;
    tokens_ -= 1.0;
    return true;
}

std::optional<Time> TokenBucket::nextTokenAt(Time now) const {
    if (qps_ <= 0)
        return std::nullopt;
    TokenBucket copy = *this;
    copy.refill(now);
    if (copy.tokens_ + 1e-9 >= 1.0)
        return now;
    const double missingSeconds = (1.0 - copy.tokens_) / qps_;
    return copy.last_ + Duration::millis(static_cast<int64_t>(std::ceil(missingSeconds * 1000.0 - 1e-6)));
}

// [SECTION] RateLimitedTimedQueue

bool RateLimitedTimedQueue::add(const std::string& value, const std::string& uid, Time now) {
    if (!set_.insert(value).second)
        return false;
    TimedValue v{value, uid, now, now, nextSeq_++};
    auto pos = std::upper_bound(queue_.begin(), queue_.end(), v, [](const TimedValue& a, const TimedValue& b) {
        return a.processAt != b.processAt ? a.processAt < b.processAt : a.seq < b.seq;
    });
    queue_.insert(pos, std::move(v));
    return true;
}

bool RateLimitedTimedQueue::remove(const std::string& value) {
    if (set_.erase(value) == 0)
        return false;
    queue_.erase(std::remove_if(queue_.begin(), queue_.end(), [&](const TimedValue& v) { return v.value == value; }),
                 queue_.end());
    return true;
}

// Upstream: scheduler/rate_limited_queue.go#Try
void RateLimitedTimedQueue::tryProcess(Time now,
                                       const std::function<std::pair<bool, Duration>(const TimedValue&)>& fn) {
    while (!queue_.empty()) {
        // Every attempt spends a token, even one that then finds the head not due yet.
        if (!limiter_.tryAccept(now))
            break;
        TimedValue head = queue_.front();
        if (now < head.processAt)
            break;
        auto [done, wait] = fn(head);
        queue_.erase(queue_.begin());
        if (done)
            continue;  // stays in set_: not queued again until remove()
        head.processAt = now + wait;
        head.seq = nextSeq_++;
        auto pos = std::upper_bound(queue_.begin(), queue_.end(), head, [](const TimedValue& a, const TimedValue& b) {
            return a.processAt != b.processAt ? a.processAt < b.processAt : a.seq < b.seq;
        });
        queue_.insert(pos, std::move(head));
    }
}

// Upstream: scheduler/rate_limited_queue.go#SwapLimiter
void RateLimitedTimedQueue::swapLimiter(double qps, Time now) {
    if (limiter_.qps() == qps)
        return;
    TokenBucket next(qps, kBurst, now);
    // A drained bucket hands its debt on, so a rate change does not grant a free token.
    if (qps > 0 && !limiter_.tryAccept(now))
        next.tryAccept(now);
    limiter_ = next;
}

std::optional<Time> RateLimitedTimedQueue::nextAttemptAt(Time now) const {
    if (queue_.empty())
        return std::nullopt;
    std::optional<Time> token = limiter_.nextTokenAt(now);
    if (!token)
        return std::nullopt;
    return std::max(*token, queue_.front().processAt);
}

}  // namespace kp::nodelifecycle
