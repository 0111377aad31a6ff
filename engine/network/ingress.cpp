#include "network/ingress.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "base/text.h"

namespace kp::network {
namespace {

// The IngressClass an Ingress names: spec.ingressClassName, else the legacy annotation.
std::string className(const Json& ingress) {
    std::string name = stringAt(ingress, "spec.ingressClassName");
    if (name.empty())
        if (const Json* a = findPath(ingress, "metadata.annotations"); a && a->is_object())
            name = a->value("kubernetes.io/ingress.class", std::string(""));
    return name;
}

// Ingresses in nginx's precedence order: the oldest first (ingress-nginx sorts by creation
// time, then namespace/name, and the first definition of a host/path wins).
std::vector<ObjectPtr> servedIngresses(const ObjectStore& store) {
    std::vector<ObjectPtr> out;
    for (const ObjectPtr& ing : store.list("ingresses.networking.k8s.io"))
        if (!findPath(*ing, "metadata.deletionTimestamp") && servedByIngressNginx(store, *ing))
            out.push_back(ing);
    std::stable_sort(out.begin(), out.end(), [](const ObjectPtr& a, const ObjectPtr& b) {
        const std::string ta = stringAt(*a, "metadata.creationTimestamp"), tb = stringAt(*b, "metadata.creationTimestamp");
        if (ta != tb)
            return ta < tb;
        return stringAt(*a, "metadata.namespace") + "/" + stringAt(*a, "metadata.name") <
               stringAt(*b, "metadata.namespace") + "/" + stringAt(*b, "metadata.name");
    });
    return out;
}

// The nginx server a Host header lands on: an exact server_name, else the longest matching
// `*.suffix` wildcard, else the catch-all "_".
std::string serverFor(const std::vector<ObjectPtr>& ingresses, const std::string& host) {
    std::string best = "_";
    for (const ObjectPtr& ing : ingresses)
        for (const Json& rule : ing->value("spec", Json::object()).value("rules", Json::array())) {
            const std::string h = asciiLower(rule.value("host", std::string("")));
            if (h.empty())
                continue;
            if (h == host)
                return h;
            // nginx's "*.example.com" matches any name ending in ".example.com".
            if (h.size() > 2 && h[0] == '*' && h[1] == '.' && host.size() > h.size() - 1 &&
                host.compare(host.size() - (h.size() - 1), h.size() - 1, h, 1) == 0 &&
                (best == "_" || h.size() > best.size()))
                best = h;
        }
    return best;
}

// How well a location matches a path: -1 no match; otherwise the matched length, with Exact
// locations ranked above every prefix (nginx checks `location =` first).
int64_t locationScore(const std::string& pathType, const std::string& locPath, const std::string& path) {
    constexpr int64_t kExact = int64_t{1} << 40;
    if (pathType == "Exact")
        return path == locPath ? kExact : -1;
    if (pathType == "Prefix") {
        // Element-wise: "/foo" matches "/foo" and "/foo/...", not "/foobar"; a trailing slash in
        // the rule is ignored ("/foo/" is "/foo").
        std::string p = locPath;
        while (p.size() > 1 && p.back() == '/')
            p.pop_back();
        if (p == "/")
            return 1;
        if (path == p)
            return static_cast<int64_t>(p.size());
        if (path.size() > p.size() && path.compare(0, p.size(), p) == 0 && path[p.size()] == '/')
            return static_cast<int64_t>(p.size());
        return -1;
    }
    // ImplementationSpecific: nginx's plain prefix location.
    if (path.compare(0, locPath.size(), locPath) == 0)
        return static_cast<int64_t>(locPath.size());
    return -1;
}

// The Secret a `kube-webhook-certgen create` pod writes ("" for any other pod).
std::string certgenSecret(const Json& pod) {
    const Json* containers = findPath(pod, "spec.containers");
    if (!containers || !containers->is_array() || containers->empty())
        return "";
    const Json& c = (*containers)[0];
    if (c.value("image", std::string("")).find("kube-webhook-certgen") == std::string::npos)
        return "";
    const Json args = c.value("args", Json::array());
    if (args.empty() || args[0] != "create")
        return "";
    for (const Json& a : args)
        if (a.is_string() && a.get<std::string>().rfind("--secret-name=", 0) == 0)
            return a.get<std::string>().substr(14);
    return "";
}

// The arguments of a `kube-webhook-certgen patch` pod (empty when the pod is not one).
std::vector<std::string> certgenPatchArgs(const Json& pod) {
    const Json* containers = findPath(pod, "spec.containers");
    if (!containers || !containers->is_array() || containers->empty())
        return {};
    const Json& c = (*containers)[0];
    if (c.value("image", std::string("")).find("kube-webhook-certgen") == std::string::npos)
        return {};
    const Json args = c.value("args", Json::array());
    if (args.empty() || args[0] != "patch")
        return {};
    std::vector<std::string> out;
    for (const Json& a : args)
        if (a.is_string())
            out.push_back(a.get<std::string>());
    return out;
}

std::string flagValue(const std::vector<std::string>& args, const std::string& flag, const std::string& fallback) {
    for (const std::string& a : args)
        if (a.rfind(flag + "=", 0) == 0)
            return a.substr(flag.size() + 1);
    return fallback;
}

// Base64 of a PEM block whose body is `lines` lines of stable pseudo-random base64.
std::string fakePem(const std::string& kind, const std::string& seed, int lines) {
    static const char* kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string body;
    uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : seed)
        h = (h ^ c) * 1099511628211ULL;
    for (int l = 0; l < lines; ++l) {
        for (int i = 0; i < 64; ++i) {
            h ^= h >> 29;
            h *= 0xBF58476D1CE4E5B9ULL;
            h ^= h >> 32;
            body += kB64[h % 64];
        }
        body += "\n";
    }
    const std::string pem = "-----BEGIN " + kind + "-----\n" + body + "-----END " + kind + "-----\n";
    std::string out;
    for (size_t i = 0; i < pem.size(); i += 3) {
        const uint32_t n = (static_cast<unsigned char>(pem[i]) << 16) |
                           (i + 1 < pem.size() ? static_cast<unsigned char>(pem[i + 1]) << 8 : 0) |
                           (i + 2 < pem.size() ? static_cast<unsigned char>(pem[i + 2]) : 0);
        out += kB64[(n >> 18) & 63];
        out += kB64[(n >> 12) & 63];
        out += i + 1 < pem.size() ? kB64[(n >> 6) & 63] : '=';
        out += i + 2 < pem.size() ? kB64[n & 63] : '=';
    }
    return out;
}

// Whether a pod runs the ingress-nginx controller (its first container's image).
bool isControllerPod(const Json& pod) {
    const Json* containers = findPath(pod, "spec.containers");
    return containers && containers->is_array() && !containers->empty() &&
           isIngressNginxImage((*containers)[0].value("image", std::string("")));
}

// The nginx.ingress.kubernetes.io annotation `key` of an Ingress ("" when absent).
std::string nginxAnnotation(const Json& ing, const std::string& key) {
    const Json* a = findPath(ing, "metadata.annotations");
    return a && a->is_object() ? a->value("nginx.ingress.kubernetes.io/" + key, std::string("")) : std::string();
}

bool usesRegex(const Json& ing) {
    return nginxAnnotation(ing, "use-regex") == "true" || !nginxAnnotation(ing, "rewrite-target").empty();
}

std::string ruleServer(const Json& rule) {
    const std::string h = asciiLower(rule.value("host", std::string("")));
    return h.empty() ? "_" : h;
}

// Whether a server's locations are regular expressions: one Ingress on it asks for regex paths
// (use-regex or rewrite-target) and ingress-nginx enforces them for the whole server.
bool regexServer(const std::vector<ObjectPtr>& ingresses, const std::string& server) {
    for (const ObjectPtr& ing : ingresses) {
        if (!usesRegex(*ing))
            continue;
        for (const Json& rule : ing->value("spec", Json::object()).value("rules", Json::array()))
            if (ruleServer(rule) == server)
                return true;
    }
    return false;
}

// A regex server: Exact paths stay `location =`; every other path is `location ~* "^PATH"`,
// tried longest path first (ingress-nginx sorts them so), the first match wins. With
// rewrite-target, `rewrite "(?i)PATH" TARGET break;` replaces the URI ($1.. from the match;
// the query string is kept).
IngressRoute routeRegex(const std::vector<ObjectPtr>& ingresses, IngressRoute route, const std::string& path,
                        const std::string& target) {
    struct Location {
        const Json* ing;
        Json path;
    };
    std::vector<Location> locations;
    for (const ObjectPtr& ing : ingresses)
        for (const Json& rule : ing->value("spec", Json::object()).value("rules", Json::array()))
            if (ruleServer(rule) == route.server)
                for (const Json& p : rule.value("http", Json::object()).value("paths", Json::array()))
                    locations.push_back({ing.get(), p});
    std::stable_sort(locations.begin(), locations.end(), [](const Location& a, const Location& b) {
        const bool ea = a.path.value("pathType", std::string("")) == "Exact", eb = b.path.value("pathType", std::string("")) == "Exact";
        if (ea != eb)
            return ea;
        return a.path.value("path", std::string("/")).size() > b.path.value("path", std::string("/")).size();
    });
    for (const Location& loc : locations) {
        const std::string locPath = loc.path.value("path", std::string("/"));
        const std::string type = loc.path.value("pathType", std::string("ImplementationSpecific"));
        std::smatch m;
        try {
            const std::regex re(locPath, std::regex::ECMAScript | std::regex::icase);
            const bool match = type == "Exact" ? path == locPath
                                               : std::regex_search(path, m, re, std::regex_constants::match_continuous);
            if (!match)
                continue;
            route.kind = IngressRoute::Kind::Backend;
            route.ingressNamespace = stringAt(*loc.ing, "metadata.namespace");
            route.ingressName = stringAt(*loc.ing, "metadata.name");
            route.path = locPath;
            route.pathType = type;
            route.service = stringAt(loc.path, "backend.service.name");
            const Json* port = findPath(loc.path, "backend.service.port");
            route.port = port ? *port : Json::object();
            const std::string rewrite = nginxAnnotation(*loc.ing, "rewrite-target");
            if (!rewrite.empty()) {
                std::smatch any;
                if (std::regex_search(path, any, re)) {
                    std::string uri = any.format(rewrite);
                    if (uri.empty() || uri[0] != '/')
                        uri = "/" + uri;
                    const size_t q = target.find('?');
                    route.rewrittenTarget = uri + (q == std::string::npos ? "" : target.substr(q));
                }
            }
            return route;
        } catch (const std::regex_error&) {
            continue;  // nginx would refuse the configuration; the location is skipped
        }
    }
    return route;
}

}  // namespace

