// What answers on a minikube node's own IP (the docker driver's node container), besides
// NodePorts, hostPorts and pods:
//   22     sshd (minikube ssh): greets with its SSH identification string
//   8443   kube-apiserver (control-plane node only), HTTPS with the apiserver certificate signed by
//          minikubeCA; a request without credentials is system:anonymous (apiserver/rest_reads.h)
//   10250  the kubelet, HTTPS with its self-generated certificate; without credentials 401
// Any other port is closed (connection refused).
// SIMPLIFICATION: the other listeners of a real node (dockerd's 2376, etcd's 2379/2380,
// kube-proxy's healthz 10256) are not simulated.
#pragma once
#include <optional>
#include <string>

#include "network/traffic.h"

namespace kp {
class ApiServer;
}

namespace kp::network {

// Ubuntu 22.04's OpenSSH in minikube's kicbase image.
inline constexpr char kNodeSshBanner[] = "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.10\r\n";

std::optional<HostDaemon> nodeDaemon(const ApiServer& api, const ObjectStore& store, const std::string& nodeName,
                                     int64_t port);

}  // namespace kp::network
