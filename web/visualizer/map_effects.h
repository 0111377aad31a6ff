// The cluster map's GPU effects, drawn with the custom shaders in shaders/ from inside ImGui's
// draw list (ImDrawList::AddCallback), so they sit at the right depth: the grid under the cards,
// the flow comets over them, the inspector and timeline windows over both.
//   - background_grid.{vert,frag}: the grid that pans and zooms with the map;
//   - flow_particle.{vert,frag}: a comet per API write (component -> kube-apiserver) and per
//     scheduling decision (kube-scheduler -> node).
// Flows are kept in world coordinates; each frame converts them to screen positions.
#pragma once
#include <deque>

#include "imgui.h"
#include "visualizer/gl_program.h"

namespace kp::web {

struct MapTransform {
    ImVec2 origin;     // screen position of world (0, 0)
    float zoom = 1.0f; // pixels per world unit
    ImVec2 toScreen(ImVec2 world) const { return {origin.x + world.x * zoom, origin.y + world.y * zoom}; }
    ImVec2 toWorld(ImVec2 screen) const { return {(screen.x - origin.x) / zoom, (screen.y - origin.y) / zoom}; }
};

class MapEffects {
public:
    MapEffects() = default;
    ~MapEffects();
    MapEffects(const MapEffects&) = delete;
    MapEffects& operator=(const MapEffects&) = delete;

    // Builds the programs (needs the GL context); false when the shaders do not build: the map
    // then draws without effects.
    bool init();

    // The grid's colours: a light field with darker lines, or the dark default.
    void setLightTheme(bool light) { light_ = light; }

    // Starts a comet from `from` to `to` (world coordinates) at wall time `now` (seconds).
    void addFlow(ImVec2 from, ImVec2 to, ImU32 color, double now);
    size_t activeFlows() const { return flows_.size(); }
    // Whether a flow is still to be drawn at `now` (queueFlows drops them later).
    bool moving(double now) const { return !flows_.empty() && now - flows_.back().start <= kFlowSeconds * 1.5; }

    // Queue the GL draws into `list` (call between the map's ImGui drawing calls).
    void queueGrid(ImDrawList* list, const MapTransform& t, double now);
    void queueFlows(ImDrawList* list, const MapTransform& t, double now);

    static constexpr float kFlowSeconds = 0.9f;
    static constexpr size_t kMaxFlows = 512;

private:
    struct Flow {
        ImVec2 from, to;
        ImU32 color;
        double start;
    };
    static void drawGridCallback(const ImDrawList* list, const ImDrawCmd* cmd);
    static void drawFlowsCallback(const ImDrawList* list, const ImDrawCmd* cmd);
    void applyScissor(const ImDrawCmd* cmd) const;

    GlProgram grid_;
    GlProgram flow_;
    GLuint emptyVao_ = 0;
    GLuint flowVao_ = 0;
    GLuint flowBuffer_ = 0;
    std::deque<Flow> flows_;
    // What the callbacks need, captured when queued (they run later, in ImGui's render pass).
    MapTransform transform_;
    double time_ = 0;
    double timeBase_ = -1;
    bool light_ = false;  // the shaders get seconds since the first frame (float precision)
};

}  // namespace kp::web
