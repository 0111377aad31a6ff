#include "network/pod_tools.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "network/curl.h"
#include "network/bind_tools.h"
#include "network/dns.h"
#include "network/ip_tool.h"
#include "network/tcp_tools.h"
#include "network/traffic.h"
#include "runtime/image_catalog.h"
#include "runtime/image_reference.h"
#include "runtime/tcp_dial.h"

namespace kp::network {
namespace {

// The image of the Kubernetes DNS debugging guide: Debian's dnsutils (BIND 9), under its
// current and its old registry.
bool isDnsutilsImage(const std::string& repo) {
    const std::string suffix = "/e2e-test-images/jessie-dnsutils";
    return repo.size() > suffix.size() && repo.compare(repo.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string baseName(const std::string& path) {
    const size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The image's repository ("busybox", "curlimages/curl") and tag.
std::pair<std::string, std::string> repoAndTag(const std::string& image) {
    std::optional<runtime::ImageReference> ref = runtime::parseImageReference(image, nullptr);
    if (!ref)
        return {"", ""};
    return {ref->familiarName(), ref->tag};
}

// busybox 1.28 and older: the classic nslookup ("1.28", "1.28.4", "1.27.2", ...).
bool classicNslookup(const std::string& image) {
    auto [repo, tag] = repoAndTag(image);
    if (repo != "busybox" || tag.rfind("1.", 0) != 0)
        return false;
    return std::atoi(tag.c_str() + 2) <= 28;
}

struct PodInfo {
    std::string ip, node;
};

PodInfo podInfo(const ObjectStore& store, const std::string& ns, const std::string& pod) {
    PodInfo info;
    if (ObjectPtr p = store.get("pods", ns, pod)) {
        info.ip = stringAt(*p, "status.podIP");
        info.node = stringAt(*p, "spec.nodeName");
    }
    return info;
}

// CoreDNS's reverse zone: a Service's cluster IP names the Service; an endpoint's IP names the
// endpoint (its hostname or dashed IP) under its Service.
std::string reverseName(const ObjectStore& store, const std::string& ip) {
    for (const ObjectPtr& svc : store.list("services"))
        if (stringAt(*svc, "spec.clusterIP") == ip)
            return stringAt(*svc, "metadata.name") + "." + stringAt(*svc, "metadata.namespace") + ".svc." + kClusterDomain;
    for (const ObjectPtr& slice : store.list("endpointslices.discovery.k8s.io")) {
        const Json* endpoints = findPath(*slice, "endpoints");
        if (!endpoints || !endpoints->is_array())
            continue;
        for (const Json& ep : *endpoints) {
            const Json addresses = ep.value("addresses", Json::array());
            if (std::find(addresses.begin(), addresses.end(), Json(ip)) == addresses.end())
                continue;
            std::string host = ep.value("hostname", "");
            if (host.empty()) {
                host = ip;
                std::replace(host.begin(), host.end(), '.', '-');
            }
            const std::string svc = stringAt(*slice, "metadata.labels.kubernetes\\.io/service-name");
            const Json* labels = findPath(*slice, "metadata.labels");
            const std::string service = labels ? labels->value("kubernetes.io/service-name", svc) : svc;
            return host + "." + service + "." + stringAt(*slice, "metadata.namespace") + ".svc." + kClusterDomain;
        }
    }
    return "";
}

std::string padRight(const std::string& s, size_t width) {
    return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

// busybox <= 1.28: `nslookup NAME` through the libc resolver.
int classicLookup(const ObjectStore& store, const std::string& ns, const std::string& name, std::string& out,
                  std::string& err) {
    out += padRight("Server:", 10) + " " + kClusterDnsIP + "\n";
    out += std::string("Address 1: ") + kClusterDnsIP + " " + reverseName(store, kClusterDnsIP) + "\n\n";
    Resolution r = resolve(store, name, "A", clusterFirstSearch(ns));
    std::vector<std::string> addresses;
    for (const DnsRecord& rec : r.answer.records)
        if (rec.type == "A")
            addresses.push_back(rec.data);
    if (addresses.empty()) {
        err += "nslookup: can't resolve '" + name + "'\n";
        return 1;
    }
    out += padRight("Name:", 10) + " " + name + "\n";
    for (size_t i = 0; i < addresses.size(); ++i) {
        const std::string rev = reverseName(store, addresses[i]);
        out += "Address " + std::to_string(i + 1) + ": " + addresses[i] + (rev.empty() ? "" : " " + rev) + "\n";
    }
    return 0;
}

// busybox >= 1.29: its own queries, one reply printed per query.
// SIMPLIFICATION: replies are printed in the order the queries were made; the real tool
// prints them as they arrive, which varies from run to run.
int modernLookup(const ObjectStore& store, const std::string& ns, const std::string& name,
                 const std::vector<std::string>& types, std::string& out) {
    std::vector<std::string> names;
    if (name.find('.') == std::string::npos)
        for (const std::string& domain : clusterFirstSearch(ns))
            names.push_back(name + "." + domain);
    else
        names.push_back(name);
    out += std::string("Server:\t\t") + kClusterDnsIP + "\nAddress:\t" + kClusterDnsIP + ":53\n\n";
    int code = 0;
    for (const std::string& type : types) {
        for (const std::string& fqdn : names) {
            std::string query = fqdn;
            if (!query.empty() && query.back() == '.')
                query.pop_back();
            // AAAA: the cluster has no IPv6, so a known name answers with no records.
            DnsAnswer answer = lookup(store, query, type == "AAAA" ? "A" : type);
            if (answer.rcode != Rcode::NoError) {
                out += "** server can't find " + query + ": " + (answer.rcode == Rcode::NXDomain ? "NXDOMAIN" : "SERVFAIL") +
                       "\n\n";
                code = 1;
                continue;
            }
            if (type != "AAAA")
                for (const DnsRecord& rec : answer.records) {
                    if (rec.type == "A")
                        out += "Name:\t" + rec.name + "\nAddress: " + rec.data + "\n";
                    else if (rec.type == "SRV")
                        out += rec.name + "\tservice = " + rec.data + "\n";
                    else if (rec.type == "CNAME")
                        out += rec.name + "\tcanonical name = " + rec.data + "\n";
                }
            out += "\n";
        }
    }
    return code;
}

int nslookup(const ObjectStore& store, const std::string& ns, const std::string& image,
             const std::vector<std::string>& argv, std::string& out, std::string& err) {
    std::vector<std::string> types;
    std::vector<std::string> operands;
    for (size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.rfind("-type=", 0) == 0 || a.rfind("-query=", 0) == 0 || a.rfind("-q=", 0) == 0) {
            std::string t = a.substr(a.find('=') + 1);
            for (char& c : t)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            types.push_back(t);
        } else {
            operands.push_back(a);
        }
    }
    const bool classic = classicNslookup(image);
    if (operands.empty() || operands.size() > 2 || (classic && !types.empty())) {
        err += "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] "
               "[-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n";
        return 1;
    }
    if (classic)
        return classicLookup(store, ns, operands[0], out, err);
    if (types.empty())
        types = {"A", "AAAA"};
    return modernLookup(store, ns, operands[0], types, out);
}

// busybox wget: -q, -O FILE / -O- / -qO-, -T SECONDS, --spider; the URL last.
int wget(const ObjectStore& store, Traffic& traffic, const Origin& origin, const std::vector<std::string>& argv,
         Time now, std::string& out, std::string& err) {
    bool quiet = false, spider = false;
    std::string output;
    std::string url;
    for (size_t i = 1; i < argv.size(); ++i) {
        std::string a = argv[i];
        if (a == "--spider") {
            spider = true;
        } else if (a == "-O" && i + 1 < argv.size()) {
            output = argv[++i];
        } else if ((a == "-T" || a == "-t") && i + 1 < argv.size()) {
            ++i;
        } else if (a.size() > 1 && a[0] == '-' && a[1] != '-') {
            for (size_t k = 1; k < a.size(); ++k) {
                if (a[k] == 'q')
                    quiet = true;
                else if (a[k] == 'O') {
                    output = k + 1 < a.size() ? a.substr(k + 1) : (i + 1 < argv.size() ? argv[++i] : "");
                    break;
                } else if (a[k] == 'T' || a[k] == 't') {
                    if (k + 1 == a.size())
                        ++i;
                    break;
                }
            }
        } else {
            url = a;
        }
    }
    (void)store;
    if (url.empty()) {
        err += "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] "
               "[-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t"
               "[-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n";
        return 1;
    }
    // host[:port]/path
    std::string rest = url;
    if (rest.rfind("http://", 0) == 0)
        rest = rest.substr(7);
    const size_t slash = rest.find('/');
    std::string hostPort = rest.substr(0, slash);
    const std::string target = slash == std::string::npos ? "/" : rest.substr(slash);
    int64_t port = 80;
    std::string host = hostPort;
    if (const size_t colon = hostPort.rfind(':'); colon != std::string::npos) {
        host = hostPort.substr(0, colon);
        port = std::atoll(hostPort.substr(colon + 1).c_str());
    }
    // One lookup: the request resolves the name (and records it) before it connects.
    runtime::HttpRequest request;
    request.target = target;
    request.host = hostPort;
    request.userAgent = "Wget";
    request.method = spider ? "HEAD" : "GET";
    Outcome o = traffic.http(origin, host, port, request, now);
    if (o.kind == Outcome::Kind::Unresolved) {
        err += "wget: bad address '" + host + "'\n";
        return 1;
    }
    if (!quiet)
        err += "Connecting to " + hostPort + " (" + o.ip + ":" + std::to_string(port) + ")\n";
    if (o.kind == Outcome::Kind::Refused) {
        err += "wget: can't connect to remote host (" + o.ip + "): Connection refused\n";
        return 1;
    }
    if (o.kind != Outcome::Kind::Response) {
        // SIMPLIFICATION: the 900 s default timeout is reported at once.
        err += "wget: download timed out\n";
        return 1;
    }
    if (!o.tlsCertProblem.empty()) {
        err += "wget: server returned error: HTTP/1.0 400 Bad Request\n";  // a Go TLS server (traffic.h)
        return 1;
    }
    if (o.response.status == 0) {
        // Not an HTTP server (sshd's greeting): wget shows the first line it read, cut at the
        // first control character.
        std::string line = o.bytes;
        for (size_t k = 0; k < line.size(); ++k)
            if (static_cast<unsigned char>(line[k]) < 0x20) {
                line.resize(k);
                break;
            }
        err += "wget: server returned error: " + line + "\n";
        return 1;
    }
    if (o.response.status >= 300) {
        const std::string reason = o.response.reason.empty() ? httpReasonPhrase(o.response.status) : o.response.reason;
        err += "wget: server returned error: HTTP/1.1 " + std::to_string(o.response.status) + " " + reason + "\n";
        return 1;
    }
    if (spider) {
        if (!quiet)
            err += "remote file exists\n";
        return 0;
    }
    const bool toStdout = output == "-";
    const std::string file = output.empty() ? (target == "/" ? "index.html" : baseName(target)) : output;
    if (!quiet) {
        err += toStdout ? "writing to stdout\n" : "saving to '" + file + "'\n";
        // libbb's progress line when stderr is not a terminal (kubectl exec without -t).
        // SIMPLIFICATION: the file name is padded to 20 columns as in a build without Unicode
        // support; whether the busybox image is built with it was not verified.
        char size[16];
        std::snprintf(size, sizeof size, "%5zu", o.response.body.size());
        err += padRight(toStdout ? "-" : file, 20) + " 100% |" + std::string(32, '*') + "| " + size + "  0:00:00 ETA\n";
        err += toStdout ? "written to stdout\n" : "'" + file + "' saved\n";
    }
    // SIMPLIFICATION: a file download is not written into the container's file system.
    if (toStdout)
        out += o.response.body;
    return 0;
}

// The container's application connects somewhere itself (runtime/tcp_dial.h): argv is
// {kAppTcpTool, host, port[, the pod's IP while the store does not have it yet]}.
int appConnection(const ObjectStore& store, Traffic& traffic, const PodToolCall& call, std::string& out) {
    const PodInfo info = podInfo(store, call.ns, call.pod);
    Origin origin;
    origin.clientIP = !info.ip.empty() || call.argv.size() < 4 ? info.ip : call.argv[3];
    origin.clientNode = info.node;
    origin.dnsNamespace = call.ns;
    const Outcome o = traffic.tcp(origin, call.argv[1], std::atoll(call.argv[2].c_str()), call.io.input, call.now);
    using Kind = runtime::DialResult::Kind;
    switch (o.kind) {
    case Outcome::Kind::Response: out = o.bytes; return static_cast<int>(Kind::Reply);
    case Outcome::Kind::Refused: return static_cast<int>(Kind::Refused);
    case Outcome::Kind::Timeout: return static_cast<int>(Kind::Timeout);
    case Outcome::Kind::Unresolved: return static_cast<int>(Kind::Unresolved);
    }
    return static_cast<int>(Kind::Refused);
}

// busybox's ps (every option ignored): the container's own process as PID 1, then ps.
// SIMPLIFICATION: the container's other processes (a shell script's children, an interactive
// `sh` session) are not listed; ps's PID follows the virtual clock.
int busyboxPs(const ObjectStore& store, const PodToolCall& call, std::string& out) {
    std::string command;
    if (ObjectPtr pod = store.get("pods", call.ns, call.pod))
        for (const Json& c : (*pod)["spec"].value("containers", Json::array()))
            if (c.value("image", "") == call.image) {
                std::optional<runtime::ImageReference> ref = runtime::parseImageReference(call.image, nullptr);
                const runtime::ImageRepository* repo = ref ? runtime::ImageCatalog::builtin().repository(*ref) : nullptr;
                for (const std::string& w : runtime::containerCommandLine(repo, c))
                    command += (command.empty() ? "" : " ") + w;
                break;
            }
    std::string self;
    for (const std::string& w : call.argv)
        self += (self.empty() ? "" : " ") + w;
    char line[64];
    out += "PID   USER     TIME  COMMAND\n";
    std::snprintf(line, sizeof line, "%5d %-8s %5s ", 1, "root", "0:00");
    out += line + command + "\n";
    std::snprintf(line, sizeof line, "%5d %-8s %5s ", 7 + static_cast<int>((call.now.ms / 1000) % 50), "root", "0:00");
    out += line + self + "\n";
    return 0;
}

}  // namespace

bool imageHasTool(const std::string& image, const std::string& tool) {
    auto [repo, tag] = repoAndTag(image);
    if (repo == "busybox" || repo == "alpine")
        return tool == "wget" || tool == "nslookup" || tool == "nc" || tool == "ip" || tool == "ps";
    if (repo == "curlimages/curl")  // Alpine-based: busybox's nc, ip and ps too
        return tool == "curl" || tool == "nc" || tool == "ip" || tool == "ps";
    if (repo == "redis" || repo == "registry.k8s.io/redis" ||
        repo == "us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower")  // FROM redis:6.0.5
        return tool == "redis-cli";
    if (isDnsutilsImage(repo))
        return tool == "nslookup" || tool == "dig";
    if (repo == "nginx" || repo == "httpd")
        return tool == "curl" && tag.find("alpine") == std::string::npos;
    // The Kubernetes Basics app's image: its tutorial runs curl inside the container.
    if (repo == "gcr.io/google-samples/kubernetes-bootcamp" || repo == "jocatalin/kubernetes-bootcamp")
        return tool == "curl";
    return false;
}

std::optional<int> runPodTool(const ObjectStore& store, Traffic& traffic, const PodToolCall& call, std::string& out,
                              std::string& err) {
    const std::string &ns = call.ns, &image = call.image;
    const std::vector<std::string>& argv = call.argv;
    const Time now = call.now;
    if (argv.empty())
        return std::nullopt;
    const std::string tool = baseName(argv[0]);
    if (argv[0] == runtime::kAppTcpTool && argv.size() >= 3)
        return appConnection(store, traffic, call, out);
    if (!imageHasTool(image, tool))
        return std::nullopt;
    if (tool == "ps")
        return busyboxPs(store, call, out);
    if (tool == "ip") {
        // busybox's applet, in the pod's own network namespace.
        return runIp(podNetwork(store, ns, call.pod), std::vector<std::string>(argv.begin() + 1, argv.end()), true, out, err);
    }
    const PodInfo info = podInfo(store, ns, call.pod);
    Origin origin;
    origin.clientIP = info.ip;
    origin.clientNode = info.node;
    origin.dnsNamespace = ns;
    const auto [repo, tag] = repoAndTag(image);
    if (isDnsutilsImage(repo))
        return tool == "dig" ? dig(store, traffic, origin, argv, now, out, err)
                             : bindNslookup(store, traffic, origin, argv, now, out, err);
    if (tool == "nslookup") {
        // The flow: the first operand is the name asked for.
        for (size_t i = 1; i < argv.size(); ++i)
            if (!argv[i].empty() && argv[i][0] != '-') {
                traffic.recordLookup(origin, argv[i], now);
                break;
            }
        return nslookup(store, ns, image, argv, out, err);
    }
    if (tool == "wget")
        return wget(store, traffic, origin, argv, now, out, err);
    if (tool == "nc" || tool == "redis-cli") {
        const std::vector<std::string> args(argv.begin() + 1, argv.end());
        ToolRun r = tool == "nc" ? busyboxNc(traffic, origin, args, call.io.input, now)
                                 : redisCli(traffic, origin, args, call.io.input, call.io.tty, now);
        out += r.out;
        err += r.err;
        return r.exitCode;
    }
    // curl 8.x in the curl image and Debian bookworm's 7.88 in nginx/httpd.
    origin.userAgent = repo == "curlimages/curl" ? "curl/8.11.1" : "curl/7.88.1";
    CurlResult r = curl(std::vector<std::string>(argv.begin() + 1, argv.end()), origin, traffic, now);
    out += r.out;
    err += r.err;
    return r.exitCode;
}

}  // namespace kp::network
