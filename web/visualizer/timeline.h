// The timeline panel: Kubernetes Events (what `kubectl get events` lists), and three views of the
// engine's event log: the apiserver's writes (who wrote what), the scheduler's work (bindings,
// status updates of pods it could not place, its Events) and the traffic (HTTP requests through
// Services and Ingresses, DNS lookups); newest at the bottom, with a text filter and a
// warnings-only switch. Clicking an event selects the object it is about. On top, a scrub slider over virtual
// time: dragging it back shows the cluster as it was then (TimeTravel), the step buttons move to
// the previous/next moment something happened, "live" returns to the present.
#pragma once
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

class Timeline {
public:
    void drawContents(const view::ClusterView& view, const EventLog& log, Selection& selection, TimeTravel& travel);

    // "10:03:07" (UTC): the day is always the same in a lesson.
    static std::string clockTime(Time t);

    // What the last frame showed (the browser tests read it): the text in the filter box and
    // where the box is (screen pixels), the tab in front ("events", "writes", "scheduling",
    // "traffic") and how many of its rows passed the filter.
    std::string filterText() const { return filter_.InputBuf; }
    ImVec2 filterMin() const { return filterMin_; }
    ImVec2 filterMax() const { return filterMax_; }
    const char* shownTab() const { return shownTab_; }
    size_t shownRows() const { return shownRows_; }

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
    int64_t scrubMs_ = 0;  // the slider's value while it is dragged
    bool scrubbing_ = false;
};

}  // namespace kp::web