bool isIngressNginxImage(const std::string& image) {
    return image.find("ingress-nginx/controller") != std::string::npos ||
           image.find("nginx-ingress-controller") != std::string::npos;
}

bool servedByIngressNginx(const ObjectStore& store, const Json& ingress) {
    const std::string cls = className(ingress);
    if (cls.empty())
        return true;  // --watch-ingress-without-class=true
    ObjectPtr ic = store.get("ingressclasses.networking.k8s.io", "", cls);
    return ic && stringAt(*ic, "spec.controller") == kIngressNginxController;
}

IngressRoute routeIngress(const ObjectStore& store, const std::string& hostHeader, const std::string& target) {
    IngressRoute route;
    std::string host = asciiLower(hostHeader);
    if (size_t colon = host.rfind(':'); colon != std::string::npos && host.find(']') == std::string::npos)
        host = host.substr(0, colon);
    std::string path = target.substr(0, target.find('?'));
    if (path.empty() || path[0] != '/')
        path = "/" + path;
    const std::vector<ObjectPtr> ingresses = servedIngresses(store);
    route.server = serverFor(ingresses, host);

    const bool regex = regexServer(ingresses, route.server);
    if (regex)
        route = routeRegex(ingresses, route, path, target);
    int64_t bestScore = -1;
    for (const ObjectPtr& ing : regex ? std::vector<ObjectPtr>{} : ingresses)
        for (const Json& rule : ing->value("spec", Json::object()).value("rules", Json::array())) {
            const std::string h = asciiLower(rule.value("host", std::string("")));
            if ((h.empty() ? std::string("_") : h) != route.server)
                continue;
            for (const Json& p : rule.value("http", Json::object()).value("paths", Json::array())) {
                const std::string locPath = p.value("path", std::string("/"));
                const std::string type = p.value("pathType", std::string("ImplementationSpecific"));
                const int64_t score = locationScore(type, locPath.empty() ? "/" : locPath, path);
                if (score <= bestScore)
                    continue;  // equal: the older Ingress (or earlier rule) keeps the location
                bestScore = score;
                route.kind = IngressRoute::Kind::Backend;
                route.ingressNamespace = stringAt(*ing, "metadata.namespace");
                route.ingressName = stringAt(*ing, "metadata.name");
                route.path = locPath;
                route.pathType = type;
                route.service = stringAt(p, "backend.service.name");
                const Json* port = findPath(p, "backend.service.port");
                route.port = port ? *port : Json::object();
            }
        }
    if (route.kind == IngressRoute::Kind::Backend)
        return route;
    // No location: the server's root location. The catch-all server's goes to the first Ingress
    // with a defaultBackend and no rules; a host's to the defaultBackend of the Ingress that
    // created that server (the first one with a rule for it); else to the controller's 404.
    for (const ObjectPtr& ing : ingresses) {
        const Json rules = ing->value("spec", Json::object()).value("rules", Json::array());
        bool definesServer = route.server == "_" && rules.empty();
        for (const Json& rule : rules)
            definesServer = definesServer || (route.server != "_" && asciiLower(rule.value("host", std::string(""))) == route.server);
        if (!definesServer)
            continue;
        const Json* backend = findPath(*ing, "spec.defaultBackend.service");
        if (!backend) {
            if (route.server == "_")
                continue;
            return route;  // the server's creator has no defaultBackend: the 404
        }
        route.kind = IngressRoute::Kind::Backend;
        route.ingressNamespace = stringAt(*ing, "metadata.namespace");
        route.ingressName = stringAt(*ing, "metadata.name");
        route.service = backend->value("name", std::string(""));
        route.port = backend->value("port", Json::object());
        return route;
    }
    return route;
}

