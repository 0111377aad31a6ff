// Shell: runs one command line the way the learner's terminal would. This first cut knows
// `kubectl`, `sleep N` (moves virtual time), comments and blank lines; the command-layer issue
// makes it a small POSIX-like shell (quoting, variables, pipes, here-documents, minikube, ...).
#pragma once
#include <string>

#include "cli/command_result.h"
#include "cli/file_system.h"
#include "cluster/cluster.h"

namespace kp::cli {

class Shell {
public:
    Shell(Cluster& cluster, const FileSystem& fs) : cluster_(cluster), fs_(fs) {}

    // `stdinText` is what a command reading standard input ("-f -") gets.
    CommandResult run(const std::string& line, const std::string& stdinText = "");

private:
    Cluster& cluster_;
    const FileSystem& fs_;
};

}  // namespace kp::cli
