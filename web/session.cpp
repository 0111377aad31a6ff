#include "session.h"

namespace kp::web {
namespace {

// The learner's laptop: minikube installed, no cluster until `minikube start` (which brings up
// the nodes' kubelets, the control plane and the addons).
kp::ClusterConfig laptop() {
    kp::ClusterConfig config = kp::ClusterConfig::fullCluster();
    config.startRunning = false;
    return config;
}

}  // namespace

Session::Session() : cluster(laptop()), shell(cluster, files) {}

Session& session() {
    static Session s;
    return s;
}

}  // namespace kp::web
