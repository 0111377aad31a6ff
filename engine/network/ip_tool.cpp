#include "network/ip_tool.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "api/pod_util.h"

namespace kp::network {
namespace {

uint64_t fnv(const std::string& s) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s)
        h = (h ^ c) * 1099511628211ull;
    return h;
}

std::string hex2(unsigned v) {
    char b[3];
    std::snprintf(b, sizeof b, "%02x", v & 0xff);
    return b;
}

// A locally administered unicast MAC made up from `seed` (veths and bridges get random ones).
// SIMPLIFICATION: deterministic instead of random.
std::string madeUpMac(const std::string& seed) {
    const uint64_t h = fnv(seed);
    std::string mac = hex2(((h >> 40) & 0xfc) | 0x02);
    for (int shift = 32; shift >= 0; shift -= 8)
        mac += ":" + hex2(static_cast<unsigned>(h >> shift));
    return mac;
}

// The IPv6 link-local address the kernel derives from a MAC (modified EUI-64), written as
// RFC 5952 says (the longest run of zero groups as "::").
std::string linkLocal(const std::string& mac) {
    unsigned b[6];
    if (std::sscanf(mac.c_str(), "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5]) != 6)
        return "fe80::";
    const unsigned g[8] = {0xfe80, 0, 0, 0, ((b[0] ^ 0x02) << 8) | b[1], (b[2] << 8) | 0xff, 0xfe00 | b[3], (b[4] << 8) | b[5]};
    int bestAt = -1, bestLen = 0;
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && g[j] == 0)
            ++j;
        if (j - i > bestLen && j - i > 1) {
            bestAt = i;
            bestLen = j - i;
        }
        i = j == i ? i + 1 : j;
    }
    std::string out;
    for (int i = 0; i < 8; ++i) {
        if (i == bestAt) {
            out += "::";
            i += bestLen - 1;
            continue;
        }
        if (!out.empty() && out.back() != ':')
            out += ":";
        char part[8];
        std::snprintf(part, sizeof part, "%x", g[i]);
        out += part;
    }
    return out + "/64";
}

NetAddress v4(const std::string& local, const std::string& broadcast, const std::string& scope) {
    NetAddress a;
    a.local = local;
    a.broadcast = broadcast;
    a.scope = scope;
    return a;
}

NetAddress v6(const std::string& local, const std::string& scope) {
    NetAddress a;
    a.v6 = true;
    a.local = local;
    a.scope = scope;
    return a;
}

NetLink loopback(bool ipv6) {
    NetLink lo;
    lo.index = 1;
    lo.name = "lo";
    lo.flags = "LOOPBACK,UP,LOWER_UP";
    lo.mtu = 65536;
    lo.state = "UNKNOWN";
    lo.qlen = 1000;
    lo.type = "loopback";
    lo.brd = "00:00:00:00:00:00";
    lo.addresses.push_back(v4("127.0.0.1/8", "", "host"));
    if (ipv6)
        lo.addresses.push_back(v6("::1/128", "host"));
    return lo;
}

uint32_t parseIPv4(const std::string& ip) {
    unsigned a = 0, b = 0, c = 0, d = 0;
    std::sscanf(ip.c_str(), "%u.%u.%u.%u", &a, &b, &c, &d);
    return (a << 24) | (b << 16) | (c << 8) | d;
}

std::string nodeIP(const Json& node) {
    for (const Json& a : node["status"].value("addresses", Json::array()))
        if (a.value("type", "") == "InternalIP")
            return a.value("address", "");
    return "";
}

// The node's number in minikube's naming: "minikube" 1, "minikube-m02" 2.
int nodeNumber(const std::string& name) {
    const size_t at = name.rfind("-m");
    if (at == std::string::npos || at + 2 >= name.size())
        return 1;
    for (size_t i = at + 2; i < name.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(name[i])))
            return 1;
    return std::atoi(name.c_str() + at + 2);
}

