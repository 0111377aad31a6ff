#include "client/work_queue.h"

#include <algorithm>

namespace kp {

void WorkQueue::add(const std::string& key) {
    if (processing_.count(key)) {
        dirty_.insert(key);
        return;
    }
    if (queued_.insert(key).second)
        queue_.push_back(key);
}

bool WorkQueue::pop(std::string& key) {
    if (queue_.empty())
        return false;
    key = std::move(queue_.front());
    queue_.pop_front();
    queued_.erase(key);
    processing_.insert(key);
    return true;
}

void WorkQueue::done(const std::string& key) {
    processing_.erase(key);
    if (dirty_.erase(key))
        add(key);
}

Duration WorkQueue::backoff(const std::string& key) {
    int n = failures_[key]++;
    int64_t ms = 5;
    for (int i = 0; i < n && ms < 1'000'000; ++i)
        ms *= 2;
    return Duration::millis(std::min<int64_t>(ms, 1'000'000));
}

}  // namespace kp
