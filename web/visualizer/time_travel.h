// Time travel for the timeline's scrub: the cluster as it was at an earlier virtual time, rebuilt
// by replaying the live session's journal into a second laptop (Laptop::replayUntil). The
// panels show that cluster and change nothing in it; the learner's terminal stays on the live
// one, which keeps running meanwhile.
//
// Going forward continues the replay already made; going back replays from the start (the
// engine is deterministic, so the result is what the learner had then). lastReplayMs() says
// what that cost.
#pragma once
#include <cstdint>
#include <memory>

#include "cli/laptop.h"

namespace kp::web {

class TimeTravel {
public:
    explicit TimeTravel(cli::Laptop& live, ClusterConfig config) : live_(live), config_(std::move(config)) {}

    bool viewingPast() const { return past_ != nullptr; }
    // The cluster the panels show: the past one while viewing the past, else the live one.
    const Cluster& shown() const { return past_ ? past_->cluster() : live_.cluster(); }
    // Changes whenever shown() becomes another cluster (back to live, or a replay from the start):
    // effects that follow the event log start over then.
    uint64_t clusterGeneration() const { return clusterGeneration_; }

    // The viewed moment (live: the live cluster's time), the session's first moment, live time.
    Time viewedAt() const { return shown().now(); }
    Time start() const { return config_.startTime; }
    Time liveNow() const { return live_.cluster().now(); }

    // Shows the cluster as it was at `at` (clamped to the session's start); at or after the
    // live time: back to live.
    void seek(Time at);
    // To the next (previous) moment the log records something after (before) the viewed time:
    // an API write, a scheduling decision, an event. Past the last one: back to live.
    void stepForward();
    void stepBack();
    void backToLive();

    // Wall-clock milliseconds the last seek spent replaying.
    double lastReplayMs() const { return lastReplayMs_; }

private:
    cli::Laptop& live_;
    ClusterConfig config_;
    std::unique_ptr<cli::Laptop> past_;
    Time target_;  // what the last seek asked for (a command that lets time pass may end later)
    uint64_t clusterGeneration_ = 0;
    double lastReplayMs_ = 0;
};

}  // namespace kp::web
