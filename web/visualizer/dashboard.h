// The dashboard view (what `minikube dashboard` shows, in the canvas): workloads, pods, Services
// and nodes as tables, read from the same ClusterView as the map. A click on a row selects the
// object for the inspector.
#pragma once
#include <initializer_list>
#include <string>
#include <vector>

#include "imgui.h"
#include "view/cluster_view.h"
#include "visualizer/selection.h"

namespace kp::web {

class Dashboard {
public:
    void drawContents(const view::ClusterView& view, Selection& selection);

    // What the last drawContents() showed, one "table | cell | cell ..." line per row (the
    // browser tests read it), and the ImGui frame it was drawn in.
    const std::vector<std::string>& drawnRows() const { return drawnRows_; }
    int drawnFrame() const { return drawnFrame_; }

private:
    void drawWorkloads(const view::ClusterView& view, Selection& selection);
    void drawPods(const view::ClusterView& view, Selection& selection);
    void drawServices(const view::ClusterView& view, Selection& selection);
    void drawNodes(const view::ClusterView& view, Selection& selection);
    void noteRow(const char* table, std::initializer_list<std::string> cells);

    bool showSystem_ = false;
    std::vector<std::string> drawnRows_;
    int drawnFrame_ = -1;
};

}  // namespace kp::web
