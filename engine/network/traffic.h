// Traffic: an HTTP request from somewhere (the learner's laptop, a pod) to a name or address
// in the simulated network. Names resolve through cluster DNS (from pods) or the laptop's hosts
// file; addresses route through a pod's hostPort on a node IP (the CNI portmap plugin),
// kube-proxy (Service VIPs, NodePorts, LoadBalancer IPs) or straight to a pod; the container
// listening on the port answers. Any other port of a node IP is the node's own: its daemons
// (sshd, the kubelet, kube-apiserver: network/node_daemons.h) answer or the connection is
// refused (flows with resource "nodes", via=Host daemon=<name>), unless a hostNetwork pod on the
// node listens there (via=HostNetwork, to the pod). An ingress-nginx controller pod reached on its http port
// routes the request on by the Ingress rules (network/ingress.h).
//
// Every lookup and every hop is written to the event log as a "flow" record, for the
// visualizer to animate and explain:
//   type "flow", actor = the source ("192.168.49.1", "pod/ns/name"), verb "dns", "http" or "tcp",
//   resource/namespace/name = what carried it (services, ingresses.networking.k8s.io, pods),
//   detail = space-separated key=value pairs: query= answer= rcode= (dns); dst= via= vip=
//   ingress= endpoint= pod= status= result= (http), result being response, refused, timeout
//   or unresolved.
// The apiserver's calls to admission webhooks are flows too: actor = the control-plane node's
// IP (kube-apiserver runs on the host network), verb "http", the webhook's Service, and
// webhook=<name> operation= object= allowed=true|false (or error=<reason> when the call failed)
// in the detail.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "apiserver/admission/webhooks.h"
#include "base/event_log.h"
#include "base/rng.h"
#include "network/kube_proxy.h"
#include "runtime/process.h"
#include "store/object_store.h"

namespace kp::network {

// The key=value pairs of a flow record's detail ("dst=192.168.49.2:80 via=HostPort ..."), for
// readers of the event log (the visualizer, lessons, tests).
std::map<std::string, std::string> flowFields(const std::string& detail);

// Where a request starts.
struct Origin {
    std::string clientIP = "192.168.49.1";  // the laptop on minikube's docker network
    std::string clientNode;                 // node of the client pod ("" for the laptop)
    std::string dnsNamespace;               // a ClusterFirst pod's namespace ("" = no cluster DNS)
    std::string userAgent = "curl/7.81.0";  // Ubuntu 22.04's curl on the laptop
};

struct Outcome {
    enum class Kind { Response, Refused, Timeout, Unresolved } kind = Kind::Timeout;
    std::string ip;          // the address connected to
    Route route;             // how it got there
    runtime::HttpResponse response;
    std::string ingress;     // "ns/name" of the Ingress that routed it ("" when none)
    std::string bytes;       // a TCP connection: what the server wrote
    // The server closes the connection after its reply even while the client keeps its side
    // open (an HTTP/1.0 or "Connection: close" request, redis QUIT); otherwise it waits for the
    // client to close first.
    bool serverCloses = false;
    // TLS was terminated by the ingress-nginx controller (its https port) with its
    // self-signed "Kubernetes Ingress Controller Fake Certificate".
    bool selfSignedTls = false;
    // A node's own daemon answered (route.how "Host"): its name ("sshd", "kubelet",
    // "kube-apiserver") and, for a TLS server, what curl's certificate check says about it.
    std::string daemon;
    std::string tlsCertProblem;
};

// What a Go TLS server (kube-apiserver, the kubelet) writes back when a connection's first bytes
// are a plain HTTP request, and then closes (net/http's server), and its body.
inline constexpr char kHttpToHttpsReply[] = "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n";
inline constexpr char kHttpToHttpsBody[] = "Client sent an HTTP request to an HTTPS server.\n";

// A daemon of the node itself (not a pod) listening on a port of the node's IP.
struct HostDaemon {
    std::string name;            // "sshd", "kubelet", "kube-apiserver"
    std::string tlsCertProblem;  // a TLS server: OpenSSL's verification error for its certificate
    std::string banner;          // a non-HTTP server's greeting, written as the connection opens
    // An HTTP(S) server's answer to a request (TLS already terminated); nullptr for non-HTTP.
    std::function<runtime::HttpResponse(const runtime::HttpRequest&, Time)> http;
};

class Traffic : public admission::WebhookTransport {
public:
    // The process of the pod with this IP that listens on a port (the kubelets know), or nullptr.
    using ProcessAt = std::function<runtime::Process*(const std::string& podIP, int port)>;

    Traffic(const ObjectStore& store, Rng& rng, ProcessAt processAt)
        : store_(store), rng_(rng), processAt_(std::move(processAt)) {}

