// ingress-nginx as minikube's ingress addon runs it (controller v1.11.3, --controller-class=
// k8s.io/ingress-nginx, --watch-ingress-without-class=true, hostPort 80/443 on the primary node):
//
//  - which Ingresses it serves: class `nginx` (spec.ingressClassName or the legacy
//    kubernetes.io/ingress.class annotation naming an IngressClass of its controller), or no
//    class at all;
//  - how nginx routes a request among them: one server per host (exact names before `*.suffix`
//    wildcards, anything else to the catch-all server `_` that holds the host-less rules),
//    locations from the paths (Exact: `location = /p`; Prefix: `/p` itself and everything under
//    `/p/`, element-wise; ImplementationSpecific: a plain string prefix, as nginx treats it),
//    an exact location first, then the longest prefix; no location => the defaultBackend of
//    the Ingress that created the server (for `_`: of an Ingress with no rules), else the
//    controller's own 404; with the use-regex or rewrite-target
//    annotations the server's paths are case-insensitive regular expressions, and
//    rewrite-target rewrites the URI sent to the backend;
//  - the status it publishes: every served Ingress gets the IP of the node the controller runs
//    on in status.loadBalancer.ingress, at the status sync that runs every 60 s.
//
// The request itself is carried by Traffic (network/traffic.h): node IP:80 reaches the
// controller pod through its hostPort, the controller picks a backend here and proxies to the
// Service (kube-proxy picks the endpoint).
// Upstream: kubernetes/ingress-nginx internal/ingress/controller/controller.go (servers and
// locations), internal/ingress/status/status.go (UpdateInterval 60 s, node IPs), nginx
// ngx_http_core_module (location matching), ngx_http_special_response.c (error pages).
#pragma once
#include <string>
#include <vector>

#include "base/clock.h"
#include "client/client.h"
#include "client/event_recorder.h"
#include "controller/controller.h"
#include "store/object_store.h"

namespace kp::network {

constexpr const char* kIngressNginxController = "k8s.io/ingress-nginx";

// Whether minikube's ingress-nginx serves this Ingress.
bool servedByIngressNginx(const ObjectStore& store, const Json& ingress);

// Where nginx sends a request.
struct IngressRoute {
    enum class Kind { Backend, NotFound } kind = Kind::NotFound;
    std::string ingressNamespace, ingressName;  // the Ingress whose rule (or defaultBackend) matched
    std::string server;                         // "hello-world.example", "*.example.com", "_"
    std::string path, pathType;                 // the matching location ("" for a defaultBackend)
    std::string service;                        // backend Service (in the Ingress's namespace)
    Json port;                                  // backend port: {"number": N} or {"name": "..."}
    std::string rewrittenTarget;                // the URI sent to the backend after rewrite-target ("" = unchanged)
};

// `host` is the Host header (a port is ignored), `target` the request target (query ignored).
IngressRoute routeIngress(const ObjectStore& store, const std::string& host, const std::string& target);

// nginx's own error page for 404/503 as ingress-nginx sends it (server_tokens off: "nginx"
// without a version), and the reason phrase nginx puts in the status line.
std::string nginxErrorPage(int status);
std::string nginxReason(int status);

// Whether a pod is a running ingress-nginx controller (by its image).
bool isIngressNginxImage(const std::string& image);

// What the controller pod does to the API: while an ingress-nginx controller pod is Running and
// Ready,
//  - every 60 s from its start (the status sync) it writes the addresses of the nodes its pods
//    run on into each served Ingress; when the last controller pod goes away the addresses are
//    removed;
//  - each served Ingress it sees added or changed (its own status writes included, and every
//    existing one when it starts) gets a Normal "Sync" Event "Scheduled for sync" from
//    nginx-ingress-controller, the line `kubectl describe ingress` shows.
// It also does the API work of the addon's kube-webhook-certgen jobs: when the `create` pod
// succeeds, the Secret it names (ingress-nginx-admission: ca, cert, key) exists; when the
// `patch` pod succeeds, the ValidatingWebhookConfiguration ingress-nginx-admission carries that
// CA as its caBundle (and failurePolicy Fail), so the apiserver trusts the controller's webhook.
class IngressStatusController : public Controller {
public:
    IngressStatusController(Client client, const ObjectStore& store, const VirtualClock& clock)
        : client_(std::move(client)), store_(store), clock_(clock), recorder_(client_.server(), "nginx-ingress-controller") {}
    std::string_view name() const override { return "ingress-nginx-status"; }
    std::vector<std::string> watches() const override { return {"pods", "ingresses.networking.k8s.io"}; }
    void onEvent(const WatchEvent& event) override;
    ReconcileResult reconcile(const std::string& key) override;

    static constexpr Duration kUpdateInterval = Duration::seconds(60);

private:
    void publish(const std::vector<std::string>& addresses, bool servedOnly);
    void createAdmissionSecret(const std::string& ns, const std::string& name);
    void patchWebhookConfigurations(const std::string& ns, const std::string& podName);

    Client client_;
    const ObjectStore& store_;
    const VirtualClock& clock_;
    EventRecorder recorder_;
    std::string leaderUid_;  // the controller pod whose sync loop runs
    Time nextSync_;
    bool published_ = false;
    Json lastPublished_ = Json::array();  // status.loadBalancer.ingress as last written
};

}  // namespace kp::network
