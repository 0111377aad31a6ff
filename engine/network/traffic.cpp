#include "network/traffic.h"

#include <cctype>
#include <cstdio>

#include "network/dns.h"
#include "network/http_wire.h"
#include "network/ingress.h"
#include "runtime/clock_text.h"

namespace kp::network {
namespace {

bool isIPv4(const std::string& s) {
    int dots = 0, digits = 0;
    for (char c : s) {
        if (c == '.') {
            if (digits == 0)
                return false;
            ++dots;
            digits = 0;
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            if (++digits > 3)
                return false;
        } else {
            return false;
        }
    }
    return dots == 3 && digits > 0;
}

// The node IP's hostPort mapping (CNI portmap: DNAT node:hostPort -> pod:containerPort) of a
// running pod on that node, if any.
std::optional<Route> hostPortRoute(const ObjectStore& store, const std::string& ip, int64_t port, const std::string& protocol) {
    std::string nodeName;
    for (const ObjectPtr& n : store.list("nodes"))
        for (const Json& a : n->value("status", Json::object()).value("addresses", Json::array()))
            if (a.value("type", std::string("")) == "InternalIP" && a.value("address", std::string("")) == ip)
                nodeName = stringAt(*n, "metadata.name");
    if (nodeName.empty())
        return std::nullopt;
    for (const ObjectPtr& pod : store.list("pods")) {
        if (stringAt(*pod, "spec.nodeName") != nodeName || stringAt(*pod, "status.phase") != "Running" ||
            stringAt(*pod, "status.podIP").empty())
            continue;
        for (const Json& c : pod->value("spec", Json::object()).value("containers", Json::array()))
            for (const Json& p : c.value("ports", Json::array())) {
                if (p.value("hostPort", int64_t{0}) != port || p.value("protocol", std::string("TCP")) != protocol)
                    continue;
                Route r;
                r.result = Route::Result::Pod;
                r.how = "HostPort";
                r.podIP = stringAt(*pod, "status.podIP");
                r.podPort = p.value("containerPort", int64_t{0});
                r.podNamespace = stringAt(*pod, "metadata.namespace");
                r.podName = stringAt(*pod, "metadata.name");
                r.nodeName = nodeName;
                return r;
            }
    }
    return std::nullopt;
}

// The bytes of the request line and headers curl sends (nginx's $request_length).
size_t requestLength(const runtime::HttpRequest& req) {
    size_t n = req.method.size() + 1 + req.target.size() + 11;  // "GET / HTTP/1.1\r\n"
    n += 6 + req.host.size() + 2;                                 // "Host: ...\r\n"
    n += 12 + req.userAgent.size() + 2;                           // "User-Agent: ...\r\n"
    n += 13;                                                      // "Accept: */*\r\n"
    for (const auto& [name, value] : req.headers)
        if (name != "host" && name != "user-agent" && name != "accept")
            n += name.size() + 2 + value.size() + 2;
    return n + 2;
}

std::string routeResult(const Outcome& o) {
    switch (o.kind) {
    case Outcome::Kind::Response: return "response";
    case Outcome::Kind::Refused: return "refused";
    case Outcome::Kind::Timeout: return "timeout";
    case Outcome::Kind::Unresolved: return "unresolved";
    }
    return "";
}

}  // namespace

std::map<std::string, std::string> flowFields(const std::string& detail) {
    std::map<std::string, std::string> out;
    size_t pos = 0;
    while (pos < detail.size()) {
        size_t end = detail.find(' ', pos);
        if (end == std::string::npos)
            end = detail.size();
        const std::string field = detail.substr(pos, end - pos);
        if (size_t eq = field.find('='); eq != std::string::npos)
            out[field.substr(0, eq)] = field.substr(eq + 1);
        pos = end + 1;
    }
    return out;
}

std::optional<std::string> Traffic::resolve(const Origin& origin, const std::string& host) const {
    if (isIPv4(host))
        return host;
    if (host == "localhost")
        return std::string("127.0.0.1");
    // minikube's hosts entries (on the node and, via CoreDNS's hosts plugin, in pods).
    if (host == "host.minikube.internal")
        return std::string("192.168.49.1");
    if (host == "control-plane.minikube.internal")
        return std::string("192.168.49.2");
    if (origin.dnsNamespace.empty())
        return std::nullopt;  // the laptop does not use cluster DNS
    Resolution r = network::resolve(store_, host, "A", clusterFirstSearch(origin.dnsNamespace));
    for (const DnsRecord& rec : r.answer.records)
        if (rec.type == "A")
            return rec.data;
    return std::nullopt;
}

void Traffic::record(Time now, const std::string& actor, const std::string& verb, const std::string& resource,
                     const std::string& ns, const std::string& name, const std::string& detail) {
    if (!log_)
        return;
    EventLog::Entry r;
    r.time = now;
    r.type = "flow";
    r.actor = actor;
    r.verb = verb;
    r.resource = resource;
    r.namespace_ = ns;
    r.name = name;
    r.detail = detail;
    log_->append(std::move(r));
}

void Traffic::recordLookup(const Origin& origin, const std::string& name, Time now) {
    std::string answer;
    Rcode rcode = Rcode::NXDomain;
    if (!origin.dnsNamespace.empty()) {
        Resolution r = network::resolve(store_, name, "A", clusterFirstSearch(origin.dnsNamespace));
        rcode = r.answer.rcode;
        for (const DnsRecord& rec : r.answer.records)
            if (rec.type == "A")
                answer += (answer.empty() ? "" : ",") + rec.data;
    }
    record(now, origin.clientIP, "dns", "services", "", "",
           "query=" + name + " type=A answer=" + (answer.empty() ? "-" : answer) +
               " rcode=" + (rcode == Rcode::NoError ? "NOERROR" : rcode == Rcode::NXDomain ? "NXDOMAIN" : "SERVFAIL") +
               " resolver=" + kClusterDnsIP);
}

void Traffic::recordFlow(const Origin& origin, const std::string& dst, int64_t port, const Outcome& out,
                         const std::string& verb, Time now, const std::string& extra) {
    std::string resource = out.route.service.empty() ? (out.route.podName.empty() ? "" : "pods") : "services";
    std::string ns, name;
    if (out.route.how == "Host") {
        resource = "nodes";
        name = out.route.nodeName;
    } else if (!out.route.service.empty()) {
        ns = out.route.service.substr(0, out.route.service.find('/'));
        name = out.route.service.substr(out.route.service.find('/') + 1);
    } else {
        ns = out.route.podNamespace;
        name = out.route.podName;
    }
    std::string detail = "dst=" + dst + ":" + std::to_string(port);
    if (!out.route.how.empty())
        detail += " via=" + out.route.how;
    if (!out.daemon.empty())
        detail += " daemon=" + out.daemon;
    if (!out.route.podIP.empty())
        detail += " endpoint=" + out.route.podIP + ":" + std::to_string(out.route.podPort) + " pod=" +
                  out.route.podNamespace + "/" + out.route.podName + " node=" + out.route.nodeName;
    detail += " result=" + routeResult(out);
    if (out.kind == Outcome::Kind::Response && verb == "http")
        detail += " status=" + std::to_string(out.response.status);
    record(now, origin.clientIP, verb, resource, ns, name, detail + extra);
}

Traffic::Reached Traffic::reach(const Origin& origin, const std::string& host, int64_t port, Time now, Outcome& out,
                                std::string& dst, runtime::Process*& process, std::optional<HostDaemon>& daemon) {
    const std::string& source = origin.clientIP;
    std::optional<std::string> ip = resolve(origin, host);
    if (host != (ip ? *ip : std::string())) {
        const bool hostsEntry = host == "localhost" || host.find(".minikube.internal") != std::string::npos;
        const bool clusterDns = !origin.dnsNamespace.empty() && !hostsEntry;
        // Who answered: the hosts file, cluster DNS (CoreDNS: SERVFAIL for names it cannot
        // forward), or outside the cluster the laptop's systemd-resolved stub and the node's
        // resolver, which have no Internet (upstreamRcode).
        std::string resolver = "hosts", rcode = ip ? "NOERROR" : "NXDOMAIN";
        if (clusterDns) {
            resolver = kClusterDnsIP;
            if (!ip && network::resolve(store_, host, "A", clusterFirstSearch(origin.dnsNamespace)).answer.rcode == Rcode::ServFail)
                rcode = "SERVFAIL";
        } else if (!hostsEntry && !ip) {
            resolver = origin.clientNode.empty() ? "127.0.0.53" : "192.168.49.1";
            rcode = upstreamRcode(host) == Rcode::ServFail ? "SERVFAIL" : "NXDOMAIN";
        }
        record(now, source, "dns", clusterDns ? "services" : "", "", "",
               "query=" + host + " type=A answer=" + (ip ? *ip : "-") + " rcode=" + rcode + " resolver=" + resolver);
    }
    dst = ip ? *ip : host;
    if (!ip) {
        out.kind = Outcome::Kind::Unresolved;
        return Reached::Ended;
    }
    out.ip = *ip;
    // A pod's loopback is its own network namespace, shared by all its containers.
    if (*ip == "127.0.0.1" && !origin.clientNode.empty())
        dst = origin.clientIP;
    if (dst == "127.0.0.1") {
        // The laptop's loopback: only what kubectl port-forward or kubectl proxy serve.
        out.route.how = "loopback";
        return Reached::Loopback;
    }
    if (std::optional<Route> hp = hostPortRoute(store_, dst, port, "TCP"))
        out.route = *hp;
    else
        out.route = proxy_.route(store_, Connection{origin.clientIP, origin.clientNode, dst, port, "TCP"}, rng_, now);
    if (out.route.how == "Host") {
        // The node's own daemons hold their ports; then the hostNetwork pods on the node.
        daemon = hostDaemonAt_ ? hostDaemonAt_(out.route.nodeName, port) : std::nullopt;
        if (daemon) {
            out.kind = Outcome::Kind::Response;
            out.daemon = daemon->name;
            out.tlsCertProblem = daemon->tlsCertProblem;
            return Reached::Host;
        }
        for (const ObjectPtr& pod : store_.list("pods")) {
            // SIMPLIFICATION: kube-system's hostNetwork pods (etcd, the control plane, kube-proxy,
            // storage-provisioner) are skipped: their simulated processes serve their probe
            // ports in plain HTTP, where the real ones bind 127.0.0.1 or speak TLS with client
            // certificates (etcd's 2379), so the node's other ports stay closed.
            if (stringAt(*pod, "metadata.namespace") == "kube-system")
                continue;
            const Json* hostNetwork = findPath(*pod, "spec.hostNetwork");
            if (!podListener_ || !hostNetwork || !hostNetwork->is_boolean() || !hostNetwork->get<bool>() ||
                stringAt(*pod, "spec.nodeName") != out.route.nodeName || stringAt(*pod, "status.phase") != "Running")
                continue;
            const std::string ns = stringAt(*pod, "metadata.namespace"), name = stringAt(*pod, "metadata.name");
            if (runtime::Process* p = podListener_(ns, name, static_cast<int>(port))) {
                Route r;
                r.result = Route::Result::Pod;
                r.how = "HostNetwork";
                r.podIP = dst;
                r.podPort = port;
                r.podNamespace = ns;
                r.podName = name;
                r.nodeName = out.route.nodeName;
                out.route = r;
                process = p;
                out.kind = Outcome::Kind::Response;
                return Reached::Pod;
            }
        }
    }
    if (out.route.result == Route::Result::Refused) {
        out.kind = Outcome::Kind::Refused;
        return Reached::Ended;
    }
    if (out.route.result == Route::Result::Timeout) {
        out.kind = Outcome::Kind::Timeout;
        return Reached::Ended;
    }
    process = processAt_ ? processAt_(out.route.podIP, static_cast<int>(out.route.podPort)) : nullptr;
    if (!process) {
        out.kind = Outcome::Kind::Refused;  // the pod has nothing listening there
        return Reached::Ended;
    }
    out.kind = Outcome::Kind::Response;
    return Reached::Pod;
}

std::string Traffic::sourceAddressAt(const Origin& origin, const Route& route) const {
    // NodePort traffic is masqueraded (externalTrafficPolicy Cluster): the pod sees its node's
    // bridge address, the first of the node's pod CIDR; pod-to-pod traffic keeps the client's IP.
    // SIMPLIFICATION: hostPort traffic keeps the client's address (portmap masquerades only
    // hairpin traffic).
    if (route.how == "NodePort")
        if (ObjectPtr node = store_.get("nodes", "", route.nodeName)) {
            std::string cidr = stringAt(*node, "spec.podCIDR");
            size_t lastDot = cidr.rfind('.');
            if (lastDot != std::string::npos)
                return cidr.substr(0, lastDot) + ".1";
        }
    return origin.clientIP;
}

Outcome Traffic::http(const Origin& origin, const std::string& host, int64_t port, runtime::HttpRequest request, Time now) {
    Outcome out;
    std::string dst;
    runtime::Process* process = nullptr;
    std::optional<HostDaemon> daemon;
    const Reached reached = reach(origin, host, port, now, out, dst, process, daemon);
    if (reached != Reached::Ended) {
        if (request.host.empty())
            request.host = host + ":" + std::to_string(port);
        if (request.userAgent.empty())
            request.userAgent = origin.userAgent;
    }
    if (reached == Reached::Loopback) {
        auto listener = loopback_.find(static_cast<int>(port));
        if (listener != loopback_.end()) {
            request.clientIP = "127.0.0.1";
            out.response = listener->second.http(request, now);
        }
        out.kind = out.response.status == 0 ? Outcome::Kind::Refused : Outcome::Kind::Response;
    } else if (reached == Reached::Host) {
        // A non-HTTP daemon (sshd) writes its greeting: no HTTP status (response.status 0).
        request.clientIP = origin.clientIP;
        if (daemon->http)
            out.response = daemon->http(request, now);
        else
            out.bytes = daemon->banner;
    } else if (reached == Reached::Pod) {
        request.clientIP = sourceAddressAt(origin, out.route);
        if (isIngressNginxImage(process->image().ref.familiarString()) && (out.route.podPort == 80 || out.route.podPort == 443)) {
            out.selfSignedTls = out.route.podPort == 443;
            // The hop to the controller is recorded once nginx's answer is known, before the hop to
            // the backend.
            serveIngress(out, request, now, [&] { recordFlow(origin, dst, port, out, "http", now); });
            return out;
        }
        out.response = process->serve(request, static_cast<int>(out.route.podPort), now);
        out.kind = out.response.status == 0 ? Outcome::Kind::Refused : Outcome::Kind::Response;
    }
    recordFlow(origin, dst, port, out, "http", now);
    return out;
}

std::string Traffic::answerTcp(runtime::Process& process, int port, const std::string& input, const std::string& clientIP,
                               Time now, bool& serverCloses, runtime::HttpResponse& response) {
    if (std::optional<std::string> reply = process.serveTcp(input, port, now, &serverCloses))
        return *reply;
    // A server that speaks HTTP reads one request from the bytes and answers it.
    std::optional<runtime::HttpRequest> request = parseHttpRequest(input);
    if (!request)
        return "";
    serverCloses = wantsClose(input, *request);
    request->clientIP = clientIP;
    response = process.serve(*request, port, now);
    return response.status > 0 ? httpResponseBytes(response, request->method == "HEAD") : "";
}

Outcome Traffic::tcp(const Origin& origin, const std::string& host, int64_t port, const std::string& input, Time now) {
    Outcome out;
    std::string dst;
    runtime::Process* process = nullptr;
    std::optional<HostDaemon> daemon;
    const Reached reached = reach(origin, host, port, now, out, dst, process, daemon);
    if (reached == Reached::Host) {
        out.bytes = daemon->banner;
        if (!input.empty()) {
            // The daemon reads what the client wrote and, not understanding it, says so and
            // closes: sshd's complaint about the identification string; Go's TLS server (the
            // apiserver, the kubelet) answers an HTTP request with a plain-text 400.
            out.serverCloses = true;
            if (!daemon->banner.empty())
                out.bytes += "Invalid SSH identification string.\r\n";
            else if (!daemon->tlsCertProblem.empty() && parseHttpRequest(input))
                out.bytes = kHttpToHttpsReply;
        }
    } else if (reached == Reached::Loopback) {
        auto listener = loopback_.find(static_cast<int>(port));
        if (listener == loopback_.end()) {
            out.kind = Outcome::Kind::Refused;
        } else if (listener->second.tcp) {
            out.kind = Outcome::Kind::Response;
            out.bytes = listener->second.tcp(input, now);
        } else {
            out.kind = Outcome::Kind::Response;
            if (std::optional<runtime::HttpRequest> request = parseHttpRequest(input)) {
                out.serverCloses = wantsClose(input, *request);
                request->clientIP = "127.0.0.1";
                out.response = listener->second.http(*request, now);
                if (out.response.status > 0)
                    out.bytes = httpResponseBytes(out.response, request->method == "HEAD");
            }
        }
    } else if (reached == Reached::Pod) {
        out.bytes = answerTcp(*process, static_cast<int>(out.route.podPort), input, sourceAddressAt(origin, out.route), now,
                              out.serverCloses, out.response);
    }
    recordFlow(origin, dst, port, out, "tcp", now);
    return out;
}

std::optional<std::string> Traffic::tcpAt(const std::string& podIP, int port, const std::string& input, Time now) {
    runtime::Process* process = processAt_ ? processAt_(podIP, port) : nullptr;
    if (!process)
        return std::nullopt;
    bool serverCloses = false;
    runtime::HttpResponse response;
    return answerTcp(*process, port, input, "127.0.0.1", now, serverCloses, response);
}

void Traffic::serveIngress(Outcome& out, const runtime::HttpRequest& request, Time now,
                           const std::function<void()>& recordFirstHop) {
    const Route controller = out.route;
    const std::string controllerActor = "pod/" + controller.podNamespace + "/" + controller.podName;
    std::string reqId;  // $req_id: 32 hex digits
    for (int i = 0; i < 4; ++i) {
        char buf[9];
        std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(rng_.uniform(uint64_t{1} << 32)));
        reqId += buf;
    }
    IngressRoute ir = routeIngress(store_, request.host, request.target);
    std::string upstreamName = "upstream-default-backend", upstreamAddr = "127.0.0.1:8181";
    int status = 404;
    runtime::HttpResponse response;
    Route backend;
    std::string vip;
    bool fromBackend = false;
    if (ir.kind == IngressRoute::Kind::Backend) {
        out.ingress = ir.ingressNamespace + "/" + ir.ingressName;
        ObjectPtr svc = store_.get("services", ir.ingressNamespace, ir.service);
        std::optional<Json> svcPort;
        if (svc)
            for (const Json& p : svc->value("spec", Json::object()).value("ports", Json::array())) {
                const bool byNumber = ir.port.contains("number") && p.value("port", int64_t{0}) == ir.port.value("number", int64_t{-1});
                const bool byName = ir.port.contains("name") && p.value("name", std::string("")) == ir.port.value("name", std::string("-"));
                if (byNumber || byName)
                    svcPort = p;
            }
        const std::string portText = ir.port.contains("number") ? std::to_string(ir.port.value("number", int64_t{0}))
                                                                : ir.port.value("name", std::string(""));
        upstreamName = ir.ingressNamespace + "-" + ir.service + "-" + portText;
        status = 503;  // no such Service or port, or no ready endpoint: the upstream is empty
        upstreamAddr.clear();
        if (svc && svcPort) {
            vip = stringAt(*svc, "spec.clusterIP") + ":" + std::to_string(svcPort->value("port", int64_t{0}));
            backend = proxy_.route(store_,
                                   Connection{controller.podIP, controller.nodeName, stringAt(*svc, "spec.clusterIP"),
                                              svcPort->value("port", int64_t{0}), "TCP"},
                                   rng_, now);
            if (backend.result == Route::Result::Pod) {
                upstreamAddr = backend.podIP + ":" + std::to_string(backend.podPort);
                runtime::Process* p = processAt_ ? processAt_(backend.podIP, static_cast<int>(backend.podPort)) : nullptr;
                runtime::HttpRequest forwarded = request;
                forwarded.clientIP = controller.podIP;
                if (!ir.rewrittenTarget.empty())
                    forwarded.target = ir.rewrittenTarget;
                // The headers ingress-nginx's proxy adds (proxy_set_header in its nginx.conf).
                const std::string scheme = out.selfSignedTls ? "https" : "http";
                std::string host = request.host.substr(0, request.host.rfind(':') == std::string::npos ? request.host.size()
                                                                                                     : request.host.rfind(':'));
                forwarded.headers.emplace_back("x-request-id", reqId);
                forwarded.headers.emplace_back("x-real-ip", request.clientIP);
                forwarded.headers.emplace_back("x-forwarded-for", request.clientIP);
                forwarded.headers.emplace_back("x-forwarded-host", host);
                forwarded.headers.emplace_back("x-forwarded-port", out.selfSignedTls ? "443" : "80");
                forwarded.headers.emplace_back("x-forwarded-proto", scheme);
                forwarded.headers.emplace_back("x-forwarded-scheme", scheme);
                forwarded.headers.emplace_back("x-scheme", scheme);
                response = p ? p->serve(forwarded, static_cast<int>(backend.podPort), now) : runtime::HttpResponse{};
                fromBackend = response.status > 0;
                status = fromBackend ? response.status : 502;  // refused by the pod: Bad Gateway
            } else if (backend.result == Route::Result::Timeout) {
                status = 504;
            }
        }
    }
    if (!fromBackend) {
        response = runtime::HttpResponse{};
        response.status = status;
        response.body = nginxErrorPage(status);
        response.contentType = "text/html";
        response.reason = nginxReason(status);
    }
    out.response = response;
    out.kind = Outcome::Kind::Response;
    recordFirstHop();  // out.route is still the route to the controller pod

