// The page's platform layer: the only code that talks to GLFW, the canvas and the browser's main
// loop (platform_web.cpp). Everything else in web/visualizer is plain ImGui.
#pragma once
#include <functional>
#include <string>

namespace kp::web::platform {

struct App {
    std::function<void()> initGraphics;  // once, after the GL context and ImGui exist
    std::function<void(double)> frame;   // each animation frame, between NewFrame and Render;
                                         // the argument is wall time in seconds
};

// Opens the canvas (#canvas) as a WebGL2 context, sets up Dear ImGui with its GLFW and OpenGL3
// backends, and hands the frame loop to the browser (emscripten_set_main_loop: the call returns
// at once and the page keeps running; no blocking loop, no ASYNCIFY). False when WebGL2 is
// unavailable (the terminal still works).
bool start(App app);

// Canvas pixels per CSS pixel (window.devicePixelRatio when the page started, at least 1): the
// canvas draws at the screen's resolution and ImGui's font and sizes are scaled by it.
double canvasPixelRatio();

// CPU time of the last frames (ImGui calls of the frame function, Render, and the GL
// submission), averaged over the last kFrameWindow frames, in milliseconds.
struct FrameStats {
    double meanMs = 0;
    double maxMs = 0;
    int frames = 0;
};
inline constexpr int kFrameWindow = 60;
FrameStats frameStats();

// Merges a TrueType font's glyphs for the characters of `glyphs` (UTF-8) into the canvas font,
// before the next frame (the CJK subset for the Chinese UI: the built-in font has only ASCII).
void mergeFont(std::string ttf, std::string glyphs);

// Types `command` into the page's terminal and runs it, as if the learner had typed it.
void runInTerminal(const std::string& command);

}  // namespace kp::web::platform
