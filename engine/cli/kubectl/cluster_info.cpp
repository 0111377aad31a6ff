// kubectl cluster-info: where the control plane and the cluster's add-on Services answer.
// kubectl lists the Services labelled kubernetes.io/cluster-service=true in kube-system (or -n)
// and prints one line each, named by their kubernetes.io/name label, with the apiserver proxy
// URL of their first port; on minikube:
//   Kubernetes control plane is running at https://192.168.49.2:8443
//   CoreDNS is running at https://192.168.49.2:8443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy
//
//   To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.
// kubectl v1.32 prints these lines without colours (go-colortext was dropped in 1.32).
// Upstream: kubectl pkg/cmd/clusterinfo/clusterinfo.go (Run, printService),
// apimachinery pkg/util/net/port_split.go (JoinSchemeNamePort).
#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/kubeconfig.h"
#include "cli/kubectl/kubectl.h"

namespace kp::cli {
namespace {

constexpr const char* kDumpHint = "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";

// "<scheme>:<name>:<port>", "<name>:<port>" or "<name>": how a proxy URL names a Service port.
std::string joinSchemeNamePort(const std::string& scheme, const std::string& name, const std::string& port) {
    if (!scheme.empty())
        return scheme + ":" + name + ":" + port;
    if (!port.empty())
        return name + ":" + port;
    return name;
}

std::string serviceLink(const Json& svc, const std::string& host) {
    const Json* ingress = findPath(svc, "status.loadBalancer.ingress");
    const Json* ports = findPath(svc, "spec.ports");
    if (ingress && ingress->is_array() && !ingress->empty()) {
        std::string ip = stringAt((*ingress)[0], "ip");
        if (ip.empty())
            ip = stringAt((*ingress)[0], "hostname");
        std::string link;
        if (ports && ports->is_array())
            for (const Json& p : *ports)
                link += "http://" + ip + ":" + std::to_string(p.value("port", 0)) + " ";
        return link;
    }
    const std::string svcName = stringAt(svc, "metadata.name");
    std::string name = svcName;
    if (ports && ports->is_array() && !ports->empty()) {
        const Json& port = (*ports)[0];
        const std::string portName = port.value("name", "");
        // kubectl guesses https from the port's name or number.
        const std::string scheme = portName == "https" || port.value("port", 0) == 443 ? "https" : "";
        name = joinSchemeNamePort(scheme, svcName, portName);
    }
    return host + "/api/v1/namespaces/" + stringAt(svc, "metadata.namespace") + "/services/" + name + "/proxy";
}

}  // namespace

std::string kubectlOutputBeforeConnectionError(const std::vector<std::string>& args) {
    return !args.empty() && args[0] == "cluster-info" ? kDumpHint : "";
}

CommandResult kubectlClusterInfo(KubectlContext& ctx, const std::vector<std::string>& args) {
    if (!args.empty() && args[0] == "dump")
        // SIMPLIFICATION: `cluster-info dump` (every object and log of the cluster) is not simulated.
        return errorResult("kubectl cluster-info dump is not available in kubeplay; try 'kubectl get all -A' "
                           "and 'kubectl get events -A'");
    CommandFlags flags("kubectl cluster-info");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    // Positional arguments are ignored, as kubectl does.
    const std::string ns = flags.str("namespace").empty() ? "kube-system" : flags.str("namespace");
    std::string host;
    if (ctx.kubeconfigFs)
        host = currentServer(loadKubeconfig(*ctx.kubeconfigFs, ctx.kubeconfigPaths), flags.str("context"));
    if (host.empty())
        host = "http://localhost:8080";

    const ResourceInfo* services = ResourceRegistry::builtin().lookup("services");
    ListOptions opts;
    opts.labelSelector = "kubernetes.io/cluster-service=true";
    ApiResponse list = ctx.cluster.apiServer().list(*services, ns, opts);
    if (!list.ok())
        return {1, kDumpHint, serverErrorText(list.status)};
    res.out = "Kubernetes control plane is running at " + host + "\n";
    for (const Json& svc : list.object.value("items", Json::array())) {
        std::string name;
        if (const Json* labels = findPath(svc, "metadata.labels"); labels && labels->is_object())
            name = labels->value("kubernetes.io/name", "");
        if (name.empty())
            name = stringAt(svc, "metadata.name");
        res.out += name + " is running at " + serviceLink(svc, host) + "\n";
    }
    res.out += kDumpHint;
    return res;
}

}  // namespace kp::cli
