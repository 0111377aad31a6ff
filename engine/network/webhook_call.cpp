// Traffic::callWebhook: the path of an admission webhook call, from kube-apiserver on the
// control-plane node to the pod that serves the webhook. Upstream: apiserver pkg/util/webhook
// (client.go: the Service's DNS name in the URL, a dialer that resolves it with the service
// resolver), pkg/util/proxy ResolveCluster (kube-apiserver's default resolver: the cluster IP),
// and Go's net/http error texts.
#include <cstdio>

#include "api/codec/go_format.h"
#include "network/ingress.h"
#include "network/ingress_admission.h"
#include "network/traffic.h"
#include "runtime/clock_text.h"

namespace kp::network {
namespace {

// kube-apiserver runs on the host network of the control-plane node.
Origin apiserverOrigin(const ObjectStore& store) {
    Origin origin;
    origin.clientIP = "192.168.49.2";
    origin.clientNode = "minikube";
    origin.userAgent = "kube-apiserver-admission";
    for (const ObjectPtr& node : store.list("nodes")) {
        const Json* labels = findPath(*node, "metadata.labels");
        if (!labels || !labels->is_object() || !labels->contains("node-role.kubernetes.io/control-plane"))
            continue;
        origin.clientNode = stringAt(*node, "metadata.name");
        for (const Json& a : node->value("status", Json::object()).value("addresses", Json::array()))
            if (a.value("type", std::string("")) == "InternalIP")
                origin.clientIP = a.value("address", std::string(""));
        break;
    }
    return origin;
}

bool isIPv4Address(const std::string& s) {
    int dots = 0;
    for (char c : s) {
        if (c == '.')
            ++dots;
        else if (c < '0' || c > '9')
            return false;
    }
    return dots == 3;
}

// Where the apiserver dials: the Service's cluster IP (or ExternalName) and port, or the url's
// host and port. `error` is set when the service resolver fails before any dial.
struct Target {
    std::string host;
    int64_t port = 443;
    std::string serviceNamespace, serviceName;
    std::string error;
};

Target resolveTarget(const ObjectStore& store, const Json& webhook) {
    Target t;
    const Json* service = findPath(webhook, "clientConfig.service");
    if (!service || !service->is_object()) {
        // url: https://host[:port]/path
        std::string rest = stringAt(webhook, "clientConfig.url");
        if (rest.rfind("https://", 0) == 0)
            rest = rest.substr(8);
        rest = rest.substr(0, rest.find('/'));
        const size_t colon = rest.rfind(':');
        if (colon != std::string::npos && rest.find(']') == std::string::npos) {
            t.port = std::atoll(rest.substr(colon + 1).c_str());
            rest = rest.substr(0, colon);
        }
        t.host = rest;
        return t;
    }
    t.serviceNamespace = stringAt(*service, "namespace");
    t.serviceName = stringAt(*service, "name");
    t.port = intAt(*service, "port", 443);
    ObjectPtr svc = store.get("services", t.serviceNamespace, t.serviceName);
    if (!svc) {
        t.error = "service \"" + t.serviceName + "\" not found";
        return t;
    }
    const std::string type = stringAt(*svc, "spec.type", "ClusterIP");
    const std::string clusterIP = stringAt(*svc, "spec.clusterIP");
    if (type == "ClusterIP" && clusterIP == "None") {
        t.error = "cannot route to service with ClusterIP \"None\"";
        return t;
    }
    if (type == "ExternalName") {
        t.host = stringAt(*svc, "spec.externalName");
        return t;
    }
    if (type != "ClusterIP" && type != "NodePort" && type != "LoadBalancer") {
        t.error = "unsupported service type \"" + type + "\"";
        return t;
    }
    for (const Json& p : svc->value("spec", Json::object()).value("ports", Json::array()))
        if (p.value("port", int64_t{0}) == t.port) {
            t.host = clusterIP;
            return t;
        }
    t.error = "no service port " + std::to_string(t.port) + " found for service \"" + t.serviceName + "\"";
    return t;
}

// The Secret the controller's webhook certificate comes from (its webhook-cert volume).
std::string webhookCertSecret(const ObjectStore& store, const std::string& ns, const std::string& podName) {
    ObjectPtr pod = store.get("pods", ns, podName);
    if (!pod)
        return "";
    for (const Json& v : pod->value("spec", Json::object()).value("volumes", Json::array()))
        if (v.value("name", std::string("")) == "webhook-cert")
            return stringAt(v, "secret.secretName");
    return "";
}

// A klog line as the controller writes it: "I0115 10:00:43.036000       7 main.go:107] ...".
std::string klogLine(char severity, Time now, int line, const std::string& message) {
    char micros[16];
    std::snprintf(micros, sizeof micros, ".%06lld", static_cast<long long>(((now.ms % 1000) + 1000) % 1000 * 1000));
    return std::string(1, severity) + runtime::formatTime(now, "%m%d %H:%M:%S") + micros + "       7 main.go:" +
           std::to_string(line) + "] " + message;
}

}  // namespace

admission::WebhookReply Traffic::callWebhook(const admission::WebhookCall& call, Time now) {
    admission::WebhookReply reply;
    const Json& webhook = call.webhook;
    const Json& request = call.review.value("request", Json::object());
    const std::string hookName = webhook.value("name", std::string(""));
    const std::string objectKey = (request.value("namespace", std::string("")).empty()
                                       ? ""
                                       : request.value("namespace", std::string("")) + "/") +
                                  request.value("name", std::string(""));
    const Origin origin = apiserverOrigin(store_);
    const Target target = resolveTarget(store_, webhook);
    const std::string about = " webhook=" + hookName + " operation=" + request.value("operation", std::string("")) +
                              " object=" + objectKey;

    if (!target.error.empty() || (!target.host.empty() && !isIPv4Address(target.host))) {
        // The service resolver failed, or a name the node's resolver does not know.
        reply.error = !target.error.empty()
                          ? target.error
                          : "dial tcp: lookup " + target.host + " on 192.168.49.1:53: no such host";
        record(now, origin.clientIP, "http", target.serviceName.empty() ? "" : "services", target.serviceNamespace,
               target.serviceName,
               "dst=" + (target.host.empty() ? target.serviceName + "." + target.serviceNamespace + ".svc" : target.host) +
                   ":" + std::to_string(target.port) + " result=unresolved" + about);
        return reply;
    }

    Outcome out;
    std::string dst;
    runtime::Process* process = nullptr;
    std::optional<HostDaemon> daemon;
    const Reached reached = reach(origin, target.host, target.port, now, out, dst, process, daemon);
    const std::string dial = "dial tcp " + target.host + ":" + std::to_string(target.port) + ": ";
    std::string extra = about;
    if (reached == Reached::Ended || reached == Reached::Loopback) {
        // SIMPLIFICATION: a dropped connection fails at once instead of after timeoutSeconds of
        // virtual time (the request would block the apiserver's handler that long).
        reply.error = out.kind == Outcome::Kind::Timeout ? "context deadline exceeded" : dial + "connect: connection refused";
        if (reached == Reached::Loopback)
            out.kind = Outcome::Kind::Refused;
        recordFlow(origin, dst, target.port, out, "http", now, extra);
        return reply;
    }
    if (reached == Reached::Host) {
        // A node's own daemon: its certificate is not signed by the caBundle's CA, or it does
        // not speak TLS at all (sshd).
        reply.error = daemon->tlsCertProblem.empty() ? "tls: first record does not look like a TLS handshake"
                                                     : "tls: failed to verify certificate: x509: certificate signed by unknown authority";
        recordFlow(origin, dst, target.port, out, "http", now, extra + " error=tls");
        return reply;
    }
    const bool ingressWebhook =
        isIngressNginxImage(process->image().ref.familiarString()) && out.route.podPort == 8443;
    if (!ingressWebhook) {
        // SIMPLIFICATION: only ingress-nginx's controller serves admission reviews; any other
        // server answers the TLS handshake as a plain HTTP server does.
        reply.error = "http: server gave HTTP response to HTTPS client";
        recordFlow(origin, dst, target.port, out, "http", now, extra + " error=tls");
        return reply;
    }
    // The apiserver trusts the caBundle only: the controller's certificate is signed by the CA
    // kube-webhook-certgen put in its Secret (and patched into the configuration).
    const std::string secretName = webhookCertSecret(store_, out.route.podNamespace, out.route.podName);
    ObjectPtr secret = secretName.empty() ? nullptr : store_.get("secrets", out.route.podNamespace, secretName);
    const std::string ca = secret ? stringAt(*secret, "data.ca") : "";
    if (ca.empty() || stringAt(webhook, "clientConfig.caBundle") != ca) {
        reply.error = "tls: failed to verify certificate: x509: certificate signed by unknown authority";
        recordFlow(origin, dst, target.port, out, "http", now, extra + " error=x509");
        return reply;
    }

    const Json* object = findPath(request, "object");
    IngressCheck check;
    const bool isIngress = request.value("kind", Json::object()).value("kind", std::string("")) == "Ingress" &&
                           request.value("kind", Json::object()).value("group", std::string("")) == "networking.k8s.io";
    Json response = {{"uid", request.value("uid", std::string(""))}, {"allowed", true}};
    if (!isIngress || !object || !object->is_object()) {
        // main.go: a review of anything but an Ingress is an error (HTTP 500 from the handler).
        // SIMPLIFICATION: answered as a denial with the controller's text.
        response["allowed"] = false;
        response["status"] = {{"status", "Failure"},
                              {"message", "rejecting admission review because the request does not contain an Ingress resource but " +
                                              request.value("kind", Json::object()).value("group", std::string("")) + "/" +
                                              request.value("kind", Json::object()).value("version", std::string("")) +
                                              ", Kind=" + request.value("kind", Json::object()).value("kind", std::string("")) +
                                              " with name " + request.value("name", std::string("")) + " in namespace " +
                                              request.value("namespace", std::string(""))}};
    } else {
        check = checkIngress(store_, *object);
        if (!check.warnings.empty())
            response["warnings"] = check.warnings;
        if (!check.allowed) {
            response["allowed"] = false;
            response["status"] = {{"status", "Failure"}, {"code", 400}, {"reason", "BadRequest"}, {"message", check.message}};
        }
        // The controller's log: the review's outcome.
        const std::string ingressKey = request.value("namespace", std::string("")) + "/" + request.value("name", std::string(""));
        process->appendLog(now, runtime::Stream::Stderr,
                           check.allowed ? klogLine('I', now, 107, "\"successfully validated configuration, accepting\" ingress=" + codec::quoteGo(ingressKey))
                                         : klogLine('E', now, 96, "\"invalid ingress configuration\" err=" + codec::quoteGo(check.message) +
                                                                      " ingress=" + codec::quoteGo(ingressKey)));
    }
    out.response.status = 200;
    extra += std::string(" allowed=") + (response.value("allowed", false) ? "true" : "false");
    recordFlow(origin, dst, target.port, out, "http", now, extra);
    reply.response = std::move(response);
    return reply;
}

}  // namespace kp::network
