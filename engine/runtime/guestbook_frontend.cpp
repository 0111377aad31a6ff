#include "runtime/guestbook_frontend.h"

#include <cstdio>
#include <map>

#include "base/text.h"
#include "runtime/clock_text.h"
#include "runtime/resp.h"

namespace kp::runtime::guestbook {
namespace {

constexpr const char* kServer = "Apache/2.4.38 (Debian)";
constexpr const char* kPhp = "PHP/7.4.33";

// Our page in the shape of the image's index.html: an AngularJS app (module "redis",
// controller RedisCtrl) with a text box, a Submit button and the list of messages.
const char* const kIndexHtml =
    "<html ng-app=\"redis\">\n"
    "  <head>\n"
    "    <title>Guestbook</title>\n"
    "    <link rel=\"stylesheet\" href=\"//netdna.bootstrapcdn.com/bootstrap/3.1.1/css/bootstrap.min.css\">\n"
    "    <script src=\"https://ajax.googleapis.com/ajax/libs/angularjs/1.2.12/angular.min.js\"></script>\n"
    "    <script src=\"controllers.js\"></script>\n"
    "  </head>\n"
    "  <body ng-controller=\"RedisCtrl\">\n"
    "    <div style=\"width: 50%; margin-left: 20px\">\n"
    "      <h2>Guestbook</h2>\n"
    "      <form>\n"
    "        <fieldset>\n"
    "          <input ng-model=\"msg\" placeholder=\"Messages\" class=\"form-control\" type=\"text\" name=\"input\"><br>\n"
    "          <button type=\"button\" class=\"btn btn-primary\" ng-click=\"controller.onRedis()\">Submit</button>\n"
    "        </fieldset>\n"
    "      </form>\n"
    "      <div>\n"
    "        <div ng-repeat=\"msg in messages track by $index\">\n"
    "          {{msg}}\n"
    "        </div>\n"
    "      </div>\n"
    "    </div>\n"
    "  </body>\n"
    "</html>\n";

// The page's script: load the messages, and on Submit store them all, comma-separated.
const char* const kControllersJs =
    "var redisApp = angular.module('redis', []);\n"
    "\n"
    "function RedisController() {}\n"
    "\n"
    "// Submit: append the new message and store the whole list under the key \"guestbook\".\n"
    "RedisController.prototype.onRedis = function() {\n"
    "  this.scope_.messages.push(this.scope_.msg);\n"
    "  this.scope_.msg = \"\";\n"
    "  this.http_.get(\"guestbook.php?cmd=set&value=\" + this.scope_.messages.join());\n"
    "};\n"
    "\n"
    "redisApp.controller('RedisCtrl', function($scope, $http) {\n"
    "  $scope.controller = new RedisController();\n"
    "  $scope.controller.scope_ = $scope;\n"
    "  $scope.controller.http_ = $http;\n"
    "  $http.get(\"guestbook.php?cmd=get\").success(function(data) {\n"
    "    $scope.messages = data.data.split(\",\");\n"
    "  });\n"
    "});\n";

std::string envValue(const Env& env, const std::string& name) {
    for (const auto& [k, v] : env)
        if (k == name)
            return v;
    return "";
}

// $_GET: the last value of a repeated name wins.
std::map<std::string, std::string> parseQuery(const std::string& query) {
    std::map<std::string, std::string> out;
    size_t start = 0;
    while (start <= query.size()) {
        size_t amp = query.find('&', start);
        std::string pair = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
        if (!pair.empty()) {
            size_t eq = pair.find('=');
            out[queryUnescape(pair.substr(0, eq))] = eq == std::string::npos ? "" : queryUnescape(pair.substr(eq + 1));
        }
        if (amp == std::string::npos)
            break;
        start = amp + 1;
    }
    return out;
}

std::string htmlEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#039;"; break;
        default: out += c;
        }
    }
    return out;
}

