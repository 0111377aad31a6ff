#include "session.h"

namespace kp::web {

// The learner's laptop: minikube installed, no cluster until `minikube start` (which brings up
// the nodes' kubelets, the control plane and the addons).
kp::ClusterConfig laptopConfig() {
    kp::ClusterConfig config = kp::ClusterConfig::fullCluster();
    config.startRunning = false;
    return config;
}

Session::Session() : laptop(laptopConfig()), cluster(laptop.cluster()), files(laptop.files()) {}

Session& session() {
    static Session s;
    return s;
}

}  // namespace kp::web
