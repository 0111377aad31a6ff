// The learner's laptop as the page and `kubeplay` start it: minikube installed, no cluster until
// `minikube start`, every component ready to run (ClusterConfig::fullCluster()), a home folder
// and the shell. For tests that drive the product through commands.
#pragma once
#include <string>

#include "cli/memory_file_system.h"
#include "cli/shell.h"
#include "cluster/cluster.h"
#include "shell_transcript.h"

namespace kp::test {

inline ClusterConfig laptopConfig(uint64_t seed = 1) {
    ClusterConfig config = ClusterConfig::fullCluster();
    config.startRunning = false;
    config.seed = seed;
    return config;
}

struct Laptop {
    explicit Laptop(uint64_t seed = 1) : cluster(laptopConfig(seed)), shell(cluster, files) {}
    // "$ line", output and "[exit N]" for each line of `script` (shell_transcript.h).
    std::string transcript(const std::string& script) { return test::transcript(shell, script); }

    Cluster cluster;
    cli::MemoryFileSystem files;
    cli::Shell shell;
};

}  // namespace kp::test
