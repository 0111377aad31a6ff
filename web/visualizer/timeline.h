// The timeline panel: Kubernetes Events (what `kubectl get events` lists) and the apiserver's
// write log (who wrote what), newest at the bottom, with a text filter and a warnings-only
// switch. Clicking an event selects the object it is about.
#pragma once
#include "base/event_log.h"
#include "imgui.h"
#include "view/cluster_view.h"
#include "visualizer/selection.h"

namespace kp::web {

class Timeline {
public:
    void drawContents(const view::ClusterView& view, const EventLog& log, Selection& selection);

private:
    void drawEvents(const view::ClusterView& view, Selection& selection);
    void drawWrites(const EventLog& log);

    ImGuiTextFilter filter_;
    bool warningsOnly_ = false;
    size_t shownEvents_ = 0;   // to keep the list scrolled to the newest entry
    uint64_t shownSeq_ = 0;
};

}  // namespace kp::web
