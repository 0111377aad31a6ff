// The engine's JavaScript interface (embind). The page calls, on the module object:
//   kp_version()  -> "kubeplay 0.1.0 (Kubernetes v1.32.0)"
//   kp_eval(script)     -> what the commands print (stdout, then stderr)
//   kp_is_complete(text) -> false while a quote or here-document is still open
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

}  // namespace

EMSCRIPTEN_BINDINGS(kubeplay) {
    emscripten::function("kp_version", &kpVersion);
    emscripten::function("kp_eval", &kpEval);
    emscripten::function("kp_is_complete", &kpIsComplete);
}
