// The page's one session: the learner's laptop (the cluster, the home folder, the terminal tabs
// and the journal that rebuilds them; engine/cli/laptop.h). Every JavaScript binding
// (engine_bridge.cpp, lesson_bridge.cpp, the visualizer) works on this one object.
#pragma once

#include "cli/laptop.h"

namespace kp::web {

struct Session {
    Session();
    kp::cli::Laptop laptop;
    kp::Cluster& cluster;
    kp::cli::MemoryFileSystem& files;
};

Session& session();

}  // namespace kp::web
