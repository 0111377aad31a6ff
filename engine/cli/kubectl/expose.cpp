// kubectl expose (deployment|rs|rc|pod|service) NAME | TYPE/NAME [--port] [--target-port]
// [--type] [--name] [--protocol] [--selector] [--labels] [--cluster-ip] [--external-ip]
// [--session-affinity] [--load-balancer-ip]
// The Service generator: selector from --selector or the object (a Deployment's or
// ReplicaSet's matchLabels, a Pod's labels, a Service's selector), ports from --port or the
// object's container ports (several ports are named port-1, port-2 ...), protocols from the
// object's ports, target port = --target-port or the port, labels from --labels or the object.
// Prints `service/<name> exposed`.
// Upstream: kubectl pkg/cmd/expose/expose.go (RunExpose, createService),
// pkg/polymorphichelpers (canbeexposed.go, mapbasedselectorforobject.go, portsforobject.go,
// multiprotocolsforobject.go).
#include <algorithm>
#include <cctype>
#include <map>

#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/print_flags.h"
#include "cli/kubectl/resource_args.h"

namespace kp::cli {
namespace {

// The DNS-1035 label limit a Service name must fit in.
constexpr size_t kMaxServiceName = 63;

std::string canBeExposed(const Json& obj) {
    const std::string kind = stringAt(obj, "kind");
    const std::string apiVersion = stringAt(obj, "apiVersion");
    const std::string group = apiVersion.find('/') == std::string::npos ? "" : apiVersion.substr(0, apiVersion.find('/'));
    if ((group.empty() && (kind == "ReplicationController" || kind == "Service" || kind == "Pod")) ||
        (group == "apps" && (kind == "Deployment" || kind == "ReplicaSet")))
        return "";
    return "cannot expose a " + (group.empty() ? kind : kind + "." + group);
}

Json labelsAt(const Json& obj, const char* path) {
    const Json* l = findPath(obj, path);
    return l && l->is_object() ? *l : Json::object();
}

// mapBasedSelectorForObject: "" on success with the selector in `out`, else the reason.
std::string selectorForObject(const Json& obj, Json& out) {
    const std::string kind = stringAt(obj, "kind");
    if (kind == "ReplicationController") {
        out = labelsAt(obj, "spec.selector");
        return "";
    }
    if (kind == "Pod") {
        out = labelsAt(obj, "metadata.labels");
        return out.empty() ? "the pod has no labels and cannot be exposed" : "";
    }
    if (kind == "Service") {
        const Json* s = findPath(obj, "spec.selector");
        if (!s || s->is_null())
            return "the service has no pod selector set";
        out = *s;
        return "";
    }
    const std::string lower = kind == "Deployment" ? "deployment" : "replicaset";
    out = labelsAt(obj, "spec.selector.matchLabels");
    if (out.empty())
        return "invalid " + lower + ": no selectors, therefore cannot be exposed";
    const Json* exprs = findPath(obj, "spec.selector.matchExpressions");
    if (exprs && exprs->is_array() && !exprs->empty())
        // SIMPLIFICATION: kubectl prints the expressions with Go's %+v; kubeplay prints them as JSON.
        return "couldn't convert expressions - \"" + exprs->dump() + "\" to map-based selector format";
    return "";
}

const Json* podSpecOf(const Json& obj) {
    if (stringAt(obj, "kind") == "Pod")
        return findPath(obj, "spec");
    return findPath(obj, "spec.template.spec");
}

// portsForObject and multiProtocolsForObject: container (or service) ports, first seen first.
void portsForObject(const Json& obj, std::vector<std::string>& ports, std::map<std::string, std::vector<std::string>>& protocols) {
    auto add = [&](int64_t port, const std::string& protocol) {
        const std::string key = std::to_string(port);
        if (std::find(ports.begin(), ports.end(), key) == ports.end())
            ports.push_back(key);
        protocols[key].push_back(protocol.empty() ? "TCP" : protocol);
    };
    if (stringAt(obj, "kind") == "Service") {
        if (const Json* sp = findPath(obj, "spec.ports"); sp && sp->is_array())
            for (const Json& p : *sp)
                add(p.value("port", int64_t{0}), p.value("protocol", ""));
        return;
    }
    const Json* spec = podSpecOf(obj);
    const Json* containers = spec ? findPath(*spec, "containers") : nullptr;
    if (!containers || !containers->is_array())
        return;
    for (const Json& c : *containers)
        if (const Json* cp = findPath(c, "ports"); cp && cp->is_array())
            for (const Json& p : *cp)
                add(p.value("containerPort", int64_t{0}), p.value("protocol", ""));
}

// expose.go parseLabels: "a=b,c=d".
std::string parseSelector(const std::string& text, Json& out) { return parseLabelSpec(text, out); }

Json intOrString(const std::string& s) {
    char* end = nullptr;
    long long n = std::strtoll(s.c_str(), &end, 10);
    if (!s.empty() && *end == '\0')
        return n;
    return s;
}

// Builds the Service for one exposed object; "" or the error.
std::string generateService(const CommandFlags& flags, const Json& obj, Json& svc) {
    std::string name = stringAt(obj, "metadata.name").substr(0, kMaxServiceName);
    if (!flags.str("name").empty())
        name = flags.str("name");

    Json selector;
    if (!flags.str("selector").empty()) {
        if (std::string err = parseSelector(flags.str("selector"), selector); !err.empty())
            return err;
    } else if (std::string err = selectorForObject(obj, selector); !err.empty()) {
        return "couldn't retrieve selectors via --selector flag or introspection: " + err;
    }
    if (selector.empty())
        return "selector must be specified";

    std::vector<std::string> objectPorts;
    std::map<std::string, std::vector<std::string>> protocols;
    portsForObject(obj, objectPorts, protocols);
    std::vector<std::string> ports;
    if (!flags.str("port").empty()) {
        ports = {flags.str("port")};
    } else {
        if (objectPorts.empty() && flags.str("cluster-ip") != "None")
            return "couldn't find port via --port flag or introspection";
        ports = objectPorts;
    }

    Json labels;
    if (!flags.str("labels").empty()) {
        if (std::string err = parseSelector(flags.str("labels"), labels); !err.empty())
            return err;
    } else {
        labels = labelsAt(obj, "metadata.labels");
    }

    Json svcPorts = Json::array();
    const std::string protocolFlag = flags.str("protocol");
    for (size_t i = 0; i < ports.size(); ++i) {
        char* end = nullptr;
        long long port = std::strtoll(ports[i].c_str(), &end, 10);
        if (ports[i].empty() || *end != '\0')
            return "strconv.Atoi: parsing \"" + ports[i] + "\": invalid syntax";
        const std::string portName = ports.size() > 1 ? "port-" + std::to_string(i + 1) : "";
        std::string protocol = protocolFlag;
        if (protocol.empty()) {
            protocol = "TCP";
            auto found = protocols.find(ports[i]);
            if (found != protocols.end() && found->second.size() == 1) {
                protocol = found->second[0];
            } else if (found != protocols.end()) {
                for (const std::string& p : found->second) {
                    std::string lower = p;
                    for (char& c : lower)
                        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                    svcPorts.push_back({{"name", "port-" + std::to_string(i + 1) + "-" + lower}, {"protocol", p}, {"port", port}});
                }
                continue;
            }
        }
        Json sp = {{"protocol", protocol}, {"port", port}};
        if (!portName.empty())
            sp["name"] = portName;
        svcPorts.push_back(std::move(sp));
    }
    for (Json& sp : svcPorts)
        sp["targetPort"] = flags.str("target-port").empty() ? Json(sp["port"]) : intOrString(flags.str("target-port"));

    Json spec = {{"selector", selector}};
    if (!svcPorts.empty())
        spec["ports"] = svcPorts;
    if (!flags.str("external-ip").empty())
        spec["externalIPs"] = Json::array({flags.str("external-ip")});
    if (!flags.str("type").empty())
        spec["type"] = flags.str("type");
    if (flags.str("type") == "LoadBalancer" && !flags.str("load-balancer-ip").empty())
        spec["loadBalancerIP"] = flags.str("load-balancer-ip");
    if (const std::string affinity = flags.str("session-affinity"); !affinity.empty()) {
        if (affinity != "None" && affinity != "ClientIP")
            return "unknown session affinity: " + affinity;
        spec["sessionAffinity"] = affinity;
    }
    if (!flags.str("cluster-ip").empty())
        spec["clusterIP"] = flags.str("cluster-ip");
    Json meta = {{"name", name}, {"creationTimestamp", nullptr}};
    if (!labels.empty())
        meta["labels"] = labels;
    svc = {{"apiVersion", "v1"},
           {"kind", "Service"},
           {"metadata", meta},
           {"spec", spec},
           {"status", {{"loadBalancer", Json::object()}}}};
    return "";
}

}  // namespace

CommandResult kubectlExpose(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl expose");
    addPrintFlags(flags);
    addDryRunFlag(flags);
    flags.string("protocol").string("port").string("type").string("load-balancer-ip").string("selector");
    flags.string("labels", "l").string("target-port").string("external-ip").string("name");
    flags.string("session-affinity").string("cluster-ip").stringSlice("filename", "f").boolean("recursive", "R");
    flags.string("kustomize", "k").boolean("save-config").boolean("record").string("overrides");
    flags.string("override-type", "", "merge").string("field-manager", "", "kubectl-expose");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    DryRunStrategy dryRun;
    if (!getDryRunStrategy(ctx, flags, dryRun, res))
        return res;
    Printer printer;
    std::string err;
    if (!Printer::make(flags, "exposed", dryRun, printer, err))
        return res.append(CommandResult::failure(err));
    // SIMPLIFICATION: objects named by -f files are not supported by expose yet.
    if (!flags.list("filename").empty())
        return res.append(errorResult("kubectl expose -f is not available in kubeplay yet"));

    ResourceQuery q;
    q.args = flags.args();
    q.ns = commandNamespace(ctx, flags);
    ResourceResult found = resolveResources(ctx, q);
    if (!found.ok())
        return res.append(CommandResult::failure(found.error));
    const ResourceInfo& services = *ctx.cluster.apiServer().resources().byKind("v1", "Service");
    for (const ResourceTarget& t : found.targets) {
        if (std::string bad = canBeExposed(t.object); !bad.empty())
            return res.append(errorResult(bad));
        Json svc;
        if (std::string genErr = generateService(flags, t.object, svc); !genErr.empty())
            return res.append(errorResult(genErr));
        if (dryRun == DryRunStrategy::Client) {
            if (namespaceEnforced(flags))
                svc["metadata"]["namespace"] = q.ns;
            res.out += printer.print(svc);
            continue;
        }
        WriteOptions opts;
        opts.actor = "kubectl";
        opts.fieldManager = flags.str("field-manager");
        opts.dryRun = dryRun == DryRunStrategy::Server;
        ApiResponse resp = ctx.cluster.apiServer().create(services, q.ns, svc, opts);
        for (const std::string& w : resp.warnings)
            res.err += "Warning: " + w + "\n";
        if (!resp.ok())
            return res.append(CommandResult::failure(serverErrorText(resp.status)));
        // The answer is decoded as an unstructured object: -o json prints its keys sorted.
        res.out += printer.print(resp.object, false);
    }
    ctx.cluster.runUntilIdle();
    for (const std::string& e : found.itemErrors)
        res.append(CommandResult::failure(e));
    return res;
}

}  // namespace kp::cli