    // The laptop's loopback ports that `kubectl port-forward` and `kubectl proxy` serve while
    // they run. A handler answers status 0 for a refused connection.
    // A raw TCP handler (nullptr: the HTTP handler answers the request in the bytes) returns
    // what it writes back before closing.
    using LoopbackHandler = std::function<runtime::HttpResponse(const runtime::HttpRequest&, Time now)>;
    using LoopbackTcpHandler = std::function<std::string(const std::string& input, Time now)>;
    bool listenLoopback(int port, LoopbackHandler handler, LoopbackTcpHandler tcp = nullptr);  // false: the port is taken
    void closeLoopback(int port) { loopback_.erase(port); }
    // What the process of the pod with this IP answers on `port` (status 0: nothing listens).
    runtime::HttpResponse serveAt(const std::string& podIP, int port, const runtime::HttpRequest& request, Time now);
    // A connection from the pod's own localhost (a port-forward's stream) writing `input`: what
    // the process listening on `port` writes back, or nullopt when nothing listens there.
    std::optional<std::string> tcpAt(const std::string& podIP, int port, const std::string& input, Time now);

    // An IP for `host` as seen from `origin`, or nullopt.
    std::optional<std::string> resolve(const Origin& origin, const std::string& host) const;
    Outcome http(const Origin& origin, const std::string& host, int64_t port, runtime::HttpRequest request, Time now);
    // A TCP connection that writes `input`, closes its sending side and reads until the server
    // closes (nc, redis-cli): out.bytes is the reply. HTTP servers answer the request in the
    // bytes; redis answers its commands. Recorded as a "tcp" flow.
    Outcome tcp(const Origin& origin, const std::string& host, int64_t port, const std::string& input, Time now);

    // A lookup a tool made itself (nslookup in a pod): recorded as a "dns" flow with the answer
    // the stub resolver gets for `name` (A records, the origin's search list).
    void recordLookup(const Origin& origin, const std::string& name, Time now);

    // kube-apiserver calling an admission webhook (apiserver/admission/webhooks.h): the
    // Service's cluster IP (the apiserver's service resolver) dialled from the control-plane
    // node, kube-proxy picking a ready endpoint; the ingress-nginx controller answers on its
    // webhook port 8443 (network/ingress_admission.h) when the webhook's caBundle is the CA
    // of its certificate. Failures carry Go's error text (webhooks.h WebhookReply).
    admission::WebhookReply callWebhook(const admission::WebhookCall& call, Time now) override;

    // What listens on a node's own ports (sshd, the kubelet, kube-apiserver): nullopt when
    // nothing does (connection refused).
    using HostDaemonAt = std::function<std::optional<HostDaemon>(const std::string& nodeName, int64_t port)>;
    void setHostDaemons(HostDaemonAt at) { hostDaemonAt_ = std::move(at); }
    // The running process of a pod's container that listens on `port` (a hostNetwork pod on
    // its node's IP), or nullptr.
    using PodListener = std::function<runtime::Process*(const std::string& ns, const std::string& pod, int port)>;
    void setPodListener(PodListener listener) { podListener_ = std::move(listener); }

    // Where flow records go (nullptr: not recorded).
    void setEventLog(EventLog* log) { log_ = log; }

private:
    struct Loopback {
        LoopbackHandler http;
        LoopbackTcpHandler tcp;
    };
    enum class Reached { Ended, Loopback, Pod, Host };
    // Resolves `host` (recording the lookup) and routes a connection to `port`: to the laptop's
    // loopback, or through a hostPort or kube-proxy to a pod whose `process` listens there.
    // `dst` is the address connected to. Ended: out.kind says why not (refused, timeout...).
    // Host: a daemon of the node (`daemon`) listens there.
    Reached reach(const Origin& origin, const std::string& host, int64_t port, Time now, Outcome& out, std::string& dst,
                  runtime::Process*& process, std::optional<HostDaemon>& daemon);
    // What `process` writes back on `port` to a connection from `clientIP` that wrote `input`:
    // its own protocol (redis), or the HTTP response to the request in the bytes.
    std::string answerTcp(runtime::Process& process, int port, const std::string& input, const std::string& clientIP,
                          Time now, bool& serverCloses, runtime::HttpResponse& response);
    // The client address the pod sees (NodePort traffic is masqueraded).
    std::string sourceAddressAt(const Origin& origin, const Route& route) const;
    // `extra` (" key=value ...") is appended to the detail.
    void recordFlow(const Origin& origin, const std::string& dst, int64_t port, const Outcome& out,
                    const std::string& verb, Time now, const std::string& extra = "");
    // The ingress-nginx controller pod at route.podIP answers: by the Ingress rules, through the
    // Service to a ready endpoint, or with nginx's 404/502/503.
    void serveIngress(Outcome& out, const runtime::HttpRequest& request, Time now,
                      const std::function<void()>& recordFirstHop);
    void record(Time now, const std::string& actor, const std::string& verb, const std::string& resource,
                const std::string& ns, const std::string& name, const std::string& detail);

    const ObjectStore& store_;
    Rng& rng_;
    ProcessAt processAt_;
    std::map<int, Loopback> loopback_;
    KubeProxy proxy_;
    HostDaemonAt hostDaemonAt_;
    PodListener podListener_;
    EventLog* log_ = nullptr;
};

}  // namespace kp::network
