#include "visualizer/visualizer.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "imgui.h"
#include "session.h"
#include "visualizer/colors.h"
#include "visualizer/strings.h"
#include "visualizer/synthetic_view.h"

namespace kp::web {

Visualizer::Visualizer(Session& session, Inspector::RunCommand runCommand)
    : inspector_(std::move(runCommand)), timeTravel_(session, laptopConfig()) {}

void Visualizer::initGraphics() {
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 4.0f;
    style.FrameRounding = 3.0f;
    style.WindowBorderSize = 1.0f;
    map_.initEffects();  // without shaders the map still draws, without grid and flows
    graphicsReady_ = true;
    setLightTheme(lightTheme_);
}

void Visualizer::setLightTheme(bool light) {
    lightTheme_ = light;
    colors::usePalette(light);
    map_.setLightTheme(light);
    if (!graphicsReady_)
        return;  // initGraphics applies it
    ImGuiStyle& style = ImGui::GetStyle();
    if (light) {
        ImGui::StyleColorsLight(&style);
        style.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 0.97f);
        style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.75f, 0.84f, 0.95f, 1.0f);
        return;
    }
    ImGui::StyleColorsDark(&style);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.09f, 0.10f, 0.13f, 0.96f);
    style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.12f, 0.22f, 0.36f, 1.0f);
}

void Visualizer::useSyntheticView(size_t pods) {
    syntheticPods_ = pods;
    viewRevision_ = -1;  // the next frame rebuilds the view
    if (pods > 0) {
        view_ = syntheticView(pods);
        ingresses_.clear();
        ++viewGeneration_;
    }
}

void Visualizer::refreshView(double now) {
    if (syntheticPods_ > 0)
        return;
    const Cluster& cluster = timeTravel_.shown();
    // The view changes with a write (resourceVersion), the machine state, or a component started
    // or stopped; also rebuild once per virtual second for the rest (kube-scheduler stop), and
    // when the shown cluster becomes another (time travel).
    const int64_t second = cluster.now().ms / 1000;
    const std::string machine = toString(cluster.machineState());
    if (cluster.store().resourceVersion() == viewRevision_ && second == viewTimeMs_ && machine == viewMachine_ &&
        timeTravel_.clusterGeneration() == viewCluster_)
        return;
    // A rebuild reads every pod: at 150,000 pods it takes a second or more, and a cluster that
    // size writes (Lease renewals) on every frame. Writes and the clock rebuild at most so often
    // that rebuilding takes a tenth of the time; the machine and time travel rebuild at once.
    // (view::refresh, which re-reads only the written pods, is not used here: its cheap
    // refreshes, paced by that same rule, ran nearly every frame and frames averaged 143 ms at
    // 150,000 pods, against 2.6 ms with paced whole rebuilds.)
    const bool urgent = machine != viewMachine_ || timeTravel_.clusterGeneration() != viewCluster_;
    if (!urgent && (now - lastBuildAt_) * 1000 < 9 * lastBuildMs_)
        return;
    if (timeTravel_.clusterGeneration() != viewCluster_)
        map_.skipFlows(cluster.eventLog());  // another cluster: its log's writes are not news
    viewCluster_ = timeTravel_.clusterGeneration();
    const auto started = std::chrono::steady_clock::now();  // a cost figure, never shown in the cluster
    view_ = view::snapshot(cluster);
    ingresses_ = ingressViews(cluster);
    ++viewGeneration_;
    lastBuildMs_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    viewRevision_ = cluster.store().resourceVersion();
    viewTimeMs_ = second;
    viewMachine_ = machine;
    lastBuildAt_ = now;
}

// "Viewing 10:03:07 · live is at 10:05:12 [back to live]" across the top of the map while the
// panels show the past.
void Visualizer::drawPastBanner() {
    if (!timeTravel_.viewingPast())
        return;
    const ImVec4 amber = colors::toVec4(colors::kProgressing);
    ImGui::PushStyleColor(ImGuiCol_Text, amber);
    if (timeTravel_.replaying())
        ImGui::Text(tr("Replaying to %s (at %s)..."), Timeline::clockTime(timeTravel_.target()).c_str(),
                    Timeline::clockTime(timeTravel_.viewedAt()).c_str());
    else
        ImGui::Text(tr("Viewing the cluster at %s; live is at %s."), Timeline::clockTime(timeTravel_.viewedAt()).c_str(),
                    Timeline::clockTime(timeTravel_.liveNow()).c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (ImGui::SmallButton(trId("back to live").c_str()))
        timeTravel_.backToLive();
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tr("(the terminal works on the live cluster)"));
}

bool Visualizer::update(double now) {
    timeTravel_.update();
    refreshView(now);
    return viewGeneration_ != drawnGeneration_ || map_.busy(timeTravel_.shown().eventLog(), now) ||
           timeTravel_.replaying() || selectDashboard_;
}

void Visualizer::frame(double now) {
    drawnGeneration_ = viewGeneration_;
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
    if (ImGui::Begin(trId("Cluster").c_str(), nullptr, fixed | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
        drawPastBanner();
        ImGui::TextDisabled("minikube: %s", view_.machine.c_str());
        ImGui::SameLine();
        ImGui::Checkbox(trId("inspector").c_str(), &showInspector_);
        ImGui::SameLine();
        ImGui::Checkbox(trId("timeline").c_str(), &showTimeline_);
        if (ImGui::BeginTabBar("views")) {
            if (ImGui::BeginTabItem(trId("Map").c_str())) {
                map_.drawContents(view_, ingresses_, viewGeneration_, selection_, now);
                ImGui::EndTabItem();
            }
            const ImGuiTabItemFlags dashboardFlags = selectDashboard_ ? ImGuiTabItemFlags_SetSelected : 0;
            selectDashboard_ = false;
            if (ImGui::BeginTabItem(trId("Dashboard").c_str(), nullptr, dashboardFlags)) {
                dashboard_.drawContents(view_, selection_);
                ImGui::EndTabItem();
            }
            ImGui::EndTabBar();
        }
    }
    ImGui::End();
    const Cluster& shown = timeTravel_.shown();
    map_.animate(shown.eventLog(), now);  // stepping forward in the past animates that step's writes

    if (showInspector_) {
        ImGui::SetNextWindowPos({display.x - columnW, 0});
        ImGui::SetNextWindowSize({columnW, inspectorH});
        if (ImGui::Begin(trId("Inspector").c_str(), nullptr, fixed)) {
            inspector_.setReadOnly(timeTravel_.viewingPast());
            inspector_.drawContents(shown, view_, selection_, static_cast<int64_t>(viewGeneration_), now);
        }
        ImGui::End();
    }
    if (showTimeline_) {
        ImGui::SetNextWindowPos({display.x - columnW, inspectorH});
        ImGui::SetNextWindowSize({columnW, display.y - inspectorH});
        if (ImGui::Begin(trId("Timeline").c_str(), nullptr, fixed))
            timeline_.drawContents(view_, shown.eventLog(), selection_, timeTravel_);
        ImGui::End();
    }
    ImGui::PopStyleVar();
}

}  // namespace kp::web
