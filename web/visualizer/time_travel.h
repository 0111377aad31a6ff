// Time travel for the timeline's scrub: the cluster as it was at an earlier virtual time, rebuilt
// by replaying the live session's journal into a second laptop (Laptop::replayUntil). The
// panels show that cluster and change nothing in it; the learner's terminal stays on the live
// one, which keeps running meanwhile.
//
// Going forward continues the replay already made; going back carries on from the nearest
// checkpoint before the moment (cli::ReplayCheckpoints, kept by the session; a fresh laptop when
// there is none), and going back to live gives the replayed laptop to the checkpoints. The engine
// is deterministic, so the result is what the learner had then. lastReplayMs() says what that
// cost. A long replay is spread over frames (update(), a few milliseconds each), so the page stays
// responsive and the map fast-forwards to the moment; finish() does it at once.
#pragma once
#include <cstdint>
#include <memory>

#include "cli/laptop.h"

namespace kp::web {

class Session;

class TimeTravel {
public:
    TimeTravel(Session& session, ClusterConfig config);

    bool viewingPast() const { return past_.laptop != nullptr; }
    // The cluster the panels show: the past one while viewing the past, else the live one.
    const Cluster& shown() const;
    // Changes whenever shown() becomes another cluster (back to live, a replay from a checkpoint,
    // or undo replaced the live laptop): effects that follow the event log start over then.
    uint64_t clusterGeneration() const;

    // The viewed moment (live: the live cluster's time), the session's first moment, live time.
    Time viewedAt() const { return shown().now(); }
    Time start() const { return config_.startTime; }
    Time liveNow() const;

    // Shows the cluster as it was at `at` (clamped to the session's start); at or after the
    // live time: back to live. The replay runs for at most kFrameBudgetMs here and goes on in
    // update().
    void seek(Time at);
    // Whether going back is refused: a replay grows to about the live laptop's size, on top of
    // all the page holds, and the page's heap stops at 4 GiB (a 150,000-pod cluster holds 2).
    bool tooBigToReplay() const;
    // The browser tests' hook (kp_test_replay_heap_limit): replays are refused past `bytes` instead
    // of kReplayHeapLimit (0: kReplayHeapLimit again), so that a small cluster meets the refusal.
    void setReplayHeapLimitForTest(double bytes) { replayHeapLimit_ = bytes > 0 ? bytes : kReplayHeapLimit; }
    // Once per frame: carries a replay still under way on for kFrameBudgetMs (and goes back to
    // live when undo replaced the live laptop).
    void update();
    // Completes a replay under way (the JavaScript bindings want the result at once).
    void finish() { catchUp(1e9); }
    bool replaying() const { return viewingPast() && pending_; }
    Time target() const { return target_; }
    // To the next (previous) moment the log records something after (before) the viewed time:
    // an API write, a scheduling decision, an event. Past the last one: back to live.
    void stepForward();
    void stepBack();
    void backToLive();

    // The laptop replayed to the viewed moment (no laptop while live): the session counts it
    // against the checkpoints' memory budget.
    const cli::ReplayCheckpoints::Replayed& past() const { return past_; }

    // Wall-clock milliseconds the last seek spent replaying (all its frames together).
    double lastReplayMs() const { return lastReplayMs_; }

    static constexpr double kFrameBudgetMs = 12.0;
    // What the laptops may hold with a replay: 3 of the page's 4 GiB, a margin for the rest.
    static constexpr double kReplayHeapLimit = 3.0 * 1024 * 1024 * 1024;
    static constexpr Duration kReplayChunk = Duration::seconds(2);  // virtual time per replay step

private:
    void catchUp(double budgetMs);

    const cli::Laptop& live() const;

    Session& session_;
    ClusterConfig config_;
    cli::ReplayCheckpoints::Replayed past_;
    uint64_t liveGeneration_ = 0;  // Session::generation() of the live laptop last seen
    Time target_;  // what the last seek asked for (a command that lets time pass may end later)
    bool pending_ = false;  // past_ has not reached target_ yet
    uint64_t clusterGeneration_ = 0;
    double lastReplayMs_ = 0;
    double replayHeapLimit_ = kReplayHeapLimit;
};

}  // namespace kp::web