std::string nginxReason(int status) {
    switch (status) {
    case 404: return "Not Found";
    case 502: return "Bad Gateway";
    case 503: return "Service Temporarily Unavailable";
    case 504: return "Gateway Time-out";
    default: return "";
    }
}

std::string nginxErrorPage(int status) {
    const std::string title = std::to_string(status) + " " + nginxReason(status);
    return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title +
           "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
}

// [SECTION] status

void IngressStatusController::onEvent(const WatchEvent& event) {
    if (!event.object)
        return;
    if (event.resource == "ingresses.networking.k8s.io") {
        if (event.type == WatchEventType::Added || event.type == WatchEventType::Modified)
            queue().add("sync/" + stringAt(*event.object, "metadata.namespace") + "/" + stringAt(*event.object, "metadata.name"));
        return;
    }
    if (isControllerPod(*event.object))
        queue().add("status");
    if (!certgenSecret(*event.object).empty() && stringAt(*event.object, "status.phase") == "Succeeded")
        queue().add("certgen/" + stringAt(*event.object, "metadata.namespace") + "/" + certgenSecret(*event.object));
    if (!certgenPatchArgs(*event.object).empty() && stringAt(*event.object, "status.phase") == "Succeeded")
        queue().add("certgen-patch/" + stringAt(*event.object, "metadata.namespace") + "/" + stringAt(*event.object, "metadata.name"));
}

