#include "cli/cluster_waiter.h"

#include <utility>

namespace kp::cli {

ClusterWaiter::ClusterWaiter(Cluster& cluster, Time deadline, std::function<void(Progress&)> check,
                             std::function<void(Progress&)> atDeadline)
    : cluster_(cluster), deadline_(deadline), check_(std::move(check)), atDeadline_(std::move(atDeadline)) {}

ClusterWaiter::~ClusterWaiter() { stop(); }

void ClusterWaiter::start() {
    onSettled();
    if (!progress_.done)
        observer_ = cluster_.observe([this] { onSettled(); });
}

void ClusterWaiter::onSettled() {
    if (progress_.done)
        return;
    check_(progress_);
    if (!progress_.done && cluster_.now() >= deadline_) {
        atDeadline_(progress_);
        progress_.done = true;
    }
    if (progress_.done)
        stop();
}

std::string ClusterWaiter::interrupt() {
    progress_.done = true;
    stop();
    return "";
}

void ClusterWaiter::stop() {
    if (observer_)
        cluster_.unobserve(observer_);
    observer_ = 0;
}

}  // namespace kp::cli