// The pods on the node that have their own network namespace (a veth), in the order their
// sandboxes started.
std::vector<ObjectPtr> podsWithVeth(const ObjectStore& store, const std::string& nodeName) {
    std::vector<ObjectPtr> out;
    for (const ObjectPtr& pod : store.list("pods")) {
        if (stringAt(*pod, "spec.nodeName") != nodeName || stringAt(*pod, "status.podIP").empty() ||
            stringAt(*pod, "status.startTime").empty() || pod::isTerminal(*pod))
            continue;
        if (const Json* host = findPath(*pod, "spec.hostNetwork"); host && host->is_boolean() && host->get<bool>())
            continue;
        out.push_back(pod);
    }
    std::stable_sort(out.begin(), out.end(), [](const ObjectPtr& a, const ObjectPtr& b) {
        const std::string sa = stringAt(*a, "status.startTime"), sb = stringAt(*b, "status.startTime");
        if (sa != sb)
            return sa < sb;
        return stringAt(*a, "metadata.uid") < stringAt(*b, "metadata.uid");
    });
    return out;
}

bool multiNode(const ObjectStore& store) { return store.list("nodes").size() > 1; }

// The kic node's eth0 keeps the index docker gave it on the host, above the node's own devices.
// SIMPLIFICATION: a fixed index per node (docker's real one depends on the host's devices).
int kicEth0Index(int number) { return 20 + 2 * number; }

// Node-side index of each pod's veth: after the node's own devices, skipping eth0's.
// SIMPLIFICATION: counted over the pods running now (a real node never reuses an index).
struct VethSlot {
    ObjectPtr pod;
    int index;
    std::string name, mac;
};

std::vector<VethSlot> vethSlots(const ObjectStore& store, const std::string& nodeName, bool vm, int* firstFree) {
    const bool kindnet = multiNode(store);
    // kic: lo, docker0[, bridge]; VM: lo, eth0, eth1, sit0, docker0[, bridge]
    int next = (vm ? 6 : 3) + (kindnet ? 0 : 1);
    const int skip = vm ? -1 : kicEth0Index(nodeNumber(nodeName));
    std::vector<VethSlot> out;
    for (const ObjectPtr& pod : podsWithVeth(store, nodeName)) {
        if (next == skip)
            ++next;
        const std::string uid = stringAt(*pod, "metadata.uid");
        char suffix[9];
        std::snprintf(suffix, sizeof suffix, "%08x", static_cast<unsigned>(fnv("veth/" + uid)));
        out.push_back({pod, next++, std::string("veth") + suffix, madeUpMac("veth-host/" + uid)});
    }
    if (firstFree)
        *firstFree = next;
    return out;
}

// Route order of the kernel's dump: by destination address, a shorter prefix first.
void sortRoutes(std::vector<std::pair<std::pair<uint32_t, int>, std::string>>& routes, std::vector<std::string>& out) {
    std::stable_sort(routes.begin(), routes.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& r : routes)
        out.push_back(r.second);
}

}  // namespace

bool isVmNodeAddress(const std::string& ip) {
    // minikube's docker networks start at 192.168.49.0/24; VirtualBox's host-only one is
    // 192.168.59.0/24.
    return ip.rfind("192.168.", 0) == 0 && std::atoi(ip.c_str() + 8) >= 59;
}

