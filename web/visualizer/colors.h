// The visualizer's palette: one colour per StatusCategory, as the map legend shows. The status
// colours read on both themes; the card, text and outline colours follow the page's theme
// (usePalette, called by Visualizer::setLightTheme).
#pragma once
#include "imgui.h"
#include "view/cluster_view.h"

namespace kp::web::colors {

inline constexpr ImU32 kRunning = IM_COL32(63, 185, 80, 255);      // green
inline constexpr ImU32 kProgressing = IM_COL32(230, 170, 40, 255); // amber
inline constexpr ImU32 kFailing = IM_COL32(230, 72, 72, 255);      // red
inline constexpr ImU32 kTerminating = IM_COL32(128, 134, 145, 255);// grey
inline constexpr ImU32 kCompleted = IM_COL32(70, 140, 235, 255);   // blue
// Theme-dependent (dark values here; usePalette switches them).
inline ImU32 kCard = IM_COL32(30, 35, 43, 240);
inline ImU32 kCardBorder = IM_COL32(60, 68, 80, 255);
inline ImU32 kText = IM_COL32(215, 220, 227, 255);
inline ImU32 kMuted = IM_COL32(138, 147, 160, 255);
inline ImU32 kSelected = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 kService = IM_COL32(160, 110, 240, 255);    // violet hubs
inline constexpr ImU32 kApiWrite = IM_COL32(90, 180, 255, 255);
inline constexpr ImU32 kScheduling = IM_COL32(255, 200, 80, 255);
inline constexpr ImU32 kIngress = IM_COL32(45, 190, 190, 255);     // teal square hubs
inline constexpr ImU32 kTraffic = IM_COL32(120, 230, 140, 255);    // requests: client -> Service -> pod
inline constexpr ImU32 kDns = IM_COL32(240, 140, 200, 255);        // lookups: client -> coredns

inline ImU32 forCategory(view::StatusCategory c) {
    switch (c) {
        case view::StatusCategory::Running: return kRunning;
        case view::StatusCategory::Progressing: return kProgressing;
        case view::StatusCategory::Failing: return kFailing;
        case view::StatusCategory::Terminating: return kTerminating;
        case view::StatusCategory::Completed: return kCompleted;
    }
    return kProgressing;
}

// The status a drawn colour stands for ("running", "progressing", "failing", "terminating",
// "completed"; alpha ignored), or "" for any other colour: what the browser tests read back.
inline const char* statusOfColor(ImU32 c) {
    const ImU32 rgb = c & ~IM_COL32_A_MASK;
    for (int i = 0; i < 5; ++i) {
        const view::StatusCategory category = static_cast<view::StatusCategory>(i);
        if ((forCategory(category) & ~IM_COL32_A_MASK) == rgb)
            return view::toString(category);
    }
    return "";
}

inline ImVec4 toVec4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

inline void usePalette(bool light) {
    kCard = light ? IM_COL32(255, 255, 255, 245) : IM_COL32(30, 35, 43, 240);
    kCardBorder = light ? IM_COL32(190, 198, 210, 255) : IM_COL32(60, 68, 80, 255);
    kText = light ? IM_COL32(29, 35, 43, 255) : IM_COL32(215, 220, 227, 255);
    kMuted = light ? IM_COL32(93, 103, 116, 255) : IM_COL32(138, 147, 160, 255);
    kSelected = light ? IM_COL32(20, 24, 30, 255) : IM_COL32(255, 255, 255, 255);
}

}  // namespace kp::web::colors