// PHP's fatal error for an uncaught Predis ConnectionException, as display_errors prints it
// (html_errors is on under Apache).
// SIMPLIFICATION: the stack trace is cut to its last frame.
std::string connectionFatalError(const std::string& host, DialResult::Kind kind) {
    std::string message;
    int code = 0;
    switch (kind) {
    case DialResult::Kind::Unresolved:
        message = "php_network_getaddresses: getaddrinfo failed: Name or service not known";
        break;
    case DialResult::Kind::Timeout:
        message = "Connection timed out";
        code = 110;
        break;
    default:
        message = "Connection refused";
        code = 111;
        break;
    }
    const std::string where = "/var/www/html/vendor/predis/predis/src/Connection/AbstractConnection.php";
    std::string shortMessage = message.size() > 15 ? message.substr(0, 15) + "..." : message;
    return "<br />\n<b>Fatal error</b>:  Uncaught Predis\\Connection\\ConnectionException: " + message + " [tcp://" +
           host + ":6379] in " + where + ":155\nStack trace:\n#0 /var/www/html/vendor/predis/predis/src/Connection/"
           "StreamConnection.php(128): Predis\\Connection\\AbstractConnection-&gt;onConnectionError('" +
           htmlEscape(shortMessage) + "', " + std::to_string(code) + ")\n#1 {main}\n  thrown in <b>" + where +
           "</b> on line <b>155</b><br />\n";
}

HttpResponse notFound(const HttpRequest& request, int port) {
    std::string host = request.host.empty() ? "localhost" : request.host;
    std::string hostPort = std::to_string(port);
    if (size_t colon = host.rfind(':'); colon != std::string::npos) {
        hostPort = host.substr(colon + 1);
        host = host.substr(0, colon);
    }
    HttpResponse r;
    r.status = 404;
    r.contentType = "text/html; charset=iso-8859-1";
    r.body = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n"
             "</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n<hr>\n"
             "<address>" + std::string(kServer) + " Server at " + host + " Port " + hostPort +
             "</address>\n</body></html>\n";
    return r;
}

}  // namespace

std::optional<std::string> documentRootFile(const std::string& path) {
    if (path == "/var/www/html/index.html")
        return std::string(kIndexHtml);
    if (path == "/var/www/html/controllers.js")
        return std::string(kControllersJs);
    return std::nullopt;
}

HttpResponse serveFrontend(const HttpRequest& request, int port, const Env& env, const TcpDial& dial, Time now) {
    const size_t q = request.target.find('?');
    const std::string path = request.target.substr(0, q);
    const std::string query = q == std::string::npos ? "" : request.target.substr(q + 1);
    HttpResponse r;
    r.status = 200;
    if (path == "/" || path == "/index.html" || path == "/controllers.js") {
        r.body = *documentRootFile("/var/www/html" + (path == "/" ? std::string("/index.html") : path));
        r.contentType = path == "/controllers.js" ? "application/javascript" : "text/html";
        return r;
    }
    if (path != "/guestbook.php")
        return notFound(request, port);
    const std::map<std::string, std::string> get = parseQuery(query);
    auto cmd = get.find("cmd");
    if (cmd == get.end()) {
        // SIMPLIFICATION: phpinfo()'s page is reduced to its title and version banner.
        r.contentType = "text/html; charset=UTF-8";
        r.body = "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
                 "\"DTD/xhtml1-transitional.dtd\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head>\n"
                 "<title>PHP 7.4.33 - phpinfo()</title></head>\n<body><div class=\"center\">\n"
                 "<h1 class=\"p\">PHP Version 7.4.33</h1>\n</div></body></html>";
        return r;
    }
    // header('Content-Type: application/json') comes before any connection.
    r.contentType = "application/json";
    const bool fromEnv = envValue(env, "GET_HOSTS_FROM") == "env";
    const bool set = cmd->second == "set";
    const std::string host = set ? (fromEnv ? envValue(env, "REDIS_LEADER_SERVICE_HOST") : "redis-leader")
                                 : (fromEnv ? envValue(env, "REDIS_FOLLOWER_SERVICE_HOST") : "redis-follower");
    std::string notice;
    std::string value;
    if (set) {
        auto v = get.find("value");
        if (v == get.end())
            notice = "<br />\n<b>Notice</b>:  Undefined index: value in <b>/var/www/html/guestbook.php</b> on line "
                     "<b>37</b><br />\n";
        else
            value = v->second;
    }
    const std::string command = set ? resp::encodeCommand({"SET", "guestbook", value})
                                    : resp::encodeCommand({"GET", "guestbook"});
    DialResult reply = dial ? dial(host, 6379, command, now) : DialResult{DialResult::Kind::Unresolved, ""};
    if (reply.kind != DialResult::Kind::Reply || host.empty()) {
        r.body = notice + connectionFatalError(host, reply.kind);
        return r;
    }
    size_t pos = 0;
    std::optional<resp::Value> answer = resp::parse(reply.bytes, pos);
    if (answer && answer->type == resp::Value::Type::Error) {
        // Predis turns an error reply into a ServerException.
        // SIMPLIFICATION: the stack trace is cut to its last frame.
        r.body = notice + "<br />\n<b>Fatal error</b>:  Uncaught Predis\\Response\\ServerException: " +
                 htmlEscape(answer->text) + " in /var/www/html/vendor/predis/predis/src/Client.php:370\n"
                 "Stack trace:\n#0 {main}\n  thrown in <b>/var/www/html/vendor/predis/predis/src/Client.php</b> on line "
                 "<b>370</b><br />\n";
        return r;
    }
    if (set) {
        r.body = notice + "{\"message\": \"Updated\"}";
        return r;
    }
    r.body = "{\"data\": \"" + (answer && answer->type == resp::Value::Type::Bulk ? answer->text : std::string()) + "\"}";
    return r;
}

