#include "base/clock.h"

namespace kp {

VirtualClock::TimerId VirtualClock::schedule(Time at, std::function<void()> callback) {
    uint64_t id = nextSeq_++;
    timers_.emplace(std::make_pair(at.ms, id), std::move(callback));
    dueById_[id] = at.ms;
    return id;
}

void VirtualClock::cancel(TimerId id) {
    auto it = dueById_.find(id);
    if (it == dueById_.end())
        return;
    timers_.erase({it->second, id});
    dueById_.erase(it);
}

bool VirtualClock::nextDue(Time& at) const {
    if (timers_.empty())
        return false;
    at = Time{timers_.begin()->first.first};
    return true;
}

int VirtualClock::advanceTo(Time until) {
    int fired = 0;
    while (!timers_.empty() && timers_.begin()->first.first <= until.ms) {
        auto node = timers_.extract(timers_.begin());
        dueById_.erase(node.key().second);
        if (node.key().first > now_.ms)
            now_ = Time{node.key().first};
        node.mapped()();
        ++fired;
    }
    if (until > now_)
        now_ = until;
    return fired;
}

int VirtualClock::fireDue() { return advanceTo(now_); }

}  // namespace kp