NetView nodeNetwork(const ObjectStore& store, const std::string& nodeName, bool vm) {
    NetView view;
    ObjectPtr node = store.get("nodes", "", nodeName);
    const std::string ip = node ? nodeIP(*node) : "";
    const std::string cidr = node ? stringAt(*node, "spec.podCIDR") : "";
    const bool kindnet = multiNode(store);
    const int number = nodeNumber(nodeName);
    const uint32_t ipNum = parseIPv4(ip);
    const std::string subnet = std::to_string(ipNum >> 24) + "." + std::to_string((ipNum >> 16) & 255) + "." +
                               std::to_string((ipNum >> 8) & 255);
    // The pod range's gateway: 10.244.N.1 (the bridge CNI's host-local range is 10.244.0.0/16).
    const std::string rangeBase = cidr.empty() ? "10.244.0.0" : cidr.substr(0, cidr.find('/'));
    const std::string gateway = rangeBase.substr(0, rangeBase.rfind('.')) + ".1";

    std::vector<std::pair<std::pair<uint32_t, int>, std::string>> routes;
    // SIMPLIFICATION: the kic node shows no IPv6 on eth0 (docker turns IPv6 off on a container's
    // interface when its network has none); the devices made inside the node have link-local
    // addresses as the kernel gives them.
    view.links.push_back(loopback(true));
    if (vm) {
        // SIMPLIFICATION: the DHCP lease times are made up from the virtual clock's seconds.
        auto nic = [&](int index, const std::string& name, const std::string& addr, const std::string& brd, int lease) {
            NetLink l;
            l.index = index;
            l.name = name;
            l.flags = "BROADCAST,MULTICAST,UP,LOWER_UP";
            l.qdisc = "pfifo_fast";
            l.qlen = 1000;
            l.mac = "08:00:27:" + madeUpMac(nodeName + "/" + name).substr(9);
            NetAddress a = v4(addr, brd, "global");
            a.dynamic = true;
            a.validLft = a.preferredLft = lease;
            l.addresses.push_back(a);
            l.addresses.push_back(v6(linkLocal(l.mac), "link"));
            return l;
        };
        view.links.push_back(nic(2, "eth0", "10.0.2.15/24", "10.0.2.255", 86387));
        view.links.push_back(nic(3, "eth1", ip + "/24", subnet + ".255", 587));
        NetLink sit;
        sit.index = 4;
        sit.name = "sit0";
        sit.peerIndex = -1;
        sit.flags = "NOARP";
        sit.mtu = 1480;
        sit.qdisc = "noop";
        sit.state = "DOWN";
        sit.qlen = 1000;
        sit.type = "sit";
        sit.mac = sit.brd = "0.0.0.0";
        view.links.push_back(sit);
        routes.push_back({{0, 0}, "default via 10.0.2.2 dev eth0 proto dhcp src 10.0.2.15 metric 1024 "});
        routes.push_back({{parseIPv4("10.0.2.0"), 24}, "10.0.2.0/24 dev eth0 proto kernel scope link src 10.0.2.15 "});
        routes.push_back({{parseIPv4("10.0.2.2"), 32}, "10.0.2.2 dev eth0 proto dhcp scope link src 10.0.2.15 metric 1024 "});
        routes.push_back({{parseIPv4(subnet + ".0"), 24}, subnet + ".0/24 dev eth1 proto kernel scope link src " + ip + " "});
    } else {
        routes.push_back({{0, 0}, "default via " + subnet + ".1 dev eth0 "});
        routes.push_back({{parseIPv4(subnet + ".0"), 24}, subnet + ".0/24 dev eth0 proto kernel scope link src " + ip + " "});
    }
    NetLink docker0;
    docker0.index = vm ? 5 : 2;
    docker0.name = "docker0";
    docker0.flags = "NO-CARRIER,BROADCAST,MULTICAST,UP";
    docker0.state = "DOWN";
    docker0.mac = "02:42:" + madeUpMac(nodeName + "/docker0").substr(6);
    docker0.addresses.push_back(v4("172.17.0.1/16", "172.17.255.255", "global"));
    view.links.push_back(docker0);
    routes.push_back({{parseIPv4("172.17.0.0"), 16}, "172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown "});

    int firstFree = 0;
    std::vector<VethSlot> slots = vethSlots(store, nodeName, vm, &firstFree);
    if (!kindnet) {
        NetLink bridge;
        bridge.index = vm ? 6 : 3;
        bridge.name = "bridge";
        bridge.flags = "BROADCAST,MULTICAST,UP,LOWER_UP";
        bridge.qlen = 1000;
        bridge.mac = madeUpMac(nodeName + "/bridge");
        bridge.addresses.push_back(v4("10.244.0.1/16", "10.244.255.255", "global"));
        bridge.addresses.push_back(v6(linkLocal(bridge.mac), "link"));
        view.links.push_back(bridge);
        routes.push_back({{parseIPv4("10.244.0.0"), 16}, "10.244.0.0/16 dev bridge proto kernel scope link src 10.244.0.1 "});
    } else {
        // kindnet: a route to every other node's pod range through that node (kindnetd's
        // syncRoute adds Dst = the node's podCIDR, Gw = its InternalIP; the kernel picks eth0).
        for (const ObjectPtr& other : store.list("nodes")) {
            const std::string otherCidr = stringAt(*other, "spec.podCIDR");
            if (stringAt(*other, "metadata.name") == nodeName || otherCidr.empty())
                continue;
            const std::string base = otherCidr.substr(0, otherCidr.find('/'));
            routes.push_back({{parseIPv4(base), std::atoi(otherCidr.c_str() + otherCidr.find('/') + 1)},
                              otherCidr + " via " + nodeIP(*other) + " dev eth0 "});
        }
    }
    int netnsid = 1;
    for (const VethSlot& s : slots) {
        NetLink veth;
        veth.index = s.index;
        veth.name = s.name;
        veth.peerIndex = 2;
        veth.flags = "BROADCAST,MULTICAST,UP,LOWER_UP";
        veth.master = kindnet ? "" : "bridge";
        veth.mac = s.mac;
        veth.netnsid = netnsid++;
        if (kindnet) {
            // ptp: the host end holds the range's gateway as a /32; the pod is reached by a
            // scope-host route ("10.244.1.2 dev vethd1a5eead scope host " on a minikube node:
            // iproute2 ends each field with a space, so route lines end with one).
            veth.addresses.push_back(v4(gateway + "/32", "", "global"));
            const std::string podIP = stringAt(*s.pod, "status.podIP");
            routes.push_back({{parseIPv4(podIP), 32}, podIP + " dev " + s.name + " scope host "});
        }
        veth.addresses.push_back(v6(linkLocal(s.mac), "link"));
        view.links.push_back(veth);
    }
    if (!vm) {
        NetLink eth0;
        eth0.index = kicEth0Index(number);
        eth0.name = "eth0";
        eth0.peerIndex = eth0.index + 1;
        eth0.flags = "BROADCAST,MULTICAST,UP,LOWER_UP";
        // docker (before 26) derives a container's MAC from its IP: 02:42 and the four bytes.
        eth0.mac = "02:42:" + hex2(ipNum >> 24) + ":" + hex2(ipNum >> 16) + ":" + hex2(ipNum >> 8) + ":" + hex2(ipNum);
        eth0.netnsid = 0;
        eth0.addresses.push_back(v4(ip + "/24", subnet + ".255", "global"));
        view.links.push_back(eth0);
    }
    std::stable_sort(view.links.begin(), view.links.end(), [](const NetLink& a, const NetLink& b) { return a.index < b.index; });
    sortRoutes(routes, view.routes);
    return view;
}

