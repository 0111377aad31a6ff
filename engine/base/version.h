// Versions the engine reports about itself and about the Kubernetes it simulates.
#pragma once
#include <string>

namespace kp {

inline constexpr const char* kKubeplayVersion = "0.1.0";
// The Kubernetes release whose behaviour the engine reproduces (minikube v1.35.0's default).
inline constexpr const char* kKubernetesVersion = "v1.32.0";

// One line naming the engine, e.g. "kubeplay 0.1.0 (Kubernetes v1.32.0)".
std::string engineBanner();

}  // namespace kp
