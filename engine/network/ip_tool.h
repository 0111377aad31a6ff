// `ip addr|link|route` as a minikube node (iproute2 5.15 of Ubuntu 22.04 in the kicbase image)
// and a pod (busybox's applet) print them: the interfaces the network really has.
//
// A kic node (docker driver): lo, docker0 (dockerd's own bridge, no containers on it, so
// NO-CARRIER), the CNI's devices and eth0 on minikube's docker network (192.168.49.0/24, the MAC
// docker derives from the IP, 02:42:c0:a8:31:0N). A single node runs minikube's bridge CNI
// (pkg/minikube/cni/bridge.go: a bridge named "bridge" holding the gateway 10.244.0.1/16, one veth
// per pod); several nodes run kindnet (ptp: each pod's veth holds the node's gateway as /32, a
// route per pod and one per other node's range). A VM node (VirtualBox) has eth0 on the NAT
// network (10.0.2.15, DHCP) and eth1 on the host-only network.
// A pod sees lo and eth0@ifN, N being its veth's index on the node.
#pragma once
#include <string>
#include <vector>

#include "base/time.h"
#include "store/object_store.h"

namespace kp::network {

struct NetAddress {
    bool v6 = false;
    std::string local;      // "10.244.0.1/16"
    std::string broadcast;  // "10.244.255.255" or ""
    std::string scope;      // "host", "global", "link"
    bool dynamic = false;   // DHCP lease: lifetimes in seconds
    int64_t validLft = -1, preferredLft = -1;  // -1: forever
};

struct NetLink {
    int index = 0;
    std::string name;
    int peerIndex = 0;      // "@ifN" (0: none; -1: "@NONE")
    bool peerDown = false;  // busybox: the peer is not in this namespace ("M-DOWN")
    std::string flags;      // "BROADCAST,MULTICAST,UP,LOWER_UP"
    int mtu = 1500;
    std::string qdisc = "noqueue";
    std::string master;
    std::string state = "UP";
    int qlen = 0;  // printed when not 0
    std::string type = "ether";
    std::string mac = "00:00:00:00:00:00", brd = "ff:ff:ff:ff:ff:ff";
    int netnsid = -1;  // "link-netnsid N" for a veth whose peer is in another namespace
    std::vector<NetAddress> addresses;
};

struct NetView {
    std::vector<NetLink> links;
    std::vector<std::string> routes;  // `ip route` lines without the newline
};

// What the node's network namespace has. `vm`: a VirtualBox VM rather than a kic container.
NetView nodeNetwork(const ObjectStore& store, const std::string& nodeName, bool vm);
// A pod's own namespace (nullopt-like empty view when the pod has no IP yet).
NetView podNetwork(const ObjectStore& store, const std::string& ns, const std::string& pod);
// Whether the node with this InternalIP is a VM (VirtualBox's 192.168.59.0/24) rather than a
// kic container on minikube's docker network (192.168.49.0/24).
bool isVmNodeAddress(const std::string& ip);

// `ip [OPTIONS] OBJECT [COMMAND ...]`: addr (show [dev] NAME), link, route. `busybox` selects
// busybox's layout of the same facts. Returns the exit status.
int runIp(const NetView& view, const std::vector<std::string>& args, bool busybox, std::string& out, std::string& err);

}  // namespace kp::network
