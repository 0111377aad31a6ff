// The engine's JavaScript interface (embind). The page calls, on the module object:
//   kp_version()  -> "kubeplay 0.1.0 (Kubernetes v1.32.0)"
//   kp_eval(script)     -> what the commands print (stdout, then stderr)
//   kp_is_complete(text) -> false while a quote or here-document is still open
#include <emscripten/bind.h>

#include <string>

#include "base/version.h"
#include "cli/memory_file_system.h"
#include "cli/shell.h"
#include "cluster/cluster.h"

namespace {

std::string kpVersion() { return kp::engineBanner(); }

// The learner's laptop: minikube installed, no cluster until `minikube start` (which brings up
// the nodes' kubelets, the control plane and the addons).
kp::ClusterConfig laptop() {
    kp::ClusterConfig config = kp::ClusterConfig::fullCluster();
    config.startRunning = false;
    return config;
}

// The page's one cluster and the learner's virtual home folder.
struct Session {
    kp::Cluster cluster{laptop()};
    kp::cli::MemoryFileSystem files;
    kp::cli::Shell shell{cluster, files};
};

Session& session() {
    static Session s;
    return s;
}

// Runs one command line; stdout then stderr, as a terminal shows them.
std::string kpEval(const std::string& line) {
    kp::cli::CommandResult r = session().shell.run(line);
    return r.out + r.err;
}

bool kpIsComplete(const std::string& text) { return kp::cli::Shell::isComplete(text); }

}  // namespace

EMSCRIPTEN_BINDINGS(kubeplay) {
    emscripten::function("kp_version", &kpVersion);
    emscripten::function("kp_eval", &kpEval);
    emscripten::function("kp_is_complete", &kpIsComplete);
}
