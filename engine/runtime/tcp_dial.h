// Outgoing TCP connections of a container's own application: the guestbook's PHP frontend
// reading from and writing to redis, a redis replica following its master. The application
// opens a connection to a name or address as its pod sees the network (cluster DNS, Service
// VIPs), writes its bytes, and reads what the server answers before closing.
//
// The runtime does not know the network: a process reaches it through the same hook its
// container's tools use (ProcessSpec::networkCommand), under a tool name no image ships
// (kAppTcpTool), which `kubectl exec` cannot run. The network layer answers it with a "tcp" flow
// from the pod, so the visualizer shows the application's connections like any other traffic.
#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "base/time.h"

namespace kp::runtime {

// argv: {kAppTcpTool, host, port}; stdin: the bytes to write; stdout: the reply bytes.
// Exit code: one of DialResult::Kind.
inline constexpr std::string_view kAppTcpTool = "<app-tcp>";

struct DialResult {
    // The values are the tool's exit codes.
    enum class Kind { Reply = 0, Refused = 1, Timeout = 2, Unresolved = 3 } kind = Kind::Refused;
    std::string bytes;  // Reply: what the server wrote back
};

// Connects to host:port at `now`, writes `bytes`, returns what came back (or why nothing did).
using TcpDial = std::function<DialResult(const std::string& host, int port, const std::string& bytes, Time now)>;

}  // namespace kp::runtime
