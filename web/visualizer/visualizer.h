// The visualizer: the frame function that lays out the panels over the canvas (cluster map,
// inspector on the right, timeline at the bottom) and feeds them one ClusterView per change.
// It reads the session's cluster and never changes it: changes go through commands typed in
// the terminal. The timeline can scrub back in time: the panels then show the cluster as it
// was (TimeTravel), under a banner, while the terminal stays on the live cluster.
#pragma once
#include <cstdint>

#include "view/cluster_view.h"
#include "visualizer/cluster_map.h"
#include "visualizer/dashboard.h"
#include "visualizer/inspector.h"
#include "visualizer/selection.h"
#include "visualizer/time_travel.h"
#include "visualizer/timeline.h"

namespace kp::web {

class Session;

class Visualizer {
public:
    // `runCommand` types a command into the terminal and runs it (the one way the UI changes
    // the cluster).
    Visualizer(Session& session, Inspector::RunCommand runCommand);

    // After the GL context exists: builds the shader programs.
    void initGraphics();
    // Before each animation frame, drawn or not: carries a time-travel replay on and rebuilds the
    // view when the shown cluster changed (the JavaScript hooks read it). True when the canvas
    // would look different from the last frame drawn: a new view, event-log records to animate,
    // flows still moving, a replay under way. The page skips frames while it is false and no
    // input arrives (an idle page draws a few frames a second; see platform.h).
    bool update(double now);
    // One frame of ImGui calls (between NewFrame and Render), after update(). `now`: wall
    // seconds, for animation.
    void frame(double now);

    const view::ClusterView& view() const { return view_; }
    const ClusterMap& map() const { return map_; }
    const Dashboard& dashboard() const { return dashboard_; }
    const Timeline& timeline() const { return timeline_; }
    Timeline& timeline() { return timeline_; }
    const Inspector& inspector() const { return inspector_; }
    const Selection& selection() const { return selection_; }
    // Selects an object as a click on the map does (the browser tests' hook).
    void select(Selection selection) { selection_ = std::move(selection); }
    TimeTravel& timeTravel() { return timeTravel_; }
    // Frame-time figures of the last frame (the benchmark reads them).
    double lastBuildMs() const { return lastBuildMs_; }
    // Brings the Dashboard tab to the front (what `minikube dashboard` opens).
    void showDashboard() { selectDashboard_ = true; }
    // The page's theme: ImGui's style, the map's cards and text, the grid behind them.
    void setLightTheme(bool light);
    // Benchmark: draw a made-up cluster of `pods` pods instead of the session's (0: back to it).
    void useSyntheticView(size_t pods);

private:
    void refreshView(double now);
    void drawPastBanner();

    view::ClusterView view_;
    std::vector<IngressView> ingresses_;  // of the same cluster, rebuilt with view_
    int64_t viewRevision_ = -1;
    int64_t viewTimeMs_ = -1;
    std::string viewMachine_;
    size_t syntheticPods_ = 0;
    uint64_t viewCluster_ = 0;     // TimeTravel::clusterGeneration() of view_
    uint64_t viewGeneration_ = 1;  // bumped at every rebuild of view_
    uint64_t drawnGeneration_ = 0; // viewGeneration_ of the last frame drawn
    double lastBuildMs_ = 0;
    double lastBuildAt_ = 0;       // frame time (s) of the last rebuild
    Selection selection_;
    ClusterMap map_;
    Dashboard dashboard_;
    Inspector inspector_;
    Timeline timeline_;
    TimeTravel timeTravel_;
    bool showInspector_ = true;
    bool showTimeline_ = true;
    bool selectDashboard_ = false;
    bool lightTheme_ = false;
    bool graphicsReady_ = false;
};

// The page's one visualizer (defined in main.cpp), for the JavaScript bindings.
Visualizer& visualizer();

}  // namespace kp::web
