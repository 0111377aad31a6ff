// Browser platform: GLFW (built into emscripten) on the page's <canvas id="canvas">, WebGL2,
// Dear ImGui's GLFW + OpenGL3 ("#version 300 es") backends, and requestAnimationFrame.
//
// The canvas shares the page with the terminal: emscripten's GLFW listens to keys on the whole
// window, so while the canvas does not have focus ImGui gets no keyboard input and no widget
// stays active (typing in the terminal must never type into an ImGui text box).
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <iterator>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "platform/platform.h"

namespace kp::web::platform {
namespace {

struct Runtime {
    GLFWwindow* window = nullptr;
    App app;
    bool hadFocus = false;
    double frameMs[kFrameWindow] = {};
    double pixelRatio = 1.0;
    int frames = 0;
    double drawn = 0, skipped = 0;
    int settle = 0;          // frames still to draw after the last reason to (kSettleFrames)
    double lastDrawn = -1;   // wall seconds of the last frame drawn
    std::string pendingFont, pendingGlyphs;  // mergeFont(): applied before the next frame
    ImVector<ImWchar> fontRanges;             // must outlive the font atlas
};

Runtime& runtime() {
    static Runtime r;
    return r;
}

// One call into JavaScript per animation frame: whether the canvas has focus, whether the page
// was woken (input or an engine call since the last frame; the flag is cleared), and whether
// every frame is to be drawn (Module.kpDrawEveryFrame).
struct PageState {
    bool focused = false;
    bool woken = false;
    bool everyFrame = false;
};

EM_JS(int, kpPageStateBits, (), {
    var woken = Module["kpWoken"] ? 2 : 0;
    Module["kpWoken"] = false;
    return (document.activeElement === Module["canvas"] ? 1 : 0) | woken | (Module["kpDrawEveryFrame"] ? 4 : 0);
});

PageState pageState() {
    const int bits = kpPageStateBits();
    return {(bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0};
}

// What wakes the page (see kSettleFrames in platform.h): input anywhere on the page (captured
// before the page's own handlers can stop it), and every engine function JavaScript calls except
// those that run all the time without changing what the canvas shows by themselves (the clock's
// kp_advance moves the cluster, which App::update sees; the terminal's and lessons' polls; the
// idle checkpoint work; the frame statistics).
EM_JS(void, kpInstallWakers, (), {
    var wake = function() { Module["kpWoken"] = true; };
    ["pointermove", "pointerdown", "pointerup", "pointerleave", "pointercancel", "wheel", "keydown", "keyup",
     "focusin", "focusout", "resize", "blur", "focus", "compositionend"]
        .forEach(function(type) { window.addEventListener(type, wake, {capture: true, passive: true}); });
    var quiet = {kp_advance: 1, kp_now_ms: 1, kp_next_timer_ms: 1, kp_poll: 1, kp_lesson_poll: 1,
                 kp_checkpoints_work: 1, kp_checkpoints_state: 1, kp_checkpoints_budget: 1, kp_frame_stats: 1, kp_version: 1};
    Object.keys(Module).forEach(function(name) {
        var f = Module[name];
        if (name.indexOf("kp_") !== 0 || quiet[name] || typeof f !== "function")
            return;
        Module[name] = function() {
            Module["kpWoken"] = true;
            return f.apply(this, arguments);
        };
    });
    Module["kpWoken"] = true;
});

// The canvas is sized by CSS (the page's splitters): its drawing buffer follows, in device
// pixels (GLFW reports the mouse in the same units).
// True when it changed the size.
bool syncCanvasSize(GLFWwindow* window, double pixelRatio) {
    double cssW = 0, cssH = 0;
    if (emscripten_get_element_css_size("#canvas", &cssW, &cssH) != EMSCRIPTEN_RESULT_SUCCESS)
        return false;
    int w = 0, h = 0;
    glfwGetWindowSize(window, &w, &h);
    const int wantW = std::max(1, static_cast<int>(std::lround(cssW * pixelRatio)));
    const int wantH = std::max(1, static_cast<int>(std::lround(cssH * pixelRatio)));
    if (wantW == w && wantH == h)
        return false;
    glfwSetWindowSize(window, wantW, wantH);
    return true;
}

void dropKeyboard(ImGuiIO& io) {
    std::fill(std::begin(io.KeysDown), std::end(io.KeysDown), false);
    io.KeyCtrl = io.KeyShift = io.KeyAlt = io.KeySuper = false;
    io.ClearInputCharacters();
}

// Adds the pending font to ImGui's atlas (merged into the default font) and uploads the atlas
// again. Between frames: the atlas is locked inside one.
// True when it merged one.
bool applyPendingFont(Runtime& r) {
    if (r.pendingFont.empty())
        return false;
    ImGuiIO& io = ImGui::GetIO();
    const float size = 13.0f * static_cast<float>(r.pixelRatio);
    if (io.Fonts->Fonts.empty()) {  // the built-in font was added lazily: add it first to merge into
        ImFontConfig base;
        base.SizePixels = size;
        io.Fonts->AddFontDefault(&base);
    }
    ImFontGlyphRangesBuilder builder;
    builder.AddText(r.pendingGlyphs.c_str());
    r.fontRanges.clear();
    builder.BuildRanges(&r.fontRanges);
    ImFontConfig merge;
    merge.MergeMode = true;
    merge.OversampleH = 1;
    merge.PixelSnapH = true;
    merge.FontDataOwnedByAtlas = true;
    void* data = IM_ALLOC(r.pendingFont.size());
    std::memcpy(data, r.pendingFont.data(), r.pendingFont.size());
    io.Fonts->AddFontFromMemoryTTF(data, static_cast<int>(r.pendingFont.size()), size, &merge, r.fontRanges.Data);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    r.pendingFont.clear();
    r.pendingGlyphs.clear();
    return true;
}

// Whether ImGui was in the middle of an interaction at the end of the last frame: a text box
// being edited (its cursor blinks) or a mouse button held (a drag).
bool interacting() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput)
        return true;
    return std::any_of(std::begin(io.MouseDown), std::end(io.MouseDown), [](bool down) { return down; });
}

// Whether this animation frame is drawn (see kSettleFrames in platform.h).
bool shouldDraw(Runtime& r, bool changed, const PageState& page, double now) {
    const bool appWants = r.app.update ? r.app.update(now) : true;
    if (changed || page.woken || page.focused != r.hadFocus || interacting())
        r.settle = kSettleFrames + 1;
    else if (appWants)
        r.settle = std::max(r.settle, 2);  // this frame and one more
    if (page.everyFrame || r.settle > 0 || r.lastDrawn < 0 || now - r.lastDrawn >= kIdleRefreshSeconds) {
        r.settle = std::max(0, r.settle - 1);
        r.lastDrawn = now;
        return true;
    }
    return false;
}

void loop() {
    Runtime& r = runtime();
    bool changed = applyPendingFont(r);
    changed = syncCanvasSize(r.window, r.pixelRatio) || changed;
    glfwPollEvents();
    const PageState page = pageState();
    const bool focused = page.focused;
    if (!shouldDraw(r, changed, page, glfwGetTime())) {
        ++r.skipped;
        return;
    }
    ++r.drawn;
    const double started = emscripten_get_now();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    if (!focused)
        dropKeyboard(io);
    ImGui::NewFrame();
    if (!focused && r.hadFocus)
        ImGui::SetWindowFocus(nullptr);  // ends any text editing in the canvas
    r.hadFocus = focused;
    r.app.frame(glfwGetTime());
    ImGui::Render();
    int fbW = 0, fbH = 0;
    glfwGetFramebufferSize(r.window, &fbW, &fbH);
    glViewport(0, 0, fbW, fbH);
    glClearColor(0.059f, 0.071f, 0.086f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    r.frameMs[r.frames++ % kFrameWindow] = emscripten_get_now() - started;
}

// Emscripten 3.1.6's GLFW hands the scroll callback the browser's raw wheel deltas (pixels or
// lines, positive = down/right) where GLFW and ImGui expect steps, positive = up. One step is 100
// pixels, 3 lines or a page, as emscripten counts them elsewhere (Browser.getMouseWheelDelta).
// Without this, one notch of a mouse wheel (100 pixels) zoomed the map to its limit, the wrong
// way round, and scrolled ImGui's lists a hundred steps.
void onScroll(GLFWwindow*, double dx, double dy) {
    const int mode = EM_ASM_INT({ return Module['kpWheelMode'] | 0; });  // WheelEvent.deltaMode
    const double step = mode == 1 ? 3.0 : mode == 2 ? 1.0 : 100.0;
    ImGuiIO& io = ImGui::GetIO();
    io.MouseWheelH -= static_cast<float>(dx / step);
    io.MouseWheel -= static_cast<float>(dy / step);
}

}  // namespace

double canvasPixelRatio() { return runtime().pixelRatio; }

FrameStats frameStats() {
    const Runtime& r = runtime();
    FrameStats s;
    s.frames = std::min(r.frames, kFrameWindow);
    for (int i = 0; i < s.frames; ++i) {
        s.meanMs += r.frameMs[i];
        s.maxMs = std::max(s.maxMs, r.frameMs[i]);
    }
    if (s.frames > 0)
        s.meanMs /= s.frames;
    s.drawn = r.drawn;
    s.skipped = r.skipped;
    return s;
}

bool start(App app) {
    Runtime& r = runtime();
    r.app = std::move(app);
    // The wheel event's unit, for onScroll: registered before GLFW's own listener so it runs first.
    EM_ASM({ Module['canvas'].addEventListener('wheel', function(e) { Module['kpWheelMode'] = e.deltaMode; }, true); });
    if (!glfwInit()) {
        std::fprintf(stderr, "visualizer: GLFW did not start\n");
        return false;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    r.window = glfwCreateWindow(800, 450, "kubeplay", nullptr, nullptr);
    if (!r.window) {
        std::fprintf(stderr, "visualizer: no WebGL2 context; the terminal still works\n");
        return false;
    }
    glfwMakeContextCurrent(r.window);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // layout comes from code; nothing to persist
    ImGui_ImplGlfw_InitForOpenGL(r.window, true);
    glfwSetScrollCallback(r.window, onScroll);  // instead of the backend's (see onScroll)
    ImGui_ImplOpenGL3_Init("#version 300 es");
    // A click on the canvas gives it focus (GLFW's mousedown handler prevents the default).
    EM_ASM({
        var canvas = Module['canvas'];
        canvas.addEventListener('pointerdown', function() { canvas.focus({preventScroll: true}); });
    });
    r.pixelRatio = std::clamp(emscripten_get_device_pixel_ratio(), 1.0, 4.0);
    const float scale = static_cast<float>(r.pixelRatio);
    if (scale > 1.0f) {  // the built-in font rasterized at the screen's resolution
        ImFontConfig font;
        font.SizePixels = 13.0f * scale;
        io.Fonts->AddFontDefault(&font);
    }
    syncCanvasSize(r.window, r.pixelRatio);
    if (r.app.initGraphics)
        r.app.initGraphics();
    if (scale > 1.0f)
        ImGui::GetStyle().ScaleAllSizes(scale);
    kpInstallWakers();
    emscripten_set_main_loop(loop, 0, false);
    return true;
}

void mergeFont(std::string ttf, std::string glyphs) {
    Runtime& r = runtime();
    r.pendingFont = std::move(ttf);
    r.pendingGlyphs = std::move(glyphs);
}

void runInTerminal(const std::string& command) {
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdollar-in-identifier-extension"  // EM_ASM's $0
    EM_ASM(
        {
            var kubeplay = window['kubeplay'];
            if (kubeplay && kubeplay.terminal)
                kubeplay.terminal.execute(UTF8ToString($0));
        },
        command.c_str());
#pragma clang diagnostic pop
}

}  // namespace kp::web::platform
