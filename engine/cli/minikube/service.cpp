// `minikube service NAME [--url] [-n NS]` and `minikube service list` (cmd/minikube/cmd/
// service.go, service_list.go, pkg/minikube/service/service.go).
//
// A Service's URLs are http://<control-plane IP>:<nodePort>, one per port that has a node port.
// Without --url minikube prints a table and opens the URL; a Service without node ports
// (ClusterIP) gets "No node port" and, without --url, an SSH tunnel on a random local port.
#include <algorithm>

#include "cli/minikube/commands.h"
#include "cli/minikube/table_writer.h"

namespace kp::cli::minikube {
namespace {

constexpr const char* kDefaultFormat = "http://{{.IP}}:{{.Port}}";

// The URLs of one Service and the names of their ports (service.SvcURL).
struct SvcURL {
    std::string ns, name;
    std::vector<std::string> urls;
    std::vector<std::string> portNames;
};

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
    for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
        s.replace(pos, from.size(), to);
    return s;
}

// The --format template with the fields minikube offers: {{.IP}}, {{.Port}}, {{.Name}}.
// SIMPLIFICATION: only those three fields are expanded, not Go's whole template language.
std::string formatURL(const std::string& tmpl, const std::string& ip, int port, const std::string& name) {
    std::string s = tmpl;
    for (const char* f : {"{{.IP}}", "{{ .IP }}"})
        s = replaceAll(s, f, ip);
    for (const char* f : {"{{.Port}}", "{{ .Port }}"})
        s = replaceAll(s, f, std::to_string(port));
    for (const char* f : {"{{.Name}}", "{{ .Name }}"})
        s = replaceAll(s, f, name);
    return s;
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
    std::string s;
    for (size_t i = 0; i < v.size(); ++i)
        s += (i ? sep : "") + v[i];
    return s;
}

// Upstream: pkg/minikube/service/service.go#printURLsForService. A port is named after the
// Service port ("80" or "http/80") and keyed by its target port.
SvcURL urlsForService(const Json& svc, const std::string& ip, const std::string& tmpl) {
    SvcURL u;
    u.ns = stringAt(svc, "metadata.namespace");
    u.name = stringAt(svc, "metadata.name");
    const Json* ports = findPath(svc, "spec.ports");
    if (!ports || !ports->is_array())
        return u;
    for (const Json& p : *ports) {
        const int nodePort = static_cast<int>(p.value("nodePort", 0));
        if (nodePort <= 0)
            continue;
        const std::string name = p.value("name", "");
        const std::string portName =
            name.empty() ? std::to_string(p.value("port", 0)) : name + "/" + std::to_string(p.value("port", 0));
        u.urls.push_back(formatURL(tmpl, ip, nodePort, portName));
        u.portNames.push_back(portName);
    }
    return u;
}

std::string toHTTPS(const std::string& url, bool https) {
    if (https && url.rfind("http://", 0) == 0)
        return "https" + url.substr(4);
    return url;
}

// Upstream: pkg/minikube/service/service.go#CheckServicePods: a NodePort or LoadBalancer
// Service needs at least one Running pod behind it.
bool hasRunningPod(Invocation& inv, const Json& svc) {
    const std::string type = stringAt(svc, "spec.type", "ClusterIP");
    if (type != "NodePort" && type != "LoadBalancer")
        return true;
    const Json* selector = findPath(svc, "spec.selector");
    for (const ObjectPtr& pod : inv.cluster().store().list("pods", stringAt(svc, "metadata.namespace"))) {
        bool matches = true;
        if (selector && selector->is_object())
            for (const auto& [k, v] : selector->items())
                matches = matches && stringAt(*pod, "metadata.labels." + k) == v.get<std::string>();
        if (matches && stringAt(*pod, "status.phase") == "Running")
            return true;
    }
    return false;
}

std::string controlPlaneIP(Invocation& inv) {
    std::vector<MachineNode> nodes = machineNodes(inv.ctx);
    return nodes.empty() ? "" : nodes[0].ip;
}

// "🎉  Opening service ..." for each row that has a URL (cmd/minikube/cmd/service.go#openURLs).
// SIMPLIFICATION: opening the browser always succeeds (the page shows the service).
void openURLs(Invocation& inv, const std::string& ns, const std::vector<std::vector<std::string>>& rows) {
    for (const auto& row : rows) {
        if (row.size() < 4)
            continue;
        if (row[3].find('\n') != std::string::npos) {
            // Several URLs do not parse as one URL: minikube prints the row as a Go slice.
            inv.out.stdoutText("[" + join(row, " ") + "]\n");
            continue;
        }
        inv.out.step(Style::Celebrate, "Opening service " + ns + "/" + row[1] + " in default browser...");
    }
}

// ClusterIP services without --url: minikube forwards a random local port to each Service port
// over SSH and keeps the terminal busy (cmd/minikube/cmd/service.go#startKicServiceTunnel).
// SIMPLIFICATION: the command returns instead of blocking until Ctrl+C.
void startServiceTunnel(Invocation& inv, const std::string& ns, const std::vector<const Json*>& services) {
    std::vector<std::vector<std::string>> rows;
    for (const Json* svc : services) {
        const std::string name = stringAt(*svc, "metadata.name");
        inv.out.step(Style::Running, "Starting tunnel for service " + name + ".");
        std::vector<std::string> urls;
        if (const Json* ports = findPath(*svc, "spec.ports"); ports && ports->is_array())
            for (size_t i = 0; i < ports->size(); ++i)
                urls.push_back("http://127.0.0.1:" + std::to_string(32768 + inv.cluster().rng().uniform(28232)));
        rows.push_back({ns, name, "", join(urls, "\n")});
    }
    inv.out.stdoutText(renderTable({"Namespace", "Name", "Target Port", "URL"}, rows));
    openURLs(inv, ns, rows);
    inv.out.warning("Because you are using a Docker driver on linux, the terminal needs to be open to run it.");
}

}  // namespace

