#include "visualizer/visualizer.h"

#include <algorithm>
#include <cmath>

#include "imgui.h"
#include "session.h"
#include "visualizer/synthetic_view.h"

namespace kp::web {

void Visualizer::initGraphics() {
    ImGuiStyle& style = ImGui::GetStyle();
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 4.0f;
    style.FrameRounding = 3.0f;
    style.WindowBorderSize = 1.0f;
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.09f, 0.10f, 0.13f, 0.96f);
    style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.12f, 0.22f, 0.36f, 1.0f);
    map_.initEffects();  // without shaders the map still draws, without grid and flows
}

void Visualizer::useSyntheticView(size_t pods) {
    syntheticPods_ = pods;
    viewRevision_ = -1;  // the next frame rebuilds the view
    if (pods > 0) {
        view_ = syntheticView(pods);
        ++viewGeneration_;
    }
}

void Visualizer::refreshView(double now) {
    if (syntheticPods_ > 0)
        return;
    const Cluster& cluster = session_.cluster;
    // The view changes with a write (resourceVersion), the machine state, or a component started
    // or stopped; also rebuild once per virtual second for the rest (kube-scheduler stop).
    const int64_t second = cluster.now().ms / 1000;
    const std::string machine = toString(cluster.machineState());
    if (cluster.store().resourceVersion() == viewRevision_ && second == viewTimeMs_ && machine == viewMachine_)
        return;
    const double started = ImGui::GetTime();
    view_ = view::snapshot(cluster);
    ++viewGeneration_;
    lastBuildMs_ = (ImGui::GetTime() - started) * 1000.0;
    viewRevision_ = cluster.store().resourceVersion();
    viewTimeMs_ = second;
    viewMachine_ = machine;
    (void)now;
}

void Visualizer::frame(double now) {
    refreshView(now);
    // The map fills the canvas; the inspector (top) and the timeline (bottom) share a column on
    // the right. Without either, the other takes the whole column; without both, the map does.
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const bool column = showInspector_ || showTimeline_;
    const float scale = ImGui::GetFontSize() / 13.0f;  // 2 on a Retina display
    const float columnW = column ? std::clamp(display.x * 0.38f, 300.0f * scale, 540.0f * scale) : 0.0f;
    const float inspectorH = !showInspector_ ? 0.0f : showTimeline_ ? std::floor(display.y * 0.58f) : display.y;
    const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::SetNextWindowPos({0, 0});
    ImGui::SetNextWindowSize({display.x - columnW, display.y});
    if (ImGui::Begin("Cluster", nullptr, fixed | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
        ImGui::TextDisabled("minikube: %s", view_.machine.c_str());
        ImGui::SameLine();
        ImGui::Checkbox("inspector", &showInspector_);
        ImGui::SameLine();
        ImGui::Checkbox("timeline", &showTimeline_);
        if (ImGui::BeginTabBar("views")) {
            if (ImGui::BeginTabItem("Map")) {
                map_.drawContents(view_, viewGeneration_, selection_, now);
                ImGui::EndTabItem();
            }
            const ImGuiTabItemFlags dashboardFlags = selectDashboard_ ? ImGuiTabItemFlags_SetSelected : 0;
            selectDashboard_ = false;
            if (ImGui::BeginTabItem("Dashboard", nullptr, dashboardFlags)) {
                dashboard_.drawContents(view_, selection_);
                ImGui::EndTabItem();
            }
            ImGui::EndTabBar();
        }
    }
    ImGui::End();
    map_.animate(session_.cluster.eventLog(), now);

    if (showInspector_) {
        ImGui::SetNextWindowPos({display.x - columnW, 0});
        ImGui::SetNextWindowSize({columnW, inspectorH});
        if (ImGui::Begin("Inspector", nullptr, fixed))
            inspector_.drawContents(session_.cluster, view_, selection_, viewRevision_, now);
        ImGui::End();
    }
    if (showTimeline_) {
        ImGui::SetNextWindowPos({display.x - columnW, inspectorH});
        ImGui::SetNextWindowSize({columnW, display.y - inspectorH});
        if (ImGui::Begin("Timeline", nullptr, fixed))
            timeline_.drawContents(view_, session_.cluster.eventLog(), selection_);
        ImGui::End();
    }
    ImGui::PopStyleVar();
}

}  // namespace kp::web