NetView podNetwork(const ObjectStore& store, const std::string& ns, const std::string& podName) {
    NetView view;
    ObjectPtr pod = store.get("pods", ns, podName);
    if (!pod)
        return view;
    const std::string nodeName = stringAt(*pod, "spec.nodeName");
    const std::string podIP = stringAt(*pod, "status.podIP");
    if (const Json* host = findPath(*pod, "spec.hostNetwork"); host && host->is_boolean() && host->get<bool>()) {
        // SIMPLIFICATION: a host-network pod sees only lo (the node's devices are not listed here).
        view.links.push_back(loopback(true));
        return view;
    }
    view.links.push_back(loopback(true));
    ObjectPtr node = store.get("nodes", "", nodeName);
    const bool vm = node && isVmNodeAddress(nodeIP(*node));
    const bool kindnet = multiNode(store);
    const std::string uid = stringAt(*pod, "metadata.uid");
    int peer = 0;
    for (const VethSlot& s : vethSlots(store, nodeName, vm, nullptr))
        if (stringAt(*s.pod, "metadata.uid") == uid)
            peer = s.index;
    if (podIP.empty() || peer == 0)
        return view;
    NetLink eth0;
    // SIMPLIFICATION: eth0 is the namespace's second device (no tunnel devices from host modules).
    eth0.index = 2;
    eth0.name = "eth0";
    eth0.peerIndex = peer;
    eth0.peerDown = true;
    eth0.flags = "BROADCAST,MULTICAST,UP,LOWER_UP";
    eth0.mac = madeUpMac("veth-pod/" + uid);
    const std::string cidr = node ? stringAt(*node, "spec.podCIDR") : "";
    const std::string base = cidr.empty() ? "10.244.0.0" : cidr.substr(0, cidr.find('/'));
    const std::string prefix = base.substr(0, base.rfind('.'));
    if (kindnet) {
        eth0.addresses.push_back(v4(podIP + "/24", prefix + ".255", "global"));
        view.routes = {"default via " + prefix + ".1 dev eth0 ", prefix + ".0/24 via " + prefix + ".1 dev eth0  src " + podIP + " ",
                       prefix + ".1 dev eth0 scope link  src " + podIP + " "};
    } else {
        eth0.addresses.push_back(v4(podIP + "/16", "10.244.255.255", "global"));
        view.routes = {"default via 10.244.0.1 dev eth0 ", "10.244.0.0/16 dev eth0 scope link  src " + podIP + " "};
    }
    eth0.addresses.push_back(v6(linkLocal(eth0.mac), "link"));
    view.links.push_back(eth0);
    return view;
}

