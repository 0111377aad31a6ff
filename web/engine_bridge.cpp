// The engine's JavaScript interface (embind). The page calls, on the module object:
//   kp_version()  -> "kubeplay 0.1.0 (Kubernetes v1.32.0)"
//   kp_eval(script)     -> what the commands print (stdout, then stderr)
//   kp_is_complete(text) -> false while a quote or here-document is still open
//   kp_advance(ms)      -> moves the cluster's virtual time (the page's clock loop, time.js)
//   kp_now_ms()         -> virtual time, milliseconds since the Unix epoch
//   kp_next_timer_ms()  -> how far away the cluster's next timer is (ms), -1 when none
//   kp_view()           -> the visualizer's view of the cluster as JSON (view::snapshot)
//   kp_explain(kind, namespace, name) -> the inspector's explanation of one object as JSON
//   kp_selection()      -> what the visualizer has selected, {"kind", "namespace", "name"}
//   kp_map_pod_position(namespace, name) -> {"x", "y"} of the pod's chip on the canvas (CSS pixels), or null
//   kp_bench_view(pods) -> the visualizer draws a made-up cluster of that many pods (0: the real one)
//   kp_frame_stats()    -> {"meanMs", "maxMs", "frames"}: CPU time of the last 60 frames
#include <emscripten/bind.h>

#include <string>

#include "base/version.h"
#include "platform/platform.h"
#include "session.h"
#include "view/cluster_view.h"
#include "view/explain.h"
#include "visualizer/visualizer.h"

namespace {

std::string kpVersion() { return kp::engineBanner(); }

// Runs one command line; stdout then stderr, as a terminal shows them.
std::string kpEval(const std::string& line) {
    kp::cli::CommandResult r = kp::web::session().shell.run(line);
    return r.out + r.err;
}

bool kpIsComplete(const std::string& text) { return kp::cli::Shell::isComplete(text); }

// Milliseconds as a JavaScript number (double): embind has no int64.
void kpAdvance(double ms) {
    if (ms <= 0)
        return;
    kp::web::session().cluster.advance(kp::Duration::millis(static_cast<int64_t>(ms)));
}

double kpNowMs() { return static_cast<double>(kp::web::session().cluster.now().ms); }

double kpNextTimerMs() {
    kp::Cluster& cluster = kp::web::session().cluster;
    kp::Time next;
    if (!cluster.nextTimerAt(next))
        return -1;
    const int64_t away = (next - cluster.now()).ms;
    return static_cast<double>(away < 0 ? 0 : away);
}

std::string kpView() { return kp::view::toJson(kp::view::snapshot(kp::web::session().cluster)).dump(); }

std::string kpExplain(const std::string& kind, const std::string& ns, const std::string& name) {
    return kp::view::toJson(kp::view::explain(kp::web::session().cluster, kind, ns, name)).dump();
}

std::string kpSelection() {
    const kp::web::Selection& s = kp::web::visualizer().selection();
    return kp::Json{{"kind", s.kind}, {"namespace", s.namespace_}, {"name", s.name}}.dump();
}

std::string kpMapPodPosition(const std::string& ns, const std::string& name) {
    ImVec2 at;
    if (!kp::web::visualizer().map().podScreenPosition(ns, name, at))
        return "null";
    const double cssPerPixel = 1.0 / kp::web::platform::canvasPixelRatio();  // canvas pixels -> CSS pixels
    return kp::Json{{"x", at.x * cssPerPixel}, {"y", at.y * cssPerPixel}}.dump();
}

void kpBenchView(double pods) { kp::web::visualizer().useSyntheticView(static_cast<size_t>(pods)); }

std::string kpFrameStats() {
    const kp::web::platform::FrameStats s = kp::web::platform::frameStats();
    return kp::Json{{"meanMs", s.meanMs}, {"maxMs", s.maxMs}, {"frames", s.frames}}.dump();
}

}  // namespace

EMSCRIPTEN_BINDINGS(kubeplay) {
    emscripten::function("kp_version", &kpVersion);
    emscripten::function("kp_eval", &kpEval);
    emscripten::function("kp_is_complete", &kpIsComplete);
    emscripten::function("kp_advance", &kpAdvance);
    emscripten::function("kp_now_ms", &kpNowMs);
    emscripten::function("kp_next_timer_ms", &kpNextTimerMs);
    emscripten::function("kp_view", &kpView);
    emscripten::function("kp_explain", &kpExplain);
    emscripten::function("kp_selection", &kpSelection);
    emscripten::function("kp_map_pod_position", &kpMapPodPosition);
    emscripten::function("kp_bench_view", &kpBenchView);
    emscripten::function("kp_frame_stats", &kpFrameStats);
}
