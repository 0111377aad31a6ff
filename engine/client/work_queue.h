// WorkQueue: client-go's workqueue contract in one thread. A key is queued at most once;
// re-adding a key that is being processed marks it dirty so it runs again after done().
// Failed keys come back after an exponential delay in virtual time (5 ms doubling up to
// 1000 s, client-go's default controller rate limiter).
#pragma once
#include <deque>
#include <map>
#include <set>
#include <string>

#include "base/time.h"

namespace kp {

class WorkQueue {
public:
    void add(const std::string& key);
    // Next key to process (FIFO), or false when empty. The key is "processing" until done().
    bool pop(std::string& key);
    void done(const std::string& key);
    // Rate-limited re-add: returns the delay after which the caller should add(key) again.
    Duration backoff(const std::string& key);
    void forget(const std::string& key) { failures_.erase(key); }
    bool empty() const { return queue_.empty(); }
    size_t size() const { return queue_.size(); }

private:
    std::deque<std::string> queue_;
    std::set<std::string> queued_;
    std::set<std::string> processing_;
    std::set<std::string> dirty_;
    std::map<std::string, int> failures_;
};

}  // namespace kp
