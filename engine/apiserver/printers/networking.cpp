// networking.k8s.io/v1: ingresses, ingressclasses, networkpolicies.
#include "apiserver/printers/printer.h"

namespace kp::printers {
namespace {

// HOSTS: up to 3 rule hosts, "*" when no rule names one.
// Upstream: printers.go#formatHosts (the "more" count is over all rules, hosts or not).
std::string ingressHosts(const Json& ing) {
    constexpr size_t kMax = 3;
    const Json* rules = arrayAt(ing, "spec.rules");
    if (!rules)
        return "*";
    std::vector<std::string> list;
    bool more = false;
    for (const Json& rule : *rules) {
        if (list.size() == kMax)
            more = true;
        std::string host = stringAt(rule, "host");
        if (!more && !host.empty())
            list.push_back(host);
    }
    if (list.empty())
        return "*";
    std::string ret;
    for (const std::string& h : list)
        ret += (ret.empty() ? "" : ",") + h;
    if (more)
        return ret + " + " + std::to_string(rules->size() - kMax) + " more...";
    return ret;
}

void ingressRow(const Json& ing, const PrintContext& ctx, Row& row) {
    std::string className = "<none>";
    if (const Json* c = findPath(ing, "spec.ingressClassName"); c && c->is_string())
        className = c->get<std::string>();
    row.cells = {stringAt(ing, "metadata.name"),
                 className,
                 ingressHosts(ing),
                 loadBalancerStatus(findPath(ing, "status.loadBalancer.ingress"), ctx.wide),
                 sizeAt(ing, "spec.tls") ? "80, 443" : "80",
                 age(ing, ctx.now)};
}

void ingressClassRow(const Json& ic, const PrintContext& ctx, Row& row) {
    std::string parameters = "<none>";
    if (const Json* p = findPath(ic, "spec.parameters"); p && p->is_object()) {
        parameters = stringAt(*p, "kind");
        if (const Json* g = findPath(*p, "apiGroup"); g && g->is_string())
            parameters += "." + g->get<std::string>();
        parameters += "/" + stringAt(*p, "name");
    }
    row.cells = {stringAt(ic, "metadata.name"), stringAt(ic, "spec.controller"), parameters, age(ic, ctx.now)};
}

void networkPolicyRow(const Json& np, const PrintContext& ctx, Row& row) {
    const Json* selector = findPath(np, "spec.podSelector");
    // The pod selector is a struct, never nil: absent means {} (everything), shown "<none>".
    Json empty = Json::object();
    row.cells = {stringAt(np, "metadata.name"), formatSelector(selector ? selector : &empty), age(np, ctx.now)};
}

}  // namespace

void addNetworkingPrinters(PrinterMap& m) {
    m["ingresses.networking.k8s.io"] = Printer{
        {
            nameColumn(),
            column("Class", "string", fieldDoc("networking/v1.IngressSpec", "ingressClassName")),
            column("Hosts", "string", "Hosts the rules match, '*' when a rule matches every host."),
            column("Address", "string", "Addresses of the load balancer serving this ingress."),
            column("Ports", "string", "80, plus 443 when TLS is configured."),
            ageColumn(),
        },
        ingressRow,
    };
    m["ingressclasses.networking.k8s.io"] = Printer{
        {
            nameColumn(),
            column("Controller", "string", fieldDoc("networking/v1.IngressClassSpec", "controller")),
            column("Parameters", "string", fieldDoc("networking/v1.IngressClassSpec", "parameters")),
            ageColumn(),
        },
        ingressClassRow,
    };
    m["networkpolicies.networking.k8s.io"] = Printer{
        {
            nameColumn(),
            column("Pod-Selector", "string", fieldDoc("networking/v1.NetworkPolicySpec", "podSelector")),
            ageColumn(),
        },
        networkPolicyRow,
    };
}

}  // namespace kp::printers
