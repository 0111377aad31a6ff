// The network tools inside containers, as `kubectl exec POD -- ...` and container scripts run
// them: busybox's wget and nslookup (busybox, alpine) and curl (nginx, curlimages/curl). They
// see the cluster as the pod does: ClusterFirst DNS with the pod's search list, Service VIPs,
// pod IPs and the pod's own localhost.
//
// busybox up to 1.28 has the classic nslookup (the libc resolver with the search list, one
// "Address 1:" line per address with its reverse name); later versions send their own queries
// (A then AAAA for every search domain, only for names without a dot) and print each reply.
// Upstream: busybox networking/nslookup.c, networking/wget.c, libbb/progress.c.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "base/time.h"
#include "runtime/shell_interpreter.h"
#include "store/object_store.h"

namespace kp::network {

class Traffic;

// Which of the tools an image has ("wget", "nslookup", "curl", "nc", "redis-cli"), by image
// reference.
bool imageHasTool(const std::string& image, const std::string& tool);

// A tool run in a container of the pod `ns/pod` running `image`: argv[0] is a tool name or path.
struct PodToolCall {
    std::string ns, pod, image;
    std::vector<std::string> argv;
    runtime::sh::CommandIO io;
    Time now;
};

// nullopt when the image has no such tool; otherwise the exit code, with stdout and stderr.
std::optional<int> runPodTool(const ObjectStore& store, Traffic& traffic, const PodToolCall& call, std::string& out,
                              std::string& err);

}  // namespace kp::network
