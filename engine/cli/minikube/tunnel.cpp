// `minikube tunnel`: routes the Service network (10.96.0.0/12) to the node and gives every
// LoadBalancer Service its ClusterIP as ingress IP, so `kubectl get svc` shows an EXTERNAL-IP
// (cmd/minikube/cmd/tunnel.go, pkg/minikube/tunnel: loadbalancer_patcher.go, reporter.go).
// On a Linux host with the docker driver minikube uses a route, not SSH, and reports its state.
#include "cli/minikube/commands.h"

namespace kp::cli::minikube {
namespace {

// Upstream: pkg/minikube/tunnel/loadbalancer_patcher.go#PatchServices. Returns the names of
// the LoadBalancer Services (all namespaces); those without the ingress get it by JSON patch
// on the status subresource.
std::vector<std::string> patchLoadBalancers(Invocation& inv) {
    std::vector<std::string> managed;
    Client client = inv.cluster().client("minikube-tunnel");
    for (const ObjectPtr& svc : inv.cluster().store().list("services")) {
        if (stringAt(*svc, "spec.type") != "LoadBalancer")
            continue;
        managed.push_back(stringAt(*svc, "metadata.name"));
        const std::string clusterIP = stringAt(*svc, "spec.clusterIP");
        const Json* ingress = findPath(*svc, "status.loadBalancer.ingress");
        const bool done = ingress && ingress->is_array() && ingress->size() == 1 &&
                          (*ingress)[0].value("ip", "") == clusterIP;
        if (done || clusterIP.empty() || clusterIP == "None")
            continue;
        const std::string patch =
            "[{\"op\": \"add\", \"path\": \"/status/loadBalancer/ingress\", \"value\":  [ { \"ip\": \"" + clusterIP + "\" } ] }]";
        client.patch(client.resource("services"), stringAt(*svc, "metadata.namespace"), stringAt(*svc, "metadata.name"),
                     PatchType::JsonPatch, patch, {}, "status");
    }
    return managed;
}

}  // namespace

int runTunnel(Invocation& inv) {
    int code = 0;
    if (!inv.parse({{"cleanup", 'c', FlagType::Bool, "true"}, {"bind-address", 0, FlagType::String, ""}}, code))
        return code;
    const std::string profile = inv.profile();
    if (int c = mustLoadHealthy(inv, profile))
        return c;
    std::vector<MachineNode> nodes = machineNodes(inv.ctx);
    std::vector<std::string> services = patchLoadBalancers(inv);
    inv.cluster().runUntilIdle();
    std::string list;
    for (const std::string& s : services)
        list += (list.empty() ? "" : ", ") + s;
    // The tunnel process's PID: any free one.
    const int pid = 10000 + static_cast<int>(inv.cluster().rng().uniform(50000));
    inv.out.stdoutText("Status:\t\n\tmachine: " + profile + "\n\tpid: " + std::to_string(pid) +
                       "\n\troute: 10.96.0.0/12 -> " + nodes[0].ip + "\n\tminikube: Running\n\tservices: [" + list +
                       "]\n    errors: \n\t\tminikube: no errors\n\t\trouter: no errors\n\t\tloadbalancer emulator: no errors\n");
    // SIMPLIFICATION: minikube keeps running, re-checking every few seconds until Ctrl+C (and
    // then removes the ingress IPs again); here one pass is made and the command returns.
    return 0;
}

}  // namespace kp::cli::minikube