namespace {

std::string formatLink(const NetLink& l, bool busybox, bool withLinkLine) {
    std::string out = std::to_string(l.index) + ": " + l.name;
    if (l.peerIndex == -1)
        out += "@NONE";
    else if (l.peerIndex > 0)
        out += "@if" + std::to_string(l.peerIndex);
    out += ": <" + l.flags + (busybox && l.peerDown ? ",M-DOWN" : "") + "> mtu " + std::to_string(l.mtu) + " qdisc " + l.qdisc + " ";
    if (!l.master.empty())
        out += "master " + l.master + " ";
    out += "state " + l.state + " ";
    if (!busybox)
        out += "group default ";
    if (l.qlen)
        out += "qlen " + std::to_string(l.qlen);
    out += "\n";
    if (withLinkLine) {
        out += "    link/" + l.type + " " + l.mac + (l.flags.find("POINTOPOINT") != std::string::npos ? " peer " : " brd ") + l.brd;
        if (!busybox && l.netnsid >= 0)
            out += " link-netnsid " + std::to_string(l.netnsid);
        out += "\n";
    }
    return out;
}

std::string lifetime(int64_t v) { return v < 0 ? "forever" : std::to_string(v) + "sec"; }

std::string formatAddress(const NetLink& l, const NetAddress& a) {
    std::string out = std::string("    ") + (a.v6 ? "inet6 " : "inet ") + a.local + " ";
    if (!a.broadcast.empty())
        out += "brd " + a.broadcast + " ";
    out += "scope " + a.scope + " ";
    if (a.dynamic)
        out += "dynamic ";
    if (!a.v6)
        out += l.name;
    out += "\n       valid_lft " + lifetime(a.validLft) + " preferred_lft " + lifetime(a.preferredLft) + "\n";
    return out;
}

}  // namespace