// Apache's combined format: %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i". %O is every
// byte sent, the status line and headers included; the headers are rebuilt here the way Apache
// 2.4 with mod_php writes them to a keep-alive HTTP/1.1 client.
std::string accessLogLine(const HttpRequest& request, const HttpResponse& response, Time now) {
    std::string headers = "HTTP/1.1 " + std::to_string(response.status) +
                          (response.status == 200 ? " OK" : response.status == 404 ? " Not Found" : " Error") + "\r\n" +
                          formatTime(now, "Date: %a, %d %b %Y %H:%M:%S GMT") + "\r\nServer: " + kServer + "\r\n";
    const bool php = request.target.rfind("/guestbook.php", 0) == 0;
    if (php)
        headers += std::string("X-Powered-By: ") + kPhp + "\r\n";
    else if (response.status == 200)
        // SIMPLIFICATION: the files' modification time is a fixed one.
        headers += "Last-Modified: Mon, 10 Jun 2024 18:22:31 GMT\r\nETag: \"" +
                   [&] {
                       char etag[32];
                       std::snprintf(etag, sizeof etag, "%zx-61a8c6d1c8b40", response.body.size());
                       return std::string(etag);
                   }() +
                   "\"\r\nAccept-Ranges: bytes\r\n";
    headers += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
    if (!php && response.status == 200)
        headers += "Vary: Accept-Encoding\r\n";
    headers += "Keep-Alive: timeout=5, max=100\r\nConnection: Keep-Alive\r\nContent-Type: " + response.contentType +
               "\r\n\r\n";
    const size_t sent = headers.size() + (request.method == "HEAD" ? 0 : response.body.size());
    std::string referer = "-";
    for (const auto& [k, v] : request.headers)
        if (k == "referer")
            referer = v;
    return request.clientIP + " - - " + formatTime(now, "[%d/%b/%Y:%H:%M:%S +0000]") + " \"" + request.method + " " +
           request.target + " HTTP/1.1\" " + std::to_string(response.status) + " " + std::to_string(sent) + " \"" +
           referer + "\" \"" + request.userAgent + "\"";
}

std::vector<std::string> startupLines(const std::string& podIP, Time start) {
    const std::string ah = "AH00558: apache2: Could not reliably determine the server's fully qualified domain name, "
                           "using " + podIP + ". Set the 'ServerName' directive globally to suppress this message";
    const std::string stamp = formatTime(start, "[%a %b %d %H:%M:%S.") +
                              std::to_string(1000000 + (start.ms % 1000) * 1000).substr(1) + formatTime(start, " %Y]");
    return {ah, ah,
            stamp + " [mpm_prefork:notice] [pid 1] AH00163: " + kServer + " " + kPhp +
                " configured -- resuming normal operations",
            stamp + " [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'"};
}

}  // namespace kp::runtime::guestbook
