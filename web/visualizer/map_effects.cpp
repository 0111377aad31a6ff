#include "visualizer/map_effects.h"

#include <algorithm>
#include <cstddef>
#include <vector>

#include "platform/gl_uploads.h"

namespace kp::web {
namespace {

constexpr GLsizei kTailPoints = 10;  // points per comet (flow_particle.vert's gl_VertexID)

struct FlowInstance {
    float from[2];
    float to[2];
    float color[4];
    float start;
};

}  // namespace

MapEffects::~MapEffects() {
    if (emptyVao_)
        glDeleteVertexArrays(1, &emptyVao_);
    if (flowVao_)
        glDeleteVertexArrays(1, &flowVao_);
    if (flowBuffer_)
        glDeleteBuffers(1, &flowBuffer_);
}

bool MapEffects::init() {
    if (!grid_.build("background_grid.vert", "background_grid.frag"))
        return false;
    if (!flow_.build("flow_particle.vert", "flow_particle.frag"))
        return false;
    glGenVertexArrays(1, &emptyVao_);
    glGenVertexArrays(1, &flowVao_);
    glGenBuffers(1, &flowBuffer_);
    glBindVertexArray(flowVao_);
    glBindBuffer(GL_ARRAY_BUFFER, flowBuffer_);
    glBufferData(GL_ARRAY_BUFFER, sizeof(FlowInstance) * kMaxFlows, nullptr, GL_DYNAMIC_DRAW);
    const GLsizei stride = sizeof(FlowInstance);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(FlowInstance, from)));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(FlowInstance, to)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 4, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(FlowInstance, color)));
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 1, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(FlowInstance, start)));
    for (GLuint i = 0; i < 4; ++i)
        glVertexAttribDivisor(i, 1);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    return true;
}

void MapEffects::addFlow(ImVec2 from, ImVec2 to, ImU32 color, double now) {
    if (flows_.size() == kMaxFlows)
        flows_.pop_front();
    // Many writes in one frame (a rollout) would overlap exactly: stagger their starts a little.
    const double start = flows_.empty() ? now : std::max(now, flows_.back().start + 0.03);
    flows_.push_back({from, to, color, start});
}

void MapEffects::applyScissor(const ImDrawCmd* cmd) const {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
    const ImVec4 c = cmd->ClipRect;
    glEnable(GL_SCISSOR_TEST);
    glScissor(static_cast<GLint>(c.x * scale.x), static_cast<GLint>((display.y - c.w) * scale.y),
              static_cast<GLsizei>((c.z - c.x) * scale.x), static_cast<GLsizei>((c.w - c.y) * scale.y));
}

void MapEffects::queueGrid(ImDrawList* list, const MapTransform& t, double now) {
    if (!grid_.ok())
        return;
    if (timeBase_ < 0)
        timeBase_ = now;
    transform_ = t;
    time_ = now;
    list->AddCallback(&MapEffects::drawGridCallback, this);
    list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void MapEffects::queueFlows(ImDrawList* list, const MapTransform& t, double now) {
    while (!flows_.empty() && now - flows_.front().start > kFlowSeconds * 1.5)
        flows_.pop_front();
    if (!flow_.ok() || flows_.empty())
        return;
    if (timeBase_ < 0)
        timeBase_ = now;
    transform_ = t;
    time_ = now;
    list->AddCallback(&MapEffects::drawFlowsCallback, this);
    list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void MapEffects::drawGridCallback(const ImDrawList*, const ImDrawCmd* cmd) {
    auto* self = static_cast<MapEffects*>(cmd->UserCallbackData);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    self->applyScissor(cmd);
    glDisable(GL_BLEND);
    glUseProgram(self->grid_.id());
    glUniform2f(self->grid_.uniform("u_resolution"), display.x, display.y);
    glUniform2f(self->grid_.uniform("u_origin"), self->transform_.origin.x, self->transform_.origin.y);
    glUniform1f(self->grid_.uniform("u_zoom"), self->transform_.zoom);
    glUniform1f(self->grid_.uniform("u_time"), static_cast<float>(self->time_ - self->timeBase_));
    if (self->light_)
        glUniform3f(self->grid_.uniform("u_base"), 0.925f, 0.937f, 0.953f);
    else
        glUniform3f(self->grid_.uniform("u_base"), 0.059f, 0.071f, 0.086f);
    glUniform1f(self->grid_.uniform("u_lines"), self->light_ ? -1.0f : 1.0f);
    glBindVertexArray(self->emptyVao_);
    glDrawArrays(GL_TRIANGLES, 0, 3);
}

void MapEffects::drawFlowsCallback(const ImDrawList*, const ImDrawCmd* cmd) {
    auto* self = static_cast<MapEffects*>(cmd->UserCallbackData);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    std::vector<FlowInstance> instances;
    instances.reserve(self->flows_.size());
    for (const Flow& f : self->flows_) {
        const ImVec2 a = self->transform_.toScreen(f.from);
        const ImVec2 b = self->transform_.toScreen(f.to);
        const ImVec4 c = ImGui::ColorConvertU32ToFloat4(f.color);
        instances.push_back({{a.x, a.y}, {b.x, b.y}, {c.x, c.y, c.z, c.w},
                             static_cast<float>(f.start - self->timeBase_)});
    }
    self->applyScissor(cmd);
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE);  // comets add light
    glUseProgram(self->flow_.id());
    glUniform2f(self->flow_.uniform("u_resolution"), display.x, display.y);
    glUniform1f(self->flow_.uniform("u_time"), static_cast<float>(self->time_ - self->timeBase_));
    glUniform1f(self->flow_.uniform("u_duration"), kFlowSeconds);
    glUniform1f(self->flow_.uniform("u_pointSize"), 5.0f + 3.0f * std::min(self->transform_.zoom, 2.0f));
    glBindVertexArray(self->flowVao_);
    glBindBuffer(GL_ARRAY_BUFFER, self->flowBuffer_);
    kpGlBufferSubData(GL_ARRAY_BUFFER, 0, static_cast<GLsizeiptr>(instances.size() * sizeof(FlowInstance)),
                      instances.data());
    glDrawArraysInstanced(GL_POINTS, 0, kTailPoints, static_cast<GLsizei>(instances.size()));
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

}  // namespace kp::web
