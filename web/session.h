// The page's one session: the cluster, the learner's virtual home folder and the shell that runs
// their commands. Every JavaScript binding (engine_bridge.cpp, lesson_bridge.cpp, the
// visualizer) works on this one object.
#pragma once

#include "cli/memory_file_system.h"
#include "cli/shell.h"
#include "cluster/cluster.h"

namespace kp::web {

struct Session {
    Session();
    kp::Cluster cluster;
    kp::cli::MemoryFileSystem files;
    kp::cli::Shell shell;
};

Session& session();

}  // namespace kp::web