    // The hop from the controller to the backend.
    std::string detail = "src=" + controller.podIP + " ingress=" + (out.ingress.empty() ? "-" : out.ingress) +
                         " server=" + ir.server + " location=" + (ir.path.empty() ? "-" : ir.pathType + ":" + ir.path) +
                         " upstream=" + upstreamName;
    if (!vip.empty())
        detail += " vip=" + vip;
    if (!backend.podIP.empty())
        detail += " endpoint=" + backend.podIP + ":" + std::to_string(backend.podPort) + " pod=" + backend.podNamespace +
                  "/" + backend.podName + " node=" + backend.nodeName;
    detail += " result=response status=" + std::to_string(status);
    record(now, controllerActor, "http", out.ingress.empty() ? "" : "ingresses.networking.k8s.io", ir.ingressNamespace,
           ir.ingressName, detail);

    // The controller's access-log line.
    if (runtime::Process* c = processAt_ ? processAt_(controller.podIP, 80) : nullptr) {
        const std::string bytes = std::to_string(response.body.size());
        c->appendLog(now, runtime::Stream::Stdout,
                     request.clientIP + " - - " + runtime::formatTime(now, "[%d/%b/%Y:%H:%M:%S +0000]") + " \"" + request.method + " " +
                         request.target + " HTTP/1.1\" " + std::to_string(status) + " " + bytes + " \"-\" \"" +
                         request.userAgent + "\" " + std::to_string(requestLength(request)) + " 0.001 [" + upstreamName +
                         "] [] " + (upstreamAddr.empty() ? "-" : upstreamAddr) + " " + (upstreamAddr.empty() ? "0" : bytes) +
                         " " + (upstreamAddr.empty() ? "-" : "0.001") + " " +
                         (upstreamAddr.empty() ? "-" : std::to_string(status)) + " " + reqId);
    }
}

}  // namespace kp::network

namespace kp::network {

bool Traffic::listenLoopback(int port, LoopbackHandler handler, LoopbackTcpHandler tcp) {
    return loopback_.emplace(port, Loopback{std::move(handler), std::move(tcp)}).second;
}

runtime::HttpResponse Traffic::serveAt(const std::string& podIP, int port, const runtime::HttpRequest& request,
                                       Time now) {
    runtime::Process* process = processAt_ ? processAt_(podIP, port) : nullptr;
    return process ? process->serve(request, port, now) : runtime::HttpResponse{};
}

}  // namespace kp::network
