#include "visualizer/synthetic_view.h"

#include <algorithm>
#include <string>

namespace kp::web {

view::ClusterView syntheticView(size_t pods) {
    constexpr size_t kPodsPerNode = 50;
    view::ClusterView v;
    v.machine = "Running";
    for (const char* name : {"kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager", "coredns", "kube-proxy"})
        v.controlPlane.push_back({name, true, "running"});
    const size_t nodes = std::max<size_t>(1, (pods + kPodsPerNode - 1) / kPodsPerNode);
    for (size_t n = 0; n < nodes; ++n) {
        view::NodeView node;
        node.name = n == 0 ? "minikube" : "minikube-m" + std::string(n + 1 < 10 ? "0" : "") + std::to_string(n + 1);
        node.internalIP = "192.168.49." + std::to_string(2 + n % 250);
        node.ready = true;
        node.status = "Ready";
        node.cpu = "2";
        node.memory = "2Gi";
        node.maxPods = "110";
        v.nodes.push_back(std::move(node));
    }
    static const char* statuses[] = {"Running", "Running", "Running", "Running", "ContainerCreating", "CrashLoopBackOff",
                                     "Terminating", "Completed"};
    for (size_t i = 0; i < pods; ++i) {
        view::PodView p;
        p.namespace_ = "default";
        const std::string deployment = "web-" + std::to_string(i / 100);
        p.name = deployment + "-7d4b9c-" + std::to_string(i);
        p.uid = "uid-" + std::to_string(i);
        p.status = statuses[i % 8];
        p.category = view::categorize(p.status, p.status == "Running");
        p.readyContainers = p.status == "Running" ? 1 : 0;
        p.totalContainers = 1;
        p.ready = std::to_string(p.readyContainers) + "/1";
        p.restarts = p.status == "CrashLoopBackOff" ? static_cast<int64_t>(i % 12) : 0;
        p.owners = {{"ReplicaSet", deployment + "-7d4b9c"}, {"Deployment", deployment}};
        p.node = v.nodes[i / kPodsPerNode].name;
        v.nodes[i / kPodsPerNode].pods.push_back(p);
    }
    for (size_t s = 0; s * 100 < pods; ++s) {
        view::ServiceView svc;
        svc.namespace_ = "default";
        svc.name = "web-" + std::to_string(s);
        svc.type = "ClusterIP";
        svc.clusterIP = "10.96.0." + std::to_string(10 + s % 240);
        svc.ports = "80/TCP";
        for (size_t i = s * 100; i < std::min(pods, s * 100 + 100); ++i)
            if (statuses[i % 8] == std::string("Running"))
                svc.endpoints.push_back({"web-" + std::to_string(s) + "-7d4b9c-" + std::to_string(i), "", true, true, false});
        v.services.push_back(std::move(svc));
    }
    return v;
}

}  // namespace kp::web
