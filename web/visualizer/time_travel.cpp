#include "visualizer/time_travel.h"

#include <algorithm>
#include <chrono>  // how long a replay takes (wall time, reported only: the engine never reads it)

#include "session.h"

namespace kp::web {

TimeTravel::TimeTravel(Session& session, ClusterConfig config)
    : session_(session), config_(std::move(config)), liveGeneration_(session.generation()) {}

const cli::Laptop& TimeTravel::live() const { return session_.laptop(); }

const Cluster& TimeTravel::shown() const { return past_.laptop ? past_.laptop->cluster() : live().cluster(); }

// Both counters only grow: the sum changes when either does.
uint64_t TimeTravel::clusterGeneration() const { return clusterGeneration_ + session_.generation(); }

Time TimeTravel::liveNow() const { return live().cluster().now(); }

void TimeTravel::update() {
    if (liveGeneration_ != session_.generation()) {
        liveGeneration_ = session_.generation();
        backToLive();
    }
    catchUp(kFrameBudgetMs);
}

bool TimeTravel::tooBigToReplay() const {
    // The live laptop and its replay, each about the live laptop's (estimated) size. (Not the
    // heap's own count: dlmalloc's mallinfo walks every chunk, too slow for every frame.)
    return !viewingPast() && 2.0 * static_cast<double>(live().estimatedBytes()) > replayHeapLimit_;
}

void TimeTravel::seek(Time at) {
    if (tooBigToReplay())
        return;
    at = std::max(at, start());
    if (at >= liveNow()) {
        backToLive();
        return;
    }
    // Forward from the last replay: carry on. Back in time (or the journal was cut by undo):
    // from the nearest checkpoint before the moment (this laptop goes back to the checkpoints).
    const Json& journal = live().journal();
    const bool forward = viewingPast() && (at >= target_ || at >= past_.laptop->cluster().now());
    if (!forward || !past_.laptop->canContinue(journal)) {
        if (past_.laptop)
            session_.checkpoints().give(std::move(past_));
        past_ = session_.checkpoints().takeNearest(journal, at);
        ++clusterGeneration_;
    }
    target_ = at;
    pending_ = true;
    lastReplayMs_ = 0;
    catchUp(kFrameBudgetMs);
}

// Replays towards target_ in chunks of virtual time until it is reached or `budgetMs` of wall
// time is spent.
void TimeTravel::catchUp(double budgetMs) {
    if (!viewingPast() || !pending_)
        return;
    const auto started = std::chrono::steady_clock::now();
    const Json& journal = live().journal();
    double spent = 0;
    while (pending_ && spent < budgetMs) {
        const Cluster& past = past_.laptop->cluster();
        const Time before = past.now();
        const Time next = std::min(target_, before + kReplayChunk);
        // Done at the target, or when the journal has nothing more (no time passed).
        const bool carried = past_.laptop->canContinue(journal);
        if (carried)
            past_.carryOn(journal, next);
        if (!carried || past.now() >= target_ || past.now() <= before)
            pending_ = false;
        spent = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    }
    lastReplayMs_ += spent;
}

void TimeTravel::stepForward() {
    const EventLog::Records& records = live().cluster().eventLog().records();
    const Time from = viewingPast() ? target_ : liveNow();
    auto next = std::upper_bound(records.begin(), records.end(), from,
                                 [](Time t, const LogRecord& r) { return t < r.time; });
    if (next == records.end()) {
        backToLive();
        return;
    }
    seek(next->time);
}

void TimeTravel::stepBack() {
    const EventLog::Records& records = live().cluster().eventLog().records();
    const Time from = viewingPast() ? target_ : liveNow();
    auto first = std::lower_bound(records.begin(), records.end(), from,
                                  [](const LogRecord& r, Time t) { return r.time < t; });
    if (first == records.begin()) {
        seek(start());
        return;
    }
    seek(std::prev(first)->time);
}

void TimeTravel::backToLive() {
    if (!viewingPast())
        return;
    session_.checkpoints().give(std::move(past_));
    past_ = {};
    ++clusterGeneration_;
}

}  // namespace kp::web