int runIp(const NetView& view, const std::vector<std::string>& args, bool busybox, std::string& out, std::string& err) {
    int family = 0;  // 4, 6 or 0 for both
    bool brief = false;
    size_t i = 0;
    for (; i < args.size() && !args[i].empty() && args[i][0] == '-'; ++i) {
        const std::string& o = args[i];
        if (o == "-4")
            family = 4;
        else if (o == "-6")
            family = 6;
        else if (!busybox && o.size() >= 3 && std::string("-brief").compare(0, o.size(), o) == 0)
            brief = true;
        else {
            // SIMPLIFICATION: -brief, -details, -json and the other options are not simulated.
            err += busybox ? "ip: invalid option -- '" + o.substr(1, 1) + "'\n"
                           : "Option \"" + o + "\" is unknown, try \"ip -help\".\n";
            return busybox ? 1 : 255;
        }
    }
    if (i >= args.size()) {
        err += busybox ? "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n"
                       : "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n"
                         "       ip [ -force ] -batch filename\n"
                         "where  OBJECT := { address | addrlabel | fou | help | ila | ioam | l2tp | link |\n"
                         "                   macsec | maddress | monitor | mptcp | mroute | mrule |\n"
                         "                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n"
                         "                   ntbl | route | rule | sr | tap | tcpmetrics |\n"
                         "                   token | tunnel | tuntap | vrf | xfrm }\n";
        return busybox ? 1 : 255;
    }
    const std::string object = args[i++];
    auto is = [&](const std::string& word, const std::string& full) {
        return !word.empty() && full.compare(0, word.size(), word) == 0;
    };
    const bool addr = is(object, "address") || object == "a" || object == "addr";
    const bool link = is(object, "link");
    const bool route = is(object, "route") || object == "r";
    if (!addr && !link && !route) {
        err += busybox ? "ip: unknown command '" + object + "'\n" : "Object \"" + object + "\" is unknown, try \"ip help\".\n";
        return busybox ? 1 : 255;
    }
    std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
    if (!rest.empty() && (is(rest[0], "show") || is(rest[0], "list") || (route && rest[0] == "ls")))
        rest.erase(rest.begin());
    if (route) {
        // SIMPLIFICATION: `ip route get ADDRESS` and route selectors are not simulated.
        if (!rest.empty()) {
            err += "Command \"" + rest[0] + "\" is unknown, try \"ip route help\".\n";
            return busybox ? 1 : 255;
        }
        if (family != 6)
            for (const std::string& r : view.routes)
                out += r + "\n";
        return 0;
    }
    std::string device;
    for (size_t k = 0; k < rest.size(); ++k) {
        if (rest[k] == "dev" && k + 1 < rest.size())
            device = rest[++k];
        else if (device.empty())
            device = rest[k];
        else {
            err += "Error: either \"dev\" is duplicate, or \"" + rest[k] + "\" is a garbage.\n";
            return 1;
        }
    }
    bool found = device.empty();
    for (const NetLink& l : view.links) {
        if (!device.empty() && l.name != device)
            continue;
        found = true;
        std::string addresses;
        bool matched = family == 0;
        for (const NetAddress& a : l.addresses) {
            if (family == 4 && a.v6)
                continue;
            if (family == 6 && !a.v6)
                continue;
            matched = true;
            addresses += formatAddress(l, a);
        }
        if (brief) {
            // -brief: name, operational state, then the MAC and flags (link) or the addresses.
            std::string name = l.name + (l.peerIndex == -1 ? "@NONE" : l.peerIndex > 0 ? "@if" + std::to_string(l.peerIndex) : "");
            std::string line = name + std::string(name.size() < 16 ? 16 - name.size() : 0, ' ') + " " + l.state +
                               std::string(l.state.size() < 14 ? 14 - l.state.size() : 0, ' ') + " ";
            if (link) {
                line += l.mac + " <" + l.flags + "> ";
            } else {
                if (!matched)
                    continue;
                for (const NetAddress& a : l.addresses)
                    if (!(family == 4 && a.v6) && !(family == 6 && !a.v6))
                        line += a.local + " ";
            }
            out += line + "\n";
            continue;
        }
        if (link) {
            out += formatLink(l, busybox, true);
            continue;
        }
        if (!matched)
            continue;
        out += formatLink(l, busybox, family == 0) + addresses;
    }
    if (!found) {
        err += busybox ? "ip: can't find device '" + device + "'\n" : "Device \"" + device + "\" does not exist.\n";
        return 1;
    }
    return 0;
}

}  // namespace kp::network
