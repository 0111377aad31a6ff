// The cluster's only clock. Components read now(); the cluster's event loop owns timers.
// Timers fire in (time, sequence) order so that two timers due at the same instant always run
// in the order they were scheduled: the same seed and commands give the same history.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <utility>

#include "base/time.h"

namespace kp {

class Clock {
public:
    virtual ~Clock() = default;
    virtual Time now() const = 0;
};

class VirtualClock final : public Clock {
public:
    using TimerId = uint64_t;

    explicit VirtualClock(Time start) : now_(start) {}

    Time now() const override { return now_; }

    // Runs `callback` when virtual time reaches `at` (immediately on the next fire if `at` is past).
    TimerId schedule(Time at, std::function<void()> callback);
    void cancel(TimerId id);

    // Time of the earliest pending timer, if any.
    bool nextDue(Time& at) const;
    // Moves time to `until`, firing every timer due on the way in order. Returns timers fired.
    int advanceTo(Time until);
    // Fires timers due at or before now() without moving time.
    int fireDue();
    size_t pendingTimers() const { return timers_.size(); }
    // Drops every timer and sets the time (restoring a snapshot).
    void reset(Time now) {
        timers_.clear();
        dueById_.clear();
        now_ = now;
    }

private:
    Time now_;
    uint64_t nextSeq_ = 1;
    // Key: (due time, sequence). The sequence doubles as the TimerId.
    std::map<std::pair<int64_t, uint64_t>, std::function<void()>> timers_;
    std::map<uint64_t, int64_t> dueById_;
};

}  // namespace kp