int runService(Invocation& inv) {
    int code = 0;
    if (!inv.parse({{"namespace", 'n', FlagType::String, "default"},
                    {"url", 0, FlagType::Bool, "false"},
                    {"all", 0, FlagType::Bool, "false"},
                    {"https", 0, FlagType::Bool, "false"},
                    {"wait", 0, FlagType::Int, "2"},
                    {"interval", 0, FlagType::Int, "1"},
                    {"format", 0, FlagType::String, kDefaultFormat}},
                   code))
        return code;
    Output& out = inv.out;
    const std::vector<std::string>& args = inv.flags.positional;
    const bool all = inv.flags.getBool("all");
    const bool urlMode = inv.flags.getBool("url");
    const bool https = inv.flags.getBool("https");
    const std::string ns = inv.flags.get("namespace");
    if ((args.empty() && !all) || (!args.empty() && all))
        return out.exitMessage(reason::usage(), "You must specify service name(s) or --all");
    if (int c = mustLoadHealthy(inv, inv.profile()))
        return c;

    const std::string ip = controlPlaneIP(inv);
    std::vector<ObjectPtr> services;
    for (const ObjectPtr& svc : inv.cluster().store().list("services", ns))
        if (all || std::find(args.begin(), args.end(), stringAt(*svc, "metadata.name")) != args.end())
            services.push_back(svc);
    if (services.empty() && all)
        return out.exitMessage(reason::kind("SVC_NOT_FOUND", 115),
                               "No services were found in the '" + ns +
                                   "' namespace.\nYou may select another namespace by using 'minikube service --all -n <namespace>'");
    if (services.empty())
        return out.exitMessage(reason::kind("SVC_NOT_FOUND", 115),
                               "Service '" + args[0] + "' was not found in '" + ns +
                                   "' namespace.\nYou may select another namespace by using 'minikube service " + args[0] +
                                   " -n <namespace>'. Or list out all the services using 'minikube service list'");

    std::vector<std::vector<std::string>> rows;
    std::vector<const Json*> noNodePort;
    for (const ObjectPtr& svc : services) {
        // Upstream: pkg/minikube/service/service.go#WaitForService.
        SvcURL u = urlsForService(*svc, ip, inv.flags.get("format"));
        if (!urlMode) {
            if (u.urls.empty())
                out.stdoutText(renderTable({"Namespace", "Name", "Target Port", "URL"}, {{ns, u.name, "", "No node port"}}));
            else
                out.stdoutText(renderTable({"Namespace", "Name", "Target Port", "URL"},
                                           {{ns, u.name, join(u.portNames, "\n"), join(u.urls, "\n")}}));
        }
        if (u.urls.empty()) {
            out.step(Style::Sad, "service " + ns + "/" + u.name + " has no node port");
            rows.push_back({u.ns, u.name, "No node port"});
            noNodePort.push_back(svc.get());
        } else {
            std::vector<std::string> urls;
            for (const std::string& url : u.urls)
                urls.push_back(toHTTPS(url, https));
            rows.push_back({u.ns, u.name, join(u.portNames, "\n"), join(urls, "\n")});
            if (urlMode)
                out.stdoutText(join(urls, "\n") + "\n");
        }
        if (!hasRunningPod(inv, *svc))
            return out.exitError(reason::kind("SVC_UNREACHABLE", 115), "service not available",
                                 "no running pod for service " + u.name + " found");
    }
    if (!noNodePort.empty()) {
        std::vector<std::string> names;
        for (const Json* svc : noNodePort)
            names.push_back(stringAt(*svc, "metadata.namespace") + "/" + stringAt(*svc, "metadata.name"));
        out.warning("Services [" + join(names, " ") +
                    "] have type \"ClusterIP\" not meant to be exposed, however for local development minikube allows you to access this !");
    }
    if (urlMode)
        return 0;
    openURLs(inv, ns, rows);
    if (!noNodePort.empty() && isKIC(inv.cluster().minikubeConfig().driver))
        startServiceTunnel(inv, ns, noNodePort);
    return 0;
}

