// What kube-apiserver answers to a GET on its HTTP paths: the bodies `curl localhost:8001/...`
// prints through `kubectl proxy` and `kubectl get --raw PATH` shows.
//   /version, /healthz, /livez, /readyz
//   /api, /apis                                  discovery: APIVersions, APIGroupList
//   /api/v1, /apis/GROUP/VERSION                 APIResourceList
//   /api/v1/pods, .../namespaces/NS/pods         lists (labelSelector, fieldSelector, limit, continue)
//   .../namespaces/NS/pods/NAME[/status|/scale]  objects
// Bodies are JSON in Go's struct order (typed lists carry no kind/apiVersion per item), with
// managedFields. The apiserver indents by two spaces when asked (?pretty=true) or when the
// client is curl, wget or a browser (its User-Agent), and writes compact JSON and a newline
// otherwise (kubectl); /version is always indented. Errors are Status objects with their HTTP code.
// Upstream: apiserver/pkg/endpoints (handlers/get.go, responsewriters: isPrettyPrint).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "apiserver/api_server.h"

namespace kp {

struct RestReply {
    int code = 200;
    std::string body;
    std::string contentType = "application/json";
};

// The body of GET /version on a server of that release ("v1.32.0"): apimachinery's version.Info,
// indented. kubectl version prints its own the same way (the client is the same release build).
std::string versionBody(const std::string& gitVersion);

// True for the User-Agents the apiserver pretty-prints for: curl, Wget, browsers.
bool prettyForUserAgent(std::string_view userAgent);

// GET `target` (path and optional query). nullopt when no route serves the path: the
// apiserver answers "404 page not found" (text), unless the caller serves it (proxy, log ...).
std::optional<RestReply> serveRestRead(const ApiServer& api, std::string_view target, bool prettyByAgent);

// A request without credentials to kube-apiserver's secure port (curl -k https://NODE:8443/...):
// the user is system:anonymous, who may only GET /version, /healthz, /livez and /readyz (the
// system:public-info-viewer ClusterRole); everything else is a 403 Status, e.g.
//   pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" at the cluster scope
//   forbidden: User "system:anonymous" cannot get path "/api"
RestReply serveAnonymousRequest(const ApiServer& api, std::string_view method, std::string_view target,
                                bool prettyByAgent);

}  // namespace kp
