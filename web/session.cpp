#include "session.h"

namespace kp::web {

// The learner's laptop: minikube installed, no cluster until `minikube start` (which brings up
// the nodes' kubelets, the control plane and the addons).
kp::ClusterConfig laptopConfig() {
    kp::ClusterConfig config = kp::ClusterConfig::fullCluster();
    config.startRunning = false;
    return config;
}

Session::Session() : laptop_(std::make_unique<kp::cli::Laptop>(laptopConfig())), checkpoints_(laptopConfig()) {}

bool Session::undo(std::vector<std::string>& screens) {
    const kp::Json before = laptop_->journalBeforeLastCommand();
    if (before.is_null())
        return false;
    kp::cli::ReplayCheckpoints::Replayed undone = checkpoints_.take(before);
    undone.laptop->onOpenBrowser = std::move(laptop_->onOpenBrowser);
    screens = std::move(undone.screens);
    retired_ = std::move(laptop_);
    laptop_ = std::move(undone.laptop);
    ++generation_;
    return true;
}

bool Session::freeRetired() {
    if (!retired_)
        return false;
    retired_.reset();
    return true;
}

kp::cli::ReplayCheckpoints::Held Session::held(const kp::cli::ReplayCheckpoints::Replayed* scrubbing) const {
    kp::cli::ReplayCheckpoints::Held held;
    if (retired_)
        held.add(retired_->estimatedBytes());
    if (scrubbing && scrubbing->laptop)
        held.add(scrubbing->estimatedBytes());
    return held;
}

Session& session() {
    static Session s;
    return s;
}

}  // namespace kp::web
