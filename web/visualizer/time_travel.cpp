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
    const auto started = std::chrono::steady_clock::now();
    const Json& journal = live_.journal();
    // Forward from the last replay: carry on. Back in time (or the journal was cut by undo):
    // replay from the start into a fresh laptop.
    const bool carryOn = past_ && at >= target_ && past_->replayUntil(journal, at);
    if (!carryOn) {
        past_ = std::make_unique<cli::Laptop>(config_);
        past_->replayUntil(journal, at);
        ++clusterGeneration_;
    }
    target_ = at;
    lastReplayMs_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
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
