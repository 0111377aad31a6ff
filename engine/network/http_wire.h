// HTTP/1.1 as bytes on a connection, for tools that speak raw TCP (nc): the request a client
// wrote, and the response a server writes back.
#pragma once
#include <optional>
#include <string>

#include "runtime/process.h"

namespace kp::network {

// The request in `bytes` (request line, headers up to the blank line, Content-Length of body),
// or nullopt when the bytes end before the headers do or do not start with a request line.
std::optional<runtime::HttpRequest> parseHttpRequest(const std::string& bytes);

// Whether the server closes the connection after answering (HTTP/1.0, "Connection: close").
bool wantsClose(const std::string& bytes, const runtime::HttpRequest& request);

// Status line and headers as curl -i shows them.
// SIMPLIFICATION: only Content-Type and Content-Length; servers' own headers (Server, Date,
// ETag, Connection) are not modelled.
std::string httpResponseHead(const runtime::HttpResponse& response);
// Status line, headers and (unless for a HEAD request) the body.
std::string httpResponseBytes(const runtime::HttpResponse& response, bool head);

}  // namespace kp::network
