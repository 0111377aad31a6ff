// The frontend of the Kubernetes "PHP Guestbook application with Redis" tutorial
// (gb-frontend:v5: Apache 2.4 with PHP 7.4 on Debian buster, the guestbook page and
// guestbook.php, which talks to redis through Predis).
//
// guestbook.php (GoogleCloudPlatform/kubernetes-engine-samples quickstarts/guestbook/php-redis):
//   - ?cmd=set&value=V   connects to `redis-leader` port 6379 (GET_HOSTS_FROM=env: to
//                        $REDIS_LEADER_SERVICE_HOST), runs SET guestbook V and prints
//                        {"message": "Updated"}
//   - ?cmd=get           connects to `redis-follower` (or $REDIS_FOLLOWER_SERVICE_HOST), runs
//                        GET guestbook and prints {"data": "V"} (V pasted in, unescaped)
//   - other cmd values read like get; no cmd at all prints phpinfo().
//   Since v5 the key is always "guestbook": a `key=` parameter (older versions) is ignored.
//   A connection that fails ends the script with PHP's fatal error for Predis'
//   ConnectionException, printed into the JSON response (display_errors is on, so the status
//   stays 200).
// The page (index.html, controllers.js) is an AngularJS app that reads the messages with
// cmd=get and appends one with cmd=set&value=<all messages, comma-separated>.
//
// Every request leaves an Apache "combined" access-log line on the container's stdout.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "base/time.h"
#include "runtime/process.h"
#include "runtime/tcp_dial.h"

namespace kp::runtime::guestbook {

using Env = std::vector<std::pair<std::string, std::string>>;

// What Apache and guestbook.php answer on port 80. `dial` reaches redis as the pod does.
HttpResponse serveFrontend(const HttpRequest& request, int port, const Env& env, const TcpDial& dial, Time now);

// The access-log line for a request and its response (LogFormat "combined"; %O counts the
// response headers too).
std::string accessLogLine(const HttpRequest& request, const HttpResponse& response, Time now);

// What apache2-foreground prints on stderr when the container starts.
std::vector<std::string> startupLines(const std::string& podIP, Time start);

// The files the image serves from /var/www/html.
std::optional<std::string> documentRootFile(const std::string& path);

}  // namespace kp::runtime::guestbook
