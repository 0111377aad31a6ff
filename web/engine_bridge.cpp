// The engine's JavaScript interface (embind). The page calls, on the module object:
//   kp_version()  -> "kubeplay 0.1.0 (Kubernetes v1.32.0)"
//   kp_eval(script)     -> what the commands print (stdout, then stderr)
//   kp_is_complete(text) -> false while a quote or here-document is still open
//   kp_advance(ms)      -> moves the cluster's virtual time (the page's clock loop, time.js)
//   kp_now_ms()         -> virtual time, milliseconds since the Unix epoch
//   kp_next_timer_ms()  -> how far away the cluster's next timer is (ms), -1 when none
#include <emscripten/bind.h>

#include <string>

#include "base/version.h"
#include "session.h"

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
    if (!cluster.clock().nextDue(next))
        return -1;
    const int64_t away = (next - cluster.now()).ms;
    return static_cast<double>(away < 0 ? 0 : away);
}

}  // namespace

EMSCRIPTEN_BINDINGS(kubeplay) {
    emscripten::function("kp_version", &kpVersion);
    emscripten::function("kp_eval", &kpEval);
    emscripten::function("kp_is_complete", &kpIsComplete);
    emscripten::function("kp_advance", &kpAdvance);
    emscripten::function("kp_now_ms", &kpNowMs);
    emscripten::function("kp_next_timer_ms", &kpNextTimerMs);
}
