#include "network/http_wire.h"

#include <cctype>
#include <cstdlib>

#include "base/text.h"
#include "network/curl.h"

namespace kp::network {
namespace {

std::string trim(const std::string& s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t'))
        ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        --e;
    return s.substr(b, e - b);
}

}  // namespace

std::optional<runtime::HttpRequest> parseHttpRequest(const std::string& bytes) {
    runtime::HttpRequest r;
    r.userAgent.clear();
    size_t pos = 0;
    bool first = true;
    int64_t contentLength = 0;
    while (true) {
        const size_t end = bytes.find('\n', pos);
        if (end == std::string::npos)
            return std::nullopt;  // the headers never ended
        std::string line = bytes.substr(pos, end - pos);
        pos = end + 1;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (first) {
            const size_t s1 = line.find(' '), s2 = s1 == std::string::npos ? s1 : line.find(' ', s1 + 1);
            if (s2 == std::string::npos || line.compare(s2 + 1, 5, "HTTP/") != 0)
                return std::nullopt;
            r.method = line.substr(0, s1);
            r.target = line.substr(s1 + 1, s2 - s1 - 1);
            first = false;
            continue;
        }
        if (line.empty())
            break;
        const size_t colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        const std::string name = asciiLower(trim(line.substr(0, colon)));
        const std::string value = trim(line.substr(colon + 1));
        if (name == "host")
            r.host = value;
        else if (name == "user-agent")
            r.userAgent = value;
        else
            r.headers.emplace_back(name, value);
        if (name == "content-length")
            contentLength = std::atoll(value.c_str());
    }
    if (contentLength > 0)
        r.body = bytes.substr(pos, static_cast<size_t>(contentLength));
    return r;
}

bool wantsClose(const std::string& bytes, const runtime::HttpRequest& request) {
    for (const auto& [name, value] : request.headers)
        if (name == "connection")
            return asciiLower(value) == "close";
    const size_t eol = bytes.find('\n');
    const std::string requestLine = bytes.substr(0, eol);
    return requestLine.find(" HTTP/1.0") != std::string::npos;
}

std::string httpResponseHead(const runtime::HttpResponse& response) {
    const std::string reason = response.reason.empty() ? httpReasonPhrase(response.status) : response.reason;
    return "HTTP/1.1 " + std::to_string(response.status) + " " + reason + "\r\n" + "Content-Type: " +
           response.contentType + "\r\n" + "Content-Length: " + std::to_string(response.body.size()) + "\r\n\r\n";
}

std::string httpResponseBytes(const runtime::HttpResponse& response, bool head) {
    return httpResponseHead(response) + (head ? "" : response.body);
}

}  // namespace kp::network
