// How much virtual time each minikube step takes, so that object ages and `kubectl get` AGE
// columns look like a real laptop's. Measured roughly on minikube v1.35 with every image and
// ISO already cached (no downloads):
//   docker driver:      `start` about 40 s (12 s for the container, then ~28 s of kubeadm,
//                       CNI, addons), restart after `stop` ~22 s, a second `start` ~6 s;
//   virtualbox driver:  `start` about 75 s (the VM boots for ~45 s first);
//   `stop` ~11 s a node (docker waits for the container's init to halt), `delete` ~4 s a node.
// The control plane comes up (Cluster::start) between the "before" and "after" parts, so a
// fresh cluster's `kubectl get nodes` shows an AGE of the "after" part right after `start`.
#pragma once
#include "base/time.h"

namespace kp::cli::minikube::timing {

// Fresh machine.
constexpr Duration kCreateContainer = Duration::seconds(12);
constexpr Duration kCreateVM = Duration::seconds(45);
constexpr Duration kBootstrapAfterContainer = Duration::seconds(28);
constexpr Duration kBootstrapAfterVM = Duration::seconds(30);
// Existing machine: restart after stop, or `start` on a running one.
constexpr Duration kRestartContainer = Duration::seconds(8);
constexpr Duration kRestartVM = Duration::seconds(25);
constexpr Duration kAfterRestart = Duration::seconds(14);
constexpr Duration kUpdateRunning = Duration::seconds(2);
constexpr Duration kAfterUpdateContainer = Duration::seconds(4);
constexpr Duration kAfterUpdateVM = Duration::seconds(15);  // VMs reconfigure the control plane
// Each extra node (`--nodes`, `node add`).
constexpr Duration kWorkerContainer = Duration::seconds(20);
constexpr Duration kWorkerVM = Duration::seconds(50);
// Other verbs.
constexpr Duration kStopNode = Duration::seconds(11);
constexpr Duration kDeleteNode = Duration::seconds(4);
constexpr Duration kPause = Duration::seconds(1);
constexpr Duration kAddonEnable = Duration::seconds(2);
constexpr Duration kAddonVerify = Duration::seconds(20);  // "Verifying ingress addon..." waits for pods
constexpr Duration kDashboard = Duration::seconds(3);

}  // namespace kp::cli::minikube::timing
