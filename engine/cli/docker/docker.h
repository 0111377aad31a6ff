// The docker CLI on the learner's laptop. After `eval $(minikube docker-env)` it talks to the
// Docker Engine inside the minikube node, where cri-dockerd runs every pod as a sandbox ("pause")
// container plus one container per container of the pod. Without DOCKER_HOST there is no daemon
// on the laptop (the seed's setup uses a VM driver).
//   docker ps [-a] [-q] [--no-trunc]     docker images [-q]     docker version --format ...
//   docker exec [-it] CONTAINER COMMAND...  (-it with a shell: the result attaches the terminal)
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "base/time.h"
#include "cli/command_result.h"

namespace kp {
class Cluster;
}

namespace kp::cli::docker {

struct DockerContext {
    Cluster& cluster;
    std::function<std::string(const std::string& name)> getenv;  // DOCKER_HOST, MINIKUBE_ACTIVE_DOCKERD
    std::string node;  // inside a node (`minikube ssh -n NODE -- docker ps`): its own daemon
    std::string stdinText;  // what `docker exec -i` reads
};

CommandResult run(DockerContext& ctx, const std::vector<std::string>& args);
// `crictl ps [-a] [-q]`, `crictl pods`, `crictl images` on a node (ctx.node; the primary node
// when empty): cri-dockerd's view of the same containers and images.
CommandResult crictl(DockerContext& ctx, const std::vector<std::string>& args);

// The node's running containers as processes (`ps` on the node): each one's main process, the
// PID `docker inspect` reports, its command line, when it started.
struct ContainerProcess {
    int pid = 0;
    std::string id;
    std::vector<std::string> argv;
    bool sandbox = false;  // the pod's "pause" container
    Time started;
    std::string ns, pod, container;
};
std::vector<ContainerProcess> runningContainerProcesses(Cluster& cluster, const std::string& node);

// go-units HumanDuration, as docker prints CREATED and STATUS: "Less than a second",
// "1 second", "45 seconds", "About a minute", "12 minutes", "About an hour", "5 hours", "3 days".
std::string humanDuration(int64_t milliseconds);
// docker's image sizes: decimal units, three significant digits ("43.9MB", "1.85kB").
std::string humanSize(int64_t bytes);

}  // namespace kp::cli::docker