ReconcileResult IngressStatusController::reconcile(const std::string& key) {
    if (key.rfind("certgen/", 0) == 0) {
        const size_t slash = key.find('/', 8);
        createAdmissionSecret(key.substr(8, slash - 8), key.substr(slash + 1));
        return ReconcileResult::done();
    }
    if (key.rfind("certgen-patch/", 0) == 0) {
        const size_t slash = key.find('/', 14);
        patchWebhookConfigurations(key.substr(14, slash - 14), key.substr(slash + 1));
        return ReconcileResult::done();
    }
    if (key.rfind("sync/", 0) == 0) {
        // The controller's store saw the Ingress (only while a controller runs).
        if (leaderUid_.empty())
            return ReconcileResult::done();
        const size_t slash = key.find('/', 5);
        ObjectPtr ing = store_.get("ingresses.networking.k8s.io", key.substr(5, slash - 5), key.substr(slash + 1));
        if (ing && servedByIngressNginx(store_, *ing))
            recorder_.event(*ing, "Normal", "Sync", "Scheduled for sync");
        return ReconcileResult::done();
    }
    // The leader: the oldest Running and Ready controller pod (SIMPLIFICATION: leader election
    // is not simulated; with one replica there is nothing to elect).
    ObjectPtr leader;
    std::vector<std::string> addresses;
    for (const ObjectPtr& pod : store_.list("pods")) {
        if (!isControllerPod(*pod) || findPath(*pod, "metadata.deletionTimestamp"))
            continue;
        bool ready = stringAt(*pod, "status.phase") == "Running";
        bool readyCondition = false;
        for (const Json& c : pod->value("status", Json::object()).value("conditions", Json::array()))
            if (c.value("type", std::string("")) == "Ready" && c.value("status", std::string("")) == "True")
                readyCondition = true;
        if (!ready || !readyCondition)
            continue;
        if (!leader)
            leader = pod;
        // The node's address (minikube's nodes have an InternalIP only).
        if (ObjectPtr node = store_.get("nodes", "", stringAt(*pod, "spec.nodeName")))
            for (const Json& a : node->value("status", Json::object()).value("addresses", Json::array()))
                if (a.value("type", std::string("")) == "InternalIP") {
                    const std::string ip = a.value("address", std::string(""));
                    if (std::find(addresses.begin(), addresses.end(), ip) == addresses.end())
                        addresses.push_back(ip);
                }
    }
    const Time now = clock_.now();
    if (!leader) {
        // The last controller shut down: it removes its address from the Ingresses.
        if (!leaderUid_.empty() && published_)
            publish({}, /*servedOnly=*/false);
        leaderUid_.clear();
        published_ = false;
        return ReconcileResult::done();
    }
    const std::string uid = stringAt(*leader, "metadata.uid");
    if (uid != leaderUid_) {
        // A controller starts: its informers list every Ingress.
        if (leaderUid_.empty())
            for (const ObjectPtr& ing : store_.list("ingresses.networking.k8s.io"))
                queue().add("sync/" + stringAt(*ing, "metadata.namespace") + "/" + stringAt(*ing, "metadata.name"));
        leaderUid_ = uid;
        nextSync_ = now + kUpdateInterval;
        return ReconcileResult::requeueAfter(kUpdateInterval);
    }
    if (now < nextSync_)
        return ReconcileResult::requeueAfter(nextSync_ - now);
    std::sort(addresses.begin(), addresses.end());
    publish(addresses, /*servedOnly=*/true);
    published_ = true;
    lastPublished_ = Json::array();
    for (const std::string& ip : addresses)
        lastPublished_.push_back({{"ip", ip}});
    while (nextSync_ <= now)
        nextSync_ = nextSync_ + kUpdateInterval;
    return ReconcileResult::requeueAfter(nextSync_ - now);
}

