// `ps` inside a container (busybox's applet): the container's processes or, with
// shareProcessNamespace, every process of the pod with the sandbox's /pause as PID 1.
// Upstream: busybox procps/ps.c (columns pid,user,time,args: "%5u %-8.8s %5s %s").
// SIMPLIFICATION: PIDs are numbered in container order, not as the kernel handed them out; CPU
// time is always 0:00.
#include <cstdio>

#include "kubelet/kubelets.h"

namespace kp::kubelet {
namespace {

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& w : words)
        out += (out.empty() ? "" : " ") + w;
    return out;
}

struct ProcessLine {
    std::string user, args;
};

// What a running container shows: nginx's master and workers under their titles; anything else
// its command line (the pod's command/args over the image's entrypoint/cmd), with $(VAR)
// references replaced as the kubelet passed them to the runtime.
std::vector<ProcessLine> containerProcesses(const ContainerInstance& c, const Json& podSpec, int cpus) {
    const runtime::ImageRepository& repo = *c.image->image.repo;
    Json spec = podSpec;
    if (spec.contains("command"))
        spec["command"] = c.command;
    if (spec.contains("args"))
        spec["args"] = c.args;
    if (repo.name == "nginx" && !spec.contains("command")) {
        std::vector<ProcessLine> out{{"root", "nginx: master process nginx -g daemon off;"}};
        for (int i = 0; i < cpus; ++i)
            out.push_back({"101", "nginx: worker process"});
        return out;
    }
    return {{"root", join(runtime::containerCommandLine(&repo, spec))}};
}

std::string line(int pid, const std::string& user, const std::string& args) {
    char head[32];
    std::snprintf(head, sizeof head, "%5d %-8.8s  0:00 ", pid, user.c_str());
    return head + args + "\n";
}

}  // namespace

std::string Kubelets::processList(const PodState& pod, const Json& podObj, const std::string& container,
                                  const std::vector<std::string>& argv) const {
    const bool shared = podObj.value("spec", Json::object()).value("shareProcessNamespace", false);
    int cpus = 2;
    if (auto n = nodes_.find(pod.node); n != nodes_.end())
        cpus = std::max(1, std::atoi(n->second.config.cpu.c_str()));
    std::map<std::string, const Json*> specs;
    for (const char* list : {"initContainers", "containers"})
        if (const Json* cs = findPath(podObj, std::string("spec.") + list))
            for (const Json& c : *cs)
                specs[c.value("name", "")] = &c;
    std::string out = "PID   USER     TIME  COMMAND\n";
    int pid = 1;
    if (shared)
        out += line(pid++, "65535", "/pause");
    for (const ContainerState& c : pod.containers) {
        if (!c.running() || (!shared && c.name != container) || !specs.count(c.name))
            continue;
        if (shared)
            pid += 5;  // the runtime's own short-lived processes took the numbers between
        for (const ProcessLine& p : containerProcesses(*c.current, *specs[c.name], cpus))
            out += line(pid++, p.user, p.args);
    }
    out += line(pid + (shared ? 5 : 5), "root", join(argv));
    return out;
}

}  // namespace kp::kubelet
