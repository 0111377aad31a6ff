// kubectl port-forward TYPE/NAME [LOCAL:]REMOTE ... and kubectl proxy [--port=8001]: both listen
// on the laptop's loopback while they keep the terminal (Ctrl+C closes the ports).
//  - port-forward picks one running pod of the object (a Service's port is translated to its
//    target port on that pod) and prints "Handling connection for N" for every connection;
//  - proxy serves the apiserver's /version and the pod and service proxy paths
//    (/api/v1/namespaces/NS/pods/NAME:PORT/proxy/..., .../services/[http:]NAME:[PORT]/proxy/...).
// Upstream: kubectl pkg/cmd/portforward/portforward.go, pkg/cmd/proxy/proxy.go; client-go
// tools/portforward (the "Forwarding from" lines).
#include <algorithm>

#include "api/labels.h"
#include "api/pod_util.h"
#include "apiserver/rest_reads.h"
#include "metrics/metrics_api.h"
#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/kubectl.h"
#include "cli/kubectl/pod_commands.h"
#include "cli/kubectl/pod_for_object.h"
#include "controller/endpoint/service_backends.h"
#include "network/traffic.h"

namespace kp::cli {
namespace {

// Listens on loopback ports until interrupted; connections print through `note`.
class Listener : public ForegroundProcess {
public:
    explicit Listener(network::Traffic& traffic) : traffic_(traffic) {}
    ~Listener() override { close(); }
    void note(const std::string& line) { out_ += line; }
    void own(int port) { ports_.push_back(port); }
    std::string takeOutput() override { return std::exchange(out_, ""); }
    bool finished() const override { return false; }
    std::string interrupt() override {
        close();
        return "";
    }

private:
    void close() {
        for (int port : ports_)
            traffic_.closeLoopback(port);
        ports_.clear();
    }
    network::Traffic& traffic_;
    std::vector<int> ports_;
    std::string out_;
};

struct PortPair {
    int local = 0, remote = 0;
    std::string remoteName;  // a Service's named port
};

// The pod the apiserver's service proxy sends a request to: a ready endpoint, picked at random
// as the proxy's round trip picks one of the Endpoints' addresses.
ObjectPtr serviceProxyBackend(Cluster& cluster, const Json& service) {
    std::vector<ObjectPtr> ready;
    for (const ObjectPtr& pod : controller::endpoint::backendPods(cluster.store(), service, false))
        if (pod::isReady(*pod))
            ready.push_back(pod);
    if (ready.empty())
        return nullptr;
    return ready[cluster.rng().uniform(ready.size())];
}

// The apiserver's 404 Status body for a missing object.
runtime::HttpResponse notFoundStatus(const std::string& resource, const std::string& name) {
    const Json status = {{"kind", "Status"},
                         {"apiVersion", "v1"},
                         {"metadata", Json::object()},
                         {"status", "Failure"},
                         {"message", resource + " \"" + name + "\" not found"},
                         {"reason", "NotFound"},
                         {"details", {{"name", name}, {"kind", resource}}},
                         {"code", 404}};
    return {404, status.dump() + "\n", "application/json", ""};
}

bool parsePort(const std::string& text, int& port) {
    if (text.empty() || text.size() > 5 || text.find_first_not_of("0123456789") != std::string::npos)
        return false;
    port = std::stoi(text);
    return port > 0 && port < 65536;
}

// The container port a Service port leads to on `pod` (its targetPort, a name resolved there).
int serviceTargetPort(const Json& svc, const Json& pod, int servicePort) {
    for (const Json& p : svc["spec"].value("ports", Json::array()))
        if (p.value("port", 0) == servicePort)
            return static_cast<int>(controller::endpoint::resolveTargetPort(p, pod).value_or(0));
    return -1;  // not a port of the Service
}

}  // namespace

CommandResult kubectlPortForward(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl port-forward");
    flags.stringSlice("address").duration("pod-running-timeout", "", "1m0s");
    flags.usage("address", "Addresses to listen on (comma separated); only localhost (the default) is served.")
        .usage("pod-running-timeout", "How long to wait until at least one pod is running.");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    const std::vector<std::string>& positional = flags.args();
    if (positional.size() < 2)
        return CommandResult::failure(
            "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help "
            "and examples\n");
    const std::string ns = commandNamespace(ctx, flags);
    const std::string& target = positional[0];
    PodTarget found = podForObject(ctx, ns, target, PodPreference::ForAttach, "attach to", res);
    if (!found.pod)
        return res;
    const std::string type = found.resource->groupResource();
    const std::string name = target.substr(target.find('/') + 1);
    const Json& pod = *found.pod;
    const std::string phase = stringAt(pod, "status.phase");
    if (phase != "Running")
        return CommandResult::failure("error: unable to forward port because pod is not running. Current status=" +
                                      phase + "\n");

    std::vector<PortPair> pairs;
    for (size_t i = 1; i < positional.size(); ++i) {
        const std::string& spec = positional[i];
        const size_t colon = spec.find(':');
        const std::string localText = colon == std::string::npos ? spec : spec.substr(0, colon);
        const std::string remoteText = colon == std::string::npos ? spec : spec.substr(colon + 1);
        PortPair pp;
        if (!parsePort(remoteText, pp.remote))
            return CommandResult::failure("error: Error parsing remote port '" + remoteText +
                                          "': strconv.ParseUint: parsing \"" + remoteText + "\": invalid syntax\n");
        if (localText.empty()) {
            pp.local = 30000 + static_cast<int>(ctx.cluster.rng().uniform(30000));  // the kernel's pick
        } else if (!parsePort(localText, pp.local)) {
            return CommandResult::failure("error: Error parsing local port '" + localText +
                                          "': strconv.ParseUint: parsing \"" + localText + "\": invalid syntax\n");
        }
        if (type == "services") {
            const int target = serviceTargetPort(found.object, pod, pp.remote);
            if (target < 0)
                return CommandResult::failure("error: Service " + name + " does not have a service port " +
                                              std::to_string(pp.remote) + "\n");
            pp.remote = target;
        }
        pairs.push_back(pp);
    }

    network::Traffic& traffic = ctx.cluster.traffic();
    auto listener = std::make_shared<Listener>(traffic);
    const std::string podIP = stringAt(pod, "status.podIP");
    for (const PortPair& pp : pairs) {
        Listener* self = listener.get();
        const int local = pp.local, remote = pp.remote;
        auto serveHttp = [self, &traffic, podIP, local, remote](const runtime::HttpRequest& request, Time now) {
            self->note("Handling connection for " + std::to_string(local) + "\n");
            return traffic.serveAt(podIP, remote, request, now);
        };
        // Raw bytes (nc, redis-cli) go through the same stream to the pod's port.
        // SIMPLIFICATION: nothing listening in the pod yields an empty reply instead of
        // kubectl's "an error occurred forwarding" log line.
        auto serveTcp = [self, &traffic, podIP, local, remote](const std::string& input, Time now) {
            self->note("Handling connection for " + std::to_string(local) + "\n");
            return traffic.tcpAt(podIP, remote, input, now).value_or("");
        };
        if (!traffic.listenLoopback(local, serveHttp, serveTcp))
        {
            // client-go listens on 127.0.0.1 (tcp4) and ::1 (tcp6); both fail, and %v of the
            // error slice joins them with a space.
            const std::string p = std::to_string(local);
            return CommandResult::failure(
                "Unable to listen on port " + p +
                ": Listeners failed to create with the following errors: [unable to create listener: Error listen "
                "tcp4 127.0.0.1:" + p + ": bind: address already in use unable to create listener: Error listen tcp6 "
                "[::1]:" + p + ": bind: address already in use]\nerror: unable to listen on any of the requested "
                "ports: [{" + p + " " + std::to_string(remote) + "}]\n");
        }
        listener->own(local);
        listener->note("Forwarding from 127.0.0.1:" + std::to_string(local) + " -> " + std::to_string(remote) + "\n");
        listener->note("Forwarding from [::1]:" + std::to_string(local) + " -> " + std::to_string(remote) + "\n");
    }
    res.out = listener->takeOutput();
    res.foreground = listener;
    return res;
}

CommandResult kubectlProxy(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl proxy");
    flags.integer("port", "p", 8001).string("address", "", "127.0.0.1").string("api-prefix", "", "/");
    flags.usage("port", "The port on which to run the proxy. Set to 0 to pick a random port.")
        .usage("address", "The IP address on which to serve on.")
        .usage("api-prefix", "Prefix to serve the proxied API under.");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    int port = static_cast<int>(flags.num("port"));
    if (port == 0)
        port = 30000 + static_cast<int>(ctx.cluster.rng().uniform(30000));
    network::Traffic& traffic = ctx.cluster.traffic();
    auto listener = std::make_shared<Listener>(traffic);
    Cluster& cluster = ctx.cluster;
    const bool listening = traffic.listenLoopback(port, [&cluster, &traffic](const runtime::HttpRequest& request,
                                                                             Time now) -> runtime::HttpResponse {
        runtime::HttpResponse notFound{404, "404 page not found\n", "text/plain; charset=utf-8", ""};
        const std::string path = request.target.substr(0, request.target.find('?'));
        // The apiserver's own paths: /version, discovery, objects and lists.
        if (std::optional<RestReply> reply =
                metrics::serveMetricsApi(cluster.store(), request.target, prettyForUserAgent(request.userAgent), now))
            return {reply->code, reply->body, reply->contentType, ""};
        if (std::optional<RestReply> reply =
                serveRestRead(cluster.apiServer(), request.target, prettyForUserAgent(request.userAgent)))
            return {reply->code, reply->body, reply->contentType, ""};
        // /api/v1/namespaces/NS/{pods|services}/NAME[:PORT]/proxy/REST
        const std::string prefix = "/api/v1/namespaces/";
        if (path.rfind(prefix, 0) != 0)
            return notFound;
        std::vector<std::string> parts;
        for (size_t start = prefix.size(); start <= path.size();) {
            size_t end = path.find('/', start);
            if (end == std::string::npos)
                end = path.size();
            parts.push_back(path.substr(start, end - start));
            start = end + 1;
        }
        if (parts.size() < 4 || parts[3] != "proxy")
            return notFound;
        const std::string& ns = parts[0];
        const std::string& kind = parts[1];
        std::string target = parts[2];
        std::string rest = "/";
        for (size_t i = 4; i < parts.size(); ++i)
            rest += parts[i] + (i + 1 < parts.size() ? "/" : "");
        // [scheme:]name[:port]
        std::vector<std::string> fields;
        for (size_t start = 0; start <= target.size();) {
            size_t end = target.find(':', start);
            if (end == std::string::npos)
                end = target.size();
            fields.push_back(target.substr(start, end - start));
            start = end + 1;
        }
        std::string name = fields.size() == 3 ? fields[1] : fields[0];
        std::string portText = fields.size() == 3 ? fields[2] : fields.size() == 2 ? fields[1] : "";
        ObjectPtr pod;
        int podPort = 0;
        if (kind == "pods") {
            pod = cluster.store().get("pods", ns, name);
            if (!pod)
                return notFoundStatus("pods", name);
            podPort = portText.empty() ? 80 : std::atoi(portText.c_str());
        } else if (kind == "services") {
            ObjectPtr svc = cluster.store().get("services", ns, name);
            if (!svc)
                return notFoundStatus("services", name);
            const Json ports = (*svc)["spec"].value("ports", Json::array());
            if (ports.empty())
                return {503, "no endpoints available for service \"" + name + "\"\n", "text/plain", ""};
            int servicePort = ports[0].value("port", 0);
            for (const Json& p : ports)
                if (!portText.empty() && (p.value("name", "") == portText || std::to_string(p.value("port", 0)) == portText))
                    servicePort = p.value("port", 0);
            pod = serviceProxyBackend(cluster, *svc);
            if (!pod)
                return {503, "no endpoints available for service \"" + name + "\"\n", "text/plain", ""};
            podPort = serviceTargetPort(*svc, *pod, servicePort);
            if (podPort <= 0)
                podPort = servicePort;
        } else {
            return notFound;
        }
        runtime::HttpRequest forwarded = request;
        forwarded.target = rest;
        runtime::HttpResponse r = traffic.serveAt(stringAt(*pod, "status.podIP"), podPort, forwarded, now);
        if (r.status == 0)
            return {502, "error trying to reach service: dial tcp " + stringAt(*pod, "status.podIP") + ":" +
                             std::to_string(podPort) + ": connect: connection refused",
                    "text/plain", ""};
        return r;
    });
    if (!listening)
        return CommandResult::failure("error: listen tcp 127.0.0.1:" + std::to_string(port) +
                                      ": bind: address already in use\n");
    listener->own(port);
    res.out = "Starting to serve on 127.0.0.1:" + std::to_string(port) + "\n";
    res.foreground = listener;
    return res;
}

}  // namespace kp::cli
