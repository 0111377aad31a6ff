// What redis-server (the redis image) answers on its TCP port: the string and list commands
// learners try (PING, SET/GET, INCR, DEL, KEYS, EXPIRE/TTL, LPUSH/LRANGE...), with redis 7's
// replies and error texts. The data lives as long as the container: a restart starts empty, as
// the image's default (no persistence volume) does.
#pragma once
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/time.h"
#include "runtime/resp.h"

namespace kp::runtime {

class RedisServer {
public:
    // One connection: the client sent `input` and then closed its side (nc, redis-cli), so the
    // server answers every complete command in it and closes. Returns the reply bytes.
    // *closed: the server itself closed the connection (QUIT, a protocol error).
    std::string serve(const std::string& input, Time now, bool* closed = nullptr);
    // One command (argv[0] is the command name in any case).
    resp::Value execute(const std::vector<std::string>& argv, Time now, bool* quit = nullptr);

private:
    struct Entry {
        bool isList = false;
        std::string text;
        std::deque<std::string> list;
        std::optional<Time> expireAt;
    };
    Entry* find(const std::string& key, Time now);  // nullptr when absent or expired
    resp::Value incrementBy(const std::string& key, int64_t by, Time now);

    std::map<std::string, Entry> data_;
};

}  // namespace kp::runtime
