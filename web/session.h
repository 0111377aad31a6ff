// The page's one session: the learner's laptop (the cluster, the home folder, the terminal tabs
// and the journal that rebuilds them; engine/cli/laptop.h). Every JavaScript binding
// (engine_bridge.cpp, lesson_bridge.cpp, the visualizer) works on this one object.
#pragma once

#include "cli/laptop.h"

namespace kp::web {

// The laptop's configuration: minikube installed, no cluster until `minikube start`. The
// timeline's time travel replays into laptops made with it.
kp::ClusterConfig laptopConfig();

struct Session {
    Session();
    kp::cli::Laptop laptop;
    kp::Cluster& cluster;
    kp::cli::MemoryFileSystem& files;
};

Session& session();

}  // namespace kp::web
