// The dashboard view (what `minikube dashboard` shows, in the canvas): workloads, pods, Services
// and nodes as tables, read from the same ClusterView as the map. A click on a row selects the
// object for the inspector.
#pragma once
#include "imgui.h"
#include "view/cluster_view.h"
#include "visualizer/selection.h"

namespace kp::web {

class Dashboard {
public:
    void drawContents(const view::ClusterView& view, Selection& selection);

private:
    void drawWorkloads(const view::ClusterView& view, Selection& selection) const;
    void drawPods(const view::ClusterView& view, Selection& selection) const;
    void drawServices(const view::ClusterView& view, Selection& selection) const;
    void drawNodes(const view::ClusterView& view, Selection& selection) const;

    bool showSystem_ = false;
};

}  // namespace kp::web
