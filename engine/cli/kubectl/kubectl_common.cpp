#include <algorithm>
#include <cctype>

#include "api/codec/json_encode.h"
#include "api/codec/request_body.h"
#include "api/codec/yaml_decode.h"
#include "cli/kubectl/kubectl.h"
#include "network/curl.h"
#include "network/dns.h"
#include "network/traffic.h"

namespace kp::cli {

std::string resourceName(const ResourceInfo& r, const std::string& name) {
    std::string kind = r.kind;
    std::transform(kind.begin(), kind.end(), kind.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!r.group.empty())
        kind += "." + r.group;
    return kind + "/" + name;
}

std::string serverErrorText(const Status& s, const std::string& verbContext) {
    // kubectl rebuilds Invalid errors from their causes (cmd/util/helpers.go#StandardErrorMessage).
    if (s.isInvalid() && s.hasDetails() && !s.details().causes.empty()) {
        const StatusDetails& d = s.details();
        std::string head = "The " + d.kind + " \"" + d.name + "\" is invalid: ";
        // statusCausesToAggrError: "field: message", each text once.
        std::vector<std::string> lines;
        for (const auto& c : d.causes) {
            std::string line = c.field + ": " + c.message;
            if (std::find(lines.begin(), lines.end(), line) == lines.end())
                lines.push_back(std::move(line));
        }
        if (lines.size() == 1)
            return head + lines[0] + "\n";
        std::string out = head + "\n";
        for (const std::string& l : lines)
            out += "* " + l + "\n";
        return out;
    }
    std::string reason = s.reason().empty() ? "Unknown" : s.reason();
    return "Error from server (" + reason + "): " + verbContext + s.message() + "\n";
}

Status checkBodySize(const Json& obj) { return codec::checkRequestBodySize(codec::marshalJson(obj).size()); }

namespace {

bool isURL(const std::string& f) { return f.rfind("http://", 0) == 0 || f.rfind("https://", 0) == 0; }

// `-f http(s)://...`: kubectl's resource builder GETs the URL from the laptop (Go's http.Get,
// three attempts while the request fails or answers 5xx), then reads the body as a manifest.
// Failures print as kubectl prints a *url.Error: "The connection to the server <host> was
// refused - did you specify the right host or port?" or "Unable to connect to the server:
// <Go's error>"; a status other than 200 is `error: unable to read URL "<url>", server reported
// 404 Not Found, status code=404`. Names resolve with the laptop's systemd-resolved stub
// (127.0.0.53), which has no Internet to ask (network::upstreamRcode).
// SIMPLIFICATION: the one-second pauses between attempts take no virtual time.
// Upstream: cli-runtime pkg/resource/visitor.go (URLVisitor, readHttpWithRetries), kubectl
// pkg/cmd/util/helpers.go (StandardErrorMessage).
bool readURL(KubectlContext& ctx, const std::string& url, std::string& text, std::string& error) {
    const bool https = url.rfind("https://", 0) == 0;
    std::string rest = url.substr(https ? 8 : 7);
    const size_t slash = rest.find_first_of("/?#");
    std::string authority = slash == std::string::npos ? rest : rest.substr(0, slash);
    std::string target = slash == std::string::npos ? "/" : rest.substr(slash);
    if (!target.empty() && target[0] == '?')
        target = "/" + target;
    if (const size_t hash = target.find('#'); hash != std::string::npos)
        target = target.substr(0, hash);
    std::string host = authority;
    int64_t port = https ? 443 : 80;
    if (const size_t colon = authority.rfind(':'); colon != std::string::npos) {
        host = authority.substr(0, colon);
        port = std::atoll(authority.substr(colon + 1).c_str());
    }
    const std::string unable = "Unable to connect to the server: ";
    for (int attempt = 0; attempt < 3; ++attempt) {
        runtime::HttpRequest req;
        req.target = target;
        req.host = authority;
        req.userAgent = "Go-http-client/1.1";
        network::Origin laptop;
        laptop.userAgent = req.userAgent;
        network::Outcome o = ctx.cluster.traffic().http(laptop, host, port, req, ctx.cluster.now());
        switch (o.kind) {
        case network::Outcome::Kind::Unresolved:
            error = unable + "dial tcp: lookup " + host + " on 127.0.0.53:53: " +
                    (network::upstreamRcode(host) == network::Rcode::ServFail ? "server misbehaving" : "no such host") + "\n";
            continue;
        case network::Outcome::Kind::Refused:
            error = "The connection to the server " + authority + " was refused - did you specify the right host or port?\n";
            continue;
        case network::Outcome::Kind::Timeout:
            error = unable + "dial tcp " + o.ip + ":" + std::to_string(port) + ": connect: connection timed out\n";
            continue;
        case network::Outcome::Kind::Response:
            break;
        }
        if (https && !o.selfSignedTls && o.tlsCertProblem.empty()) {
            error = unable + "http: server gave HTTP response to HTTPS client\n";
            continue;
        }
        if (https) {
            error = unable + "tls: failed to verify certificate: x509: certificate signed by unknown authority\n";
            continue;
        }
        if (o.response.status == 200) {
            text = o.response.body;
            return true;
        }
        const std::string reason = o.response.reason.empty() ? network::httpReasonPhrase(o.response.status) : o.response.reason;
        error = "error: unable to read URL \"" + url + "\", server reported " + std::to_string(o.response.status) + " " + reason +
                ", status code=" + std::to_string(o.response.status) + "\n";
        if (o.response.status < 500 || o.response.status >= 600)
            return false;  // only 5xx is tried again
    }
    return false;
}

}  // namespace

bool readManifests(KubectlContext& ctx, const std::vector<std::string>& files, std::vector<Manifest>& out,
                   std::string& error) {
    for (const std::string& f : files) {
        std::vector<std::string> paths;
        if (isURL(f)) {
            paths.push_back(f);
        } else if (f != "-" && ctx.fs.isDirectory(f)) {
            for (const std::string& p : ctx.fs.listDirectory(f)) {
                std::string ext = p.substr(p.find_last_of('.') == std::string::npos ? p.size() : p.find_last_of('.'));
                if (ext == ".yaml" || ext == ".yml" || ext == ".json")
                    paths.push_back((f.back() == '/' ? f : f + "/") + p);  // filepath.Join: "app/" + "a.yaml" is app/a.yaml
            }
        } else {
            paths.push_back(f);
        }
        for (const std::string& path : paths) {
            std::string text;
            if (path == "-") {
                text = ctx.stdinText;
            } else if (isURL(path)) {
                if (!readURL(ctx, path, text, error))
                    return false;
            } else {
                auto content = ctx.fs.readFile(path);
                if (!content) {
                    error = "error: the path \"" + path + "\" does not exist\n";
                    return false;
                }
                text = *content;
            }
            codec::DecodeResult decoded = codec::decodeManifest(text);
            for (const auto& doc : decoded.documents)
                for (Json& obj : codec::flattenList(doc.value))
                    out.push_back({std::move(obj), path});
            if (!decoded.ok()) {
                error = "error: error parsing " + path + ": " + decoded.error + "\n";
                return false;
            }
        }
    }
    return true;
}

}  // namespace kp::cli
