// DelayingQueue: client-go's workqueue AddAfter on top of a controller's WorkQueue, in virtual
// time. The job, cronjob and statefulset controllers need it: the Job controller batches pod
// events for 1 s, the CronJob controller sleeps until the next schedule time.
//
// Rules (client-go util/workqueue/delaying_queue.go):
//  - addAfter(key, d <= 0) adds the key now;
//  - a key already waiting keeps the earlier of its two due times (one add, not two);
//  - the timer callback only adds the key to the queue (level-triggered), so a stopped component
//    keeps the key queued until it runs again.
//
// Kept next to the job controller because it was written for it; it is generic and could move to
// client/work_queue.h.
#pragma once
#include <map>
#include <string>

#include "base/clock.h"
#include "client/work_queue.h"

namespace kp {

class DelayingQueue {
public:
    DelayingQueue(VirtualClock& clock, WorkQueue& queue) : clock_(clock), queue_(queue) {}
    DelayingQueue(const DelayingQueue&) = delete;
    DelayingQueue& operator=(const DelayingQueue&) = delete;

    void addAfter(const std::string& key, Duration delay) {
        if (delay.ms <= 0) {
            queue_.add(key);
            return;
        }
        const Time due = clock_.now() + delay;
        if (auto it = waiting_.find(key); it != waiting_.end() && it->second <= due)
            return;  // already due earlier (or at the same time)
        waiting_[key] = due;
        clock_.schedule(due, [this, key, due] {
            auto it = waiting_.find(key);
            if (it == waiting_.end() || it->second != due)
                return;  // superseded by an earlier add
            waiting_.erase(it);
            queue_.add(key);
        });
    }

    // When `key` is due next, if it waits (tests and the visualizer).
    const Time* dueTime(const std::string& key) const {
        auto it = waiting_.find(key);
        return it == waiting_.end() ? nullptr : &it->second;
    }

private:
    VirtualClock& clock_;
    WorkQueue& queue_;
    std::map<std::string, Time> waiting_;
};

}  // namespace kp
