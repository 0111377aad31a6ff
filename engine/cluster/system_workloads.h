// What `minikube start` leaves running in kube-system: the control plane's static pods (as
// mirror pods of the control-plane node), CoreDNS with the kube-dns Service, kube-proxy on every
// node, the storage-provisioner and the default StorageClass. The manifests live in
// engine/cluster/manifests (embedded); images follow --image-repository.
#pragma once
#include "client/client.h"
#include "cluster/minikube_config.h"

namespace kp::system_workloads {

// Mirror pods of the static pods of `node` (a registered control-plane Node object); with
// `component` ("kube-scheduler") only that one.
void createStaticPods(Client& kubelet, const Json& node, const MinikubeConfig& config, Time now,
                      std::string_view component = "");
// The addons: what kubeadm and minikube's addon manager apply.
void applyAddons(Client& addonManager, const MinikubeConfig& config);

// An optional addon switched on or off (`minikube addons enable|disable NAME`): its objects are
// created or deleted. Returns false for addons without objects here (only what minikube prints).
bool setOptionalAddon(Client& addonManager, const MinikubeConfig& config, const std::string& addon, bool enabled);

// A manifest with {{node}}, {{ip}} and {{image:NAME}} filled in (exposed for tests).
std::string render(std::string text, const std::string& node, const std::string& ip, const MinikubeConfig& config);

}  // namespace kp::system_workloads
