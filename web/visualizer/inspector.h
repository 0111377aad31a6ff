// The inspector panel: explain() of the selected object. "Why" first (the scheduler's per-node,
// per-plugin verdicts for a pod; why each endpoint is or is not ready), then which components'
// API writes created and changed it, conditions, the owner chain, its spec next to its status
// (two trees), the events about the object, and its YAML (managedFields hidden). Headers and
// fixed words follow the page's language (strings.h).
// For a control-plane component it says what the component does and whether it runs.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "cluster/cluster.h"
#include "imgui.h"
#include "view/explain.h"
#include "visualizer/selection.h"

namespace kp::web {

// A button of the inspector: its label and the command it types into the terminal.
struct InspectorAction {
    std::string label;
    std::string command;
};

// The buttons for a selection, each a command the learner could type: describe, logs, kill a
// pod, crash one of its containers (`kubectl exec POD -c CONTAINER -- kill 1`); cordon, drain, stop or start a node; scale or restart a deployment; stop or start the
// scheduler or the controller-manager (their static pod manifests moved out of
// /etc/kubernetes/manifests and back, as on a real minikube node).
std::vector<InspectorAction> inspectorActions(const Cluster& cluster, const Selection& selection);

// One API write to an object, from the cluster's event log: which component (its client name:
// "deployment-controller", "kubelet/minikube", "kubectl-client-side-apply") did what, and when.
struct ObjectWrite {
    Time time;
    std::string actor;
    std::string verb;    // create, update, patch, delete, ...
    std::string detail;  // the subresource or reason, if any
};

// The last `most` writes to one object (`resource` as the log names it: "pods",
// "deployments.apps"), oldest first: which controller action created or changed it.
std::vector<ObjectWrite> objectWrites(const Cluster& cluster, const std::string& resource, const std::string& ns,
                                      const std::string& name, size_t most = 12);

class Inspector {
public:
    // Buttons run kubectl/minikube commands through this (the page types them into the terminal,
    // so the learner sees the command that changed the cluster).
    using RunCommand = std::function<void(const std::string&)>;
    explicit Inspector(RunCommand run = {}) : run_(std::move(run)) {}

    // `revision` changes whenever the cluster may have changed (the store's resourceVersion):
    // the explanation is recomputed when the selection changes, and after a change at most
    // kRefreshSeconds apart (at 20x the store changes every frame). `now`: wall seconds.
    void drawContents(const Cluster& cluster, const view::ClusterView& view, Selection& selection, int64_t revision,
                      double now);

    static constexpr double kRefreshSeconds = 0.25;
    // The section headers ("Why", "Conditions", ...) and the fixed words (column headers, "owned
    // by") the last frame drew, in the page's language (the browser tests read them).
    const std::vector<std::string>& drawnHeaders() const { return drawnHeaders_; }
    const std::vector<std::string>& drawnLabels() const { return drawnLabels_; }
    // While the panels show the past, the buttons (which would change the live cluster) are hidden.
    void setReadOnly(bool readOnly) { readOnly_ = readOnly; }

private:
    void drawWhy();
    void drawActions(const Cluster& cluster, const Selection& selection);
    void drawOwners(Selection& selection);
    void drawComponent(const view::ClusterView& view, const std::string& name);
    void drawSpecStatus();
    // A collapsing section header in the page's language (its ID stays the English text).
    bool header(const char* english, ImGuiTreeNodeFlags flags = 0);
    // A fixed word in the page's language, noted for drawnLabels().
    const char* label(const char* english);

    RunCommand run_;
    bool readOnly_ = false;
    Selection explained_;
    int64_t explainedRevision_ = -1;
    double explainedAt_ = -1;
    view::Explanation explanation_;
    std::vector<ObjectWrite> writes_;  // objectWrites() of the explained object
    std::vector<std::string> drawnHeaders_, drawnLabels_;
    ObjectPtr object_;  // the explained object as the store holds it (spec and status)
};

}  // namespace kp::web
