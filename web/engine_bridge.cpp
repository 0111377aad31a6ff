// The engine's JavaScript interface (embind). The page calls, on the module object:
//   kp_version()  -> "kubeplay 0.1.0 (Kubernetes v1.32.0)"
//   kp_eval(line) -> what the command line prints
#include <emscripten/bind.h>

#include <string>

#include "base/version.h"

namespace {

std::string kpVersion() { return kp::engineBanner(); }

std::string kpEval(const std::string& line) {
    // SIMPLIFICATION: the command layer is not wired in yet; every line answers with the banner.
    (void)line;
    return kp::engineBanner();
}

}  // namespace

EMSCRIPTEN_BINDINGS(kubeplay) {
    emscripten::function("kp_version", &kpVersion);
    emscripten::function("kp_eval", &kpEval);
}
