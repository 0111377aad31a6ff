#include "network/node_daemons.h"

#include "apiserver/rest_reads.h"

namespace kp::network {

std::optional<HostDaemon> nodeDaemon(const ApiServer& api, const ObjectStore& store, const std::string& nodeName,
                                     int64_t port) {
    ObjectPtr node = store.get("nodes", "", nodeName);
    if (!node)
        return std::nullopt;
    HostDaemon d;
    if (port == 22) {
        d.name = "sshd";
        d.banner = kNodeSshBanner;
        return d;
    }
    if (port == 10250) {
        // The kubelet's serving certificate is generated with its own CA, both sent in the
        // chain; it refuses requests without credentials (anonymous auth is off).
        d.name = "kubelet";
        d.tlsCertProblem = "self-signed certificate in certificate chain";
        d.http = [](const runtime::HttpRequest&, Time) {
            runtime::HttpResponse r;
            r.status = 401;
            r.body = "Unauthorized";
            r.contentType = "text/plain; charset=utf-8";
            return r;
        };
        return d;
    }
    const Json labels = node->value("metadata", Json::object()).value("labels", Json::object());
    if (port == 8443 && labels.contains("node-role.kubernetes.io/control-plane")) {
        // apiserver.crt is signed by minikubeCA, which the laptop does not trust and the server
        // does not send.
        d.name = "kube-apiserver";
        d.tlsCertProblem = "unable to get local issuer certificate";
        d.http = [&api](const runtime::HttpRequest& request, Time) {
            RestReply reply = serveAnonymousRequest(api, request.method, request.target, prettyForUserAgent(request.userAgent));
            runtime::HttpResponse r;
            r.status = reply.code;
            r.body = reply.body;
            r.contentType = reply.contentType;
            return r;
        };
        return d;
    }
    return std::nullopt;
}

}  // namespace kp::network
