// The page's platform layer: the only code that talks to GLFW, the canvas and the browser's main
// loop (platform_web.cpp). Everything else in web/visualizer is plain ImGui.
#pragma once
#include <functional>
#include <string>

namespace kp::web::platform {

struct App {
    std::function<void()> initGraphics;  // once, after the GL context and ImGui exist
    // Each animation frame, before anything is drawn; the argument is wall time in seconds.
    // True when the app has something new to draw (none: every frame is drawn).
    std::function<bool(double)> update;
    std::function<void(double)> frame;   // each frame drawn, between NewFrame and Render;
                                         // the argument is wall time in seconds
};

// Idle frames: an animation frame is drawn (ImGui frame, Render, WebGL submission) only when
// something can have changed what the canvas shows: App::update asks for it, input reached the
// page (pointer, wheel, keys, focus, resize), a JavaScript call into the engine other than the
// clock's and the terminal's polling (see start()), a font was merged, the canvas changed size,
// or ImGui is in the middle of an interaction (a text box or a mouse button held). Each such
// frame is followed by kSettleFrames more (ImGui lays some things out over a few frames); besides
// these, one frame every kIdleRefreshSeconds keeps time-based drawing (the grid's shimmer) going.
// Each skipped frame costs a few calls instead of ImGui's frame and its synchronous WebGL calls.
// Module.kpDrawEveryFrame = true in the page turns skipping off (frame-time benchmarks).
inline constexpr int kSettleFrames = 3;
inline constexpr double kIdleRefreshSeconds = 0.5;

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
    double drawn = 0;    // frames drawn since the page started
    double skipped = 0;  // animation frames skipped as idle
};
inline constexpr int kFrameWindow = 60;
FrameStats frameStats();

// Merges a TrueType font's glyphs for the characters of `glyphs` (UTF-8) into the canvas font,
// before the next frame (the CJK subset for the Chinese UI: the built-in font has only ASCII).
void mergeFont(std::string ttf, std::string glyphs);

// Types `command` into the page's terminal and runs it, as if the learner had typed it.
void runInTerminal(const std::string& command);

}  // namespace kp::web::platform
