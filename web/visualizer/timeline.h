// The timeline panel: Kubernetes Events (what `kubectl get events` lists), and three views of the
// engine's event log: the apiserver's writes (who wrote what), the scheduler's work (bindings,
// status updates of pods it could not place, its Events) and the traffic (HTTP requests through
// Services and Ingresses, DNS lookups); newest at the bottom, with a text filter and a
// warnings-only switch. The filter looks through the whole log of a tab (a component's writes
// may be long gone from its last rows) and the tab lists the newest 300 matches. Clicking an event selects the object it is about. On top, a scrub slider over virtual
// time: dragging it back shows the cluster as it was then (TimeTravel), the step buttons move to
// the previous/next moment something happened, "live" returns to the present.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "base/event_log.h"
#include "imgui.h"
#include "view/cluster_view.h"
#include "visualizer/selection.h"
#include "visualizer/time_travel.h"

namespace kp::web {

// The event-log tabs of the timeline.
enum class LogTab { Writes, Scheduling, Traffic };

// Whether a record belongs on a tab: every API write; the writes of the scheduler; the traffic
// flows (type "flow": http, dns).
bool onTab(const LogRecord& record, LogTab tab);
// The newest `limit` records of a tab, oldest first (what the tab lists before its text filter).
std::vector<const LogRecord*> tabRecords(const EventLog& log, LogTab tab, size_t limit);
// "deployments.apps/default/web": the object column of a record (and what its filter reads).
std::string recordObject(const LogRecord& record);

// The records of one tab that pass a text filter, as indexes into the log, oldest first. Kept
// from frame to frame and extended with the records appended since: filtering the whole log
// again is needed only when the filter text changes or the log is another one (scrubbing,
// undo).
class TabMatches {
public:
    const std::vector<size_t>& update(const EventLog& log, LogTab tab, const ImGuiTextFilter& filter);

private:
    std::vector<size_t> matches_;
    size_t scanned_ = 0;                    // records of the log looked at
    const LogRecord* lastScanned_ = nullptr;  // the last of them: tells another log apart
    std::string filterText_;
    std::string line_;  // reused buffer
};

class Timeline {
public:
    void drawContents(const view::ClusterView& view, const EventLog& log, Selection& selection, TimeTravel& travel);

    // "10:03:07" (UTC): the day is always the same in a lesson.
    static std::string clockTime(Time t);

    // What the last frame showed (the browser tests read it): the text in the filter box and
    // where the box is (screen pixels), the tab in front ("events", "writes", "scheduling",
    // "traffic") and how many of its rows passed the filter. A log tab lists at most the newest
    // kMaxLogRows of its matches; matchedRows() is how many records of the whole log matched,
    // shownLines() the rows it listed ("who verb object detail").
    std::string filterText() const { return filter_.InputBuf; }
    ImVec2 filterMin() const { return filterMin_; }
    ImVec2 filterMax() const { return filterMax_; }
    const char* shownTab() const { return shownTab_; }
    size_t shownRows() const { return shownRows_; }
    size_t matchedRows() const { return matchedRows_; }
    std::vector<std::string> shownLines() const {
        return {shownLines_.begin(), shownLines_.begin() + static_cast<std::ptrdiff_t>(shownLineCount_)};
    }
    // The scrub as the last frame drew it: its slider's box (screen pixels), whether the slider
    // and its arrows were disabled, and the tooltip the slider showed ("" when not hovered).
    ImVec2 scrubMin() const { return scrubMin_; }
    ImVec2 scrubMax() const { return scrubMax_; }
    bool scrubDisabled() const { return scrubDisabled_; }
    const char* scrubTooltip() const { return scrubTooltip_; }
    // Brings a tab to the front ("events", "writes", "scheduling", "traffic") with this text in
    // the filter box, at the next frame (the browser tests' hook; a learner clicks and types).
    void show(const std::string& tab, const std::string& filter) {
        requestedTab_ = tab;
        requestedFilter_ = filter;
        requested_ = true;
    }

    static constexpr size_t kMaxLogRows = 300;

private:
    void drawScrub(TimeTravel& travel);
    void drawEvents(const view::ClusterView& view, Selection& selection);
    void drawLog(const EventLog& log, LogTab tab);

    ImGuiTextFilter filter_;
    bool warningsOnly_ = false;
    size_t shownEvents_ = 0;   // to keep the list scrolled to the newest entry
    uint64_t shownSeq_[3] = {0, 0, 0};  // per LogTab
    ImVec2 filterMin_, filterMax_;
    const char* shownTab_ = "events";
    size_t shownRows_ = 0;
    size_t matchedRows_ = 0;
    std::vector<std::string> shownLines_;  // buffers kept from frame to frame
    size_t shownLineCount_ = 0;
    TabMatches matches_[3];  // per LogTab
    bool requested_ = false;
    std::string requestedTab_, requestedFilter_;
    int64_t scrubMs_ = 0;  // the slider's value while it is dragged
    bool scrubbing_ = false;
    ImVec2 scrubMin_, scrubMax_;
    bool scrubDisabled_ = false;
    const char* scrubTooltip_ = "";
};

}  // namespace kp::web
