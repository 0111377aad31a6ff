#include "network/curl.h"

#include <cstdlib>

#include "network/http_wire.h"

namespace kp::network {
namespace {

struct Url {
    std::string scheme = "http", host, target = "/";
    int64_t port = 80;
};

bool parseUrl(std::string text, Url& url) {
    size_t sep = text.find("://");
    if (sep != std::string::npos) {
        url.scheme = text.substr(0, sep);
        text = text.substr(sep + 3);
    }
    if (url.scheme == "https")
        url.port = 443;
    size_t slash = text.find('/');
    std::string hostPort = text.substr(0, slash);
    if (slash != std::string::npos)
        url.target = text.substr(slash);
    size_t colon = hostPort.rfind(':');
    if (colon != std::string::npos) {
        const std::string p = hostPort.substr(colon + 1);
        char* end = nullptr;
        long v = std::strtol(p.c_str(), &end, 10);
        if (p.empty() || *end != '\0' || v <= 0 || v > 65535)
            return false;
        url.port = v;
        hostPort = hostPort.substr(0, colon);
    }
    url.host = hostPort;
    return !url.host.empty();
}

}  // namespace

const char* httpReasonPhrase(int status) {
    switch (status) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Time-out";
    default: return "";
    }
}

CurlResult curl(const std::vector<std::string>& argv, const Origin& origin, Traffic& traffic, Time now) {
    CurlResult res;
    bool silent = false, showError = false, include = false, head = false, failOnError = false, insecure = false;
    std::string output, writeOut, method, data, urlText;
    int64_t maxTimeMs = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::vector<std::string> resolves;  // --resolve HOST:PORT:ADDRESS
    // Grouped short switches ("-sk", "-sSL") are the single ones in a row.
    std::vector<std::string> args;
    for (const std::string& a : argv) {
        const bool grouped = a.size() > 2 && a[0] == '-' && a[1] != '-' &&
                             a.find_first_not_of("sSiIfkLv", 1) == std::string::npos;
        if (!grouped) {
            args.push_back(a);
            continue;
        }
        for (size_t k = 1; k < a.size(); ++k)
            args.push_back(std::string("-") + a[k]);
    }
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> std::string { return i + 1 < args.size() ? args[++i] : std::string(); };
        if (a == "-s" || a == "--silent")
            silent = true;
        else if (a == "-S" || a == "--show-error")
            showError = true;
        else if (a == "-i" || a == "--include")
            include = true;
        else if (a == "-I" || a == "--head")
            head = true;
        else if (a == "-f" || a == "--fail")
            failOnError = true;
        else if (a == "-k" || a == "--insecure")
            insecure = true;
        else if (a == "-L" || a == "--location" || a == "-v" || a == "--verbose")
            continue;  // no redirects in the simulation; verbose output is not simulated
        else if (a == "-o" || a == "--output")
            output = value();
        else if (a == "-w" || a == "--write-out")
            writeOut = value();
        else if (a == "-X" || a == "--request")
            method = value();
        else if (a == "-d" || a == "--data")
            data = value();
        else if (a == "--resolve")
            resolves.push_back(value());
        else if (a.rfind("--resolve=", 0) == 0)
            resolves.push_back(a.substr(10));
        else if (a == "-m" || a == "--max-time" || a == "--connect-timeout")
            maxTimeMs = static_cast<int64_t>(std::atof(value().c_str()) * 1000);
        else if (a == "-H" || a == "--header") {
            std::string h = value();
            size_t colon = h.find(':');
            if (colon != std::string::npos) {
                std::string name = h.substr(0, colon), v = h.substr(colon + 1);
                for (char& c : name)
                    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                v.erase(0, v.find_first_not_of(' '));
                headers.emplace_back(name, v);
            }
        } else if (!a.empty() && a[0] == '-') {
            res.exitCode = 2;
            res.err = "curl: option " + a + ": is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n";
            return res;
        } else
            urlText = a;
    }
    if (urlText.empty()) {
        res.exitCode = 2;
        res.err = "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n";
        return res;
    }
    auto fail = [&](int code, const std::string& msg) {
        res.exitCode = code;
        if (!silent || showError)
            res.err += "curl: (" + std::to_string(code) + ") " + msg + "\n";
        if (!writeOut.empty()) {
            std::string w = writeOut;
            for (size_t p; (p = w.find("%{http_code}")) != std::string::npos;)
                w.replace(p, 12, "000");
            res.out += w;
        }
        return res;
    };
    Url url;
    if (!parseUrl(urlText, url))
        return fail(3, "URL using bad/illegal format or missing URL");
    if (url.scheme != "http" && url.scheme != "https")
        return fail(1, "Protocol \"" + url.scheme + "\" not supported or disabled in libcurl");

    runtime::HttpRequest req;
    req.method = method.empty() ? (head ? "HEAD" : (data.empty() ? "GET" : "POST")) : method;
    req.target = url.target;
    req.host = url.host + (url.port == (url.scheme == "https" ? 443 : 80) ? "" : ":" + std::to_string(url.port));
    req.userAgent = origin.userAgent;
    // -H replaces curl's own Host and User-Agent headers.
    for (const auto& [name, v] : headers) {
        if (name == "host")
            req.host = v;
        else if (name == "user-agent")
            req.userAgent = v;
        else
            req.headers.emplace_back(name, v);
    }
    req.body = data;
    // --resolve host:port:address connects to the address for that host and port; the URL's
    // host stays in the Host header (and in curl's messages).
    std::string connectTo = url.host;
    for (const std::string& r : resolves) {
        size_t c1 = r.find(':'), c2 = c1 == std::string::npos ? c1 : r.find(':', c1 + 1);
        if (c2 == std::string::npos)
            continue;
        if (r.substr(0, c1) == url.host && r.substr(c1 + 1, c2 - c1 - 1) == std::to_string(url.port))
            connectTo = r.substr(c2 + 1);
    }
    Outcome o = traffic.http(origin, connectTo, url.port, req, now);
    switch (o.kind) {
    case Outcome::Kind::Unresolved:
        return fail(6, "Could not resolve host: " + url.host);
    case Outcome::Kind::Refused:
        return fail(7, "Failed to connect to " + url.host + " port " + std::to_string(url.port) +
                           " after 0 ms: Connection refused");
    case Outcome::Kind::Timeout:
        if (maxTimeMs > 0) {
            res.elapsed = Duration::millis(maxTimeMs);
            return fail(28, "Connection timed out after " + std::to_string(maxTimeMs + 1) + " milliseconds");
        }
        // Linux gives up on a SYN after its retries: about 130 s.
        res.elapsed = Duration::millis(130'000);
        return fail(28, "Failed to connect to " + url.host + " port " + std::to_string(url.port) +
                            " after 130000 ms: Connection timed out");
    case Outcome::Kind::Response:
        break;
    }
    // TLS servers here: the ingress-nginx controller (its self-signed certificate) and a node's
    // kube-apiserver and kubelet (certificates curl cannot verify, o.tlsCertProblem).
    const bool tls = o.selfSignedTls || !o.tlsCertProblem.empty();
    if (url.scheme == "https" && !tls)
        return fail(35, "error:0A00010B:SSL routines::wrong version number");
    if (url.scheme == "http" && !o.tlsCertProblem.empty()) {
        // Go's TLS server answers a plain HTTP request with a 400 and closes.
        // SIMPLIFICATION: -i shows the status line as HTTP/1.1 (Go writes HTTP/1.0).
        o.response = runtime::HttpResponse{};
        o.response.status = 400;
        o.response.body = kHttpToHttpsBody;
        o.response.contentType = "";
    }
    // A server that writes something other than an HTTP response (sshd's greeting).
    if (url.scheme == "http" && o.response.status == 0)
        return fail(o.bytes.empty() ? 52 : 1, o.bytes.empty() ? "Empty reply from server" : "Received HTTP/0.9 when not allowed");
    if (url.scheme == "https" && !insecure)
        return fail(60, "SSL certificate problem: " + (o.tlsCertProblem.empty() ? std::string("self-signed certificate") : o.tlsCertProblem) +
                        "\nMore details here: https://curl.se/docs/sslcerts.html\n\n"
                        "curl failed to verify the legitimacy of the server and therefore could not\nestablish a secure "
                        "connection to it. To learn more about this situation and\nhow to fix it, please visit the web page "
                        "mentioned above.");
    const int status = o.response.status;
    if (failOnError && status >= 400)
        return fail(22, "The requested URL returned error: " + std::to_string(status));
    const std::string headerBlock = httpResponseHead(o.response);
    std::string body = head ? headerBlock : (include ? headerBlock : "") + o.response.body;
    if (output.empty() || output == "-")
        res.out += body;
    // `-o FILE` other than /dev/null: SIMPLIFICATION, the body is discarded (no file system here).
    if (!writeOut.empty()) {
        std::string w = writeOut;
        for (size_t p; (p = w.find("%{http_code}")) != std::string::npos;)
            w.replace(p, 12, std::to_string(status));
        for (size_t p; (p = w.find("\\n")) != std::string::npos;)
            w.replace(p, 2, "\n");
        res.out += w;
    }
    return res;
}

}  // namespace kp::network