// Served Ingresses get `addresses`; on shutdown (servedOnly false) every Ingress still showing
// the addresses this controller published loses them, also those whose class went away with
// the addon.
void IngressStatusController::publish(const std::vector<std::string>& addresses, bool servedOnly) {
    Json wanted = Json::array();
    for (const std::string& ip : addresses)
        wanted.push_back({{"ip", ip}});
    for (const ObjectPtr& ing : store_.list("ingresses.networking.k8s.io")) {
        const Json* current = findPath(*ing, "status.loadBalancer.ingress");
        const Json have = current && current->is_array() ? *current : Json::array();
        if (servedOnly ? !servedByIngressNginx(store_, *ing) : have != lastPublished_)
            continue;
        if (have == wanted)
            continue;
        Json updated = *ing;
        updated["status"]["loadBalancer"] = wanted.empty() ? Json::object() : Json{{"ingress", wanted}};
        client_.updateStatus(updated);
    }
}

// What `kube-webhook-certgen create` leaves behind: the webhook's CA, certificate and key.
// SIMPLIFICATION: the PEM blocks hold no real certificate (stable pseudo-random text).
void IngressStatusController::createAdmissionSecret(const std::string& ns, const std::string& name) {
    if (store_.get("secrets", ns, name))
        return;
    Json secret = {{"apiVersion", "v1"},
                   {"kind", "Secret"},
                   {"metadata", {{"name", name}, {"namespace", ns}}},
                   {"data",
                    {{"ca", fakePem("CERTIFICATE", ns + name + "ca", 10)},
                     {"cert", fakePem("CERTIFICATE", ns + name + "cert", 12)},
                     {"key", fakePem("EC PRIVATE KEY", ns + name + "key", 3)}}}};
    client_.create(secret);
}

