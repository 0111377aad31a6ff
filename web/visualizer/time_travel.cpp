#include "visualizer/time_travel.h"

#include <algorithm>
#include <chrono>  // how long a replay takes (wall time, reported only: the engine never reads it)

namespace kp::web {

void TimeTravel::seek(Time at) {
    at = std::max(at, start());
    if (at >= liveNow()) {
        backToLive();
        return;
    }
    // Forward from the last replay: carry on. Back in time (or the journal was cut by undo):
    // replay from the start into a fresh laptop.
    const bool forward = past_ && (at >= target_ || at >= past_->cluster().now());
    const bool carryOn = forward && past_->replayUntil(live_.journal(), past_->cluster().now());
    if (!carryOn) {
        past_ = std::make_unique<cli::Laptop>(config_);
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
    if (!past_ || !pending_)
        return;
    const auto started = std::chrono::steady_clock::now();
    const Json& journal = live_.journal();
    double spent = 0;
    while (pending_ && spent < budgetMs) {
        const Time before = past_->cluster().now();
        const Time next = std::min(target_, before + kReplayChunk);
        // Done at the target, or when the journal has nothing more (no time passed).
        if (!past_->replayUntil(journal, next) || past_->cluster().now() >= target_ || past_->cluster().now() <= before)
            pending_ = false;
        spent = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    }
    lastReplayMs_ += spent;
}

void TimeTravel::stepForward() {
    const std::vector<LogRecord>& records = live_.cluster().eventLog().records();
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
    const std::vector<LogRecord>& records = live_.cluster().eventLog().records();
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
    if (!past_)
        return;
    past_.reset();
    ++clusterGeneration_;
}

}  // namespace kp::web