// Upstream: cmd/minikube/cmd/service_list.go.
int runServiceList(Invocation& inv) {
    int code = 0;
    if (!inv.parse({{"output", 'o', FlagType::String, "table"},
                    {"namespace", 'n', FlagType::String, ""},
                    {"format", 0, FlagType::String, kDefaultFormat}},
                   code))
        return code;
    if (int c = mustLoadHealthy(inv, inv.profile()))
        return c;
    const std::string ip = controlPlaneIP(inv);
    std::vector<SvcURL> urls;
    for (const ObjectPtr& svc : inv.cluster().store().list("services", inv.flags.get("namespace"))) {
        SvcURL u = urlsForService(*svc, ip, inv.flags.get("format"));
        if (u.urls.empty())
            u.portNames = {"No node port"};
        urls.push_back(u);
    }
    const std::string output = inv.flags.get("output");
    if (output == "json") {
        std::string j;
        for (const SvcURL& u : urls) {
            // Go marshals an empty (nil) URL list as null.
            std::string entry = "{\"Namespace\":" + Json(u.ns).dump() + ",\"Name\":" + Json(u.name).dump() +
                                ",\"URLs\":" + (u.urls.empty() ? std::string("null") : Json(u.urls).dump()) +
                                ",\"PortNames\":" + Json(u.portNames).dump() + "}";
            j += (j.empty() ? "" : ",") + entry;
        }
        inv.out.stdoutText(urls.empty() ? "null" : "[" + j + "]");
        return 0;
    }
    if (output != "table")
        return inv.out.exitMessage(reason::usage(), "invalid output format: " + output + ". Valid values: 'table', 'json'");
    std::vector<std::vector<std::string>> rows;
    for (const SvcURL& u : urls)
        rows.push_back({u.ns, u.name, join(u.portNames, "\n"), join(u.urls, "\n")});
    inv.out.stdoutText(renderTable({"Namespace", "Name", "Target Port", "URL"}, rows));
    return 0;
}

}  // namespace kp::cli::minikube