// `kube-webhook-certgen patch --webhook-name=W --secret-name=S --patch-failure-policy=P`: the
// CA of Secret S becomes the caBundle of every webhook of the configurations named W
// (validating unless --patch-validating=false, mutating unless --patch-mutating=false), with
// failurePolicy P when given. The Secret is made first when the create job's result has not
// been seen yet (both jobs start together). Upstream: kube-webhook-certgen pkg/k8s (PatchWebhookConfigurations).
void IngressStatusController::patchWebhookConfigurations(const std::string& ns, const std::string& podName) {
    ObjectPtr pod = store_.get("pods", ns, podName);
    if (!pod)
        return;
    const std::vector<std::string> args = certgenPatchArgs(*pod);
    const std::string webhookName = flagValue(args, "--webhook-name", "");
    const std::string secretName = flagValue(args, "--secret-name", "");
    const std::string failurePolicy = flagValue(args, "--patch-failure-policy", "");
    if (webhookName.empty() || secretName.empty())
        return;
    createAdmissionSecret(ns, secretName);
    ObjectPtr secret = store_.get("secrets", ns, secretName);
    if (!secret)
        return;
    const std::string ca = stringAt(*secret, "data.ca");
    std::vector<const char*> kinds;
    if (flagValue(args, "--patch-validating", "true") != "false")
        kinds.push_back("validatingwebhookconfigurations.admissionregistration.k8s.io");
    if (flagValue(args, "--patch-mutating", "true") != "false")
        kinds.push_back("mutatingwebhookconfigurations.admissionregistration.k8s.io");
    for (const char* kind : kinds) {
        ObjectPtr config = store_.get(kind, "", webhookName);
        if (!config)
            continue;
        Json patched = *config;
        if (!patched.contains("webhooks") || !patched["webhooks"].is_array())
            continue;
        for (Json& w : patched["webhooks"]) {
            if (!w.is_object())
                continue;
            ensureObject(w, "clientConfig")["caBundle"] = ca;
            if (!failurePolicy.empty())
                w["failurePolicy"] = failurePolicy;
        }
        if (patched != *config)
            client_.update(patched);
    }
}

}  // namespace kp::network
